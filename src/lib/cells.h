/* cells.h (internal): code points tagged with the raw input bytes they came from.
 * The normalizer's slow path turns a line into cells, runs passes that map
 * cells to cells, and encodes the result, so every output byte can be traced
 * back to the raw input. Not installed; names use the internal prefix ugi_. */
#ifndef UGI_CELLS_H
#define UGI_CELLS_H

#include <stddef.h>
#include <stdint.h>
#include "ug/status.h"

/** One code point and the half-open raw byte range [start, end) it came
 *  from. A cell made by merging several cells (a repaired mojibake
 *  sequence, a decoded entity) spans all of them. */
typedef struct {
    uint32_t cp;
    size_t start;
    size_t end;
} ugi_cell;

/** Growable array of cells; owns v. A zeroed struct is empty. */
typedef struct {
    ugi_cell *v;
    size_t n;
    size_t cap;
} ugi_cells;

/** Appends one cell. @return UG_OK or UG_ENOMEM (array unchanged). */
ug_status ugi_cells_push(ugi_cells *c, uint32_t cp, size_t start, size_t end);

/** Same as ugi_cells_push(), inlined for the common case of free room. */
static inline ug_status ugi_cells_add(ugi_cells *c, uint32_t cp, size_t start, size_t end)
{
    if (c->n < c->cap) {
        ugi_cell *x = &c->v[c->n++];
        x->cp = cp;
        x->start = start;
        x->end = end;
        return UG_OK;
    }
    return ugi_cells_push(c, cp, start, end);
}

/** Frees the storage and empties the array. */
void ugi_cells_free(ugi_cells *c);

#endif
