/* ug/buf.h: growable byte buffer. */
#ifndef UG_BUF_H
#define UG_BUF_H

#include <stddef.h>
#include <stdint.h>
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A growable byte buffer. data is always NUL-terminated when non-NULL
 *  (the terminator is not counted in len), so text can be printed
 *  directly; the content may still contain NUL bytes. The buffer owns
 *  data; release it with ug_buf_free(). A zeroed struct is a valid
 *  empty buffer. */
typedef struct {
    char *data;     /**< bytes, owned; NULL while cap == 0 */
    size_t len;     /**< bytes in use */
    size_t cap;     /**< bytes allocated (excluding nothing: data[cap-1] exists) */
} ug_buf;

/** Makes @p b an empty buffer without freeing anything. */
void ug_buf_init(ug_buf *b);

/** Frees the storage of @p b and makes it empty. NULL is a no-op. */
void ug_buf_free(ug_buf *b);

/** Sets len to 0, keeping the storage. */
static inline void ug_buf_clear(ug_buf *b) { b->len = 0; if (b->data) b->data[0] = 0; }

/** Makes room for @p extra more bytes (plus the terminator).
 *  @return UG_OK, or UG_ENOMEM (the buffer is unchanged). */
ug_status ug_buf_reserve(ug_buf *b, size_t extra);

/** Appends @p n bytes from @p p (which may be NULL when n == 0).
 *  @return UG_OK or UG_ENOMEM (the buffer is unchanged). */
ug_status ug_buf_append(ug_buf *b, const void *p, size_t n);

/** Appends the NUL-terminated string @p s. */
ug_status ug_buf_puts(ug_buf *b, const char *s);

/** Appends one byte. */
ug_status ug_buf_putc(ug_buf *b, int c);

/** Appends the UTF-8 encoding of code point @p cp (which must be a
 *  Unicode scalar value; others are written as U+FFFD). */
ug_status ug_buf_put_utf8(ug_buf *b, uint32_t cp);

/** Appends the decimal form of @p v. */
ug_status ug_buf_put_u64(ug_buf *b, uint64_t v);

/** Appends printf-formatted text. */
ug_status ug_buf_printf(ug_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif
