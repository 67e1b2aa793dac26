/* det_text.h (internal): word-at-a-time scanning of ASCII words, shared by the detector families. */
#ifndef UGI_DET_TEXT_H
#define UGI_DET_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

#endif
