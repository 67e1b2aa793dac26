/* ug/lineio.h: streaming line reader with a bounded line length. */
#ifndef UG_LINEIO_H
#define UG_LINEIO_H

#include <stddef.h>
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque line reader over a file descriptor. */
typedef struct ug_reader ug_reader;

/** Default maximum line length: 64 MiB. */
#define UG_DEFAULT_MAX_LINE ((size_t)64 << 20)

/** Creates a reader over @p fd, which it borrows (never closes). Lines
 *  longer than @p max_line bytes (0: UG_DEFAULT_MAX_LINE) are refused
 *  with UG_ETOOLONG; the reader never buffers more than max_line bytes
 *  plus one read chunk. @return the reader, or NULL when out of memory.
 *  Free it with ug_reader_free(). */
ug_reader *ug_reader_new(int fd, size_t max_line);

/** Frees @p r. NULL is a no-op. */
void ug_reader_free(ug_reader *r);

/** Reads the next line. On UG_OK, *line and *len give the line without
 *  its '\n' (a final line without '\n' is returned too; NUL bytes are
 *  kept); the bytes belong to the reader and stay valid until the next
 *  call. On UG_ETOOLONG, *line and *len give the first max_line bytes of
 *  an over-long line; the rest of that line is skipped by the next call,
 *  or handed over by ug_reader_drain() (the prefix stays valid until then). Returns UG_EOF at the end of the
 *  input, UG_EIO on a read error (errno is kept), and UG_ENOMEM when the
 *  buffer must grow for a long line and cannot (the reader stays usable).
 *  ug_reader_had_newline() is only meaningful after UG_OK. */
ug_status ug_reader_next(ug_reader *r, const char **line, size_t *len);

/** After UG_ETOOLONG: passes the rest of the over-long line (without its
 *  '\n') to @p fn in chunks, then moves past it. @p fn may be NULL to
 *  discard. A non-UG_OK status from fn stops the drain and is returned.
 *  @return UG_OK, UG_EIO, or fn's status. */
ug_status ug_reader_drain(ug_reader *r,
                          ug_status (*fn)(void *ctx, const char *p, size_t n),
                          void *ctx);

/** 1-based number of the line last returned (0 before the first). */
unsigned long long ug_reader_lineno(const ug_reader *r);

/** Nonzero when the line last returned ended with '\n'. */
int ug_reader_had_newline(const ug_reader *r);

/** An idle hook: see ug_reader_on_idle(). */
typedef void (*ug_reader_idle_fn)(void *ctx);

/** Milliseconds a reader with an idle hook waits for input before it
 *  calls the hook. */
#define UG_READER_IDLE_MS 50

/** Sets @p fn (NULL: none) to be called with @p ctx each time @p r needs
 *  more input and none has come UG_READER_IDLE_MS after it asked (poll()
 *  says so), before it waits on: a pipe, terminal or socket that nothing
 *  is being written to (a regular file is always ready, so fn is never
 *  called for one). A filter flushes its finished output there, so that
 *  whoever reads a slow feed through it sees each record soon after the
 *  filter has it, while a busy pipe, whose writer is only briefly behind,
 *  costs one poll() per read of up to 64 KiB and no flush. fn must not use
 *  @p r; the reader keeps @p ctx but never frees it. */
void ug_reader_on_idle(ug_reader *r, ug_reader_idle_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
