/* lexicon.c: lookups in the compiled-in English lexicon (SCOWL sizes 10-70 plus function words). */
#include "config.h"
#include <stdint.h>
#include <string.h>
#include "lexicon.h"
#include "lexicon_table.h"

/* Longest word looked up; longer input is unknown (SCOWL's longest is shorter). */
#define LEX_MAX_WORD 64

/* Compares w[0..n) with the pool entry starting at offset e, in byte order,
 * the entry ending at its flag byte (< 0x20). Sets *flag to that byte when
 * they are equal. */
static int cmp_entry(const unsigned char *w, size_t n, size_t e, unsigned *flag)
{
    const unsigned char *p = (const unsigned char *)ugi_lex_pool + e;
    size_t i = 0;
    for (; i < n; i++) {
        if (p[i] < 0x20)
            return 1;              /* the entry is a proper prefix of w */
        if (w[i] != p[i])
            return w[i] < p[i] ? -1 : 1;
    }
    if (p[i] < 0x20) {
        *flag = p[i];
        return 0;
    }
    return -1;                     /* w is a proper prefix of the entry */
}

/* Offset of the entry after the one starting at e. */
static size_t next_entry(size_t e)
{
    while ((unsigned char)ugi_lex_pool[e] >= 0x20)
        e++;
    return e + 1;
}

/* Flag byte of w[0..n) exactly as given, or 0 when it is not listed.
 * Binary search over the bucket heads, then a scan of one bucket. */
static unsigned lookup_exact(const unsigned char *w, size_t n)
{
    size_t nb = sizeof ugi_lex_index / sizeof ugi_lex_index[0];
    size_t lo = 0, hi = nb;
    unsigned flag = 0;
    /* find the last bucket whose head is <= w */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_entry(w, n, ugi_lex_index[mid], &flag);
        if (c == 0)
            return flag;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo == 0)
        return 0;
    size_t b = lo - 1;
    size_t e = next_entry(ugi_lex_index[b]);
    size_t end = b + 1 < nb ? ugi_lex_index[b + 1] : sizeof ugi_lex_pool - 1;
    while (e < end) {
        int c = cmp_entry(w, n, e, &flag);
        if (c == 0)
            return flag;
        if (c < 0)
            return 0;
        e = next_entry(e);
    }
    return 0;
}

/* Flag byte of w[0..n) as given or else ASCII-lowercased, preferring the
 * more frequent band when both are listed; 0 when neither is. */
static unsigned lookup(const char *w, size_t n)
{
    if (!w || n == 0 || n > LEX_MAX_WORD)
        return 0;
    unsigned f1 = lookup_exact((const unsigned char *)w, n);
    unsigned char low[LEX_MAX_WORD];
    int changed = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
            changed = 1;
        }
        low[i] = c;
    }
    if (!changed)
        return f1;
    unsigned f2 = lookup_exact(low, n);
    if (!f1)
        return f2;
    if (!f2)
        return f1;
    unsigned b1 = f1 & 7, b2 = f2 & 7;
    return (b2 < b1 ? b2 : b1) | ((f1 | f2) & UGI_LEX_FUNCTION);
}

int ugi_lex_band(const char *w, size_t n)
{
    return (int)(lookup(w, n) & 7);
}

int ugi_lex_function_word(const char *w, size_t n)
{
    if (!w || n == 0 || n > LEX_MAX_WORD)
        return 0;
    unsigned char low[LEX_MAX_WORD];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        low[i] = c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
    }
    return (lookup_exact(low, n) & UGI_LEX_FUNCTION) != 0;
}
