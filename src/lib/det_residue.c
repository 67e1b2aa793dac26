/* det_residue.c: detectors of scraping and editing residue: boilerplate, duplicates, loops, mixed style, flat typography. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "ug/detect.h"
#include "detect_int.h"
#include "scan.h"
#define UGI_LT_WANT_BOILERPLATE
#include "lang_tables.h"
#include "det_text.h"
#include "det_words.h"

/* ---- characters and words ------------------------------------------------ */


/* Nonzero for an ASCII letter. */
static int ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }


/* Lower-cases an ASCII byte. */
static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* A word of the token array: span, hash of its lower-cased form, flags
 * (near: repeated_ngram's mark of a word that recurs within NGRAM_MAX
 * words in its paragraph). */
typedef struct {
    size_t s, e;
    uint64_t h;
    size_t para;
    unsigned char alpha, punct, near;
} tok;

/* Number of words with a letter in t[s..e), but at most @p cap: the scan
 * stops there: min(words, cap). */
static size_t count_words_upto(const char *t, size_t s, size_t e, size_t cap)
{
    size_t n = 0, pos = s;
    word w;
    while (n < cap && next_word(t, &pos, e, &w))
        n += w.alpha;
    return n;
}

/* Multipliers of the word hash. */
#define WH_MUL UINT64_C(0x9E3779B97F4A7C15)
#define WH_MIX UINT64_C(0xFF51AFD7ED558CCD)

/* The word hash of a word whose lower-cased form is ASCII: its bytes in
 * 8-byte little-endian chunks (the last zero-padded), each mixed in by a
 * multiply, then its length. A running state: WH_SEED, wh_chunk() per
 * chunk, wh_done(). */
#define WH_SEED UINT64_C(0x6A09E667F3BCC909)
static uint64_t wh_chunk(uint64_t h, uint64_t x)
{
    h = (h ^ x) * WH_MUL;
    return h ^ (h >> 29);
}
static uint64_t wh_done(uint64_t h, size_t n)
{
    h = (h ^ (uint64_t)n) * WH_MIX;
    return h ^ (h >> 32);
}

/* word_hash() of a word with a byte outside ASCII: its code points
 * lower-cased (U+2019 read as an apostrophe); when they are all ASCII,
 * the hash of those bytes as an ASCII word has it (KELVIN SIGN k, dotted
 * capital I), else an FNV-1a hash of the code points. Both are worked out
 * in one pass. */
static uint64_t word_hash_slow(const char *t, size_t s, size_t e)
{
    uint64_t fnv = 1469598103934665603ULL, h = WH_SEED, acc = 0;
    size_t n = 0;
    int ascii = 1;
    for (size_t i = s; i < e; ) {
        int32_t cp;
        i += decode(t, i, e, &cp);
        if (cp == 0x2019)
            cp = '\'';
        uint32_t c = cp < 0x80 ? (uint32_t)lc(cp) : (uint32_t)utf8proc_tolower(cp);
        for (int b = 0; b < 4; b++) {
            fnv ^= (c >> (8 * b)) & 0xFF;
            fnv *= 1099511628211ULL;
        }
        ascii &= c < 0x80;
        acc |= (uint64_t)(c & 0xFF) << (8 * (n % 8));
        if (++n % 8 == 0) {
            h = wh_chunk(h, acc);
            acc = 0;
        }
    }
    if (!ascii)
        return fnv;
    if (n % 8)
        h = wh_chunk(h, acc);
    return wh_done(h, n);
}

/* Hash of the lower-cased form of the word t[s..e) (len: the length of
 * the text, which may be read up to). Equal for words equal once
 * lower-cased. An ASCII word is read 8 bytes at a time and lower-cased
 * in place (little-endian hosts). */
static uint64_t word_hash(const char *t, size_t len, size_t s, size_t e)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t h = WH_SEED;
    for (size_t i = s; i < e; i += 8) {
        size_t k = e - i < 8 ? e - i : 8;
        uint64_t x = 0;
        if (i + 8 <= len)
            memcpy(&x, t + i, 8);
        else
            memcpy(&x, t + i, k);
        if (k < 8)
            x &= (UINT64_C(1) << (8 * k)) - 1;
        if (x & high)
            return word_hash_slow(t, s, e);
        /* the high bit of the bytes in 'A'..'Z' (no carry crosses a byte) */
        uint64_t up = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x7F - 'Z')) & high;
        h = wh_chunk(h, x | (up >> 2));
    }
    return wh_done(h, e - s);
#else
    (void)len;
    return word_hash_slow(t, s, e);
#endif
}

/* Mixes hash b into hash a (order-sensitive). */
static uint64_t mix(uint64_t a, uint64_t b)
{
    a ^= b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2);
    return a * 0xFF51AFD7ED558CCDULL;
}

/* Smallest power of two >= 2 n (at least 16). */
static size_t table_size(size_t n)
{
    size_t m = 16;
    while (m < 2 * n)
        m <<= 1;
    return m;
}

/* Index one past the last sentence of the paragraph that starts at i. */
static size_t para_end(const ug_doc *d, size_t i)
{
    size_t j = i + 1;
    while (j < d->nsents && d->sents[j].para == d->sents[i].para)
        j++;
    return j;
}

/* ---- style_mixed ---------------------------------------------------------- */

/* Dotted and undotted spellings of the two-letter abbreviations checked. */
static const char ABBR[][3] = { "US", "UK", "EU", "UN" };
#define NABBR (sizeof ABBR / sizeof *ABBR)

/* Counts of the two spellings of one abbreviation. */
typedef struct {
    size_t plain, dotted, first_plain, first_dotted;
} abbr_count;

/* Nonzero when most letters of t[s..e) are capitals (an all-caps line,
 * where "US" may be the pronoun). */
static int mostly_caps(const char *t, size_t s, size_t e)
{
    size_t up = 0, low = 0;
    for (size_t i = s; i < e; i++) {     /* branch-free, so it vectorizes */
        unsigned char c = (unsigned char)t[i];
        up += (unsigned char)(c - 'A') < 26;
        low += (unsigned char)(c - 'a') < 26;
    }
    return up > 3 * low;
}

/* Counts into c[] the abbreviation of ABBR that may start at t[i] (the
 * byte x, one of their first letters) in t[s..e), i + 1 < e. */
static void abbr_at(const char *t, size_t s, size_t e, size_t i, unsigned char x, abbr_count *c)
{
    if (i > s) {
        unsigned char p = (unsigned char)t[i - 1];
        if (ascii_alpha(p) || (p >= '0' && p <= '9') || p == '.' || p >= 0x80)
            return;
    }
    for (size_t a = 0; a < NABBR; a++) {
        if (x != (unsigned char)ABBR[a][0])
            continue;
        char y = ABBR[a][1];
        if (t[i + 1] == y) {
            unsigned char nx = i + 2 < e ? (unsigned char)t[i + 2] : ' ';
            if (ascii_alpha(nx) || (nx >= '0' && nx <= '9') || nx >= 0x80)
                continue;
            if (nx == '.' && i + 3 < e && ascii_alpha((unsigned char)t[i + 3]))
                continue;
            if (!c[a].plain++)
                c[a].first_plain = i;
        } else if (t[i + 1] == '.' && i + 2 < e && t[i + 2] == y &&
                   (i + 3 >= e || t[i + 3] == '.' || !ascii_alpha((unsigned char)t[i + 3]))) {
            unsigned char nx = i + 4 < e ? (unsigned char)t[i + 4] : ' ';
            if (i + 3 < e && t[i + 3] == '.' && ascii_alpha(nx))
                continue;       /* U.S.A. */
            if (!c[a].dotted++)
                c[a].first_dotted = i;
        }
    }
}

/* Counts US / U.S. (and the others of ABBR) in t[s..e) into c[] (zeroed
 * by the caller); each first letter is found with memchr(). @return
 * nonzero when something was counted. */
static int count_abbr(const char *t, size_t s, size_t e, abbr_count *c)
{
    static const unsigned char first[] = { 'U', 'E' };   /* the first letters of ABBR */
    if (e - s < 2)
        return 0;
    for (size_t f = 0; f < sizeof first; f++) {
        const char *p = t + s, *end = t + e - 1;            /* i + 1 < e */
        while (p < end && (p = memchr(p, first[f], (size_t)(end - p))) != NULL) {
            abbr_at(t, s, e, (size_t)(p - t), first[f], c);
            p++;
        }
    }
    for (size_t a = 0; a < NABBR; a++)
        if (c[a].plain || c[a].dotted)
            return 1;
    return 0;
}

/* Adds the counts of one sentence, c1[], to those of the sentences
 * before it, c[]. */
static void add_abbr(abbr_count *c, const abbr_count *c1)
{
    for (size_t a = 0; a < NABBR; a++) {
        if (c1[a].plain && !c[a].plain)
            c[a].first_plain = c1[a].first_plain;
        if (c1[a].dotted && !c[a].dotted)
            c[a].first_dotted = c1[a].first_dotted;
        c[a].plain += c1[a].plain;
        c[a].dotted += c1[a].dotted;
    }
}

/* One stem seen with -ise or -ize endings. */
typedef struct {
    char stem[24];
    unsigned char n, forms;     /* forms: 1 = -is-, 2 = -iz- */
    char word[2][32];           /* the first word of each form */
} ise_stem;

#define ISE_SLOTS 128

/* Endings paired by spelling (s form, z form). */
static const char *const ISE_END[][2] = {
    { "ise", "ize" }, { "ised", "ized" }, { "ises", "izes" }, { "ising", "izing" },
    { "isation", "ization" }, { "isations", "izations" }, { "iser", "izer" },
    { "isers", "izers" }, { "yse", "yze" }, { "ysed", "yzed" }, { "ysing", "yzing" }
};

/* Nonzero when the ASCII word w[0..n), in any case, may end in one of
 * ISE_END: every ending is "is", "iz", "ys" or "yz" and then 1, 2, 3, 5 or
 * 6 more letters, so a word with none of these spellings there ends in
 * none. */
static int ise_maybe(const char *w, size_t n)
{
    static const unsigned char tail[] = { 3, 4, 5, 7, 8 };
    for (size_t j = 0; j < sizeof tail && tail[j] <= n; j++) {
        char iy = (char)(w[n - tail[j]] | 0x20), sz = (char)(w[n - tail[j] + 1] | 0x20);
        if ((iy == 'i' || iy == 'y') && (sz == 's' || sz == 'z'))
            return 1;
    }
    return 0;
}

/* Records the lower-case ASCII word w[0..n) in the stem table when it ends
 * in -ise/-ize (and relatives). Returns the slot when the stem now has both
 * forms, else NULL. */
static ise_stem *note_ise(ise_stem *tab, const char *w, size_t n)
{
    if (!ise_maybe(w, n))
        return NULL;
    for (size_t k = 0; k < sizeof ISE_END / sizeof *ISE_END; k++) {
        for (int f = 0; f < 2; f++) {
            size_t m = strlen(ISE_END[k][f]);
            if (n <= m + 2 || memcmp(w + n - m, ISE_END[k][f], m) != 0)
                continue;
            size_t sl = n - m + 1;          /* keep i/y: real|is|e */
            if (sl < 4 || sl >= sizeof tab->stem || n >= sizeof tab->word[0])
                return NULL;
            uint64_t h = 1469598103934665603ULL;
            for (size_t i = 0; i < sl; i++)
                h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
            for (size_t p = 0, i = h & (ISE_SLOTS - 1); p < ISE_SLOTS; p++, i = (i + 1) & (ISE_SLOTS - 1)) {
                ise_stem *x = &tab[i];
                if (x->n == 0) {
                    memcpy(x->stem, w, sl);
                    x->n = (unsigned char)sl;
                    x->forms = (unsigned char)(1u << f);
                    memcpy(x->word[f], w, n);
                    x->word[f][n] = 0;
                    return NULL;
                }
                if (x->n == sl && memcmp(x->stem, w, sl) == 0) {
                    if (!(x->forms & (1u << f))) {
                        x->forms |= (unsigned char)(1u << f);
                        memcpy(x->word[f], w, n);
                        x->word[f][n] = 0;
                        return x->forms == 3 ? x : NULL;
                    }
                    return NULL;
                }
            }
            return NULL;        /* table full: stop noting */
        }
    }
    return NULL;
}

/* Writes "once", "twice" or "N times" for n into buf[0..cap). */
static void times(size_t n, char *buf, size_t cap)
{
    if (n == 1)
        snprintf(buf, cap, "once");
    else if (n == 2)
        snprintf(buf, cap, "twice");
    else
        snprintf(buf, cap, "%zu times", n);
}

/* style_mixed: US and U.S. (UK/U.K., EU/E.U., UN/U.N.) or -ise and -ize
 * spellings of one stem in the same document. */
static ug_status run_style_mixed(const ug_doc *d, unsigned self, ug_findings *out)
{
    abbr_count c[NABBR];
    memset(c, 0, sizeof c);
    ise_stem tab[ISE_SLOTS];
    memset(tab, 0, sizeof tab);
    ise_stem *both = NULL;
    const char *t = d->text;
    char buf[32];
    ugi_words rw;
    ug_status rst = ugi_words_get(d, &rw);
    if (rst)
        return rst;
    for (size_t k = 0; k < d->nsents; k++) {
        size_t s = d->sents[k].start, e = d->sents[k].end;
        abbr_count c1[NABBR];
        memset(c1, 0, sizeof c1);
        if (count_abbr(t, s, e, c1) && !mostly_caps(t, s, e))
            add_abbr(c, c1);
        for (size_t j = rw.sfirst[k]; !both && j < rw.sfirst[k + 1]; j++) {
            const word *w = &rw.v[j];
            size_t n = w->e - w->s;
            if (n < 6 || n >= sizeof buf)
                continue;
            /* most words can be passed over unread */
            if (!ise_maybe(t + w->s, n))
                continue;
            size_t i;
            for (i = 0; i < n && ascii_alpha((unsigned char)t[w->s + i]); i++)
                buf[i] = (char)lc((unsigned char)t[w->s + i]);
            if (i == n)
                both = note_ise(tab, buf, n);
        }
    }
    ugi_words_free(&rw);
    for (size_t a = 0; a < NABBR; a++) {
        if (!c[a].plain || !c[a].dotted)
            continue;
        int dmin = c[a].dotted <= c[a].plain;
        char np[32], nd[32];
        times(c[a].plain, np, sizeof np);
        times(c[a].dotted, nd, sizeof nd);
        ug_status st = ug_findings_add_doc(out, self,
            "%s %s and %c.%c. %s (first minority form at byte %zu)",
            ABBR[a], np, ABBR[a][0], ABBR[a][1], nd,
            dmin ? c[a].first_dotted : c[a].first_plain);
        if (st)
            return st;
    }
    if (both)
        return ug_findings_add_doc(out, self, "both \"%s\" and \"%s\"", both->word[0], both->word[1]);
    return UG_OK;
}

/* ---- typography_flattened ------------------------------------------------- */

/* Nonzero for a sentence kind whose dashes are not running text. */
static int kind_without_prose(ug_seg_kind k)
{
    return k == UG_SEG_DATELINE || k == UG_SEG_CAPTION || k == UG_SEG_BOILERPLATE ||
           k == UG_SEG_BYLINE;
}

/* typography_flattened: a long document with straight quotes or
 * apostrophes but no curly quotes, no dash in running text and no
 * ellipsis character. */
static ug_status run_typography(const ug_doc *d, unsigned self, ug_findings *out)
{
    const char *t = d->text;
    size_t words = 0;
    long curly = 0, straight = 0, ellip = 0, dashes = 0;
    if (d->curly_quotes < 0 || d->straight_quotes < 0 || d->ellipses < 0) {
        for (size_t i = 0; i < d->len; ) {
            unsigned char b = (unsigned char)t[i];
            if (b < 0x80) {     /* ASCII: only the straight marks count */
                straight += b == '"' || b == '\'';
                i++;
                continue;
            }
            int32_t cp;
            i += decode(t, i, d->len, &cp);
            if (cp >= 0x2018 && cp <= 0x201F) {
                if (d->curly_quotes < 0)
                    return UG_OK;       /* a curly quote: no finding */
                curly++;
            } else if (cp == 0x2026) {
                if (d->ellipses < 0)
                    return UG_OK;       /* an ellipsis: no finding */
                ellip++;
            }
        }
    }
    if (d->curly_quotes >= 0)
        curly = d->curly_quotes;
    if (d->straight_quotes >= 0)
        straight = d->straight_quotes;
    if (d->ellipses >= 0)
        ellip = d->ellipses;
    if (curly || ellip || straight < 3)
        return UG_OK;                   /* whatever the words and dashes */
    ugi_words rw;
    ug_status rst = ugi_words_get(d, &rw);
    if (rst)
        return rst;
    for (size_t k = 0; k < d->nsents; k++) {
        size_t s = d->sents[k].start, e = d->sents[k].end, nw = rw.nalpha[k];
        words += nw;
        if (nw < 4 || kind_without_prose(d->sents[k].kind) || d->dashes == 0)
            continue;                   /* (known to have no dash: none counts) */
        /* the bytes that may begin a dash: '-', and 0xE2 (U+2013 to U+2015) */
        for (size_t i = s; (i = ugi_find3(t, i, e, '-', 0xE2, 0xE2)) < e; ) {
            unsigned char b = (unsigned char)t[i];
            if (b < 0x80) {
                if (b == '-' && i > s && i + 1 < e &&
                    (t[i - 1] == ' ' || t[i - 1] == '-') && (t[i + 1] == ' ' || t[i + 1] == '-'))
                    dashes++;           /* " - " or " -- " typed for a dash */
                i++;
                continue;
            }
            int32_t cp;
            size_t n = decode(t, i, e, &cp);
            if (cp == 0x2013 || cp == 0x2014 || cp == 0x2015)
                dashes++;
            i += n;
        }
        if (dashes)
            break;                      /* a dash in running text */
    }
    ugi_words_free(&rw);
    if (words < 300 || dashes)
        return UG_OK;
    return ug_findings_add_doc(out, self, "%zu words with %ld straight quotes or apostrophes "
                               "but no curly quote, no dash in running text and no ellipsis",
                               words, straight);
}

/* ---- repeated_ngram ------------------------------------------------------- */

/* Builds the token array of @p w (the words of the document): each word
 * with the hash of its lower-cased form, its paragraph, and punct set for
 * the first word of a sentence. Returns the array (the caller frees it with
 * ug_free()), or NULL when out of memory. */
static tok *tokens(const ugi_words *w)
{
    const ug_doc *d = w->d;
    tok *v = ug_malloc((w->nw ? w->nw : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t k = 0; k < d->nsents; k++)
        for (size_t j = w->sfirst[k]; j < w->sfirst[k + 1]; j++) {
            const word *x = &w->v[j];
            v[j] = (tok){ x->s, x->e, word_hash(d->text, d->len, x->s, x->e), d->sents[k].para,
                          (unsigned char)x->alpha, (unsigned char)(x->punct || j == w->sfirst[k]), 0 };
        }
    return v;
}

/* Words with a letter in sentence @p k, but at most @p cap (as
 * count_words_upto() over the sentence). */
static size_t sent_words(const ugi_words *w, size_t k, size_t cap)
{
    return w->nalpha[k] < cap ? w->nalpha[k] : cap;
}

/* Longest repeated unit looked for, in words. */
#define NGRAM_MAX 8

/* Copies needed for a unit of n words to count as a loop: a word three
 * times, two- and three-word units four times, longer units twice. */
static size_t copies_needed(size_t n) { return n == 1 ? 3 : n <= 3 ? 4 : 2; }

/* Length of the loop of n-word units starting at v[i] within [i, b): the
 * number of whole copies, or 0 when fewer than copies_needed(n). */
static size_t loop_copies(const tok *v, size_t i, size_t b, size_t n)
{
    /* a loop needs at least two copies, so the word n on is the same */
    if (i + n >= b || v[i].h != v[i + n].h)
        return 0;
    size_t need = copies_needed(n);
    if (i + need * n > b)
        return 0;
    int alpha = 0;
    for (size_t m = 0; m < n; m++)
        alpha |= v[i + m].alpha;
    if (!alpha)
        return 0;
    /* a single word or a long unit repeated across punctuation is
       rhetoric ("and the year before, and the year before"), not a loop */
    int strict = n == 1 || need == 2;
    size_t m = 0;
    while (i + m + n < b && v[i + m].h == v[i + m + n].h &&
           (!strict || m % n != 0 || !v[i + m + n].punct))
        m++;
    size_t copies = (m + n) / n;
    return copies >= need ? copies : 0;
}

/* Length of the excerpt of t[s..e) quoted in evidence: at most 60 bytes,
 * cut at a UTF-8 character boundary. */
static int excerpt_len(const char *t, size_t s, size_t e)
{
    size_t n = e - s;
    if (n > 60) {
        n = 60;
        while (n > 0 && ((unsigned char)t[s + n] & 0xC0) == 0x80)
            n--;
    }
    return (int)n;
}

/* Appends the document-level Gopher repetition finding (Rae et al. 2021,
 * table A1, as datatrove computes it) when the most frequent 2-, 3- or
 * 4-gram, or the repeated occurrences of 5-grams, cover too much of the
 * characters of the words. Documents under 50 words are left alone.
 *
 * Each length is a pass over the n-grams with a hash table. A length is
 * skipped when it provably cannot reach its limit: an n-gram that occurs
 * twice starts a run of repeated m-grams (the last length counted) of
 * n - m + 1, so the characters of all n-grams at such runs bound both the
 * top n-gram's share and the repeated 5-grams' share. */
static ug_status gopher(const char *t, const tok *v, size_t nt, unsigned self, ug_findings *out)
{
    static const double limit[6] = { 0, 0, 0.20, 0.18, 0.16, 0.15 };
    size_t total = 0, nalpha = 0;
    for (size_t i = 0; i < nt; i++) {
        total += v[i].e - v[i].s;
        nalpha += v[i].alpha;
    }
    if (nalpha < 50)
        return UG_OK;
    if (nt > UINT32_MAX)
        return UG_OK;                   /* past what a slot counts (a 4-billion-word document) */
    size_t size = table_size(nt);
    /* one block: the table (16-byte slots, so that of a typical article
       stays in the L1 cache); per position the hash chain of the n words
       from there (ngram_hash() without its final bit, grown word by word);
       the characters of the words before each position; per position the
       slot its n-gram was counted in, then the run of repeated n-grams
       from there; per position the count of its n-gram */
    struct slot { uint64_t h; uint32_t count, first; } *tab =
        ug_malloc(size * sizeof *tab + nt * sizeof(uint64_t) + (nt + 1) * sizeof(size_t) +
                  2 * nt * sizeof(uint32_t));
    if (!tab)
        return UG_ENOMEM;
    uint64_t *chain = (uint64_t *)(void *)(tab + size);
    size_t *before = (size_t *)(void *)(chain + nt);
    uint32_t *at = (uint32_t *)(void *)(before + nt + 1);
    uint32_t *cnt = at + nt;
    before[0] = 0;
    for (size_t i = 0; i < nt; i++) {
        chain[i] = mix(0x6A09E667F3BCC909ULL, v[i].h);
        before[i + 1] = before[i] + (v[i].e - v[i].s);
    }
    ug_status st = UG_OK;
    size_t counted = 0;                 /* the last length counted; at[] holds its runs */
    /* one table for the four lengths, cleared once: a slot's low three bits
       say which length n wrote it, and a slot of another length reads as
       empty (linear probing stays correct: slots of length n are never
       overwritten while n is counted) */
    memset(tab, 0, size * sizeof *tab);
    size_t chained = 1;                 /* chain[i] holds the words from i up to this many */
    for (size_t n = 2; n <= 5 && st == UG_OK; n++) {
        if (counted) {
            /* two bounds in one pass over the places where an n-gram can
               repeat: the characters of all n-grams there (for n = 5, whose
               repeats are counted without overlap, of their union), and for
               n < 5 the top n-gram, which occurs no more often than any of
               the need counted m-grams inside it, at each of its places */
            size_t bound = 0, top = 0, need = n - counted + 1, reach = 0;
            for (size_t i = 0; i + n <= nt; i++) {
                if (at[i] < need)
                    continue;
                size_t a = n == 5 && reach > before[i] ? reach : before[i];
                bound += before[i + n] - a;
                reach = before[i + n];
                uint32_t c = cnt[i];
                for (size_t k = 1; k < need; k++)
                    c = cnt[i + k] < c ? cnt[i + k] : c;
                size_t chars = c * (before[i + n] - before[i]);
                top = chars > top ? chars : top;
            }
            if (!((double)bound > limit[n] * (double)total) ||
                (n < 5 && !((double)top > limit[n] * (double)total)))
                continue;
        }
        /* the hash chains of the n words from each place, grown word by
           word to this length only now that it is counted */
        for (; chained < n; chained++)
            for (size_t i = 0; i + chained + 1 <= nt; i++)
                chain[i] = mix(chain[i], v[i + chained].h);
        size_t best = 0, best_i = 0, dup = 0;
        for (size_t i = 0; i + n <= nt; ) {
            uint64_t h = (chain[i] & ~(uint64_t)7) | n;   /* the n words from i */
            size_t j = (size_t)(h ^ (h >> 32)) & (size - 1);
            while ((tab[j].h & 7) == n && tab[j].h != h)
                j = (j + 1) & (size - 1);
            if (tab[j].h != h) {
                tab[j].h = h;
                tab[j].first = (uint32_t)i;
                tab[j].count = 0;
            }
            tab[j].count++;
            if (n < 5) {
                at[i] = (uint32_t)j;
                size_t chars = tab[j].count * (before[i + n] - before[i]);
                if (tab[j].count > 1 && chars > best) {
                    best = chars;
                    best_i = tab[j].first;
                }
                i++;
            } else if (tab[j].count > 1) {
                dup += before[i + n] - before[i];   /* a repeat: count it, skip past it */
                i += n;
            } else {
                i++;
            }
        }
        if (n < 5) {
            /* at[i]: the run of repeated n-grams from i */
            size_t run = 0;
            for (size_t i = nt - n + 1; i-- > 0; ) {
                cnt[i] = tab[at[i]].count;
                run = cnt[i] > 1 ? run + 1 : 0;
                at[i] = (uint32_t)run;
            }
            counted = n;
        }
        if (n < 5 && (double)best > limit[n] * (double)total) {
            const tok *a = &v[best_i], *z = &v[best_i + n - 1];
            int len = excerpt_len(t, a->s, z->e);
            st = ug_findings_add_doc(out, self, "the %zu-gram \"%.*s\" covers %.0f%% of the "
                                     "text (limit %.0f%%)", n, len, t + a->s,
                                     100.0 * (double)best / (double)total, 100.0 * limit[n]);
        } else if (n == 5 && (double)dup > limit[5] * (double)total) {
            st = ug_findings_add_doc(out, self, "repeated 5-grams cover %.0f%% of the text "
                                     "(limit 15%%)", 100.0 * (double)dup / (double)total);
        }
    }
    ug_free(tab);
    return st;
}

/* Sets near in v[a..b) (one paragraph) for the words whose hash recurs
 * within NGRAM_MAX words before b. One backward pass: @p nearest (256
 * entries, none above a on entry) keeps per hash bucket the nearest later
 * word. The nearest later word with the same hash is in the same bucket,
 * so the bucket's entry is it or nearer still: an entry out of reach
 * means no repeat, one in reach with another hash (a collision) is
 * settled by comparing the words in reach. */
static void mark_near(tok *v, size_t a, size_t b, size_t *nearest)
{
    for (size_t i = b; i-- > a; ) {
        size_t slot = (size_t)(v[i].h >> 56), p = nearest[slot];
        int near = 0;
        if (p > i && p < b && p - i <= NGRAM_MAX) {
            near = v[p].h == v[i].h;
            size_t lim = b - i - 1 < NGRAM_MAX ? b - i - 1 : NGRAM_MAX;
            for (size_t m = 1; !near && m <= lim; m++)
                near = v[i].h == v[i + m].h;
        }
        v[i].near = (unsigned char)near;
        nearest[slot] = i;
    }
}

/* repeated_ngram: a word or a unit of up to 8 words repeated in a row
 * inside a paragraph (span findings), and Gopher's document-level
 * repetition fractions (a document finding). */
static ug_status run_repeated_ngram(const ug_doc *d, unsigned self, ug_findings *out)
{
    ugi_words rw;
    ug_status st = ugi_words_get(d, &rw);
    if (st)
        return st;
    tok *v = tokens(&rw);
    size_t nt = rw.nw;
    ugi_words_free(&rw);
    if (!v)
        return UG_ENOMEM;
    const char *t = d->text;
    size_t nearest[256];
    memset(nearest, 0, sizeof nearest); /* position 0 is after no word */
    for (size_t a = 0; a < nt && st == UG_OK; ) {
        size_t b = a + 1;
        while (b < nt && v[b].para == v[a].para)
            b++;
        /* a loop needs the word again within NGRAM_MAX (loop_copies());
           most words have none: marked first */
        mark_near(v, a, b, nearest);
        for (size_t i = a; i < b && st == UG_OK; ) {
            if (!v[i].near) {
                i++;
                continue;
            }
            size_t n, copies = 0;
            for (n = 1; n <= NGRAM_MAX && !copies; n++)
                copies = loop_copies(v, i, b, n);
            if (!copies) {
                i++;
                continue;
            }
            n--;
            const tok *u0 = &v[i], *u1 = &v[i + n - 1], *last = &v[i + copies * n - 1];
            int len = excerpt_len(t, u0->s, u1->e);
            if (n == 1)
                st = ug_findings_add(out, self, u0->s, last->e, "\"%.*s\" %zu times in a row",
                                     len, t + u0->s, copies);
            else
                st = ug_findings_add(out, self, u0->s, last->e, "\"%.*s\" (%zu words) %zu times "
                                     "in a row", len, t + u0->s, n, copies);
            i += copies * n;
        }
        a = b;
    }
    if (st == UG_OK)
        st = gopher(t, v, nt, self, out);
    ug_free(v);
    return st;
}

/* ---- duplicate_line ------------------------------------------------------- */

/* Nonzero when t[s..e) (e > s) reads the same with every run of white
 * space read as one space: no byte below 0x20, no two spaces in a row,
 * none last (the reading drops white space at the end, and keeps one
 * space for any at the start). Eight bytes at a time where it can
 * (little-endian hosts); may say 0 for some such texts (then the caller
 * reads them byte by byte, with the same result). */
static int plain_line(const char *t, size_t s, size_t e)
{
    if (t[e - 1] == ' ')
        return 0;
    size_t i = s;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t last = 0;              /* the high bit of byte 0: the byte before i is a space */
    for (; i + 8 <= e; i += 8) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        uint64_t y = x ^ (ones * ' ');
        /* every byte below 0x20 and every space is flagged (and maybe
           some bytes after one: then the text is read byte by byte) */
        uint64_t ctl = (x - ones * 0x20) & ~x & high;
        uint64_t sp = (y - ones) & ~y & high;
        if (ctl || (sp & ((sp << 8) | last)))
            return 0;
        last = sp >> 56;
    }
#endif
    for (; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x20 || (c == ' ' && i > s && t[i - 1] == ' '))
            return 0;
    }
    return 1;
}

/* Hash of t[s..e) with every run of white space (space, tab, CR, LF) read
 * as one space: the word hash's steps (wh_chunk(), wh_done()) over the
 * bytes of that reading. A paragraph that reads as it is written, as most
 * do (plain_line()), is hashed eight bytes at a time. */
static uint64_t line_hash(const char *t, size_t s, size_t e)
{
    uint64_t h = WH_SEED, acc = 0;
    size_t n = 0;                   /* bytes of the reading */
    if (e > s && plain_line(t, s, e)) {
        size_t i = s;
        for (; i + 8 <= e; i += 8) {
            uint64_t x = 0;
            for (int k = 7; k >= 0; k--)
                x = (x << 8) | (unsigned char)t[i + (size_t)k];
            h = wh_chunk(h, x);
        }
        for (size_t k = 0; i + k < e; k++)
            acc |= (uint64_t)(unsigned char)t[i + k] << (8 * k);
        if (i < e)
            h = wh_chunk(h, acc);
        n = e - s;
    } else {
        int sp = 0;
        for (size_t i = s; i < e; i++) {
            unsigned char c = (unsigned char)t[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                sp = 1;
                continue;
            }
            for (int k = sp; k >= 0; k--) {     /* the space, then c */
                acc |= (uint64_t)(k ? ' ' : c) << (8 * (n % 8));
                if (++n % 8 == 0) {
                    h = wh_chunk(h, acc);
                    acc = 0;
                }
            }
            sp = 0;
        }
        if (n % 8)
            h = wh_chunk(h, acc);
    }
    return wh_done(h, n) | 1;
}

/* Nonzero when t[a..ae) and t[b..be) are equal with white space runs
 * read as one space. */
static int same_line(const char *t, size_t a, size_t ae, size_t b, size_t be)
{
    for (;;) {
        int sa = 0, sb = 0;
        while (a < ae && strchr(" \t\n\r", t[a]) && t[a])
            a++, sa = 1;
        while (b < be && strchr(" \t\n\r", t[b]) && t[b])
            b++, sb = 1;
        if (a == ae || b == be)
            return a == ae && b == be;
        if (sa != sb || t[a] != t[b])
            return 0;
        a++;
        b++;
    }
}

/* Words with a letter in the span of the sentences [i, j) of d, but at
 * most @p cap (count_words_upto() over it), taken from @p w, the words of
 * each sentence, when they are those of the span: every sentence inside
 * the text and in order, with ASCII white space, where no word runs on,
 * between each two; otherwise read from the text. */
static size_t span_words(const ug_doc *d, const ugi_words *w, size_t i, size_t j, size_t cap)
{
    size_t n = 0;
    for (size_t k = i; k < j; k++) {
        const ug_sentence *x = &d->sents[k];
        if (x->start > x->end || x->end > d->len)
            goto read;
        if (k + 1 < j) {
            if (x->end >= d->sents[k + 1].start)
                goto read;
            for (size_t g = x->end; g < d->sents[k + 1].start; g++) {
                unsigned char c = (unsigned char)d->text[g];
                if (c != ' ' && (c < 0x09 || c > 0x0D))
                    goto read;
            }
        }
        n += w->nalpha[k];
    }
    return n < cap ? n : cap;
read:
    return count_words_upto(d->text, d->sents[i].start, d->sents[j - 1].end, cap);
}

/* duplicate_line: a paragraph of at least 5 words that occurs again later
 * in the document (the second and later copies are flagged). */
static ug_status run_duplicate_line(const ug_doc *d, unsigned self, ug_findings *out)
{
    if (d->nsents < 2)
        return UG_OK;
    ugi_words rw;
    ug_status rst = ugi_words_get(d, &rw);
    if (rst)
        return rst;
    size_t size = table_size(d->nsents);
    struct slot { uint64_t h; size_t s, e; } *tab = ug_malloc(size * sizeof *tab);
    if (!tab) {
        ugi_words_free(&rw);
        return UG_ENOMEM;
    }
    memset(tab, 0, size * sizeof *tab);
    const char *t = d->text;
    ug_status st = UG_OK;
    for (size_t i = 0; i < d->nsents && st == UG_OK; ) {
        size_t j = para_end(d, i);
        size_t s = d->sents[i].start, e = d->sents[j - 1].end, nw = span_words(d, &rw, i, j, 5);
        i = j;
        if (nw < 5)
            continue;
        uint64_t h = line_hash(t, s, e);
        size_t k = (size_t)h & (size - 1);
        int dup = 0;
        while (tab[k].h) {
            if (tab[k].h == h && same_line(t, tab[k].s, tab[k].e, s, e)) {
                dup = 1;
                break;
            }
            k = (k + 1) & (size - 1);
        }
        if (dup)
            st = ug_findings_add(out, self, s, e, "repeats the paragraph at byte %zu", tab[k].s);
        else
            tab[k] = (struct slot){ h, s, e };
    }
    ug_free(tab);
    ugi_words_free(&rw);
    return st;
}

/* ---- boilerplate ---------------------------------------------------------- */

/* Nonzero when the ASCII-lower-cased t[s..e) contains the lowercase
 * string p[0..n). */
static int icontains(const char *t, size_t s, size_t e, const char *p, size_t n)
{
    if (n == 0 || e - s < n)
        return 0;
    for (size_t i = s; i + n <= e; i++) {
        if (lc((unsigned char)t[i]) != (unsigned char)p[0])
            continue;
        size_t k = 1;
        while (k < n && lc((unsigned char)t[i + k]) == (unsigned char)p[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* The ASCII-lower-cased byte c. */
static unsigned lc_byte(unsigned char c) { return c + (((unsigned)(c - 'A') < 26u) << 5); }

/* The four bytes p[0..4) ASCII-lower-cased, p[0] in the low byte. */
static uint32_t lc_quad(const char *p)
{
    return lc_byte((unsigned char)p[0]) | lc_byte((unsigned char)p[1]) << 8 |
           lc_byte((unsigned char)p[2]) << 16 | (uint32_t)lc_byte((unsigned char)p[3]) << 24;
}

/* Nonzero when the ASCII-lower-cased t[i..i+n) is the lowercase p[0..n),
 * whose first @p known bytes are known to match. */
static int entry_at(const char *t, size_t i, const char *p, size_t n, size_t known)
{
    size_t m = known;
    while (m < n && lc_byte((unsigned char)t[i + m]) == (unsigned char)p[m])
        m++;
    return m == n;
}

/* Slot of the pair of ASCII-lower-cased bytes (a, b) in a set_shift. */
static unsigned lc_pair_slot(unsigned char a, unsigned char b)
{
    return (lc_byte(a) * 31u + lc_byte(b)) & 1023u;
}

/* Wu and Manber's shift table of an entry list for icontains_set(): m is
 * the length of its shortest entry of four bytes or more (at most 255),
 * and shift[] tells, for the last two bytes of a window of m bytes, how far
 * its end may move on with no such entry starting in between. Built on
 * first use; per thread, so concurrent calls share nothing. */
typedef struct {
    const ugi_lt_word *v;       /* the list it was built for (NULL: not yet) */
    size_t m;
    unsigned char shift[1024];
} set_shift;

/* Builds @p sh for the entries v[0..nv) (once per thread and list). */
static void set_shift_build(set_shift *sh, const ugi_lt_word *v, size_t nv)
{
    size_t m = 0;
    for (size_t k = 0; k < nv; k++)
        if (v[k].len >= 4 && (m == 0 || v[k].len < m))
            m = v[k].len;
    if (m > 255)
        m = 255;                        /* a shorter window only shifts less */
    sh->m = m;
    memset(sh->shift, m ? (int)(m - 1) : 0, sizeof sh->shift);
    for (size_t k = 0; k < nv; k++) {
        if (v[k].len < 4)
            continue;
        for (size_t q = 1; q < m; q++) {
            unsigned h = lc_pair_slot((unsigned char)v[k].s[q - 1], (unsigned char)v[k].s[q]);
            if (m - 1 - q < sh->shift[h])
                sh->shift[h] = (unsigned char)(m - 1 - q);
        }
    }
    sh->v = v;
}

/* Bit k set when the ASCII-lower-cased t[s..e) contains the lowercase
 * entry v[k] (k < nv <= 32), as icontains() tells; with @p any, the scan
 * stops at the first entry found. Entries of four bytes or more share one
 * pass over the text that looks only at the windows of sh->m bytes whose
 * last two bytes may end an entry's first sh->m (the shift table @p sh of
 * this list, built here on first use), in order, so that the first entry
 * found is the one at the lowest offset as before; there a comparison of
 * the first four lower-cased bytes, then of the rest. Shorter entries
 * (none in the lists today) are searched alone. */
static uint32_t icontains_set(const char *t, size_t s, size_t e, const ugi_lt_word *v, size_t nv,
                              int any, set_shift *sh)
{
    uint32_t found = 0, quad[32];
    for (size_t k = 0; k < nv; k++) {
        if (v[k].len >= 4) {
            quad[k] = lc_quad(v[k].s);
        } else if (icontains(t, s, e, v[k].s, v[k].len)) {
            found |= UINT32_C(1) << k;
            if (any)
                return found;
        }
    }
    if (sh->v != v)
        set_shift_build(sh, v, nv);
    size_t m = sh->m;
    if (m == 0 || e - s < m)
        return found;
    for (size_t p = s + m - 1; p < e; ) {
        unsigned step = sh->shift[lc_pair_slot((unsigned char)t[p - 1], (unsigned char)t[p])];
        if (step) {
            p += step;
            continue;
        }
        size_t i = p + 1 - m;
        uint32_t q = lc_quad(t + i);
        for (size_t k = 0; k < nv; k++) {
            size_t n = v[k].len;
            if (n < 4 || (found >> k) & 1 || quad[k] != q || e - i < n)
                continue;
            if (entry_at(t, i, v[k].s, n, 4)) {
                found |= UINT32_C(1) << k;
                if (any)
                    return found;
            }
        }
        p++;
    }
    return found;
}

/* The shift tables of the two lists icontains_set() searches. */
static _Thread_local set_shift phrase_shift, note_shift;

_Static_assert(UGI_LT_NBP_PHRASE <= 32 && UGI_LT_NBP_NOTE <= 32 && UGI_LT_NBP_CREDIT <= 32,
               "icontains_set and find_first_set take 32 entries");

/* Offset of the case-sensitive string p[0..n) in t[s..e), or (size_t)-1. */
static size_t find(const char *t, size_t s, size_t e, const char *p, size_t n)
{
    if (n == 0 || e - s < n)
        return (size_t)-1;
    for (size_t i = s; i + n <= e; i++)
        if (t[i] == p[0] && memcmp(t + i, p, n) == 0)
            return i;
    return (size_t)-1;
}

/* Index of the first entry of v[0..nv) (nv <= 32) that occurs in t[s..e),
 * case-sensitively, with *at set to its first offset (as find() gives it);
 * -1 when none does. One pass over the text: a filter on the pair of
 * bytes an entry starts with, then a comparison. */
static long find_first_set(const char *t, size_t s, size_t e, const ugi_lt_word *v, size_t nv,
                           size_t *at)
{
    uint64_t filter[16] = { 0 };        /* 1024 bits: hashed first byte pairs */
    size_t pos[32];
    uint32_t found = 0;
    for (size_t k = 0; k < nv; k++) {
        if (v[k].len >= 2) {
            unsigned h = ((unsigned char)v[k].s[0] * 31u + (unsigned char)v[k].s[1]) & 1023u;
            filter[h >> 6] |= UINT64_C(1) << (h & 63);
        } else if ((pos[k] = find(t, s, e, v[k].s, v[k].len)) != (size_t)-1) {
            found |= UINT32_C(1) << k;  /* a one-byte entry: searched alone */
        }
    }
    for (size_t i = s; i + 2 <= e; i++) {
        unsigned a = (unsigned char)t[i], b = (unsigned char)t[i + 1];
        unsigned h = (a * 31u + b) & 1023u;
        if (!((filter[h >> 6] >> (h & 63)) & 1))
            continue;
        for (size_t k = 0; k < nv; k++) {
            size_t n = v[k].len;
            if (n < 2 || (found >> k) & 1 || (unsigned char)v[k].s[0] != a ||
                (unsigned char)v[k].s[1] != b || e - i < n || memcmp(t + i, v[k].s, n) != 0)
                continue;
            found |= UINT32_C(1) << k;
            pos[k] = i;
        }
    }
    if (!found)
        return -1;
    long k = 0;
    while (!((found >> k) & 1))
        k++;
    *at = pos[k];
    return k;
}

/* Skips a leading list marker ("1.", "2)", "-", "*", "•") and the blanks
 * after it in t[s..e); returns the new start. */
static size_t skip_marker(const char *t, size_t s, size_t e)
{
    size_t i = s;
    while (i < e && t[i] >= '0' && t[i] <= '9')
        i++;
    if (i > s && i < e && (t[i] == '.' || t[i] == ')'))
        i++;
    else if (i == s && i < e && (t[i] == '-' || t[i] == '*'))
        i++;
    else if (i == s && e - s >= 3 && memcmp(t + s, "\xE2\x80\xA2", 3) == 0)
        i += 3;
    else
        return s;
    if (i < e && t[i] != ' ' && t[i] != '\t')
        return s;
    while (i < e && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i < e ? i : s;
}

/* Nonzero when t[s..e), ASCII-lower-cased and with a final period, colon or
 * ellipsis dropped, is a [line] entry (binary search). */
static int whole_line(const char *t, size_t s, size_t e)
{
    while (e > s && (t[e - 1] == '.' || t[e - 1] == ':'))
        e--;
    if (e - s >= 3 && memcmp(t + e - 3, "\xE2\x80\xA6", 3) == 0)
        e -= 3;
    size_t n = e - s;
    if (n == 0 || n > 63)
        return 0;
    char buf[64];
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)lc((unsigned char)t[s + i]);
    size_t lo = 0, hi = UGI_LT_NBP_LINE;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ugi_lt_word *x = &ugi_lt_bp_line[mid];
        size_t m = x->len < n ? x->len : n;
        int c = memcmp(x->s, buf, m);
        if (c == 0)
            c = (x->len > n) - (x->len < n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Nonzero when t[s..e) starts with p[0..n), ASCII case-insensitively. */
static int iprefix(const char *t, size_t s, size_t e, const char *p, size_t n)
{
    if (e - s < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lc((unsigned char)t[s + k]) != (unsigned char)p[k])
            return 0;
    return 1;
}

/* Length of a run of 1-4 lowercase ASCII letters at t[i..e), else 0. */
static size_t initials(const char *t, size_t i, size_t e)
{
    size_t k = 0;
    while (i + k < e && t[i + k] >= 'a' && t[i + k] <= 'z' && k < 5)
        k++;
    return k >= 1 && k <= 4 ? k : 0;
}

/* Nonzero when t[s..e) is an editors' sign-off such as "rm,km/sms" or
 * "rm/sms (Reuters, AFP)": comma-separated initials, a slash, initials,
 * optionally followed by agencies in parentheses. */
static int signoff_initials(const char *t, size_t s, size_t e)
{
    size_t i = s;
    for (int side = 0; side < 2; side++) {
        for (;;) {
            size_t k = initials(t, i, e);
            if (!k)
                return 0;
            i += k;
            if (i < e && t[i] == ',') {
                i++;
                continue;
            }
            break;
        }
        if (side == 0) {
            if (i >= e || t[i] != '/')
                return 0;
            i++;
        }
    }
    while (i < e) {
        int32_t cp;
        size_t n = decode(t, i, e, &cp);
        if (!is_space(cp))
            break;
        i += n;
    }
    return i == e || t[i] == '(';
}

/* Nonzero when t[s..e) is only "(Agency, Agency)" with agencies from the
 * [agency] list. */
static int agency_line(const char *t, size_t s, size_t e)
{
    if (e - s < 3 || t[s] != '(' || t[e - 1] != ')')
        return 0;
    size_t i = s + 1, n = 0;
    while (i < e - 1) {
        while (i < e - 1 && (t[i] == ' ' || t[i] == ','))
            i++;
        size_t j = i;
        while (j < e - 1 && t[j] != ',' && t[j] != ' ')
            j++;
        if (j == i)
            break;
        int known = 0;
        for (size_t a = 0; a < UGI_LT_NBP_AGENCY && !known; a++)
            known = ugi_lt_bp_agency[a].len == j - i &&
                    memcmp(ugi_lt_bp_agency[a].s, t + i, j - i) == 0;
        if (!known)
            return 0;
        n++;
        i = j;
    }
    return n > 0;
}

/* Nonzero when the paragraph text t[s..e) has no letter or digit and is
 * made only of dashes, bullets, pipes and blanks. */
static int orphan_punct(const char *t, size_t s, size_t e)
{
    if (e <= s || e - s > 12)
        return 0;
    for (size_t i = s; i < e; ) {
        int32_t cp;
        i += decode(t, i, e, &cp);
        if (!(cp == '-' || cp == '|' || cp == ' ' || cp == 0x2013 || cp == 0x2014 ||
              cp == 0x2022 || cp == 0xB7))
            return 0;
    }
    return 1;
}

/* Length of a date-like value at t[i..e): digits with - / . : T Z +
 * between them, at least 8 bytes and starting with a digit; else 0. */
static size_t date_value(const char *t, size_t i, size_t e)
{
    size_t k = 0, digits = 0;
    if (i >= e || t[i] < '0' || t[i] > '9')
        return 0;
    while (i + k < e && (strchr("0123456789-/.:TZ+", t[i + k]) && t[i + k])) {
        digits += t[i + k] >= '0' && t[i + k] <= '9';
        k++;
    }
    while (k && strchr(".:-", t[i + k - 1]))
        k--;
    return k >= 8 && digits >= 6 ? k : 0;
}

/* If t[s..e), the start of a paragraph, is a scraper metadata line
 * ("date 2024-04-26", "author: ..."), returns the end of its key and
 * value, else 0. */
static size_t metadata(const char *t, size_t s, size_t e, size_t words)
{
    size_t k = 0;
    while (s + k < e && t[s + k] >= 'a' && t[s + k] <= 'z')
        k++;
    if (k == 0 || s + k >= e)
        return 0;
    int found = 0;
    for (size_t m = 0; m < UGI_LT_NBP_METAKEY && !found; m++)
        found = ugi_lt_bp_metakey[m].len == k && memcmp(ugi_lt_bp_metakey[m].s, t + s, k) == 0;
    if (!found)
        return 0;
    size_t i = s + k;
    char sep = t[i];
    if (sep != ' ' && sep != ':' && sep != '=')
        return 0;
    i++;
    while (i < e && t[i] == ' ')
        i++;
    size_t dv = date_value(t, i, e);
    if (dv)
        return i + dv;
    if (sep != ' ' && words <= 12 && i < e)
        return e;
    return 0;
}

/* Nonzero for an ASCII word (lower-cased) a cut-off sentence may end on. */
static int dangling_word(const char *t, size_t s, size_t e)
{
    static const char *const w[] = { "at", "to", "for", "on", "of", "in", "via", "the",
                                     "a", "an", "here", "and", "or", "from", "with" };
    for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
        size_t n = strlen(w[i]);
        if (e - s == n && iprefix(t, s, e, w[i], n))
            return 1;
    }
    return 0;
}

/* Checks one sentence for page furniture; on a match writes the evidence
 * into ev[0..cap), sets *fs to the start of the flagged span and returns 1. */
static int furniture(const ug_doc *d, size_t k, size_t nwords, char *ev, size_t cap, size_t *fs)
{
    const char *t = d->text;
    const ug_sentence *x = &d->sents[k];
    size_t s = skip_marker(t, x->start, x->end), e = x->end;
    *fs = x->start;
    if (whole_line(t, s, e)) {
        snprintf(ev, cap, "page furniture: \"%.*s\"", (int)(e - s), t + s);
        return 1;
    }
    for (size_t i = 0; i < UGI_LT_NBP_PREFIX; i++)
        if (iprefix(t, s, e, ugi_lt_bp_prefix[i].s, ugi_lt_bp_prefix[i].len)) {
            snprintf(ev, cap, "page furniture: starts with \"%s\"", ugi_lt_bp_prefix[i].s);
            return 1;
        }
    uint32_t phrases = nwords <= 15 ? icontains_set(t, s, e, ugi_lt_bp_phrase, UGI_LT_NBP_PHRASE, 0, &phrase_shift) : 0;
    if (phrases)
        for (size_t i = 0; i < UGI_LT_NBP_PHRASE; i++)
            if ((phrases >> i) & 1) {       /* the first phrase of the list found */
                int last = k + 1 == d->nsents, ends = strchr(".!?\"')", t[e - 1]) != NULL;
                size_t ws = e;
                while (ws > s && ascii_alpha((unsigned char)t[ws - 1]))
                    ws--;
                if (last && !ends && dangling_word(t, ws, e))
                    snprintf(ev, cap, "call to action cut off at the end of the document: "
                             "\"%s\"", ugi_lt_bp_phrase[i].s);
                else
                    snprintf(ev, cap, "page furniture: contains \"%s\"", ugi_lt_bp_phrase[i].s);
                return 1;
            }
    if (signoff_initials(t, s, e)) {
        snprintf(ev, cap, "sign-off with editors' initials");
        return 1;
    }
    if (agency_line(t, s, e)) {
        snprintf(ev, cap, "sign-off naming the agencies");
        return 1;
    }
    if (x->kind == UG_SEG_CAPTION || nwords <= 15) {
        size_t first_at;
        long i = find_first_set(t, s, e, ugi_lt_bp_credit, UGI_LT_NBP_CREDIT, &first_at);
        if (i >= 0) {
            size_t at = first_at;
            /* a credit after a caption: start at the dash before it */
            size_t from = s;
            for (size_t j = at; j > s + 1; j--) {
                if (t[j - 1] == ' ' && (t[j] == '-' || (e - j >= 3 &&
                    (memcmp(t + j, "\xE2\x80\x93", 3) == 0 || memcmp(t + j, "\xE2\x80\x94", 3) == 0)))) {
                    from = j;
                    break;
                }
            }
            if (from == s && count_words_upto(t, s, at, 5) >= 5)
                from = at;
            *fs = from == s ? x->start : from;
            snprintf(ev, cap, "photo credit (\"%s\")", ugi_lt_bp_credit[i].s);
            return 1;
        }
    }
    if (x->kind == UG_SEG_BOILERPLATE) {
        snprintf(ev, cap, "page furniture (a navigation, sign-off or sign-up line)");
        return 1;
    }
    return 0;
}

/* Nonzero when the sentence t[s..e) contains a [note] entry. */
static int editorial_note(const char *t, size_t s, size_t e)
{
    return icontains_set(t, s, e, ugi_lt_bp_note, UGI_LT_NBP_NOTE, 1, &note_shift) != 0;
}

/* boilerplate: navigation, metadata lines, photo credits, sign-offs,
 * calls to action, cookie notices and split datelines. */
static ug_status run_boilerplate(const ug_doc *d, unsigned self, ug_findings *out)
{
    const char *t = d->text;
    char ev[160];
    ugi_words rw;
    ug_status rst = ugi_words_get(d, &rw);
    if (rst)
        return rst;
    /* the top of the document: everything before the first body sentence
       of at least 8 words; navigation lists live there */
    size_t top = 0;
    while (top < d->nsents && !(d->sents[top].kind == UG_SEG_BODY && sent_words(&rw, top, 8) >= 8))
        top++;
    size_t nav_run_end = 0;
    for (size_t k = 0; k < d->nsents; k++) {
        const ug_sentence *x = &d->sents[k];
        /* every test of nw is against a bound of at most 16 */
        size_t s = x->start, e = x->end, nw = sent_words(&rw, k, 16), fs = s;
        ug_status st = UG_OK;
        /* the tests below have no side effect: an editorial note (never
           flagged) is looked for only in a sentence one of them takes */
        size_t me = x->sent == 0 ? metadata(t, s, e, nw) : 0;
        int orphan = !me && x->sent == 0 && para_end(d, k) == k + 1 && orphan_punct(t, s, e);
        int furn = !me && !orphan && furniture(d, k, nw, ev, sizeof ev, &fs);
        if (!me && !orphan && !furn && !(k < top && x->kind == UG_SEG_LIST && nw <= 6))
            continue;
        if (editorial_note(t, s, e))
            continue;
        if (me) {
            st = ug_findings_add(out, self, s, me, "metadata line: \"%.*s\"", (int)(me - s), t + s);
        } else if (orphan) {
            /* extend back over a dateline split into one- or two-word lines */
            size_t from = k, lines = 1;
            while (from > 0) {
                const ug_sentence *p = &d->sents[from - 1];
                if (p->kind != UG_SEG_DATELINE || p->sent != 0 || para_end(d, from - 1) != from ||
                    sent_words(&rw, from - 1, 3) > 2 || metadata(t, p->start, p->end, 2))
                    break;
                from--;
                lines++;
            }
            if (lines > 1)
                st = ug_findings_add(out, self, d->sents[from].start, e, "dateline split over %zu "
                                     "lines ending in an orphan dash", lines);
            else if (k < top)
                st = ug_findings_add(out, self, s, e, "orphan punctuation line at the top");
        } else if (furn) {
            st = ug_findings_add(out, self, fs, e, "%s", ev);
        } else {
            /* a navigation list: 3 or more short list items at the top
               (this one is such an item: k < top, six words or fewer) */
            if (k >= nav_run_end) {
                size_t j = k;
                while (j < top && d->sents[j].kind == UG_SEG_LIST &&
                       sent_words(&rw, j, 7) <= 6)
                    j++;
                nav_run_end = j - k >= 3 ? j : k + 1;
                if (j - k < 3)
                    nav_run_end = 0;
            }
            if (nav_run_end > k)
                st = ug_findings_add(out, self, s, e, "navigation list item at the top of the page");
        }
        if (st) {
            ugi_words_free(&rw);
            return st;
        }
    }
    ugi_words_free(&rw);
    return UG_OK;
}

/* ---- the family table ----------------------------------------------------- */

const ug_detector ugi_det_residue[] = {
    { "style_mixed", "US and U.S. (UK/U.K., EU/E.U.) or -ise and -ize spellings mixed in one document",
      UG_DET_RESIDUE, run_style_mixed },
    { "typography_flattened", "a long document without curly quotes, dashes or ellipses: "
      "typography lost on the way", UG_DET_MT, run_typography },
    { "repeated_ngram", "a word or phrase repeated in a row, or Gopher repetition fractions exceeded",
      UG_DET_RESIDUE, run_repeated_ngram },
    { "duplicate_line", "a paragraph of five or more words that occurs twice",
      UG_DET_RESIDUE, run_duplicate_line },
    { "boilerplate", "scraper residue: navigation, metadata, credits, sign-offs, calls to action",
      UG_DET_RESIDUE, run_boilerplate },
};

const size_t ugi_det_residue_n = sizeof ugi_det_residue / sizeof *ugi_det_residue;
