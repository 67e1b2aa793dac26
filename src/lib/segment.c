/* segment.c: paragraphs and sentences with exact byte offsets (UAX #29 plus news rules). */
#include "config.h"
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "ug/segment.h"
#include "sbreak.h"
#include "abbrev_table.h"

/* Phrases shorter than this are looked for around an anchor byte they all
 * hold, when they have one, so that the shift table of the others can skip
 * further. */
#define SHORT_PHRASE 6

/* Phrases of one list grouped by first byte, with a shift table of byte
 * pairs, for a one-pass search that skips most of the text; the short
 * phrases apart, found from their common anchor byte when they have one
 * that is neither a letter, a digit nor a space ('/' in "/AP", "AFP/"). */
typedef struct {
    unsigned char first[256];   /* nonzero: some phrase of the table starts with this byte */
    unsigned short idx[64];     /* indexes of the table's phrases sorted by first byte */
    unsigned short from[257];   /* idx[from[b]..from[b+1]) start with byte b */
    const ugi_word *v;
    size_t n;
    size_t ntable;              /* phrases in the table (the others are short) */
    size_t minlen;              /* length of the table's shortest phrase (0: none) */
    /* how far the end of a window of minlen bytes may move on, given its
       last two bytes (pair_slot()): no phrase starts in between
       (Wu and Manber's shift table, used when minlen >= 2) */
    unsigned char shift[4096];
    unsigned char anchor;       /* 0: no short phrases apart */
    size_t nshort;
    unsigned short sidx[64];    /* indexes of the short phrases */
    unsigned char off[64];      /* where the anchor is in each of them */
} phrase_set;

/* Slot of the byte pair (a, b) in phrase_set.shift. */
static unsigned pair_slot(unsigned char a, unsigned char b)
{
    return ((unsigned)a << 4 ^ b) & 4095u;
}

struct ug_segmenter {
    unsigned flags;
    phrase_set boiler, credit;
    size_t max_sent;
    const ugi_lang_words *lw;
    int ordinal_dates;      /* "26. April" is a date, not a boundary (German) */
    /* the current document */
    size_t base;            /* offset of the current part in the document */
    size_t para;            /* number of the next paragraph */
    int seen_body;          /* a body paragraph has been seen */
};

/* The state of one ug_segment()/ug_segment_next() call. */
typedef struct {
    ug_segmenter *sg;
    const char *s;          /* the part's text */
    size_t len;
    ug_seg_cb cb;
    void *ctx;
    ug_status st;           /* first non-OK status of cb */
    size_t para;            /* current paragraph number */
    size_t sent;            /* next sentence number in the paragraph */
    ug_seg_kind kind;       /* kind of the current paragraph */
} seg_run;

/* Byte classes of the scanner's fast path. */
enum { B_PLAIN, B_SPACE, B_DOT, B_BANG, B_MULTI };

static const unsigned char byte_class[256] = {
    ['\t'] = B_SPACE, ['\n'] = B_SPACE, ['\v'] = B_SPACE, ['\f'] = B_SPACE, ['\r'] = B_SPACE,
    [' '] = B_SPACE, ['.'] = B_DOT, ['!'] = B_BANG, ['?'] = B_BANG,
    [0xC2] = B_MULTI, [0xC3] = B_MULTI, [0xC4] = B_MULTI, [0xC5] = B_MULTI, [0xC6] = B_MULTI,
    [0xC7] = B_MULTI, [0xC8] = B_MULTI, [0xC9] = B_MULTI, [0xCA] = B_MULTI, [0xCB] = B_MULTI,
    [0xCC] = B_MULTI, [0xCD] = B_MULTI, [0xCE] = B_MULTI, [0xCF] = B_MULTI, [0xD0] = B_MULTI,
    [0xD1] = B_MULTI, [0xD2] = B_MULTI, [0xD3] = B_MULTI, [0xD4] = B_MULTI, [0xD5] = B_MULTI,
    [0xD6] = B_MULTI, [0xD7] = B_MULTI, [0xD8] = B_MULTI, [0xD9] = B_MULTI, [0xDA] = B_MULTI,
    [0xDB] = B_MULTI, [0xDC] = B_MULTI, [0xDD] = B_MULTI, [0xDE] = B_MULTI, [0xDF] = B_MULTI,
    [0xE0] = B_MULTI, [0xE1] = B_MULTI, [0xE2] = B_MULTI, [0xE3] = B_MULTI, [0xE4] = B_MULTI,
    [0xE5] = B_MULTI, [0xE6] = B_MULTI, [0xE7] = B_MULTI, [0xE8] = B_MULTI, [0xE9] = B_MULTI,
    [0xEA] = B_MULTI, [0xEB] = B_MULTI, [0xEC] = B_MULTI, [0xED] = B_MULTI, [0xEE] = B_MULTI,
    [0xEF] = B_MULTI, [0xF0] = B_MULTI, [0xF1] = B_MULTI, [0xF2] = B_MULTI, [0xF3] = B_MULTI,
    [0xF4] = B_MULTI,
};

/* ---- small character helpers ------------------------------------------ */

/* Length of the white-space character at s[i] (i < end), or 0. White space
 * is Sentence_Break Sp, Sep, CR or LF: exactly Unicode White_Space. */
static size_t ws_at(const char *s, size_t end, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return byte_class[c] == B_SPACE;
    if (byte_class[c] != B_MULTI)
        return 0;
    uint32_t cp;
    size_t n = ugi_sb_decode(s, end, i, &cp);
    ugi_sb_class k = ugi_sb_class_of(cp);
    return (k == UGI_SB_SP || k == UGI_SB_SEP || k == UGI_SB_CR || k == UGI_SB_LF) ? n : 0;
}

/* Start of the code point that ends at s[i] (lo < i). */
static size_t cp_start_before(const char *s, size_t lo, size_t i)
{
    size_t j = i - 1;
    while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/* Code point ending at s[i] (lo < i) into *cp; returns its start. Falls back
 * to the single byte before i when the bytes do not decode to exactly there. */
static size_t cp_before(const char *s, size_t lo, size_t i, uint32_t *cp)
{
    size_t j = cp_start_before(s, lo, i);
    if (j + ugi_sb_decode(s, i, j, cp) != i) {
        j = i - 1;
        *cp = 0xFFFD;
    }
    return j;
}

/* Length of the white-space character ending at s[i] (lo < i), or 0. */
static size_t ws_before(const char *s, size_t lo, size_t i)
{
    unsigned char c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return byte_class[c] == B_SPACE;
    uint32_t cp;
    size_t j = cp_before(s, lo, i, &cp);
    ugi_sb_class k = ugi_sb_class_of(cp);
    return (k == UGI_SB_SP || k == UGI_SB_SEP || k == UGI_SB_CR || k == UGI_SB_LF) ? i - j : 0;
}

/* Skips white space forward from i; returns the first non-space offset. */
static size_t skip_ws(const char *s, size_t end, size_t i)
{
    size_t n;
    while (i < end && (n = ws_at(s, end, i)) > 0)
        i += n;
    return i;
}

/* Skips white space backward from i (not below lo). */
static size_t skip_ws_back(const char *s, size_t lo, size_t i)
{
    size_t n;
    while (i > lo && (n = ws_before(s, lo, i)) > 0)
        i -= n;
    return i;
}

/* Sentence_Break class of the code point at s[i], its length in *n. */
static ugi_sb_class class_at(const char *s, size_t end, size_t i, size_t *n)
{
    uint32_t cp;
    *n = ugi_sb_decode(s, end, i, &cp);
    return ugi_sb_class_of(cp);
}

/* Nonzero for the letter classes Upper, Lower and OLetter. */
static int is_letter_class(ugi_sb_class c)
{
    return c == UGI_SB_UPPER || c == UGI_SB_LOWER || c == UGI_SB_OLETTER;
}

/* Nonzero for an opening character skipped before a sentence's first word:
 * quotes and brackets (class Close) and the Spanish inverted marks. */
static int is_opener(const char *s, size_t end, size_t i, size_t *n)
{
    uint32_t cp;
    *n = ugi_sb_decode(s, end, i, &cp);
    return ugi_sb_class_of(cp) == UGI_SB_CLOSE || cp == 0xA1 || cp == 0xBF;
}

/* ---- word lists -------------------------------------------------------- */

/* Binary search of w[0..len) in the sorted list v[0..n); returns the entry
 * or NULL. */
static const ugi_word *find_word(const ugi_word *v, size_t n, const char *w, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t m = v[mid].len < len ? v[mid].len : len;
        int c = memcmp(v[mid].s, w, m);
        if (c == 0)
            c = v[mid].len < len ? -1 : v[mid].len > len;
        if (c == 0)
            return &v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Looks up w[0..len) as a date word (ASCII-lowercased first). */
static int is_dateword(const ugi_lang_words *lw, const char *w, size_t len)
{
    char low[64];
    if (len == 0 || len >= sizeof low)
        return 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)w[k];
        low[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return find_word(lw->dateword, lw->ndateword, low, len) != NULL;
}

/* Fills @p ps from the phrase list v[0..n) (at most 64 phrases are used). */
static void phrase_set_init(phrase_set *ps, const ugi_word *v, size_t n)
{
    memset(ps, 0, sizeof *ps);
    if (n > 64)
        n = 64;
    ps->v = v;
    ps->n = n;
    /* the anchor: a byte every short phrase holds, not a letter, digit or space */
    size_t nshort = 0;
    for (size_t j = 0; j < n; j++)
        nshort += v[j].len > 0 && v[j].len < SHORT_PHRASE;
    for (unsigned c = 1; nshort && c < 0x80 && !ps->anchor; c++) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')
            continue;
        size_t with = 0;
        for (size_t j = 0; j < n; j++)
            with += v[j].len > 0 && v[j].len < SHORT_PHRASE && memchr(v[j].s, (int)c, v[j].len);
        if (with == nshort)
            ps->anchor = (unsigned char)c;
    }
    /* in_table[j]: phrase j goes in the shift table, not the anchor's list */
    unsigned char in_table[64];
    for (size_t j = 0; j < n; j++) {
        in_table[j] = v[j].len > 0 && !(ps->anchor && v[j].len < SHORT_PHRASE);
        ps->ntable += in_table[j];
        if (v[j].len > 0 && !in_table[j]) {
            const char *a = memchr(v[j].s, ps->anchor, v[j].len);
            ps->sidx[ps->nshort] = (unsigned short)j;
            ps->off[ps->nshort++] = (unsigned char)(a - v[j].s);
        }
    }
    size_t k = 0;
    for (unsigned b = 0; b < 256; b++) {
        ps->from[b] = (unsigned short)k;
        for (size_t j = 0; j < n; j++) {
            if (in_table[j] && (unsigned char)v[j].s[0] == b) {
                ps->idx[k++] = (unsigned short)j;
                ps->first[b] = 1;
            }
        }
    }
    ps->from[256] = (unsigned short)k;
    ps->minlen = 0;
    for (size_t j = 0; j < n; j++)
        if (in_table[j] && (ps->minlen == 0 || v[j].len < ps->minlen))
            ps->minlen = v[j].len;
    if (ps->minlen > 255)
        ps->minlen = 255;               /* a shorter window only shifts less */
    if (ps->minlen >= 2) {
        size_t m = ps->minlen;
        memset(ps->shift, (int)(m - 1), sizeof ps->shift);
        for (size_t j = 0; j < n; j++) {
            if (!in_table[j])
                continue;
            for (size_t q = 1; q < m; q++) {
                unsigned h = pair_slot((unsigned char)v[j].s[q - 1], (unsigned char)v[j].s[q]);
                if (m - 1 - q < ps->shift[h])
                    ps->shift[h] = (unsigned char)(m - 1 - q);
            }
        }
    }
}

/* Offset of the first occurrence in t[0..len) of a phrase of @p ps (the
 * phrase's index in *which), or len when there is none. One pass. */
static size_t find_phrase(const phrase_set *ps, const char *t, size_t len, size_t *which)
{
    if (ps->minlen >= 2) {
        /* windows of minlen bytes: one ending at p is looked at only when
           its last two bytes may end the first minlen bytes of a phrase,
           so the first occurrence is still the first found */
        size_t m = ps->minlen;
        for (size_t p = m - 1; p < len; ) {
            unsigned sh = ps->shift[pair_slot((unsigned char)t[p - 1], (unsigned char)t[p])];
            if (sh) {
                p += sh;
                continue;
            }
            size_t i = p + 1 - m;
            unsigned char c = (unsigned char)t[i];
            for (unsigned k = ps->from[c]; k < ps->from[c + 1]; k++) {
                const ugi_word *w = &ps->v[ps->idx[k]];
                if (w->len <= len - i && memcmp(t + i, w->s, w->len) == 0) {
                    if (which)
                        *which = ps->idx[k];
                    return i;
                }
            }
            p++;
        }
        return len;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (!ps->first[c])
            continue;
        for (unsigned k = ps->from[c]; k < ps->from[c + 1]; k++) {
            const ugi_word *w = &ps->v[ps->idx[k]];
            /* the second byte first: most candidates fail there, without a
               call to memcmp() */
            if (w->len <= len - i && (w->len < 2 || t[i + 1] == w->s[1]) &&
                memcmp(t + i, w->s, w->len) == 0) {
                if (which)
                    *which = ps->idx[k];
                return i;
            }
        }
    }
    return len;
}

/* Nonzero when a phrase of @p ps occurs in t[0..len). */
static int has_phrase(const phrase_set *ps, const char *t, size_t len)
{
    if (ps->ntable && find_phrase(ps, t, len, NULL) < len)
        return 1;
    if (!ps->anchor)
        return 0;
    for (const char *p = memchr(t, ps->anchor, len); p;
         p = memchr(p + 1, ps->anchor, len - (size_t)(p + 1 - t))) {
        size_t at = (size_t)(p - t);
        for (size_t k = 0; k < ps->nshort; k++) {
            const ugi_word *w = &ps->v[ps->sidx[k]];
            if (at >= ps->off[k] && at - ps->off[k] + w->len <= len &&
                memcmp(t + at - ps->off[k], w->s, w->len) == 0)
                return 1;
        }
    }
    return 0;
}

/* ---- emitting sentences ------------------------------------------------ */

/* Calls the callback for [a, b) (already trimmed, non-empty). */
static void deliver(seg_run *r, size_t a, size_t b, unsigned flags)
{
    if (r->st)
        return;
    ug_sentence x;
    x.para = r->para;
    x.sent = r->sent++;
    x.start = r->sg->base + a;
    x.end = r->sg->base + b;
    x.kind = r->kind;
    x.flags = flags;
    r->st = r->cb(r->ctx, &x);
}

/* Emits the sentence [a, b) with @p flags: trims white space, and cuts it
 * into pieces of at most max_sent bytes (flagged UG_SEG_FORCED) when it is
 * longer, at the last white space in the second half of each window, else
 * at a code point boundary. Linear in b - a. */
static void emit(seg_run *r, size_t a, size_t b, unsigned flags)
{
    const char *s = r->s;
    size_t max = r->sg->max_sent;
    a = skip_ws(s, b, a);
    b = skip_ws_back(s, a, b);
    while (a < b && b - a > max && !r->st) {
        size_t lim = a + max, cut = 0;
        for (size_t k = lim; k > a + max / 2; k--) {
            if (byte_class[(unsigned char)s[k]] == B_SPACE) {
                cut = k;
                break;
            }
        }
        if (!cut) {
            /* the last code point boundary at or before lim, decoding
             * from a as the scanner does: never inside a valid sequence,
             * and at least max - 3 bytes past a */
            uint32_t cp;
            size_t n;
            cut = a;
            while ((n = ugi_sb_decode(s, b, cut, &cp)) <= lim - cut)
                cut += n;
        }
        size_t next = skip_ws(s, b, cut);
        cut = skip_ws_back(s, a, cut);
        deliver(r, a, cut, (flags & ~(unsigned)UG_SEG_GLUED) | UG_SEG_FORCED);
        a = next;
    }
    if (a < b)
        deliver(r, a, b, flags);
}

/* ---- list markers ------------------------------------------------------ */

/* A list marker family, found at the start of a paragraph. */
typedef struct {
    int kind;               /* 0: none; 1: number; 2: letter; 3: bullet only */
    uint32_t bullet;        /* bullet code point (0: none) */
    int split_bullet;       /* the bullet is a real bullet: split before each */
    char suffix[3];         /* ".", ")" or ".)" after the number or letter */
    int paren;              /* "(1)" form */
    unsigned long value;    /* number, or letter as a character */
} list_family;

/* Nonzero when @p cp can open a list item; *real is set for true bullet
 * characters (split before each), cleared for dashes and asterisks. */
static int is_bullet(uint32_t cp, int *real)
{
    *real = 1;
    switch (cp) {
    case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x25AA: case 0x25CF:
        return 1;
    case '-': case '*': case 0x2013: case 0x2014:
        *real = 0;
        return 1;
    default:
        return 0;
    }
}

/* Parses a list marker at s[i..end): optional bullet, then optionally a
 * number (1-3 digits) or a single ASCII letter with ".", ")" or ".)", or the
 * same in parentheses; it must be followed by white space (or, after a bare
 * bullet, by anything). Fills *f and returns the offset just past the
 * marker, or 0 when there is none. When @p want is not NULL, only a marker
 * of want's family with want's value matches. */
static size_t parse_marker(const char *s, size_t end, size_t i, list_family *f, const list_family *want)
{
    list_family g;
    memset(&g, 0, sizeof g);
    size_t j = i;
    uint32_t cp;
    if (j >= end)
        return 0;
    size_t n = ugi_sb_decode(s, end, j, &cp);
    int real;
    if (is_bullet(cp, &real)) {
        g.bullet = cp;
        g.split_bullet = real;
        j = skip_ws(s, end, j + n);
    }
    size_t body = j;
    if (j < end && s[j] == '(')
        g.paren = 1, j++;
    if (j < end && s[j] >= '0' && s[j] <= '9') {
        unsigned long v = 0;
        size_t d = 0;
        while (j < end && s[j] >= '0' && s[j] <= '9' && d < 4)
            v = v * 10 + (unsigned long)(s[j++] - '0'), d++;
        if (d > 3)
            goto bullet_only;
        g.kind = 1;
        g.value = v;
    } else if (j + 1 < end && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')) &&
               (s[j + 1] == '.' || s[j + 1] == ')')) {
        g.kind = 2;
        g.value = (unsigned char)s[j++];
    } else {
        goto bullet_only;
    }
    if (g.paren) {
        if (j >= end || s[j] != ')')
            goto bullet_only;
        j++;
        strcpy(g.suffix, ")");
    } else if (j + 1 < end && s[j] == '.' && s[j + 1] == ')') {
        strcpy(g.suffix, ".)");
        j += 2;
    } else if (j < end && (s[j] == '.' || s[j] == ')')) {
        g.suffix[0] = s[j++];
        g.suffix[1] = 0;
    } else {
        goto bullet_only;
    }
    if (j < end && !ws_at(s, end, j))
        goto bullet_only;
    if (want && (want->kind != g.kind || want->paren != g.paren || strcmp(want->suffix, g.suffix) ||
                 want->value != g.value || (want->bullet && want->bullet != g.bullet)))
        return 0;
    *f = g;
    return j;
bullet_only:
    if (!g.bullet || want)
        return 0;
    if (body == i + n && !g.split_bullet)
        return 0;   /* "-word", "*word" or a lone dash is not a list */
    g.kind = 3;
    g.paren = 0;
    *f = g;
    return i + n;
}

/* ---- the news rules ---------------------------------------------------- */

/* What follows a candidate boundary. */
typedef struct {
    ugi_sb_class cls;       /* class of the first letter or digit after openers */
    size_t w, wlen;         /* its word (letters only, at most 40 bytes) */
    int dot_after;          /* the word is directly followed by '.' */
    int starter;            /* the word is a sentence starter */
} next_info;

/* Fills @p nx from the text at s[i..end), after up to four opening quotes
 * or brackets. Reads at most a bounded number of bytes. */
static void peek_next(const seg_run *r, size_t i, size_t end, next_info *nx)
{
    const char *s = r->s;
    size_t n;
    memset(nx, 0, sizeof *nx);
    nx->cls = UGI_SB_OTHER;
    for (int k = 0; k < 4 && i < end && is_opener(s, end, i, &n); k++)
        i += n;
    if (i >= end)
        return;
    nx->cls = class_at(s, end, i, &n);
    if (!is_letter_class(nx->cls))
        return;
    nx->w = i;
    while (i < end && i - nx->w < 40) {
        ugi_sb_class c = class_at(s, end, i, &n);
        if (!is_letter_class(c) && c != UGI_SB_EXTEND)
            break;
        i += n;
    }
    nx->wlen = i - nx->w;
    nx->dot_after = i < end && s[i] == '.';
    nx->starter = find_word(r->sg->lw->starter, r->sg->lw->nstarter, s + nx->w, nx->wlen) != NULL;
}

/* Nonzero when t[0..n) looks like a dotted acronym: letter (. letter)+ . */
static int dotted_acronym(const char *t, size_t n)
{
    if (n < 3)
        return 0;
    for (size_t k = 0; k < n; k++) {
        int letter = (t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= 'a' && t[k] <= 'z');
        if ((k % 2 == 0) != letter)
            return 0;
        if (k % 2 == 1 && t[k] != '.')
            return 0;
    }
    return n % 2 == 1;
}

/* Nonzero when t[0..n) is non-empty and all ASCII capitals. */
static int all_upper_ascii(const char *t, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!(t[k] >= 'A' && t[k] <= 'Z'))
            return 0;
    return 1;
}

/* Nonzero when t[0..n) is non-empty and all ASCII digits. */
static int all_digits(const char *t, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!(t[k] >= '0' && t[k] <= '9'))
            return 0;
    return 1;
}

/* Nonzero when the token [a, b) before a glued terminator, or the word
 * after it (up to 64 bytes), looks like an e-mail address, URL or host. */
static int looks_like_address(const char *s, size_t a, size_t b, size_t after, size_t end)
{
    if (b - a >= 4 && memcmp(s + a, "www.", 4) == 0)
        return 1;
    for (size_t k = a; k < b; k++)
        if (s[k] == '@' || (s[k] == ':' && k + 2 < b && s[k + 1] == '/' && s[k + 2] == '/'))
            return 1;
    for (size_t k = after; k < end && k - after < 64; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == '@' || c == '/')
            return 1;
        if (byte_class[c] != B_PLAIN || c == ',' || c == ';' || c == ':')
            break;
    }
    return 0;
}

enum { D_NONE, D_BREAK, D_BREAK_FIRST, D_GLUED };

/* Skips from s[i] (i <= pe) the bytes news_scan() passes over when no list
 * is open: ASCII other than white space, '.', '!' and '?', and single
 * spaces. Sets *tok past the last space skipped, as skip_ws() after it
 * would. Returns the offset of the first byte to look at, within 16 bytes
 * of pe at most (the caller reads the rest byte by byte). Reads 16 bytes at
 * a time with SSE2; without it, skips nothing. */
static size_t skip_plain(const char *s, size_t i, size_t pe, size_t *tok)
{
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(' '), dot = _mm_set1_epi8('.'),
                  bang = _mm_set1_epi8('!'), ques = _mm_set1_epi8('?'),
                  low = _mm_set1_epi8(0x20);
    while (i + 16 <= pe) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* bytes below 0x20 or from 0x80 (negative as signed), and . ! ? */
        __m128i stop = _mm_or_si128(_mm_cmplt_epi8(x, low),
                                    _mm_or_si128(_mm_cmpeq_epi8(x, dot),
                                                 _mm_or_si128(_mm_cmpeq_epi8(x, bang),
                                                              _mm_cmpeq_epi8(x, ques))));
        unsigned ms = (unsigned)_mm_movemask_epi8(stop);
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, space));
        unsigned k = ms ? (unsigned)__builtin_ctz(ms) : 16;
        sp &= (1u << k) - 1;            /* the spaces before the stop */
        if (sp)
            *tok = i + (31u - (unsigned)__builtin_clz(sp)) + 1;
        i += k;
        if (ms)
            break;
    }
#else
    (void)s; (void)pe; (void)tok;
#endif
    return i;
}

/* Segments the paragraph piece [ps, pe) with the news rules. A list marker
 * may open it (and then its siblings split it); @p last_flags go to its
 * last sentence. */
static void news_scan(seg_run *r, size_t ps, size_t pe, unsigned last_flags)
{
    const char *s = r->s;
    const ugi_lang_words *lw = r->sg->lw;
    size_t i = ps, ss = ps, tok = ps, marker_end = 0;
    list_family fam;
    int list_on = 0;
    size_t m = parse_marker(s, pe, ps, &fam, NULL);
    if (m) {
        marker_end = m;
        list_on = fam.kind == 1 || fam.kind == 2 || fam.split_bullet;
    }
    while (i < pe && !r->st) {
        if (!list_on)
            i = skip_plain(s, i, pe, &tok);
        if (i >= pe)
            break;
        unsigned char c = (unsigned char)s[i];
        int bc = byte_class[c];
        if (bc == B_PLAIN) {
            i++;
            continue;
        }
        size_t n = 1;
        if (bc == B_MULTI) {
            uint32_t cp;
            n = ugi_sb_decode(s, pe, i, &cp);
            ugi_sb_class k = ugi_sb_class_of(cp);
            if (k == UGI_SB_SP || k == UGI_SB_SEP || k == UGI_SB_CR || k == UGI_SB_LF)
                bc = B_SPACE;
            else if (k != UGI_SB_ATERM && k != UGI_SB_STERM && cp != 0x2026) {
                i += n;
                continue;
            }
        }
        if (bc == B_SPACE) {
            i = skip_ws(s, pe, i);
            tok = i;
            if (list_on && i < pe) {
                /* a sibling list marker starts a new item */
                list_family want = fam, got;
                size_t me = 0;
                if (fam.kind == 1 || fam.kind == 2) {
                    want.value = fam.value + 1;
                    me = parse_marker(s, pe, i, &got, &want);
                } else if (fam.split_bullet) {
                    uint32_t cp;
                    ugi_sb_decode(s, pe, i, &cp);
                    if (cp == fam.bullet)
                        me = parse_marker(s, pe, i, &got, NULL);
                }
                if (me) {
                    emit(r, ss, i, 0);
                    ss = i;
                    marker_end = me;
                    if (fam.kind == 1 || fam.kind == 2)
                        fam.value++;
                }
            }
            continue;
        }
        /* a terminator run starts at t */
        size_t t = i, j = i;
        int ndots = 0, nbang = 0, spaced = 0, ell = 0, last_dot = 0;
        while (j < pe) {
            unsigned char d = (unsigned char)s[j];
            if (d == '.') {
                ndots++, j++, last_dot = 1;
            } else if (d == '!' || d == '?') {
                nbang++, j++, last_dot = 0;
            } else if (d == ' ' && last_dot && j + 1 < pe && s[j + 1] == '.') {
                spaced = 1, j++;
            } else if (d >= 0x80) {
                uint32_t cp;
                size_t k = ugi_sb_decode(s, pe, j, &cp);
                ugi_sb_class sc = ugi_sb_class_of(cp);
                if (cp == 0x2026)
                    ndots += 3, ell = 1, last_dot = 1;
                else if (sc == UGI_SB_ATERM)
                    ndots++, last_dot = 1;
                else if (sc == UGI_SB_STERM)
                    nbang++, last_dot = 0;
                else
                    break;
                j += k;
            } else {
                break;
            }
        }
        /* closing quotes and brackets stay with the sentence */
        while (j < pe) {
            unsigned char d = (unsigned char)s[j];
            if (d == '"' || d == '\'' || d == ')' || d == ']' || d == '}') {
                j++;
            } else if (d >= 0x80) {
                size_t k;
                if (class_at(s, pe, j, &k) != UGI_SB_CLOSE)
                    break;
                j += k;
            } else {
                break;
            }
        }
        size_t ce = j;
        size_t we = skip_ws(s, pe, ce);
        if (we >= pe) {
            i = pe;
            break;
        }
        int dec = D_NONE;
        size_t pa = tok > ss ? tok : ss;
        size_t nop;
        while (pa < t && is_opener(s, t, pa, &nop))
            pa += nop;
        if (t < marker_end) {
            dec = D_NONE;
        } else if (we == ce) {
            /* "here.Next": split only between lowercase words */
            if (ndots + nbang == 1 && !ell && t - ps >= 2) {
                size_t k1, k2;
                uint32_t a1, a2, b1, b2;
                k1 = cp_before(s, ps, t, &a1);
                if (k1 > ps) {
                    k2 = cp_before(s, ps, k1, &a2);
                    (void)k2;
                    size_t n1 = ugi_sb_decode(s, pe, ce, &b1);
                    if (ce + n1 < pe) {
                        ugi_sb_decode(s, pe, ce + n1, &b2);
                        if (ugi_sb_class_of(a1) == UGI_SB_LOWER && ugi_sb_class_of(a2) == UGI_SB_LOWER &&
                            ugi_sb_class_of(b1) == UGI_SB_UPPER && ugi_sb_class_of(b2) == UGI_SB_LOWER &&
                            !looks_like_address(s, pa, t, ce, pe))
                            dec = D_GLUED;
                    }
                }
            }
        } else {
            next_info nx;
            peek_next(r, we, pe, &nx);
            const char *p = s + pa;
            size_t plen = t - pa;
            if (nx.cls == UGI_SB_LOWER) {
                dec = D_NONE;
            } else if (nbang) {
                dec = D_BREAK;
            } else if (ndots >= 2 || ell) {
                if (s[t] == '.' && t > pa && spaced && ndots >= 4 && nx.cls == UGI_SB_UPPER)
                    dec = D_BREAK_FIRST;
                else if (ndots >= 4 || ndots == 2)
                    dec = D_BREAK;
                else
                    dec = nx.starter && !(nx.wlen == 1 && s[nx.w] == 'I') ? D_BREAK : D_NONE;
            } else if (plen == 0) {
                dec = D_BREAK;
            } else {
                const ugi_word *ab = find_word(lw->abbrev, lw->nabbrev, p, plen);
                int cls = ab ? ab->cls : UGI_ABBR_NONE;
                size_t k1;
                ugi_sb_class pc = class_at(s, t, pa, &k1);
                if (cls == UGI_ABBR_NONE && dotted_acronym(p, plen))
                    cls = UGI_ABBR_INLINE;
                if (nx.cls == UGI_SB_NUMERIC)
                    dec = cls != UGI_ABBR_NONE ? D_NONE : D_BREAK;
                else if (cls == UGI_ABBR_TITLE)
                    dec = D_NONE;
                else if (cls == UGI_ABBR_NUMERIC)
                    dec = D_BREAK;
                else if (cls == UGI_ABBR_INLINE)
                    dec = nx.starter ? D_BREAK : D_NONE;
                else if (pa + k1 == t && pc == UGI_SB_UPPER)
                    dec = nx.starter ? D_BREAK : D_NONE;     /* an initial */
                else if (plen == 2 && all_upper_ascii(p, 2) && nx.wlen <= 2 && nx.dot_after &&
                         all_upper_ascii(s + nx.w, nx.wlen))
                    dec = D_NONE;                           /* "EE. UU." */
                else if (r->sg->ordinal_dates && plen <= 2 && all_digits(p, plen) &&
                         is_dateword(lw, s + nx.w, nx.wlen))
                    dec = D_NONE;                           /* "26. April" */
                else
                    dec = D_BREAK;
            }
        }
        switch (dec) {
        case D_BREAK:
            emit(r, ss, ce, 0);
            ss = ce;
            break;
        case D_BREAK_FIRST:
            emit(r, ss, t + 1, 0);
            ss = t + 1;
            break;
        case D_GLUED:
            emit(r, ss, ce, UG_SEG_GLUED);
            ss = ce;
            tok = ce;
            break;
        default:
            break;
        }
        i = ce > t ? ce : t + 1;
    }
    emit(r, ss, pe, last_flags);
}

/* ---- plain UAX #29 ----------------------------------------------------- */

typedef struct {
    seg_run *r;
    size_t base, prev;
} uax_ctx;

/* ugi_sb_breaks() callback: emits the segment ending at @p off. */
static ug_status uax_break(void *ctx, size_t off)
{
    uax_ctx *u = ctx;
    emit(u->r, u->prev, u->base + off, 0);
    u->prev = u->base + off;
    return u->r->st;
}

/* Segments the paragraph [ps, pe) with the plain UAX #29 rules. */
static void uax_scan(seg_run *r, size_t ps, size_t pe)
{
    uax_ctx u = { r, ps, ps };
    unsigned fl = (r->sg->flags & UG_SEG_SOFT_NEWLINES) ? UGI_SB_NEWLINE_IS_SPACE : 0;
    ugi_sb_breaks(r->s + ps, pe - ps, fl, uax_break, &u);
}

/* ---- paragraph kinds --------------------------------------------------- */

/* Nonzero when t[0..n) ends with terminal punctuation (after closing quotes
 * and brackets): . ! ? … : ; or any ATerm/STerm. */
static int ends_terminal(const char *t, size_t n)
{
    size_t i = n;
    while (i > 0) {
        uint32_t cp;
        size_t j = cp_before(t, 0, i, &cp);
        ugi_sb_class k = ugi_sb_class_of(cp);
        if (k == UGI_SB_CLOSE || k == UGI_SB_SP) {
            i = j;
            continue;
        }
        return k == UGI_SB_ATERM || k == UGI_SB_STERM || cp == 0x2026 || cp == ':' || cp == ';';
    }
    return 0;
}

/* Number of white-space separated words in t[0..n), counting at most cap+1. */
static size_t count_words(const char *t, size_t n, size_t cap)
{
    size_t w = 0, i = 0;
    while (i < n && w <= cap) {
        i = skip_ws(t, n, i);
        if (i >= n)
            break;
        w++;
        size_t k;
        while (i < n && (k = ws_at(t, n, i)) == 0)
            i++;
    }
    return w;
}

/* Nonzero for a token that may appear in a date line: a date word, or a
 * token of digits and - / : . , with at least one digit (*digit set). */
static int date_token(const ugi_lang_words *lw, const char *w, size_t n, int *digit)
{
    while (n > 0 && (w[n - 1] == ',' || w[n - 1] == '|'))
        n--;
    if (n == 0)
        return 1;
    int d = 0, other = 0;
    for (size_t k = 0; k < n; k++) {
        char c = w[k];
        if (c >= '0' && c <= '9')
            d = 1;
        else if (c != '-' && c != '/' && c != ':' && c != '.')
            other = 1;
    }
    if (d && !other) {
        *digit = 1;
        return 1;
    }
    if (n == 1 && (w[0] == '-' || w[0] == '|'))
        return 1;
    if (n == 3 && memcmp(w, "\xE2\x80\x93", 3) == 0)
        return 1;
    return is_dateword(lw, w, n);
}

/* Length of the leading run of date tokens of t[0..n) that holds at least
 * one number (0 when there is none); *all set when it covers all of t,
 * *iso when its last token is a numeric date such as 2024-04-27. */
static size_t date_prefix(const ugi_lang_words *lw, const char *t, size_t n, int *all, int *iso)
{
    size_t i = 0, last = 0;
    int digit = 0;
    *all = 0;
    *iso = 0;
    while (i < n) {
        i = skip_ws(t, n, i);
        if (i >= n)
            break;
        size_t a = i;
        while (i < n && !ws_at(t, n, i))
            i++;
        if (!date_token(lw, t + a, i - a, &digit))
            break;
        last = i;
        size_t dg = 0, sep = 0;
        for (size_t k = a; k < i; k++) {
            dg += t[k] >= '0' && t[k] <= '9';
            sep += t[k] == '-' || t[k] == '/';
        }
        *iso = dg >= 6 && sep == 2 && dg + sep == i - a;
    }
    if (!digit)
        return 0;
    *all = skip_ws(t, n, last) >= n;
    return last;
}

/* "rm,km/sms (Reuters, AFP, AP)": an editor's sign-off. */
static int is_signoff(const char *t, size_t n)
{
    size_t i = 0;
    int sep = 0;
    while (i < n && ((t[i] >= 'a' && t[i] <= 'z') || t[i] == ',' || t[i] == '/')) {
        if (t[i] == ',' || t[i] == '/')
            sep = 1;
        i++;
    }
    if (!sep || i < 3 || t[0] == ',' || t[0] == '/')
        return 0;
    i = skip_ws(t, n, i);
    if (i == n)
        return 1;
    return t[i] == '(' && t[n - 1] == ')' && memchr(t + i + 1, '(', n - i - 2) == NULL;
}

/* "BEIJING –", "HONG KONG, China (AFP) —": all-caps place, optional
 * parenthesis, then a dash. Returns the offset past the dash, or 0. */
static size_t city_prefix(const char *t, size_t n)
{
    size_t i = 0, words = 0;
    while (i < n && words < 5) {
        size_t a = i;
        while (i < n && ((t[i] >= 'A' && t[i] <= 'Z') || t[i] == '.' || t[i] == '\''))
            i++;
        if (i - a < 2)
            break;
        words++;
        if (i < n && t[i] == ',') {
            /* ", Country" */
            i = skip_ws(t, n, i + 1);
            while (i < n && ((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
                i++;
        }
        size_t k = skip_ws(t, n, i);
        if (k < n && t[k] == '(') {
            const char *close = memchr(t + k, ')', n - k < 40 ? n - k : 40);
            if (!close)
                return 0;
            k = skip_ws(t, n, (size_t)(close - t) + 1);
        }
        if (k < n && (t[k] == '-' || (k + 3 <= n && (memcmp(t + k, "\xE2\x80\x93", 3) == 0 ||
                                                     memcmp(t + k, "\xE2\x80\x94", 3) == 0)))) {
            size_t e = k + (t[k] == '-' ? 1 : 3);
            if (e < n && ws_at(t, n, e))
                return e;
            return 0;
        }
        i = k;
    }
    return 0;
}

/* Nonzero when the line t[0..n) (at most 1 KiB) holds a photo credit. */
static int has_credit(const ug_segmenter *sg, const char *t, size_t n)
{
    return n <= 1024 && has_phrase(&sg->credit, t, n);
}

/* Kind of the paragraph t[0..n) (trimmed). @p next_credit: the next line of
 * the same block is a credit line (hard newlines only). */
static ug_seg_kind classify(ug_segmenter *sg, const char *t, size_t n, int next_credit)
{
    const ugi_lang_words *lw = sg->lw;
    int all, iso;
    if (n <= 300 && has_phrase(&sg->boiler, t, n))
        return UG_SEG_BOILERPLATE;
    if (n <= 80 && is_signoff(t, n))
        return UG_SEG_BOILERPLATE;
    if (n <= 80 && date_prefix(lw, t, n, &all, &iso) && all)
        return UG_SEG_DATELINE;
    if (has_credit(sg, t, n))
        return UG_SEG_CAPTION;
    list_family f;
    if (parse_marker(t, n, 0, &f, NULL))
        return UG_SEG_LIST;
    int term = ends_terminal(t, n);
    size_t words = term ? 0 : count_words(t, n < 400 ? n : 400, 25);
    for (size_t k = 0; k < lw->nbyline; k++) {
        const ugi_word *b = &lw->byline[k];
        if (n <= 100 && !term && words <= 8 && n > b->len && memcmp(t, b->s, b->len) == 0 &&
            t[b->len] >= 'A' && t[b->len] <= 'Z')
            return UG_SEG_BYLINE;
    }
    if (!sg->seen_body && words <= 1 && n <= 40 && !term)
        return UG_SEG_DATELINE;
    if (next_credit && words >= 10)
        return UG_SEG_CAPTION;      /* a caption directly above its credit line */
    if (n <= 160 && words <= 20 && !term)
        return UG_SEG_HEADLINE;
    if (n <= 1024 && !term && next_credit)
        return UG_SEG_CAPTION;
    return UG_SEG_BODY;
}

/* Segments one paragraph [ps, pe) (trimmed, non-empty). */
static void do_paragraph(seg_run *r, size_t ps, size_t pe, int next_credit)
{
    ug_segmenter *sg = r->sg;
    const char *t = r->s + ps;
    size_t n = pe - ps;
    r->sent = 0;
    r->kind = classify(sg, t, n, next_credit);
    if (sg->flags & UG_SEG_UAX29) {
        uax_scan(r, ps, pe);
    } else {
        size_t from = ps;
        if (r->kind == UG_SEG_BODY && !sg->seen_body) {
            /* "date 2024-04-27 BEIJING –" opening the first body paragraph */
            int all, iso;
            size_t d = date_prefix(sg->lw, t, n < 80 ? n : 80, &all, &iso);
            size_t c = city_prefix(t + skip_ws(t, n, d), n - skip_ws(t, n, d));
            size_t e = c ? skip_ws(t, n, d) + c : iso ? d : 0;
            if (e > 0 && skip_ws(t, n, e) < n) {
                r->kind = UG_SEG_DATELINE;
                emit(r, ps, ps + e, 0);
                r->kind = UG_SEG_BODY;
                from = ps + e;
            }
        }
        if (r->kind == UG_SEG_CAPTION && n <= 1024) {
            /* "countriesImage: Mark ..." - a credit glued to the caption */
            for (size_t k = 0; k < sg->lw->ncredit; k++) {
                const ugi_word *w = &sg->lw->credit[k];
                if (w->len < 2 || w->s[w->len - 1] != ' ' || w->s[w->len - 2] != ':')
                    continue;
                const char *q = memmem(t, n, w->s, w->len);
                if (q && q > t) {
                    uint32_t cp;
                    size_t qo = (size_t)(q - r->s);
                    cp_before(r->s, ps, qo, &cp);
                    if (ugi_sb_class_of(cp) == UGI_SB_LOWER) {
                        news_scan(r, from, qo, UG_SEG_GLUED);
                        from = qo;
                        break;
                    }
                }
            }
        }
        news_scan(r, from, pe, 0);
    }
    if (r->kind == UG_SEG_BODY)
        sg->seen_body = 1;
    r->para++;
}

/* Nonzero when s[a..b) is white space only. */
static int blank(const char *s, size_t a, size_t b)
{
    return skip_ws(s, b, a) >= b;
}

/* Offset of the end of the line starting at a (the '\n' or end). */
static size_t line_end(const char *s, size_t len, size_t a)
{
    const char *nl = memchr(s + a, '\n', len - a);
    return nl ? (size_t)(nl - s) : len;
}

/* Frames text[0..len) into paragraphs (hard or soft newlines) and segments
 * each; continues the document state of @p sg. Returns cb's first error. */
static ug_status run_part(ug_segmenter *sg, const char *text, size_t len, ug_seg_cb cb, void *ctx)
{
    if (!text && len)
        return UG_EINVAL;
    seg_run r;
    memset(&r, 0, sizeof r);
    r.sg = sg;
    r.s = text;
    r.len = len;
    r.cb = cb;
    r.ctx = ctx;
    r.para = sg->para;
    size_t i = 0;
    int soft = (sg->flags & UG_SEG_SOFT_NEWLINES) != 0;
    /* one line of look-ahead: the next line's bounds and whether it is blank */
    size_t a = 0, b = len ? line_end(text, len, 0) : 0;
    int a_blank = len ? blank(text, a, b) : 1;
    while (i < len && !r.st) {
        size_t na = b < len ? b + 1 : len;
        size_t nb = na < len ? line_end(text, len, na) : len;
        int n_blank = na >= len || blank(text, na, nb);
        if (a_blank) {
            /* skip */
        } else if (!soft) {
            size_t ps = skip_ws(text, b, a), pe = skip_ws_back(text, ps, b);
            int next_credit = 0;
            if (!n_blank && pe - ps <= 1024 && !ends_terminal(text + ps, pe - ps)) {
                size_t qs = skip_ws(text, nb, na), qe = skip_ws_back(text, qs, nb);
                next_credit = has_credit(sg, text + qs, qe - qs);
            }
            do_paragraph(&r, ps, pe, next_credit);
        } else {
            /* gather the block of non-blank lines */
            size_t pb = b;
            while (!n_blank && !r.st) {
                pb = nb;
                na = nb < len ? nb + 1 : len;
                nb = na < len ? line_end(text, len, na) : len;
                n_blank = na >= len || blank(text, na, nb);
            }
            size_t ps = skip_ws(text, pb, a), pe = skip_ws_back(text, ps, pb);
            do_paragraph(&r, ps, pe, 0);
        }
        i = na;
        a = na;
        b = nb;
        a_blank = n_blank;
    }
    sg->para = r.para;
    sg->base += len;
    return r.st;
}

/* ---- public API -------------------------------------------------------- */

ug_segmenter *ug_segmenter_new(const ug_seg_opts *opts)
{
    ug_seg_opts d;
    memset(&d, 0, sizeof d);
    if (!opts)
        opts = &d;
    const ugi_lang_words *lw = NULL;
    const char *lang = opts->lang ? opts->lang : "en";
    for (size_t k = 0; k < UGI_LANG_COUNT; k++)
        if (strcmp(ugi_langs[k].code, lang) == 0)
            lw = &ugi_langs[k];
    if (!lw || (opts->max_sentence && opts->max_sentence < 16))
        return NULL;
    ug_segmenter *sg = ug_malloc(sizeof *sg);
    if (!sg)
        return NULL;
    memset(sg, 0, sizeof *sg);
    sg->flags = opts->flags;
    sg->max_sent = opts->max_sentence ? opts->max_sentence : UG_SEG_DEFAULT_MAX_SENTENCE;
    sg->lw = lw;
    sg->ordinal_dates = strcmp(lw->code, "de") == 0;
    phrase_set_init(&sg->boiler, lw->boilerplate, lw->nboilerplate);
    phrase_set_init(&sg->credit, lw->credit, lw->ncredit);
    return sg;
}

void ug_segmenter_free(ug_segmenter *sg)
{
    ug_free(sg);
}

int ug_seg_lang_known(const char *lang)
{
    if (!lang)
        return 0;
    for (size_t k = 0; k < UGI_LANG_COUNT; k++)
        if (strcmp(ugi_langs[k].code, lang) == 0)
            return 1;
    return 0;
}

ug_status ug_segment(ug_segmenter *sg, const char *text, size_t len, ug_seg_cb cb, void *ctx)
{
    sg->base = 0;
    sg->para = 0;
    sg->seen_body = 0;
    return run_part(sg, text, len, cb, ctx);
}

ug_status ug_segment_next(ug_segmenter *sg, const char *text, size_t len, ug_seg_cb cb, void *ctx)
{
    return run_part(sg, text, len, cb, ctx);
}

const char *ug_seg_kind_name(ug_seg_kind kind)
{
    static const char *const names[] = {
        "body", "headline", "caption", "byline", "dateline", "list", "boilerplate"
    };
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "body";
}
