/* normalize: raw bytes in any encoding -> clean UTF-8 document records. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

static void usage(void)
{
    printf("Usage: %s [OPTION]... [FILE]...\n", cli_prog);
    fputs("Turn raw text (any encoding, mojibake, HTML entities, odd spaces, control\n"
          "characters) into clean UTF-8. Each FILE is one document; with no FILE, or\n"
          "when FILE is -, read standard input. Writes one JSON Lines document record\n"
          "per document: {\"id\":FILE,\"text\":...,\"ug\":{\"norm\":{...}}}.\n"
          "\n"
          "Input and output:\n"
          "      --jsonl              read JSON Lines records and normalize their text field\n"
          "      --text               write the normalized text instead of records\n"
          "      --text-field=NAME    field holding the text (default: text)\n"
          "      --id-field=NAME      field holding the document id (default: id)\n"
          "      --rejects=FILE       write rejected records or documents to FILE\n"
          "      --max-line-bytes=N   longest JSON Lines record accepted (default 64M)\n"
          "      --max-doc-bytes=N    largest document file accepted (default 1G)\n"
          "\n"
          "Encodings:\n"
          "      --from=ENC           read the input as ENC (any stateless iconv name);\n"
          "                           default: detect (BOM, then UTF-16 by NUL pattern,\n"
          "                           then UTF-8, then windows-1252)\n"
          "      --invalid=replace|fail  invalid bytes become U+FFFD (default) or reject\n"
          "                           the document\n"
          "\n"
          "Repairs (all on by default):\n"
          "      --no-mojibake        do not repair mojibake or C1 controls\n"
          "      --no-entities        do not decode HTML character references\n"
          "      --nfkc               NFKC instead of NFC\n"
          "      --keep-spaces        keep runs of spaces and trailing blanks\n"
          "      --ascii-punct        fold curly quotes, dashes and ellipses to ASCII\n"
          "      --no-map             leave the offset map out of ug.norm\n"
          "\n"
          "      --progress           show bytes, records and rate on standard error while\n"
          "                           running (only when it is a terminal)\n"
          "      --help               show this help and exit\n"
          "      --version            show version information and exit\n"
          "\n"
          "Exit status: 0 all input normalized, 1 some input rejected, 2 usage or I/O error.\n"
          "See normalize(1).\n", stdout);
}

enum {
    OPT_JSONL = 256, OPT_TEXT, OPT_TEXT_FIELD, OPT_ID_FIELD, OPT_REJECTS, OPT_MAX_LINE,
    OPT_MAX_DOC, OPT_FROM, OPT_INVALID, OPT_NO_MOJIBAKE, OPT_NO_ENTITIES, OPT_NFKC,
    OPT_KEEP_SPACES, OPT_ASCII_PUNCT, OPT_NO_MAP, OPT_PROGRESS, OPT_HELP, OPT_VERSION
};

static const struct option longopts[] = {
    { "jsonl", no_argument, NULL, OPT_JSONL },
    { "text", no_argument, NULL, OPT_TEXT },
    { "text-field", required_argument, NULL, OPT_TEXT_FIELD },
    { "id-field", required_argument, NULL, OPT_ID_FIELD },
    { "rejects", required_argument, NULL, OPT_REJECTS },
    { "max-line-bytes", required_argument, NULL, OPT_MAX_LINE },
    { "max-doc-bytes", required_argument, NULL, OPT_MAX_DOC },
    { "from", required_argument, NULL, OPT_FROM },
    { "invalid", required_argument, NULL, OPT_INVALID },
    { "no-mojibake", no_argument, NULL, OPT_NO_MOJIBAKE },
    { "no-entities", no_argument, NULL, OPT_NO_ENTITIES },
    { "nfkc", no_argument, NULL, OPT_NFKC },
    { "keep-spaces", no_argument, NULL, OPT_KEEP_SPACES },
    { "ascii-punct", no_argument, NULL, OPT_ASCII_PUNCT },
    { "no-map", no_argument, NULL, OPT_NO_MAP },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

typedef struct {
    cli_input in;
    ug_norm_opts opts;
    int text_out;
    size_t max_doc;
    ug_buf out, tmp, norm;
} app;

/* Sink for --text: straight to stdout. */
static ug_status text_sink(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    cli_write(p, n);
    return UG_OK;
}

/* Sink for records: the text, JSON-escaped, straight to stdout. */
static ug_status json_sink(void *ctx, const char *p, size_t n)
{
    app *a = ctx;
    ug_buf_clear(&a->tmp);
    if (ug_json_put_escaped(&a->tmp, p, n))
        return UG_ENOMEM;
    cli_write(a->tmp.data, a->tmp.len);
    return UG_OK;
}

static void oom(void)
{
    cli_error("out of memory");
    exit(CLI_TROUBLE);
}

/* Line number (1-based) of raw offset off in a document read as enc: one
 * plus the line feeds before it. In UTF-16 and UTF-32 a line feed is a
 * whole code unit; a 0x0A byte may be half of another character (U+010A,
 * U+0A0A). Byte order marks keep the code units aligned. */
static unsigned long long line_of(const char *raw, size_t off, const char *enc)
{
    const unsigned char *p = (const unsigned char *)raw;
    size_t unit = 1, at = 0;    /* code unit size; where its 0x0A byte is */
    if (strcmp(enc, "utf-16le") == 0) unit = 2;
    else if (strcmp(enc, "utf-16be") == 0) unit = 2, at = 1;
    else if (strcmp(enc, "utf-32le") == 0) unit = 4;
    else if (strcmp(enc, "utf-32be") == 0) unit = 4, at = 3;
    unsigned long long l = 1;
    for (size_t i = 0; i + unit <= off; i += unit) {
        if (p[i + at] != '\n')
            continue;
        size_t k = 0;
        while (k < unit && (k == at || p[i + k] == 0))
            k++;
        l += k == unit;
    }
    return l;
}

/* Writes the tail of a document record: the ug.norm object. */
static void write_norm_tail(app *a, const ug_norm_result *res)
{
    ug_buf_clear(&a->norm);
    if (ug_buf_puts(&a->norm, "\",\"ug\":{\"norm\":") || ug_norm_result_json(res, &a->norm) ||
        ug_buf_puts(&a->norm, "}}\n"))
        oom();
    cli_write(a->norm.data, a->norm.len);
}

/* Normalizes one document file (already read into raw). */
static void do_document(app *a, const char *name, const ug_buf *raw)
{
    ug_norm_result res;
    ug_status st;
    int fail_mode = (a->opts.flags & UG_NORM_INVALID_FAIL) != 0;
    if (fail_mode) {
        /* never write part of a document that is then rejected */
        ug_buf_clear(&a->out);
        st = ug_normalize_buf(raw->data, raw->len, &a->opts, &a->out, &res);
    } else if (a->text_out) {
        st = ug_normalize(raw->data, raw->len, &a->opts, text_sink, a, &res);
    } else {
        ug_buf_clear(&a->tmp);
        if (ug_buf_puts(&a->tmp, "{\"id\":") || ug_json_put_string(&a->tmp, name, strlen(name)) ||
            ug_buf_puts(&a->tmp, ",\"text\":\""))
            oom();
        cli_write(a->tmp.data, a->tmp.len);
        st = ug_normalize(raw->data, raw->len, &a->opts, json_sink, a, &res);
    }
    if (st == UG_EUTF8) {
        cli_error_at(name, line_of(raw->data, res.first_invalid, res.encoding),
                     "invalid %s at byte %zu", res.encoding, res.first_invalid + 1);
        cli_reject(&a->in, raw->data, raw->len);
        ug_norm_result_free(&res);
        return;
    }
    if (st == UG_EENCODING) {
        cli_error("%s: unknown encoding", a->opts.from);
        exit(CLI_TROUBLE);
    }
    if (st)
        oom();
    if (fail_mode) {
        if (a->text_out) {
            cli_write(a->out.data, a->out.len);
        } else {
            ug_buf_clear(&a->tmp);
            if (ug_buf_puts(&a->tmp, "{\"id\":") || ug_json_put_string(&a->tmp, name, strlen(name)) ||
                ug_buf_puts(&a->tmp, ",\"text\":\"") || ug_json_put_escaped(&a->tmp, a->out.data, a->out.len))
                oom();
            cli_write(a->tmp.data, a->tmp.len);
        }
    }
    if (!a->text_out)
        write_norm_tail(a, &res);
    ug_norm_result_free(&res);
}

/* Rejects a document over --max-doc-bytes: its first bytes are in raw,
 * the rest is still unread in fd; all of it goes to the rejects file. */
static void reject_big(app *a, int fd, ug_buf *raw)
{
    a->in.records_rejected++;
    if (a->in.status < CLI_REJECTED)
        a->in.status = CLI_REJECTED;
    FILE *f = a->in.rejects;
    if (!f)
        return;
    char chunk[1 << 16];
    ssize_t got;
    int ok = fwrite(raw->data, 1, raw->len, f) == raw->len;
    while (ok && (got = read(fd, chunk, sizeof chunk)) > 0)
        ok = fwrite(chunk, 1, (size_t)got, f) == (size_t)got;
    if (!ok || fputc('\n', f) == EOF) {
        cli_error("%s: %s", a->in.rejects_path, strerror(errno));
        exit(CLI_TROUBLE);
    }
}

/* Normalizes the text field of one JSON Lines record. */
static int do_record(void *ctx, const char *line, size_t len, ug_record *rec,
                     const char *file, unsigned long long lineno)
{
    app *a = ctx;
    const ug_json_member *t = &rec->m[ug_record_find(rec, a->in.text_key)];
    ug_norm_result res;
    ug_buf_clear(&a->tmp);
    if (ug_json_decode_string(t->val, t->val_len, &a->tmp))
        oom();
    ug_buf_clear(&a->out);
    ug_status st = ug_normalize_buf(a->tmp.data, a->tmp.len, &a->opts, &a->out, &res);
    if (st == UG_EUTF8) {
        /* only reachable with --invalid=fail; JSON text is valid UTF-8 */
        cli_error_at(file, lineno, "invalid text at byte %zu", res.first_invalid + 1);
        cli_reject(&a->in, line, len);
        ug_norm_result_free(&res);
        return 0;
    }
    if (st)
        oom();
    if (a->text_out) {
        cli_write(a->out.data, a->out.len);
        cli_write("\n", 1);
        ug_norm_result_free(&res);
        return 0;
    }
    int unchanged = res.map.n == 0 && res.bytes_out == res.bytes_in;
    ug_buf_clear(&a->tmp);
    if (!unchanged && ug_json_put_string(&a->tmp, a->out.data, a->out.len))
        oom();
    ug_field top = { a->in.text_key, unchanged ? t->val : a->tmp.data, unchanged ? t->val_len : a->tmp.len };
    ug_buf_clear(&a->norm);
    if (ug_norm_result_json(&res, &a->norm))
        oom();
    ug_field ug = { "norm", a->norm.data, a->norm.len };
    ug_buf_clear(&a->out);
    if (ug_record_write(&a->out, rec, &top, 1, &ug, 1))
        oom();
    cli_write(a->out.data, a->out.len);
    ug_norm_result_free(&res);
    return 0;
}

int main(int argc, char **argv)
{
    app a;
    int jsonl = 0, c;
    memset(&a, 0, sizeof a);
    cli_init(argv[0]);
    cli_input_init(&a.in);
    a.max_doc = (size_t)1 << 30;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_JSONL: jsonl = 1; break;
        case OPT_TEXT: a.text_out = 1; break;
        case OPT_TEXT_FIELD: a.in.text_key = optarg; break;
        case OPT_ID_FIELD: a.in.id_key = optarg; break;
        case OPT_REJECTS: a.in.rejects_path = optarg; break;
        case OPT_MAX_LINE:
            if (cli_parse_size(optarg, &a.in.max_line))
                cli_usage_error("invalid --max-line-bytes: '%s'", optarg);
            break;
        case OPT_MAX_DOC:
            if (cli_parse_size(optarg, &a.max_doc))
                cli_usage_error("invalid --max-doc-bytes: '%s'", optarg);
            break;
        case OPT_FROM: a.opts.from = optarg; break;
        case OPT_INVALID:
            if (strcmp(optarg, "fail") == 0) a.opts.flags |= UG_NORM_INVALID_FAIL;
            else if (strcmp(optarg, "replace") == 0) a.opts.flags &= ~(unsigned)UG_NORM_INVALID_FAIL;
            else cli_usage_error("invalid --invalid: '%s' (use replace or fail)", optarg);
            break;
        case OPT_NO_MOJIBAKE: a.opts.flags |= UG_NORM_NO_MOJIBAKE; break;
        case OPT_NO_ENTITIES: a.opts.flags |= UG_NORM_NO_ENTITIES; break;
        case OPT_NFKC: a.opts.flags |= UG_NORM_NFKC; break;
        case OPT_KEEP_SPACES: a.opts.flags |= UG_NORM_KEEP_SPACES; break;
        case OPT_ASCII_PUNCT: a.opts.flags |= UG_NORM_ASCII_PUNCT; break;
        case OPT_NO_MAP: a.opts.flags |= UG_NORM_NO_MAP; break;
        case OPT_PROGRESS: cli_progress_enable(&a.in); break;
        case OPT_HELP: usage(); return CLI_OK;
        case OPT_VERSION: cli_version(); return CLI_OK;
        default: cli_usage_error(NULL);
        }
    }
    if (a.in.rejects_path)
        cli_open_rejects(&a.in);
    if (a.opts.from) {
        /* check the encoding name once, before reading anything */
        ug_norm_result res;
        if (ug_normalize("", 0, &a.opts, text_sink, &a, &res) == UG_EENCODING)
            cli_usage_error("unknown or stateful encoding '%s' (see iconv -l; convert ISO-2022 and UTF-7 with iconv first)", a.opts.from);
        ug_norm_result_free(&res);
    }
    if (jsonl) {
        if (a.opts.from)
            cli_usage_error("--from does not apply to --jsonl input (JSON text is UTF-8)");
        a.opts.flags |= UG_NORM_TEXT_IS_UTF8;
        cli_each_record(&a.in, argv + optind, argc - optind, do_record, &a);
    } else {
        int n = argc - optind;
        char **files = cli_file_args(argv + optind, &n);
        ug_buf raw = { 0 };
        for (int i = 0; i < n; i++) {
            const char *name = files[i];
            int fd = cli_open_arg(&a.in, name);
            if (fd < 0)
                continue;
            ug_buf_clear(&raw);
            ug_status st;
            struct stat sb;
            void *map = NULL;
            if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
                (size_t)sb.st_size <= a.max_doc &&
                (map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
                /* a regular file is mapped, not copied */
                ug_buf view = { map, (size_t)sb.st_size, 0 };
                if (fd != 0)
                    close(fd);
                a.in.records_in++;
                cli_progress(&a.in, view.len);
                do_document(&a, name, &view);
                munmap(map, (size_t)sb.st_size);
                continue;
            }
            st = cli_slurp(fd, &raw, a.max_doc);
            if (fd != 0 && st != UG_ETOOLONG)
                close(fd);
            if (st == UG_ENOMEM)
                oom();
            if (st == UG_EIO) {
                cli_error("%s: read error: %s", name, strerror(errno));
                a.in.status = CLI_TROUBLE;
                continue;
            }
            if (st == UG_ETOOLONG) {
                cli_error("%s: document larger than %zu bytes (see --max-doc-bytes); rejected", name, a.max_doc);
                reject_big(&a, fd, &raw);
                if (fd != 0)
                    close(fd);
                continue;
            }
            a.in.records_in++;
            cli_progress(&a.in, raw.len);
            do_document(&a, name, &raw);
        }
        ug_buf_free(&raw);
        cli_progress_done(&a.in);
    }
    ug_buf_free(&a.out);
    ug_buf_free(&a.tmp);
    ug_buf_free(&a.norm);
    return a.in.status;
}
