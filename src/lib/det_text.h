/* det_text.h (internal): code points, character classes and the words of a text, shared by the language and residue detectors. */
#ifndef UGI_DET_TEXT_H
#define UGI_DET_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* Decodes the code point at t[i..end) into *cp and returns its length in
 * bytes (at least 1); an invalid byte reads as U+FFFD of length 1. */
static inline size_t decode(const char *t, size_t i, size_t end, int32_t *cp)
{
    if ((unsigned char)t[i] < 0x80) {
        *cp = (unsigned char)t[i];
        return 1;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                          (utf8proc_ssize_t)(end - i), &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

/* Nonzero when cp is a letter (L*) or a combining mark (M*). */
static inline int is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return 1;
    default:
        return 0;
    }
}

/* Nonzero when cp is a decimal digit. */
static inline int is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Nonzero for an ASCII letter or digit. */
static inline int a_alnum(unsigned char b)
{
    return (unsigned)(b - '0') < 10u || (unsigned)((b | 0x20) - 'a') < 26u;
}

/* SWAR constants: a byte of ones, the high bit of every byte. */
#define SW_ONES UINT64_C(0x0101010101010101)
#define SW_HIGH UINT64_C(0x8080808080808080)

/* For the 8 bytes of y (each below 0x80), the high bit of those in
 * [lo, hi] (no carry crosses a byte: every sum stays below 0x100). */
static inline uint64_t sw_range(uint64_t y, unsigned lo, unsigned hi)
{
    return (y + SW_ONES * (0x80 - lo)) & ~(y + SW_ONES * (0x7F - hi)) & SW_HIGH;
}

/* End of the run of ASCII letters and digits at t[i..end): the offset of
 * the first other byte, or end. Sets *alpha when the run has a letter.
 * Reads 8 bytes at a time where it can (little-endian hosts). */
static inline size_t alnum_run(const char *t, size_t i, size_t end, int *alpha)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (i + 8 <= end) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        uint64_t y = x & ~SW_HIGH;
        uint64_t letters = sw_range(y | SW_ONES * 0x20, 'a', 'z') & ~x;
        uint64_t alnum = (letters | sw_range(y, '0', '9')) & ~x;
        uint64_t stop = ~alnum & SW_HIGH;
        if (stop) {
            unsigned k = (unsigned)__builtin_ctzll(stop) >> 3;     /* bytes in the run */
            if (k && (letters & ((UINT64_C(1) << (8 * k)) - 1)))
                *alpha = 1;
            return i + k;
        }
        if (letters)
            *alpha = 1;
        i += 8;
    }
#endif
    while (i < end && a_alnum((unsigned char)t[i])) {
        *alpha |= (unsigned char)t[i] >= 'A';
        i++;
    }
    return i;
}

/* Offset of the first byte of t[i..end) that may be white space: ASCII
 * up to 0x20 or not ASCII (the caller decides), or end when there is
 * none. Reads 8 bytes at a time where it can (little-endian hosts). */
static inline size_t until_space_or_high(const char *t, size_t i, size_t end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (i + 8 <= end) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        /* high bit of the bytes at most 0x20 or at least 0x80 */
        uint64_t stop = (~((x & ~SW_HIGH) + SW_ONES * 0x5F) | x) & SW_HIGH;
        if (stop)
            return i + ((unsigned)__builtin_ctzll(stop) >> 3);
        i += 8;
    }
#endif
    while (i < end && (unsigned char)t[i] > 0x20 && (unsigned char)t[i] < 0x80)
        i++;
    return i;
}

/* Nonzero when cp is Unicode White_Space. */
static inline int is_space(int32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* A word of the text: bytes [s, e); alpha when it has a letter; punct when
 * something other than white space separates it from the previous word. */
typedef struct {
    size_t s, e;
    int alpha, punct;
} word;

/* Finds the next word in t[*pos..end): a run of letters, marks and digits
 * with apostrophes inside it (l'homme, don't). Advances *pos past it.
 * Returns 0 when there is none. */
static inline int next_word(const char *t, size_t *pos, size_t end, word *w)
{
    size_t i = *pos;
    int32_t cp;
    w->punct = 0;
    while (i < end) {
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80) {         /* ASCII: the common case */
            if (a_alnum(b))
                break;
            if (b != ' ' && (b < 0x09 || b > 0x0D))
                w->punct = 1;
            i++;
            continue;
        }
        size_t k = decode(t, i, end, &cp);
        if (is_letter(cp) || is_digit(cp))
            break;
        if (!is_space(cp))
            w->punct = 1;
        i += k;
    }
    if (i >= end) {
        *pos = end;
        return 0;
    }
    w->s = i;
    w->alpha = 0;
    while (i < end) {
        i = alnum_run(t, i, end, &w->alpha);
        if (i >= end)
            break;
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80 && b != '\'')
            break;              /* ASCII, no letter or digit (alnum_run() took them) */
        size_t k = decode(t, i, end, &cp);
        if (is_letter(cp)) {
            w->alpha = 1;
        } else if ((cp == '\'' || cp == 0x2019) && i + k < end) {
            int32_t nx;
            decode(t, i + k, end, &nx);
            if (!is_letter(nx))
                break;
        } else if (!is_digit(cp)) {
            break;
        }
        i += k;
    }
    w->e = i;
    *pos = i;
    return 1;
}

#endif
