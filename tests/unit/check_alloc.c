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

static const char *mt_doc =
    "Blinkens ride on China comes as the talks includedUS controlson trade.\n"
    "I hope we can make some progress, Blinken said. Washington, which she says has its dangerous. behavior.\n"
    "Blinken met Wang. Blinken spoke. Blinken left. The meeting. of the State.\n"
    "El ministro de Asuntos Exteriores saluda a su homologo en el puerto de la ciudad.\n"
    "Skip to content\nthe the the the the\nthe the the the the\n";

/* Sentence collector for the detector walk. */
typedef struct { ug_sentence v[64]; size_t n; } sents_t;
static ug_status collect(void *ctx, const ug_sentence *s)
{
    sents_t *c = ctx;
    if (c->n < 64)
        c->v[c->n++] = *s;
    return UG_OK;
}

/* Runs every detector over mt_doc once. */
static ug_status run_detect(size_t *found)
{
    sents_t ss = { .n = 0 };
    ug_segmenter *sg = ug_segmenter_new(NULL);
    if (!sg)
        return UG_ENOMEM;
    ug_status st = ug_segment(sg, mt_doc, strlen(mt_doc), collect, &ss);
    ug_segmenter_free(sg);
    if (st)
        return st;
    ug_doc d = { mt_doc, strlen(mt_doc), ss.v, ss.n, -1, -1, -1, -1 };
    ug_findings f = { 0 };
    st = ug_detect(&d, NULL, &f);
    *found = f.n;
    ug_findings_free(&f);
    return st;
}

START_TEST(test_detect_every_allocation)
{
    size_t good, n;
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(run_detect(&good), UG_OK);
    ck_assert_uint_gt(good, 5);
    ug_alloc_fail_after(1L << 30);
    run_detect(&n);
    unsigned long total = ug_alloc_count();
    ck_assert_uint_gt(total, 5);
    for (unsigned long k = 0; k < total; k++) {
        ug_alloc_fail_after((long)k);
        ug_status st = run_detect(&n);
        ck_assert_msg(st == UG_ENOMEM, "failure at allocation %lu gave status %d", k, st);
    }
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(run_detect(&n), UG_OK);
    ck_assert_uint_eq(n, good);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("inject");
    tcase_add_test(tc, test_normalize_every_allocation);
    tcase_add_test(tc, test_record_every_allocation);
    tcase_add_test(tc, test_detect_every_allocation);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
