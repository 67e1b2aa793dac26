/* lineio.c: streaming line reader with a bounded line length. */
#include "config.h"
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "ug/lineio.h"

#define CHUNK ((size_t)64 << 10)

struct ug_reader {
    int fd;
    size_t max_line;
    char *buf;          /* owned storage */
    size_t cap;         /* allocated bytes */
    size_t start;       /* first unread byte */
    size_t end;         /* one past the last buffered byte */
    size_t scan;        /* bytes from start already known to hold no '\n' */
    int eof;            /* read() returned 0 */
    int skipping;       /* inside the remainder of an over-long line */
    int had_nl;
    unsigned long long lineno;
    ug_reader_idle_fn idle;     /* called before a read that would wait */
    void *idle_ctx;
};

ug_reader *ug_reader_new(int fd, size_t max_line)
{
    ug_reader *r = ug_malloc(sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->max_line = max_line ? max_line : UG_DEFAULT_MAX_LINE;
    r->cap = CHUNK;
    r->buf = ug_malloc(r->cap);
    if (!r->buf) {
        ug_free(r);
        return NULL;
    }
    return r;
}

void ug_reader_free(ug_reader *r)
{
    if (!r)
        return;
    ug_free(r->buf);
    ug_free(r);
}

unsigned long long ug_reader_lineno(const ug_reader *r) { return r->lineno; }
int ug_reader_had_newline(const ug_reader *r) { return r->had_nl; }

void ug_reader_on_idle(ug_reader *r, ug_reader_idle_fn fn, void *ctx)
{
    r->idle = fn;
    r->idle_ctx = ctx;
}

/* Calls the idle hook when no input comes on the descriptor within
 * UG_READER_IDLE_MS. A poll() that fails says nothing: the read() after
 * it will tell. */
static void idle_check(ug_reader *r)
{
    struct pollfd p = { .fd = r->fd, .events = POLLIN };
    int k;
    do
        k = poll(&p, 1, UG_READER_IDLE_MS);
    while (k < 0 && errno == EINTR);
    if (k == 0)
        r->idle(r->idle_ctx);
}

/* Reads more bytes after end, moving or growing the buffer as needed so
 * that up to max_line + 1 bytes of one line fit. Returns UG_OK (possibly
 * setting eof), UG_EIO or UG_ENOMEM. */
static ug_status fill(ug_reader *r)
{
    if (r->start > 0 && (r->end == r->cap || r->start >= r->cap / 2)) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        /* saturate: a huge max_line must not wrap the limit around */
        size_t limit = r->max_line > SIZE_MAX - CHUNK ? SIZE_MAX : r->max_line + CHUNK;
        if (r->cap < limit) {
            size_t nc = r->cap * 2 < limit ? r->cap * 2 : limit;
            char *nb = ug_realloc(r->buf, nc);
            if (!nb)
                return UG_ENOMEM;
            r->buf = nb;
            r->cap = nc;
        }
    }
    if (r->idle)
        idle_check(r);
    for (;;) {
        ssize_t got = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return UG_EIO;
        }
        if (got == 0)
            r->eof = 1;
        r->end += (size_t)got;
        return UG_OK;
    }
}

/* Discards (or passes to fn) bytes up to and including the next '\n'. */
static ug_status skip_rest(ug_reader *r, ug_status (*fn)(void *, const char *, size_t), void *ctx)
{
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        size_t upto = nl ? (size_t)(nl - r->buf) : r->end;
        if (fn && upto > r->start) {
            ug_status st = fn(ctx, r->buf + r->start, upto - r->start);
            if (st)
                return st;
        }
        if (nl) {
            r->start = upto + 1;
            r->skipping = 0;
            r->scan = 0;
            return UG_OK;
        }
        r->start = r->end = 0;
        if (r->eof) {
            r->skipping = 0;
            return UG_OK;
        }
        ug_status st = fill(r);
        if (st)
            return st;
    }
}

ug_status ug_reader_drain(ug_reader *r,
                          ug_status (*fn)(void *ctx, const char *p, size_t n), void *ctx)
{
    if (!r->skipping)
        return UG_OK;
    return skip_rest(r, fn, ctx);
}

/* Reports the line at start as over-long: its first max_line bytes are
 * the returned prefix (left in place until the next call) and the
 * remainder, up to the next '\n', is pending for skip_rest(). */
static ug_status too_long(ug_reader *r, size_t *len)
{
    *len = r->max_line;
    r->start += r->max_line;
    r->skipping = 1;
    return UG_ETOOLONG;
}

ug_status ug_reader_next(ug_reader *r, const char **line, size_t *len)
{
    if (r->skipping) {
        ug_status st = skip_rest(r, NULL, NULL);
        if (st)
            return st;
    }
    for (;;) {
        size_t avail = r->end - r->start;
        char *nl = NULL;
        if (avail > r->scan)
            nl = memchr(r->buf + r->start + r->scan, '\n', avail - r->scan);
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->start));
            *line = r->buf + r->start;
            r->scan = 0;
            r->lineno++;
            r->had_nl = 1;
            if (n > r->max_line)
                return too_long(r, len);
            r->start += n + 1;
            *len = n;
            return UG_OK;
        }
        r->scan = avail;
        if (avail > r->max_line) {
            *line = r->buf + r->start;
            r->lineno++;
            r->had_nl = 0;
            r->scan = 0;
            return too_long(r, len);
        }
        if (r->eof) {
            if (avail == 0)
                return UG_EOF;
            *line = r->buf + r->start;
            *len = avail;
            r->start = r->end;
            r->scan = 0;
            r->lineno++;
            r->had_nl = 0;
            return UG_OK;
        }
        ug_status st = fill(r);
        if (st)
            return st;
    }
}
