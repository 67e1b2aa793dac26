/* fuzz_score.c: libFuzzer harness for the score model (ug_model_parse, ug_score_feature, ug_model_predict) with property checks.
 *
 * The input is read two ways: from the front as a weights file for
 * ug_model_parse(), and from the back as a stream of numbers that become
 * detector counts and word counts for the feature and prediction checks
 * (run with the parsed model when it parses, and always with a fixed
 * model shaped like data/weights-en.tsv).
 *
 * Properties (abort() on violation):
 *   - parsing never crashes; on success at most UG_SCORE_MAX_FEATURES
 *     features with non-empty NUL-terminated names, finite weights >= 0,
 *     finite bias and calibration, threshold in [0, 1]; ug_model_find()
 *     finds every name (its first occurrence); the model written back as
 *     TSV parses to the same model; on failure UG_EINVAL with the line
 *     number of a line that exists;
 *   - ug_score_feature(count, words) is finite, >= 0, 0 for count 0,
 *     non-decreasing in count, non-increasing in words, and the same for
 *     every words below 50;
 *   - ug_model_predict() is in [0, 1], the same with or without contrib,
 *     contrib[i] = weight[i] * x[i]; with platt_a >= 0 adding a count
 *     never raises the score and no count beats all zeros (with a
 *     negative platt_a the direction is reversed).
 */
#include "config.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ug/score.h"

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "fuzz_score: property failed at line %d: %s\n",     \
                    __LINE__, #cond);                                           \
            abort();                                                            \
        }                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A model like the built-in one, for the feature checks of inputs that
 * are not valid weights files. */
static const char fixed_model[] =
    "# fixed model of the harness\n"
    "bias\t0.6\nplatt_a\t2.4\nplatt_b\t-0.76\nthreshold\t0.5\n"
    "glued_words\t2.7\nstray_period\t2.8\nfragment\t0.07\nquotes_missing\t0.31\n"
    "unquoted_speech\t0.58\nquote_unbalanced\t0\npossessive_loss\t1.8\n"
    "pronoun_mismatch\t0.19\nforeign_span\t3.3\nforeign_residue\t2.8\ncalque\t0\n"
    "typography_flattened\t0\n";

/* ---- numbers from the back of the input -------------------------------- */

typedef struct {
    const uint8_t *p;
    size_t n;       /* bytes left, taken from p[n - 1] down */
} reader;

static unsigned take_byte(reader *r)
{
    if (r->n == 0)
        return 0;
    return r->p[--r->n];
}

/* A count: mostly small, sometimes any size_t (0xFF prefix). */
static size_t take_count(reader *r)
{
    unsigned b = take_byte(r);
    if (b != 0xFF)
        return b < 0xE0 ? b % 16 : b;
    size_t v = 0;
    for (size_t k = 0; k < sizeof v; k++)
        v = (v << 8) | take_byte(r);
    return v;
}

/* A word count: 0 to 65535, sometimes any size_t (0xFF 0xFF prefix). */
static size_t take_words(reader *r)
{
    unsigned hi = take_byte(r), lo = take_byte(r);
    if (hi == 0xFF && lo == 0xFF) {
        size_t v = 0;
        for (size_t k = 0; k < sizeof v; k++)
            v = (v << 8) | take_byte(r);
        return v;
    }
    return (hi << 8) | lo;
}

/* ---- the properties ---------------------------------------------------- */

static int is_finite_num(double v) { return isfinite(v); }

/* The feature function on its own. */
static void check_feature(size_t count, size_t words)
{
    double x = ug_score_feature(count, words);
    CHECK(is_finite_num(x) && x >= 0);
    if (count == 0)
        CHECK(x == 0);
    CHECK(ug_score_feature(0, words) == 0);
    if (words < 50)
        CHECK(x == ug_score_feature(count, 50));
    if (count < SIZE_MAX)
        CHECK(ug_score_feature(count + 1, words) >= x);
    if (words < SIZE_MAX)
        CHECK(ug_score_feature(count, words + 1) <= x);
    if (words > 0)
        CHECK(ug_score_feature(count, words - 1) >= x);
}

/* A parsed model holds what the parser promises. */
static void check_model(const ug_model *m)
{
    CHECK(m->n <= UG_SCORE_MAX_FEATURES);
    CHECK(is_finite_num(m->bias) && is_finite_num(m->platt_a) && is_finite_num(m->platt_b));
    CHECK(is_finite_num(m->threshold) && m->threshold >= 0 && m->threshold <= 1);
    for (size_t i = 0; i < m->n; i++) {
        CHECK(memchr(m->names[i], 0, sizeof m->names[i]) != NULL);
        CHECK(m->names[i][0] != 0);
        CHECK(is_finite_num(m->weight[i]) && m->weight[i] >= 0);
        long j = ug_model_find(m, m->names[i]);
        CHECK(j >= 0 && (size_t)j <= i && strcmp(m->names[(size_t)j], m->names[i]) == 0);
    }
}

/* The model written back as TSV parses to the same model. */
static void check_round_trip(const ug_model *m)
{
    size_t cap = 256 + m->n * 96;
    char *s = malloc(cap);
    CHECK(s != NULL);
    int k = snprintf(s, cap, "bias\t%.17g\nplatt_a\t%.17g\nplatt_b\t%.17g\nthreshold\t%.17g\n",
                     m->bias, m->platt_a, m->platt_b, m->threshold);
    CHECK(k > 0 && (size_t)k < cap);
    size_t len = (size_t)k;
    for (size_t i = 0; i < m->n; i++) {
        k = snprintf(s + len, cap - len, "%s\t%.17g\n", m->names[i], m->weight[i]);
        CHECK(k > 0 && (size_t)k < cap - len);
        len += (size_t)k;
    }
    ug_model b;
    size_t line = 0;
    CHECK(ug_model_parse(&b, s, len, &line) == UG_OK);
    CHECK(b.n == m->n);
    CHECK(b.bias == m->bias && b.platt_a == m->platt_a && b.platt_b == m->platt_b &&
          b.threshold == m->threshold);
    for (size_t i = 0; i < m->n; i++)
        CHECK(strcmp(b.names[i], m->names[i]) == 0 && b.weight[i] == m->weight[i]);
    free(s);
}

/* Predictions of @p m on counts and word counts read from @p r. */
static void check_predict(const ug_model *m, reader *r)
{
    size_t n = m->n;
    size_t count[UG_SCORE_MAX_FEATURES];
    double x[UG_SCORE_MAX_FEATURES], zero[UG_SCORE_MAX_FEATURES], contrib[UG_SCORE_MAX_FEATURES];
    size_t words = take_words(r);
    for (size_t i = 0; i < n; i++) {
        count[i] = take_count(r);
        x[i] = ug_score_feature(count[i], words);
        zero[i] = 0;
        check_feature(count[i], words);
    }
    double p = ug_model_predict(m, x, contrib);
    CHECK(p >= 0 && p <= 1);        /* false for NaN too */
    CHECK(ug_model_predict(m, x, NULL) == p);
    for (size_t i = 0; i < n; i++)
        CHECK(contrib[i] == m->weight[i] * x[i] && !(contrib[i] < 0));
    double p0 = ug_model_predict(m, zero, NULL);
    CHECK(p0 >= 0 && p0 <= 1);
    int down = !(m->platt_a < 0);   /* more findings, lower score */
    CHECK(down ? p <= p0 : p >= p0);
    if (n == 0)
        return;
    /* one more finding (or many more) of one detector */
    size_t j = take_byte(r) % n;
    size_t extra = take_count(r);
    if (extra == 0)
        extra = 1;
    size_t c = count[j] > SIZE_MAX - extra ? SIZE_MAX : count[j] + extra;
    double keep = x[j];
    x[j] = ug_score_feature(c, words);
    CHECK(x[j] >= keep);
    double q = ug_model_predict(m, x, NULL);
    CHECK(q >= 0 && q <= 1);
    CHECK(down ? q <= p : q >= p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy, so ASan sees any read past the text */
    char *s = malloc(size ? size : 1);
    CHECK(s != NULL);
    if (size)
        memcpy(s, data, size);

    ug_model m;
    size_t line = 0;
    ug_status st = ug_model_parse(&m, s, size, &line);
    if (st == UG_OK) {
        check_model(&m);
        check_round_trip(&m);
        reader r = { data, size };
        check_predict(&m, &r);
    } else {
        CHECK(st == UG_EINVAL);
        size_t lines = 1;
        for (size_t i = 0; i + 1 < size; i++)
            lines += data[i] == '\n';
        CHECK(line >= 1 && line <= lines);
        /* a NULL line pointer is allowed */
        CHECK(ug_model_parse(&m, s, size, NULL) == UG_EINVAL);
    }

    ug_model fixed;
    CHECK(ug_model_parse(&fixed, fixed_model, sizeof fixed_model - 1, NULL) == UG_OK);
    reader r = { data, size };
    check_predict(&fixed, &r);
    free(s);
    return 0;
}
