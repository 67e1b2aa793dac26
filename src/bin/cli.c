/* cli.c: command-line conventions shared by the ungarble tools. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined HAVE_MALLOC_H && defined HAVE_MALLOPT
#include <malloc.h>
#endif
#include "cli.h"

const char *cli_prog = "ungarble";
static char outbuf[1 << 16];
static int write_reported;      /* cli_write() already said "write error" */

/* atexit handler: a late write error on stdout is still an error (said
 * once: not again when cli_write() reported it). */
static void close_stdout(void)
{
    int err = ferror(stdout);
    int cerr = fclose(stdout);
    if (err || cerr) {
        if (!write_reported)
            fprintf(stderr, "%s: write error: %s\n", cli_prog, strerror(errno ? errno : EIO));
        _exit(CLI_TROUBLE);
    }
}

/* Where standard output is a pipe, asks the kernel for a buffer of
 * UG_PIPE_BUFFER bytes (the environment variable; default 1 MiB, Linux's
 * most for an unprivileged process; 0 leaves the pipe alone) instead of
 * 64 KiB: the stages of a pipeline then switch between each other far less
 * often (the whole pipeline over 20 MB of news took 13% less time). Each
 * process widens the pipe it writes, so a pipeline of the four tools holds
 * 4 MiB of a user's pipe quota (fs.pipe-user-pages-soft, 64 MiB by
 * default). A refusal (a lower limit, a quota used up) leaves the pipe as
 * it was. */
static void widen_pipe(void)
{
#ifdef F_SETPIPE_SZ
    long want = 1 << 20;
    const char *env = getenv("UG_PIPE_BUFFER");
    if (env && *env) {
        char *end;
        errno = 0;
        want = strtol(env, &end, 10);
        if (errno || *end || want < 0)
            want = 1 << 20;             /* not a number: the default */
        if (want > INT_MAX)
            want = INT_MAX;
    }
    struct stat st;
    if (want > 0 && fstat(1, &st) == 0 && S_ISFIFO(st.st_mode) && fcntl(1, F_GETPIPE_SZ) < want)
        (void)fcntl(1, F_SETPIPE_SZ, (int)want);
#endif
}

void cli_init(const char *prog)
{
    const char *slash = strrchr(prog, '/');
    cli_prog = slash ? slash + 1 : prog;
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    atexit(close_stdout);
    widen_pipe();
#if defined HAVE_MALLOC_H && defined HAVE_MALLOPT && defined M_TRIM_THRESHOLD
    /* A record's work frees a few hundred KB that the next record asks
       for again; by default glibc gives the top of the heap back to the
       kernel each time (brk) and takes it back page fault by page fault,
       a third of detect-mt-artifacts' time on sentence records. Keep up
       to 8 MB of it. */
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", cli_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_error_at(const char *file, unsigned long long line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: %s:%llu: ", cli_prog, file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    if (fmt) {
        fprintf(stderr, "%s: ", cli_prog);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    fprintf(stderr, "Try '%s --help' for more information.\n", cli_prog);
    exit(CLI_TROUBLE);
}

void cli_version(void)
{
    printf("%s (ungarble) %s\nlibungarble %s, utf8proc %s\n", cli_prog, PACKAGE_VERSION,
           ug_version(), "linked");
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
    }
    if (*end || v == 0 || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

/* Says "write error" (once: close_stdout() then keeps quiet) and exits 2. */
static void write_failed(void)
{
    cli_error("write error: %s", strerror(errno));
    write_reported = 1;
    exit(CLI_TROUBLE);
}

void cli_write(const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, stdout) != n)
        write_failed();
}

void cli_flush(void)
{
    if (fflush(stdout) == EOF)
        write_failed();
}

/* The default idle hook: what is written so far goes out. */
static void flush_idle(void *ctx)
{
    (void)ctx;
    cli_flush();
}

const char *cli_display_name(const char *arg)
{
    return arg;
}

void cli_input_init(cli_input *in)
{
    memset(in, 0, sizeof *in);
    in->text_key = "text";
    in->id_key = "id";
    in->max_line = UG_DEFAULT_MAX_LINE;
}

/* Opens the rejects file on first use; exits 2 when it cannot. */
static FILE *rejects_file(cli_input *in)
{
    if (!in->rejects_path)
        return NULL;
    if (!in->rejects) {
        in->rejects = fopen(in->rejects_path, "w");
        if (!in->rejects) {
            cli_error("%s: %s", in->rejects_path, strerror(errno));
            exit(CLI_TROUBLE);
        }
    }
    return in->rejects;
}

void cli_open_rejects(cli_input *in)
{
    rejects_file(in);
}

void cli_reject(cli_input *in, const char *line, size_t len)
{
    FILE *f = rejects_file(in);
    in->records_rejected++;
    if (in->status < CLI_REJECTED)
        in->status = CLI_REJECTED;
    if (!f)
        return;
    if (fwrite(line, 1, len, f) != len || fputc('\n', f) == EOF) {
        cli_error("%s: %s", in->rejects_path, strerror(errno));
        exit(CLI_TROUBLE);
    }
}

/* Drain callback: the rest of an over-long line goes to the rejects file. */
static ug_status drain_to(void *ctx, const char *p, size_t n)
{
    FILE *f = ctx;
    return fwrite(p, 1, n, f) == n ? UG_OK : UG_EIO;
}

char **cli_file_args(char **files, int *n)
{
    static char *stdin_only[] = { "-" };
    if (*n > 0)
        return files;
    *n = 1;
    return stdin_only;
}

int cli_open_arg(cli_input *in, const char *name)
{
    int fd = strcmp(name, "-") == 0 ? 0 : open(name, O_RDONLY);
    if (fd < 0) {
        cli_error("%s: %s", name, strerror(errno));
        in->status = CLI_TROUBLE;
    }
    return fd;
}

void cli_close_arg(int fd)
{
    if (fd > 0)
        close(fd);
}

int cli_each_record(cli_input *in, char **files, int n, cli_record_fn fn, void *ctx)
{
    ug_record rec = { 0 };
    files = cli_file_args(files, &n);
    for (int f = 0; f < n; f++) {
        const char *name = files[f];
        int fd = cli_open_arg(in, name);
        if (fd < 0)
            continue;
        ug_reader *r = ug_reader_new(fd, in->max_line);
        if (!r) {
            cli_error("out of memory");
            exit(CLI_TROUBLE);
        }
        ug_reader_on_idle(r, in->idle ? in->idle : flush_idle, in->idle ? in->idle_ctx : NULL);
        const char *line;
        size_t len;
        ug_status st;
        int stop = 0;
        while (!stop && (st = ug_reader_next(r, &line, &len)) != UG_EOF) {
            unsigned long long ln = ug_reader_lineno(r);
            if (st == UG_EIO) {
                cli_error_at(name, ln + 1, "read error: %s", strerror(errno));
                in->status = CLI_TROUBLE;
                break;
            }
            in->records_in++;
            cli_progress(in, len + 1);
            if (st == UG_ETOOLONG) {
                cli_error_at(name, ln, "line too long (more than %zu bytes; see --max-line-bytes)", in->max_line);
                in->records_rejected++;
                if (in->status < CLI_REJECTED)
                    in->status = CLI_REJECTED;
                FILE *rf = rejects_file(in);
                if (rf) {
                    if (fwrite(line, 1, len, rf) != len || ug_reader_drain(r, drain_to, rf) != UG_OK ||
                        fputc('\n', rf) == EOF) {
                        cli_error("%s: %s", in->rejects_path, strerror(errno));
                        exit(CLI_TROUBLE);
                    }
                } else if (ug_reader_drain(r, NULL, NULL) == UG_EIO) {
                    cli_error_at(name, ln, "read error: %s", strerror(errno));
                    in->status = CLI_TROUBLE;
                    break;
                }
                continue;
            }
            ug_error err;
            st = ug_record_parse(&rec, line, len, 0, &err);
            if (st == UG_ENOMEM) {
                cli_error_at(name, ln, "out of memory");
                exit(CLI_TROUBLE);
            }
            if (st) {
                cli_error_at(name, ln, "invalid JSON at byte %zu: %s", err.offset + 1, err.msg);
                cli_reject(in, line, len);
                continue;
            }
            if (ug_record_check(&rec, in->text_key, in->id_key, &err)) {
                cli_error_at(name, ln, "%s", err.msg);
                cli_reject(in, line, len);
                continue;
            }
            stop = fn(ctx, line, len, &rec, name, ln);
        }
        ug_reader_free(r);
        cli_close_arg(fd);
        if (stop)
            break;
    }
    ug_record_free(&rec);
    cli_progress_done(in);
    if (in->rejects && fflush(in->rejects) == EOF) {
        cli_error("%s: %s", in->rejects_path, strerror(errno));
        in->status = CLI_TROUBLE;
    }
    return in->status;
}

ug_status cli_slurp(int fd, ug_buf *out, size_t max)
{
    for (;;) {
        if (ug_buf_reserve(out, 1 << 16))
            return UG_ENOMEM;
        size_t room = out->cap - out->len - 1;
        if (max && room > max - out->len + 1)
            room = max - out->len + 1;
        ssize_t got = read(fd, out->data + out->len, room);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return UG_EIO;
        }
        if (got == 0)
            return UG_OK;
        out->len += (size_t)got;
        out->data[out->len] = 0;
        if (max && out->len > max)
            return UG_ETOOLONG;     /* out keeps every byte read so far */
    }
}

/* Monotonic clock in seconds. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_enable(cli_input *in)
{
    in->progress = isatty(2);
    in->t0 = in->last_shown = now_s();
}

/* Writes the progress line. */
static void show_progress(cli_input *in, double t)
{
    double el = t - in->t0 > 1e-3 ? t - in->t0 : 1e-3;
    fprintf(stderr, "\r%s: %.1f MB, %llu records, %.1f MB/s   ", cli_prog, (double)in->bytes_seen / 1e6,
            in->records_in, (double)in->bytes_seen / 1e6 / el);
    in->last_shown = t;
}

void cli_progress(cli_input *in, size_t n)
{
    in->bytes_seen += n;
    if (!in->progress)
        return;
    double t = now_s();
    if (t - in->last_shown >= 0.5) {
        show_progress(in, t);
        in->progress = 2;       /* a line is on the screen */
    }
}

void cli_progress_done(cli_input *in)
{
    if (in->progress) {
        show_progress(in, now_s());
        fputc('\n', stderr);
        in->progress = 1;
    }
}

/* ug_realloc(), exiting with status 2 when out of memory. */
static void *realloc_or_exit(void *p, size_t size)
{
    void *v = ug_realloc(p, size);
    if (!v) {
        cli_error("out of memory");
        exit(CLI_TROUBLE);
    }
    return v;
}

size_t cli_mems_keep(cli_mems *ms, const ug_record *rec, const char *line)
{
    if (ms->n + rec->n > ms->cap) {
        size_t nc = ms->cap ? ms->cap * 2 : 64;
        while (nc < ms->n + rec->n)
            nc *= 2;
        ms->v = realloc_or_exit(ms->v, nc * sizeof *ms->v);
        ms->cap = nc;
    }
    size_t first = ms->n;
    for (size_t k = 0; k < rec->n; k++) {
        const ug_json_member *m = &rec->m[k];
        ms->v[ms->n++] = (cli_mem){ (size_t)(m->key - line), m->key_len,
                                    (size_t)(m->val - line), m->val_len, m->type };
    }
    return first;
}

void cli_mems_load(const cli_mems *ms, size_t first, size_t n, const char *line, ug_record *rec)
{
    if (rec->cap < n) {
        rec->m = realloc_or_exit(rec->m, n * sizeof *rec->m);
        rec->cap = n;
    }
    for (size_t k = 0; k < n; k++) {
        const cli_mem *m = &ms->v[first + k];
        rec->m[k] = (ug_json_member){ line + m->key, m->key_len, line + m->val, m->val_len, m->type };
    }
    rec->n = n;
}
