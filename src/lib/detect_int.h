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

#endif
