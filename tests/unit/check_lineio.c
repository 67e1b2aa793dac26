/* check_lineio.c: unit tests for the bounded line reader ug_reader over files and pipes. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "ug/buf.h"
#include "ug/lineio.h"

/* ---- input sources ---------------------------------------------------- */

/* How the test input reaches the reader. Loop tests run over all of them. */
enum {
    SRC_FILE,           /* a regular temporary file */
    SRC_PIPE,           /* a pipe written in one go by a child process */
    SRC_PIPE_DRIBBLE,   /* a pipe written in small uneven pieces */
    SRC_PIPE_PAGES,     /* a pipe written in odd page-sized pieces */
    SRC_COUNT
};

static pid_t writer_pid = -1;

/* Writes all of p[0..n) to fd in pieces chosen by src; used by the child. */
static void write_pieces(int fd, const char *p, size_t n, int src)
{
    size_t off = 0, k = 0;
    while (off < n) {
        size_t piece;
        if (src == SRC_PIPE_DRIBBLE)
            piece = n > 100000 ? 1 + (k * 7919) % 3001 : 1 + (k * 7919) % 13;
        else if (src == SRC_PIPE_PAGES)
            piece = 4093;
        else
            piece = n - off;
        if (piece > n - off)
            piece = n - off;
        ssize_t w = write(fd, p + off, piece);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        off += (size_t)w;
        k++;
    }
}

/* Returns a readable descriptor that yields exactly p[0..n). */
static int open_input(const char *p, size_t n, int src)
{
    if (src == SRC_FILE) {
        char path[] = "/tmp/check_lineio_XXXXXX";
        int fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        unlink(path);
        write_pieces(fd, p, n, SRC_FILE);
        ck_assert_int_eq((int)lseek(fd, 0, SEEK_SET), 0);
        return fd;
    }
    int pfd[2];
    ck_assert_int_eq(pipe(pfd), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGALRM, SIG_DFL);
        close(pfd[0]);
        write_pieces(pfd[1], p, n, src);
        close(pfd[1]);
        _exit(0);
    }
    close(pfd[1]);
    writer_pid = pid;
    return pfd[0];
}

/* Closes the descriptor from open_input() and reaps its writer. */
static void close_input(int fd)
{
    close(fd);
    if (writer_pid > 0) {
        int status;
        /* SIGKILL: the writer inherited the test runner's signal handlers */
        kill(writer_pid, SIGKILL);   /* harmless if it already exited */
        waitpid(writer_pid, &status, 0);
        writer_pid = -1;
    }
}

/* ---- helpers ------------------------------------------------------------ */

/* Asserts that the next call returns UG_OK with exactly want[0..wn). */
static void expect_line(ug_reader *r, const char *want, size_t wn,
                        unsigned long long lineno, int had_nl)
{
    const char *line = NULL;
    size_t len = (size_t)-1;
    ug_status st = ug_reader_next(r, &line, &len);
    ck_assert_msg(st == UG_OK, "line %llu: status %d, expected UG_OK", lineno, (int)st);
    ck_assert_uint_eq(len, wn);
    if (wn)
        ck_assert_mem_eq(line, want, wn);
    ck_assert_uint_eq(ug_reader_lineno(r), lineno);
    ck_assert_int_eq(ug_reader_had_newline(r) != 0, had_nl);
}

/* Asserts UG_ETOOLONG with the max_line-byte prefix of want. */
static void expect_toolong(ug_reader *r, const char *want, size_t max_line,
                           unsigned long long lineno)
{
    const char *line = NULL;
    size_t len = 0;
    ug_status st = ug_reader_next(r, &line, &len);
    ck_assert_msg(st == UG_ETOOLONG, "line %llu: status %d, expected UG_ETOOLONG",
                  lineno, (int)st);
    ck_assert_uint_eq(len, max_line);
    ck_assert_mem_eq(line, want, max_line);
    ck_assert_uint_eq(ug_reader_lineno(r), lineno);
}

static void expect_eof(ug_reader *r)
{
    const char *line;
    size_t len;
    unsigned long long n = ug_reader_lineno(r);
    ck_assert_int_eq(ug_reader_next(r, &line, &len), UG_EOF);
    ck_assert_int_eq(ug_reader_next(r, &line, &len), UG_EOF);   /* stays at EOF */
    ck_assert_uint_eq(ug_reader_lineno(r), n);
}

/* Drain callback: appends the chunk to a ug_buf and checks chunk bounds. */
typedef struct {
    ug_buf out;
    size_t calls;
    size_t max_chunk;
    size_t stop_after;      /* return UG_EIO after this many calls; 0: never */
} drain_ctx;

static ug_status collect(void *vctx, const char *p, size_t n)
{
    drain_ctx *c = vctx;
    ck_assert_uint_gt(n, 0);
    ck_assert_ptr_null(memchr(p, '\n', n));
    c->calls++;
    if (n > c->max_chunk)
        c->max_chunk = n;
    if (ug_buf_append(&c->out, p, n) != UG_OK)
        return UG_ENOMEM;
    if (c->stop_after && c->calls >= c->stop_after)
        return UG_EIO;
    return UG_OK;
}

/* Builds "a line of n bytes" content: printable, no '\n', position-dependent. */
static char *make_bytes(size_t n, unsigned seed)
{
    char *p = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(p);
    for (size_t i = 0; i < n; i++)
        p[i] = (char)('!' + (i * 31 + seed + i / 977) % 90);
    return p;
}

/* Concatenates three byte ranges into a new malloc'd block of *outn bytes. */
static char *cat3(const char *a, size_t an, const char *b, size_t bn,
                  const char *c, size_t cn, size_t *outn)
{
    char *p = malloc(an + bn + cn + 1);
    ck_assert_ptr_nonnull(p);
    memcpy(p, a, an);
    memcpy(p + an, b, bn);
    memcpy(p + an + bn, c, cn);
    *outn = an + bn + cn;
    return p;
}

/* ---- tests -------------------------------------------------------------- */

START_TEST(test_basic_lines)
{
    static const char in[] = "alpha\nbeta\ngamma\n";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(ug_reader_lineno(r), 0);
    expect_line(r, "alpha", 5, 1, 1);
    expect_line(r, "beta", 4, 2, 1);
    expect_line(r, "gamma", 5, 3, 1);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_no_final_newline)
{
    static const char in[] = "first\nlast";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    expect_line(r, "first", 5, 1, 1);
    expect_line(r, "last", 4, 2, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);

    fd = open_input("x", 1, _i);
    r = ug_reader_new(fd, 0);
    expect_line(r, "x", 1, 1, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_empty_input)
{
    int fd = open_input("", 0, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    expect_eof(r);
    ck_assert_uint_eq(ug_reader_lineno(r), 0);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_empty_lines)
{
    static const char in[] = "\n\na\n\n\nb\n\n";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    expect_line(r, "", 0, 1, 1);
    expect_line(r, "", 0, 2, 1);
    expect_line(r, "a", 1, 3, 1);
    expect_line(r, "", 0, 4, 1);
    expect_line(r, "", 0, 5, 1);
    expect_line(r, "b", 1, 6, 1);
    expect_line(r, "", 0, 7, 1);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);

    /* a single newline is one empty line, not zero lines */
    fd = open_input("\n", 1, _i);
    r = ug_reader_new(fd, 0);
    expect_line(r, "", 0, 1, 1);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_nul_bytes)
{
    static const char in[] = "a\0b\n\0\n\0\0\0\nend\0";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    expect_line(r, "a\0b", 3, 1, 1);
    expect_line(r, "\0", 1, 2, 1);
    expect_line(r, "\0\0\0", 3, 3, 1);
    expect_line(r, "end\0", 4, 4, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_crlf_kept)
{
    static const char in[] = "dos\r\n\r\nmixed\nlone\rcr\r\nlast\r";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    expect_line(r, "dos\r", 4, 1, 1);
    expect_line(r, "\r", 1, 2, 1);
    expect_line(r, "mixed", 5, 3, 1);
    expect_line(r, "lone\rcr\r", 8, 4, 1);
    expect_line(r, "last\r", 5, 5, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_exact_max_line)
{
    const size_t max = 10;
    /* 10 bytes + '\n' fits; 10 bytes at EOF fits; 11 bytes do not */
    static const char in[] = "0123456789\n"
                             "0123456789A\n"
                             "short\n"
                             "0123456789";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, max);
    expect_line(r, "0123456789", 10, 1, 1);
    expect_toolong(r, "0123456789A", max, 2);
    expect_line(r, "short", 5, 3, 1);
    expect_line(r, "0123456789", 10, 4, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);

    /* one over at EOF without a final newline */
    fd = open_input("0123456789A", 11, _i);
    r = ug_reader_new(fd, max);
    expect_toolong(r, "0123456789A", max, 1);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_max_line_one)
{
    static const char in[] = "a\n\nbc\nd";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 1);
    expect_line(r, "a", 1, 1, 1);
    expect_line(r, "", 0, 2, 1);
    expect_toolong(r, "bc", 1, 3);
    expect_line(r, "d", 1, 4, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_overlong_then_normal)
{
    /* over-long lines of several sizes, each followed by normal lines */
    const size_t max = 100;
    size_t sizes[] = { 101, 150, 5000, 70000, 300000 };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char *big = make_bytes(sizes[k], (unsigned)k);
        size_t n;
        char *in = cat3("before\n", 7, big, sizes[k], "\nafter\n\nlast", 12, &n);
        int fd = open_input(in, n, _i);
        ug_reader *r = ug_reader_new(fd, max);
        expect_line(r, "before", 6, 1, 1);
        expect_toolong(r, big, max, 2);
        expect_line(r, "after", 5, 3, 1);
        expect_line(r, "", 0, 4, 1);
        expect_line(r, "last", 4, 5, 0);
        expect_eof(r);
        ug_reader_free(r);
        close_input(fd);
        free(in);
        free(big);
    }
}
END_TEST

START_TEST(test_consecutive_overlong)
{
    const size_t max = 8;
    static const char in[] = "0123456789\nabcdefghijklmnop\nqrstuvwxyz\nok\n0123456789";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, max);
    expect_toolong(r, "0123456789", max, 1);
    expect_toolong(r, "abcdefghijklmnop", max, 2);
    expect_toolong(r, "qrstuvwxyz", max, 3);
    expect_line(r, "ok", 2, 4, 1);
    expect_toolong(r, "0123456789", max, 5);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

/* Reads an over-long line of size n (max_line max) followed by "next\n",
 * drains it and checks prefix + drained == line. */
static void drain_case(size_t n, size_t max, int src, int final_newline)
{
    char *big = make_bytes(n, (unsigned)(n + max));
    size_t inlen;
    char *in = final_newline ? cat3("head\n", 5, big, n, "\nnext\n", 6, &inlen)
                             : cat3("head\n", 5, big, n, "", 0, &inlen);
    int fd = open_input(in, inlen, src);
    ug_reader *r = ug_reader_new(fd, max);
    ck_assert_ptr_nonnull(r);
    expect_line(r, "head", 4, 1, 1);

    const char *line;
    size_t len;
    ck_assert_int_eq(ug_reader_next(r, &line, &len), UG_ETOOLONG);
    ck_assert_uint_eq(len, max);
    ck_assert_uint_eq(ug_reader_lineno(r), 2);
    drain_ctx c = { { 0 }, 0, 0, 0 };
    /* the prefix is copied before draining: it stays valid only until then */
    ck_assert_int_eq(ug_buf_append(&c.out, line, len), UG_OK);
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
    ck_assert_uint_eq(c.out.len, n);
    ck_assert_mem_eq(c.out.data, big, n);
    ck_assert_uint_le(c.max_chunk, max + ((size_t)64 << 10));
    ck_assert_uint_eq(ug_reader_lineno(r), 2);
    /* a second drain has nothing left to pass */
    size_t calls = c.calls;
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
    ck_assert_uint_eq(c.calls, calls);
    if (final_newline)
        expect_line(r, "next", 4, 3, 1);
    expect_eof(r);
    ug_buf_free(&c.out);
    ug_reader_free(r);
    close_input(fd);
    free(in);
    free(big);
}

START_TEST(test_drain_fits_in_buffer)
{
    drain_case(11, 10, _i, 1);
    drain_case(200, 10, _i, 1);
    drain_case(5000, 1000, _i, 1);
    drain_case(5000, 1000, _i, 0);
}
END_TEST

START_TEST(test_drain_huge_line)
{
    /* 1 MB line, max_line 1000: spans many read chunks */
    drain_case((size_t)1 << 20, 1000, _i, 1);
    drain_case((size_t)1 << 20, 1000, _i, 0);
    /* max_line above the read chunk size */
    drain_case(((size_t)1 << 20) + 17, 100000, _i, 1);
}
END_TEST

START_TEST(test_drain_null_fn)
{
    char *big = make_bytes(300000, 5);
    size_t n;
    char *in = cat3(big, 300000, "\nnext\n", 6, "", 0, &n);
    int fd = open_input(in, n, _i);
    ug_reader *r = ug_reader_new(fd, 50);
    expect_toolong(r, big, 50, 1);
    ck_assert_int_eq(ug_reader_drain(r, NULL, NULL), UG_OK);
    expect_line(r, "next", 4, 2, 1);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
    free(in);
    free(big);
}
END_TEST

START_TEST(test_drain_stops_on_fn_status)
{
    /* the callback's status stops the drain and is returned; the next read
     * still moves past the rest of the line */
    char *big = make_bytes(500000, 9);
    size_t n;
    char *in = cat3(big, 500000, "\nnext\n", 6, "", 0, &n);
    int fd = open_input(in, n, _i);
    ug_reader *r = ug_reader_new(fd, 100);
    expect_toolong(r, big, 100, 1);
    drain_ctx c = { { 0 }, 0, 0, 1 };
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_EIO);
    ck_assert_uint_eq(c.calls, 1);
    ck_assert_uint_gt(c.out.len, 0);
    ck_assert_mem_eq(c.out.data, big + 100, c.out.len);
    expect_line(r, "next", 4, 2, 1);
    expect_eof(r);
    ug_buf_free(&c.out);
    ug_reader_free(r);
    close_input(fd);
    free(in);
    free(big);
}
END_TEST

START_TEST(test_drain_without_overlong_is_noop)
{
    static const char in[] = "one\ntwo\n";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 0);
    drain_ctx c = { { 0 }, 0, 0, 0 };
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
    expect_line(r, "one", 3, 1, 1);
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
    ck_assert_uint_eq(c.calls, 0);
    expect_line(r, "two", 3, 2, 1);
    expect_eof(r);
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
    ck_assert_uint_eq(c.calls, 0);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_drain_exactly_one_over)
{
    /* the remainder is a single byte, right before the newline */
    static const char in[] = "0123456789X\nnext";
    int fd = open_input(in, sizeof in - 1, _i);
    ug_reader *r = ug_reader_new(fd, 10);
    expect_toolong(r, in, 10, 1);
    drain_ctx c = { { 0 }, 0, 0, 0 };
    ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
    ck_assert_uint_eq(c.out.len, 1);
    ck_assert_int_eq(c.out.data[0], 'X');
    expect_line(r, "next", 4, 2, 0);
    expect_eof(r);
    ug_buf_free(&c.out);
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

/* Deterministic PRNG (xorshift64*) so failures reproduce. */
static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

/* Generates ~total bytes of lines with lengths from lens() and checks that
 * the reader returns them all (with max_line max, over-long lines drained). */
static void many_lines_case(size_t total, size_t max, size_t maxlen, int src, uint64_t seed)
{
    size_t cap = total + maxlen + 2, n = 0, nlines = 0;
    char *in = malloc(cap);
    size_t *starts = malloc(sizeof *starts * (total + 2));
    size_t *lens = malloc(sizeof *lens * (total + 2));
    ck_assert(in && starts && lens);
    rng_state = seed;
    while (n < total) {
        size_t len;
        uint64_t pick = rng() % 8;
        if (pick == 0)
            len = 0;
        else if (pick < 5)
            len = rng() % 200;
        else
            len = rng() % (maxlen + 1);
        starts[nlines] = n;
        lens[nlines] = len;
        for (size_t k = 0; k < len; k++) {
            char ch = (char)(rng() & 0xFF);
            in[n + k] = ch == '\n' ? 'N' : ch;
        }
        n += len;
        in[n++] = '\n';
        nlines++;
    }
    /* the last line has no newline half of the time */
    int last_nl = (int)(seed & 1);
    if (!last_nl)
        n--;

    int fd = open_input(in, n, src);
    ug_reader *r = ug_reader_new(fd, max);
    size_t eff_max = max ? max : UG_DEFAULT_MAX_LINE;
    for (size_t i = 0; i < nlines; i++) {
        int nl = i + 1 < nlines || last_nl;
        if (lens[i] <= eff_max) {
            expect_line(r, in + starts[i], lens[i], i + 1, nl);
        } else {
            expect_toolong(r, in + starts[i], eff_max, i + 1);
            if (i % 2) {
                drain_ctx c = { { 0 }, 0, 0, 0 };
                ck_assert_int_eq(ug_reader_drain(r, collect, &c), UG_OK);
                ck_assert_uint_eq(c.out.len, lens[i] - eff_max);
                ck_assert_mem_eq(c.out.data, in + starts[i] + eff_max, c.out.len);
                ug_buf_free(&c.out);
            }
        }
    }
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
    free(in);
    free(starts);
    free(lens);
}

START_TEST(test_long_input_many_chunks)
{
    /* ~3 MB of short and medium lines: dozens of 64 KiB chunks */
    many_lines_case((size_t)3 << 20, 0, 5000, _i, 0x1234567ull + (uint64_t)_i);
}
END_TEST

START_TEST(test_long_lines_across_chunks)
{
    /* lines longer than a read chunk with the default limit */
    many_lines_case((size_t)2 << 20, 0, 200000, _i, 0xBEEF0ull + (uint64_t)_i);
}
END_TEST

START_TEST(test_mixed_overlong_random)
{
    /* a limit that random lines often exceed, with and without draining */
    many_lines_case((size_t)2 << 20, 3000, 100000, _i, 0xF00Dull + (uint64_t)_i);
    many_lines_case((size_t)1 << 20, 70000, 150000, _i, 0xCAFEull + (uint64_t)_i);
}
END_TEST

START_TEST(test_huge_max_line_value)
{
    /* a very large limit (no practical maximum) must still return long lines whole */
    size_t len = 300000;
    char *big = make_bytes(len, 3);
    size_t n;
    char *in = cat3(big, len, "\nend\n", 5, "", 0, &n);
    int fd = open_input(in, n, _i);
    ug_reader *r = ug_reader_new(fd, SIZE_MAX);
    ck_assert_ptr_nonnull(r);
    expect_line(r, big, len, 1, 1);
    expect_line(r, "end", 3, 2, 1);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
    free(in);
    free(big);
}
END_TEST

START_TEST(test_read_error)
{
    /* reading a directory fails with EISDIR */
    int fd = open("/", O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ug_reader *r = ug_reader_new(fd, 0);
    const char *line;
    size_t len;
    errno = 0;
    ck_assert_int_eq(ug_reader_next(r, &line, &len), UG_EIO);
    ck_assert_int_eq(errno, EISDIR);
    ug_reader_free(r);
    close(fd);

    /* a closed descriptor fails with EBADF */
    int pfd[2];
    ck_assert_int_eq(pipe(pfd), 0);
    close(pfd[0]);
    close(pfd[1]);
    r = ug_reader_new(pfd[0], 0);
    errno = 0;
    ck_assert_int_eq(ug_reader_next(r, &line, &len), UG_EIO);
    ck_assert_int_eq(errno, EBADF);
    ug_reader_free(r);
}
END_TEST

START_TEST(test_new_free)
{
    ug_reader_free(NULL);
    ug_alloc_fail_after(0);
    ck_assert_ptr_null(ug_reader_new(0, 0));
    ug_alloc_fail_after(1);     /* the struct succeeds, its buffer fails */
    ck_assert_ptr_null(ug_reader_new(0, 0));
    ug_alloc_fail_after(-1);
    ug_reader *r = ug_reader_new(0, 0);
    ck_assert_ptr_nonnull(r);
    ug_reader_free(r);
}
END_TEST

START_TEST(test_growth_failure_recovers)
{
    /* With a limit above the initial buffer, a long line makes the reader
     * grow its buffer, so UG_ENOMEM can come from ug_reader_next(). When
     * that allocation fails the reader must say so (not truncate the line)
     * and return the whole line once memory is back. */
    size_t len = 200000;
    char *big = make_bytes(len, 11);
    size_t n;
    char *in = cat3(big, len, "\nend", 4, "", 0, &n);
    int fd = open_input(in, n, SRC_FILE);
    ug_reader *r = ug_reader_new(fd, 0);
    const char *line;
    size_t got;
    ug_alloc_fail_after(0);
    ug_status st = ug_reader_next(r, &line, &got);
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(st, UG_ENOMEM);
    expect_line(r, big, len, 1, 1);
    expect_line(r, "end", 3, 2, 0);
    expect_eof(r);
    ug_reader_free(r);
    close_input(fd);
    free(in);
    free(big);
}
END_TEST

/* ---- idle hook ---------------------------------------------------------- */

/* State of idle_writer(): calls seen, and the pipe it feeds. */
typedef struct {
    int calls;
    int wfd;                    /* write end, closed after the first call; -1 then */
} idle_state;

/* Idle hook that, the first time, writes the next line into the pipe the
 * reader waits on and closes it, as a slow writer would. */
static void idle_writer(void *ctx)
{
    idle_state *st = ctx;
    st->calls++;
    if (st->wfd >= 0) {
        ck_assert_int_eq(write(st->wfd, "b\n", 2), 2);
        close(st->wfd);
        st->wfd = -1;
    }
}

START_TEST(test_idle_when_pipe_empty)
{
    int pfd[2];
    ck_assert_int_eq(pipe(pfd), 0);
    ck_assert_int_eq(write(pfd[1], "a\n", 2), 2);
    idle_state st = { 0, pfd[1] };
    ug_reader *r = ug_reader_new(pfd[0], 0);
    ug_reader_on_idle(r, idle_writer, &st);
    expect_line(r, "a", 1, 1, 1);
    ck_assert_int_eq(st.calls, 0);      /* the line was there: no wait */
    expect_line(r, "b", 1, 2, 1);       /* the pipe was empty: the hook ran */
    ck_assert_int_eq(st.calls, 1);
    expect_eof(r);                      /* end of input is ready at once */
    ck_assert_int_eq(st.calls, 1);
    ug_reader_free(r);
    close(pfd[0]);
}
END_TEST

START_TEST(test_idle_never_on_file)
{
    const char *in = "one\ntwo\n";
    int fd = open_input(in, strlen(in), SRC_FILE);
    idle_state st = { 0, -1 };
    ug_reader *r = ug_reader_new(fd, 0);
    ug_reader_on_idle(r, idle_writer, &st);
    expect_line(r, "one", 3, 1, 1);
    expect_line(r, "two", 3, 2, 1);
    expect_eof(r);
    ck_assert_int_eq(st.calls, 0);      /* a regular file never waits */
    ug_reader_free(r);
    close_input(fd);
}
END_TEST

START_TEST(test_idle_hook_removed)
{
    int pfd[2];
    ck_assert_int_eq(pipe(pfd), 0);
    ck_assert_int_eq(write(pfd[1], "x\n", 2), 2);
    close(pfd[1]);
    idle_state st = { 0, -1 };
    ug_reader *r = ug_reader_new(pfd[0], 0);
    ug_reader_on_idle(r, idle_writer, &st);
    ug_reader_on_idle(r, NULL, NULL);
    expect_line(r, "x", 1, 1, 1);
    expect_eof(r);
    ck_assert_int_eq(st.calls, 0);
    ug_reader_free(r);
    close(pfd[0]);
}
END_TEST

static Suite *lineio_suite(void)
{
    Suite *s = suite_create("lineio");
    TCase *tc = tcase_create("lines");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_basic_lines, 0, SRC_COUNT);
    tcase_add_loop_test(tc, test_no_final_newline, 0, SRC_COUNT);
    tcase_add_loop_test(tc, test_empty_input, 0, SRC_COUNT);
    tcase_add_loop_test(tc, test_empty_lines, 0, SRC_COUNT);
    tcase_add_loop_test(tc, test_nul_bytes, 0, SRC_COUNT);
    tcase_add_loop_test(tc, test_crlf_kept, 0, SRC_COUNT);
    suite_add_tcase(s, tc);

    TCase *tl = tcase_create("max_line");
    tcase_set_timeout(tl, 120);
    tcase_add_loop_test(tl, test_exact_max_line, 0, SRC_COUNT);
    tcase_add_loop_test(tl, test_max_line_one, 0, SRC_COUNT);
    tcase_add_loop_test(tl, test_overlong_then_normal, 0, SRC_COUNT);
    tcase_add_loop_test(tl, test_consecutive_overlong, 0, SRC_COUNT);
    tcase_add_loop_test(tl, test_huge_max_line_value, 0, SRC_COUNT);
    suite_add_tcase(s, tl);

    TCase *td = tcase_create("drain");
    tcase_set_timeout(td, 120);
    tcase_add_loop_test(td, test_drain_fits_in_buffer, 0, SRC_COUNT);
    tcase_add_loop_test(td, test_drain_huge_line, 0, SRC_COUNT);
    tcase_add_loop_test(td, test_drain_null_fn, 0, SRC_COUNT);
    tcase_add_loop_test(td, test_drain_stops_on_fn_status, 0, SRC_COUNT);
    tcase_add_loop_test(td, test_drain_without_overlong_is_noop, 0, SRC_COUNT);
    tcase_add_loop_test(td, test_drain_exactly_one_over, 0, SRC_COUNT);
    suite_add_tcase(s, td);

    TCase *tb = tcase_create("bulk");
    tcase_set_timeout(tb, 300);
    tcase_add_loop_test(tb, test_long_input_many_chunks, 0, SRC_COUNT);
    tcase_add_loop_test(tb, test_long_lines_across_chunks, 0, SRC_COUNT);
    tcase_add_loop_test(tb, test_mixed_overlong_random, 0, SRC_COUNT);
    suite_add_tcase(s, tb);

    TCase *te = tcase_create("errors");
    tcase_add_test(te, test_read_error);
    tcase_add_test(te, test_new_free);
    tcase_add_test(te, test_growth_failure_recovers);
    suite_add_tcase(s, te);

    TCase *ti = tcase_create("idle");
    tcase_add_test(ti, test_idle_when_pipe_empty);
    tcase_add_test(ti, test_idle_never_on_file);
    tcase_add_test(ti, test_idle_hook_removed);
    suite_add_tcase(s, ti);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lineio_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
