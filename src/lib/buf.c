/* buf.c: growable byte buffer. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ug/buf.h"

void ug_buf_init(ug_buf *b) { b->data = NULL; b->len = b->cap = 0; }

void ug_buf_free(ug_buf *b)
{
    if (!b)
        return;
    ug_free(b->data);
    ug_buf_init(b);
}

ug_status ug_buf_reserve(ug_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return UG_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return UG_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        /* double up to 64 MiB, then grow by 64 MiB steps */
        size_t step = cap < ((size_t)64 << 20) ? cap : ((size_t)64 << 20);
        if (cap > SIZE_MAX - step) { cap = need; break; }
        cap += step;
    }
    char *p = ug_realloc(b->data, cap);
    if (!p)
        return UG_ENOMEM;
    if (!b->data)
        p[0] = 0;
    b->data = p;
    b->cap = cap;
    return UG_OK;
}

ug_status ug_buf_append(ug_buf *b, const void *p, size_t n)
{
    /* room left (and no overflow, since len < cap): no reserve call */
    if (n >= b->cap - b->len && ug_buf_reserve(b, n) != UG_OK)
        return UG_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return UG_OK;
}

ug_status ug_buf_puts(ug_buf *b, const char *s) { return ug_buf_append(b, s, strlen(s)); }

ug_status ug_buf_putc(ug_buf *b, int c)
{
    /* the byte and the terminator fit: stored in place, the common case */
    if (b->cap - b->len < 2 && ug_buf_reserve(b, 1) != UG_OK)
        return UG_ENOMEM;
    b->data[b->len++] = (char)c;
    b->data[b->len] = 0;
    return UG_OK;
}

ug_status ug_buf_put_utf8(ug_buf *b, uint32_t cp)
{
    unsigned char u[4];
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) { u[0] = (unsigned char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = 0xC0 | (cp >> 6); u[1] = 0x80 | (cp & 0x3F); n = 2; }
    else if (cp < 0x10000) {
        u[0] = 0xE0 | (cp >> 12); u[1] = 0x80 | ((cp >> 6) & 0x3F); u[2] = 0x80 | (cp & 0x3F); n = 3;
    } else {
        u[0] = 0xF0 | (cp >> 18); u[1] = 0x80 | ((cp >> 12) & 0x3F);
        u[2] = 0x80 | ((cp >> 6) & 0x3F); u[3] = 0x80 | (cp & 0x3F); n = 4;
    }
    return ug_buf_append(b, u, n);
}

ug_status ug_buf_put_u64(ug_buf *b, uint64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do { tmp[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    return ug_buf_append(b, tmp + i, sizeof tmp - i);
}

ug_status ug_buf_printf(ug_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return UG_EINVAL;
    if (ug_buf_reserve(b, (size_t)n) != UG_OK)
        return UG_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return UG_OK;
}
