/* normalize.c: raw document bytes -> clean UTF-8, line by line, with an offset map.
 *
 * Each line goes through a byte scan first: a line that is valid UTF-8,
 * holds no character that any rule would change, and needs no space
 * collapsing is copied as it is (the fast path). Other lines become cells
 * (code point + raw byte span) and run through these passes in order:
 * HTML character references, mojibake repair, the character map (spaces,
 * line breaks, controls, invisible characters, ligatures, fullwidth,
 * optional ASCII punctuation), NFC/NFKC, and space collapsing. Every pass
 * keeps raw spans, so the output maps back to the raw bytes. */
#include "config.h"
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "ug/normalize.h"
#include "ug/record.h"
#include "cells.h"
#include "encoding.h"
#include "entities.h"
#include "mojibake.h"

#define FLUSH_AT ((size_t)64 << 10)

typedef struct {
    const unsigned char *raw;
    size_t len;
    unsigned flags;
    ug_norm_result *res;
    ugi_decoder dec;
    ug_sink sink;
    void *ctx;
    ug_buf out;             /* output not yet given to the sink */
    size_t run_start, run_len;      /* unchanged raw bytes that follow out */
    size_t out_pos;         /* output bytes produced so far */
    /* offset map state */
    size_t anchor_out, anchor_in;   /* last anchor (0,0 implicit) */
    size_t last_in_end;     /* raw end of the last emitted cell */
    int prev_ident;         /* last emitted cell was unchanged text */
    size_t line_no, line_start;     /* current raw line */
    int line_has_lf;        /* the current raw line ends with a line feed */
    ugi_cells a, b;         /* pass buffers */
    ug_buf tmp;             /* scratch for NFC */
} nstate;

/* ---- character classes ------------------------------------------------ */

/* Stability cache: 0 unknown, 1 stable, 2 unstable; one table per form. */
static unsigned char stable_cache[2][0x30000];

/* Nonzero when code point cp (>= 0x80) can be copied unchanged: no rule
 * of the character map touches it and NFC (or NFKC) leaves it alone
 * whatever surrounds it (combining class 0, not the second half of a
 * canonical composition, not a Hangul jamo, its own normal form). */
static int stable_cp(uint32_t cp, int nfkc)
{
    unsigned char *slot = cp < 0x30000 ? &stable_cache[nfkc][cp] : NULL;
    if (slot && *slot)
        return *slot == 1;
    int ok = 1;
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
        ok = 0;
        break;
    default:
        break;
    }
    if (p->combining_class != 0 || (p->comb_index >= 0x8000 && p->comb_index != 0xFFFF))
        ok = 0;
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF))
        ok = 0;
    if ((cp >= 0xFB00 && cp <= 0xFB06) || (cp >= 0xFF01 && cp <= 0xFF5E))
        ok = 0;
    if (ok && p->decomp_seqindex != 0xFFFF && (nfkc || p->decomp_type == 0)) {
        /* has a decomposition: stable only if it is its own normal form */
        utf8proc_uint8_t u[4], *res = NULL;
        utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, u);
        utf8proc_ssize_t n = utf8proc_map(u, k, &res, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          (nfkc ? UTF8PROC_COMPAT : 0));
        if (n < 0)
            return 0;       /* not cached: try again next time */
        ok = n == k && memcmp(res, u, (size_t)k) == 0;
        free(res);
    }
    if (slot)
        *slot = ok ? 1 : 2;
    return ok;
}

static int is_curly_quote(uint32_t c) { return c >= 0x2018 && c <= 0x201F; }
static int is_dash(uint32_t c) { return c == 0x2013 || c == 0x2014; }

/* ---- output and the offset map ------------------------------------------ */

/* Gives the sink the buffered output, then the pending run of unchanged
 * raw bytes (which follows it in the output). */
static ug_status flush(nstate *st)
{
    ug_status s = UG_OK;
    if (st->out.len) {
        s = st->sink(st->ctx, st->out.data, st->out.len);
        ug_buf_clear(&st->out);
    }
    if (!s && st->run_len) {
        s = st->sink(st->ctx, (const char *)st->raw + st->run_start, st->run_len);
        st->run_len = 0;
    }
    return s;
}

/* Called before anything is appended to st->out: a pending raw run must
 * reach the sink first to keep the order. */
static inline ug_status before_out(nstate *st)
{
    return st->run_len ? flush(st) : UG_OK;
}

static ug_status add_anchor(nstate *st, size_t out, size_t in)
{
    st->anchor_out = out;
    st->anchor_in = in;
    if (st->flags & UG_NORM_NO_MAP)
        return UG_OK;
    /* anchors always lie on the current raw line (or at its end) */
    return ug_offmap_add(&st->res->map, out, in, st->line_no, in - st->line_start + 1);
}

/* Records where the bytes about to be written at out_pos come from:
 * raw [in, in_end), unchanged text when ident. */
static ug_status track(nstate *st, size_t in, size_t in_end, int ident)
{
    ug_status s;
    size_t expect = st->anchor_in + (st->out_pos - st->anchor_out);
    if (ident && st->prev_ident && in == st->last_in_end && in == expect) {
        st->last_in_end = in_end;
        return UG_OK;
    }
    if (st->prev_ident && in != st->last_in_end && st->last_in_end == expect &&
        (s = add_anchor(st, st->out_pos, st->last_in_end)))
        return s;      /* close the unchanged run before deleted bytes */
    if ((s = add_anchor(st, st->out_pos, in)))
        return s;
    st->prev_ident = ident;
    st->last_in_end = in_end;
    return UG_OK;
}

/* Writes raw bytes [in, in+n) unchanged. Consecutive raw bytes are not
 * copied: they are handed to the sink straight from the input. */
static ug_status emit_raw(nstate *st, size_t in, size_t n)
{
    ug_status s;
    if (!n)
        return UG_OK;
    if ((s = track(st, in, in + n, 1)))
        return s;
    if (st->run_len && st->run_start + st->run_len == in) {
        st->run_len += n;
    } else if (n >= 64 && !st->run_len) {
        st->run_start = in;
        st->run_len = n;
    } else {
        if ((s = before_out(st)) || (s = ug_buf_append(&st->out, st->raw + in, n)))
            return s;
    }
    st->out_pos += n;
    return UG_OK;
}

/* Writes cells, tracking the map. */
static ug_status emit_cells(nstate *st, const ugi_cells *c)
{
    ug_status s;
    int utf8 = st->dec.kind == UGI_ENC_UTF8;
    if ((s = before_out(st)) || (s = ug_buf_reserve(&st->out, 4 * c->n)))
        return s;
    for (size_t i = 0; i < c->n; i++) {
        const ugi_cell *x = &c->v[i];
        unsigned char *o = (unsigned char *)st->out.data + st->out.len;
        uint32_t cp = x->cp;
        size_t k;
        if (cp < 0x80) {
            o[0] = (unsigned char)cp;
            k = 1;
        } else {
            k = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, o);
        }
        int ident = utf8 && x->end - x->start == k &&
                    (k == 1 ? st->raw[x->start] == o[0] : memcmp(st->raw + x->start, o, k) == 0);
        if ((s = track(st, x->start, x->end, ident)))
            return s;
        st->out.len += k;
        st->out_pos += k;
    }
    st->out.data[st->out.len] = 0;
    return UG_OK;
}

/* ---- passes ------------------------------------------------------------- */

static int is_name_char(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* windows-1252 meaning of bytes 0x80..0x9F, as HTML5 decodes &#128;..&#159; */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
};

/* Tries to read a ;-terminated character reference whose name starts at
 * in[j]. On success stores its code points and returns the index of the
 * ';'; returns 0 otherwise (j > 0 always holds, an '&' precedes). */
static size_t read_ref(const ugi_cell *in, size_t n, size_t j, uint32_t cps[2], int *ncp)
{
    if (j >= n)
        return 0;
    if (in[j].cp == '#') {
        size_t k = j + 1;
        int hex = 0;
        if (k < n && (in[k].cp == 'x' || in[k].cp == 'X')) { hex = 1; k++; }
        size_t d0 = k;
        uint32_t v = 0;
        int big = 0;
        for (; k < n; k++) {
            uint32_t c = in[k].cp, dv;
            if (c >= '0' && c <= '9') dv = c - '0';
            else if (hex && c >= 'a' && c <= 'f') dv = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F') dv = c - 'A' + 10;
            else break;
            if (v > 0x10FFFF) big = 1;
            else v = v * (hex ? 16 : 10) + dv;
        }
        if (k == d0 || k >= n || in[k].cp != ';')
            return 0;
        if (big || v > 0x10FFFF || v == 0 || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            v = cp1252_c1[v - 0x80];
        cps[0] = v;
        *ncp = 1;
        return k;
    }
    char name[UGI_ENTITY_MAX_NAME + 1];
    size_t k = j, m = 0;
    while (k < n && m < UGI_ENTITY_MAX_NAME && is_name_char(in[k].cp))
        name[m++] = (char)in[k++].cp;
    if (!m || k >= n || in[k].cp != ';')
        return 0;
    *ncp = ugi_entity_lookup(name, m, cps);
    return *ncp ? k : 0;
}

/* Decodes ;-terminated character references. A reference that decodes to
 * '&' is read again together with what follows ("&amp;amp;" -> "&"), so
 * one pass reaches the fixed point and normalization stays idempotent. */
static ug_status pass_entities(nstate *st, const ugi_cells *src, ugi_cells *dst)
{
    const ugi_cell *in = src->v;
    size_t n = src->n, i = 0;
    int pending = 0;            /* a decoded '&' waiting for what follows */
    size_t pstart = 0, pend = 0;
    while (i < n) {
        if (pending || in[i].cp == '&') {
            size_t start = pending ? pstart : in[i].start;
            size_t j = pending ? i : i + 1;
            uint32_t cps[2];
            int ncp = 0;
            size_t k = read_ref(in, n, j, cps, &ncp);
            if (k) {
                st->res->entities++;
                if (ncp == 1 && cps[0] == '&') {
                    pending = 1; pstart = start; pend = in[k].end;
                    i = k + 1;
                    continue;
                }
                for (int q = 0; q < ncp; q++)
                    if (ugi_cells_add(dst, cps[q], start, in[k].end))
                        return UG_ENOMEM;
                pending = 0;
                i = k + 1;
                continue;
            }
            if (pending) {
                if (ugi_cells_add(dst, '&', pstart, pend))
                    return UG_ENOMEM;
                pending = 0;
                continue;       /* look at in[i] again on its own */
            }
        }
        if (ugi_cells_add(dst, in[i].cp, in[i].start, in[i].end))
            return UG_ENOMEM;
        i++;
    }
    if (pending && ugi_cells_add(dst, '&', pstart, pend))
        return UG_ENOMEM;
    return UG_OK;
}

/* Nonzero for a code point of a script or symbol range where ZWJ/ZWNJ
 * carry meaning: Hebrew, Arabic, Syriac, Thaana, N'Ko, the Indic and
 * South-East Asian scripts, Mongolian, Arabic presentation forms,
 * variation selectors and the emoji and pictograph blocks. */
static int joiner_context(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0x0900 && c <= 0x0DFF) ||
           (c >= 0x0E00 && c <= 0x0FFF) || (c >= 0x1000 && c <= 0x109F) ||
           (c >= 0x1780 && c <= 0x18AF) || (c >= 0x2190 && c <= 0x2BFF) ||
           (c >= 0xA8E0 && c <= 0xA8FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE70 && c <= 0xFEFC) ||
           (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE0020 && c <= 0xE007F);
}

/* Character map: spaces, line breaks, controls, invisible characters,
 * ligatures, fullwidth letters and digits, optional ASCII punctuation,
 * and typography counts. */
static ug_status pass_charmap(nstate *st, const ugi_cells *src, ugi_cells *dst)
{
    const ugi_cell *in = src->v;
    size_t n = src->n;
    ug_norm_result *r = st->res;
    int ascii = (st->flags & UG_NORM_ASCII_PUNCT) != 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = in[i].cp;
        size_t s0 = in[i].start, s1 = in[i].end;
#define PUSH(cp_) do { if (ugi_cells_add(dst, (cp_), s0, s1)) return UG_ENOMEM; } while (0)
        if (c >= 0x20 && c < 0x7F) {
            PUSH(c);
            continue;
        }
        if (c == '\t' || c == '\n') { PUSH(c); continue; }
        if (c == '\r') {
            r->newlines++;
            if (i + 1 < n || !st->line_has_lf)
                PUSH('\n');
            /* else the CR of a CRLF: dropped, the LF stays */
            continue;
        }
        if (c == 0x1B) {
            /* ANSI escape sequence ESC [ params final-byte */
            size_t k = i + 1;
            if (k < n && in[k].cp == '[') {
                k++;
                while (k < n && in[k].cp >= 0x20 && in[k].cp <= 0x3F)
                    k++;
                if (k < n && in[k].cp >= 0x40 && in[k].cp <= 0x7E)
                    i = k;
            }
            r->controls++;
            continue;
        }
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F && c != 0x85)) {
            r->controls++;
            continue;
        }
        if (c == 0x85 || c == 0x2028 || c == 0x2029) { r->newlines++; PUSH('\n'); continue; }
        if (c == 0x200B || c == 0x00AD || c == 0xFEFF) { r->invisible++; continue; }
        if (c == 0x200C || c == 0x200D) {
            if (i > 0 && i + 1 < n && joiner_context(in[i - 1].cp) && joiner_context(in[i + 1].cp)) {
                PUSH(c);
            } else {
                r->invisible++;
            }
            continue;
        }
        if (c >= 0xFB00 && c <= 0xFB06) {
            static const char *lig[] = { "ff", "fi", "fl", "ffi", "ffl", "st", "st" };
            for (const char *q = lig[c - 0xFB00]; *q; q++)
                PUSH((uint32_t)*q);
            r->folded++;
            continue;
        }
        if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
            PUSH(c - 0xFEE0);
            r->folded++;
            continue;
        }
        const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)c);
        if (p->category == UTF8PROC_CATEGORY_ZS) { r->spaces++; PUSH(' '); continue; }
        if (ascii && is_curly_quote(c)) {
            /* counted as written; the straight quote made here is not */
            r->curly_quotes++;
            r->punct++;
            r->straight_quotes--;
            PUSH(c <= 0x201B ? '\'' : '"');
            continue;
        }
        if (ascii && is_dash(c)) { r->dashes++; r->punct++; PUSH('-'); continue; }
        if (ascii && c == 0x2026) { r->ellipses++; r->punct++; PUSH('.'); PUSH('.'); PUSH('.'); continue; }
        PUSH(c);
#undef PUSH
    }
    return UG_OK;
}

/* NFC (or NFKC) over the cells. Runs around unstable code points are
 * re-normalized with utf8proc; all output cells of a changed run span
 * the run's raw bytes. U+11A7 is kept out of runs (utf8proc before 2.11.2
 * deletes it after an LV Hangul syllable). */
static ug_status pass_unicode(nstate *st, const ugi_cells *src, ugi_cells *dst)
{
    const ugi_cell *in = src->v;
    size_t n = src->n, i = 0;
    int nfkc = (st->flags & UG_NORM_NFKC) != 0;
    while (i < n) {
        if (in[i].cp < 0x80 || in[i].cp == 0x11A7 || stable_cp(in[i].cp, nfkc)) {
            if (ugi_cells_add(dst, in[i].cp, in[i].start, in[i].end))
                return UG_ENOMEM;
            i++;
            continue;
        }
        /* run: from the last starter already written, to the next stable starter */
        size_t j = dst->n, from = i;
        if (j > 0) {
            const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)dst->v[j - 1].cp);
            if (p->combining_class == 0 && dst->v[j - 1].cp != '\n' && dst->v[j - 1].cp != 0x11A7)
                j--;
        }
        size_t k = i + 1;
        while (k < n && in[k].cp != 0x11A7 && !(in[k].cp < 0x80 || stable_cp(in[k].cp, nfkc)))
            k++;
        /* encode dst[j..] + in[from..k) */
        ug_buf_clear(&st->tmp);
        for (size_t q = j; q < dst->n; q++)
            if (ug_buf_put_utf8(&st->tmp, dst->v[q].cp))
                return UG_ENOMEM;
        for (size_t q = from; q < k; q++)
            if (ug_buf_put_utf8(&st->tmp, in[q].cp))
                return UG_ENOMEM;
        utf8proc_uint8_t *res = NULL;
        utf8proc_ssize_t rn = utf8proc_map((const utf8proc_uint8_t *)st->tmp.data, (utf8proc_ssize_t)st->tmp.len,
                                           &res, UTF8PROC_STABLE | UTF8PROC_COMPOSE | (nfkc ? UTF8PROC_COMPAT : 0));
        if (rn < 0)
            return rn == UTF8PROC_ERROR_NOMEM ? UG_ENOMEM : UG_EINVAL;
        if ((size_t)rn == st->tmp.len && memcmp(res, st->tmp.data, st->tmp.len) == 0) {
            free(res);
            for (size_t q = from; q < k; q++)
                if (ugi_cells_add(dst, in[q].cp, in[q].start, in[q].end))
                    return UG_ENOMEM;
            i = k;
            continue;
        }
        size_t s0 = j < dst->n ? dst->v[j].start : in[from].start;
        size_t s1 = in[k - 1].end;
        dst->n = j;
        st->res->unicode++;
        for (utf8proc_ssize_t q = 0; q < rn;) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate(res + q, rn - q, &cp);
            if (l <= 0) { free(res); return UG_EINVAL; }
            if (ugi_cells_add(dst, (uint32_t)cp, s0, s1)) { free(res); return UG_ENOMEM; }
            q += l;
        }
        free(res);
        i = k;
    }
    return UG_OK;
}

/* Collapses runs of spaces and trims blanks at line ends. */
static ug_status pass_spaces(nstate *st, const ugi_cells *src, ugi_cells *dst)
{
    const ugi_cell *in = src->v;
    size_t n = src->n, i = 0;
    while (i < n) {
        uint32_t c = in[i].cp;
        if (c != ' ' && c != '\t') {
            if (ugi_cells_add(dst, c, in[i].start, in[i].end))
                return UG_ENOMEM;
            i++;
            continue;
        }
        size_t k = i;
        while (k < n && (in[k].cp == ' ' || in[k].cp == '\t'))
            k++;
        if (k == n || in[k].cp == '\n') {
            st->res->trimmed++;
            i = k;
            continue;
        }
        if (i == 0 || in[i - 1].cp == '\n') {
            /* indentation is kept as it is */
            for (size_t q = i; q < k; q++)
                if (ugi_cells_add(dst, in[q].cp, in[q].start, in[q].end))
                    return UG_ENOMEM;
            i = k;
            continue;
        }
        /* keep tabs; collapse each run of plain spaces */
        for (size_t q = i; q < k;) {
            if (in[q].cp == '\t') {
                if (ugi_cells_add(dst, '\t', in[q].start, in[q].end))
                    return UG_ENOMEM;
                q++;
                continue;
            }
            size_t e = q;
            while (e < k && in[e].cp == ' ')
                e++;
            if (e - q > 1)
                st->res->collapsed++;
            if (ugi_cells_add(dst, ' ', in[q].start, in[e - 1].end))
                return UG_ENOMEM;
            q = e;
        }
        i = k;
    }
    return UG_OK;
}

/* Sum of the change counters. Any change can expose work for a pass of
 * the next round: a deletion joins neighbours, a fold can spell a
 * reference name ("&#xＦ;"), a folded quote or space can end a run that
 * blocked a mojibake repair. So the passes repeat until nothing changes. */
static size_t exposing_changes(const ug_norm_result *r)
{
    return r->invalid + r->mojibake + r->entities + r->spaces + r->newlines + r->controls +
           r->invisible + r->folded + r->punct + r->unicode + r->collapsed + r->trimmed;
}

/* Runs the passes once over *x, leaving the result in *x (y is scratch). */
static ug_status run_passes(nstate *st, ugi_cells **xp, ugi_cells **yp)
{
    ug_status s;
    ugi_cells *x = *xp, *y = *yp, *t;
    if (!(st->flags & UG_NORM_NO_ENTITIES)) {
        int amp = 0;
        for (size_t i = 0; i < x->n && !amp; i++)
            amp = x->v[i].cp == '&';
        if (amp) {
            y->n = 0;
            if ((s = pass_entities(st, x, y))) return s;
            t = x; x = y; y = t;
        }
    }
    if (!(st->flags & UG_NORM_NO_MOJIBAKE)) {
        int hi = 0;
        for (size_t i = 0; i < x->n && !hi; i++)
            hi = x->v[i].cp >= 0x80;
        if (hi) {
            y->n = 0;
            if ((s = ugi_mojibake_fix(x->v, x->n, y, &st->res->mojibake))) return s;
            t = x; x = y; y = t;
        }
    }
    y->n = 0;
    if ((s = pass_charmap(st, x, y))) return s;
    t = x; x = y; y = t;
    y->n = 0;
    if ((s = pass_unicode(st, x, y))) return s;
    t = x; x = y; y = t;
    if (!(st->flags & UG_NORM_KEEP_SPACES)) {
        y->n = 0;
        if ((s = pass_spaces(st, x, y))) return s;
        t = x; x = y; y = t;
    }
    *xp = x;
    *yp = y;
    return UG_OK;
}

/* Counts the typography of the final cells of a line. */
static void count_typography(nstate *st, const ugi_cells *c)
{
    ug_norm_result *r = st->res;
    for (size_t i = 0; i < c->n; i++) {
        uint32_t cp = c->v[i].cp;
        if (cp == '"' || cp == '\'') r->straight_quotes++;
        else if (is_curly_quote(cp)) r->curly_quotes++;
        else if (is_dash(cp)) r->dashes++;
        else if (cp == 0x2026) r->ellipses++;
    }
}

/* Runs the passes over st->a until nothing changes (one repair can
 * expose another: a removed control joins mojibake, NFC completes it),
 * so the result is a fixed point, then writes it. */
static ug_status slow_line(nstate *st)
{
    ug_status s;
    ugi_cells *x = &st->a, *y = &st->b;
    for (int round = 0; round < 4; round++) {
        size_t before = exposing_changes(st->res);
        if ((s = run_passes(st, &x, &y)))
            return s;
        if (exposing_changes(st->res) == before)
            break;
    }
    count_typography(st, x);
    return emit_cells(st, x);
}

/* ---- lines ---------------------------------------------------------------- */

/* Byte classes for the fast scan of UTF-8 lines. */
enum { B_OK, B_SLOW, B_QUOTE, B_SPACE, B_HIGH, B_AMP };
static unsigned char bclass[256];
static int bclass_ready;

static void init_bclass(void)
{
    for (int c = 0; c < 256; c++) {
        unsigned char k = B_OK;
        if (c < 0x20 || c == 0x7F) k = B_SLOW;
        if (c == '\t') k = B_SPACE;
        if (c == ' ') k = B_SPACE;
        if (c == '"' || c == '\'') k = B_QUOTE;
        if (c == '&') k = B_AMP;
        if (c >= 0x80) k = B_HIGH;
        bclass[c] = k;
    }
    bclass_ready = 1;
}

#define HI8 0x8080808080808080ULL
#define LO7 0x7F7F7F7F7F7F7F7FULL
#define REP8(c) (0x0101010101010101ULL * (uint64_t)(c))

/* High bit set in each byte of w equal to c, and nowhere else. */
static inline uint64_t eqmask(uint64_t w, unsigned c)
{
    uint64_t v = w ^ REP8(c);
    return ~(((v & LO7) + LO7) | v) & HI8;
}

/* Scans UTF-8 line p[0..n). Returns 1 when it can be copied unchanged
 * (and then adds its typography counts), 0 when it needs the slow path. */
static int fast_line(nstate *st, const unsigned char *p, size_t n)
{
    size_t i = 0, sq = 0, cq = 0, da = 0, el = 0;
    int keep = (st->flags & UG_NORM_KEEP_SPACES) != 0;
    int ents = !(st->flags & UG_NORM_NO_ENTITIES);
    int ascii = (st->flags & UG_NORM_ASCII_PUNCT) != 0;
    int nfkc = (st->flags & UG_NORM_NFKC) != 0;
    int latin = 0, indent_done = 0, spaces = 0;
    while (i < n) {
        /* eight plain ASCII bytes at a time */
        while (indent_done && i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t bad = (w & HI8) | (~((w & LO7) + REP8(0x60)) & ~w & HI8) | eqmask(w, 0x7F);
            if (ents)
                bad |= eqmask(w, '&');
            if (bad)
                break;
            uint64_t sp = eqmask(w, ' ');
            if (!keep && ((sp & (sp << 8)) || ((sp >> 63) && (i + 8 == n || p[i + 8] == ' '))))
                break;
            uint64_t q = eqmask(w, '"') | eqmask(w, '\'');
            for (; q; q &= q - 1)
                sq++;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (!indent_done && c != ' ' && c != '\t')
            indent_done = 1;
        switch (bclass[c]) {
        case B_OK:
            i++;
            continue;
        case B_QUOTE:
            sq++;
            i++;
            continue;
        case B_SPACE:
            if (!keep && (i + 1 == n || (c == ' ' && p[i + 1] == ' ' && indent_done)))
                spaces = 1;
            i++;
            continue;
        case B_AMP:
            if (ents)
                return 0;
            i++;
            continue;
        case B_SLOW:
            return 0;
        default: {
            uint32_t cp;
            size_t k = ugi_utf8_decode(p + i, n - i, &cp);
            if (!k)
                return 0;
            if (!stable_cp(cp, nfkc)) {
                if (utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_ZS)
                    return 0;
                spaces = 1;     /* a space separator: the spaces path maps it */
            }
            if (cp >= 0xC0 && cp <= 0xFF)
                latin = 1;      /* mojibake leads are in this range */
            if (is_curly_quote(cp)) { cq++; if (ascii) return 0; }
            else if (is_dash(cp)) { da++; if (ascii) return 0; }
            else if (cp == 0x2026) { el++; if (ascii) return 0; }
            i += k;
        }
        }
    }
    if (latin && !(st->flags & UG_NORM_NO_MOJIBAKE) && ugi_mojibake_suspect((const char *)p, n))
        return 0;
    st->res->straight_quotes += sq;
    st->res->curly_quotes += cq;
    st->res->dashes += da;
    st->res->ellipses += el;
    return spaces ? 2 : 1;
}

/* Length of the blank at p[0..n): an ASCII space or tab, or a space
 * separator (category Zs) in UTF-8; 0 when p does not start with one. */
static size_t blank_at_slow(const unsigned char *p, size_t n, int *zs);

static inline size_t blank_at(const unsigned char *p, size_t n, int *zs)
{
    *zs = 0;
    if (p[0] == ' ' || p[0] == '\t')
        return 1;
    if (p[0] < 0x80)
        return 0;
    return blank_at_slow(p, n, zs);
}

/* blank_at() for a byte >= 0x80. */
static size_t blank_at_slow(const unsigned char *p, size_t n, int *zs)
{
    uint32_t cp;
    size_t k = ugi_utf8_decode(p, n, &cp);
    if (k && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ZS) {
        *zs = 1;
        return k;
    }
    return 0;
}

/* Nonzero when byte c may start a blank: space, tab, or the lead byte of
 * a UTF-8 space separator (U+00A0, U+1680, U+2000..U+205F, U+3000). */
static inline int maybe_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == 0xC2 || (c >= 0xE1 && c <= 0xE3);
}

/* The spaces path: a UTF-8 line at raw [a, a+n) whose only changes are
 * space separators to U+0020, collapsed runs of spaces and trailing
 * blanks (fast_line() returned 2). Produces exactly what the cell passes
 * would, without building cells. */
static ug_status spaces_line(nstate *st, size_t a, size_t n)
{
    const unsigned char *p = st->raw + a;
    int keep = (st->flags & UG_NORM_KEEP_SPACES) != 0;
    ug_norm_result *r = st->res;
    ug_status s;
    size_t i = 0, text = 0;     /* text: start of the pending unchanged bytes */
    while (i < n) {
        int zs;
        unsigned char c = p[i];
        if (!maybe_blank(c)) {
            i++;        /* cannot start a blank */
            continue;
        }
        if ((c == ' ' || c == '\t') && i + 1 < n && !maybe_blank(p[i + 1])) {
            i++;        /* a lone ASCII blank between words stays as it is */
            continue;
        }
        size_t k = blank_at(p + i, n - i, &zs);
        if (!k) {
            i++;
            continue;
        }
        /* a run of blanks [i, e) */
        size_t e = i;
        while (e < n && (k = blank_at(p + e, n - e, &zs)) > 0)
            e += k;
        if ((s = emit_raw(st, a + text, i - text)))
            return s;
        int at_end = e == n, indent = i == 0;
        if (!keep && at_end) {
            /* trailing blanks: counted spaces still count as mapped */
            for (size_t q = i; q < e; q += k) {
                k = blank_at(p + q, n - q, &zs);
                r->spaces += zs != 0;
            }
            r->trimmed++;
            text = e;
            i = e;
            continue;
        }
        size_t q = i;
        while (q < e) {
            k = blank_at(p + q, n - q, &zs);
            if (p[q] == '\t') {
                if ((s = emit_raw(st, a + q, 1)))
                    return s;
                q++;
                continue;
            }
            /* a sub-run of spaces (ASCII or Zs) */
            size_t f = q, cnt = 0;
            int any_zs = 0;
            while (f < e && p[f] != '\t') {
                k = blank_at(p + f, n - f, &zs);
                any_zs |= zs;
                r->spaces += zs != 0;
                f += k;
                cnt++;
            }
            if (keep || indent) {
                /* every blank stays, each as one space */
                for (size_t g = q; g < f; g += k) {
                    k = blank_at(p + g, n - g, &zs);
                    if (zs) {
                        if ((s = track(st, a + g, a + g + k, 0)) || (s = before_out(st)) ||
                        (s = ug_buf_putc(&st->out, ' ')))
                            return s;
                        st->out_pos++;
                    } else if ((s = emit_raw(st, a + g, 1))) {
                        return s;
                    }
                }
            } else if (cnt == 1 && !any_zs) {
                if ((s = emit_raw(st, a + q, 1)))
                    return s;
            } else {
                if (cnt > 1)
                    r->collapsed++;
                if ((s = track(st, a + q, a + f, 0)) || (s = before_out(st)) ||
                    (s = ug_buf_putc(&st->out, ' ')))
                    return s;
                st->out_pos++;
            }
            q = f;
        }
        text = e;
        i = e;
    }
    return emit_raw(st, a + text, n - text);
}

/* Decodes raw [a, b) into st->a. */
static ug_status decode_cells(nstate *st, size_t a, size_t b, size_t *invalid_at)
{
    st->a.n = 0;
    for (size_t i = a; i < b;) {
        uint32_t cp;
        int bad;
        size_t k = ugi_decode(&st->dec, st->raw, b, i, &cp, &bad);
        if (bad) {
            if (!st->res->invalid)
                st->res->first_invalid = i;
            st->res->invalid++;
            if ((st->flags & UG_NORM_INVALID_FAIL) && invalid_at) {
                *invalid_at = i;
                return UG_EUTF8;
            }
        }
        if (ugi_cells_add(&st->a, cp, i, i + k))
            return UG_ENOMEM;
        i += k;
    }
    return UG_OK;
}

/* Size in bytes of the encoding's line feed, and whether raw[i] starts one. */
static size_t lf_at(const nstate *st, size_t i)
{
    const unsigned char *r = st->raw;
    switch (st->dec.kind) {
    case UGI_ENC_UTF16LE: return (i + 1 < st->len && r[i] == '\n' && r[i + 1] == 0) ? 2 : 0;
    case UGI_ENC_UTF16BE: return (i + 1 < st->len && r[i] == 0 && r[i + 1] == '\n') ? 2 : 0;
    case UGI_ENC_UTF32LE:
        return (i + 3 < st->len && r[i] == '\n' && !r[i + 1] && !r[i + 2] && !r[i + 3]) ? 4 : 0;
    case UGI_ENC_UTF32BE:
        return (i + 3 < st->len && !r[i] && !r[i + 1] && !r[i + 2] && r[i + 3] == '\n') ? 4 : 0;
    default:
        return r[i] == '\n' ? 1 : 0;
    }
}

/* Finds the end of the raw line starting at a: returns the offset of its
 * line feed (or len) and stores the line feed's size in *lfsize. */
static size_t line_end(nstate *st, size_t a, size_t *lfsize)
{
    *lfsize = 0;
    if (st->dec.kind == UGI_ENC_UTF8 || st->dec.kind == UGI_ENC_TABLE) {
        const unsigned char *nl = memchr(st->raw + a, '\n', st->len - a);
        if (!nl)
            return st->len;
        *lfsize = 1;
        return (size_t)(nl - st->raw);
    }
    size_t unit = (st->dec.kind == UGI_ENC_UTF32LE || st->dec.kind == UGI_ENC_UTF32BE) ? 4 :
                  (st->dec.kind == UGI_ENC_ICONV) ? 1 : 2;
    for (size_t i = a; i < st->len; i += unit) {
        size_t k = lf_at(st, i);
        if (k) { *lfsize = k; return i; }
        if (st->dec.kind == UGI_ENC_ICONV) {
            /* step whole characters so a 0x0A byte inside one is not a line end */
            uint32_t cp;
            int bad;
            size_t adv = ugi_decode(&st->dec, st->raw, st->len, i, &cp, &bad);
            if (cp == '\n') { *lfsize = adv; return i; }
            i += adv - unit;
        }
    }
    return st->len;
}

ug_status ug_normalize(const char *raw, size_t len, const ug_norm_opts *opts,
                       ug_sink sink, void *ctx, ug_norm_result *res)
{
    static const ug_norm_opts defaults = { 0, NULL };
    nstate st;
    ug_status s;
    size_t bom = 0;
    if (!opts)
        opts = &defaults;
    if (!bclass_ready)
        init_bclass();
    memset(res, 0, sizeof *res);
    memset(&st, 0, sizeof st);
    st.raw = (const unsigned char *)raw;
    st.len = len;
    st.flags = opts->flags;
    st.res = res;
    st.sink = sink;
    st.ctx = ctx;
    st.prev_ident = 1;
    st.line_no = 1;
    res->bytes_in = len;
    res->map.in_len = len;
    const char *enc;
    if (opts->from) {
        enc = opts->from;
        res->encoding_why = "forced";
        if (!strcasecmp(enc, "UTF-16") || !strcasecmp(enc, "UTF16") || !strcasecmp(enc, "UCS-2")) {
            /* byte order from the BOM, big-endian without one (RFC 2781) */
            if (len >= 2 && st.raw[0] == 0xFF && st.raw[1] == 0xFE) { enc = "UTF-16LE"; bom = 2; }
            else if (len >= 2 && st.raw[0] == 0xFE && st.raw[1] == 0xFF) { enc = "UTF-16BE"; bom = 2; }
            else enc = "UTF-16BE";
        } else if (!strcasecmp(enc, "UTF-32") || !strcasecmp(enc, "UTF32") || !strcasecmp(enc, "UCS-4")) {
            if (len >= 4 && !memcmp(st.raw, "\xff\xfe\0\0", 4)) { enc = "UTF-32LE"; bom = 4; }
            else if (len >= 4 && !memcmp(st.raw, "\0\0\xfe\xff", 4)) { enc = "UTF-32BE"; bom = 4; }
            else enc = "UTF-32BE";
        } else if (!strcasecmp(enc, "UTF-8") && len >= 3 && !memcmp(st.raw, "\xef\xbb\xbf", 3)) {
            bom = 3;
        }
    } else if (opts->flags & UG_NORM_TEXT_IS_UTF8) {
        enc = "UTF-8";
        res->encoding_why = "text";
    } else {
        enc = ugi_detect(st.raw, len, &bom, &res->encoding_why);
    }
    if ((s = ugi_decoder_open(&st.dec, enc)))
        return s;
    memcpy(res->encoding, st.dec.name, sizeof res->encoding);
    size_t a = bom, invalid_at = 0;
    s = UG_OK;
    while (a < len || (a == len && a == bom && 0)) {
        size_t lf, e = line_end(&st, a, &lf);
        st.line_has_lf = lf != 0;
        int fast = st.dec.kind == UGI_ENC_UTF8 && !(st.flags & UG_NORM_GENERAL_PATH)
                   ? fast_line(&st, st.raw + a, e - a) : 0;
        if (fast == 1) {
            if ((s = emit_raw(&st, a, e - a + lf)))
                break;
        } else if (fast == 2) {
            if ((s = spaces_line(&st, a, e - a)) || (s = emit_raw(&st, e, lf)))
                break;
        } else {
            if ((s = decode_cells(&st, a, e, &invalid_at)) || (s = slow_line(&st)))
                break;
            if (lf) {
                if (st.dec.kind == UGI_ENC_UTF8) {
                    if ((s = emit_raw(&st, e, 1)))
                        break;
                } else {
                    st.a.n = 0;
                    if ((s = ugi_cells_add(&st.a, '\n', e, e + lf)) || (s = emit_cells(&st, &st.a)))
                        break;
                }
            }
        }
        if (lf)
            res->lines++;
        a = e + lf;
        st.line_no++;
        st.line_start = a;
        if (st.out.len + st.run_len >= FLUSH_AT && (s = flush(&st)))
            break;
    }
    if (!s && st.out_pos && !(len && (st.raw[len - 1] == '\n')))
        res->lines++;
    if (!s)
        s = flush(&st);
    res->bytes_out = st.out_pos;
    res->map.out_len = st.out_pos;
    if (!s && !(opts->flags & UG_NORM_NO_MAP) && res->map.n == 0 && st.out_pos != len) {
        /* only a BOM or trailing bytes were dropped: anchor the start */
        s = ug_offmap_add(&res->map, 0, bom, 1, bom + 1);
    }
    ugi_decoder_close(&st.dec);
    ugi_cells_free(&st.a);
    ugi_cells_free(&st.b);
    ug_buf_free(&st.out);
    ug_buf_free(&st.tmp);
    return s;
}

void ug_norm_result_free(ug_norm_result *res)
{
    ug_offmap_free(&res->map);
}

/* Sink that appends to a ug_buf. */
static ug_status buf_sink(void *ctx, const char *p, size_t n)
{
    return ug_buf_append((ug_buf *)ctx, p, n);
}

ug_status ug_normalize_buf(const char *raw, size_t len, const ug_norm_opts *opts,
                           ug_buf *out, ug_norm_result *res)
{
    return ug_normalize(raw, len, opts, buf_sink, out, res);
}

ug_status ug_norm_result_json(const ug_norm_result *r, ug_buf *out)
{
    const char *why = r->encoding_why ? r->encoding_why : "";
    if (ug_buf_puts(out, "{\"encoding\":") || ug_json_put_string(out, r->encoding, strlen(r->encoding)) ||
        ug_buf_puts(out, ",\"encoding_source\":") || ug_json_put_string(out, why, strlen(why)) ||
        ug_buf_puts(out, ",\"bytes_in\":") || ug_buf_put_u64(out, r->bytes_in) ||
        ug_buf_puts(out, ",\"bytes_out\":") || ug_buf_put_u64(out, r->bytes_out))
        return UG_ENOMEM;
    ug_status s;
    const struct { const char *k; size_t v; } ch[] = {
        { "invalid", r->invalid }, { "mojibake", r->mojibake }, { "entities", r->entities },
        { "spaces", r->spaces }, { "newlines", r->newlines }, { "controls", r->controls },
        { "invisible", r->invisible }, { "folded", r->folded }, { "punct", r->punct },
        { "unicode", r->unicode }, { "collapsed", r->collapsed }, { "trimmed", r->trimmed },
    };
    int first = 1;
    if ((s = ug_buf_puts(out, ",\"changes\":{")))
        return s;
    for (size_t i = 0; i < sizeof ch / sizeof ch[0]; i++) {
        if (!ch[i].v)
            continue;
        if ((!first && ug_buf_putc(out, ',')) || ug_buf_putc(out, '"') || ug_buf_puts(out, ch[i].k) ||
            ug_buf_puts(out, "\":") || ug_buf_put_u64(out, ch[i].v))
            return UG_ENOMEM;
        first = 0;
    }
    if (ug_buf_puts(out, "},\"typography\":{\"curly_quotes\":") || ug_buf_put_u64(out, r->curly_quotes) ||
        ug_buf_puts(out, ",\"straight_quotes\":") || ug_buf_put_u64(out, r->straight_quotes) ||
        ug_buf_puts(out, ",\"dashes\":") || ug_buf_put_u64(out, r->dashes) ||
        ug_buf_puts(out, ",\"ellipses\":") || ug_buf_put_u64(out, r->ellipses) || ug_buf_putc(out, '}'))
        return UG_ENOMEM;
    if (r->map.n) {
        if ((s = ug_buf_puts(out, ",\"map\":")) || (s = ug_offmap_to_json(&r->map, out)))
            return s;
    }
    return ug_buf_putc(out, '}');
}
