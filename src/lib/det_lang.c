/* det_lang.c: detectors of foreign-language spans, untranslated residue and calques in English text. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "ug/detect.h"
#include "detect_int.h"
#include "lexicon.h"
#define UGI_LT_WANT_LANG
#include "lang_tables.h"
#include "det_text.h"
#include "det_words.h"

/* Longest word (in bytes, lower-cased) that is looked up in a table. */
#define WORD_MAX 63

/* ---- characters and words ------------------------------------------------ */



/* Nonzero for an ASCII byte that is white space (is_space() of it). */
static int a_space(unsigned char b) { return b == ' ' || (b >= 0x09 && b <= 0x0D); }

/* Nonzero for a closing punctuation byte that check_chunk() strips. */
static int closing_punct(char c)
{
    switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')': case '"': case ']':
        return 1;
    default:
        return 0;
    }
}

/* Nonzero for an opening punctuation byte that check_chunk() strips. */
static int opening_punct(char c) { return c == '(' || c == '"' || c == '['; }

/* Writes the lower-cased form of t[s..e) to buf (typographic apostrophes
 * become '\''). Returns its length, or 0 when longer than WORD_MAX. */
static size_t lower_word(const char *t, size_t s, size_t e, char *buf)
{
    size_t n = 0;
    while (s < e) {
        unsigned char b = (unsigned char)t[s];
        if (b < 0x80) {         /* ASCII: the common case */
            if (n + 1 > WORD_MAX)
                return 0;
            buf[n++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            s++;
            continue;
        }
        int32_t cp;
        s += decode(t, s, e, &cp);
        if (cp < 0x80) {
            if (n + 1 > WORD_MAX)
                return 0;
            buf[n++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            continue;
        }
        if (cp == 0x2019)
            cp = '\'';
        cp = utf8proc_tolower(cp);
        utf8proc_uint8_t tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
        if (n + (size_t)k > WORD_MAX)
            return 0;
        memcpy(buf + n, tmp, (size_t)k);
        n += (size_t)k;
    }
    return n;
}

/* Multipliers of stop_hash(); scripts/gen-lang-data uses the same. */
#define STOP_MUL UINT64_C(0x9E3779B97F4A7C15)
#define STOP_MIX UINT64_C(0xFF51AFD7ED558CCD)

/* Reads 8 bytes at p as a little-endian integer. */
static uint64_t load64le(const char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | (unsigned char)p[i];
    return v;
#endif
}

/* Hash of w[0..n), which must be followed by 8 zero bytes: 8-byte
 * little-endian chunks (the last zero-padded), as stop_hash() of
 * scripts/gen-lang-data computes it. */
static uint64_t stop_hash(const char *w, size_t n)
{
    uint64_t h = (uint64_t)n * STOP_MUL;
    for (size_t i = 0; i < n; i += 8) {
        h = (h ^ load64le(w + i)) * STOP_MUL;
        h ^= h >> 29;
    }
    h *= STOP_MIX;
    return h ^ (h >> 32);
}

/* Index of the stopword w[0..n) in ugi_lt_stopwords, or -1, where w[n..n+8)
 * are zero bytes: one probe sequence of the generated hash table (see
 * scripts/gen-lang-data). */
static long stop_find_padded(const char *w, size_t n)
{
    if (n > WORD_MAX)
        return -1;                      /* longer than any stopword */
    uint64_t h = stop_hash(w, n);
    const uint32_t mask = (1u << UGI_LT_STOP_HASH_BITS) - 1, tag = (uint32_t)(h >> 48);
    for (uint32_t j = (uint32_t)h & mask;; j = (j + 1) & mask) {
        uint32_t x = ugi_lt_stop_hash[j];
        if (!x)
            return -1;
        if ((x >> 16) != tag)
            continue;
        const ugi_lt_word *sw = &ugi_lt_stopwords[(x & 0xFFFF) - 1];
        if (sw->len != n)
            continue;
        size_t m = 0;                   /* stopwords are short: no call to memcmp() */
        while (m < n && sw->s[m] == w[m])
            m++;
        if (m == n)
            return (long)((x & 0xFFFF) - 1);
    }
}

/* Index of the stopword w[0..n) in ugi_lt_stopwords, or -1. */
static long stop_find(const char *w, size_t n)
{
    char buf[WORD_MAX + 8];
    if (n > WORD_MAX)
        return -1;
    memcpy(buf, w, n);
    memset(buf + n, 0, 8);
    return stop_find_padded(buf, n);
}

/* Stopword index of a lower-cased word, trying the elided prefix (l', dell')
 * when the whole word is not listed; -1 when neither is. w[n..n+8) must be
 * zero bytes. */
static long stop_find_word(const char *w, size_t n)
{
    long i = stop_find_padded(w, n);
    if (i >= 0)
        return i;
    for (size_t k = 1; k < n && k <= 6; k++)
        if (w[k] == '\'')
            return stop_find(w, k + 1);
    return -1;
}

/* Bit set of the languages (1 << UGI_LT_*) for which the lower-case letter
 * cp is characteristic; 0 for letters that tell nothing. */
static unsigned letter_langs(int32_t cp)
{
    enum { ES = 1u << UGI_LT_ES, FR = 1u << UGI_LT_FR, DE = 1u << UGI_LT_DE,
           IT = 1u << UGI_LT_IT, PT = 1u << UGI_LT_PT };
    switch (cp) {
    case 0xF1: return ES;                       /* ñ */
    case 0xDF: case 0xE4: case 0xF6: case 0xFC: return DE;   /* ß ä ö ü */
    case 0xE3: case 0xF5: return PT;            /* ã õ */
    case 0xE7: return FR | PT;                  /* ç */
    case 0xE2: case 0xEA: case 0xF4: return FR | PT;        /* â ê ô */
    case 0xEE: case 0xFB: case 0xEB: case 0xEF: case 0x153: return FR; /* î û ë ï œ */
    case 0xE8: case 0xF9: return FR | IT;       /* è ù */
    case 0xE0: return FR | IT | PT;             /* à */
    case 0xEC: case 0xF2: return IT;            /* ì ò */
    case 0xE1: case 0xED: case 0xF3: case 0xFA: return ES | PT;       /* á í ó ú */
    default: return 0;
    }
}

/* ---- scoring a span by stopwords ----------------------------------------- */

/* Distinct stopwords remembered per language (for counts and evidence). */
#define SEEN_MAX 8

/* Stopword counts of one span of text. */
typedef struct {
    unsigned words;                     /* words with a letter */
    unsigned en;                        /* English stopwords */
    unsigned cnt[UGI_LT_NLANGS];        /* stopwords of each language that are not English */
    unsigned distinct[UGI_LT_NLANGS];   /* distinct such stopwords (exact up to SEEN_MAX) */
    unsigned letters[UGI_LT_NLANGS];    /* distinct characteristic letters */
    long seen[UGI_LT_NLANGS][SEEN_MAX];
    uint32_t lseen[16];                 /* characteristic letters met */
    unsigned nlseen;
} lscore;

/* What one word with a letter adds to a score: its stopword index and its
 * characteristic letters in order. */
typedef struct {
    long x;                     /* index in ugi_lt_stopwords, or -1 */
    unsigned nl;
    int32_t l[WORD_MAX];        /* the letters with letter_langs() != 0 */
} wscore;

/* The last answers of stop_find_word() for words of one to eight bytes,
 * per thread (an answer is a pure function of the word, so remembering it
 * never changes one): most words of running text are short and recur
 * ("the", "of", "said"), and this is one compare instead of a hash and a
 * probe sequence. A word's key is its eight zero-padded bytes. 4096
 * slots (64 KB) hold the short words of many documents: 512 left
 * foreign_span and foreign_residue 12% slower on news, 16384 no faster. */
#define STOP_MEMO_BITS 12
typedef struct {
    uint64_t k;                 /* 0: empty (no word is) */
    long x;
} stop_slot;
static _Thread_local stop_slot stop_memo[1u << STOP_MEMO_BITS];

/* stop_find_word() through @p memo (this thread's stop_memo) of the word
 * of @p n bytes (1 to 8) whose zero-padded bytes read as the little-endian
 * @p k (the memo's key). */
static long stop_find_key(stop_slot *memo, uint64_t k, size_t n)
{
    unsigned slot = (unsigned)((k * STOP_MUL) >> (64 - STOP_MEMO_BITS));
    if (memo[slot].k == k)
        return memo[slot].x;
    char w[16];
    for (int i = 0; i < 8; i++)
        w[i] = (char)(k >> (8 * i));
    memset(w + 8, 0, 8);
    long x = stop_find_word(w, n);
    memo[slot].k = k;
    memo[slot].x = x;
    return x;
}

/* stop_find_word() through @p memo (this thread's stop_memo, its address
 * taken once per loop by the caller). w[n..n+8) must be zero bytes. */
static long stop_find_memo(stop_slot *memo, const char *w, size_t n)
{
    if (n > 8)
        return stop_find_word(w, n);
    return stop_find_key(memo, load64le(w), n);
}

/* Reads the word t[w->s..w->e) (it has a letter) into *ws; @p memo is
 * this thread's stop_memo; t[0..lim) may be read. */
static void word_info(stop_slot *memo, const char *t, size_t lim, const word *w, wscore *ws)
{
    char buf[WORD_MAX + 8];
    size_t n = 0, len = w->e - w->s;
    int ascii = 1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len <= 8 && w->s + 8 <= lim) {
        /* the common case, the memo's key made in a register: an ASCII
           word of up to eight bytes, lower-cased eight bytes at a time
           (the high bit of each byte from 'A' to 'Z', shifted to 0x20) */
        const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
        uint64_t x = load64le(t + w->s);
        if (len < 8)
            x &= (UINT64_C(1) << (8 * len)) - 1;
        if (!(x & high)) {
            uint64_t k = x | (((x + ones * (0x80 - 'A')) & ~(x + ones * (0x7F - 'Z')) & high) >> 2);
            ws->nl = 0;
            ws->x = stop_find_key(memo, k, len);
            return;
        }
    }
#else
    (void)lim;
#endif
    if (len <= WORD_MAX) {              /* the common case: an ASCII word, lower-cased here */
        const unsigned char *p = (const unsigned char *)t + w->s;
        unsigned high = 0;
        for (size_t i = 0; i < len; i++) {
            unsigned b = p[i];
            high |= b;
            buf[i] = (char)(b + (((b - 'A') < 26u) << 5));
        }
        if (high < 0x80)
            n = len;
        else
            ascii = 0;
    } else {
        ascii = 0;
    }
    if (!ascii) {
        n = lower_word(t, w->s, w->e, buf);
        ascii = 1;
        for (size_t i = 0; i < n && ascii; i++)
            ascii = (unsigned char)buf[i] < 0x80;
    }
    memset(buf + n, 0, 8);              /* for stop_find_padded() */
    ws->nl = 0;
    if (!ascii) {
        for (size_t i = 0; i < n; ) {
            int32_t cp;
            i += decode(buf, i, n, &cp);
            if (letter_langs(cp))
                ws->l[ws->nl++] = cp;
        }
    }
    ws->x = n ? stop_find_memo(memo, buf, n) : -1;
}

/* Adds the word read into *ws to *sc. */
static void score_add(lscore *sc, const wscore *ws)
{
    sc->words++;
    for (unsigned k = 0; k < ws->nl; k++) {
        int32_t cp = ws->l[k];
        unsigned m = letter_langs(cp);
        unsigned j;
        for (j = 0; j < sc->nlseen && sc->lseen[j] != (uint32_t)cp; j++)
            ;
        if (j < sc->nlseen || sc->nlseen == 16)
            continue;
        sc->lseen[sc->nlseen++] = (uint32_t)cp;
        for (int l = 1; l < UGI_LT_NLANGS; l++)
            if (m & (1u << l))
                sc->letters[l]++;
    }
    long x = ws->x;
    if (x < 0)
        return;
    unsigned mask = ugi_lt_stopwords[x].attr;
    if (mask & (1u << UGI_LT_EN)) {
        sc->en++;
        return;
    }
    for (int l = 1; l < UGI_LT_NLANGS; l++) {
        if (!(mask & (1u << l)))
            continue;
        sc->cnt[l]++;
        unsigned d = sc->distinct[l], j;
        for (j = 0; j < d && j < SEEN_MAX && sc->seen[l][j] != x; j++)
            ;
        if (j == d || j == SEEN_MAX) {
            if (d < SEEN_MAX)
                sc->seen[l][d] = x;
            if (j == d)
                sc->distinct[l]++;
        }
    }
}

/* Adds the words and letters of t[s..e) to *sc (zero it first). */
static void score_span(const char *t, size_t s, size_t e, lscore *sc)
{
    size_t pos = s;
    word w;
    wscore ws;
    stop_slot *memo = stop_memo;
    while (next_word(t, &pos, e, &w)) {
        if (!w.alpha)
            continue;
        word_info(memo, t, e, &w, &ws);
        score_add(sc, &ws);
    }
}

/* Most sentences of a paragraph scored in one pass with it (joint_ok()). */
#define JOINT_MAX 64

/* Nonzero when scoring the sentences [i, j) of d one by one reads the same
 * words, in the same order, as scoring the paragraph span from the start
 * of sentence i to the end of sentence j - 1: the sentences are in order,
 * and between each two lies ASCII white space, where no word can run on. */
static int joint_ok(const ug_doc *d, size_t i, size_t j)
{
    if (j - i > JOINT_MAX)
        return 0;
    for (size_t k = i; k < j; k++) {
        const ug_sentence *x = &d->sents[k];
        if (x->start > x->end)
            return 0;
        if (k + 1 == j)
            break;
        if (x->end >= d->sents[k + 1].start)
            return 0;
        for (size_t g = x->end; g < d->sents[k + 1].start; g++) {
            unsigned char c = (unsigned char)d->text[g];
            if (c != ' ' && (c < 0x09 || c > 0x0D))
                return 0;
        }
    }
    return 1;
}

/* Scores the words of sentence k of d into *sc and, when not NULL, *para:
 * the words of @p lw (the document's word list, when not NULL) or else
 * those next_word() reads, which are the same as long as the sentence ends
 * inside the text. */
static void score_sentence(const ug_doc *d, const ugi_words *lw, size_t k, lscore *sc,
                           lscore *para)
{
    wscore ws;
    stop_slot *memo = stop_memo;
    if (lw && d->sents[k].end <= d->len) {
        for (size_t m = lw->sfirst[k]; m < lw->sfirst[k + 1]; m++) {
            if (!lw->v[m].alpha)
                continue;
            word_info(memo, d->text, d->len, &lw->v[m], &ws);
            score_add(sc, &ws);
            if (para)
                score_add(para, &ws);
        }
        return;
    }
    size_t pos = d->sents[k].start, e = d->sents[k].end;
    word w;
    while (next_word(d->text, &pos, e, &w)) {
        if (!w.alpha)
            continue;
        word_info(memo, d->text, d->len, &w, &ws);
        score_add(sc, &ws);
        if (para)
            score_add(para, &ws);
    }
}

/* Scores the paragraph of sentences [i, j) (joint_ok()) into *para (zero
 * it first) and each sentence into sent[k - i] (zeroed here), in one pass
 * over the words: the same scores as score_span() over each. @p lw: the
 * document's word list, or NULL to read the words from the text. */
static void score_joint(const ug_doc *d, const ugi_words *lw, size_t i, size_t j, lscore *para,
                        lscore *sent)
{
    for (size_t k = i; k < j; k++) {
        memset(&sent[k - i], 0, sizeof sent[k - i]);
        score_sentence(d, lw, k, &sent[k - i], para);
    }
}

/* The foreign language the span scored in *sc is written in, or -1: at
 * least 5 words, at least 3 stopwords of the language of which 3 distinct,
 * a fifth of the words, and more than twice the English stopwords. */
static int foreign_lang(const lscore *sc)
{
    int best = -1;
    unsigned bv = 0;
    for (int l = 1; l < UGI_LT_NLANGS; l++) {
        unsigned v = sc->cnt[l] * 4 + (sc->letters[l] < 4 ? sc->letters[l] : 4);
        if (v > bv) {
            bv = v;
            best = l;
        }
    }
    if (best < 0 || sc->words < 5)
        return -1;
    unsigned c = sc->cnt[best];
    if (c < 3 || sc->distinct[best] < 3 || c * 5 < sc->words || c < 2 * sc->en + 1)
        return -1;
    return best;
}

/* Nonzero when the span scored in *sc reads as English: at least two
 * English stopwords and no fewer than any foreign language has. */
static int reads_english(const lscore *sc)
{
    if (sc->en < 2)
        return 0;
    for (int l = 1; l < UGI_LT_NLANGS; l++)
        if (sc->cnt[l] > sc->en)
            return 0;
    return 1;
}

/* Writes up to 5 distinct stopwords of language l seen in *sc, comma
 * separated, into buf[0..cap). */
static void example_words(const lscore *sc, int l, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = 0;
    unsigned d = sc->distinct[l] < SEEN_MAX ? sc->distinct[l] : SEEN_MAX;
    for (unsigned j = 0; j < d && j < 5; j++) {
        const ugi_lt_word *x = &ugi_lt_stopwords[sc->seen[l][j]];
        if (n + x->len + 3 >= cap)
            break;
        if (n) {
            buf[n++] = ',';
            buf[n++] = ' ';
        }
        memcpy(buf + n, x->s, x->len);
        n += x->len;
        buf[n] = 0;
    }
}

/* ---- paragraphs ----------------------------------------------------------- */

/* Index one past the last sentence of the paragraph that starts at i. */
static size_t para_end(const ug_doc *d, size_t i)
{
    size_t j = i + 1;
    while (j < d->nsents && d->sents[j].para == d->sents[i].para)
        j++;
    return j;
}

/* Language of the whole paragraph of sentences [i, j), or -1. @p lw: the
 * document's word list, or NULL (see score_sentence()). */
static int para_lang(const ug_doc *d, const ugi_words *lw, size_t i, size_t j, lscore *sc)
{
    memset(sc, 0, sizeof *sc);
    if (j == i + 1)
        score_sentence(d, lw, i, sc, NULL);
    else
        score_span(d->text, d->sents[i].start, d->sents[j - 1].end, sc);
    return foreign_lang(sc);
}

/* Appends a foreign_span finding for [s, e) scored in *sc as language l. */
static ug_status add_span(ug_findings *out, unsigned self, size_t s, size_t e,
                          const lscore *sc, int l)
{
    char ex[96];
    example_words(sc, l, ex, sizeof ex);
    return ug_findings_add(out, self, s, e,
                           "%s (%u of %u words are %s stopwords: %s; %u English)",
                           ugi_lt_lang_name[l], sc->cnt[l], sc->words,
                           ugi_lt_lang_name[l], ex, sc->en);
}

/* What foreign_span learnt of the document of the running ug_detect()
 * call, for foreign_residue, which needs the same scores: per paragraph
 * (at its first sentence) whether it is foreign, and per sentence whether
 * it reads as English. Per thread; between ugi_det_lang_begin() and
 * ugi_det_lang_end() only. */
static _Thread_local struct {
    int on, built;
    const ug_doc *d;
    unsigned char *foreign;     /* [nsents]: 1 at the first sentence of a foreign paragraph */
    unsigned char *english;     /* [nsents]: reads_english() of the sentence's score */
} lshared;

void ugi_det_lang_begin(void)
{
    lshared.on = 1;
    lshared.built = 0;
}

/* Makes room for what foreign_span learns of @p d; NULL when not inside
 * ug_detect() or out of memory (then nothing is kept). */
static unsigned char *lang_keep(const ug_doc *d)
{
    if (!lshared.on)
        return NULL;
    ug_free(lshared.foreign);
    lshared.built = 0;
    lshared.foreign = ug_malloc(2 * (d->nsents ? d->nsents : 1));
    if (!lshared.foreign)
        return NULL;
    memset(lshared.foreign, 0, 2 * (d->nsents ? d->nsents : 1));
    lshared.english = lshared.foreign + (d->nsents ? d->nsents : 1);
    lshared.d = d;
    return lshared.foreign;
}

void ugi_det_lang_end(void)
{
    ug_free(lshared.foreign);
    memset(&lshared, 0, sizeof lshared);
}

/* foreign_span: paragraphs, or else single sentences, written in another
 * language by stopword frequencies. */
static ug_status run_foreign_span(const ug_doc *d, unsigned self, ug_findings *out)
{
    lscore sc, sent[JOINT_MAX];
    ugi_words lw;
    ug_status wst = ugi_words_get(d, &lw);
    if (wst)
        return wst;
    unsigned char *keep = lang_keep(d);
    ug_status st = UG_OK;
    for (size_t i = 0; i < d->nsents && st == UG_OK; ) {
        size_t j = para_end(d, i);
        if (j - i > 1 && joint_ok(d, i, j)) {
            /* the paragraph and its sentences in one pass */
            memset(&sc, 0, sizeof sc);
            score_joint(d, &lw, i, j, &sc, sent);
            int l = foreign_lang(&sc);
            if (l > 0) {
                if (keep)
                    lshared.foreign[i] = 1;
                st = add_span(out, self, d->sents[i].start, d->sents[j - 1].end, &sc, l);
            } else {
                for (size_t k = i; k < j && st == UG_OK; k++) {
                    if (keep)
                        lshared.english[k] = (unsigned char)reads_english(&sent[k - i]);
                    l = foreign_lang(&sent[k - i]);
                    if (l > 0) {
                        st = add_span(out, self, d->sents[k].start, d->sents[k].end,
                                      &sent[k - i], l);
                    }
                }
            }
            i = j;
            continue;
        }
        int l = para_lang(d, &lw, i, j, &sc);
        if (l > 0) {
            if (keep)
                lshared.foreign[i] = 1;
            st = add_span(out, self, d->sents[i].start, d->sents[j - 1].end, &sc, l);
        } else if (j - i > 1) {
            for (size_t k = i; k < j && st == UG_OK; k++) {
                memset(&sc, 0, sizeof sc);
                score_sentence(d, &lw, k, &sc, NULL);
                if (keep)
                    lshared.english[k] = (unsigned char)reads_english(&sc);
                l = foreign_lang(&sc);
                if (l > 0) {
                    st = add_span(out, self, d->sents[k].start, d->sents[k].end, &sc, l);
                }
            }
        } else if (keep) {
            lshared.english[i] = (unsigned char)reads_english(&sc);
        }
        i = j;
    }
    ugi_words_free(&lw);
    if (keep && st == UG_OK)
        lshared.built = 1;
    return st;
}

/* ---- foreign residue ------------------------------------------------------ */

/* Nonzero when the lower-cased piece p[0..n) looks like a foreign word: not
 * English, at least 3 bytes, ending in a, e, o or s, or holding a
 * non-ASCII letter; or, when allow_stop, a foreign function word of 3 or
 * more bytes. */
static int foreign_piece(const char *p, size_t n, int allow_stop)
{
    if (n < 3)
        return 0;
    long x = allow_stop ? stop_find(p, n) : -1;
    if (x >= 0 && !(ugi_lt_stopwords[x].attr & (1u << UGI_LT_EN)))
        return 1;       /* a foreign function word (dos) */
    if (ugi_lex_band(p, n) != 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80)
            return 1;
    return strchr("aeos", p[n - 1]) != NULL;
}

/* Function words that machine translation leaves glued between two
 * untranslated words (visita|de|tres), sorted in byte order. */
static const char *const GLUE[] = {
    "al", "ao", "con", "da", "das", "de", "del", "der", "des", "di", "do", "dos", "du",
    "el", "em", "en", "het", "la", "las", "le", "les", "los", "para", "por", "und", "van"
};

/* Nonzero when w[0..n) is one of GLUE. */
static int glue_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof GLUE / sizeof *GLUE; i++)
        if (strlen(GLUE[i]) == n && memcmp(GLUE[i], w, n) == 0)
            return 1;
    return 0;
}

/* Nonzero when the lower-cased piece p[0..n) ends like an English
 * derived word (-tions, -ness, -ers, -ists, -like...), which a foreign
 * word glued in machine translation does not. */
static int english_ending(const char *p, size_t n)
{
    static const char *const sfx[] = {
        "tion", "tions", "sion", "sions", "ness", "nesses", "ment", "ments", "ers", "ists",
        "isms", "ings", "ing", "able", "ables", "ible", "ibles", "ities", "ences", "ancies",
        "encies", "ncies", "like", "ly", "ous", "ics", "sis", "ful", "less", "ward", "wards",
        "ship", "hood", "ize", "izes", "ise", "ises", "ed", "est", "ism", "ist"
    };
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
        size_t m = strlen(sfx[i]);
        if (n >= m && memcmp(p + n - m, sfx[i], m) == 0)
            return 1;
    }
    return 0;
}

/* Nonzero when the lower-cased word w[0..n) is English after all: an
 * English prefix (mis-, non-, poly-...) before an English word, or an
 * English word plus an inflection (-s, -es, -ed, -ing, -ly). */
static int english_derived(const char *w, size_t n)
{
    static const char *const pre[] = {
        "anti", "counter", "de", "dis", "hyper", "inter", "micro", "milli", "mis", "multi",
        "non", "over", "para", "poly", "post", "pre", "pro", "re", "semi", "sub", "super",
        "trans", "ultra", "un", "under"
    };
    static const char *const infl[] = { "s", "es", "ed", "ing", "ly", "er", "ers" };
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
        size_t m = strlen(pre[i]);
        if (n > m + 3 && memcmp(w, pre[i], m) == 0 && ugi_lex_band(w + m, n - m) != 0)
            return 1;
    }
    for (size_t i = 0; i < sizeof infl / sizeof *infl; i++) {
        size_t m = strlen(infl[i]);
        if (n > m + 3 && memcmp(w + n - m, infl[i], m) == 0 && ugi_lex_band(w, n - m) != 0)
            return 1;
    }
    return 0;
}

/* Tries to read the lower-cased token w[0..n) as foreign words glued around
 * a foreign function word (visita|de|tres). On success writes how it splits
 * into ev[0..cap) and returns 1. */
static int glued_foreign(const char *w, size_t n, char *ev, size_t cap)
{
    for (size_t i = 3; i + 2 + 3 <= n; i++) {
        if (((unsigned char)w[i] & 0xC0) == 0x80)
            continue;
        for (size_t k = 2; k <= 4 && i + k + 3 <= n; k++) {
            if (((unsigned char)w[i + k] & 0xC0) == 0x80)
                continue;
            if (!glue_word(w + i, k))
                continue;
            long x = stop_find(w + i, k);
            if (x < 0)
                continue;
            unsigned mask = ugi_lt_stopwords[x].attr;
            if (mask & (1u << UGI_LT_EN))
                continue;
            if (!foreign_piece(w, i, 0) || !foreign_piece(w + i + k, n - i - k, 1) ||
                english_ending(w + i + k, n - i - k))
                continue;
            snprintf(ev, cap, "%.*s + %.*s + %.*s, glued around the foreign function word "
                     "\"%.*s\"", (int)i, w, (int)k, w + i, (int)(n - i - k), w + i + k,
                     (int)k, w + i);
            return 1;
        }
    }
    return 0;
}

/* Nonzero when the lower-cased word w[0..n) ends with the UTF-8 string sfx. */
static int ends_with(const char *w, size_t n, const char *sfx)
{
    size_t m = strlen(sfx);
    return n > m && memcmp(w + n - m, sfx, m) == 0;
}

/* Describes why the lower-cased word w[0..n) has letters English does not
 * use: a letter found only in other languages (ñ ß ã õ), an accented
 * letter together with a foreign ending or a second accented letter, or
 * (without accents) an ending no English word has (-idad, -keit). On
 * success writes the reason into ev[0..cap) and returns 1. */
static int foreign_letters(const char *w, size_t n, char *ev, size_t cap)
{
    static const char *const sfx[] = {
        "ción", "ciones", "ção", "ções", "sión", "ía", "ías", "ário", "ária",
        "ização", "zione", "zioni", "ità", "ité", "ée", "ées", "ère", "ière", "ungen",
        "keit", "heit", "lich", "ões", "ães", "ência", "encia", "mente"
    };
    unsigned strong = 0, medium = 0;
    int32_t first = 0;
    for (size_t i = 0; i < n; ) {
        int32_t cp;
        i += decode(w, i, n, &cp);
        if (cp == 0xF1 || cp == 0xDF || cp == 0xE3 || cp == 0xF5) {
            if (!strong && !medium)
                first = cp;
            strong++;
        } else if (cp != 0xE9 && letter_langs(cp)) {   /* é is common in English loans */
            if (!strong && !medium)
                first = cp;
            medium++;
        }
    }
    if (!strong && !medium) {
        /* endings no English word has */
        static const char *const only[] = {
            "idad", "idades", "mente", "ciones", "zione", "zioni", "keit", "heit", "ungen",
            "schaft"
        };
        for (size_t i = 0; n >= 7 && i < sizeof only / sizeof *only; i++)
            if (ends_with(w, n, only[i])) {
                snprintf(ev, cap, "ending -%s is not English", only[i]);
                return 1;
            }
        return 0;
    }
    utf8proc_uint8_t lb[5] = { 0 };
    lb[utf8proc_encode_char(first, lb)] = 0;
    if (strong) {
        snprintf(ev, cap, "letter %s is not English", (const char *)lb);
        return 1;
    }
    if (medium >= 2) {
        snprintf(ev, cap, "%u accented letters English does not use", medium);
        return 1;
    }
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++)
        if (ends_with(w, n, sfx[i])) {
            snprintf(ev, cap, "letter %s and ending -%s are not English", (const char *)lb, sfx[i]);
            return 1;
        }
    return 0;
}

/* Nonzero when the byte before t[i] ends a word boundary for a marker:
 * start of the span or white space or an opening bracket or quote. */
static int marker_context(const char *t, size_t s, size_t i)
{
    if (i == s)
        return 1;
    unsigned char c = (unsigned char)t[i - 1];
    return c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '"' || c == '[';
}

/* Shortest ASCII word (in bytes) without a '*' or '#' mark that can be
 * residue: check_chunk() passes over shorter ones, and so does the
 * sentence loop of run_foreign_residue() before calling it. */
#define RESIDUE_MIN_ASCII 7

/* Checks the whitespace-separated chunk t[cs..ce) of an English sentence
 * for untranslated residue and appends a finding when it is some. */
static ug_status check_chunk(const char *t, size_t cs, size_t ce, size_t ss, unsigned self,
                             ug_findings *out)
{
    char buf[WORD_MAX + 1], ev[160];
    /* strip closing punctuation */
    while (ce > cs && closing_punct(t[ce - 1]))
        ce--;
    size_t ws = cs;
    char mark = 0;
    if (ce > cs && (t[cs] == '*' || t[cs] == '#') && marker_context(t, ss, cs)) {
        mark = t[cs];
        ws++;
    } else {
        while (ws < ce && opening_punct(t[ws]))
            ws++;
    }
    if (ws >= ce)
        return UG_OK;
    /* the rest must be letters only; without a mark, only lower-case
       words that are long or non-ASCII can be residue */
    int32_t cp;
    decode(t, ws, ce, &cp);
    int lower_initial = cp < 0x80 ? cp >= 'a' && cp <= 'z'
                                  : utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
    if (!mark && !lower_initial)
        return UG_OK;
    /* the common case: an ASCII word, all letters; short, it is no residue */
    size_t i0 = ws;
    while (i0 < ce && (unsigned char)t[i0] < 0x80 &&
           (unsigned)(((unsigned char)t[i0] | 0x20) - 'a') < 26u)
        i0++;
    if (i0 < ce && (unsigned char)t[i0] < 0x80)
        return UG_OK;                   /* an ASCII byte that is no letter */
    if (i0 == ce && !mark && ce - ws < RESIDUE_MIN_ASCII)
        return UG_OK;
    int ascii = 1;
    for (size_t i = ws; i < ce; ) {
        size_t k = decode(t, i, ce, &cp);
        if (!is_letter(cp))
            return UG_OK;
        ascii &= cp < 0x80;
        i += k;
    }
    if (!mark && ascii && ce - ws < RESIDUE_MIN_ASCII)
        return UG_OK;
    size_t n = lower_word(t, ws, ce, buf);
    if (!n)
        return UG_OK;
    int band = ugi_lex_band(t + ws, ce - ws);
    if (mark == '*') {
        if (band != 0 && !lower_initial)
            return UG_OK;
        return ug_findings_add(out, self, cs, ce, "\"%.*s\": *-marked word, the unknown-word "
                               "mark of machine translation", (int)(ce - cs), t + cs);
    }
    if (mark == '#') {
        long x = stop_find(buf, n);
        int foreign_sw = x >= 0 && !(ugi_lt_stopwords[x].attr & (1u << UGI_LT_EN));
        if (!lower_initial || !(foreign_sw || (band >= 1 && band <= 3)))
            return UG_OK;
        return ug_findings_add(out, self, cs, ce, "\"%.*s\": #-marked word, the generation-"
                               "error mark of machine translation", (int)(ce - cs), t + cs);
    }
    if (!lower_initial || band != 0)
        return UG_OK;
    if (english_derived(buf, n) || english_ending(buf, n))
        return UG_OK;
    if (n >= 8 && glued_foreign(buf, n, ev, sizeof ev))
        return ug_findings_add(out, self, ws, ce, "\"%.*s\" is not English: %s",
                               (int)(ce - ws), t + ws, ev);
    if (foreign_letters(buf, n, ev, sizeof ev))
        return ug_findings_add(out, self, ws, ce, "\"%.*s\" is not English: %s",
                               (int)(ce - ws), t + ws, ev);
    return UG_OK;
}

/* foreign_residue: untranslated or glued foreign words inside sentences
 * that are otherwise English. */
static ug_status run_foreign_residue(const ug_doc *d, unsigned self, ug_findings *out)
{
    lscore sc, sent[JOINT_MAX];
    const char *t = d->text;
    /* foreign_span's verdicts, when it ran on this document just before */
    int known = lshared.on && lshared.built && lshared.d == d;
    for (size_t i = 0; i < d->nsents; ) {
        size_t j = para_end(d, i);
        int joint = !known && j - i > 1 && joint_ok(d, i, j);
        if (known) {
            if (lshared.foreign[i]) {
                i = j;
                continue;
            }
        } else if (joint) {         /* the paragraph and its sentences in one pass */
            memset(&sc, 0, sizeof sc);
            score_joint(d, NULL, i, j, &sc, sent);
            if (foreign_lang(&sc) > 0) {
                i = j;
                continue;
            }
        } else if (para_lang(d, NULL, i, j, &sc) > 0) {
            i = j;
            continue;
        }
        for (size_t k = i; k < j; k++) {
            size_t s = d->sents[k].start, e = d->sents[k].end;
            if (known) {
                if (!lshared.english[k])
                    continue;
            } else if (joint) {
                if (!reads_english(&sent[k - i]))
                    continue;
            } else {
                if (j - i > 1) {    /* a one-sentence paragraph is scored already */
                    memset(&sc, 0, sizeof sc);
                    score_span(t, s, e, &sc);
                }
                if (!reads_english(&sc))
                    continue;
            }
            for (size_t p = s; p < e; ) {
                int32_t cp;
                size_t q = p;
                while (q < e) {
                    unsigned char b = (unsigned char)t[q];
                    if (b < 0x80) {     /* ASCII: the common case */
                        if (!a_space(b))
                            break;
                        q++;
                        continue;
                    }
                    size_t n = decode(t, q, e, &cp);
                    if (!is_space(cp))
                        break;
                    q += n;
                }
                size_t cs = q;
                int high = 0;           /* the chunk has a byte above 0x7F */
                while (q < e) {
                    q = until_space_or_high(t, q, e);
                    if (q >= e)
                        break;
                    unsigned char b = (unsigned char)t[q];
                    if (b < 0x80) {
                        if (a_space(b))
                            break;
                        q++;
                        continue;
                    }
                    high = 1;
                    size_t n = decode(t, q, e, &cp);
                    if (is_space(cp))
                        break;
                    q += n;
                }
                /* an ASCII chunk without a '*' or '#' mark is residue only
                   when it is a lowercase word (maybe after an opening
                   bracket or quote) of RESIDUE_MIN_ASCII letters or more:
                   most chunks are passed over here */
                unsigned char c0 = cs < q ? (unsigned char)t[cs] : 0;
                if (!high && c0 != '*' && c0 != '#' &&
                    (q - cs < RESIDUE_MIN_ASCII || (!(c0 >= 'a' && c0 <= 'z') && !opening_punct((char)c0)))) {
                    p = q > p ? q : p + 1;
                    continue;
                }
                if (q > cs) {
                    ug_status st = check_chunk(t, cs, q, s, self, out);
                    if (st)
                        return st;
                }
                p = q > p ? q : p + 1;
            }
        }
        i = j;
    }
    return UG_OK;
}

/* ---- calques -------------------------------------------------------------- */

/* Lower-cases an ASCII byte. */
static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Matches calque phrase p against t[i..e): letters compare ASCII
 * case-insensitively, a space in p matches a run of white space, a final
 * NAME matches a capitalized word, and the match must end at a word
 * boundary. Returns the end offset or 0. */
static size_t match_phrase(const char *t, size_t i, size_t e, const ugi_lt_calque *p)
{
    for (size_t k = 0; k < p->len; k++) {
        if (p->s[k] == 'N' && p->len - k == 4 && memcmp(p->s + k, "NAME", 4) == 0) {
            /* NAME: a capitalized word (the phrases are lowercase) */
            if (i + 1 >= e || t[i] < 'A' || t[i] > 'Z' || t[i + 1] < 'a' || t[i + 1] > 'z')
                return 0;
            i += 2;
            while (i < e && t[i] >= 'a' && t[i] <= 'z')
                i++;
            break;
        }
        if (p->s[k] == ' ') {
            if (i >= e || (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r'))
                return 0;
            while (i < e && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
                i++;
            continue;
        }
        if (i >= e || lc((unsigned char)t[i]) != (unsigned char)p->s[k])
            return 0;
        i++;
    }
    if (i < e) {
        int32_t cp;
        decode(t, i, e, &cp);
        if (is_letter(cp) || is_digit(cp))
            return 0;
    }
    return i;
}

/* Index in ugi_lt_calque_head of the word t[s..s+n) lower-cased, or -1
 * when no calque starts with it: a look at the few first words with its
 * first byte. They are ASCII without apostrophes (scripts/gen-lang-data
 * checks), so a word with other bytes matches none. */
static long calque_head_at(const char *t, size_t s, size_t n)
{
    unsigned char c0 = (unsigned char)lc((unsigned char)t[s]);
    if (c0 >= 0x80)
        return -1;
    for (size_t x = ugi_lt_calque_first[c0];
         x < UGI_LT_NCALQUE_HEADS && (unsigned char)ugi_lt_calque_head[x].s[0] == c0; x++) {
        const ugi_lt_word *h = &ugi_lt_calque_head[x];
        if (h->len != n)
            continue;
        size_t k = 1;
        while (k < n && lc((unsigned char)t[s + k]) == (unsigned char)h->s[k])
            k++;
        if (k == n)
            return (long)x;
    }
    return -1;
}

/* calque: phrases of data/en/calques.txt, in any sentence. */
static ug_status run_calque(const ug_doc *d, unsigned self, ug_findings *out)
{
    const char *t = d->text;
    ugi_words lw;
    ug_status lst = ugi_words_get(d, &lw);
    if (lst)
        return lst;
    for (size_t k = 0; k < d->nsents; k++) {
        size_t e = d->sents[k].end, pos = 0, j = lw.sfirst[k];
        int first = 1, scan = 0;    /* scan: after a match, go on with next_word() from pos */
        word w;
        for (;;) {
            if (scan) {
                if (!next_word(t, &pos, e, &w))
                    break;
            } else {
                if (j >= lw.sfirst[k + 1])
                    break;
                w = lw.v[j++];
            }
            int initial = first;
            first = 0;
            /* most words start no calque: look at the first letter and the
               length before reading the word */
            unsigned char c0 = (unsigned char)t[w.s];
            if (c0 >= 0x80 || w.e - w.s > WORD_MAX ||
                !((ugi_lt_calque_heads[lc(c0)] >> (w.e - w.s)) & 1))
                continue;
            size_t n = w.e - w.s;
            long h = calque_head_at(t, w.s, n);
            if (h < 0)
                continue;           /* no calque starts with this word */
            /* the calques whose first word this is, in table order; the
               first letter of the next word rules most of them out (the
               head "the" starts sixteen): all of them at once when none
               goes on with it */
            size_t q = w.e;
            while (q < e && (t[q] == ' ' || t[q] == '\t' || t[q] == '\n' || t[q] == '\r'))
                q++;
            unsigned char nc = q > w.e && q < e ? (unsigned char)lc((unsigned char)t[q]) : 0;
            unsigned char n7 = nc < 0x80 ? nc : 0;
            if (!((ugi_lt_calque_next[h][n7 >> 6] >> (n7 & 63)) & 1))
                continue;
            size_t to = (size_t)h + 1 < UGI_LT_NCALQUE_HEADS ? ugi_lt_calque_head[h + 1].attr
                                                             : UGI_LT_NCALQUES;
            for (size_t o = ugi_lt_calque_head[h].attr; o < to; o++) {
                const ugi_lt_calque *p = &ugi_lt_calques[ugi_lt_calque_order[o]];
                if (p->initial && !initial)
                    continue;
                if (p->len > n + 1 && p->s[n] == ' ' && p->s[n + 1] != 'N' &&
                    (unsigned char)p->s[n + 1] != nc)
                    continue;           /* match_phrase() would fail at the next word */
                size_t me = match_phrase(t, w.s, e, p);
                if (!me)
                    continue;
                ug_status st = ug_findings_add(out, self, w.s, me, "calque \"%s\" (%s)", p->s, p->note);
                if (st) {
                    ugi_words_free(&lw);
                    return st;
                }
                pos = me;   /* findings do not overlap */
                scan = 1;
                break;
            }
        }
    }
    ugi_words_free(&lw);
    return UG_OK;
}

/* ---- of_chain ---------------------------------------------------------- */

/* Nonzero when t[w->s..w->e) is the word "of" in any case. */
static int is_of(const char *t, const word *w)
{
    return w->e - w->s == 2 && (t[w->s] | 0x20) == 'o' && (t[w->s + 1] | 0x20) == 'f';
}

/* of_chain: in a text where "of" is at least 5% of the words of body
 * sentences (of at least 50), each body sentence of at least 6 words in
 * which "of" is at least two words and 8% of them: literal translation from
 * the Romance languages turns compounds and possessives into noun-of-noun
 * chains ("a director of full-time", "the leader of CD of present city");
 * edited English news stays near 2-3% over a whole text. On the evaluation
 * corpus 9% of the Brown press documents (mean 3.4%) reach 5% and 81% of
 * their Apertium round trips (mean 6.2%); at 3.5% it was 45% and 97%.
 * Weak alone, like calque. */
static ug_status run_of_chain(const ug_doc *d, unsigned self, ug_findings *out)
{
    const char *t = d->text;
    ugi_words lw;
    ug_status st = ugi_words_get(d, &lw);
    if (st)
        return st;
    /* the whole text first: below 5% "of" (edited news is at 2-3%, 1961
       press prose at 3.4%), dense sentences are the writer's style */
    size_t words = 0, ofs = 0;
    for (size_t k = 0; k < d->nsents; k++) {
        const ug_sentence *x = &d->sents[k];
        if (x->kind != UG_SEG_BODY || x->end > d->len)
            continue;
        for (size_t j = lw.sfirst[k]; j < lw.sfirst[k + 1]; j++) {
            words += (size_t)lw.v[j].alpha;
            ofs += (size_t)is_of(t, &lw.v[j]);
        }
    }
    for (size_t k = 0; k < d->nsents && words >= 50 && ofs * 1000 >= 50 * words; k++) {
        const ug_sentence *x = &d->sents[k];
        if (x->kind != UG_SEG_BODY || x->end > d->len)
            continue;
        size_t n = 0, nof = 0, prev_s = x->start, first = 0, last = 0;
        int after = 0;          /* the word after the last "of" is still to come */
        for (size_t j = lw.sfirst[k]; j < lw.sfirst[k + 1]; j++) {
            const word *w = &lw.v[j];
            if (!w->alpha)
                continue;
            n++;
            if (after) {
                last = w->e;
                after = 0;
            }
            if (is_of(t, w)) {
                if (nof++ == 0)
                    first = prev_s;
                last = w->e;
                after = 1;
            }
            prev_s = w->s;
        }
        if (n < 6 || nof < 2 || nof * 25 < 2 * n)
            continue;
        int len = (int)(last - first > 60 ? 60 : last - first);
        while (len > 0 && (size_t)len < last - first &&
               ((unsigned char)t[first + (size_t)len] & 0xC0) == 0x80)
            len--;              /* do not cut a character (t[last] may be past the text) */
        st = ug_findings_add(out, self, first, last, "\"of\" %zu times in %zu words, "
                             "%.1f%% of the text (noun-of-noun chains): \"%.*s%s\"", nof, n,
                             100.0 * (double)ofs / (double)words, len, t + first,
                             (size_t)len < last - first ? "..." : "");
        if (st)
            break;
    }
    ugi_words_free(&lw);
    return st;
}

/* ---- the family table ----------------------------------------------------- */

/* ---- function_clash ---------------------------------------------------- */

/* Nonzero when t[w->s..w->e) is one of the NULL-terminated lowercase
 * @p list, in any case. */
static int word_in(const char *t, const word *w, const char *const *list)
{
    size_t n = w->e - w->s;
    for (; *list; list++) {
        size_t k = 0;
        while (k < n && (*list)[k] && lc((unsigned char)t[w->s + k]) == (unsigned char)(*list)[k])
            k++;
        if (k == n && !(*list)[k])
            return 1;
    }
    return 0;
}

/* Nonzero when only ASCII white space lies between words @p a and @p b. */
static int only_space(const char *t, const word *a, const word *b)
{
    for (size_t i = a->e; i < b->s; i++)
        if (!a_space((unsigned char)t[i]))
            return 0;
    return a->e < b->s;
}

/* function_clash: two words that cannot stand together in English, the
 * trace of a word-for-word translation: an article before a possessive
 * ("the his new attraction", Galician "o seu", Catalan "el seu"), two
 * articles ("the a"), and "It" opening a sentence as an article before a
 * name ("It Moiseyev Company", Galician "O"). */
static ug_status run_function_clash(const ug_doc *d, unsigned self, ug_findings *out)
{
    static const char *const art[] = { "the", "a", "an", NULL };
    static const char *const poss[] = { "his", "her", "their", "its", "my", "our", "your", NULL };
    const char *t = d->text;
    ugi_words lw;
    ug_status st = ugi_words_get(d, &lw);
    if (st)
        return st;
    for (size_t k = 0; k < d->nsents && st == UG_OK; k++) {
        for (size_t j = lw.sfirst[k]; j + 1 < lw.sfirst[k + 1] && st == UG_OK; j++) {
            const word *a = &lw.v[j], *b = &lw.v[j + 1];
            unsigned char c0 = (unsigned char)t[a->s] | 0x20;
            if (a->e - a->s > 3 || (c0 != 't' && c0 != 'a' && c0 != 'i'))
                continue;               /* not the, a, an or It: most words */
            if (!only_space(t, a, b) || (b->e < d->len && t[b->e] == '-'))
                continue;               /* not in a compound (the his-and-hers towels) */
            const char *what = NULL;
            unsigned char a0 = (unsigned char)t[a->s], after = b->e < d->len ? (unsigned char)t[b->e] : ' ';
            /* "A" inside a sentence may be a letter or a grade (Plan A) */
            int article = word_in(t, a, art) && !(a0 == 'A' && j > lw.sfirst[k]);
            if (article && word_in(t, b, poss) && t[b->s] >= 'a')
                what = "an article before a possessive";
            else if (article && word_in(t, b, art) && after != '.' && after != '\'')
                what = "two articles";
            else if (j == lw.sfirst[k] && a->e - a->s == 2 && t[a->s] == 'I' && t[a->s + 1] == 't' &&
                     t[b->s] >= 'A' && t[b->s] <= 'Z' && b->e - b->s >= 3 && t[b->s + 1] >= 'a' &&
                     t[b->s + 1] <= 'z') {
                /* a name the lexicon does not know as a lowercase word: no
                   title-cased verb (It Happened, It Takes) */
                char low[32];
                size_t n = b->e - b->s;
                if (n < sizeof low) {
                    size_t i;
                    for (i = 0; i < n && (unsigned char)t[b->s + i] < 0x80; i++)
                        low[i] = (char)lc((unsigned char)t[b->s + i]);
                    if (i == n && ugi_lex_band(low, n) == 0)
                        what = "\"It\" as an article before a name";
                }
            }
            if (what)
                st = ug_findings_add(out, self, a->s, b->e, "\"%.*s\": %s, as word-for-word "
                                     "translation writes", (int)(b->e - a->s), t + a->s, what);
        }
    }
    ugi_words_free(&lw);
    return st;
}

const ug_detector ugi_det_lang[] = {
    { "foreign_span", "a sentence or paragraph in another language (stopword frequencies)",
      UG_DET_MT, run_foreign_span },
    { "foreign_residue", "untranslated, glued or MT-marked foreign words inside English sentences",
      UG_DET_MT, run_foreign_residue },
    { "calque", "a phrase typical of literal translation into English (weak alone)",
      UG_DET_MT, run_calque },
    { "of_chain", "a sentence dense in \"of\" (a director of full-time, the leader of CD of "
      "present city): noun-of-noun chains of literal translation (weak alone)",
      UG_DET_MT, run_of_chain },
    { "function_clash", "two words that cannot stand together: an article before a possessive "
      "(the his), two articles, It as an article (It Moiseyev Company)", UG_DET_MT,
      run_function_clash },
};

const size_t ugi_det_lang_n = sizeof ugi_det_lang / sizeof *ugi_det_lang;
