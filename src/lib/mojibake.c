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
 * decoded code point is "plausible": it lies in plausible_ranges, the
 * blocks real text uses (Latin-1, Latin Extended-A, the Extended-B and IPA
 * letters of living orthographies, common combining accents, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic letters, Thaana, Indic and South-East
 * Asian scripts, Georgian, Hangul, Ethiopic, Cherokee, Canadian syllabics,
 * Mongolian, Latin/Greek extended, punctuation, currency and symbol blocks,
 * CJK, presentation forms, variation selectors, U+FEFF, U+FFFD, Deseret and
 * Shavian, emoji, CJK extensions, tags), and is not a control, surrogate,
 * private-use or (below U+0800) unassigned code point. Rare blocks such as
 * most of Latin Extended-B, IPA, Cyrillic Supplement, Syriac, NKo,
 * Samaritan or Braille are left out on purpose: "CAFÉ’s" would decode to
 * IPA, "voilà\u00A0»" to Samaritan. Lead bytes are never continuation
 * bytes, so candidates never overlap and one left-to-right scan finds them
 * all. (A 0xA0 byte lost to a space, "voilÃ le", is not handled.)
 *
 * Gating (the badness rule). Each continuation character gets a class by
 * how natural it is right after a letter in real text:
 *   S (strong evidence): ¡ ¢ £ ¤ ¥ ¦ § ¨ ª ¬ ¯ ± ´ µ ¶ ¸ º ¼ ½ ¾ ¿ € ‚ ƒ „ ˆ
 *     ‰ • ˜ Œ œ Ÿ, the undefined C1 controls, and after the lead Â or Ã
 *     also © ® ° ² ³ ¹ « ‘ “ ‹ Š š Ž ž (and » after Â);
 *   P (plausible after a word): NBSP, soft hyphen, © ® ° ² ³ ¹ · « » … † ‡
 *     ‘ “ ” ‹ › ™; the quotes and … are also "closers";
 *   A (plausible between words): ’ – —;
 *   L (letters of Czech, Slovak...): Š š Ž ž, as in "ÚŠ", "Úškrn".
 * A C1 control with a windows-1252 meaning has the class of that meaning.
 * A maximal chain of two or more adjacent candidates is repaired as a
 * whole. A lone candidate is repaired when one of these holds:
 *   1. a continuation is S-class ("Ã±", "â€™", "ðŸ˜€");
 *   2. all its cells are products of an earlier round (double mojibake);
 *   3. (2-byte, context) a: the character before is a lowercase letter or a
 *      digit ("cafÃ©", "25Â°C"); b: the lead is Ã or Ð at the start of a
 *      word and the continuation is not a closer ("Ã\u00A0 la", "Ð² "); c:
 *      the character after is a letter and: the lead is Ã; or it is
 *      lowercase and the continuation is not A-class unless the lead is Â
 *      ("PÃ©rez"); or the one before is a letter too and the continuation
 *      is not a closer or soft hyphen ("NÄ—ra") — never for L-class, and
 *      with NBSP only for Ã + lowercase or a word-initial Å; d: Â + NBSP
 *      after punctuation, or before : ; ! ? » % unless the word has another
 *      Â ("LARCHÂ\u00A0:" but not "SUOVÂKUOŠKÂ\u00A0:");
 *   4. (3- or 4-byte, context) letters on both sides ("Viá»‡t");
 *   5. (line evidence) some other chain of the line is repaired under the
 *      rules above: in mojibake every non-ASCII character is garbled, so
 *      the weak ones go with the strong ones ("Ð² " in a Russian line).
 * Rules 1-5 do not apply to a candidate that decodes to a C1 control (it
 * may only be part of a chain: double mojibake of ”), and rules 1 and 3-4
 * not to the lead × (U+00D7; Hebrew comes in chains), so "2×£5" stays.
 * Everything else stays: "SUOVÂKUOŠKÂ\u00A0", "AHÅ™", "Â·", "IRMÃ»",
 * "perché\u00A0»", "»PÅ«", "PIÑ’s", "NEPOKÚŠAŤ". Context code points read
 * a C1 control as its windows-1252 character, so the final C1 mapping
 * cannot enable a repair in a later call (idempotence). Measured on 1.4M
 * distinct real lines of the gettext catalogues of 196 locales, as is and
 * upper-cased: 3 lines changed, all genuine mojibake in the catalogues;
 * of 100k of those lines mojibaked once (twice), 99.9 % (99.98 %) are
 * restored exactly.
 *
 * Rounds. Round 1 reads the caller's cells and appends to out; rounds 2
 * and 3 (run only while the previous round changed something) read the
 * previous round's output inside out, append after it and move the result
 * down. Repaired cells carry bit 31 of cp as a temporary mark (rule 2); it
 * is cleared, and counted, in the final pass that also maps the remaining
 * defined C1 controls to windows-1252. Every round is linear (each
 * candidate is decoded at most three times, rule 5 looks ahead once per
 * round, word_has() looks back at most WORD_SCAN cells), so the whole call
 * is O(n). No recursion, no allocation besides growing out.
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

/* How far word_has() looks back, in cells. */
#define WORD_SCAN 32

/* windows-1252 meaning of the bytes 0x80..0x9F; 0 where undefined. */
static const uint32_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178
};

/* Continuation classes (see the top comment). */
enum { CL_S = 0, CL_P = 1, CL_A = 2, CL_L = 3 };

/* Class of the character windows-1252 shows for continuation byte
 * 0x80 + index. */
static const unsigned char cont_cls[64] = {
    /* 0x80 € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ - Ž - */
    CL_S, CL_S, CL_S, CL_S, CL_S, CL_P, CL_P, CL_P,
    CL_S, CL_S, CL_L, CL_P, CL_S, CL_S, CL_L, CL_S,
    /* 0x90 - ‘ ’ “ ” • – — ˜ ™ š › œ - ž Ÿ */
    CL_S, CL_P, CL_A, CL_P, CL_P, CL_S, CL_A, CL_A,
    CL_S, CL_P, CL_L, CL_P, CL_S, CL_S, CL_L, CL_S,
    /* 0xA0 NBSP ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ SHY ® ¯ */
    CL_P, CL_S, CL_S, CL_S, CL_S, CL_S, CL_S, CL_S,
    CL_S, CL_P, CL_S, CL_P, CL_S, CL_P, CL_P, CL_S,
    /* 0xB0 ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ */
    CL_P, CL_S, CL_P, CL_P, CL_S, CL_S, CL_S, CL_P,
    CL_S, CL_P, CL_S, CL_P, CL_S, CL_S, CL_S, CL_S
};

/* Inclusive code point ranges a repair may produce, sorted. */
static const uint32_t plausible_ranges[][2] = {
    {0x00A0, 0x017F}, {0x0186, 0x0186}, {0x018F, 0x0190},
    {0x0192, 0x0192}, {0x01A0, 0x01B0}, {0x01CD, 0x01DC},
    {0x0218, 0x021B}, {0x0254, 0x0254}, {0x0259, 0x0259},
    {0x025B, 0x025B}, {0x0263, 0x0263}, {0x02B9, 0x02BC},
    {0x02C6, 0x02C7}, {0x02D8, 0x02DD}, {0x0300, 0x030C},
    {0x0323, 0x0323}, {0x0327, 0x0328}, {0x0370, 0x04FF},
    {0x0531, 0x058A}, {0x05B0, 0x05F4}, {0x060C, 0x060C},
    {0x061B, 0x061B}, {0x061F, 0x061F}, {0x0621, 0x063A},
    {0x0640, 0x066D}, {0x0670, 0x06D5}, {0x06F0, 0x06F9},
    {0x0780, 0x07B1}, {0x0900, 0x109F}, {0x10A0, 0x137F},
    {0x13A0, 0x13FF}, {0x1400, 0x167F}, {0x1780, 0x17FF},
    {0x1800, 0x18AF}, {0x1E00, 0x1FFF}, {0x2000, 0x20CF},
    {0x2100, 0x23FF}, {0x2460, 0x27BF}, {0x2900, 0x2BFF},
    {0x2E80, 0x2FDF}, {0x3000, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFB00, 0xFB06},
    {0xFB1D, 0xFDFF}, {0xFE00, 0xFE0F}, {0xFE30, 0xFE6F},
    {0xFE70, 0xFEFF}, {0xFF00, 0xFFEF}, {0xFFFD, 0xFFFD},
    {0x10400, 0x1047F}, {0x1D400, 0x1D7FF}, {0x1F000, 0x1FAFF},
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
    int has_l;        /* some continuation is L-class */
    int all_marked;   /* every cell was produced by an earlier round */
    int c1;           /* decodes to a C1 control (only joins chains) */
    int nbsp;         /* 2-byte sequence whose continuation is U+00A0 */
    int closer;       /* 2-byte, continuation is « » ‘ ’ “ ” ‹ › or … */
    int shy;          /* 2-byte sequence whose continuation is U+00AD */
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
 * undefined one is CL_S. After the lead Â or Ã, © ® ° ² ³ ¹ are CL_S, and
 * so is » after Â. */
static int cont_class(uint32_t cp, int b, int lead)
{
    if (cp >= 0x80 && cp <= 0x9F && cp1252_high[cp - 0x80] == 0)
        return CL_S;
    if ((lead == 0xC2 || lead == 0xC3) &&
        (b == 0xA9 || b == 0xAE || b == 0xB0 || b == 0xB2 || b == 0xB3 || b == 0xB9 ||
         b == 0xAB || b == 0x91 || b == 0x93 || b == 0x8B))
        return CL_S;
    if (lead == 0xC2 && b == 0xBB)
        return CL_S;
    if ((lead == 0xC2 || lead == 0xC3) && cont_cls[b - 0x80] == CL_L)
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

/* Returns nonzero when cp (a context code point) is a letter (L*). */
static int is_letter(uint32_t cp)
{
    utf8proc_category_t cat;

    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    cat = utf8proc_category((utf8proc_int32_t)cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* Returns nonzero when cp (a context code point) is punctuation or a
 * symbol (P* or S*). */
static int is_punct(uint32_t cp)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);

    return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO;
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
    q->has_l = 0;
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
        else if (cls == CL_L)
            q->has_l = 1;
        if ((c->cp & MARK) == 0)
            q->all_marked = 0;
    }
    q->c1 = u >= 0x80 && u <= 0x9F;
    q->nbsp = need == 1 && b == 0xA0;
    q->closer = need == 1 && (b == 0xBB || b == 0xAB || b == 0x91 || b == 0x92 ||
                              b == 0x93 || b == 0x94 || b == 0x8B || b == 0x9B || b == 0x85);
    q->shy = need == 1 && b == 0xAD;
    if (!q->c1 && !plausible(u))
        return 0;
    q->len = need + 1;
    q->cp = u;
    return 1;
}

/* Returns nonzero when one of the (at most WORD_SCAN) letters right before
 * source cell i is cp: the word the candidate ends uses that letter for
 * real (e.g. "SUOVÂKUOŠKÂ"). */
static int word_has(const src_t *s, size_t i, uint32_t cp)
{
    size_t k;

    for (k = 0; k < WORD_SCAN && k < i; k++) {
        uint32_t c = src_at(s, i - 1 - k)->cp & CP_MASK;

        if (c == cp)
            return 1;
        if (!is_letter(ctx_cp(c)))
            return 0;
    }
    return 0;
}

/* Decides whether the lone candidate *q at source cell i (not adjacent to
 * any other candidate) is repaired on its own evidence: rules 1-4 of the
 * top comment (rule 5 is applied by run_round()). */
static int lone_ok(const src_t *s, size_t i, const seq_t *q)
{
    uint32_t lead = src_at(s, i)->cp & CP_MASK;
    int has_prev = i > 0, has_next = i + q->len < s->n;
    uint32_t prev = has_prev ? ctx_cp(src_at(s, i - 1)->cp) : 0;
    uint32_t next = has_next ? ctx_cp(src_at(s, i + q->len)->cp) : 0;

    if (q->c1)
        return 0;
    if (q->all_marked)
        return 1;
    if (lead == 0xD7)
        return 0;
    if (q->strong)
        return 1;
    if (q->len != 2)                                     /* rule 4 */
        return has_prev && has_next && is_letter(prev) && is_letter(next);
    if (has_prev && (is_lower(prev) || is_digit(prev)))  /* rule 3a */
        return 1;
    if ((lead == 0xC3 || lead == 0xD0) && !q->closer &&  /* rule 3b */
        !(has_prev && is_letter(prev)))
        return 1;
    if (has_next && !q->has_l && is_letter(next)) {      /* rule 3c */
        if (q->nbsp) {
            if (lead == 0xC3 && is_lower(next))
                return 1;
            if (lead == 0xC5 && !(has_prev && is_letter(prev)))
                return 1;
        } else {
            if (lead == 0xC3)
                return 1;
            if (is_lower(next) && (!q->has_a || lead == 0xC2))
                return 1;
            if (has_prev && is_letter(prev) && !q->closer && !q->shy)
                return 1;
        }
    }
    if (lead == 0xC2 && q->nbsp) {                       /* rule 3d */
        if (has_next && (next == ':' || next == ';' || next == '!' || next == '?' ||
                         next == 0xBB || next == '%') && !word_has(s, i, 0xC2))
            return 1;
        if (has_prev && is_punct(prev))
            return 1;
    }
    return 0;
}

/* Finds the chain of adjacent candidates that starts with candidate *q at
 * source cell i: returns the index just after its last member and stores
 * the number of members in *count. */
static size_t chain_end(const src_t *s, size_t i, const seq_t *q, size_t *count)
{
    size_t j = i + q->len;
    seq_t q2;

    *count = 1;
    while (j < s->n && seq_at(s, j, &q2)) {
        (*count)++;
        j += q2.len;
    }
    return j;
}

/* Returns nonzero when the chain of count members starting with candidate
 * *q at source cell i is repaired on its own evidence. */
static int chain_ok(const src_t *s, size_t i, const seq_t *q, size_t count)
{
    return count >= 2 || lone_ok(s, i, q);
}

/* Returns nonzero when some chain at or after source cell i is repaired on
 * its own evidence (line evidence for rule 5). */
static int evidence_from(const src_t *s, size_t i)
{
    while (i < s->n) {
        seq_t q;
        size_t j, count;

        if (!seq_at(s, i, &q)) {
            i++;
            continue;
        }
        j = chain_end(s, i, &q, &count);
        if (chain_ok(s, i, &q, count))
            return 1;
        i = j;
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

/* Returns nonzero when repairing the chain [i, j) that starts with
 * candidate *q would only peel one layer off a longer run, leaving a new
 * candidate in the output: the cell before the chain reads as a lead byte
 * and the first repaired character as a continuation byte ("ÂÂÂº" ->
 * "ÂÂº" -> ...), or the last repaired character reads as a lead byte and
 * the cell after the chain as a continuation byte ("Ãƒƒƒ" -> "Ãƒƒ" -> ...).
 * Such runs are left alone; this keeps repair a fixed point. */
static int peels(const src_t *s, size_t i, size_t j, const seq_t *q)
{
    if (i > 0) {
        int before = enc_byte(src_at(s, i - 1)->cp & CP_MASK);
        int first = enc_byte(q->cp);
        if (before >= 0xC2 && before <= 0xF4 && first >= 0x80 && first <= 0xBF)
            return 1;
    }
    if (j < s->n) {
        seq_t last = *q, q2;
        for (size_t k = i + q->len; k < j; k += q2.len) {
            if (!seq_at(s, k, &q2))
                break;
            last = q2;
        }
        int end = enc_byte(last.cp);
        int after = enc_byte(src_at(s, j)->cp & CP_MASK);
        if (end >= 0xC2 && end <= 0xF4 && after >= 0x80 && after <= 0xBF)
            return 1;
    }
    return 0;
}

/* Runs one repair round over the source s, appending its result to out.
 * Sets *changed to 1 if some chain was repaired (leaves it otherwise).
 * Never appends more cells than s->n. Line evidence (rule 5) is looked
 * for ahead at most once per round, so the round is linear. Returns UG_OK
 * or UG_ENOMEM (out then holds a partial result that the caller discards). */
static ug_status run_round(const src_t *s, ugi_cells *out, int *changed)
{
    size_t i = 0;
    int evidence = 0;   /* a chain before i was repaired on its own evidence */
    int ahead = -1;     /* evidence_from() of the first lone failure, or -1 */
    ug_status st;

    while (i < s->n) {
        seq_t q, q2;
        size_t j, count;

        if (!seq_at(s, i, &q)) {
            st = copy_cells(s, i, i + 1, out);
            if (st != UG_OK)
                return st;
            i++;
            continue;
        }
        j = chain_end(s, i, &q, &count);
        if (peels(s, i, j, &q)) {
            st = copy_cells(s, i, j, out);
            if (st != UG_OK)
                return st;
            i = j;
            continue;
        }
        if (chain_ok(s, i, &q, count)) {
            evidence = 1;
        } else {
            if (!evidence && ahead < 0)
                ahead = evidence_from(s, j);
            if (q.c1 || !(evidence || ahead)) {
                st = copy_cells(s, i, j, out);
                if (st != UG_OK)
                    return st;
                i = j;
                continue;
            }
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
        int marked = (cp & MARK) != 0;

        cp &= CP_MASK;
        if (cp >= 0x80 && cp <= 0x9F && cp1252_high[cp - 0x80] != 0) {
            cp = cp1252_high[cp - 0x80];
            marked = 1;
        }
        out->v[k].cp = cp;
        count += (size_t)marked;
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
