/* check_score.c: unit tests of the score model: parsing, features, prediction. */
#include "config.h"
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ug/score.h"

static const char *model_txt =
    "# comment\n"
    "bias\t2\nplatt_a\t1.5\nplatt_b\t-0.5\nthreshold\t0.6\n"
    "glued_words\t1.0\nstray_period\t0.5\n";

/* Parses the model text @p txt into @p m, which must succeed. */
static void parse_ok(ug_model *m, const char *txt)
{
    size_t line = 0;
    ck_assert_int_eq(ug_model_parse(m, txt, strlen(txt), &line), UG_OK);
}

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
    parse_ok(&m, model_txt);
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

/* the isotonic knots: parsed in order, applied after Platt, linear between
   knots, scaled to 0 and 1 outside them, and rejected out of order */
START_TEST(test_isotonic)
{
    static const char txt[] = "bias\t0\nplatt_a\t1\nplatt_b\t0\nglued_words\t1\n"
                              "iso\t0.2\t0.1\niso\t0.5\t0.3\niso\t0.8\t0.9\n";
    ug_model m;
    parse_ok(&m, txt);
    ck_assert_uint_eq(m.nknots, 3);
    ck_assert_uint_eq(m.n, 1);
    /* Platt probability sigmoid(-x) for glued_words feature x */
    double x, p;
    x = 0;                              /* p = 0.5: the middle knot */
    ck_assert(fabs(ug_model_predict(&m, &x, NULL) - 0.3) < 1e-12);
    x = -log(0.65 / 0.35);              /* p = 0.65: halfway from 0.5 to 0.8 */
    ck_assert(fabs(ug_model_predict(&m, &x, NULL) - 0.6) < 1e-9);
    x = log(0.9 / 0.1);                 /* p = 0.1: half of the first knot */
    ck_assert(fabs(ug_model_predict(&m, &x, NULL) - 0.05) < 1e-9);
    x = -log(0.9 / 0.1);                /* p = 0.9: halfway from 0.8 to 1 */
    ck_assert(fabs(ug_model_predict(&m, &x, NULL) - 0.95) < 1e-9);
    /* increasing in p: more findings, lower score */
    double prev = 2;
    for (x = -6; x <= 6; x += 0.25) {
        p = ug_model_predict(&m, &x, NULL);
        ck_assert(p < prev && p >= 0 && p <= 1);
        prev = p;
    }
    const char *bad[] = { "iso\t0.5\n", "iso\t0.5\t1.5\n", "iso\t-0.1\t0.5\n",
                          "iso\t0.5\t0.5\niso\t0.5\t0.6\n", "iso\t0.5\t0.5\niso\t0.6\t0.4\n",
                          "iso\t0.5\tx\n" };
    size_t line;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        line = 0;
        ck_assert_int_eq(ug_model_parse(&m, bad[i], strlen(bad[i]), &line), UG_EINVAL);
        ck_assert_uint_eq(line, i == 3 || i == 4 ? 2 : 1);
    }
    /* too many knots */
    char big[4096] = "";
    for (int k = 0; k <= UG_SCORE_MAX_KNOTS; k++) {
        char ln[40];
        snprintf(ln, sizeof ln, "iso\t%.4f\t%.4f\n", (k + 1) / 100.0, (k + 1) / 100.0);
        strcat(big, ln);
    }
    ck_assert_int_eq(ug_model_parse(&m, big, strlen(big), &line), UG_EINVAL);
    ck_assert_uint_eq(line, UG_SCORE_MAX_KNOTS + 1);
}
END_TEST

/* the map stays within [0, 1] where its arithmetic rounds past an end:
   a Platt probability of exactly 1 above a last knot of 0.042172098 gave
   1 + 2^-52 */
START_TEST(test_isotonic_bounds)
{
    static const char txt[] = "bias\t0\nplatt_a\t1\nplatt_b\t1766\nglued_words\t1\n"
                              "iso\t0.002418322\t0\niso\t0.042172098\t0.018698\n";
    ug_model m;
    parse_ok(&m, txt);
    double x = 0;
    double p = ug_model_predict(&m, &x, NULL);
    ck_assert(p <= 1 && p > 0.999999);
    for (x = 0; x <= 2000; x += 7.5) {
        p = ug_model_predict(&m, &x, NULL);
        ck_assert_msg(p >= 0 && p <= 1, "x = %g: p = %.17g", x, p);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("model");
    tcase_add_test(tc, test_parse);
    tcase_add_test(tc, test_feature);
    tcase_add_test(tc, test_predict);
    tcase_add_test(tc, test_isotonic);
    tcase_add_test(tc, test_isotonic_bounds);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
