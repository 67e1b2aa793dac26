/* lexicon.c: lookups in the compiled-in English lexicon (SCOWL sizes 10-70 plus function words). */
#include "config.h"
#include <stdint.h>
#include <string.h>
#include "lexicon.h"
#include "lexicon_table.h"

/* Longest word looked up; longer input is unknown (SCOWL's longest is shorter). */
#define LEX_MAX_WORD 64

/* Multipliers of lex_hash(); scripts/gen-lexicon uses the same. */
#define LEX_MUL UINT64_C(0x9E3779B97F4A7C15)
#define LEX_MIX UINT64_C(0xFF51AFD7ED558CCD)

/* Reads 8 bytes at p as a little-endian integer. */
static uint64_t load64le(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
#endif
}

/* One 8-byte chunk x into the running hash h of lex_hash(). */
static uint64_t lex_mix(uint64_t h, uint64_t x)
{
    h = (h ^ x) * LEX_MUL;
    return h ^ (h >> 29);
}

/* The last step of lex_hash(). */
static uint64_t lex_final(uint64_t h)
{
    h *= LEX_MIX;
    return h ^ (h >> 32);
}

/* Hash of w[0..n), which must be followed by at least 8 zero bytes
 * (w[n..n+8)): 8-byte little-endian chunks, the last one zero-padded, as
 * lex_hash() of scripts/gen-lexicon computes it. */
static uint64_t lex_hash(const unsigned char *w, size_t n)
{
    uint64_t h = (uint64_t)n * LEX_MUL;
    for (size_t i = 0; i < n; i += 8)
        h = lex_mix(h, load64le(w + i));
    return lex_final(h);
}

/* Nonzero when the pool entry at p has the bytes w[0..n) (n <= 63; both
 * may be read 8 bytes at a time: w is zero-padded, and the pool ends in 8
 * zero bytes). */
static int same_word(const unsigned char *p, const unsigned char *w, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (load64le(p + i) != load64le(w + i))
            return 0;
    if (i == n)
        return 1;
    uint64_t keep = (UINT64_C(1) << (8 * (n - i))) - 1;
    return ((load64le(p + i) ^ load64le(w + i)) & keep) == 0;
#else
    return memcmp(p, w, n) == 0;
#endif
}

/* Flag byte of w[0..n) exactly as given, or 0 when it is not listed; w
 * must be followed by 8 zero bytes (see lex_hash()) and h must be
 * lex_hash(w, n). One probe sequence of the generated hash table; never
 * reads past the entries it compares. */
static unsigned lookup_hashed(const unsigned char *w, size_t n, uint64_t h)
{
    const size_t mask = ((size_t)1 << UGI_LEX_HASH_BITS) - 1;
    if (n > 63)
        return 0;                       /* longer than any entry */
    uint32_t want = (uint32_t)(n << 21) | (uint32_t)((h >> 59) << 27);
    for (size_t j = (size_t)h & mask;; j = (j + 1) & mask) {
        uint32_t s = ugi_lex_hash[j];
        if (!s)
            return 0;
        if ((s & 0xFFE00000u) == want) {
            const unsigned char *p = (const unsigned char *)ugi_lex_pool + (s & 0x1FFFFFu);
            if (same_word(p, w, n))
                return p[n];
        }
    }
}

/* lookup_hashed() with the hash computed here. */
static unsigned lookup_exact(const unsigned char *w, size_t n)
{
    return lookup_hashed(w, n, lex_hash(w, n));
}

/* Longest word remembered by the lookup memo. */
#define MEMO_WORD 22

/* Bits of the index of the lookup memo (8192 entries of 32 bytes, 256 KB
 * per thread: a document's distinct words and their lowercase forms, with
 * few collisions; 1024 entries made detection 2% slower). */
#define MEMO_BITS 13

/* One remembered lookup: the word as given and lookup()'s answer. The
 * table has 2^18 slots and the pool megabytes of words, so most lookups
 * of running text miss the cache twice; the words of a text repeat, and a
 * small table of the last answers stays in the cache. */
typedef struct {
    unsigned char n;                    /* 0: empty */
    unsigned char flag;
    unsigned char w[MEMO_WORD + 8];     /* zero-padded like lookup()'s buffer */
} memo_entry;

/* Per thread, so concurrent callers share nothing; an entry is a pure
 * function of its word, so what is remembered never changes an answer. */
static _Thread_local memo_entry memo[1u << MEMO_BITS];

/* Flag byte of w[0..n) as given or else ASCII-lowercased, preferring the
 * more frequent band when both are listed; 0 when neither is. A listed
 * word's flag byte already combines that of its lowercase form (see
 * scripts/gen-lexicon), so the lowercase form is looked up only when the
 * word as given is not listed. Short words go through the memo. */
static unsigned lookup(const char *w, size_t n)
{
    if (!w || n == 0 || n > LEX_MAX_WORD)
        return 0;
    /* the word, then its lowercase form, padded with zeros for lex_hash() */
    unsigned char buf[LEX_MAX_WORD + 8];
    memcpy(buf, w, n);
    memset(buf + n, 0, 8);
    uint64_t h = lex_hash(buf, n);
    memo_entry *m = NULL;
    if (n <= MEMO_WORD) {
        m = &memo[(h >> 20) & ((1u << MEMO_BITS) - 1)];
        if (m->n == n && same_word(m->w, buf, n))
            return m->flag;
    }
    unsigned f = lookup_hashed(buf, n, h);
    if (!f) {
        unsigned changed = 0;
        unsigned char low[LEX_MAX_WORD + 8];
        for (size_t i = 0; i < n + 8; i++) {
            unsigned char c = buf[i];
            unsigned up = (unsigned)(c - 'A') < 26u;
            changed |= up;
            low[i] = (unsigned char)(c | (up << 5));
        }
        f = changed ? lookup_exact(low, n) : 0;
    }
    if (m) {
        m->n = (unsigned char)n;
        m->flag = (unsigned char)f;
        memcpy(m->w, buf, n + 8 <= sizeof m->w ? n + 8 : sizeof m->w);
    }
    return f;
}

int ugi_lex_band(const char *w, size_t n)
{
    return (int)(lookup(w, n) & 7);
}

int ugi_lex_band_avail(const char *w, size_t n, size_t avail)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* a word of up to eight bytes remembered by the memo: its zero-padded
       bytes, read in one load, are both its hash's one chunk and the
       memo's key (the memo keeps words zero-padded), with no copy */
    if (w && n && n <= 8 && avail >= 8) {
        uint64_t x = load64le((const unsigned char *)w);
        if (n < 8)
            x &= (UINT64_C(1) << (8 * n)) - 1;
        uint64_t h = lex_final(lex_mix((uint64_t)n * LEX_MUL, x));
        const memo_entry *m = &memo[(h >> 20) & ((1u << MEMO_BITS) - 1)];
        if (m->n == n && load64le(m->w) == x)
            return m->flag & 7;
    }
#else
    (void)avail;
#endif
    return ugi_lex_band(w, n);
}

int ugi_lex_function_word(const char *w, size_t n)
{
    if (!w || n == 0 || n > LEX_MAX_WORD)
        return 0;
    unsigned char low[LEX_MAX_WORD + 8];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        low[i] = c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
    }
    memset(low + n, 0, 8);
    return (lookup_exact(low, n) & UGI_LEX_FUNCTION) != 0;
}
