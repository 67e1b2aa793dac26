/* sbreak.h (internal): Unicode Sentence_Break classes and the plain UAX #29 sentence boundary algorithm. */
#ifndef UGI_SBREAK_H
#define UGI_SBREAK_H

#include <stddef.h>
#include <stdint.h>
#include "ug/status.h"

/** Sentence_Break property values (UAX #29, table 4). */
typedef enum {
    UGI_SB_OTHER, UGI_SB_CR, UGI_SB_LF, UGI_SB_EXTEND, UGI_SB_SEP,
    UGI_SB_FORMAT, UGI_SB_SP, UGI_SB_LOWER, UGI_SB_UPPER, UGI_SB_OLETTER,
    UGI_SB_NUMERIC, UGI_SB_ATERM, UGI_SB_SCONTINUE, UGI_SB_STERM, UGI_SB_CLOSE
} ugi_sb_class;

/** Returns the Sentence_Break class of code point @p cp (Other for
 *  anything unlisted, including values above U+10FFFF). Constant time for
 *  U+0000..U+00FF, a binary search otherwise. Thread-safe. */
ugi_sb_class ugi_sb_class_of(uint32_t cp);

/** Decodes the code point at @p s[i] (i < len) into *cp and returns its
 *  length in bytes (1..4). Invalid or truncated sequences decode as one
 *  byte of U+FFFD, so scanning always advances; surrogate code points
 *  encoded in three bytes are decoded as such (the UAX #29 tests use
 *  them). Never reads past len. */
size_t ugi_sb_decode(const char *s, size_t len, size_t i, uint32_t *cp);

/** Option bits of ugi_sb_breaks(). */
enum {
    UGI_SB_NEWLINE_IS_SPACE = 1 << 0  /**< read CR and LF as Sp (no SB4 break) */
};

/** Receives one boundary offset. Returns UG_OK to go on. */
typedef ug_status (*ugi_sb_fn)(void *ctx, size_t off);

/** Runs the default sentence boundary algorithm of UAX #29 (rules SB1 to
 *  SB998, Unicode 15.0) over the UTF-8 text @p s[0..len) and calls @p fn
 *  with every boundary offset in increasing order, excluding 0 and
 *  including len (when len > 0). Linear time: the SB8 look-ahead is
 *  cached, so no byte is examined more than a bounded number of times.
 *  Allocates nothing. @return UG_OK or the first non-UG_OK status of fn. */
ug_status ugi_sb_breaks(const char *s, size_t len, unsigned flags, ugi_sb_fn fn, void *ctx);

#endif
