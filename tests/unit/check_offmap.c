/* check_offmap.c: unit tests of the output -> raw offset map. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "ug/offmap.h"

START_TEST(test_identity)
{
    ug_offmap m = { 0 };
    m.out_len = m.in_len = 10;
    size_t a, b, l, c;
    ug_offmap_span(&m, 2, 5, &a, &b);
    ck_assert_uint_eq(a, 2); ck_assert_uint_eq(b, 5);
    ug_offmap_span(&m, 8, 50, &a, &b);          /* clamped */
    ck_assert_uint_eq(a, 8); ck_assert_uint_eq(b, 10);
    ug_offmap_linecol(&m, "ab\ncd\nefgh", 10, 7, &l, &c);
    ck_assert_uint_eq(l, 3); ck_assert_uint_eq(c, 2);
}
END_TEST

START_TEST(test_replacement_segments)
{
    /* raw "x&amp;y" -> out "x&y": anchors (1,1) and (2,6) */
    ug_offmap m = { 0 };
    m.out_len = 3; m.in_len = 7;
    ck_assert_int_eq(ug_offmap_add(&m, 1, 1, 1, 2), UG_OK);
    ck_assert_int_eq(ug_offmap_add(&m, 2, 6, 1, 7), UG_OK);
    size_t a, b;
    ug_offmap_span(&m, 1, 2, &a, &b);
    ck_assert_uint_eq(a, 1); ck_assert_uint_eq(b, 6);
    ug_offmap_span(&m, 2, 3, &a, &b);
    ck_assert_uint_eq(a, 6); ck_assert_uint_eq(b, 7);
    ug_offmap_span(&m, 0, 3, &a, &b);
    ck_assert_uint_eq(a, 0); ck_assert_uint_eq(b, 7);
    ug_offmap_span(&m, 2, 2, &a, &b);           /* empty span */
    ck_assert_uint_eq(a, 6); ck_assert_uint_eq(b, 6);
    /* order is enforced */
    ck_assert_int_eq(ug_offmap_add(&m, 1, 9, 1, 1), UG_EINVAL);
    ck_assert_int_eq(ug_offmap_add(&m, 3, 5, 1, 1), UG_EINVAL);
    ug_offmap_free(&m);
    ck_assert_ptr_null(m.v);
}
END_TEST

START_TEST(test_json)
{
    ug_offmap m = { 0 };
    const char *ok[] = { "[]", " [ ] ", "[[0,0,1,1]]", "[[1,2,3,4] , [5,6,7,8]]" };
    const char *bad[] = { "", "[", "[[1,2,3]]", "[[1,2,3,4],]", "[[2,2,1,1],[1,1,1,1]]", "[[-1,0,1,1]]",
                          "[[1,2,3,4]] x", "[[99999999999999999999999,0,1,1]]", "{}" };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        ck_assert_msg(ug_offmap_from_json(&m, ok[i], strlen(ok[i])) == UG_OK, "rejected %s", ok[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ug_offmap_from_json(&m, bad[i], strlen(bad[i])) == UG_EJSON, "accepted %s", bad[i]);
    ck_assert_int_eq(ug_offmap_from_json(&m, ok[3], strlen(ok[3])), UG_OK);
    ck_assert_uint_eq(m.n, 2);
    ck_assert_uint_eq(m.v[1].col, 8);
    ug_offmap_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("offmap");
    TCase *tc = tcase_create("map");
    tcase_add_test(tc, test_identity);
    tcase_add_test(tc, test_replacement_segments);
    tcase_add_test(tc, test_json);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
