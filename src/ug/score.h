/* ug/score.h: a calibrated logistic quality score over detector findings. */
#ifndef UG_SCORE_H
#define UG_SCORE_H

#include <stddef.h>
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most detectors a model can weigh. */
#define UG_SCORE_MAX_FEATURES 64

/** A scoring model: non-negative weights per detector feature, a bias,
 *  and Platt calibration. P(clean) = 1 / (1 + exp(-(a * z + b))) with
 *  z = bias - sum(weight[i] * feature[i]). */
/** Most knots of the isotonic calibration. */
#define UG_SCORE_MAX_KNOTS 64

typedef struct {
    size_t n;                                       /**< number of features */
    char names[UG_SCORE_MAX_FEATURES][48];          /**< detector ids */
    double weight[UG_SCORE_MAX_FEATURES];           /**< >= 0 */
    double bias;
    double platt_a, platt_b;
    double threshold;                               /**< default --min */
    size_t nknots;                                  /**< isotonic knots; 0: Platt only */
    double knot_x[UG_SCORE_MAX_KNOTS];              /**< Platt probabilities, increasing */
    double knot_y[UG_SCORE_MAX_KNOTS];              /**< calibrated, nondecreasing, in [0,1] */
} ug_model;

/** Reads a model from TSV text @p s[0..len): lines "bias<TAB>x",
 *  "platt_a<TAB>x", "platt_b<TAB>x", "threshold<TAB>x",
 *  "<detector id><TAB>weight" and "iso<TAB>p<TAB>q" (a knot of the
 *  isotonic calibration: Platt probability p maps to q; p increasing and
 *  q nondecreasing from one knot line to the next, both in [0,1]); '#'
 *  starts a comment line. Missing calibration means a = 1, b = 0 and no
 *  knots; missing threshold 0.5.
 *  @return UG_OK, or UG_EINVAL with *line set to the bad line (1-based):
 *  malformed number, negative weight or platt_a (a finding must never
 *  raise the score), too many features or knots, knots out of order. */
ug_status ug_model_parse(ug_model *m, const char *s, size_t len, size_t *line);

/** Index of feature @p id in @p m, or -1. */
long ug_model_find(const ug_model *m, const char *id);

/** Feature value of a detector that fired @p count times in a unit of
 *  @p words words: log1p(1000 * count / max(words, 50)), a damped rate
 *  per 1,000 words. A document finding counts as count = 1 with
 *  words = 1000 (feature log1p(1) = 0.69). */
double ug_score_feature(size_t count, size_t words);

/** Probability that a unit with features @p x[0..m->n) is clean: the
 *  Platt probability, then, when the model has knots, the isotonic map
 *  (linear between knots; below the first knot scaled down to 0 at 0,
 *  above the last scaled up to 1 at 1, so the map stays increasing where
 *  its knots are), kept within [0, 1]. When @p contrib is not NULL,
 *  contrib[i] receives weight[i] * x[i]. */
double ug_model_predict(const ug_model *m, const double *x, double *contrib);

#ifdef __cplusplus
}
#endif
#endif
