/* check_entities.c: unit tests for the HTML5 named character reference lookup. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "entities.h"
#include "entities_table.h"

/* Looks up the NUL-terminated name s; stores the result count in *n and the
 * code points in cps (pre-filled with a sentinel so untouched slots show). */
static void lookup_str(const char *s, int *n, uint32_t cps[2])
{
    cps[0] = cps[1] = 0xFFFFFFFFu;
    *n = ugi_entity_lookup(s, strlen(s), cps);
}

START_TEST(test_amp)
{
    uint32_t cps[2];
    int n;

    lookup_str("amp", &n, cps);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(cps[0], 0x26);
    ck_assert_uint_eq(cps[1], 0);
}
END_TEST

START_TEST(test_nbsp)
{
    uint32_t cps[2];
    int n;

    lookup_str("nbsp", &n, cps);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(cps[0], 0xA0);
}
END_TEST

START_TEST(test_eacute)
{
    uint32_t cps[2];
    int n;

    lookup_str("eacute", &n, cps);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(cps[0], 0xE9);
}
END_TEST

START_TEST(test_two_code_points)
{
    uint32_t cps[2];
    int n;

    lookup_str("NotEqualTilde", &n, cps);
    ck_assert_int_eq(n, 2);
    ck_assert_uint_eq(cps[0], 0x2242);
    ck_assert_uint_eq(cps[1], 0x0338);
}
END_TEST

START_TEST(test_case_sensitive)
{
    uint32_t cps[2];
    int n;

    lookup_str("AMP", &n, cps);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(cps[0], 0x26);
    lookup_str("amp", &n, cps);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(cps[0], 0x26);
    lookup_str("Amp", &n, cps);
    ck_assert_int_eq(n, 0);
    ck_assert_uint_eq(cps[0], 0xFFFFFFFFu); /* untouched on failure */
}
END_TEST

START_TEST(test_unknown)
{
    uint32_t cps[2];
    int n;

    lookup_str("notanentity", &n, cps);
    ck_assert_int_eq(n, 0);
    lookup_str("zzzzz", &n, cps); /* above the last row */
    ck_assert_int_eq(n, 0);
    lookup_str("AAAA", &n, cps);  /* below the first row */
    ck_assert_int_eq(n, 0);
    lookup_str("amp;", &n, cps);  /* the ';' is not part of the name */
    ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_empty)
{
    uint32_t cps[2] = { 7, 7 };

    ck_assert_int_eq(ugi_entity_lookup("", 0, cps), 0);
    ck_assert_int_eq(ugi_entity_lookup("amp", 0, cps), 0);
    ck_assert_int_eq(ugi_entity_lookup(NULL, 0, cps), 0);
    ck_assert_uint_eq(cps[0], 7);
    ck_assert_uint_eq(cps[1], 7);
}
END_TEST

START_TEST(test_too_long)
{
    char buf[UGI_ENTITY_MAX_NAME + 2];
    uint32_t cps[2];
    int n;

    /* The longest name is found; one more byte is not. */
    lookup_str("CounterClockwiseContourIntegral", &n, cps);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(cps[0], 0x2233);
    ck_assert_uint_eq(strlen("CounterClockwiseContourIntegral"),
                      UGI_ENTITY_MAX_NAME);
    lookup_str("CounterClockwiseContourIntegralX", &n, cps);
    ck_assert_int_eq(n, 0);

    memset(buf, 'a', sizeof buf);
    ck_assert_int_eq(ugi_entity_lookup(buf, sizeof buf, cps), 0);
    ck_assert_int_eq(ugi_entity_lookup(buf, (size_t)-1, cps), 0);
}
END_TEST

START_TEST(test_prefix)
{
    uint32_t cps[2];
    int n;

    lookup_str("am", &n, cps);
    ck_assert_int_eq(n, 0);
    lookup_str("a", &n, cps);
    ck_assert_int_eq(n, 0);
    lookup_str("NotEqualTild", &n, cps);
    ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_not_terminated)
{
    static const char text[] = "ampersand";
    uint32_t cps[2];

    /* Only name[0..len) counts; the bytes after it are ignored. */
    ck_assert_int_eq(ugi_entity_lookup(text, 3, cps), 1);
    ck_assert_uint_eq(cps[0], 0x26);
    ck_assert_int_eq(ugi_entity_lookup(text, 2, cps), 0);
}
END_TEST

START_TEST(test_embedded_nul)
{
    uint32_t cps[2];

    ck_assert_int_eq(ugi_entity_lookup("amp\0", 4, cps), 0);
    ck_assert_int_eq(ugi_entity_lookup("a\0mp", 4, cps), 0);
    ck_assert_int_eq(ugi_entity_lookup("\0amp", 4, cps), 0);
    ck_assert_int_eq(ugi_entity_lookup("\0", 1, cps), 0);
}
END_TEST

START_TEST(test_null_cps)
{
    ck_assert_int_eq(ugi_entity_lookup("amp", 3, NULL), 1);
    ck_assert_int_eq(ugi_entity_lookup("NotEqualTilde", 13, NULL), 2);
    ck_assert_int_eq(ugi_entity_lookup("Amp", 3, NULL), 0);
}
END_TEST

START_TEST(test_round_trip)
{
    size_t i, longest = 0;

    ck_assert_int_gt(UGI_ENTITY_COUNT, 2000);
    for (i = 0; i < UGI_ENTITY_COUNT; i++) {
        const ugi_entity *e = &ugi_entity_table[i];
        size_t len = strlen(e->name);
        uint32_t cps[2] = { 0xFFFFFFFFu, 0xFFFFFFFFu };
        int want = e->cp[1] != 0 ? 2 : 1;
        int n = ugi_entity_lookup(e->name, len, cps);

        ck_assert_msg(n == want, "row %zu \"%s\": got %d code points, want %d",
                      i, e->name, n, want);
        ck_assert_msg(cps[0] == e->cp[0] && cps[1] == e->cp[1],
                      "row %zu \"%s\": wrong code points", i, e->name);
        ck_assert_msg(e->cp[0] != 0 && e->cp[0] <= 0x10FFFF
                          && e->cp[1] <= 0x10FFFF,
                      "row %zu \"%s\": code point out of range", i, e->name);
        ck_assert_msg(len >= 1 && len <= UGI_ENTITY_MAX_NAME,
                      "row %zu \"%s\": bad name length %zu", i, e->name, len);
        if (len > longest)
            longest = len;
    }
    ck_assert_uint_eq(longest, UGI_ENTITY_MAX_NAME);
}
END_TEST

START_TEST(test_sorted)
{
    size_t i;

    for (i = 1; i < UGI_ENTITY_COUNT; i++)
        ck_assert_msg(strcmp(ugi_entity_table[i - 1].name,
                             ugi_entity_table[i].name) < 0,
                      "rows %zu \"%s\" and %zu \"%s\" are not strictly sorted",
                      i - 1, ugi_entity_table[i - 1].name,
                      i, ugi_entity_table[i].name);
}
END_TEST

/* Builds the entity lookup suite; the caller owns the result. */
static Suite *entities_suite(void)
{
    Suite *s = suite_create("entities");
    TCase *tc = tcase_create("lookup");

    tcase_add_test(tc, test_amp);
    tcase_add_test(tc, test_nbsp);
    tcase_add_test(tc, test_eacute);
    tcase_add_test(tc, test_two_code_points);
    tcase_add_test(tc, test_case_sensitive);
    tcase_add_test(tc, test_unknown);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_too_long);
    tcase_add_test(tc, test_prefix);
    tcase_add_test(tc, test_not_terminated);
    tcase_add_test(tc, test_embedded_nul);
    tcase_add_test(tc, test_null_cps);
    suite_add_tcase(s, tc);

    tc = tcase_create("table");
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_sorted);
    suite_add_tcase(s, tc);
    return s;
}

/* Runs the suite; exits with EXIT_SUCCESS iff no test failed. */
int main(void)
{
    SRunner *sr = srunner_create(entities_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
