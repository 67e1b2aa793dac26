/* detect_int.h (internal): how detector families register with the detector table. */
#ifndef UGI_DETECT_INT_H
#define UGI_DETECT_INT_H

#include "ug/detect.h"

/* Each family file (src/lib/det_<family>.c) defines its table and size:
 *   const ug_detector ugi_det_<family>[];  const size_t ugi_det_<family>_n;
 * src/lib/detect.c concatenates them in this order. */
extern const ug_detector ugi_det_glue[];
extern const size_t ugi_det_glue_n;
extern const ug_detector ugi_det_speech[];
extern const size_t ugi_det_speech_n;
extern const ug_detector ugi_det_lang[];
extern const size_t ugi_det_lang_n;
extern const ug_detector ugi_det_residue[];
extern const size_t ugi_det_residue_n;

/* Bracket one ug_detect() call: between them the speech detectors share
 * one tokenization of the document (src/lib/det_speech.c), the language
 * and residue detectors another (ugi_words_get(), det_words.h), and
 * foreign_residue reads what foreign_span found (det_lang.c); end frees
 * them. */
void ugi_det_speech_begin(void);
void ugi_det_speech_end(void);
void ugi_det_lang_begin(void);
void ugi_det_lang_end(void);

/* Compares w[0..n) with the NUL-terminated s in byte order (the sign of
 * memcmp() over the common length, then the shorter first). */
static inline int ugi_cmp_word(const char *w, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)s[i];
        if (!b)
            return 1;                       /* s is a proper prefix of w */
        if (a != b)
            return a < b ? -1 : 1;
    }
    return s[n] ? -1 : 0;
}

/* Nonzero when w[0..n) is in v[0..nv), sorted in byte order (strcmp()):
 * a binary search. */
static inline int ugi_in_sorted(const char *const *v, size_t nv, const char *w, size_t n)
{
    size_t lo = 0, hi = nv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ugi_cmp_word(w, n, v[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

#endif
