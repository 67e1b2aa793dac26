/* scan.h (internal): finding the next of a few given bytes in a text, sixteen bytes at a time. */
#ifndef UGI_SCAN_H
#define UGI_SCAN_H

#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Index of the first byte of t[i..end) equal to @p a, @p b or @p c (pass
 * one twice for two), or end when there is none. Reads only t[i..end):
 * sixteen bytes at a time with SSE2, then one by one. A detector that
 * decodes only from bytes that cannot continue a UTF-8 sequence ('"',
 * '-', a lead byte such as 0xE2) finds the code points a walk from i would. */
static inline size_t ugi_find3(const char *t, size_t i, size_t end, unsigned char a,
                               unsigned char b, unsigned char c)
{
#ifdef __SSE2__
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b),
                  vc = _mm_set1_epi8((char)c);
    while (i + 16 <= end) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, va),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, vb), _mm_cmpeq_epi8(v, vc)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (unsigned)__builtin_ctz(bits);
        i += 16;
    }
#endif
    for (; i < end; i++) {
        unsigned char x = (unsigned char)t[i];
        if (x == a || x == b || x == c)
            return i;
    }
    return end;
}

#endif
