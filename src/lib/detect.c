/* detect.c: the table of detectors and the driver that runs them over a document. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "detect_int.h"
#include "det_words.h"

/* The families, in the order their detectors are numbered. */
static const struct { const ug_detector *v; const size_t *n; } families[] = {
    { ugi_det_glue, &ugi_det_glue_n },
    { ugi_det_speech, &ugi_det_speech_n },
    { ugi_det_lang, &ugi_det_lang_n },
    { ugi_det_residue, &ugi_det_residue_n },
};

size_t ug_detector_count(void)
{
    size_t n = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        n += *families[f].n;
    return n;
}

const ug_detector *ug_detector_get(size_t i)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        if (i < *families[f].n)
            return &families[f].v[i];
        i -= *families[f].n;
    }
    return NULL;
}

long ug_detector_find(const char *id)
{
    size_t n = ug_detector_count();
    for (size_t i = 0; i < n; i++)
        if (strcmp(ug_detector_get(i)->id, id) == 0)
            return (long)i;
    return -1;
}

/* Order of findings: document findings first, then by start, end, detector. */
static int cmp_finding(const void *a, const void *b)
{
    const ug_finding *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    if (x->det != y->det)
        return x->det < y->det ? -1 : 1;
    return x->ev < y->ev ? -1 : x->ev > y->ev;
}

ug_status ug_detect(const ug_doc *doc, const unsigned char *enabled, ug_findings *out)
{
    size_t n = ug_detector_count(), first = out->n;
    ugi_det_speech_begin();
    ugi_det_words_begin();
    ugi_det_lang_begin();
    for (size_t i = 0; i < n; i++) {
        if (enabled && !enabled[i])
            continue;
        const ug_detector *d = ug_detector_get(i);
        size_t before = out->n;
        ug_status s = d->run(doc, (unsigned)i, out);
        /* a detector's spans must lie inside the text */
        for (size_t k = before; k < out->n && !s; k++) {
            if (!out->v[k].doc && out->v[k].end > doc->len)
                s = UG_EINVAL;
            out->v[k].det = (unsigned)i;
        }
        if (s) {
            ugi_det_speech_end();
            ugi_det_words_end();
            ugi_det_lang_end();
            return s;
        }
    }
    ugi_det_speech_end();
    ugi_det_words_end();
    ugi_det_lang_end();
    if (out->n - first > 1)
        qsort(out->v + first, out->n - first, sizeof out->v[0], cmp_finding);
    return UG_OK;
}
