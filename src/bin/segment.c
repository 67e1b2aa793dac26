/* segment: document records -> one record per sentence with paragraph, byte offsets and kind. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "ug/segment.h"

/* --help text: every option of longopts, on standard output. */
static void usage(void)
{
    printf("Usage: %s [OPTION]... [FILE]...\n", cli_prog);
    fputs("Split documents into paragraphs and sentences. Reads JSON Lines document\n"
          "records (with no FILE, or when FILE is -, standard input) and writes one\n"
          "record per sentence: the input record with its text replaced by the\n"
          "sentence and {\"para\",\"sent\",\"start\",\"end\",\"kind\"} added under \"ug\".\n"
          "start and end are byte offsets into the document text; only white space\n"
          "lies between consecutive sentences. Consecutive records with the same id\n"
          "are one document.\n"
          "\n"
          "Input and output:\n"
          "      --text               read plain text (each FILE one document) and write\n"
          "                           one sentence per line, a blank line between\n"
          "                           paragraphs\n"
          "      --text-field=NAME    field holding the text (default: text)\n"
          "      --id-field=NAME      field holding the document id (default: id)\n"
          "      --rejects=FILE       write rejected records to FILE\n"
          "      --max-line-bytes=N   longest JSON Lines record, or --text document,\n"
          "                           accepted (default 64M)\n"
          "\n"
          "Segmentation:\n"
          "      --newlines=hard|soft  hard (default): every line is a paragraph;\n"
          "                           soft: lines are wrapped prose, only blank lines\n"
          "                           separate paragraphs\n"
          "      --rules=news|uax29   news (default): Unicode rules plus abbreviations,\n"
          "                           initials, numbers, ellipses, quotes, URLs, lists\n"
          "                           and missing spaces; uax29: the plain Unicode\n"
          "                           sentence boundaries (UAX #29)\n"
          "      --lang=LANG          abbreviations and word lists: en (default), es,\n"
          "                           fr or de\n"
          "      --max-sentence-bytes=N  cut longer sentences, marking the pieces\n"
          "                           \"forced\":true (default 64K)\n"
          "\n"
          "      --progress           show bytes, records and rate on standard error while\n"
          "                           running (only when it is a terminal)\n"
          "      --help               show this help and exit\n"
          "      --version            show version information and exit\n"
          "\n"
          "Kinds: body, headline, caption, byline, dateline, list, boilerplate.\n"
          "Exit status: 0 all input segmented, 1 some input rejected, 2 usage or I/O error.\n"
          "See segment(1).\n", stdout);
}

enum {
    OPT_TEXT = 256, OPT_TEXT_FIELD, OPT_ID_FIELD, OPT_REJECTS, OPT_MAX_LINE, OPT_NEWLINES,
    OPT_RULES, OPT_LANG, OPT_MAX_SENT, OPT_PROGRESS, OPT_HELP, OPT_VERSION
};

static const struct option longopts[] = {
    { "text", no_argument, NULL, OPT_TEXT },
    { "text-field", required_argument, NULL, OPT_TEXT_FIELD },
    { "id-field", required_argument, NULL, OPT_ID_FIELD },
    { "rejects", required_argument, NULL, OPT_REJECTS },
    { "max-line-bytes", required_argument, NULL, OPT_MAX_LINE },
    { "newlines", required_argument, NULL, OPT_NEWLINES },
    { "rules", required_argument, NULL, OPT_RULES },
    { "lang", required_argument, NULL, OPT_LANG },
    { "max-sentence-bytes", required_argument, NULL, OPT_MAX_SENT },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

typedef struct {
    cli_input in;
    ug_segmenter *sg;
    ug_buf text;            /* decoded text of the current record */
    size_t part_base;       /* document offset of text */
    size_t doc_len;         /* bytes of the current document so far */
    ug_buf out, sent, ugobj, prev_id;
    int have_prev_id;
    const ug_record *first; /* record written with the first sentence */
    ug_record rest;         /* the same without ug.norm, for the others */
    ug_record ugrec;        /* parse of the input "ug" object */
    ug_buf rest_ug;         /* its text without "norm" */
    int first_done;
    /* --text output */
    size_t last_para;
    int any_out, doc_started;
} app;

/* Reports running out of memory and exits 2. */
static void oom(void)
{
    cli_error("out of memory");
    exit(CLI_TROUBLE);
}

/* Writes one sentence record. */
static ug_status record_sentence(void *ctx, const ug_sentence *x)
{
    app *a = ctx;
    size_t s0 = x->start - a->part_base, s1 = x->end - a->part_base;
    ug_buf_clear(&a->sent);
    if (ug_json_put_string(&a->sent, a->text.data + s0, s1 - s0))
        oom();
    /* the ug members, written into one buffer and sliced once it is whole */
    const char *kind = ug_seg_kind_name(x->kind);
    ug_field f[7];
    size_t nf = 0, at[5];
    size_t vals[4] = { x->para, x->sent, x->start, x->end };
    static const char *const keys[5] = { "para", "sent", "start", "end", "kind" };
    ug_buf_clear(&a->ugobj);
    for (int k = 0; k < 4; k++) {
        at[k] = a->ugobj.len;
        if (ug_buf_put_u64(&a->ugobj, vals[k]))
            oom();
    }
    at[4] = a->ugobj.len;
    if (ug_buf_putc(&a->ugobj, '"') || ug_buf_puts(&a->ugobj, kind) || ug_buf_putc(&a->ugobj, '"'))
        oom();
    for (int k = 0; k < 5; k++)
        f[nf++] = (ug_field){ keys[k], a->ugobj.data + at[k],
                              (k < 4 ? at[k + 1] : a->ugobj.len) - at[k] };
    if (x->flags & UG_SEG_GLUED)
        f[nf++] = (ug_field){ "glued", "true", 4 };
    if (x->flags & UG_SEG_FORCED)
        f[nf++] = (ug_field){ "forced", "true", 4 };
    ug_field top = { a->in.text_key, a->sent.data, a->sent.len };
    const ug_record *rec = a->first_done ? &a->rest : a->first;
    a->first_done = 1;
    ug_buf_clear(&a->out);
    if (ug_record_write(&a->out, rec, &top, 1, f, nf))
        oom();
    cli_write(a->out.data, a->out.len);
    return UG_OK;
}

/* Makes a->rest: a copy of rec's member list whose "ug" object lacks its
 * "norm" member (the offset map of normalize is written once per record,
 * with the first sentence). Equal to rec when there is no ug.norm. */
static void make_rest(app *a, const ug_record *rec)
{
    a->rest.n = 0;
    if (a->rest.cap < rec->n) {
        ug_json_member *m = ug_realloc(a->rest.m, rec->n * sizeof *m);
        if (!m)
            oom();
        a->rest.m = m;
        a->rest.cap = rec->n;
    }
    memcpy(a->rest.m, rec->m, rec->n * sizeof *rec->m);
    a->rest.n = rec->n;
    long u = ug_record_find(rec, "ug");
    if (u < 0)
        return;
    const ug_json_member *um = &rec->m[u];
    ug_error err;
    if (ug_record_parse(&a->ugrec, um->val, um->val_len, 0, &err) != UG_OK)
        return;
    if (ug_record_find(&a->ugrec, "norm") < 0)
        return;
    ug_buf_clear(&a->rest_ug);
    if (ug_buf_putc(&a->rest_ug, '{'))
        oom();
    int firstm = 1;
    for (size_t k = 0; k < a->ugrec.n; k++) {
        const ug_json_member *m = &a->ugrec.m[k];
        ug_record one = { (ug_json_member *)m, 1, 1 };
        if (ug_record_find(&one, "norm") == 0)
            continue;
        if ((!firstm && ug_buf_putc(&a->rest_ug, ',')) || ug_buf_append(&a->rest_ug, m->key, m->key_len) ||
            ug_buf_putc(&a->rest_ug, ':') || ug_buf_append(&a->rest_ug, m->val, m->val_len))
            oom();
        firstm = 0;
    }
    if (ug_buf_putc(&a->rest_ug, '}'))
        oom();
    a->rest.m[u].val = a->rest_ug.data;
    a->rest.m[u].val_len = a->rest_ug.len;
}

/* Segments the text field of one JSON Lines record. */
static int do_record(void *ctx, const char *line, size_t len, ug_record *rec,
                     const char *file, unsigned long long lineno)
{
    app *a = ctx;
    (void)line, (void)len, (void)file, (void)lineno;
    const ug_json_member *t = &rec->m[ug_record_find(rec, a->in.text_key)];
    ug_buf_clear(&a->text);
    if (ug_json_decode_string(t->val, t->val_len, &a->text))
        oom();
    /* same id as the previous record: the same document goes on */
    long idx = ug_record_find(rec, a->in.id_key);
    int cont = 0;
    if (idx >= 0) {
        const ug_json_member *id = &rec->m[idx];
        cont = a->have_prev_id && a->prev_id.len == id->val_len &&
               memcmp(a->prev_id.data, id->val, id->val_len) == 0;
        ug_buf_clear(&a->prev_id);
        if (ug_buf_append(&a->prev_id, id->val, id->val_len))
            oom();
        a->have_prev_id = 1;
    } else {
        a->have_prev_id = 0;
    }
    a->first = rec;
    a->first_done = 0;
    make_rest(a, rec);
    ug_status st;
    if (cont) {
        a->part_base = a->doc_len;
        a->doc_len += a->text.len;
        st = ug_segment_next(a->sg, a->text.data, a->text.len, record_sentence, a);
    } else {
        a->part_base = 0;
        a->doc_len = a->text.len;
        st = ug_segment(a->sg, a->text.data, a->text.len, record_sentence, a);
    }
    if (st)
        oom();
    return 0;
}

/* --text output: one sentence per line, newlines inside turned into spaces. */
static ug_status text_sentence(void *ctx, const ug_sentence *x)
{
    app *a = ctx;
    if (a->doc_started && x->para != a->last_para)
        cli_write("\n", 1);
    a->doc_started = 1;
    a->last_para = x->para;
    const char *p = a->text.data + x->start, *end = a->text.data + x->end;
    while (p < end) {
        const char *nl = p;
        while (nl < end && *nl != '\n' && *nl != '\r')
            nl++;
        cli_write(p, (size_t)(nl - p));
        if (nl < end)
            cli_write(" ", 1);
        p = nl < end ? nl + 1 : end;
    }
    cli_write("\n", 1);
    a->any_out = 1;
    return UG_OK;
}

int main(int argc, char **argv)
{
    app a;
    int text_mode = 0, c;
    ug_seg_opts opts;
    memset(&a, 0, sizeof a);
    memset(&opts, 0, sizeof opts);
    cli_init(argv[0]);
    cli_input_init(&a.in);
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_TEXT: text_mode = 1; break;
        case OPT_TEXT_FIELD: a.in.text_key = optarg; break;
        case OPT_ID_FIELD: a.in.id_key = optarg; break;
        case OPT_REJECTS: a.in.rejects_path = optarg; break;
        case OPT_MAX_LINE:
            if (cli_parse_size(optarg, &a.in.max_line))
                cli_usage_error("invalid --max-line-bytes: '%s'", optarg);
            break;
        case OPT_NEWLINES:
            if (strcmp(optarg, "soft") == 0) opts.flags |= UG_SEG_SOFT_NEWLINES;
            else if (strcmp(optarg, "hard") == 0) opts.flags &= ~(unsigned)UG_SEG_SOFT_NEWLINES;
            else cli_usage_error("invalid --newlines: '%s' (use hard or soft)", optarg);
            break;
        case OPT_RULES:
            if (strcmp(optarg, "uax29") == 0) opts.flags |= UG_SEG_UAX29;
            else if (strcmp(optarg, "news") == 0) opts.flags &= ~(unsigned)UG_SEG_UAX29;
            else cli_usage_error("invalid --rules: '%s' (use news or uax29)", optarg);
            break;
        case OPT_LANG:
            if (!ug_seg_lang_known(optarg))
                cli_usage_error("unknown --lang: '%s' (use en, es, fr or de)", optarg);
            opts.lang = optarg;
            break;
        case OPT_MAX_SENT:
            if (cli_parse_size(optarg, &opts.max_sentence) || opts.max_sentence < 16)
                cli_usage_error("invalid --max-sentence-bytes: '%s' (at least 16)", optarg);
            break;
        case OPT_PROGRESS: cli_progress_enable(&a.in); break;
        case OPT_HELP: usage(); return CLI_OK;
        case OPT_VERSION: cli_version(); return CLI_OK;
        default: cli_usage_error(NULL);
        }
    }
    if (a.in.rejects_path)
        cli_open_rejects(&a.in);
    a.sg = ug_segmenter_new(&opts);
    if (!a.sg)
        oom();
    if (!text_mode) {
        cli_each_record(&a.in, argv + optind, argc - optind, do_record, &a);
    } else {
        int n = argc - optind;
        char **files = cli_file_args(argv + optind, &n);
        for (int i = 0; i < n; i++) {
            const char *name = files[i];
            int fd = cli_open_arg(&a.in, name);
            if (fd < 0)
                continue;
            ug_buf_clear(&a.text);
            ug_status st = cli_slurp(fd, &a.text, a.in.max_line);
            if (fd != 0)
                close(fd);
            if (st == UG_ENOMEM)
                oom();
            if (st == UG_EIO) {
                cli_error("%s: read error: %s", name, strerror(errno));
                a.in.status = CLI_TROUBLE;
                continue;
            }
            if (st == UG_ETOOLONG) {
                cli_error("%s: document larger than %zu bytes (see --max-line-bytes); skipped",
                          name, a.in.max_line);
                a.in.records_rejected++;
                if (a.in.status < CLI_REJECTED)
                    a.in.status = CLI_REJECTED;
                continue;
            }
            a.in.records_in++;
            if (a.any_out)
                cli_write("\n", 1);
            a.doc_started = 0;
            if (ug_segment(a.sg, a.text.data, a.text.len, text_sentence, &a))
                oom();
        }
    }
    ug_segmenter_free(a.sg);
    ug_buf_free(&a.text);
    ug_buf_free(&a.out);
    ug_buf_free(&a.sent);
    ug_buf_free(&a.ugobj);
    ug_buf_free(&a.prev_id);
    ug_buf_free(&a.rest_ug);
    ug_record_free(&a.rest);
    ug_record_free(&a.ugrec);
    return a.in.status;
}
