/* score.c: the logistic scoring model: parsing, features and prediction. */
#include "config.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ug/score.h"

long ug_model_find(const ug_model *m, const char *id)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->names[i], id) == 0)
            return (long)i;
    return -1;
}

/* Parses a finite double from all of s[0..n); 0 on failure. */
static int parse_num(const char *s, size_t n, double *v)
{
    char tmp[64], *end;
    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    *v = strtod(tmp, &end);
    return end == tmp + n && isfinite(*v);
}

ug_status ug_model_parse(ug_model *m, const char *s, size_t len, size_t *line)
{
    memset(m, 0, sizeof *m);
    m->platt_a = 1;
    m->threshold = 0.5;
    size_t ln = 0, i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        const char *p = s + i;
        size_t n = e - i;
        ln++;
        i = e + 1;
        if (n && p[n - 1] == '\r')
            n--;
        if (n == 0 || p[0] == '#')
            continue;
        const char *tab = memchr(p, '\t', n);
        if (tab && tab - p == 3 && memcmp(p, "iso", 3) == 0) {
            /* a knot: iso<TAB>p<TAB>q */
            const char *a = tab + 1, *end = p + n;
            const char *tab2 = memchr(a, '\t', (size_t)(end - a));
            double x, y;
            if (!tab2 || !parse_num(a, (size_t)(tab2 - a), &x) ||
                !parse_num(tab2 + 1, (size_t)(end - tab2 - 1), &y) || x < 0 || x > 1 || y < 0 ||
                y > 1 || m->nknots == UG_SCORE_MAX_KNOTS ||
                (m->nknots && (x <= m->knot_x[m->nknots - 1] || y < m->knot_y[m->nknots - 1])))
                goto bad;
            m->knot_x[m->nknots] = x;
            m->knot_y[m->nknots++] = y;
            continue;
        }
        double v;
        if (!tab || !parse_num(tab + 1, n - (size_t)(tab + 1 - p), &v))
            goto bad;
        size_t kl = (size_t)(tab - p);
#define KEY(k) (kl == strlen(k) && memcmp(p, k, kl) == 0)
        if (KEY("bias")) m->bias = v;
        else if (KEY("platt_a")) { if (v < 0) goto bad; m->platt_a = v; }   /* findings must lower the score */
        else if (KEY("platt_b")) m->platt_b = v;
        else if (KEY("threshold")) { if (v < 0 || v > 1) goto bad; m->threshold = v; }
        else {
            if (v < 0 || m->n == UG_SCORE_MAX_FEATURES || kl == 0 || kl >= sizeof m->names[0] ||
                memchr(p, 0, kl))
                goto bad;
            memcpy(m->names[m->n], p, kl);
            m->names[m->n][kl] = 0;
            m->weight[m->n++] = v;
        }
#undef KEY
    }
    return UG_OK;
bad:
    if (line)
        *line = ln;
    return UG_EINVAL;
}

double ug_score_feature(size_t count, size_t words)
{
    if (!count)
        return 0;
    double w = words < 50 ? 50 : (double)words;
    return log1p(1000.0 * (double)count / w);
}

double ug_model_predict(const ug_model *m, const double *x, double *contrib)
{
    double z = m->bias;
    for (size_t i = 0; i < m->n; i++) {
        double c = m->weight[i] * x[i];
        if (contrib)
            contrib[i] = c;
        z -= c;
    }
    /* platt_a = 0 ignores z, which is -inf when the weighted sum overflows
       (0 * -inf would be NaN) */
    double t = m->platt_a != 0 ? m->platt_a * z + m->platt_b : m->platt_b;
    double p = 1.0 / (1.0 + exp(-t));
    if (!m->nknots)
        return p;
    const double *kx = m->knot_x, *ky = m->knot_y;
    size_t k = m->nknots;
    double q;
    if (p <= kx[0]) {
        q = kx[0] > 0 ? ky[0] * p / kx[0] : ky[0];
    } else if (p >= kx[k - 1]) {
        q = kx[k - 1] < 1 ? ky[k - 1] + (1 - ky[k - 1]) * (p - kx[k - 1]) / (1 - kx[k - 1])
                          : ky[k - 1];
    } else {
        size_t lo = 0, hi = k - 1;      /* kx[lo] < p < kx[hi] */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (kx[mid] < p)
                lo = mid;
            else
                hi = mid;
        }
        q = ky[lo] + (ky[hi] - ky[lo]) * (p - kx[lo]) / (kx[hi] - kx[lo]);
    }
    /* the interpolation may round one step past an end (p = 1 above the
       last knot gave 1 + 2^-52) */
    return q > 1 ? 1 : q < 0 ? 0 : q;
}
