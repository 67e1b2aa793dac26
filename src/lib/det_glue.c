/* det_glue.c: detectors of glued words, stray mid-sentence periods and verbless fragments. */
#include "config.h"
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "ug/detect.h"
#include "detect_int.h"
#include "lexicon.h"
#include "glue_table.h"

/* Longest word examined; longer tokens are never glue candidates. */
#define MAX_WORD 48
/* Whole-document searches one run of glued_words may make (a bound on
 * the time spent on pathological input; a candidate that would need more
 * is not reported). */
#define SEARCH_BUDGET 128
/* Most glued_words findings reported for one document (a document past
 * it is garbage anyway, and the cap keeps the searches bounded). */
#define MAX_GLUED 256

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- characters ----------------------------------------------------- */

/* Decodes the code point at s[i] (i < len) into *cp and returns its
 * length; invalid bytes decode as one byte of U+FFFD. */
static size_t dec(const char *s, size_t len, size_t i, int32_t *cp)
{
    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

/* Start of the code point that ends at s[i] (lo < i), decoded into *cp. */
static size_t dec_back(const char *s, size_t lo, size_t i, int32_t *cp)
{
    size_t j = i - 1;
    if ((unsigned char)s[j] < 0x80) {   /* ASCII: the common case */
        *cp = (unsigned char)s[j];
        return j;
    }
    while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    if (dec(s, i, j, cp) != i - j) {
        *cp = 0xFFFD;
        return i - 1;
    }
    return j;
}

/* Nonzero for Unicode White_Space. */
static int is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 9 && cp <= 13);
    if (cp == 0x85)
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

/* Nonzero for letters and digits (any script). */
static int is_alnum(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((unsigned)(cp | 0x20) - 'a' < 26u);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return 1;
    default:
        return 0;
    }
}

/* Nonzero for punctuation (Unicode P*). */
static int is_punct(int32_t cp)
{
    if (cp < 0x80)         /* !"#%&'()*,-./:;?@[\]_{} */
        return (int)(((cp < 64 ? UINT64_C(0x8c00f7ee00000000) : UINT64_C(0x28000000b8000001))
                      >> (cp & 63)) & 1);
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

/* The glue rules only look at ASCII words; these classify one byte. */

/* Nonzero for an ASCII uppercase letter. */
static int a_up(char c) { return c >= 'A' && c <= 'Z'; }

/* Nonzero for an ASCII lowercase letter. */
static int a_lo(char c) { return c >= 'a' && c <= 'z'; }

/* Nonzero for an ASCII letter. */
static int a_al(char c) { return a_up(c) || a_lo(c); }

/* Nonzero for an ASCII digit. */
static int a_digit(char c) { return c >= '0' && c <= '9'; }

/* Nonzero for ASCII white space (space, tab, line breaks). */
static int a_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Nonzero when w[0..n) is all ASCII uppercase letters. */
static int all_up(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!a_up(w[i]))
            return 0;
    return n > 0;
}

/* Nonzero when w[0..n) is all ASCII lowercase letters. */
static int all_lo(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!a_lo(w[i]))
            return 0;
    return n > 0;
}

/* Nonzero when w[0..n) is an uppercase ASCII letter then lowercase ones. */
static int capitalized(const char *w, size_t n)
{
    return n >= 1 && a_up(w[0]) && (n == 1 || all_lo(w + 1, n - 1));
}

/* ---- word lists ----------------------------------------------------- */

/* Nonzero when w[0..n) is in the unsorted list v[0..nv). */
static int in_list(const char *const *v, size_t nv, const char *w, size_t n)
{
    for (size_t i = 0; i < nv; i++)
        if (ugi_cmp_word(w, n, v[i]) == 0)
            return 1;
    return 0;
}

/* Nonzero when w[0..n) is a brand or name that looks glued. */
static int is_brand(const char *w, size_t n)
{
    return ugi_in_sorted(ugi_glue_brands, NELEM(ugi_glue_brands), w, n);
}

/* Nonzero when w[0..n), ASCII-lowercased, is a listed abbreviation. */
static int is_abbrev(const char *w, size_t n)
{
    char low[MAX_WORD];
    if (n == 0 || n > MAX_WORD)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = a_up(w[i]) ? (char)(w[i] - 'A' + 'a') : w[i];
    return ugi_in_sorted(ugi_glue_abbrev, NELEM(ugi_glue_abbrev), low, n);
}

/* Capitalized words that start a clause; glued after a name ("ChinaIt")
 * they mark a lost sentence or clause boundary. */
static const char *const starters[] = {
    "After", "And", "As", "At", "Before", "But", "He", "Her", "His", "If", "It", "Its",
    "Our", "She", "So", "That", "The", "Their", "Then", "There", "These", "They", "This",
    "Those", "We", "When", "While", "Yet"
};

/* Function words that end a glued token after a name or a content word
 * ("Atwoodbefore", "TikTokunless", "controlson"): long ones... */
static const char *const long_tails[] = {
    "about", "after", "against", "although", "because", "before", "between", "during",
    "through", "unless", "until", "whether", "while", "without"
};

/* ...and short ones, trusted only after a known head. */
static const char *const short_tails[] = {
    "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with"
};

/* Function words that begin a glued token before a determiner ("ofthe",
 * "Inthe")... */
static const char *const lower_heads[] = {
    "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "over", "that", "to",
    "with"
};

/* ...and prepositions that begin one before a common word ("ofhighway"). */
static const char *const content_heads[] = {
    "from", "of", "to", "with"
};

/* Determiners that may follow a glued function word ("ofthe", "tothis"). */
static const char *const determiner_tails[] = {
    "his", "its", "our", "that", "the", "their", "these", "this", "those"
};

/* Function words that, glued to a capitalized word the lexicon knows,
 * mark a lost space whether or not the word occurs elsewhere
 * ("theUnited", "andDevelopment", "fromMultnomah" is left to the rule of
 * words seen elsewhere). */
static const char *const glue_case_heads[] = {
    "about", "against", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or",
    "the", "to", "with"
};

/* Function words that end a glued lowercase token after a common word
 * ("saidin", "cityin", "willbe"); none ends an English compound. */
static const char *const glue_tails[] = {
    "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "in", "is", "it", "not", "of", "on", "or", "than", "that", "the", "this", "to", "was",
    "were", "which", "who", "will", "with", "would"
};

/* Function words that begin one before a common word ("morethan",
 * "alsois", "thesewere"); none begins an English compound. */
static const char *const glue_heads[] = {
    "also", "are", "been", "could", "have", "is", "more", "must", "should", "than",
    "these", "those", "was", "were", "whether", "will", "would"
};

/* First parts of names written with an inner capital (McCain, DeSantis,
 * LaGuardia, O'Neill without the apostrophe). */
static const char *const name_prefixes[] = {
    "Abu", "Al", "Ben", "Bin", "D", "Da", "De", "Del", "Della", "Des", "Di", "Du", "El",
    "Fitz", "Ibn", "L", "La", "Las", "Le", "Les", "Lo", "Los", "Mac", "Mc", "O", "San",
    "Santa", "St", "Ter", "Van", "Von"
};

/* Acronyms that end identifiers in code (userID, baseURL). */
static const char *const code_acronyms[] = {
    "API", "ASCII", "CPU", "CSS", "CSV", "DB", "DNS", "FS", "GPU", "GUI", "HTML", "HTTP",
    "HTTPS", "ID", "IDS", "IO", "IP", "JSON", "OS", "PDF", "RAM", "SQL", "SSH", "SSL", "TCP",
    "TLS", "UDP", "UI", "URI", "URL", "UTF", "XML"
};

/* ---- the document --------------------------------------------------- */

/* State of one glued_words run. */
typedef struct {
    const ug_doc *doc;
    unsigned budget;    /* whole-document searches left */
    int code;           /* the document quotes program code: camelCase is normal;
                           -1 until a rule asks (doc_code()) */
} gctx;

static int looks_like_code(const ug_doc *doc);

/* Nonzero when the document of @p g quotes program code: looks_like_code()
 * on the first call, the remembered answer after (most documents have no
 * word that reaches a rule that asks, and are not scanned for it). */
static int doc_code(gctx *g)
{
    if (g->code < 0)
        g->code = looks_like_code(g->doc);
    return g->code;
}

/* Counts the whole-word occurrences of w[0..n) in the document other than
 * the one at offset @p at, stopping at @p want. A whole word has no letter
 * or digit right before or after it. Returns -1 when the search budget is
 * spent. Time: one pass over the text. */
static int count_elsewhere(gctx *g, const char *w, size_t n, size_t at, int want)
{
    if (g->budget == 0)
        return -1;
    g->budget--;
    const char *t = g->doc->text;
    size_t len = g->doc->len, i = 0;
    int found = 0;
    while (i + n <= len) {
        const char *q = memmem(t + i, len - i, w, n);
        if (!q)
            break;
        size_t o = (size_t)(q - t);
        i = o + 1;
        if (o == at)
            continue;
        int32_t cp;
        if (o > 0) {
            dec_back(t, 0, o, &cp);
            if (is_alnum(cp))
                continue;
        }
        if (o + n < len) {
            dec(t, len, o + n, &cp);
            if (is_alnum(cp))
                continue;
        }
        if (++found >= want)
            break;
    }
    return found;
}

/* Nonzero when w[0..n) stands alone somewhere else in the document;
 * -1 when the search budget is spent. */
static int seen_elsewhere(gctx *g, const char *w, size_t n, size_t at)
{
    return count_elsewhere(g, w, n, at, 1);
}

/* ---- glued_words ---------------------------------------------------- */

/* How a glued token splits. */
typedef struct {
    size_t k;           /* length of the head; 0 when the token is not glue */
    const char *why;    /* short reason for the evidence */
} gsplit;

/* Band of w[0..n) (0 when unknown). */
static int band(const char *w, size_t n)
{
    return ugi_lex_band(w, n);
}

/* Rule for a lowercase head glued to a capitalized or all-caps tail
 * ("includedUS", "countriesImage:"). */
static gsplit split_lower_upper(gctx *g, const char *w, size_t n, size_t at, int colon)
{
    gsplit r = { 0, NULL };
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (a_up(w[i]) && a_lo(w[i - 1])) {
            if (k)
                return r;                   /* more humps: an identifier */
            k = i;
        }
    }
    if (!k || !all_lo(w, k))
        return r;
    const char *t = w + k;
    size_t m = n - k;
    int head_ok = (k >= 3 && band(w, k) >= 1 && band(w, k) <= 4) ||
                  (k >= 2 && ugi_lex_function_word(w, k));
    if (!head_ok)
        return r;
    if (colon && capitalized(t, m) && ugi_in_sorted(ugi_glue_credit, NELEM(ugi_glue_credit), t, m)) {
        r.k = k;
        r.why = "caption + credit";
        return r;
    }
    if (doc_code(g))
        return r;                           /* userID, majorVersion */
    if (all_up(t, m)) {
        if (m < 2 || m > 5 || !band(t, m) || in_list(code_acronyms, NELEM(code_acronyms), t, m))
            return r;
        if (seen_elsewhere(g, t, m, at + k) != 1)
            return r;
        r.k = k;
        r.why = "lowercase word + acronym";
        return r;
    }
    if (!capitalized(t, m) || m < 2)
        return r;
    if (in_list(starters, NELEM(starters), t, m) ||
        (band(t, m) && seen_elsewhere(g, t, m, at + k) == 1)) {
        r.k = k;
        r.why = "case boundary";
    } else if (m >= 3 && band(t, m) && in_list(glue_case_heads, NELEM(glue_case_heads), w, k)) {
        r.k = k;                            /* theUnited, andDevelopment */
        r.why = "function word + capitalized word";
    }
    return r;
}

/* Rule for a name or acronym glued to a capitalized clause starter
 * ("ChinaIt"). */
static gsplit split_name_starter(gctx *g, const char *w, size_t n, size_t at)
{
    gsplit r = { 0, NULL };
    size_t k = n;
    while (k > 0 && !a_up(w[k - 1]))
        k--;
    if (k < 2 || doc_code(g))
        return r;
    k--;                                    /* the tail's capital */
    const char *t = w + k;
    size_t m = n - k;
    if (!in_list(starters, NELEM(starters), t, m))
        return r;
    if (k < 2 || in_list(name_prefixes, NELEM(name_prefixes), w, k))
        return r;
    int head_ok;
    if (all_up(w, k))
        head_ok = k <= 5 && m >= 3 && band(w, k);   /* not MTAs, MUAs */
    else if (capitalized(w, k))
        head_ok = k >= 3 && (band(w, k) || seen_elsewhere(g, w, k, at) == 1);
    else
        head_ok = is_brand(w, k);
    if (head_ok) {
        r.k = k;
        r.why = "case boundary";
    }
    return r;
}

/* Function words that end a glued token after a capitalized word the
 * lexicon knows ("Sihanoukthat", "Designedfor", "Districtof"); those of
 * cap_tails_alone only after a word that also stands alone in the
 * document ("Mantleand", "Palmerhad"), since names end in them (Marchand,
 * Fernand, Volare, Portuguese Linhas). Other two-letter function words
 * are left out: too many surnames end in one (Wheaton, Landis, Appleby,
 * Fortin, Winsor, Taras). */
static const char *const cap_tails[] = {
    "and", "are", "for", "from", "had", "has", "have", "into", "of", "that", "the", "this",
    "was", "were", "which", "will", "with", "would"
};

/* The tails of cap_tails that names also end in. */
static const char *const cap_tails_alone[] = { "and", "are", "had", "has", "was" };

/* Function words that glue to a capitalized function word of three
 * letters or more ("Thisis", "Thereare", "Whenthe", "Sheis"). */
static const char *const fw_tails[] = {
    "are", "had", "has", "is", "the", "was", "were"
};

/* Band of w[0..n) with its first letter lowercased (0 when unknown or
 * longer than the lexicon's words). */
static int band_lower(const char *w, size_t n)
{
    char b[MAX_WORD];
    if (n == 0 || n > sizeof b)
        return 0;
    memcpy(b, w, n);
    if (a_up(b[0]))
        b[0] = (char)(b[0] - 'A' + 'a');
    return band(b, n);
}

/* Rule for a capitalized word of three letters or more glued to a
 * lowercase function word of cap_tails (the head known to the lexicon, as
 * written or lowercased, or standing alone elsewhere in the document), or
 * a capitalized function word glued to one of fw_tails. The whole token
 * is no word of the lexicon (the caller has checked: Holland, Errand). */
static gsplit split_cap_tail(gctx *g, const char *w, size_t n, size_t at)
{
    gsplit r = { 0, NULL };
    /* every tail ends in one of these letters: most names are over here */
    char last = w[n - 1];
    if (!a_up(w[0]) || !(last == 'd' || last == 'e' || last == 'f' || last == 'h' ||
                         last == 'l' || last == 'm' || last == 'o' || last == 'r' ||
                         last == 's' || last == 't'))
        return r;
    for (int pass = 0; pass < 2; pass++) {
        const char *const *v = pass ? fw_tails : cap_tails;
        size_t nv = pass ? NELEM(fw_tails) : NELEM(cap_tails);
        for (size_t j = 0; j < nv; j++) {
            size_t m = strlen(v[j]);
            if (m + 3 > n || v[j][m - 1] != last || memcmp(w + n - m, v[j], m) != 0)
                continue;
            size_t k = n - m;
            if (!capitalized(w, k) || in_list(name_prefixes, NELEM(name_prefixes), w, k))
                continue;
            int fw = ugi_lex_function_word(w, k), ok;
            if (pass)
                ok = fw;
            else if (fw)
                ok = 0;                 /* For + and: Forand */
            else if (in_list(cap_tails_alone, NELEM(cap_tails_alone), v[j], m))
                ok = seen_elsewhere(g, w, k, at) == 1;
            else
                ok = band(w, k) || band_lower(w, k) || seen_elsewhere(g, w, k, at) == 1;
            if (ok) {
                if (!doc_code(g)) {     /* in program code: identifiers */
                    r.k = k;
                    r.why = "word + function word";
                }
                return r;
            }
        }
    }
    return r;
}

/* Rule for a name, brand or acronym glued to a lowercase function word
 * ("Atwoodbefore", "TikTokunless"). */
static gsplit split_name_tail(gctx *g, const char *w, size_t n, size_t at)
{
    gsplit r = { 0, NULL };
    for (int pass = 0; pass < 2; pass++) {
        const char *const *v = pass ? short_tails : long_tails;
        size_t nv = pass ? NELEM(short_tails) : NELEM(long_tails);
        for (size_t j = 0; j < nv; j++) {
            size_t m = strlen(v[j]);
            /* the last letters first: most tails end otherwise */
            if (m + 2 > n || v[j][m - 1] != w[n - 1] || memcmp(w + n - m, v[j], m) != 0)
                continue;
            size_t k = n - m;
            if (!a_lo(w[k - 1]) && !a_up(w[k - 1]))
                continue;
            int brand = is_brand(w, k);
            int acro = all_up(w, k) && k <= 5 && band(w, k);
            int cap = capitalized(w, k) && k >= 3 && !ugi_lex_function_word(w, k) &&
                      !in_list(name_prefixes, NELEM(name_prefixes), w, k);
            if (!brand && !acro && !cap)
                continue;
            int ok;
            if (brand)
                ok = 1;
            else if (acro)
                ok = m >= 3 || !pass;
            else if (!pass)
                ok = band(w, k) || k >= 4 || seen_elsewhere(g, w, k, at) == 1;
            else
                ok = m >= 3 && !band(w, k) && seen_elsewhere(g, w, k, at) == 1;
            if (ok) {
                r.k = k;
                r.why = "name + function word";
                return r;
            }
        }
    }
    return r;
}

/* Nonzero when the word w[0..k) followed by a common suffix is a word:
 * then w[0..k) + a two-letter tail is more likely a misspelling or an
 * elision ("prohibiton", "interpretor", "marchin'") than glue. */
static int misspelt(const char *w, size_t k)
{
    static const char *const suffixes[] = { "ing", "ion", "ine", "er", "ed", "es" };
    char buf[MAX_WORD + 4];
    if (k > MAX_WORD)
        return 1;
    memcpy(buf, w, k);
    for (size_t j = 0; j < NELEM(suffixes); j++) {
        size_t m = strlen(suffixes[j]);
        memcpy(buf + k, suffixes[j], m);
        if (band(buf, k + m))
            return 1;
    }
    return 0;
}

/* Rule for a function word glued to a determiner ("ofthe", "Inthe"); the
 * first letter may be a capital. */
static gsplit split_fw_determiner(const char *w, size_t n)
{
    gsplit r = { 0, NULL };
    char low[MAX_WORD];
    if (n < 4 || n > MAX_WORD || !a_al(w[0]) || !all_lo(w + 1, n - 1))
        return r;
    memcpy(low, w, n);
    low[0] = a_up(w[0]) ? (char)(w[0] - 'A' + 'a') : w[0];
    for (size_t j = 0; j < NELEM(lower_heads); j++) {
        size_t k = strlen(lower_heads[j]);
        if (k + 2 > n || lower_heads[j][0] != low[0] || memcmp(low, lower_heads[j], k) != 0)
            continue;
        const char *t = low + k;
        size_t m = n - k;
        if (in_list(determiner_tails, NELEM(determiner_tails), t, m) &&
            !(k == 2 && m == 3 && memcmp(t, "its", 3) == 0)) {     /* inits, onits */
            r.k = k;
            r.why = "function word + determiner";
            return r;
        }
    }
    return r;
}

/* Length of the head when w[0..n) ends in one of the function words
 * v[0..nv) other than @p skip (NULL: none) after a word of band 1 to
 * @p max_band (a function word itself only with @p fw_head) of at least
 * @p min_short letters before a two-letter tail and @p min_long before a
 * longer one, and is no misspelling before a two-letter tail; 0 when none
 * does. */
static size_t tail_split(const char *w, size_t n, const char *const *v, size_t nv,
                         const char *skip, size_t min_short, size_t min_long, int max_band,
                         int fw_head)
{
    for (size_t j = 0; j < nv; j++) {
        size_t m = strlen(v[j]);
        if (m >= n || v[j][m - 1] != w[n - 1] || memcmp(w + n - m, v[j], m) != 0 ||
            (skip && strcmp(v[j], skip) == 0))
            continue;
        size_t k = n - m;
        int b;
        if (k < (m <= 2 ? min_short : min_long) || (b = band(w, k)) < 1 || b > max_band ||
            (!fw_head && ugi_lex_function_word(w, k)) || (m == 2 && misspelt(w, k)))
            continue;
        return k;
    }
    return 0;
}

/* Length of the head when w[0..n) starts with one of the words v[0..nv)
 * before a word of band 1 or 2 of at least @p min_tail letters (a
 * function word itself only with @p fw_tail); 0 when none does. */
static size_t head_split(const char *w, size_t n, const char *const *v, size_t nv,
                         size_t min_tail, int fw_tail)
{
    for (size_t j = 0; j < nv; j++) {
        size_t k = strlen(v[j]);
        if (k + min_tail > n || v[j][0] != w[0] || memcmp(w, v[j], k) != 0)
            continue;
        int b = band(w + k, n - k);
        if (b >= 1 && b <= 2 && (fw_tail || !ugi_lex_function_word(w + k, n - k)))
            return k;
    }
    return 0;
}

/* Rule for two lowercase words joined ("controlson", "anationwide"). */
static gsplit split_lower(const char *w, size_t n)
{
    gsplit r = { 0, NULL };
    if (n < 5 || !all_lo(w, n))
        return r;
    /* article + common word, with a/an agreeing with the next letter */
    if (n >= 6) {
        int vowel1 = strchr("aeiou", w[1]) != NULL, vowel2 = strchr("aeiou", w[2]) != NULL;
        if (w[0] == 'a' && !vowel1 && n - 1 >= 5 && w[n - 1] != 's' && band(w + 1, n - 1) >= 1 &&
            band(w + 1, n - 1) <= 3 && !ugi_lex_function_word(w + 1, n - 1)) {
            r.k = 1;
            r.why = "article + word";
            return r;
        }
        if (w[0] == 'a' && w[1] == 'n' && vowel2 && n - 2 >= 4 && w[n - 1] != 's' &&
            band(w + 2, n - 2) >= 1 &&
            band(w + 2, n - 2) <= 3 && !ugi_lex_function_word(w + 2, n - 2)) {
            r.k = 2;
            r.why = "article + word";
            return r;
        }
        if (memcmp(w, "the", 3) == 0 && n - 3 >= 4 && band(w + 3, n - 3) >= 1 &&
            band(w + 3, n - 3) <= 3 && !ugi_lex_function_word(w + 3, n - 3)) {
            r.k = 3;
            r.why = "article + word";
            return r;
        }
    }
    /* content word + function word: long tails (not "through": fallthrough,
       walkthrough), then short ones */
    size_t k;
    if ((k = tail_split(w, n, long_tails, NELEM(long_tails), "through", 5, 4, 3, 0)) ||
        (k = tail_split(w, n, short_tails, NELEM(short_tails), NULL, 5, 4, 3, 0))) {
        r.k = k;
        r.why = "word + function word";
        return r;
    }
    /* preposition + common word */
    if ((k = head_split(w, n, content_heads, NELEM(content_heads), 4, 0))) {
        r.k = k;
        r.why = "function word + word";
        return r;
    }
    gsplit fd = split_fw_determiner(w, n);
    if (fd.k)
        return fd;
    /* a common word and a function word of the closed lists below (saidin,
       willbe, morethan): never a compound's part (less, man, down, off);
       a two-letter tail after four letters at least (proto) */
    if ((k = tail_split(w, n, glue_tails, NELEM(glue_tails), NULL, 4, 3, 2, 1))) {
        r.k = k;
        r.why = "word + function word";
        return r;
    }
    if ((k = head_split(w, n, glue_heads, NELEM(glue_heads), 2, 1))) {
        r.k = k;
        r.why = "function word + word";
        return r;
    }
    return r;
}

/* Examines the ASCII word w[0..n) at document offset @p at and reports it
 * when it is two words glued together. @p colon: a ':' follows the word.
 * @return UG_OK or UG_ENOMEM. */
static ug_status check_word(gctx *g, const char *w, size_t n, size_t at, int colon,
                            unsigned self, ug_findings *out, unsigned *nfound)
{
    if (n < 4 || n > MAX_WORD || *nfound >= MAX_GLUED)
        return UG_OK;
    int has_up = 0;
    for (size_t i = 1; i < n; i++)
        has_up |= a_up(w[i]);
    /* a lowercase word of four letters is split by no rule below
       (split_lower() wants five): no lexicon lookup for it */
    if (!has_up && n < 5 && a_lo(w[0]))
        return UG_OK;
    if (ugi_lex_band_avail(w, n, g->doc->len - at) || is_brand(w, n))
        return UG_OK;
    gsplit s = { 0, NULL };
    if (has_up) {
        if (a_lo(w[0]))
            s = split_lower_upper(g, w, n, at, colon);
        if (!s.k && a_up(w[0]))
            s = split_name_starter(g, w, n, at);
    }
    if (!s.k && a_lo(w[n - 1]) && (a_up(w[0]) || has_up))
        s = split_name_tail(g, w, n, at);
    if (!s.k && !has_up && a_up(w[0]))
        s = split_cap_tail(g, w, n, at);
    if (!s.k && !has_up && a_lo(w[0]))
        s = split_lower(w, n);
    if (!s.k && !has_up && a_up(w[0]))
        s = split_fw_determiner(w, n);
    if (!s.k)
        return UG_OK;
    if (seen_elsewhere(g, w, n, at) != 0)
        return UG_OK;                       /* a name that recurs, or budget spent */
    (*nfound)++;
    return ug_findings_add(out, self, at, at + n, "\"%.*s\" = \"%.*s\" + \"%.*s\" (%s)",
                           (int)n, w, (int)s.k, w, (int)(n - s.k), w + s.k, s.why);
}

/* Splits the white-space token t[a..b) into its ASCII word parts and checks
 * each. Tokens holding digits, URLs, handles, code or non-ASCII letters are
 * skipped. */
static ug_status check_token(gctx *g, size_t a, size_t b, unsigned self, ug_findings *out,
                             unsigned *nfound)
{
    const char *t = g->doc->text;
    int32_t cp;
    if (t[a] == '@' || t[a] == '#')
        return UG_OK;
    /* strip leading punctuation */
    while (a < b) {
        size_t k = dec(t, b, a, &cp);
        if (!is_punct(cp) || cp == '@' || cp == '#')
            break;
        a += k;
    }
    /* strip trailing punctuation, noting a colon or an opening bracket */
    int colon = 0;
    while (b > a) {
        size_t j = dec_back(t, a, b, &cp);
        if (!is_punct(cp))
            break;
        if (cp == '(' || cp == '[' || cp == '{')
            return UG_OK;                   /* f(x, a call */
        if (cp == ':' && j + 1 == b)
            colon = 1;
        b = j;
    }
    /* possessive 's */
    if (b - a > 2 && t[b - 1] == 's') {
        if (t[b - 2] == '\'')
            b -= 2;
        else if (b - a > 4 && memcmp(t + b - 4, "\xE2\x80\x99", 3) == 0)
            b -= 4;
    }
    if (b <= a || b - a > 3 * MAX_WORD)
        return UG_OK;
    int hyphen = 0;
    for (size_t i = a; i < b; i++) {
        if (!a_al(t[i])) {
            if (t[i] != '-')
                return UG_OK;
            hyphen = 1;
        }
    }
    size_t p = a;
    while (p < b) {
        size_t q = b;                       /* one part without a hyphen: the common case */
        if (hyphen)
            for (q = p; q < b && t[q] != '-'; q++)
                ;
        if (q > p) {
            ug_status s = check_word(g, t + p, q - p, p, colon && q == b, self, out, nfound);
            if (s != UG_OK)
                return s;
        }
        p = q + 1;
    }
    return UG_OK;
}

/* Offset of the first code point at or after i in [i, end) that is not white space. */
static size_t skip_space(const char *t, size_t end, size_t i)
{
    int32_t cp;
    while (i < end) {
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80) {         /* ASCII: the common case */
            if (b != ' ' && (b < 9 || b > 13))
                break;
            i++;
            continue;
        }
        size_t k = dec(t, end, i, &cp);
        if (!is_space(cp))
            break;
        i += k;
    }
    return i;
}

/* End of the white-space token starting at i (at most end). */
static size_t token_end(const char *t, size_t end, size_t i)
{
    int32_t cp;
    while (i < end) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* eight bytes at a time up to the first that may end the token:
           ASCII white space is at most 0x20, a non-ASCII byte has its
           high bit (no carry crosses a byte: each sum stays below 0x100) */
        while (i + 8 <= end) {
            const uint64_t high = UINT64_C(0x8080808080808080);
            uint64_t x;
            memcpy(&x, t + i, 8);
            uint64_t stop = (~((x & ~high) + UINT64_C(0x5F5F5F5F5F5F5F5F)) | x) & high;
            if (stop) {
                i += (unsigned)__builtin_ctzll(stop) >> 3;
                break;
            }
            i += 8;
        }
        if (i >= end)
            break;
#endif
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80) {         /* ASCII: the common case */
            if (b == ' ' || (b >= 9 && b <= 13))
                break;
            i++;
            continue;
        }
        size_t k = dec(t, end, i, &cp);
        if (is_space(cp))
            break;
        i += k;
    }
    return i;
}

/* Nonzero when the document quotes program code, where camelCase
 * identifiers (majorVersion, includeIf) are normal: at least two tokens
 * with code punctuation (a_b, f(), a::b, a->b, a==b, braces) or at least
 * four lowercase tokens with an inner capital. One pass over the text. */
static int looks_like_code(const ug_doc *doc)
{
    /* byte classes: ASCII white space (a_space), an ASCII capital, an
       ASCII lowercase letter, and the bytes of code punctuation */
    enum { C_SP = 1, C_UP = 2, C_LO = 4, C_CODE = 8 };
    static const unsigned char cls[256] = {
        ['\t'] = C_SP, ['\n'] = C_SP, ['\r'] = C_SP, [' '] = C_SP,
        ['A'] = C_UP, ['B'] = C_UP, ['C'] = C_UP, ['D'] = C_UP, ['E'] = C_UP, ['F'] = C_UP,
        ['G'] = C_UP, ['H'] = C_UP, ['I'] = C_UP, ['J'] = C_UP, ['K'] = C_UP, ['L'] = C_UP,
        ['M'] = C_UP, ['N'] = C_UP, ['O'] = C_UP, ['P'] = C_UP, ['Q'] = C_UP, ['R'] = C_UP,
        ['S'] = C_UP, ['T'] = C_UP, ['U'] = C_UP, ['V'] = C_UP, ['W'] = C_UP, ['X'] = C_UP,
        ['Y'] = C_UP, ['Z'] = C_UP,
        ['a'] = C_LO, ['b'] = C_LO, ['c'] = C_LO, ['d'] = C_LO, ['e'] = C_LO, ['f'] = C_LO,
        ['g'] = C_LO, ['h'] = C_LO, ['i'] = C_LO, ['j'] = C_LO, ['k'] = C_LO, ['l'] = C_LO,
        ['m'] = C_LO, ['n'] = C_LO, ['o'] = C_LO, ['p'] = C_LO, ['q'] = C_LO, ['r'] = C_LO,
        ['s'] = C_LO, ['t'] = C_LO, ['u'] = C_LO, ['v'] = C_LO, ['w'] = C_LO, ['x'] = C_LO,
        ['y'] = C_LO, ['z'] = C_LO,
        ['_'] = C_CODE, ['{'] = C_CODE, ['}'] = C_CODE, ['('] = C_CODE, [':'] = C_CODE,
        ['-'] = C_CODE, ['='] = C_CODE,
    };
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t n = doc->len, i = 0;
    unsigned hard = 0, camel = 0;
    while (i < n) {
        /* a token counts only with a capital or code punctuation in it:
           go to the next such byte, then back to the start of its token
           (i is 0 or the end of a token, so that start is at or after i) */
        while (i < n && !(cls[t[i]] & (C_UP | C_CODE)))
            i++;
        if (i == n)
            break;
        while (i > 0 && !(cls[t[i - 1]] & C_SP))
            i--;
        size_t a = i;
        int is_hard = 0, inner_up = 0;
        unsigned prev = 0;              /* class of the byte before, in the token */
        /* the token is t[a..i): the bytes up to white space */
        for (; i < n; i++) {
            unsigned c = cls[t[i]];
            if (c & C_SP)
                break;
            if ((c & C_UP) && (prev & C_LO))
                inner_up = 1;
            if (c & C_CODE) {
                /* the next byte of the token, or 0 at its end */
                unsigned char ch = t[i], d = i + 1 < n && !(cls[t[i + 1]] & C_SP) ? t[i + 1] : 0;
                if ((ch == '_' && i > a && (prev & (C_UP | C_LO)) && (cls[d] & (C_UP | C_LO))) ||
                    ch == '{' || ch == '}' || (ch == '(' && d == ')') || (ch == ':' && d == ':') ||
                    (ch == '-' && d == '>') || (ch == '=' && d == '='))
                    is_hard = 1;
            }
            prev = c;
        }
        hard += is_hard;
        if (!is_hard && inner_up && a < i && a_lo((char)t[a]) && !is_brand((const char *)t + a, i - a))
            camel++;
        if (hard >= 2 || camel >= 4)
            return 1;
    }
    return 0;
}

/* A sentence cut at a lost space ("countriesImage: Mark", "here.Next"):
 * reports the last word of sentence @p s joined to the first of the next. */
static ug_status check_glued_sentences(gctx *g, const ug_sentence *s, const ug_sentence *nx,
                                       unsigned self, ug_findings *out, unsigned *nfound)
{
    const char *t = g->doc->text;
    if (s->end != nx->start || s->end <= s->start || nx->end <= nx->start)
        return UG_OK;
    /* the last word of s: ASCII letters, maybe a final '.' */
    size_t e = s->end, dot = 0;
    if (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?') {
        dot = 1;
        e--;
    }
    size_t a = e;
    while (a > s->start && a_al(t[a - 1]))
        a--;
    if (a == e || (a > s->start && !a_space(t[a - 1]) && t[a - 1] != '(' && t[a - 1] != '"'))
        return UG_OK;
    /* the first word of nx: ASCII letters */
    size_t b = nx->start;
    while (b < nx->end && a_al(t[b]))
        b++;
    if (b == nx->start || !a_up(t[nx->start]))
        return UG_OK;
    size_t n1 = e - a, n2 = b - nx->start;
    if (n1 < 2 || n1 > MAX_WORD || n2 > MAX_WORD || !band(t + a, n1))
        return UG_OK;
    if (!dot) {
        /* a caption glued to its credit: the credit word and a colon */
        if (b >= nx->end || t[b] != ':' ||
            !ugi_in_sorted(ugi_glue_credit, NELEM(ugi_glue_credit), t + nx->start, n2))
            return UG_OK;
    } else if (doc_code(g) || !all_lo(t + a, n1) || !capitalized(t + nx->start, n2) ||
               !band(t + nx->start, n2)) {
        return UG_OK;                       /* Option.Builder in code */
    }
    (*nfound)++;
    return ug_findings_add(out, self, a, b, "\"%.*s\" = \"%.*s\" + \"%.*s\" (%s)",
                           (int)(b - a), t + a, (int)(s->end - a), t + a, (int)n2,
                           t + nx->start, dot ? "sentence + sentence" : "caption + credit");
}

/* glued_words: two words joined without a space. */
static ug_status run_glued(const ug_doc *doc, unsigned self, ug_findings *out)
{
    gctx g = { doc, SEARCH_BUDGET, -1 };
    unsigned nfound = 0;
    for (size_t i = 0; i < doc->nsents; i++) {
        const ug_sentence *s = &doc->sents[i];
        if (s->kind == UG_SEG_BOILERPLATE || s->end > doc->len || s->start >= s->end)
            continue;
        size_t p = skip_space(doc->text, s->end, s->start);
        while (p < s->end) {
            size_t q = token_end(doc->text, s->end, p);
            /* a token of three bytes or fewer holds no word of four
               letters, the shortest check_word() looks at, and it passes
               over a lowercase word of four */
            const char *x = doc->text + p;
            if (q - p > 4 || (q - p == 4 && !(a_lo(x[0]) && a_lo(x[1]) && a_lo(x[2]) && a_lo(x[3])))) {
                ug_status st = check_token(&g, p, q, self, out, &nfound);
                if (st != UG_OK)
                    return st;
            }
            /* one space before an ASCII byte that is not one: the common
               case, read here (what skip_space() would return) */
            unsigned char nx = q + 1 < s->end ? (unsigned char)doc->text[q + 1] : 0;
            if (nx > ' ' && nx < 0x80 && doc->text[q] == ' ')
                p = q + 1;
            else
                p = skip_space(doc->text, s->end, q);
        }
        if ((s->flags & UG_SEG_GLUED) && i + 1 < doc->nsents && nfound < MAX_GLUED) {
            ug_status st = check_glued_sentences(&g, s, &doc->sents[i + 1], self, out, &nfound);
            if (st != UG_OK)
                return st;
        }
    }
    return UG_OK;
}

/* ---- stray_period --------------------------------------------------- */

/* Lowercase words that begin a sentence in text whose writer does not
 * capitalize ("... deprecated now. it will not be read"), rather than
 * continue a phrase broken by a stray period. */
static const char *const lower_starters[] = {
    "also", "but", "he", "however", "i", "if", "it", "note", "otherwise", "please", "see",
    "she", "so", "then", "there", "these", "they", "this", "thus", "we", "when", "you"
};

/* Auxiliaries and modals: after "word. x", x is the subject of a new sentence. */
static const char *const auxiliaries[] = {
    "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must",
    "should", "was", "were", "will", "would"
};

/* Words no sentence ends in: articles, possessive determiners and the
 * commonest coordinating conjunctions and prepositions ("a candidate for.
 * governor would", "after the. five were arrested", "Orange and. lemon
 * are"). After one of them the period is stray even when the next two
 * words would read as a lowercase new sentence. */
static const char *const dangling[] = {
    "a", "an", "and", "at", "from", "her", "his", "into", "its", "my", "nor", "of", "or",
    "our", "the", "their", "to", "with", "your"
};

/* A period inside a sentence that the segmenter did not treat as an end. */
typedef struct {
    size_t prev, dot;       /* start of the word before, offset of the period */
    size_t next, next_end;  /* the lowercase word after */
} stray;

/* Decides whether the period at t[dot] (inside the sentence [lo, hi)) is a
 * stray one: a lowercase word follows it, and the word before is an
 * ordinary word, not an abbreviation, initial, number, URL or ellipsis.
 * Fills *st when it is. */
static int is_stray(const char *t, size_t lo, size_t hi, size_t dot, stray *st)
{
    if (dot <= lo || dot + 2 >= hi || t[dot] != '.')
        return 0;
    if (!a_al(t[dot - 1]))
        return 0;                           /* "..", "3.", ")." */
    /* one space (two, or a line break, end a sentence on purpose), then
       a lowercase ASCII word of letters */
    size_t i = dot + 2;
    if (t[dot + 1] != ' ' || !a_lo(t[i]))
        return 0;
    size_t ne = i;
    while (ne < hi && a_lo(t[ne]))
        ne++;
    if (ne - i < 2)
        return 0;                           /* "p. m", a variable */
    if (ne < hi && t[ne] != ' ' && t[ne] != ',' && t[ne] != ';')
        return 0;                           /* iPhone, a.m., paths, next-value, code */
    if (!band(t + i, ne - i) || in_list(lower_starters, NELEM(lower_starters), t + i, ne - i))
        return 0;
    /* the word before: letters only */
    size_t a = dot;
    while (a > lo && a_al(t[a - 1]))
        a--;
    /* "count is the number": a new sentence whose writer does not
       capitalize, unless the word before is one no sentence ends in */
    if (!in_list(dangling, NELEM(dangling), t + a, dot - a) && ne + 1 < hi && t[ne] == ' ') {
        size_t w2 = ne + 1, e2 = w2;
        while (e2 < hi && a_lo(t[e2]))
            e2++;
        if (e2 > w2 && in_list(auxiliaries, NELEM(auxiliaries), t + w2, e2 - w2))
            return 0;
    }
    /* ... and from white space or the sentence start */
    if (a > lo) {
        int32_t cp;
        dec_back(t, lo, a, &cp);
        if (!is_space(cp))
            return 0;                       /* U.S., e.g., example.com, Xi's */
    }
    size_t m = dot - a;
    if (m < 2 || m > MAX_WORD || is_abbrev(t + a, m))
        return 0;
    int roman = 1;
    for (size_t k = a; k < dot; k++)
        roman &= strchr("ivxlcdmIVXLCDM", t[k]) != NULL;
    if (roman && m <= 4)
        return 0;                           /* list numbering: ii. iv. */
    if (all_lo(t + a, m)) {
        if (!band(t + a, m))
            return 0;
    } else if (!capitalized(t + a, m) || m < 5 || band(t + a, m) == 0 || band(t + a, m) > 3) {
        return 0;                           /* Gov., Calif., NASA. */
    }
    /* a unit after a number: "5 in. long" */
    size_t b = a;
    while (b > lo && a_space(t[b - 1]))
        b--;
    if (b > lo && (a_digit(t[b - 1]) || t[b - 1] == '%'))
        return 0;
    st->prev = a;
    st->dot = dot;
    st->next = i;
    st->next_end = ne;
    return 1;
}

/* Offset of the first period in t[i..e), or e when there is none (a
 * sentence has one or two: found by memchr(), not byte by byte). */
static size_t next_dot(const char *t, size_t i, size_t e)
{
    const char *q = i < e ? memchr(t + i, '.', e - i) : NULL;
    return q ? (size_t)(q - t) : e;
}

/* stray_period: a period inside a phrase followed by a lowercase word. */
static ug_status run_stray(const ug_doc *doc, unsigned self, ug_findings *out)
{
    const char *t = doc->text;
    for (size_t i = 0; i < doc->nsents; i++) {
        const ug_sentence *s = &doc->sents[i];
        if (s->kind != UG_SEG_BODY || s->end > doc->len)
            continue;
        for (size_t p = next_dot(t, s->start, s->end); p < s->end; p = next_dot(t, p + 1, s->end)) {
            stray st;
            if (!is_stray(t, s->start, s->end, p, &st))
                continue;
            ug_status r = ug_findings_add(out, self, st.prev, st.dot + 1,
                                          "period between \"%.*s\" and \"%.*s\"",
                                          (int)(st.dot - st.prev), t + st.prev,
                                          (int)(st.next_end - st.next), t + st.next);
            if (r != UG_OK)
                return r;
        }
    }
    return UG_OK;
}

/* ---- spacing_gap ---------------------------------------------------- */

/* Start of the word that ends at t[e] (exclusive), not before lo. */
static size_t word_back(const char *t, size_t lo, size_t e)
{
    while (e > lo && ((a_al(t[e - 1]) || a_digit(t[e - 1])) || t[e - 1] == '\''))
        e--;
    return e;
}

/* End of the word that starts at t[i], not past hi. */
static size_t word_fwd(const char *t, size_t i, size_t hi)
{
    while (i < hi && ((a_al(t[i]) || a_digit(t[i])) || t[i] == '\''))
        i++;
    return i;
}

/* Index of the first p in [p, hi - 1) where t[p] is a space and t[p + 1]
 * a space, ',', ';', ':' or '.', or hi when there is none: the only places
 * where run_spacing_gap() can find something (a lone space before a
 * letter ends in nothing). Sixteen places at a time with SSE2. */
static size_t gap_scan(const char *t, size_t p, size_t hi)
{
#ifdef __SSE2__
    const __m128i sp = _mm_set1_epi8(' '), cm = _mm_set1_epi8(','), sc = _mm_set1_epi8(';'),
                  co = _mm_set1_epi8(':'), dot = _mm_set1_epi8('.');
    while (p + 17 <= hi) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(t + p));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(t + p + 1));
        __m128i next = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, sp), _mm_cmpeq_epi8(b, cm)),
                                    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, sc), _mm_cmpeq_epi8(b, co)),
                                                 _mm_cmpeq_epi8(b, dot)));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, sp), next));
        if (bits)
            return p + (unsigned)__builtin_ctz(bits);
        p += 16;
    }
#endif
    for (; p + 1 < hi; p++) {
        char n = t[p + 1];
        if (t[p] == ' ' && (n == ' ' || n == ',' || n == ';' || n == ':' || n == '.'))
            return p;
    }
    return hi;
}

/* spacing_gap: the blank a dropped word leaves inside a sentence, as rule-
 * based machine translation writes it: two or more spaces between a word
 * (or a comma) and a lowercase word ("said yesterday  would be"), or a
 * space before a comma, semicolon, colon or final period after a word
 * ("the state , has"). Body sentences only; tabs and line breaks are
 * layout, not gaps. */
static ug_status run_spacing_gap(const ug_doc *doc, unsigned self, ug_findings *out)
{
    const char *t = doc->text;
    for (size_t i = 0; i < doc->nsents; i++) {
        const ug_sentence *s = &doc->sents[i];
        if (s->kind != UG_SEG_BODY || s->end > doc->len)
            continue;
        size_t lo = s->start, hi = s->end;
        for (size_t p = lo + 1; (p = gap_scan(t, p, hi)) < hi; p++) {
            char before = t[p - 1];
            if (!a_al(before) && before != ',')
                continue;
            size_t q = p;
            while (q < hi && t[q] == ' ')
                q++;
            if (q >= hi)
                break;
            char next = t[q];
            ug_status r = UG_OK;
            if (q - p >= 2 && a_lo(next)) {
                size_t ws = before == ',' ? p - 1 : word_back(t, lo, p), we = word_fwd(t, q, hi);
                r = ug_findings_add(out, self, ws, we, "%zu spaces between \"%.*s\" and \"%.*s\" "
                                    "(the blank of a dropped word)", q - p, (int)(p - ws), t + ws,
                                    (int)(we - q), t + q);
            } else if (q - p == 1 && a_al(before) &&
                       (next == ',' || next == ';' || next == ':' || next == '.') &&
                       (q + 1 >= hi || t[q + 1] == ' ' || t[q + 1] == '\n') &&
                       (next != '.' || q + 1 >= hi || t[q + 1] == '\n' ||
                        (q + 2 < hi && a_up(t[q + 2])))) {
                size_t ws = word_back(t, lo, p);
                r = ug_findings_add(out, self, ws, q + 1, "a space before \"%c\" after \"%.*s\"",
                                    next, (int)(p - ws), t + ws);
            }
            if (r != UG_OK)
                return r;
            p = q;
        }
    }
    return UG_OK;
}

/* ---- fragment ------------------------------------------------------- */

/* Words that are or begin a verb phrase: auxiliaries, modals and common
 * verbs whose forms the suffix rules miss. */
static const char *const verbs[] = {
    "am", "are", "arose", "ate", "be", "beat", "became", "become", "becomes", "been", "began",
    "begin", "begins", "being", "bent", "bit", "bled", "blew", "bore", "bought", "bound",
    "bred", "broke", "brought", "built", "burnt", "burst", "came", "can", "cast", "caught",
    "chose", "clung", "come", "comes", "cost", "could", "crept", "cut", "dealt", "did", "do",
    "does", "done", "drank", "drew", "drove", "dug", "dwelt", "fed", "feel", "feels", "fell",
    "felt", "fled", "flew", "flung", "forgot", "fought", "found", "froze", "gave", "get",
    "gets", "give", "gives", "go", "goes", "gone", "got", "grew", "had", "has", "have",
    "heard", "held", "hid", "hit", "hung", "hurt", "is", "keep", "keeps", "kept", "knelt",
    "knew", "know", "knows", "laid", "lay", "leapt", "led", "left", "lent", "let", "lit",
    "lost", "made", "make", "makes", "may", "mean", "means", "meant", "met", "might", "must",
    "need", "needs", "paid", "put", "quit", "ran", "rang", "read", "rode", "rose", "run",
    "runs", "said", "sang", "sank", "sat", "saw", "say", "says", "see", "seem", "seems",
    "seen", "sees", "sent", "set", "shall", "shed", "shone", "shook", "shot", "should",
    "show", "shows", "shut", "slept", "slid", "slung", "sold", "sought", "spat", "spent",
    "split", "spoke", "sprang", "spread", "spun", "stood", "stole", "struck", "stuck",
    "stung", "swam", "swept", "swore", "swung", "take", "takes", "taken", "taught", "tell",
    "tells", "thank", "thanks", "think", "thinks", "thought", "threw", "told", "took",
    "tore", "trod", "understood", "upset", "want", "wants", "was", "went", "were", "wept",
    "will", "woke", "won", "wore", "would", "wound", "wove", "wrote"
};

/* Words after which an -ing, -ed or -s word is a noun or adjective. */
static const char *const determiners[] = {
    "a", "an", "each", "every", "her", "his", "its", "my", "no", "our", "the", "their",
    "your"
};

/* Words that may open a fragment: articles, determiners, prepositions. */
static const char *const openers[] = {
    "a", "about", "across", "after", "against", "among", "an", "at", "before", "between",
    "by", "during", "for", "from", "her", "his", "in", "into", "its", "of", "on", "our",
    "over", "the", "their", "these", "this", "those", "through", "to", "toward", "towards",
    "under", "with", "within", "without"
};

/* Stock verbless phrases that are fine as sentences ("Of course."). */
static const char *const idioms[] = {
    "above all", "after all", "and so forth", "and so on", "at best", "at last", "at least", "at once", "at worst",
    "by contrast", "by far", "for example", "for good", "for instance", "for now",
    "for sure", "in brief", "in contrast", "in fact", "in general", "in other words",
    "in part", "in practice", "in short", "in sum", "in the end", "in theory", "in total",
    "in turn", "of course", "of course not", "on average", "on balance", "the end",
    "to be sure", "to date", "to this day", "with pleasure"
};

/* Nonzero when the lowercase word w[0..n) looks like a verb form; @p det:
 * the word before it is a determiner. */
static int verb_like(const char *w, size_t n, int det)
{
    if (in_list(verbs, NELEM(verbs), w, n))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (w[i] == '\'')
            return 1;                       /* it's, don't, we're */
    if (det)
        return 0;
    if (n >= 5 && memcmp(w + n - 3, "ing", 3) == 0)
        return 1;
    if (n >= 4 && memcmp(w + n - 2, "ed", 2) == 0)
        return 1;
    if (n >= 4 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
        (band(w, n - 1) || (w[n - 2] == 'e' && band(w, n - 2))))
        return 1;
    return 0;
}

/* Examines the piece t[a..b) (a sentence, or part of one cut at a stray
 * period) and reports it when it is a verbless stub. @p after_stray: the
 * piece follows a stray period (only then may it start lowercase).
 * @return UG_OK or UG_ENOMEM. */
static ug_status check_piece(const ug_doc *doc, size_t a, size_t b, int after_stray,
                             unsigned self, ug_findings *out)
{
    const char *t = doc->text;
    if (b - a < 4 || t[b - 1] != '.' || t[b - 2] == '.')
        return UG_OK;
    char low[64];
    size_t nlow = 0, nwords = 0, p = a;
    int prev_det = 0, lower = 0;
    while (p < b - 1) {
        while (p < b - 1 && t[p] == ' ')
            p++;
        size_t q = p;
        while (q < b - 1 && t[q] != ' ')
            q++;
        if (q == p)
            break;
        /* a word: ASCII letters with inner apostrophes or hyphens */
        char w[MAX_WORD];
        size_t n = q - p;
        if (n > MAX_WORD || !a_al(t[p]) || !a_al(t[q - 1]))
            return UG_OK;
        for (size_t k = 0; k < n; k++) {
            char c = t[p + k];
            if (!a_al(c) && c != '\'' && c != '-')
                return UG_OK;               /* numbers, commas, quotes */
            w[k] = a_up(c) ? (char)(c - 'A' + 'a') : c;
        }
        if (nwords == 0) {
            lower = a_lo(t[p]);
            if (lower ? !after_stray : !in_list(openers, NELEM(openers), w, n))
                return UG_OK;               /* a name, a content word, a list item */
        }
        else if (!after_stray && !a_lo(t[p]))
            return UG_OK;                   /* "In the File.": a title-case label */
        if (++nwords > (lower ? 4u : 3u) || !band(t + p, n))
            return UG_OK;
        if (verb_like(w, n, prev_det))
            return UG_OK;
        prev_det = in_list(determiners, NELEM(determiners), w, n);
        if (nlow + n + 1 > sizeof low)
            return UG_OK;
        if (nlow)
            low[nlow++] = ' ';
        memcpy(low + nlow, w, n);
        nlow += n;
        p = q;
    }
    if (nwords < 2 || in_list(idioms, NELEM(idioms), low, nlow))
        return UG_OK;
    return ug_findings_add(out, self, a, b, "verbless %zu-word sentence inside a paragraph",
                           nwords);
}

/* fragment: a verbless stub sentence inside a body paragraph. */
static ug_status run_fragment(const ug_doc *doc, unsigned self, ug_findings *out)
{
    const char *t = doc->text;
    for (size_t i = 0; i < doc->nsents; i++) {
        const ug_sentence *s = &doc->sents[i];
        if (s->kind != UG_SEG_BODY || s->end > doc->len || s->end - s->start < 4)
            continue;
        int multi = (i > 0 && doc->sents[i - 1].para == s->para &&
                     doc->sents[i - 1].kind == UG_SEG_BODY) ||
                    (i + 1 < doc->nsents && doc->sents[i + 1].para == s->para &&
                     doc->sents[i + 1].kind == UG_SEG_BODY);
        /* cut the sentence at its stray periods */
        size_t a = s->start;
        for (size_t p = next_dot(t, s->start, s->end); p < s->end; p = next_dot(t, p + 1, s->end)) {
            stray st;
            if (!is_stray(t, s->start, s->end, p, &st))
                continue;
            ug_status r = check_piece(doc, a, p + 1, a > s->start, self, out);
            if (r != UG_OK)
                return r;
            a = st.next;
            multi = 1;
        }
        if (multi) {
            ug_status r = check_piece(doc, a, s->end, a > s->start, self, out);
            if (r != UG_OK)
                return r;
        }
    }
    return UG_OK;
}

/* ---- the family table ----------------------------------------------- */

const ug_detector ugi_det_glue[] = {
    { "glued_words", "two words joined without a space (includedUS, controlson, TikTokunless)",
      UG_DET_MT, run_glued },
    { "stray_period", "a period inside a phrase followed by a lowercase word (its dangerous. behavior)",
      UG_DET_MT, run_stray },
    { "fragment", "a verbless stub sentence inside a paragraph (of the State. The meeting.)",
      UG_DET_MT, run_fragment },
    { "spacing_gap", "the blank of a dropped word: two spaces inside a sentence, or a space "
      "before a comma (said yesterday  would, the state , has)", UG_DET_MT, run_spacing_gap },
};

const size_t ugi_det_glue_n = NELEM(ugi_det_glue);
