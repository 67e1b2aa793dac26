/* entities.c: binary search over the generated HTML5 named character reference table. */
#include <string.h>

#include "entities.h"
#include "entities_table.h"

/* Fails to compile when UGI_ENTITY_MAX_NAME in entities.h no longer matches
 * the regenerated table (C99-compatible static assertion). */
typedef char ugi_entity_max_name_matches_table
    [(UGI_ENTITY_MAX_NAME == UGI_ENTITY_TABLE_MAX_NAME) ? 1 : -1];

/* Compares name[0..len) (no NUL bytes inside) with the NUL-terminated
 * table name t in byte order. Returns <0, 0 or >0 like strcmp. */
static int ugi_entity_cmp(const char *name, size_t len, const char *t)
{
    /* strncmp stops at a NUL in t, which then sorts below name's byte. */
    int c = strncmp(name, t, len);
    if (c != 0)
        return c;
    /* t starts with name; name is smaller unless t ends right there. */
    return t[len] == '\0' ? 0 : -1;
}

/* Contract in entities.h: 1 or 2 code points written to cps for a known
 * name, 0 (cps untouched) otherwise; never allocates. */
int ugi_entity_lookup(const char *name, size_t len, uint32_t cps[2])
{
    size_t lo = 0, hi = UGI_ENTITY_COUNT;

    if (name == NULL || len == 0 || len > UGI_ENTITY_MAX_NAME)
        return 0;
    if (memchr(name, '\0', len) != NULL)
        return 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ugi_entity *e = &ugi_entity_table[mid];
        int c = ugi_entity_cmp(name, len, e->name);

        if (c < 0) {
            hi = mid;
        } else if (c > 0) {
            lo = mid + 1;
        } else {
            if (cps != NULL) {
                cps[0] = e->cp[0];
                cps[1] = e->cp[1];
            }
            return e->cp[1] != 0 ? 2 : 1;
        }
    }
    return 0;
}
