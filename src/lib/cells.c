/* cells.c (internal): growable arrays of ugi_cell (code point + raw byte span). */
#include <stdint.h>

#include "cells.h"

/* Capacity of the first allocation, in cells. */
#define UGI_CELLS_MIN_CAP 16u

/* Appends the cell {cp, start, end} to c, doubling the capacity when full.
 * The size computation is overflow-checked. On failure returns UG_ENOMEM
 * and leaves c (pointer, count and capacity) exactly as it was. */
ug_status ugi_cells_push(ugi_cells *c, uint32_t cp, size_t start, size_t end)
{
    if (c->n == c->cap) {
        size_t ncap;
        void *p;

        if (c->cap == 0) {
            ncap = UGI_CELLS_MIN_CAP;
        } else {
            if (c->cap > SIZE_MAX / 2 / sizeof(ugi_cell))
                return UG_ENOMEM;
            ncap = c->cap * 2;
        }
        p = ug_realloc(c->v, ncap * sizeof(ugi_cell));
        if (p == NULL)
            return UG_ENOMEM;
        c->v = p;
        c->cap = ncap;
    }
    c->v[c->n].cp = cp;
    c->v[c->n].start = start;
    c->v[c->n].end = end;
    c->n++;
    return UG_OK;
}

/* Releases the storage of c (ug_free) and leaves it a zeroed, empty array
 * that may be reused. */
void ugi_cells_free(ugi_cells *c)
{
    ug_free(c->v);
    c->v = NULL;
    c->n = 0;
    c->cap = 0;
}
