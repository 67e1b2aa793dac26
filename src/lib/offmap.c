/* offmap.c: map from normalized output offsets back to raw input bytes. */
#include "config.h"
#include <string.h>
#include "ug/offmap.h"

void ug_offmap_free(ug_offmap *m)
{
    ug_free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
}

ug_status ug_offmap_add(ug_offmap *m, size_t out, size_t in, size_t line, size_t col)
{
    if (m->n && (out < m->v[m->n - 1].out || in < m->v[m->n - 1].in))
        return UG_EINVAL;
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 16;
        ug_anchor *v = ug_realloc(m->v, nc * sizeof *v);
        if (!v)
            return UG_ENOMEM;
        m->v = v;
        m->cap = nc;
    }
    m->v[m->n++] = (ug_anchor){ out, in, line, col };
    return UG_OK;
}

/* Index of the last anchor with out <= off, or -1 when there is none. */
static long find(const ug_offmap *m, size_t off)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].out <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

/* Segment k: [v[k].out, next.out) -> [v[k].in, next.in); the last one
 * runs to out_len/in_len. Fills the segment bounds. */
static void segment(const ug_offmap *m, long k, size_t *o0, size_t *o1, size_t *i0, size_t *i1)
{
    if (k < 0) {
        *o0 = 0; *i0 = 0;
        *o1 = m->n ? m->v[0].out : m->out_len;
        *i1 = m->n ? m->v[0].in : m->in_len;
        return;
    }
    *o0 = m->v[k].out; *i0 = m->v[k].in;
    if ((size_t)k + 1 < m->n) {
        *o1 = m->v[k + 1].out; *i1 = m->v[k + 1].in;
    } else {
        *o1 = m->out_len > *o0 ? m->out_len : *o0;
        *i1 = m->in_len > *i0 ? m->in_len : *i0;
    }
}

/* Maps one output offset inside segment k. */
static size_t map_in(size_t o0, size_t o1, size_t i0, size_t i1, size_t off)
{
    if (o1 - o0 == i1 - i0)
        return i0 + (off - o0);
    return i0;
}

void ug_offmap_span(const ug_offmap *m, size_t start, size_t end,
                    size_t *in_start, size_t *in_end)
{
    size_t o0, o1, i0, i1;
    if (start > m->out_len) start = m->out_len;
    if (end > m->out_len) end = m->out_len;
    if (end < start) end = start;
    segment(m, find(m, start), &o0, &o1, &i0, &i1);
    *in_start = map_in(o0, o1, i0, i1, start);
    if (end == start) {
        *in_end = *in_start;
        return;
    }
    /* the end maps through the last byte of the span */
    segment(m, find(m, end - 1), &o0, &o1, &i0, &i1);
    if (o1 - o0 == i1 - i0)
        *in_end = i0 + (end - o0);
    else
        *in_end = i1;
}

void ug_offmap_linecol(const ug_offmap *m, const char *text, size_t text_len,
                       size_t off, size_t *line, size_t *col)
{
    long k = find(m, off);
    size_t base = 0, l = 1, c = 1;
    if (k >= 0) {
        base = m->v[k].out; l = m->v[k].line; c = m->v[k].col;
        size_t o0, o1, i0, i1;
        segment(m, k, &o0, &o1, &i0, &i1);
        if (o1 - o0 != i1 - i0) {
            /* a replacement: everything in it points at its start */
            *line = l; *col = c;
            return;
        }
    }
    if (off > text_len)
        off = text_len;
    for (size_t i = base; i < off; i++) {
        if (text[i] == '\n') { l++; c = 1; }
        else c++;
    }
    *line = l;
    *col = c;
}

ug_status ug_offmap_to_json(const ug_offmap *m, ug_buf *out)
{
    if (ug_buf_putc(out, '['))
        return UG_ENOMEM;
    for (size_t k = 0; k < m->n; k++) {
        const ug_anchor *a = &m->v[k];
        if ((k && ug_buf_putc(out, ',')) || ug_buf_putc(out, '[') || ug_buf_put_u64(out, a->out) ||
            ug_buf_putc(out, ',') || ug_buf_put_u64(out, a->in) || ug_buf_putc(out, ',') ||
            ug_buf_put_u64(out, a->line) || ug_buf_putc(out, ',') || ug_buf_put_u64(out, a->col) ||
            ug_buf_putc(out, ']'))
            return UG_ENOMEM;
    }
    return ug_buf_putc(out, ']') ? UG_ENOMEM : UG_OK;
}

/* Reads a non-negative decimal integer at *p; returns 0 on failure. */
static int read_uint(const char **p, const char *end, size_t *v)
{
    const char *s = *p;
    size_t x = 0;
    if (s >= end || *s < '0' || *s > '9')
        return 0;
    while (s < end && *s >= '0' && *s <= '9') {
        size_t d = (size_t)(*s - '0');
        if (x > (SIZE_MAX - d) / 10)
            return 0;
        x = x * 10 + d;
        s++;
    }
    *v = x;
    *p = s;
    return 1;
}

static void skip_ws(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r'))
        (*p)++;
}

/* Expects character c (after whitespace); returns 0 when absent. */
static int expect(const char **p, const char *end, char c)
{
    skip_ws(p, end);
    if (*p >= end || **p != c)
        return 0;
    (*p)++;
    return 1;
}

ug_status ug_offmap_from_json(ug_offmap *m, const char *json, size_t len)
{
    const char *p = json, *end = json + len;
    m->n = 0;
    if (!expect(&p, end, '['))
        return UG_EJSON;
    skip_ws(&p, end);
    if (p < end && *p == ']') {
        p++;
        skip_ws(&p, end);
        return p == end ? UG_OK : UG_EJSON;
    }
    for (;;) {
        size_t v[4];
        if (!expect(&p, end, '['))
            return UG_EJSON;
        for (int k = 0; k < 4; k++) {
            if (k && !expect(&p, end, ','))
                return UG_EJSON;
            skip_ws(&p, end);
            if (!read_uint(&p, end, &v[k]))
                return UG_EJSON;
        }
        if (!expect(&p, end, ']'))
            return UG_EJSON;
        ug_status st = ug_offmap_add(m, v[0], v[1], v[2], v[3]);
        if (st)
            return st == UG_EINVAL ? UG_EJSON : st;
        skip_ws(&p, end);
        if (p < end && *p == ',') { p++; continue; }
        if (!expect(&p, end, ']'))
            return UG_EJSON;
        skip_ws(&p, end);
        return p == end ? UG_OK : UG_EJSON;
    }
}
