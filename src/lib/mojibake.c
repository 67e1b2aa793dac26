/* mojibake.c (internal): local, gated repair of UTF-8 that was decoded as windows-1252 or latin-1.
 *
 * Model. Every code point that windows-1252 or latin-1 can produce maps
 * back to one byte: ASCII and U+00A0..U+00FF to themselves, the C1
 * controls U+0080..U+009F to 0x80..0x9F (latin-1, and the "sloppy"
 * windows-1252 that keeps the 5 undefined bytes as C1 controls), and the
 * 27 windows-1252 characters of 0x80..0x9F (euro sign, curly quotes...)
 * to their byte. A "candidate" is a run of cells at position i whose bytes
 * form one well-formed multi-byte UTF-8 sequence (lead 0xC2..0xF4, the
 * right number of continuation bytes, no overlongs or surrogates) whose
 * decoded code point is "plausible": it lies in a table of ranges that
 * real text uses (Latin-1, Latin Extended-A, a few Extended-B letters,
 * common combining accents, Greek, Cyrillic, Armenian, Hebrew, Arabic
 * letters, Indic and South-East Asian scripts, Georgian, Hangul, Ethiopic,
 * Latin/Greek extended, punctuation, currency and symbol blocks, CJK,
 * presentation forms, variation selectors, U+FEFF, U+FFFD, emoji, CJK
 * extensions, tags) and is not a control, surrogate, private-use or (below
 * U+0800) unassigned code point. Lead bytes are never continuation bytes,
 * so candidates never overlap and one left-to-right scan finds them all.
 *
 * Gating (the badness rule). Each continuation character gets a class:
 *   S (strong): glued after a letter it never occurs in real text: the
 *     undefined C1 controls, other C1 controls and windows-1252 characters
 *     whose meaning is not in P or A, and the Latin-1 symbols and odd
 *     letters of 0xA1..0xBF not in P (e.g. ¡ ¢ £ ¤ ¥ ¦ § ¨ ª « ¬ ¯ ± ´ µ ¶
 *     ¸ º ¼ ½ ¾ ¿, € ‚ ƒ „ ˆ ‰ Š ‹ Œ Ž ‘ “ • ˜ š œ ž Ÿ);
 *   P (plausible after a word): NBSP, soft hyphen, © ® ° ² ³ ¹ · », and
 *     … † ‡ ” ™ › (also as C1 controls);
 *   A (plausible between words): ’ – — (also as C1 controls).
 * A maximal chain of adjacent candidates (each starting where the previous
 * one ends) is repaired as a whole when it has two or more members. A lone
 * candidate is repaired when one of these holds:
 *   1. it contains an S-class continuation (score "clearly bad");
 *   2. all of its cells are themselves products of an earlier round
 *      (double mojibake);
 *   3. it is a 2-byte sequence and the character before it is a lowercase
 *      letter or a digit ("cafÃ©", "25Â°C"), or the character after it is a
 *      lowercase letter ("PÃ©rez") — the latter not for an A-class
 *      continuation unless the lead is Â or Ã (so "Ñ’s" stays).
 * A lone candidate led by × (U+00D7) is repaired only through rule 2 or a
 * chain (Hebrew), so "2×£5" stays. Everything else stays as it is: e.g.
 * "SUOVÂKUOŠKÂ\u00A0", "AHÅ™", "Â·", "perché\u00A0»", "IRMÃ»".
 * Before rule 3 looks at a neighbour, a C1 control is read as its
 * windows-1252 character, so the final C1 mapping cannot enable a repair
 * in a later call (idempotence).
 *
 * Rounds. Round 1 reads the caller's cells and appends to out; rounds 2
 * and 3 (run only while the previous round changed something) read the
 * previous round's output inside out, append after it and move the result
 * down. Repaired cells carry bit 31 of cp as a temporary mark (rule 2); it
 * is cleared, and counted, in the final pass that also maps the remaining
 * defined C1 controls to windows-1252. Every round is one linear scan
 * (each candidate is decoded at most twice), so the whole call is O(n).
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "mojibake.h"

/* Temporary mark on cells produced by a repair, and the code point mask. */
#define MARK 0x80000000u
#define CP_MASK 0x7FFFFFFFu

/* Maximum number of repair rounds. */
#define MAX_ROUNDS 3

/* windows-1252 meaning of the bytes 0x80..0x9F; 0 where undefined. */
static const uint32_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178
};

/* Continuation classes (see the top comment). */
enum { CL_S = 0, CL_P = 1, CL_A = 2 };

/* Class of the character windows-1252 shows for continuation byte
 * 0x80 + index. */
static const unsigned char cont_cls[64] = {
    /* 0x80 € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ - Ž - */
    CL_S, CL_S, CL_S, CL_S, CL_S, CL_P, CL_P, CL_P,
    CL_S, CL_S, CL_S, CL_S, CL_S, CL_S, CL_S, CL_S,
    /* 0x90 - ‘ ’ “ ” • – — ˜ ™ š › œ - ž Ÿ */
    CL_S, CL_S, CL_A, CL_S, CL_P, CL_S, CL_A, CL_A,
    CL_S, CL_P, CL_S, CL_P, CL_S, CL_S, CL_S, CL_S,
    /* 0xA0 NBSP ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ SHY ® ¯ */
    CL_P, CL_S, CL_S, CL_S, CL_S, CL_S, CL_S, CL_S,
    CL_S, CL_P, CL_S, CL_S, CL_S, CL_P, CL_P, CL_S,
    /* 0xB0 ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ */
    CL_P, CL_S, CL_P, CL_P, CL_S, CL_S, CL_S, CL_P,
    CL_S, CL_P, CL_S, CL_P, CL_S, CL_S, CL_S, CL_S
};

/* Inclusive code point ranges a repair may produce, sorted. */
static const uint32_t plausible_ranges[][2] = {
    {0x00A0, 0x017F}, {0x0192, 0x0192}, {0x01A0, 0x01B0},
    {0x01CD, 0x01DC}, {0x0218, 0x021B}, {0x02B9, 0x02BC},
    {0x02C6, 0x02C7}, {0x02D8, 0x02DD}, {0x0300, 0x030C},
    {0x0323, 0x0323}, {0x0327, 0x0328}, {0x0370, 0x04FF},
    {0x0531, 0x058A}, {0x05B0, 0x05F4}, {0x060C, 0x060C},
    {0x061B, 0x061B}, {0x061F, 0x061F}, {0x0621, 0x063A},
    {0x0640, 0x066D}, {0x0670, 0x06D3}, {0x06F0, 0x06F9},
    {0x0900, 0x0EFF}, {0x10A0, 0x137F}, {0x1E00, 0x1FFF},
    {0x2000, 0x20CF}, {0x2100, 0x23FF}, {0x2460, 0x27BF},
    {0x2900, 0x2BFF}, {0x2E80, 0x2FDF}, {0x3000, 0x4DBF},
    {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
    {0xFB00, 0xFB06}, {0xFB1D, 0xFDFF}, {0xFE00, 0xFE0F},
    {0xFE30, 0xFE6F}, {0xFE70, 0xFEFF}, {0xFF00, 0xFFEF},
    {0xFFFD, 0xFFFD}, {0x1D400, 0x1D7FF}, {0x1F000, 0x1FAFF},
    {0x20000, 0x323AF}, {0xE0001, 0xE007F}
};

/* Source of a round: the caller's array (ext != NULL) or the cells
 * buf->v[off .. off + n) of out, which may move while the round appends. */
typedef struct {
    const ugi_cell *ext;
    const ugi_cells *buf;
    size_t off;
    size_t n;
} src_t;

/* One candidate sequence found by seq_at(). */
typedef struct {
    size_t len;       /* cells consumed, 2..4 */
    uint32_t cp;      /* decoded code point */
    int strong;       /* some continuation is S-class */
    int has_a;        /* some continuation is A-class */
    int all_marked;   /* every cell was produced by an earlier round */
    int c1;           /* decodes to a C1 control (only joins chains) */
} seq_t;

/* Returns the address of source cell i (valid only until the next append
 * to out). Requires i < s->n. */
static inline const ugi_cell *src_at(const src_t *s, size_t i)
{
    return s->ext != NULL ? &s->ext[i] : &s->buf->v[s->off + i];
}

/* Returns the byte that sloppy windows-1252 / latin-1 decode to cp, or -1
 * when no byte does. cp must not carry MARK. */
static int enc_byte(uint32_t cp)
{
    if (cp < 0x100)
        return (int)cp;
    switch (cp) {
    case 0x20AC: return 0x80;
    case 0x201A: return 0x82;
    case 0x0192: return 0x83;
    case 0x201E: return 0x84;
    case 0x2026: return 0x85;
    case 0x2020: return 0x86;
    case 0x2021: return 0x87;
    case 0x02C6: return 0x88;
    case 0x2030: return 0x89;
    case 0x0160: return 0x8A;
    case 0x2039: return 0x8B;
    case 0x0152: return 0x8C;
    case 0x017D: return 0x8E;
    case 0x2018: return 0x91;
    case 0x2019: return 0x92;
    case 0x201C: return 0x93;
    case 0x201D: return 0x94;
    case 0x2022: return 0x95;
    case 0x2013: return 0x96;
    case 0x2014: return 0x97;
    case 0x02DC: return 0x98;
    case 0x2122: return 0x99;
    case 0x0161: return 0x9A;
    case 0x203A: return 0x9B;
    case 0x0153: return 0x9C;
    case 0x017E: return 0x9E;
    case 0x0178: return 0x9F;
    default: return -1;
    }
}

/* Returns the class (CL_*) of a continuation cell with code point cp
 * (no MARK) and byte b in 0x80..0xBF, in a sequence whose lead byte is
 * lead. A C1 control takes the class of its windows-1252 meaning; an
 * undefined one is CL_S. After the lead Â or Ã, © ® ° ² ³ ¹ are CL_S. */
static int cont_class(uint32_t cp, int b, int lead)
{
    if (cp >= 0x80 && cp <= 0x9F && cp1252_high[cp - 0x80] == 0)
        return CL_S;
    if ((lead == 0xC2 || lead == 0xC3) &&
        (b == 0xA9 || b == 0xAE || b == 0xB0 || b == 0xB2 || b == 0xB3 || b == 0xB9))
        return CL_S;
    return cont_cls[b - 0x80];
}

/* Returns nonzero when u is a code point a repair may produce (see the top
 * comment). */
static int plausible(uint32_t u)
{
    size_t lo = 0, hi = sizeof plausible_ranges / sizeof plausible_ranges[0];
    utf8proc_category_t cat;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < plausible_ranges[mid][0])
            hi = mid;
        else if (u > plausible_ranges[mid][1])
            lo = mid + 1;
        else
            break;
    }
    if (lo >= hi)
        return 0;
    cat = utf8proc_category((utf8proc_int32_t)u);
    if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CS ||
        cat == UTF8PROC_CATEGORY_CO)
        return 0;
    if (cat == UTF8PROC_CATEGORY_CN && u < 0x800)
        return 0;
    return 1;
}

/* Returns the code point of a cell as context for rule 3: MARK removed and
 * a defined C1 control read as its windows-1252 character. */
static uint32_t ctx_cp(uint32_t cp)
{
    cp &= CP_MASK;
    if (cp >= 0x80 && cp <= 0x9F && cp1252_high[cp - 0x80] != 0)
        return cp1252_high[cp - 0x80];
    return cp;
}

/* Returns nonzero when cp (a context code point) is a lowercase letter. */
static int is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Returns nonzero when cp (a context code point) is a decimal digit. */
static int is_digit(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND;
}

/* Tests whether a candidate starts at source cell i. On success fills *q
 * and returns 1; otherwise returns 0 and *q is unspecified. Reads at most
 * 4 cells, does not allocate. */
static int seq_at(const src_t *s, size_t i, seq_t *q)
{
    const ugi_cell *c = src_at(s, i);
    uint32_t cp = c->cp & CP_MASK;
    int b = enc_byte(cp);
    int lo = 0x80, hi = 0xBF, lead = b;
    size_t need, k;
    uint32_t u;

    if (b < 0xC2 || b > 0xF4)
        return 0;
    if (b < 0xE0) {
        need = 1;
        u = (uint32_t)b & 0x1F;
    } else if (b < 0xF0) {
        need = 2;
        u = (uint32_t)b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F;
    } else {
        need = 3;
        u = (uint32_t)b & 0x07;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    }
    if (need >= s->n - i)
        return 0;
    q->strong = 0;
    q->has_a = 0;
    q->all_marked = (c->cp & MARK) != 0;
    for (k = 1; k <= need; k++) {
        int cls;

        c = src_at(s, i + k);
        cp = c->cp & CP_MASK;
        b = enc_byte(cp);
        if (b < lo || b > hi)
            return 0;
        lo = 0x80;
        hi = 0xBF;
        u = (u << 6) | ((uint32_t)b & 0x3F);
        cls = cont_class(cp, b, lead);
        if (cls == CL_S)
            q->strong = 1;
        else if (cls == CL_A)
            q->has_a = 1;
        if ((c->cp & MARK) == 0)
            q->all_marked = 0;
    }
    q->c1 = u >= 0x80 && u <= 0x9F;
    if (!q->c1 && !plausible(u))
        return 0;
    q->len = need + 1;
    q->cp = u;
    return 1;
}

/* Decides whether the lone candidate *q at source cell i (not adjacent to
 * any other candidate) is repaired: rules 1-3 of the top comment. */
static int lone_ok(const src_t *s, size_t i, const seq_t *q)
{
    uint32_t lead = src_at(s, i)->cp & CP_MASK;

    if (q->c1)
        return 0;
    if (q->all_marked)
        return 1;
    if (lead == 0xD7)
        return 0;
    if (q->strong)
        return 1;
    if (q->len != 2)
        return 0;
    if (i > 0) {
        uint32_t p = ctx_cp(src_at(s, i - 1)->cp);
        if (is_lower(p) || is_digit(p))
            return 1;
    }
    if (i + 2 < s->n) {
        uint32_t nx = ctx_cp(src_at(s, i + 2)->cp);
        if (is_lower(nx) && (!q->has_a || lead == 0xC2 || lead == 0xC3))
            return 1;
    }
    return 0;
}

/* Appends to out the cell for candidate *q at source cell i: the decoded
 * code point with MARK, spanning the union of the source cells' spans. */
static ug_status emit_seq(const src_t *s, size_t i, const seq_t *q, ugi_cells *out)
{
    const ugi_cell *c = src_at(s, i);
    size_t start = c->start, end = c->end, k;

    for (k = 1; k < q->len; k++) {
        c = src_at(s, i + k);
        if (c->start < start)
            start = c->start;
        if (c->end > end)
            end = c->end;
    }
    return ugi_cells_push(out, q->cp | MARK, start, end);
}

/* Appends source cells [i, j) to out unchanged. */
static ug_status copy_cells(const src_t *s, size_t i, size_t j, ugi_cells *out)
{
    for (; i < j; i++) {
        ugi_cell c = *src_at(s, i);
        ug_status st = ugi_cells_push(out, c.cp, c.start, c.end);
        if (st != UG_OK)
            return st;
    }
    return UG_OK;
}

/* Runs one repair round over the source s, appending its result to out.
 * Sets *changed to 1 if some chain was repaired (leaves it otherwise).
 * Never appends more cells than s->n. Returns UG_OK or UG_ENOMEM (out then
 * holds a partial result that the caller discards). */
static ug_status run_round(const src_t *s, ugi_cells *out, int *changed)
{
    size_t i = 0;
    ug_status st;

    while (i < s->n) {
        seq_t q, q2;
        size_t j, count = 1;

        if (!seq_at(s, i, &q)) {
            st = copy_cells(s, i, i + 1, out);
            if (st != UG_OK)
                return st;
            i++;
            continue;
        }
        j = i + q.len;
        while (j < s->n && seq_at(s, j, &q2)) {
            count++;
            j += q2.len;
        }
        if (count == 1 && !lone_ok(s, i, &q)) {
            st = copy_cells(s, i, j, out);
            if (st != UG_OK)
                return st;
            i = j;
            continue;
        }
        while (i < j) {
            (void)seq_at(s, i, &q2);
            st = emit_seq(s, i, &q2, out);
            if (st != UG_OK)
                return st;
            i += q2.len;
        }
        *changed = 1;
    }
    return UG_OK;
}

/* See mojibake.h. */
ug_status ugi_mojibake_fix(const ugi_cell *in, size_t n, ugi_cells *out, size_t *repairs)
{
    size_t base = out->n, k, count = 0;
    src_t s;
    int changed = 0, round;
    ug_status st;

    s.ext = in;
    s.buf = NULL;
    s.off = 0;
    s.n = n;
    st = run_round(&s, out, &changed);
    for (round = 1; st == UG_OK && changed && round < MAX_ROUNDS; round++) {
        size_t m = out->n - base, m2;

        s.ext = NULL;
        s.buf = out;
        s.off = base;
        s.n = m;
        changed = 0;
        st = run_round(&s, out, &changed);
        if (st != UG_OK)
            break;
        m2 = out->n - base - m;
        if (changed)
            memmove(out->v + base, out->v + base + m, m2 * sizeof(ugi_cell));
        out->n = base + m2;
    }
    if (st != UG_OK) {
        out->n = base;
        return st;
    }
    for (k = base; k < out->n; k++) {
        uint32_t cp = out->v[k].cp;

        if (cp & MARK) {
            out->v[k].cp = cp & CP_MASK;
            count++;
        } else if (cp >= 0x80 && cp <= 0x9F && cp1252_high[cp - 0x80] != 0) {
            out->v[k].cp = cp1252_high[cp - 0x80];
            count++;
        }
    }
    if (repairs != NULL)
        *repairs += count;
    return UG_OK;
}

/* Returns nonzero when the UTF-8 at p (before e) starts with a character
 * that windows-1252/latin-1 show for a continuation byte: U+0080..U+00BF
 * or one of the 27 windows-1252 characters of 0x80..0x9F. */
static int cont_char_at(const unsigned char *p, const unsigned char *e)
{
    if (e - p < 2)
        return 0;
    switch (p[0]) {
    case 0xC2:
        return p[1] >= 0x80 && p[1] <= 0xBF;
    case 0xC5:
        return p[1] == 0x92 || p[1] == 0x93 || p[1] == 0xA0 || p[1] == 0xA1 ||
               p[1] == 0xB8 || p[1] == 0xBD || p[1] == 0xBE;
    case 0xC6:
        return p[1] == 0x92;
    case 0xCB:
        return p[1] == 0x86 || p[1] == 0x9C;
    case 0xE2:
        if (e - p < 3)
            return 0;
        if (p[1] == 0x82)
            return p[2] == 0xAC;
        if (p[1] == 0x84)
            return p[2] == 0xA2;
        if (p[1] != 0x80)
            return 0;
        switch (p[2]) {
        case 0x93: case 0x94: case 0x98: case 0x99: case 0x9A: case 0x9C:
        case 0x9D: case 0x9E: case 0xA0: case 0xA1: case 0xA2: case 0xA6:
        case 0xB0: case 0xB9: case 0xBA:
            return 1;
        default:
            return 0;
        }
    default:
        return 0;
    }
}

/* See mojibake.h. */
int ugi_mojibake_suspect(const char *s, size_t len)
{
    const unsigned char *p, *e;

    if (len == 0)
        return 0;
    p = (const unsigned char *)s;
    e = p + len;
    while (p < e) {
        if (*p < 0xC2) {
            p++;
            continue;
        }
        if (e - p >= 2) {
            if (p[0] == 0xC2 && p[1] <= 0x9F && p[1] >= 0x80)
                return 1;
            if (p[0] == 0xC3 && p[1] >= 0x82 && p[1] <= 0xB4 && cont_char_at(p + 2, e))
                return 1;
        }
        p++;
    }
    return 0;
}
