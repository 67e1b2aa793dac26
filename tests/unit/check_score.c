/* check_score.c: unit tests of the score model: parsing, features, prediction. */
#include "config.h"
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ug/score.h"

static const char *model_txt =
    "# comment\n"
    "bias\t2\nplatt_a\t1.5\nplatt_b\t-0.5\nthreshold\t0.6\n"
    "glued_words\t1.0\nstray_period\t0.5\n";

START_TEST(test_parse)
{
    ug_model m;
    size_t line = 0;
    ck_assert_int_eq(ug_model_parse(&m, model_txt, strlen(model_txt), &line), UG_OK);
    ck_assert_uint_eq(m.n, 2);
    ck_assert_str_eq(m.names[1], "stray_period");
    ck_assert(fabs(m.platt_a - 1.5) < 1e-12 && fabs(m.threshold - 0.6) < 1e-12);
    ck_assert_int_eq(ug_model_find(&m, "stray_period"), 1);
    ck_assert_int_eq(ug_model_find(&m, "nope"), -1);
    const char *bad[] = { "bias 2\n", "glued_words\t-0.1\n", "x\tabc\n", "threshold\t1.5\n", "a\t1e999\n",
                          "platt_a\t-1\n", "x\t1\0junk\n", "\0\t\0\n" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        line = 0;
        size_t blen = strlen(bad[i]);
        if (i >= 6)
            blen = i == 6 ? 10 : 4;     /* these hold NUL bytes */
        ck_assert_int_eq(ug_model_parse(&m, bad[i], blen, &line), UG_EINVAL);
        ck_assert_uint_eq(line, 1);
    }
}
END_TEST

START_TEST(test_feature)
{
    ck_assert(ug_score_feature(0, 500) == 0);
    /* rate per 1,000 words, damped, floor of 50 words */
    ck_assert(fabs(ug_score_feature(1, 1000) - log1p(1.0)) < 1e-12);
    ck_assert(fabs(ug_score_feature(1, 10) - log1p(20.0)) < 1e-12);
    ck_assert(ug_score_feature(2, 1000) > ug_score_feature(1, 1000));
    ck_assert(ug_score_feature(1, 2000) < ug_score_feature(1, 1000));
}
END_TEST

START_TEST(test_predict)
{
    ug_model m;
    ck_assert_int_eq(ug_model_parse(&m, model_txt, strlen(model_txt), NULL), UG_OK);
    double none[2] = { 0, 0 }, some[2] = { 1, 0 }, more[2] = { 2, 1 }, c[2];
    double p0 = ug_model_predict(&m, none, c), p1 = ug_model_predict(&m, some, c);
    double p2 = ug_model_predict(&m, more, c);
    /* no findings: the calibrated bias */
    ck_assert(fabs(p0 - 1.0 / (1.0 + exp(-(1.5 * 2 - 0.5)))) < 1e-12);
    /* more findings never raise the score (non-negative weights) */
    ck_assert(p0 > p1 && p1 > p2);
    ck_assert(p2 > 0 && p0 < 1);
    ck_assert(fabs(c[0] - 2.0) < 1e-12 && fabs(c[1] - 0.5) < 1e-12);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("model");
    tcase_add_test(tc, test_parse);
    tcase_add_test(tc, test_feature);
    tcase_add_test(tc, test_predict);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
