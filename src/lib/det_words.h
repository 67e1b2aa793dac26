/* det_words.h (internal): the words of a document, sentence by sentence, tokenized once per ug_detect() call for the detectors that read plain words. */
#ifndef UGI_DET_WORDS_H
#define UGI_DET_WORDS_H

#include <stddef.h>
#include "ug/detect.h"
#include "det_text.h"

/* Every word (next_word()) of every sentence of a document, in order. */
typedef struct {
    const ug_doc *d;
    word *v;
    size_t nw;
    size_t *sfirst;     /* first word of sentence k; sfirst[nsents] == nw */
    size_t *nalpha;     /* words with a letter in sentence k (in sfirst's block) */
    int borrowed;       /* the arrays belong to the call's shared copy */
} ugi_words;

/* Fills @p w with the words of @p d: inside ug_detect() a loan of the
 * call's copy, built by the first detector that asks; outside it (a
 * detector run on its own) a private copy. Each sentence is read up to
 * the end of the text at most. Release with ugi_words_free().
 * @return UG_OK, or UG_ENOMEM with @p w left empty. */
ug_status ugi_words_get(const ug_doc *d, ugi_words *w);

/* Frees what @p w owns (nothing for a loan) and empties it. */
void ugi_words_free(ugi_words *w);

/* Bracket one ug_detect() call (per thread): words lent between them are
 * built once; end frees them. */
void ugi_det_words_begin(void);
void ugi_det_words_end(void);

#endif
