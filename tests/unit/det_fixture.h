/* det_fixture.h: helpers shared by the detector unit tests (collecting sentences, finding a detector). */
#ifndef DET_FIXTURE_H
#define DET_FIXTURE_H

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "ug/detect.h"
#include "ug/segment.h"

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

#endif
