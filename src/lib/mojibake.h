/* mojibake.h (internal): repair of UTF-8 text that was decoded as windows-1252 or latin-1. */
#ifndef UGI_MOJIBAKE_H
#define UGI_MOJIBAKE_H

#include <stddef.h>

#include "cells.h"
#include "ug/status.h"

/** Quick byte-level screen of the UTF-8 line s[0..len). Returns nonzero
 *  when the line could contain mojibake or C1 controls: it holds a C1
 *  control (U+0080..U+009F), or a character U+00C2..U+00F4 immediately
 *  followed by a character that windows-1252/latin-1 produce for a UTF-8
 *  continuation byte (U+0080..U+00BF or one of the windows-1252 letters
 *  and punctuation of bytes 0x80..0x9F). Returns 0 for pure ASCII.
 *  When it returns 0, ugi_mojibake_fix() would not change the line.
 *  Invalid UTF-8 is tolerated (it is scanned as bytes). Never reads past
 *  s[len - 1]; s may be NULL when len is 0. */
int ugi_mojibake_suspect(const char *s, size_t len);

/** Repairs mojibake in the cells in[0..n) (one line; every cp is a valid
 *  code point <= U+10FFFF; in must not point into out's storage; in may be
 *  NULL when n is 0) and appends the result to out, leaving the cells
 *  already in out untouched. At most n cells are appended.
 *  - UTF-8 sequences that were decoded as (sloppy) windows-1252 or latin-1
 *    are decoded back when the gating rule of mojibake.c (top comment)
 *    accepts them, so correct text is left alone;
 *    up to 3 rounds are applied for double or triple mojibake. Each
 *    repaired character becomes one cell whose [start, end) is the union
 *    of the spans of the input cells that produced its bytes.
 *  - Remaining C1 controls U+0080..U+009F become their windows-1252
 *    characters; the five undefined ones (0x81 0x8D 0x8F 0x90 0x9D) stay.
 *  - Every other cell is copied unchanged.
 *  *repairs (if repairs is not NULL) is incremented once per repaired
 *  character in the output and once per mapped C1 control.
 *  Linear in n; allocates only by growing out.
 *  @return UG_OK, or UG_ENOMEM, in which case out->n is restored to its
 *  value on entry (out->v may have been reallocated, its first out->n
 *  cells are intact) and *repairs is unchanged. */
ug_status ugi_mojibake_fix(const ugi_cell *in, size_t n, ugi_cells *out, size_t *repairs);

#endif
