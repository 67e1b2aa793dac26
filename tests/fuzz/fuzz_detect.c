/* fuzz_detect.c: libFuzzer harness for ug_detect() over normalized, segmented text, with property checks.
 *
 * Input: the first byte picks the options, the rest is the raw document,
 * which is normalized (so the detectors see valid UTF-8), segmented and
 * run through every detector.
 *   bit 0     UG_SEG_SOFT_NEWLINES
 *   bit 1     UG_SEG_UAX29
 *   bits 2-3  language of the segmenter: en, es, fr, de
 *   bit 4     pass the typography counts of normalize (else -1: unknown)
 *   bits 5-7  normalize flags (one of five sets)
 *
 * Properties (abort() on violation):
 *   - ug_detect returns UG_OK;
 *   - every finding names a detector (det < ug_detector_count());
 *     span findings lie inside the text with start <= end, on UTF-8
 *     character boundaries; document findings carry no span;
 *   - every evidence string is non-NULL, NUL-terminated inside the pool
 *     and valid UTF-8;
 *   - findings are sorted: document findings first, then span findings
 *     by start;
 *   - a second run, appending after an existing finding, leaves that
 *     finding alone and gives identical findings (determinism);
 *   - one detector run alone gives exactly its findings of the full run;
 *   - the detector table is consistent (ids unique, found by name).
 */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ug/ug.h"

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "fuzz_detect: property failed at line %d: %s\n",    \
                    __LINE__, #cond);                                           \
            abort();                                                            \
        }                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    ug_sentence *v;
    size_t n, cap;
} sent_list;

static ug_status collect(void *ctx, const ug_sentence *s)
{
    sent_list *l = ctx;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        ug_sentence *v = realloc(l->v, nc * sizeof *v);
        CHECK(v != NULL);
        l->v = v;
        l->cap = nc;
    }
    l->v[l->n++] = *s;
    return UG_OK;
}

/* The detector table: every index has a detector with a unique id that
 * ug_detector_find() maps back to it. Checked once. */
static void check_table(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    size_t n = ug_detector_count();
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        const ug_detector *d = ug_detector_get(i);
        CHECK(d != NULL && d->id != NULL && d->summary != NULL && d->run != NULL);
        CHECK(d->family == UG_DET_MT || d->family == UG_DET_RESIDUE);
        CHECK(ug_detector_find(d->id) == (long)i);
    }
    CHECK(ug_detector_get(n) == NULL);
    CHECK(ug_detector_find("no such detector") == -1);
}

/* Nonzero when off is a character boundary of the valid UTF-8 text t[0..len). */
static int boundary(const char *t, size_t len, size_t off)
{
    return off == len || ((unsigned char)t[off] & 0xC0) != 0x80;
}

/* Checks the findings f->v[from..n) of the document text t[0..len). */
static void check_findings(const ug_findings *f, size_t from, const char *t, size_t len)
{
    size_t ndet = ug_detector_count();
    CHECK(f->n <= f->cap);
    for (size_t k = from; k < f->n; k++) {
        const ug_finding *x = &f->v[k];
        CHECK(x->det < ndet);
        CHECK(x->doc == 0 || x->doc == 1);
        if (x->doc) {
            CHECK(x->start == 0 && x->end == 0);
        } else {
            CHECK(x->start <= x->end && x->end <= len);
            CHECK(boundary(t, len, x->start) && boundary(t, len, x->end));
        }
        /* evidence: inside the pool, NUL-terminated, valid UTF-8 */
        CHECK(x->ev < f->pool.len);
        const char *e = ug_finding_evidence(f, x);
        CHECK(e != NULL);
        CHECK(e == f->pool.data + x->ev);
        const char *nul = memchr(e, 0, f->pool.len - x->ev);
        CHECK(nul != NULL);
        size_t elen = (size_t)(nul - e);
        CHECK(ug_utf8_valid_prefix(e, elen) == elen);
        /* sorted: document findings first, then by start */
        if (k > from) {
            const ug_finding *p = &f->v[k - 1];
            CHECK(!(x->doc && !p->doc));
            if (!x->doc && !p->doc)
                CHECK(p->start <= x->start);
        }
    }
}

/* Nonzero when finding a of fa equals finding b of fb, evidence included. */
static int same_finding(const ug_findings *fa, const ug_finding *a, const ug_findings *fb, const ug_finding *b)
{
    return a->det == b->det && a->doc == b->doc && a->start == b->start && a->end == b->end &&
           strcmp(ug_finding_evidence(fa, a), ug_finding_evidence(fb, b)) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = { "en", "es", "fr", "de" };
    static const unsigned normsets[] = { 0, UG_NORM_NFKC, UG_NORM_NO_MOJIBAKE | UG_NORM_ASCII_PUNCT,
                                         UG_NORM_KEEP_SPACES, UG_NORM_NO_ENTITIES };
    check_table();
    if (size == 0)
        return 0;
    unsigned o = data[0];
    const char *raw = (const char *)data + 1;
    size_t rawlen = size - 1;

    /* normalize: the detectors read valid UTF-8 */
    ug_norm_opts no = { normsets[(o >> 5) % 5], NULL };
    ug_buf norm = { 0 };
    ug_norm_result nr;
    CHECK(ug_normalize_buf(raw, rawlen, &no, &norm, &nr) == UG_OK);
    size_t len = norm.len;
    /* an exact-size copy, so ASan sees any read past the text */
    char *text = malloc(len ? len : 1);
    CHECK(text != NULL);
    if (len)
        memcpy(text, norm.data, len);
    CHECK(ug_utf8_valid_prefix(text, len) == len);

    /* segment */
    ug_seg_opts so;
    memset(&so, 0, sizeof so);
    so.flags = ((o & 1) ? UG_SEG_SOFT_NEWLINES : 0) | ((o & 2) ? UG_SEG_UAX29 : 0);
    so.lang = langs[(o >> 2) & 3];
    ug_segmenter *sg = ug_segmenter_new(&so);
    CHECK(sg != NULL);
    sent_list sl = { 0 };
    CHECK(ug_segment(sg, text, len, collect, &sl) == UG_OK);

    ug_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.text = text;
    doc.len = len;
    doc.sents = sl.v;
    doc.nsents = sl.n;
    if (o & 16) {
        doc.curly_quotes = (long)nr.curly_quotes;
        doc.straight_quotes = (long)nr.straight_quotes;
        doc.dashes = (long)nr.dashes;
        doc.ellipses = (long)nr.ellipses;
    } else {
        doc.curly_quotes = doc.straight_quotes = doc.dashes = doc.ellipses = -1;
    }

    /* all detectors */
    ug_findings f1 = { 0 };
    CHECK(ug_detect(&doc, NULL, &f1) == UG_OK);
    check_findings(&f1, 0, text, len);

    /* again, after a finding already there: same findings, that one kept */
    ug_findings f2 = { 0 };
    CHECK(ug_findings_add(&f2, 0, 1, 2, "%s", "kept") == UG_OK);
    CHECK(ug_detect(&doc, NULL, &f2) == UG_OK);
    CHECK(f2.n == f1.n + 1);
    CHECK(f2.v[0].det == 0 && f2.v[0].doc == 0 && f2.v[0].start == 1 && f2.v[0].end == 2);
    CHECK(strcmp(ug_finding_evidence(&f2, &f2.v[0]), "kept") == 0);
    check_findings(&f2, 1, text, len);
    for (size_t k = 0; k < f1.n; k++)
        CHECK(same_finding(&f1, &f1.v[k], &f2, &f2.v[k + 1]));

    /* one detector alone gives its share of the full run, in order */
    size_t ndet = ug_detector_count();
    size_t d = rawlen % ndet;
    unsigned char *enabled = calloc(ndet, 1);
    CHECK(enabled != NULL);
    enabled[d] = 1;
    ug_findings f3 = { 0 };
    CHECK(ug_detect(&doc, enabled, &f3) == UG_OK);
    check_findings(&f3, 0, text, len);
    size_t j = 0;
    for (size_t k = 0; k < f1.n; k++) {
        if (f1.v[k].det != d)
            continue;
        CHECK(j < f3.n);
        CHECK(same_finding(&f1, &f1.v[k], &f3, &f3.v[j]));
        j++;
    }
    CHECK(j == f3.n);

    /* nothing enabled: nothing found */
    enabled[d] = 0;
    ug_findings_clear(&f3);
    CHECK(ug_detect(&doc, enabled, &f3) == UG_OK);
    CHECK(f3.n == 0);

    free(enabled);
    ug_findings_free(&f1);
    ug_findings_free(&f2);
    ug_findings_free(&f3);
    free(sl.v);
    ug_segmenter_free(sg);
    free(text);
    ug_norm_result_free(&nr);
    ug_buf_free(&norm);
    return 0;
}
