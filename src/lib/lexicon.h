/* lexicon.h (internal): English word lists compiled into the library, with frequency bands. */
#ifndef UGI_LEXICON_H
#define UGI_LEXICON_H

#include <stddef.h>

/** Frequency band of a word in the English lexicon: 0 when unknown,
 *  otherwise 1 (most common, SCOWL size 10-20) ... 5 (rare, size 70).
 *  Looks the word up as given and then lower-cased (ASCII letters only
 *  are folded), so "Blinken" is unknown while "The" is band 1.
 *  @p w[0..n) is UTF-8; never allocates. */
int ugi_lex_band(const char *w, size_t n);

/** ugi_lex_band() of w[0..n) where w[0..avail) may be read (avail >= n):
 *  the same answer, sooner for a short word that was asked before, whose
 *  bytes are read eight at a time when avail allows. */
int ugi_lex_band_avail(const char *w, size_t n, size_t avail);

/** Nonzero when w[0..n) is an English function word (articles,
 *  prepositions, conjunctions, pronouns, auxiliaries), case-insensitive. */
int ugi_lex_function_word(const char *w, size_t n);

#endif
