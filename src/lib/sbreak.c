/* sbreak.c: Unicode Sentence_Break classes and the plain UAX #29 sentence boundary algorithm. */
#include "config.h"
#include "sbreak.h"
#include "sbreak_table.h"

ugi_sb_class ugi_sb_class_of(uint32_t cp)
{
    if (cp < 256)
        return (ugi_sb_class)ugi_sb_direct[cp];
    size_t lo = 0, hi = UGI_SB_RANGE_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < ugi_sb_ranges[mid].lo)
            hi = mid;
        else if (cp > ugi_sb_ranges[mid].hi)
            lo = mid + 1;
        else
            return (ugi_sb_class)ugi_sb_ranges[mid].cls;
    }
    return UGI_SB_OTHER;
}

size_t ugi_sb_decode(const char *s, size_t len, size_t i, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t n = len - i;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t k;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { k = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { k = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { k = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return 1; }
    if (n < k) { *cp = 0xFFFD; return 1; }
    for (size_t j = 1; j < k; j++) {
        if ((p[j] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (p[j] & 0x3F);
    }
    if (v < min || v > 0x10FFFF) { *cp = 0xFFFD; return 1; }
    *cp = v;
    return k;
}

/* Class of the code point at s[i], with its length in *n. */
static ugi_sb_class class_at(const char *s, size_t len, size_t i, unsigned flags, size_t *n)
{
    uint32_t cp;
    *n = ugi_sb_decode(s, len, i, &cp);
    ugi_sb_class c = ugi_sb_class_of(cp);
    if ((flags & UGI_SB_NEWLINE_IS_SPACE) && (c == UGI_SB_CR || c == UGI_SB_LF))
        c = UGI_SB_SP;
    return c;
}

/* ParaSep of UAX #29: Sep, CR or LF. */
static int is_parasep(ugi_sb_class c) { return c == UGI_SB_SEP || c == UGI_SB_CR || c == UGI_SB_LF; }
/* SATerm of UAX #29: STerm or ATerm. */
static int is_saterm(ugi_sb_class c) { return c == UGI_SB_STERM || c == UGI_SB_ATERM; }

ug_status ugi_sb_breaks(const char *s, size_t len, unsigned flags, ugi_sb_fn fn, void *ctx)
{
    if (len == 0)
        return UG_OK;
    size_t n;
    ugi_sb_class raw = class_at(s, len, 0, flags, &n); /* class of the previous code point */
    ugi_sb_class p = raw, pp = UGI_SB_OTHER;          /* effective classes (SB5) */
    int seq = 0;        /* 0: none; 1: after SATerm Close*; 2: after SATerm Close* Sp+ */
    int aterm = 0;      /* the SATerm of seq is an ATerm */
    size_t la_pos = 0, la_end = 0;  /* cached SB8 look-ahead: stop at la_end, class la_cls */
    ugi_sb_class la_cls = UGI_SB_OTHER;
    int la_valid = 0;
    if (is_saterm(p)) {
        seq = 1;
        aterm = p == UGI_SB_ATERM;
    }
    for (size_t i = n; i < len; i += n) {
        ugi_sb_class cur = class_at(s, len, i, flags, &n);
        int brk;
        if (raw == UGI_SB_CR && cur == UGI_SB_LF)
            brk = 0;                                    /* SB3 */
        else if (is_parasep(raw))
            brk = 1;                                    /* SB4 */
        else if (cur == UGI_SB_EXTEND || cur == UGI_SB_FORMAT) {
            raw = cur;                                  /* SB5: absorbed */
            continue;
        } else if (p == UGI_SB_ATERM && cur == UGI_SB_NUMERIC)
            brk = 0;                                    /* SB6 */
        else if (p == UGI_SB_ATERM && cur == UGI_SB_UPPER &&
                 (pp == UGI_SB_UPPER || pp == UGI_SB_LOWER))
            brk = 0;                                    /* SB7 */
        else if (seq) {
            if (cur == UGI_SB_SCONTINUE || is_saterm(cur))
                brk = 0;                                /* SB8a */
            else if (cur == UGI_SB_SP || is_parasep(cur) || (seq == 1 && cur == UGI_SB_CLOSE))
                brk = 0;                                /* SB9, SB10 */
            else if (aterm) {
                /* SB8: ATerm Close* Sp* x ( not (OLetter|Upper|Lower|ParaSep|SATerm) )* Lower */
                if (!la_valid || i < la_pos || i > la_end) {
                    size_t j = i, m;
                    ugi_sb_class c = UGI_SB_OTHER;
                    while (j < len) {
                        c = class_at(s, len, j, flags, &m);
                        if (c == UGI_SB_OLETTER || c == UGI_SB_UPPER || c == UGI_SB_LOWER ||
                            is_parasep(c) || is_saterm(c))
                            break;
                        j += m;
                    }
                    la_pos = i;
                    la_end = j;
                    la_cls = j < len ? c : UGI_SB_OTHER;
                    la_valid = 1;
                }
                brk = la_cls != UGI_SB_LOWER;           /* SB8 or SB11 */
            } else
                brk = 1;                                /* SB11 */
        } else
            brk = 0;                                    /* SB998 */
        if (brk) {
            ug_status st = fn(ctx, i);
            if (st)
                return st;
        }
        /* update the state with cur */
        if (is_saterm(cur)) {
            seq = 1;
            aterm = cur == UGI_SB_ATERM;
        } else if (seq == 1 && cur == UGI_SB_CLOSE) {
            /* still SATerm Close* */
        } else if (seq && cur == UGI_SB_SP) {
            seq = 2;
        } else {
            seq = 0;
        }
        raw = cur;
        pp = p;
        p = cur;
    }
    return fn(ctx, len);
}
