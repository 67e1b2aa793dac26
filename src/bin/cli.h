/* cli.h: command-line conventions shared by the ungarble tools. */
#ifndef UG_CLI_H
#define UG_CLI_H

#include <stdio.h>
#include "ug/ug.h"

/* Exit statuses, like grep's. */
enum { CLI_OK = 0, CLI_REJECTED = 1, CLI_TROUBLE = 2 };

/* Program name for messages; set by cli_init(). */
extern const char *cli_prog;

/* Sets the program name, gives stdout a large buffer and registers the
 * checked close of stdout at exit (a write error exits with status 2).
 * SIGPIPE is left at its default, so "| head" ends the program quietly.
 * With glibc, also keeps up to 8 MB of freed heap for the next record
 * (mallopt(M_TRIM_THRESHOLD)) instead of returning it to the kernel. */
void cli_init(const char *prog);

/* "PROG: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "PROG: FILE:LINE: message" on stderr. */
void cli_error_at(const char *file, unsigned long long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "PROG: message" and "Try 'PROG --help' ..." and exits 2. */
void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Prints the version banner to stdout. */
void cli_version(void);

/* Parses a byte count with an optional K, M or G suffix (powers of 1024).
 * Returns 0 on success, -1 when malformed or zero. */
int cli_parse_size(const char *s, size_t *out);

/* Writes n bytes to stdout; on failure reports and exits 2. */
void cli_write(const void *p, size_t n);

/* Name to show for a file argument ("-" reads stdin and shows as "-"). */
const char *cli_display_name(const char *arg);

/* Options and counters shared by the record-reading tools. */
typedef struct {
    const char *text_key;       /* --text-field (default "text") */
    const char *id_key;         /* --id-field (default "id") */
    size_t max_line;            /* --max-line-bytes */
    const char *rejects_path;   /* --rejects FILE or NULL */
    FILE *rejects;              /* opened lazily */
    int status;                 /* worst exit status so far */
    unsigned long long records_in, records_rejected;
    int progress;               /* --progress and standard error is a terminal */
    unsigned long long bytes_seen;
    double t0, last_shown;      /* monotonic seconds */
    /* called when the input waits (see ug_reader_on_idle()); NULL: the
       default, which flushes standard output */
    void (*idle)(void *ctx);
    void *idle_ctx;
} cli_input;

/* --progress: turns progress reports on when standard error is a terminal. */
void cli_progress_enable(cli_input *in);

/* Counts n more input bytes (and one record) and, at most twice a second,
 * shows "PROG: 12.3 MB, 4,567 records, 45.6 MB/s" on standard error,
 * rewriting the same line, like pv. No-op unless enabled. */
void cli_progress(cli_input *in, size_t n);

/* Shows the final progress line and ends it (when progress is on). */
void cli_progress_done(cli_input *in);

/* Initializes the defaults of an input configuration. */
void cli_input_init(cli_input *in);

/* Creates (truncates) the --rejects file now, as a shell redirection
 * would, so an old file never survives a run; exits 2 when it cannot. */
void cli_open_rejects(cli_input *in);

/* Writes a rejected line (plus '\n') to the --rejects file, if any. */
void cli_reject(cli_input *in, const char *line, size_t len);

/* Called for every record: the raw line, its parse, the file name shown in
 * messages and its line number. Returns 0 to go on, nonzero to stop all
 * input (after an output error, say). */
typedef int (*cli_record_fn)(void *ctx, const char *line, size_t len, ug_record *rec,
                             const char *file, unsigned long long lineno);

/* Flushes standard output; on failure says "write error" and exits 2.
 * The default idle hook of cli_each_record(). */
void cli_flush(void);

/* Reads every file in files[0..n) ("-" or n == 0: stdin) as JSON Lines:
 * reports and rejects over-long lines, invalid JSON and records that break
 * the record contract (text field required when in->text_key is set), and
 * calls fn for every good record. A file that cannot be opened or read is
 * reported, sets status 2, and the other files are still read. Whenever
 * the input has nothing ready and must be waited for, in->idle (or
 * cli_flush()) runs first, so a slow feed streams through. Returns the
 * worst status seen (0, 1 or 2). */
int cli_each_record(cli_input *in, char **files, int n, cli_record_fn fn, void *ctx);

/* The file arguments: files[0..*n), or "-" (standard input) when *n is 0;
 * updates *n. The returned array is static or the caller's. */
char **cli_file_args(char **files, int *n);

/* Opens the file argument name ("-": standard input, fd 0) for reading.
 * On failure reports "PROG: NAME: reason", sets in->status to 2 and
 * returns -1; the caller goes on with the next file. */
int cli_open_arg(cli_input *in, const char *name);

/* Closes a descriptor from cli_open_arg() (standard input stays open). */
void cli_close_arg(int fd);

/* The members of parsed lines kept as offsets into each line, so that a
 * line buffered (and moved) since can be written back or read again
 * without a second parse. */
typedef struct {
    size_t key, key_len, val, val_len;
    ug_json_type type;
} cli_mem;

typedef struct {
    cli_mem *v;
    size_t n, cap;
} cli_mems;

/* Appends the members of @p rec, parsed from @p line, to @p ms; returns
 * the index of the first (rec->n of them follow). Exits 2 when out of
 * memory. */
size_t cli_mems_keep(cli_mems *ms, const ug_record *rec, const char *line);

/* Fills @p rec with the @p n members kept from index @p first, pointing
 * into @p line (the same bytes as the line they were kept from, wherever
 * they are now). Exits 2 when out of memory. */
void cli_mems_load(const cli_mems *ms, size_t first, size_t n, const char *line, ug_record *rec);

/* Reads all of fd into out; returns UG_OK, UG_EIO (errno kept) or
 * UG_ETOOLONG when more than max bytes arrive (0: no limit): then out
 * holds the bytes read so far and the rest is still unread in fd. */
ug_status cli_slurp(int fd, ug_buf *out, size_t max);

#endif
