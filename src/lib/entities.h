/* entities.h (internal): lookup of HTML5 named character references by name. */
#ifndef UGI_ENTITIES_H
#define UGI_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/** Length of the longest entity name in the table (so callers can bound
 *  their scan). Checked against the generated table at compile time. */
#define UGI_ENTITY_MAX_NAME 31

/** Looks up the HTML5 named character reference whose name (without the
 *  leading '&' and trailing ';') is name[0..len). name need not be
 *  NUL-terminated. Case-sensitive, as HTML5 is.
 *  Writes its code points to cps and returns how many (1 or 2); when there
 *  is only one, cps[1] is set to 0. Returns 0 when the name is unknown
 *  (including len == 0, len > UGI_ENTITY_MAX_NAME, a NULL name and names
 *  containing NUL bytes), leaving cps untouched. cps may be NULL to test
 *  for existence only. Never allocates; thread-safe. */
int ugi_entity_lookup(const char *name, size_t len, uint32_t cps[2]);

#endif
