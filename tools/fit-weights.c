/* fit-weights: fit the score model (non-negative logistic weights, Platt calibration, then an isotonic map) from score --format=features. */
#include "config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ug/ug.h"
#include "ug/score.h"

/* usage: fit-weights [--split NAME] FEATURES.tsv > weights.tsv
 * Rows whose split column is NAME (default "fit") are used; label "clean"
 * is the positive class, any other label the negative one. Only detectors
 * of the machine-translation family get a weight. */

#define MAXF UG_SCORE_MAX_FEATURES

typedef struct {
    double x[MAXF];
    int y;
} row;

static double sigmoid(double t) { return 1.0 / (1.0 + exp(-t)); }

/* Strips the quotes of a JSON string cell ("fit" -> fit). */
static const char *unquote(char *s)
{
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s[n - 1] = 0;
        return s + 1;
    }
    return s;
}

/* A block of the isotonic fit: rows with consecutive Platt probabilities. */
typedef struct {
    double p;           /* the probability of a single row (sorting) */
    double last;        /* the largest probability in the block */
    double psum;        /* sum of the probabilities */
    size_t n;           /* rows */
    double w, wy;       /* class weights, and of the clean rows */
} unit;

/* qsort() order of units by probability. */
static int by_p(const void *x, const void *y)
{
    double a = ((const unit *)x)->p, b = ((const unit *)y)->p;
    return (a > b) - (a < b);
}

/* Adds block @p y (the one after it) to block @p x. */
static void merge(unit *x, const unit *y)
{
    x->last = y->last;
    x->psum += y->psum;
    x->n += y->n;
    x->w += y->w;
    x->wy += y->wy;
}

int main(int argc, char **argv)
{
    const char *split = "fit", *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--split") && i + 1 < argc) split = argv[++i];
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: fit-weights [--split NAME] FEATURES.tsv > weights.tsv\n");
        return 2;
    }
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return 2; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    char names[MAXF][48];
    int col[MAXF];          /* feature column index of each model feature */
    size_t nf = 0, ncols = 0;
    row *rows = NULL;
    size_t nrows = 0, caprows = 0, lineno = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[len - 1] == '\n') line[--len] = 0;
        char *save = NULL, *tok;
        char *cells[4 + MAXF * 2];
        size_t nc = 0;
        for (tok = strtok_r(line, "\t", &save); tok && nc < sizeof cells / sizeof cells[0];
             tok = strtok_r(NULL, "\t", &save))
            cells[nc++] = tok;
        if (lineno == 1) {
            /* header: id label split words det... */
            ncols = nc;
            for (size_t c = 4; c < nc; c++) {
                long d = ug_detector_find(cells[c]);
                if (d < 0 || ug_detector_get((size_t)d)->family != UG_DET_MT || nf == MAXF)
                    continue;
                snprintf(names[nf], sizeof names[nf], "%s", cells[c]);
                col[nf++] = (int)c;
            }
            continue;
        }
        if (nc != ncols) {
            fprintf(stderr, "fit-weights: %s:%zu: %zu columns, header has %zu\n", path, lineno, nc, ncols);
            free(rows);
            free(line);
            fclose(f);
            return 1;
        }
        if (strcmp(unquote(cells[2]), split) != 0)
            continue;
        if (nrows == caprows) {
            caprows = caprows ? caprows * 2 : 256;
            row *nr = realloc(rows, caprows * sizeof *rows);
            if (!nr) {
                fprintf(stderr, "fit-weights: out of memory\n");
                free(rows);
                free(line);
                fclose(f);
                return 2;
            }
            rows = nr;
        }
        row *r = &rows[nrows++];
        r->y = strcmp(unquote(cells[1]), "clean") == 0;
        for (size_t k = 0; k < nf; k++)
            r->x[k] = strtod(cells[col[k]], NULL);
    }
    free(line);
    fclose(f);
    if (!nrows) {
        fprintf(stderr, "fit-weights: no rows in split '%s'\n", split);
        free(rows);
        return 1;
    }
    /* logistic regression, z = b - w.x with w >= 0: projected gradient descent
     * on the mean log loss plus a small L2 penalty, classes weighted equally */
    size_t npos = 0;
    for (size_t i = 0; i < nrows; i++) npos += rows[i].y;
    double wpos = npos ? 0.5 / (double)npos : 0, wneg = nrows > npos ? 0.5 / (double)(nrows - npos) : 0;
    double w[MAXF] = { 0 }, b = 0, lr = 0.5, l2 = 1e-3;
    for (int it = 0; it < 5000; it++) {
        double gw[MAXF] = { 0 }, gb = 0;
        for (size_t i = 0; i < nrows; i++) {
            double z = b;
            for (size_t k = 0; k < nf; k++) z -= w[k] * rows[i].x[k];
            double err = (sigmoid(z) - rows[i].y) * (rows[i].y ? wpos : wneg);
            gb += err;
            for (size_t k = 0; k < nf; k++) gw[k] -= err * rows[i].x[k];
        }
        b -= lr * gb;
        for (size_t k = 0; k < nf; k++) {
            w[k] -= lr * (gw[k] + l2 * w[k]);
            if (w[k] < 0) w[k] = 0;
        }
    }
    /* Platt scaling of z on the same rows, classes weighted equally: the
     * score is calibrated for even odds of clean and garbled text, so it
     * does not inherit the mix of the fitting data */
    double a = 1, c = 0;
    for (int it = 0; it < 5000; it++) {
        double ga = 0, gc = 0;
        for (size_t i = 0; i < nrows; i++) {
            double z = b;
            for (size_t k = 0; k < nf; k++) z -= w[k] * rows[i].x[k];
            double err = (sigmoid(a * z + c) - rows[i].y) * (rows[i].y ? wpos : wneg);
            ga += err * z;
            gc += err;
        }
        a -= 0.5 * ga;
        c -= 0.5 * gc;
    }
    /* isotonic regression of the label on the Platt probability (pool
     * adjacent violators, classes weighted equally): the logistic model
     * ranks, and a monotone map fixes what a sigmoid cannot (a weak
     * detector whose documents are mostly garbled at a middling score) */
    unit *u = malloc(nrows * sizeof *u);
    if (!u) { fprintf(stderr, "fit-weights: out of memory\n"); free(rows); return 2; }
    for (size_t i = 0; i < nrows; i++) {
        double z = b;
        for (size_t k = 0; k < nf; k++) z -= w[k] * rows[i].x[k];
        double wt = rows[i].y ? wpos : wneg, p = sigmoid(a * z + c);
        u[i] = (unit){ p, p, p, 1, wt, wt * rows[i].y };
    }
    qsort(u, nrows, sizeof *u, by_p);
    size_t nb = 0;          /* blocks, built in place over u[] */
    for (size_t i = 0; i < nrows; i++) {
        unit x = u[i];
        if (nb && x.p == u[nb - 1].last)
            merge(&u[nb - 1], &x);      /* a tie stays in one block */
        else
            u[nb++] = x;
        while (nb >= 2 && u[nb - 2].wy / u[nb - 2].w >= u[nb - 1].wy / u[nb - 1].w) {
            merge(&u[nb - 2], &u[nb - 1]);
            nb--;
        }
    }
    while (nb > UG_SCORE_MAX_KNOTS) {   /* the lightest adjacent pair */
        size_t best = 0;
        for (size_t j = 1; j + 1 < nb; j++)
            if (u[j].w + u[j + 1].w < u[best].w + u[best + 1].w)
                best = j;
        merge(&u[best], &u[best + 1]);
        memmove(&u[best + 1], &u[best + 2], (nb - best - 2) * sizeof *u);
        nb--;
    }
    printf("# Weights of the score model (score(1)), fitted by tools/fit-weights on split '%s'\n", split);
    printf("# of %s: %zu rows (%zu clean), classes weighted equally (calibrated for even odds).\n", path, nrows, npos);
    printf("# P(clean) = iso(1/(1+exp(-(platt_a*z+platt_b)))), iso: linear between the knots,\n");
    printf("# z = bias - sum(weight * feature), feature = log1p(1000*count/max(words,50)).\n");
    printf("bias\t%.6f\nplatt_a\t%.6f\nplatt_b\t%.6f\nthreshold\t0.5\n", b, a, c);
    /* the knots: mean probability of each block, its weighted share clean */
    double px = -1;
    for (size_t j = 0; j < nb; j++) {
        double x = u[j].psum / (double)u[j].n, y = u[j].wy / u[j].w;
        char buf[32];
        snprintf(buf, sizeof buf, "%.9f", x);
        if (strtod(buf, NULL) <= px)
            continue;           /* printed equal to the last: it adds nothing */
        px = strtod(buf, NULL);
        printf("iso\t%s\t%.6f\n", buf, y);
    }
    free(u);
    free(rows);
    for (size_t k = 0; k < nf; k++)
        printf("%s\t%.6f\n", names[k], w[k]);
    return 0;
}
