/* findings.c: the list of findings of one document, with its evidence strings. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ug/detect.h"

/* Appends a finding whose evidence is formatted from fmt/ap. */
static ug_status add(ug_findings *f, unsigned det, int doc, size_t start, size_t end,
                     const char *fmt, va_list ap)
{
    if (start > end)
        return UG_EINVAL;
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 16;
        ug_finding *v = ug_realloc(f->v, nc * sizeof *v);
        if (!v)
            return UG_ENOMEM;
        f->v = v;
        f->cap = nc;
    }
    size_t ev = f->pool.len;
    va_list aq;
    va_copy(aq, ap);
    int k = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (k < 0)
        return UG_EINVAL;
    if (ug_buf_reserve(&f->pool, (size_t)k + 1))
        return UG_ENOMEM;
    vsnprintf(f->pool.data + f->pool.len, (size_t)k + 1, fmt, ap);
    f->pool.len += (size_t)k + 1;      /* keep the NUL: strings are separated */
    f->v[f->n++] = (ug_finding){ det, doc, start, end, ev };
    return UG_OK;
}

ug_status ug_findings_add(ug_findings *f, unsigned det, size_t start, size_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ug_status s = add(f, det, 0, start, end, fmt, ap);
    va_end(ap);
    return s;
}

ug_status ug_findings_add_doc(ug_findings *f, unsigned det, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ug_status s = add(f, det, 1, 0, 0, fmt, ap);
    va_end(ap);
    return s;
}

const char *ug_finding_evidence(const ug_findings *f, const ug_finding *x)
{
    return f->pool.data + x->ev;
}

void ug_findings_clear(ug_findings *f)
{
    f->n = 0;
    ug_buf_clear(&f->pool);
}

void ug_findings_free(ug_findings *f)
{
    ug_free(f->v);
    f->v = NULL;
    f->n = f->cap = 0;
    ug_buf_free(&f->pool);
}
