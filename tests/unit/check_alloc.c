/* check_alloc.c: allocation-failure injection: every allocation of a representative run fails in turn and comes back as UG_ENOMEM. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "ug/ug.h"

static const char *doc =
    "\xef\xbb\xbf" "Headline with “quotes” &amp; caf\xc3\x83\xc2\xa9\r\n"
    "A line\u00a0with  spaces, e\u0301, \ufb01, ＦＵＬＬ, \u200b and &eacute;\n"
    "Plain ASCII line.\n";

/* Runs normalize once; returns its status and frees everything. */
static ug_status run_normalize(size_t *outlen)
{
    ug_buf out = { 0 };
    ug_norm_result r;
    ug_status st = ug_normalize_buf(doc, strlen(doc), NULL, &out, &r);
    if (st == UG_OK) {
        ug_buf j = { 0 };
        st = ug_norm_result_json(&r, &j);
        ug_buf_free(&j);
    }
    *outlen = out.len;
    ug_norm_result_free(&r);
    ug_buf_free(&out);
    return st;
}

START_TEST(test_normalize_every_allocation)
{
    size_t good_len;
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(run_normalize(&good_len), UG_OK);
    ug_alloc_fail_after(1L << 30);
    run_normalize(&good_len);
    unsigned long total = ug_alloc_count();
    ck_assert_uint_gt(total, 5);
    for (unsigned long n = 0; n < total; n++) {
        size_t len;
        ug_alloc_fail_after((long)n);
        ug_status st = run_normalize(&len);
        ck_assert_msg(st == UG_ENOMEM, "failure at allocation %lu gave status %d", n, st);
    }
    ug_alloc_fail_after(-1);
    size_t again;
    ck_assert_int_eq(run_normalize(&again), UG_OK);
    ck_assert_uint_eq(again, good_len);
}
END_TEST

static const char *line = "{\"id\":\"d1\",\"n\":1.0e+02,\"text\":\"caf\\u00e9 \\ud83d\\ude00\",\"ug\":{\"norm\":{},\"x\":[1,{\"y\":null}]}}";

static ug_status run_record(void)
{
    ug_record rec = { 0 };
    ug_buf out = { 0 }, dec = { 0 };
    ug_error err;
    ug_status st = ug_record_parse(&rec, line, strlen(line), 0, &err);
    if (st == UG_OK) {
        long t = ug_record_find(&rec, "text");
        st = ug_json_decode_string(rec.m[t].val, rec.m[t].val_len, &dec);
    }
    if (st == UG_OK) {
        ug_field top = { "text", "\"x\"", 3 }, ug = { "score", "0.5", 3 };
        st = ug_record_write(&out, &rec, &top, 1, &ug, 1);
    }
    ug_record_free(&rec);
    ug_buf_free(&out);
    ug_buf_free(&dec);
    return st;
}

START_TEST(test_record_every_allocation)
{
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(run_record(), UG_OK);
    ug_alloc_fail_after(1L << 30);
    run_record();
    unsigned long total = ug_alloc_count();
    ck_assert_uint_gt(total, 2);
    for (unsigned long n = 0; n < total; n++) {
        ug_alloc_fail_after((long)n);
        ug_status st = run_record();
        ck_assert_msg(st == UG_ENOMEM, "failure at allocation %lu gave status %d", n, st);
    }
    ug_alloc_fail_after(-1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("inject");
    tcase_add_test(tc, test_normalize_every_allocation);
    tcase_add_test(tc, test_record_every_allocation);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
