/* detect-mt-artifacts: flag machine-translation and scraping artifacts in records, with spans and evidence. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static void usage(void)
{
    printf("Usage: %s [OPTION]... [FILE]...\n", cli_prog);
    fputs("Flag machine-translation artifacts (glued words, stray periods, lost possessives,\n"
          "stripped quotes, pronoun flips, foreign residue...) and scraping residue in\n"
          "JSON Lines records. Consecutive records with the same id are one document.\n"
          "Each record is written back with ug.flags (spans into its text, with the\n"
          "detector id, the kind of sentence and the evidence) and ug.doc_flags\n"
          "(document findings).\n"
          "With no FILE, or when FILE is -, read standard input.\n"
          "\n"
          "  -l, --list               list the detectors and exit\n"
          "      --enable=ID,...      run only these detectors\n"
          "      --disable=ID,...     do not run these detectors\n"
          "      --format=FMT         jsonl (default) or diag: FILE:LINE:COL: ID: evidence,\n"
          "                           pointing into the original file through ug.norm.map\n"
          "      --color=WHEN         color diagnostics: never (default), always, or auto\n"
          "                           (when standard output is a terminal)\n"
          "      --text               read plain text files (one document each) instead of\n"
          "                           records\n"
          "      --text-field=NAME    field holding the text (default: text)\n"
          "      --id-field=NAME      field holding the document id (default: id)\n"
          "      --rejects=FILE       write rejected records to FILE\n"
          "      --max-line-bytes=N   longest record accepted (default 64M)\n"
          "      --progress           show bytes, records and rate on standard error while\n"
          "                           running (only when it is a terminal)\n"
          "      --help               show this help and exit\n"
          "      --version            show version information and exit\n"
          "\n"
          "Exit status: 0 all records processed, 1 some input rejected, 2 usage or I/O error.\n"
          "See detect-mt-artifacts(1).\n", stdout);
}

enum {
    OPT_ENABLE = 256, OPT_DISABLE, OPT_FORMAT, OPT_COLOR, OPT_TEXT, OPT_TEXT_FIELD, OPT_ID_FIELD,
    OPT_REJECTS, OPT_MAX_LINE, OPT_PROGRESS, OPT_HELP, OPT_VERSION
};

static const struct option longopts[] = {
    { "list", no_argument, NULL, 'l' },
    { "enable", required_argument, NULL, OPT_ENABLE },
    { "disable", required_argument, NULL, OPT_DISABLE },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "color", required_argument, NULL, OPT_COLOR },
    { "text", no_argument, NULL, OPT_TEXT },
    { "text-field", required_argument, NULL, OPT_TEXT_FIELD },
    { "id-field", required_argument, NULL, OPT_ID_FIELD },
    { "rejects", required_argument, NULL, OPT_REJECTS },
    { "max-line-bytes", required_argument, NULL, OPT_MAX_LINE },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

/* One buffered record of the current document. */
typedef struct {
    size_t line_off, line_len;  /* raw line in app.lines */
    size_t text_off, text_len;  /* decoded text in app.texts */
    long start, end, para;      /* ug.start/end/para, or -1 */
    ug_seg_kind kind;
    unsigned sflags;            /* UG_SEG_GLUED from ug.glued */
    size_t doc_start;           /* where its text sits in the document */
    unsigned long long lineno;
} rec_t;

typedef struct {
    cli_input in;
    int diag;
    int color;                  /* color diagnostics (--color) */
    unsigned char *enabled;
    /* the current document */
    rec_t *recs;
    size_t nrec, caprec;
    ug_buf lines, texts, id, idfile;
    int have_id;
    ug_buf doc, map_json;
    long bytes_in;              /* raw size of the document (ug.norm.bytes_in) or -1 */
    long typo[4];
    ug_sentence *sents;
    size_t nsent, capsent;
    ug_segmenter *seg;
    ug_findings found;
    ug_buf out, tmp, flags, docflags;
    ug_record rec, inner;
} app;

static void oom(void)
{
    cli_error("out of memory");
    exit(CLI_TROUBLE);
}

/* Reads a non-negative integer JSON token; -1 when it is not one. */
static long num_tok(const char *t, size_t n)
{
    long v = 0;
    if (!n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9' || v > (LONG_MAX - 9) / 10)
            return -1;
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

static ug_seg_kind kind_of(const char *t, size_t n)
{
    static const char *names[] = { "body", "headline", "caption", "byline", "dateline", "list", "boilerplate" };
    for (int k = 0; k < 7; k++)
        if (n == strlen(names[k]) + 2 && memcmp(t + 1, names[k], n - 2) == 0)
            return (ug_seg_kind)k;
    return UG_SEG_BODY;
}

/* Member value of key in the parsed object r, or NULL. */
static const ug_json_member *member(const ug_record *r, const char *key)
{
    long i = ug_record_find(r, key);
    return i < 0 ? NULL : &r->m[i];
}

/* Collects what detection needs from a record's "ug" object. */
static void read_ug(app *a, const ug_record *rec, rec_t *x)
{
    const ug_json_member *u = member(rec, "ug");
    x->start = x->end = x->para = -1;
    x->kind = UG_SEG_BODY;
    x->sflags = 0;
    if (!u)
        return;
    if (ug_record_parse(&a->inner, u->val, u->val_len, 0, NULL))
        return;
    const ug_json_member *m;
    if ((m = member(&a->inner, "start"))) x->start = num_tok(m->val, m->val_len);
    if ((m = member(&a->inner, "end"))) x->end = num_tok(m->val, m->val_len);
    if ((m = member(&a->inner, "para"))) x->para = num_tok(m->val, m->val_len);
    if ((m = member(&a->inner, "kind")) && m->type == UG_JSON_STRING) x->kind = kind_of(m->val, m->val_len);
    if ((m = member(&a->inner, "glued")) && m->type == UG_JSON_TRUE) x->sflags |= UG_SEG_GLUED;
    if ((m = member(&a->inner, "norm")) && m->type == UG_JSON_OBJECT && a->typo[0] < 0) {
        ug_record norm = { 0 };
        if (ug_record_parse(&norm, m->val, m->val_len, 0, NULL) == UG_OK) {
            const ug_json_member *t = member(&norm, "typography"), *mp = member(&norm, "map"),
                                 *bi = member(&norm, "bytes_in");
            if (bi)
                a->bytes_in = num_tok(bi->val, bi->val_len);
            if (mp && a->map_json.len == 0 && ug_buf_append(&a->map_json, mp->val, mp->val_len))
                oom();
            ug_record ty = { 0 };
            if (t && ug_record_parse(&ty, t->val, t->val_len, 0, NULL) == UG_OK) {
                static const char *keys[] = { "curly_quotes", "straight_quotes", "dashes", "ellipses" };
                for (int k = 0; k < 4; k++) {
                    const ug_json_member *c = member(&ty, keys[k]);
                    a->typo[k] = c ? num_tok(c->val, c->val_len) : -1;
                }
            }
            ug_record_free(&ty);
        }
        ug_record_free(&norm);
    }
}

/* Sentence callback of the segmenter. */
static ug_status add_sent(void *ctx, const ug_sentence *s)
{
    app *a = ctx;
    if (a->nsent == a->capsent) {
        size_t nc = a->capsent ? a->capsent * 2 : 64;
        ug_sentence *v = ug_realloc(a->sents, nc * sizeof *v);
        if (!v)
            return UG_ENOMEM;
        a->sents = v;
        a->capsent = nc;
    }
    a->sents[a->nsent++] = *s;
    return UG_OK;
}

/* Builds the document text and its sentences from the buffered records. */
static void build_doc(app *a)
{
    int spans = a->nrec > 0;
    for (size_t i = 0; i < a->nrec; i++)
        if (a->recs[i].start < 0 || a->recs[i].end < a->recs[i].start ||
            (size_t)(a->recs[i].end - a->recs[i].start) != a->recs[i].text_len ||
            (i && a->recs[i].start < a->recs[i - 1].end))
            spans = 0;
    ug_buf_clear(&a->doc);
    a->nsent = 0;
    if (spans) {
        /* sentence records: put each text at its offset, white space between */
        size_t len = (size_t)a->recs[a->nrec - 1].end;
        if (ug_buf_reserve(&a->doc, len))
            oom();
        memset(a->doc.data, ' ', len);
        a->doc.len = len;
        a->doc.data[len] = 0;
        for (size_t i = 0; i < a->nrec; i++) {
            rec_t *x = &a->recs[i];
            x->doc_start = (size_t)x->start;
            memcpy(a->doc.data + x->start, a->texts.data + x->text_off, x->text_len);
            if (i && x->para != a->recs[i - 1].para && x->start > a->recs[i - 1].end)
                a->doc.data[a->recs[i - 1].end] = '\n';
            ug_sentence s = { x->para < 0 ? 0 : (size_t)x->para, 0, (size_t)x->start, (size_t)x->end,
                              x->kind, x->sflags };
            if (add_sent(a, &s))
                oom();
        }
        return;
    }
    /* document records: concatenate (one record is the usual case) and segment */
    for (size_t i = 0; i < a->nrec; i++) {
        rec_t *x = &a->recs[i];
        if (i && ug_buf_putc(&a->doc, '\n'))
            oom();
        x->doc_start = a->doc.len;
        if (ug_buf_append(&a->doc, a->texts.data + x->text_off, x->text_len))
            oom();
    }
    if (ug_segment(a->seg, a->doc.data ? a->doc.data : "", a->doc.len, add_sent, a))
        oom();
}

/* Index of the record whose text contains document offset off. */
static size_t rec_at(const app *a, size_t off)
{
    size_t lo = 0, hi = a->nrec;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (a->recs[mid].doc_start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Kind of the sentence containing document offset off (body when none). */
static ug_seg_kind kind_at(const app *a, size_t off)
{
    size_t lo = 0, hi = a->nsent;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sents[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < a->nsent && a->sents[lo].start <= off)
        return a->sents[lo].kind;
    return UG_SEG_BODY;
}

/* Appends {"id":..,"start":..,"end":..,"kind":..,"evidence":..} to b. */
static void put_flag(app *a, ug_buf *b, const ug_finding *f, size_t start, size_t end)
{
    const char *id = ug_detector_get(f->det)->id;
    const char *ev = ug_finding_evidence(&a->found, f);
    if ((b->len > 1 && ug_buf_putc(b, ',')) || ug_buf_puts(b, "{\"id\":") ||
        ug_json_put_string(b, id, strlen(id)))
        oom();
    if (!f->doc && (ug_buf_puts(b, ",\"start\":") || ug_buf_put_u64(b, start) ||
                    ug_buf_puts(b, ",\"end\":") || ug_buf_put_u64(b, end)))
        oom();
    if (!f->doc) {
        /* the kind of the sentence the finding starts in, so that a score
         * can tell a glue in a photo credit from one in running text */
        const char *k = ug_seg_kind_name(kind_at(a, f->start));
        if (ug_buf_puts(b, ",\"kind\":\"") || ug_buf_puts(b, k) || ug_buf_putc(b, '"'))
            oom();
    }
    if (ug_buf_puts(b, ",\"evidence\":") || ug_json_put_string(b, ev, strlen(ev)) || ug_buf_putc(b, '}'))
        oom();
}

/* Prints the findings as FILE:LINE:COL: ID: evidence. */
static void write_diag(app *a)
{
    ug_offmap map = { 0 };
    int have_map = a->map_json.len && ug_offmap_from_json(&map, a->map_json.data, a->map_json.len) == UG_OK;
    map.out_len = a->doc.len;
    /* the map's last segment runs to the raw end; without it, map nothing */
    if (a->bytes_in < 0)
        have_map = 0;
    map.in_len = a->bytes_in < 0 ? 0 : (size_t)a->bytes_in;
    const char *file = a->idfile.len ? a->idfile.data : "-";
    for (size_t k = 0; k < a->found.n; k++) {
        const ug_finding *f = &a->found.v[k];
        size_t line = 1, col = 1;
        if (!f->doc) {
            if (have_map) {
                ug_offmap_linecol(&map, a->doc.data, a->doc.len, f->start, &line, &col);
            } else {
                for (size_t i = 0; i < f->start && i < a->doc.len; i++) {
                    if (a->doc.data[i] == '\n') { line++; col = 1; }
                    else col++;
                }
            }
        }
        ug_buf_clear(&a->tmp);
        /* colors as GCC and grep use them: bold location, magenta id */
        const char *b = a->color ? "\033[1m" : "", *m = a->color ? "\033[1;35m" : "",
                   *e = a->color ? "\033[0m" : "";
        if (ug_buf_printf(&a->tmp, "%s%s:%zu:%zu:%s %s%s:%s %s\n", b, file, line, col, e, m,
                          ug_detector_get(f->det)->id, e,
                          ug_finding_evidence(&a->found, f)))
            oom();
        cli_write(a->tmp.data, a->tmp.len);
    }
    ug_offmap_free(&map);
}

/* Runs the detectors over the buffered document and writes its records. */
static void flush_doc(app *a)
{
    if (!a->nrec)
        return;
    build_doc(a);
    ug_doc d = { a->doc.data ? a->doc.data : "", a->doc.len, a->sents, a->nsent,
                 a->typo[0], a->typo[1], a->typo[2], a->typo[3] };
    ug_findings_clear(&a->found);
    ug_status st = ug_detect(&d, a->enabled, &a->found);
    if (st == UG_ENOMEM)
        oom();
    if (st) {
        cli_error("%s: internal error in a detector (%s)", a->idfile.len ? a->idfile.data : "-", ug_strerror(st));
        exit(CLI_TROUBLE);
    }
    if (a->diag) {
        write_diag(a);
    } else {
        ug_buf_clear(&a->docflags);
        ug_buf_putc(&a->docflags, '[');
        for (size_t k = 0; k < a->found.n; k++)
            if (a->found.v[k].doc)
                put_flag(a, &a->docflags, &a->found.v[k], 0, 0);
        if (ug_buf_putc(&a->docflags, ']'))
            oom();
        for (size_t i = 0; i < a->nrec; i++) {
            rec_t *x = &a->recs[i];
            ug_buf_clear(&a->flags);
            ug_buf_putc(&a->flags, '[');
            for (size_t k = 0; k < a->found.n; k++) {
                const ug_finding *f = &a->found.v[k];
                if (f->doc || rec_at(a, f->start) != i)
                    continue;
                size_t s = f->start - x->doc_start, e = f->end - x->doc_start;
                if (e > x->text_len)
                    e = x->text_len;
                if (s > e)
                    s = e;
                put_flag(a, &a->flags, f, s, e);
            }
            if (ug_buf_putc(&a->flags, ']'))
                oom();
            ug_field ug[2] = { { "flags", a->flags.data, a->flags.len },
                               { "doc_flags", a->docflags.data, a->docflags.len } };
            ug_buf_clear(&a->out);
            if (x->line_len == 0 && x->lineno == 0) {
                /* --text input: a new record */
                ug_buf_clear(&a->tmp);
                if (ug_json_put_string(&a->tmp, a->texts.data + x->text_off, x->text_len))
                    oom();
                ug_field top[2] = { { a->in.id_key, a->id.data, a->id.len },
                                    { a->in.text_key, a->tmp.data, a->tmp.len } };
                if (ug_record_write(&a->out, NULL, top, 2, ug, 2))
                    oom();
            } else {
                if (ug_record_parse(&a->rec, a->lines.data + x->line_off, x->line_len, 0, NULL) ||
                    ug_record_write(&a->out, &a->rec, NULL, 0, ug, 2))
                    oom();
            }
            cli_write(a->out.data, a->out.len);
        }
    }
    a->nrec = 0;
    ug_buf_clear(&a->lines);
    ug_buf_clear(&a->texts);
    ug_buf_clear(&a->map_json);
    a->typo[0] = a->typo[1] = a->typo[2] = a->typo[3] = -1;
    a->bytes_in = -1;
    a->have_id = 0;
}

/* Adds a record (raw line, may be empty for --text) to the current document. */
static rec_t *push_rec(app *a, const char *line, size_t len, unsigned long long lineno)
{
    if (a->nrec == a->caprec) {
        size_t nc = a->caprec ? a->caprec * 2 : 64;
        rec_t *v = ug_realloc(a->recs, nc * sizeof *v);
        if (!v)
            oom();
        a->recs = v;
        a->caprec = nc;
    }
    rec_t *x = &a->recs[a->nrec++];
    memset(x, 0, sizeof *x);
    x->line_off = a->lines.len;
    x->line_len = len;
    x->lineno = lineno;
    if (ug_buf_append(&a->lines, line, len))
        oom();
    return x;
}

/* Record callback: groups consecutive records with the same id. */
static int on_record(void *ctx, const char *line, size_t len, ug_record *rec,
                     const char *file, unsigned long long lineno)
{
    app *a = ctx;
    (void)file;
    const ug_json_member *idm = member(rec, a->in.id_key);
    int same = idm && a->have_id && idm->val_len == a->id.len && memcmp(idm->val, a->id.data, a->id.len) == 0;
    if (!same) {
        flush_doc(a);
        ug_buf_clear(&a->id);
        ug_buf_clear(&a->idfile);
        if (idm) {
            if (ug_buf_append(&a->id, idm->val, idm->val_len))
                oom();
            if (idm->type == UG_JSON_STRING ? ug_json_decode_string(idm->val, idm->val_len, &a->idfile)
                                            : ug_buf_append(&a->idfile, idm->val, idm->val_len))
                oom();
            a->have_id = 1;
        }
    }
    rec_t *x = push_rec(a, line, len, lineno ? lineno : 1);
    const ug_json_member *t = member(rec, a->in.text_key);
    x->text_off = a->texts.len;
    if (ug_json_decode_string(t->val, t->val_len, &a->texts))
        oom();
    x->text_len = a->texts.len - x->text_off;
    read_ug(a, rec, x);
    if (!idm)
        flush_doc(a);       /* no id: every record is a document */
    return 0;
}

/* Parses a comma-separated list of detector ids into the enabled table. */
static void set_list(app *a, const char *list, int value)
{
    char *copy = strdup(list), *save = NULL;
    if (!copy)
        oom();
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        long i = ug_detector_find(tok);
        if (i < 0)
            cli_usage_error("unknown detector '%s' (see --list)", tok);
        a->enabled[i] = (unsigned char)value;
    }
    free(copy);
}

int main(int argc, char **argv)
{
    app a;
    int c, text_in = 0, list = 0;
    const char *enable = NULL, *disable = NULL;
    memset(&a, 0, sizeof a);
    cli_init(argv[0]);
    cli_input_init(&a.in);
    a.typo[0] = a.typo[1] = a.typo[2] = a.typo[3] = -1;
    a.bytes_in = -1;
    while ((c = getopt_long(argc, argv, "l", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': list = 1; break;
        case OPT_ENABLE: enable = optarg; break;
        case OPT_DISABLE: disable = optarg; break;
        case OPT_COLOR:
            if (!strcmp(optarg, "always")) a.color = 1;
            else if (!strcmp(optarg, "never")) a.color = 0;
            else if (!strcmp(optarg, "auto")) a.color = isatty(1) && getenv("TERM") && strcmp(getenv("TERM"), "dumb");
            else cli_usage_error("invalid --color: '%s' (use auto, always or never)", optarg);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "diag") == 0) a.diag = 1;
            else if (strcmp(optarg, "jsonl") == 0) a.diag = 0;
            else cli_usage_error("invalid --format: '%s' (use jsonl or diag)", optarg);
            break;
        case OPT_TEXT: text_in = 1; break;
        case OPT_TEXT_FIELD: a.in.text_key = optarg; break;
        case OPT_ID_FIELD: a.in.id_key = optarg; break;
        case OPT_REJECTS: a.in.rejects_path = optarg; break;
        case OPT_MAX_LINE:
            if (cli_parse_size(optarg, &a.in.max_line))
                cli_usage_error("invalid --max-line-bytes: '%s'", optarg);
            break;
        case OPT_PROGRESS: cli_progress_enable(&a.in); break;
        case OPT_HELP: usage(); return CLI_OK;
        case OPT_VERSION: cli_version(); return CLI_OK;
        default: cli_usage_error(NULL);
        }
    }
    size_t n = ug_detector_count();
    if (list) {
        for (size_t i = 0; i < n; i++) {
            const ug_detector *d = ug_detector_get(i);
            printf("%s\t%s\t%s\n", d->id, d->family == UG_DET_MT ? "mt" : "residue", d->summary);
        }
        return CLI_OK;
    }
    a.enabled = malloc(n ? n : 1);
    if (!a.enabled)
        oom();
    memset(a.enabled, enable ? 0 : 1, n);
    if (enable)
        set_list(&a, enable, 1);
    if (disable)
        set_list(&a, disable, 0);
    a.seg = ug_segmenter_new(NULL);
    if (!a.seg)
        oom();
    if (a.in.rejects_path)
        cli_open_rejects(&a.in);
    if (text_in) {
        int nf = argc - optind;
        char **files = cli_file_args(argv + optind, &nf);
        for (int i = 0; i < nf; i++) {
            int fd = cli_open_arg(&a.in, files[i]);
            if (fd < 0)
                continue;
            ug_buf raw = { 0 };
            ug_status st = cli_slurp(fd, &raw, 0);
            if (fd != 0)
                close(fd);
            if (st) {
                cli_error("%s: read error: %s", files[i], strerror(errno));
                a.in.status = CLI_TROUBLE;
                ug_buf_free(&raw);
                continue;
            }
            if (ug_utf8_valid_prefix(raw.data ? raw.data : "", raw.len) != raw.len) {
                cli_error("%s: invalid UTF-8 at byte %zu (run normalize first)", files[i],
                          ug_utf8_valid_prefix(raw.data, raw.len) + 1);
                cli_reject(&a.in, raw.data, raw.len);
                ug_buf_free(&raw);
                continue;
            }
            ug_buf_clear(&a.id);
            ug_buf_clear(&a.idfile);
            if (ug_json_put_string(&a.id, files[i], strlen(files[i])) || ug_buf_puts(&a.idfile, files[i]))
                oom();
            rec_t *x = push_rec(&a, "", 0, 0);
            x->text_off = a.texts.len;
            if (ug_buf_append(&a.texts, raw.data ? raw.data : "", raw.len))
                oom();
            x->text_len = raw.len;
            x->start = x->end = x->para = -1;
            flush_doc(&a);
            ug_buf_free(&raw);
        }
    } else {
        cli_each_record(&a.in, argv + optind, argc - optind, on_record, &a);
        flush_doc(&a);
    }
    ug_segmenter_free(a.seg);
    ug_findings_free(&a.found);
    ug_free(a.recs);
    ug_free(a.sents);
    free(a.enabled);
    ug_buf *bufs[] = { &a.lines, &a.texts, &a.id, &a.idfile, &a.doc, &a.map_json, &a.out, &a.tmp,
                       &a.flags, &a.docflags };
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        ug_buf_free(bufs[i]);
    ug_record_free(&a.rec);
    ug_record_free(&a.inner);
    return a.in.status;
}
