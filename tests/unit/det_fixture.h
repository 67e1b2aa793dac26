/* det_fixture.h: helpers shared by the detector unit tests (collecting sentences, finding a detector, running one over a text). */
#ifndef DET_FIXTURE_H
#define DET_FIXTURE_H

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "ug/detect.h"
#include "ug/segment.h"
#include "ug/status.h"

/* Sentences collected from one segmentation. */
typedef struct {
    ug_sentence *v;
    size_t n, cap;
} sents;

/* Segmentation callback: appends the sentence to the sents in ctx. */
static ug_status collect(void *ctx, const ug_sentence *s)
{
    sents *ss = ctx;
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? 2 * ss->cap : 32;
        ss->v = realloc(ss->v, ss->cap * sizeof *ss->v);
        if (!ss->v)
            ck_abort_msg("out of memory");
    }
    ss->v[ss->n++] = *s;
    return UG_OK;
}

/* Index of detector @p id in the family table t[0..n); aborts the test
 * when there is none. */
static unsigned det_index_in(const ug_detector *t, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, id) == 0)
            return (unsigned)i;
    ck_abort_msg("no detector %s", id);
    return 0;
}

/* ---- one detector run over a text (DET_FAMILY) ----------------------- */

/* A test file that defines DET_FAMILY and DET_FAMILY_N (its family table
 * and size) before including this file gets the helpers below. */
#ifdef DET_FAMILY

/* One detector run over a text: the segmentation and the findings. */
typedef struct {
    const char *text;
    sents ss;
    ug_findings f;
    ug_status st;
} run;

/* Typography counts of a document; all -1 when unknown. */
typedef struct {
    long curly, straight, dashes, ellipses;
} typo;

static const typo UNKNOWN = { -1, -1, -1, -1 };

/* The index of detector @p id in the family. */
static inline unsigned det_index(const char *id)
{
    return det_index_in(DET_FAMILY, DET_FAMILY_N, id);
}

/* Segments @p text and runs detector @p id over it with typography @p ty;
 * when @p fail >= 0, allocations fail after that many during the run.
 * Release with run_free(). */
static inline void run_full(run *r, const char *id, const char *text, typo ty, long fail)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    ug_segmenter *sg = ug_segmenter_new(NULL);
    ck_assert_ptr_nonnull(sg);
    ck_assert_int_eq(ug_segment(sg, text, strlen(text), collect, &r->ss), UG_OK);
    ug_segmenter_free(sg);
    ug_doc d = { text, strlen(text), r->ss.v, r->ss.n,
                 ty.curly, ty.straight, ty.dashes, ty.ellipses };
    unsigned k = det_index(id);
    if (fail >= 0)
        ug_alloc_fail_after(fail);
    r->st = DET_FAMILY[k].run(&d, k, &r->f);
    ug_alloc_fail_after(-1);
}

/* Segments @p text and runs detector @p id over it (typography unknown). */
static inline void run_det(run *r, const char *id, const char *text)
{
    run_full(r, id, text, UNKNOWN, -1);
}

/* Frees what run_full() made. */
static inline void run_free(run *r)
{
    ug_findings_free(&r->f);
    free(r->ss.v);
}

/* The text of finding @p i as a static NUL-terminated copy. */
static inline const char *span(const run *r, size_t i)
{
    static char buf[512];
    const ug_finding *x = &r->f.v[i];
    size_t n = x->end - x->start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, r->text + x->start, n);
    buf[n] = 0;
    return buf;
}

/* Asserts that detector @p id finds nothing in @p text. */
static inline void assert_none(const char *id, const char *text)
{
    run r;
    run_det(&r, id, text);
    ck_assert_int_eq(r.st, UG_OK);
    if (r.f.n)
        ck_abort_msg("%s fired on \"%.80s\": \"%s\" (%s)", id, text, span(&r, 0),
                     ug_finding_evidence(&r.f, &r.f.v[0]));
    run_free(&r);
}

/* Asserts that detector @p id finds exactly the span @p want in @p text
 * and that its evidence contains @p ev (when not NULL). */
static inline void assert_one(const char *id, const char *text, const char *want, const char *ev)
{
    run r;
    run_det(&r, id, text);
    ck_assert_int_eq(r.st, UG_OK);
    ck_assert_msg(r.f.n == 1, "%s: %zu findings on \"%.80s\"", id, r.f.n, text);
    ck_assert_int_eq(r.f.v[0].doc, 0);
    ck_assert_str_eq(span(&r, 0), want);
    if (ev)
        ck_assert_msg(strstr(ug_finding_evidence(&r.f, &r.f.v[0]), ev) != NULL,
                      "evidence \"%s\" lacks \"%s\"", ug_finding_evidence(&r.f, &r.f.v[0]), ev);
    run_free(&r);
}

#endif /* DET_FAMILY */

#endif
