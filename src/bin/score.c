/* score: a calibrated probability that each record or document is clean human text, with its reasons. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unistd.h>
#include "cli.h"
#include "report.h"
#include "ug/score.h"
#include "weights_default.h"  /* generated from data/weights-en.tsv */

static void usage(void)
{
    printf("Usage: %s [OPTION]... [FILE]...\n", cli_prog);
    fputs("Score records flagged by detect-mt-artifacts: ug.score is the calibrated\n"
          "probability that the text is clean human text (1 = clean), ug.reasons the\n"
          "findings that lowered it most, ug.residue the rate of scraping residue per\n"
          "1,000 words (residue detectors, and glued words, stray periods and fragments\n"
          "in captions, bylines, datelines and boilerplate; residue does not lower the\n"
          "score).\n"
          "With no FILE, or when FILE is -, read standard input.\n"
          "\n"
          "      --by=UNIT            record (default): score each record; doc: fold the\n"
          "                           records of each document into one document record\n"
          "      --min=X              keep only units scoring at least X; the others go to\n"
          "                           --rejects when given\n"
          "      --check              write nothing; exit 1 if any unit scores below --min\n"
          "                           (default: the model's threshold)\n"
          "      --summary            print counts, mean score, frequent flags and a\n"
          "                           histogram on standard error\n"
          "      --summary-only       print only the summary, on standard output\n"
          "      --format=FMT         jsonl (default), text, tsv (id, score, reasons, text),\n"
          "                           diag (FILE:1:1: score: S (reasons), for editors and\n"
          "                           CI), or features (the model's inputs, for fitting)\n"
          "      --weights=FILE       read the model from FILE (default: the built-in\n"
          "                           data/weights-en.tsv)\n"
          "      --label-field=NAME   field copied into --format=features (default: label)\n"
          "      --text-field=NAME    field holding the text (default: text)\n"
          "      --id-field=NAME      field holding the document id (default: id)\n"
          "      --rejects=FILE       write filtered-out and rejected records to FILE\n"
          "      --report=FILE        also write an HTML page to review the units: scores,\n"
          "                           reasons, flagged spans highlighted (with every\n"
          "                           --format, --check and --summary-only)\n"
          "      --max-line-bytes=N   longest record accepted (default 64M)\n"
          "      --progress           show bytes, records and rate on standard error while\n"
          "                           running (only when it is a terminal)\n"
          "      --help               show this help and exit\n"
          "      --version            show version information and exit\n"
          "\n"
          "Exit status: 0 when something was kept, 1 when nothing was or when input was\n"
          "rejected (with --check: when a unit scored below the minimum or input was\n"
          "rejected), 2 usage or I/O error. See score(1).\n", stdout);
}

enum {
    OPT_BY = 256, OPT_MIN, OPT_CHECK, OPT_SUMMARY, OPT_SUMMARY_ONLY, OPT_FORMAT, OPT_WEIGHTS,
    OPT_LABEL_FIELD, OPT_TEXT_FIELD, OPT_ID_FIELD, OPT_REJECTS, OPT_REPORT, OPT_MAX_LINE, OPT_PROGRESS, OPT_HELP, OPT_VERSION
};

static const struct option longopts[] = {
    { "by", required_argument, NULL, OPT_BY },
    { "min", required_argument, NULL, OPT_MIN },
    { "check", no_argument, NULL, OPT_CHECK },
    { "summary", no_argument, NULL, OPT_SUMMARY },
    { "summary-only", no_argument, NULL, OPT_SUMMARY_ONLY },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "weights", required_argument, NULL, OPT_WEIGHTS },
    { "label-field", required_argument, NULL, OPT_LABEL_FIELD },
    { "text-field", required_argument, NULL, OPT_TEXT_FIELD },
    { "id-field", required_argument, NULL, OPT_ID_FIELD },
    { "rejects", required_argument, NULL, OPT_REJECTS },
    { "report", required_argument, NULL, OPT_REPORT },
    { "max-line-bytes", required_argument, NULL, OPT_MAX_LINE },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

enum { FMT_JSONL, FMT_TEXT, FMT_TSV, FMT_FEATURES, FMT_DIAG };

/* One buffered record of the current document (--by=doc): its line in
 * app.lines, and its members, found when the line was read and checked,
 * in app.mems. */
typedef struct {
    size_t line_off, line_len;
    size_t mem_first, mem_n;
} rec_t;

typedef struct {
    cli_input in;
    ug_model model;
    int by_doc, check, summary, summary_only, format;
    double min;
    int have_min;
    const char *label_key;
    size_t ndet;
    /* per unit */
    size_t *count;              /* flags per detector */
    size_t words, residue;
    double *x, *contrib;
    long model_det[UG_SCORE_MAX_FEATURES];  /* detector of each model feature, or -1 */
    /* document buffer (--by=doc) */
    rec_t *recs;
    size_t nrec, caprec;
    cli_mems mems;
    ug_buf lines, id;
    int have_id;
    /* totals */
    unsigned long long units, kept, below;
    unsigned long long filtered;    /* units below --min, sent to --rejects */
    double sum_score;
    unsigned long long hist[10];
    unsigned long long *flag_total;
    ug_buf out, tmp, text, reasons, flags, docflags;
    ug_record rec, inner;
    ug_buf checked_file;        /* the input whose first record was checked */
    int checked_any;
    /* --report */
    const char *report_path;
    report *report;
    double report_min;          /* kept in the report: score at least this */
} app;

static void oom(void)
{
    cli_error("out of memory");
    exit(CLI_TROUBLE);
}

static const ug_json_member *member(const ug_record *r, const char *key)
{
    long i = ug_record_find(r, key);
    return i < 0 ? NULL : &r->m[i];
}

/* Number of white-space separated words in s[0..n). */
static size_t count_words(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    int in = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time: a word starts at a byte that is not white
       space after one that is (or after the start) */
    const __m128i spc = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), tb = _mm_set1_epi8('\t'),
                  cr = _mm_set1_epi8('\r');
    unsigned prev = 0;          /* the byte before was not white space */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, spc), _mm_cmpeq_epi8(v, nl)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, tb), _mm_cmpeq_epi8(v, cr)));
        unsigned word = ~(unsigned)_mm_movemask_epi8(m) & 0xFFFFu;
        w += (size_t)__builtin_popcount(word & ~((word << 1) | prev) & 0xFFFFu);
        prev = word >> 15;
    }
    in = (int)prev;
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Detector index of the "id" string member of a flag object, or -1. */
static long flag_det(app *a, const char *obj, size_t len)
{
    ug_record f = { 0 };
    long d = -1;
    if (ug_record_parse_valid(&f, obj, len) == UG_OK) {
        const ug_json_member *id = member(&f, "id");
        if (id && id->type == UG_JSON_STRING) {
            ug_buf_clear(&a->tmp);
            if (ug_json_decode_string(id->val, id->val_len, &a->tmp))
                oom();
            d = ug_detector_find(a->tmp.data);
        }
    }
    ug_record_free(&f);
    return d;
}

/* Calls fn for every element (raw object text) of the JSON array arr. */
static void each_elem(const char *arr, size_t len, void (*fn)(app *, const char *, size_t, void *),
                      app *a, void *ctx)
{
    /* arr is an array member of a record that ug_record_parse() accepted
       (every caller checks the type): walk its top-level elements by depth */
    if (len >= 2 && arr[0] == '[' && arr[len - 1] == ']') {
        const char *p = arr + 1, *end = arr + len - 1;
        while (p < end) {
            while (p < end && (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t' || *p == '\r'))
                p++;
            if (p >= end)
                break;
            const char *q = p;
            int depth = 0, instr = 0;
            for (; q < end; q++) {
                if (instr) {
                    if (*q == '\\') q++;
                    else if (*q == '"') instr = 0;
                    continue;
                }
                if (*q == '"') instr = 1;
                else if (*q == '{' || *q == '[') depth++;
                else if (*q == '}' || *q == ']') { if (--depth == 0) { q++; break; } }
                else if (*q == ',' && depth == 0) break;
            }
            fn(a, p, (size_t)(q - p), ctx);
            p = q;
        }
    }
}

/* Nonzero when the flag object's "kind" is a kind of page furniture
 * (caption, byline, dateline, boilerplate): findings there are residue. */
static int furniture_kind(const char *obj, size_t len)
{
    static const char *kinds[] = { "\"kind\":\"caption\"", "\"kind\":\"byline\"",
                                   "\"kind\":\"dateline\"", "\"kind\":\"boilerplate\"" };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (memmem(obj, len, kinds[k], strlen(kinds[k])))
            return 1;
    return 0;
}

/* Nonzero for the detectors of broken word and sentence boundaries, which
 * scraping produces as well as translation (a caption glued to its credit). */
static int boundary_detector(const char *id)
{
    return !strcmp(id, "glued_words") || !strcmp(id, "stray_period") || !strcmp(id, "fragment");
}

/* Counts one flag object: a machine-translation finding counts for its
 * detector; residue findings, and boundary findings (glued words, stray
 * periods, fragments) in a caption, byline, dateline or boilerplate line,
 * count as residue. */
static void count_flag(app *a, const char *obj, size_t len, void *ctx)
{
    (void)ctx;
    long d = flag_det(a, obj, len);
    if (d < 0)
        return;
    const ug_detector *det = ug_detector_get((size_t)d);
    if (det->family == UG_DET_RESIDUE || (boundary_detector(det->id) && furniture_kind(obj, len))) {
        a->residue++;
        return;
    }
    a->count[d]++;
}

/* Adds a record's flags (and, when with_doc, its doc_flags) and words to
 * the unit. Returns 1 when a->inner then holds the record's ug object
 * (its members point into the record's own bytes), 0 when it has none. */
static int add_record(app *a, const ug_record *rec, int with_doc)
{
    const ug_json_member *t = member(rec, a->in.text_key), *u = member(rec, "ug");
    ug_buf_clear(&a->text);
    if (ug_json_decode_string(t->val, t->val_len, &a->text))
        oom();
    a->words += count_words(a->text.data ? a->text.data : "", a->text.len);
    /* without the document's flags, the ug object is read up to its flags
       only: the doc_flags every sentence record repeats come after them */
    if (!u || ug_record_parse_valid_upto(&a->inner, u->val, u->val_len, with_doc ? NULL : "flags"))
        return 0;
    const ug_json_member *f = member(&a->inner, "flags"), *df = member(&a->inner, "doc_flags");
    /* the values point into the record's bytes, not into a->inner, and
       count_flag() parses each flag on its own */
    if (f && f->type == UG_JSON_ARRAY)
        each_elem(f->val, f->val_len, count_flag, a, NULL);
    if (df && df->type == UG_JSON_ARRAY && with_doc)
        each_elem(df->val, df->val_len, count_flag, a, NULL);
    return 1;
}

static void reset_unit(app *a)
{
    memset(a->count, 0, a->ndet * sizeof *a->count);
    a->words = a->residue = 0;
}

/* Computes the features of the unit and its score; fills a->reasons. */
static double score_unit(app *a)
{
    double x[UG_SCORE_MAX_FEATURES];
    for (size_t i = 0; i < a->model.n; i++) {
        long d = a->model_det[i];
        size_t c = d < 0 ? 0 : a->count[d];
        x[i] = ug_score_feature(c, a->words);
    }
    double p = ug_model_predict(&a->model, x, a->contrib);
    /* reasons: up to 3 largest contributions */
    ug_buf_clear(&a->reasons);
    ug_buf_putc(&a->reasons, '[');
    unsigned char used[UG_SCORE_MAX_FEATURES] = { 0 };
    for (int r = 0; r < 3; r++) {
        long best = -1;
        for (size_t i = 0; i < a->model.n; i++)
            if (!used[i] && a->contrib[i] > 1e-9 && (best < 0 || a->contrib[i] > a->contrib[best]))
                best = (long)i;
        if (best < 0)
            break;
        used[best] = 1;
        long d = a->model_det[best];
        if (ug_buf_printf(&a->reasons, "%s{\"id\":\"%s\",\"count\":%zu,\"weight\":%.3f}", r ? "," : "",
                          a->model.names[best], d < 0 ? (size_t)0 : a->count[d], a->contrib[best]))
            oom();
    }
    if (ug_buf_putc(&a->reasons, ']'))
        oom();
    for (size_t d = 0; d < a->ndet; d++)
        a->flag_total[d] += a->count[d];
    a->units++;
    a->sum_score += p;
    int h = (int)(p * 10);
    a->hist[h > 9 ? 9 : h < 0 ? 0 : h]++;
    return p;
}

/* Appends the unit's top reasons (at most 3) as "id:weight,..." to out
 * (nothing when no finding lowered the score). */
static void reason_list(app *a, ug_buf *out)
{
    double c[UG_SCORE_MAX_FEATURES];
    memcpy(c, a->contrib, a->model.n * sizeof c[0]);
    for (int r = 0; r < 3; r++) {
        long best = -1;
        for (size_t i = 0; i < a->model.n; i++)
            if (c[i] > 1e-9 && (best < 0 || c[i] > c[best]))
                best = (long)i;
        if (best < 0)
            break;
        if (ug_buf_printf(out, "%s%s:%.2f", r ? "," : "", a->model.names[best], c[best]))
            oom();
        c[best] = 0;
    }
}

/* Adds the unit (the record rec, scored p) to the --report page; exits 2
 * when the page cannot be written. Uses a->tmp, a->text and a->inner. */
static void report_unit_of(app *a, const ug_record *rec, double p)
{
    const ug_json_member *id = member(rec, a->in.id_key), *t = member(rec, a->in.text_key),
                         *u = member(rec, "ug"), *f = NULL, *df = NULL;
    ug_buf_clear(&a->tmp);
    ug_buf_clear(&a->text);
    if ((id && id->type == UG_JSON_STRING && ug_json_decode_string(id->val, id->val_len, &a->tmp)) ||
        (id && id->type != UG_JSON_STRING && ug_buf_append(&a->tmp, id->val, id->val_len)) ||
        (t && t->type == UG_JSON_STRING && ug_json_decode_string(t->val, t->val_len, &a->text)))
        oom();
    if (u && u->type == UG_JSON_OBJECT && ug_record_parse_valid(&a->inner, u->val, u->val_len) == UG_OK) {
        f = member(&a->inner, "flags");
        df = member(&a->inner, "doc_flags");
    }
    ug_buf why = { 0 };
    reason_list(a, &why);
    report_unit ru = {
        .id = a->tmp.data ? a->tmp.data : "", .id_len = a->tmp.len,
        .score = p, .kept = p >= a->report_min, .reasons = why.data,
        .text = a->text.data ? a->text.data : "", .text_len = a->text.len,
        .flags = f && f->type == UG_JSON_ARRAY ? f->val : NULL, .flags_len = f ? f->val_len : 0,
        .doc_flags = df && df->type == UG_JSON_ARRAY ? df->val : NULL, .doc_flags_len = df ? df->val_len : 0,
    };
    int bad = report_add(a->report, &ru);
    int e = errno;
    ug_buf_free(&why);
    if (bad) {
        cli_error("%s: %s", a->report_path, strerror(e));
        report_abort(a->report);
        exit(CLI_TROUBLE);
    }
}

/* Writes the unit (line = a JSON record, possibly rebuilt) per --format,
 * or sends it to --rejects when below --min; adds it to --report. */
static void emit(app *a, const char *line, size_t len, const ug_record *rec, double p)
{
    int keep = !a->have_min || p >= a->min;
    if (a->report)
        report_unit_of(a, rec, p);
    if (a->check) {
        if (!keep)
            a->below++;
        return;
    }
    ug_buf_clear(&a->out);
    char sc[32];
    snprintf(sc, sizeof sc, "%.4f", p);
    double residue = a->words ? 1000.0 * (double)a->residue / (double)a->words : 0;
    char rs[32];
    snprintf(rs, sizeof rs, "%.2f", residue);
    if (a->format == FMT_FEATURES) {
        const ug_json_member *id = member(rec, a->in.id_key), *lab = member(rec, a->label_key),
                             *sp = member(rec, "split");
        ug_buf_clear(&a->tmp);
        if (id) ug_buf_append(&a->tmp, id->val, id->val_len); else ug_buf_puts(&a->tmp, "null");
        ug_buf_printf(&a->out, "%s\t", a->tmp.data);
        if (lab) ug_buf_append(&a->out, lab->val, lab->val_len); else ug_buf_puts(&a->out, "null");
        ug_buf_putc(&a->out, '\t');
        if (sp) ug_buf_append(&a->out, sp->val, sp->val_len); else ug_buf_puts(&a->out, "null");
        ug_buf_printf(&a->out, "\t%zu", a->words);
        for (size_t d = 0; d < a->ndet; d++)
            ug_buf_printf(&a->out, "\t%.6f", ug_score_feature(a->count[d], a->words));
        if (ug_buf_putc(&a->out, '\n'))
            oom();
        cli_write(a->out.data, a->out.len);
        a->kept++;
        return;
    }
    if (!keep) {
        /* filtered out, not lost: to --rejects (filtering is not an
         * error: these do not count as rejected input for the status) */
        a->filtered++;
        cli_reject(&a->in, line, len);
        return;
    }
    a->kept++;
    if (a->summary_only)
        return;
    if (a->format == FMT_JSONL) {
        ug_field ug[3] = { { "score", sc, strlen(sc) }, { "reasons", a->reasons.data, a->reasons.len },
                           { "residue", rs, strlen(rs) } };
        if (ug_record_write(&a->out, rec, NULL, 0, ug, 3))
            oom();
    } else {
        const ug_json_member *id = member(rec, a->in.id_key), *t = member(rec, a->in.text_key);
        ug_buf_clear(&a->tmp);
        if (id && id->type == UG_JSON_STRING) ug_json_decode_string(id->val, id->val_len, &a->tmp);
        else if (id) ug_buf_append(&a->tmp, id->val, id->val_len);
        /* reasons as "id:weight,..." */
        ug_buf rs2 = { 0 };
        reason_list(a, &rs2);
        if (a->format == FMT_DIAG) {
            /* a document-level diagnostic, at the top of the document */
            ug_buf_printf(&a->out, "%s:1:1: score: %s%s%s%s\n", a->tmp.data ? a->tmp.data : "-", sc,
                          rs2.data ? " (" : "", rs2.data ? rs2.data : "", rs2.data ? ")" : "");
        } else if (a->format == FMT_TEXT) {
            ug_buf_printf(&a->out, "%s\t%s\t%s\n", sc, a->tmp.data ? a->tmp.data : "", rs2.data ? rs2.data : "-");
        } else {
            ug_buf_printf(&a->out, "%s\t%s\t%s\t", a->tmp.data ? a->tmp.data : "", sc, rs2.data ? rs2.data : "");
            ug_buf_clear(&a->text);
            ug_json_decode_string(t->val, t->val_len, &a->text);
            for (size_t i = 0; i < a->text.len; i++) {
                char ch = a->text.data[i];
                if (ch == '\t') ug_buf_puts(&a->out, "\\t");
                else if (ch == '\n') ug_buf_puts(&a->out, "\\n");
                else if (ch == '\\') ug_buf_puts(&a->out, "\\\\");
                else ug_buf_putc(&a->out, ch);
            }
            ug_buf_putc(&a->out, '\n');
        }
        ug_buf_free(&rs2);
    }
    cli_write(a->out.data, a->out.len);
}

/* Warns once per input file when its first record carries no ug.flags:
 * a stream that has not been through detect-mt-artifacts would otherwise
 * score as clean throughout without a word. The record is still scored
 * (as having no findings) and the exit status is unchanged. */
static void check_flagged(app *a, const ug_record *rec, const char *file,
                          unsigned long long lineno)
{
    size_t n = strlen(file);
    if (a->checked_any && a->checked_file.len == n && memcmp(a->checked_file.data, file, n) == 0)
        return;
    ug_buf_clear(&a->checked_file);
    if (ug_buf_append(&a->checked_file, file, n))
        oom();
    a->checked_any = 1;
    const ug_json_member *u = member(rec, "ug");
    ug_record inner = { 0 };
    int flagged = u && u->type == UG_JSON_OBJECT &&
                  ug_record_parse_valid(&inner, u->val, u->val_len) == UG_OK &&
                  ug_record_find(&inner, "flags") >= 0;
    ug_record_free(&inner);
    if (!flagged)
        cli_error_at(file, lineno, "warning: no ug.flags: run detect-mt-artifacts first "
                     "(records without them score as having no findings)");
}

/* --by=record: each record is a unit. */
static int on_record(void *ctx, const char *line, size_t len, ug_record *rec,
                     const char *file, unsigned long long lineno)
{
    app *a = ctx;
    check_flagged(a, rec, file, lineno);
    reset_unit(a);
    add_record(a, rec, 1);
    emit(a, line, len, rec, score_unit(a));
    return 0;
}

/* Appends a flag object rebased by off (document offset of its record). */
typedef struct { ug_buf *b; size_t off; } rebase_ctx;

static void rebase_flag(app *a, const char *obj, size_t len, void *vctx)
{
    rebase_ctx *c = vctx;
    ug_record f = { 0 };
    if (ug_record_parse_valid(&f, obj, len) != UG_OK) {
        ug_record_free(&f);
        return;
    }
    if (c->b->len > 1 && ug_buf_putc(c->b, ','))
        oom();
    ug_buf_putc(c->b, '{');
    for (size_t i = 0; i < f.n; i++) {
        const ug_json_member *m = &f.m[i];
        if (i) ug_buf_putc(c->b, ',');
        ug_buf_append(c->b, m->key, m->key_len);
        ug_buf_putc(c->b, ':');
        int is_off = m->type == UG_JSON_NUMBER &&
                     ((m->key_len == 7 && !memcmp(m->key, "\"start\"", 7)) ||
                      (m->key_len == 5 && !memcmp(m->key, "\"end\"", 5)));
        if (is_off) {
            ug_buf_put_u64(c->b, strtoull(m->val, NULL, 10) + c->off);
        } else {
            ug_buf_append(c->b, m->val, m->val_len);
        }
    }
    if (ug_buf_putc(c->b, '}'))
        oom();
    ug_record_free(&f);
    (void)a;
}

/* Reads a non-negative integer member of ug; -1 when absent. */
static long ug_num(const ug_record *ug, const char *key)
{
    const ug_json_member *m = member(ug, key);
    if (!m || m->type != UG_JSON_NUMBER)
        return -1;
    return strtol(m->val, NULL, 10);
}

/* Most line ends restored after a document's last sentence: more than
 * that is not the blank tail of one document (the records were edited, or
 * come from another text), and the text is left as the spans give it. */
#define TRAILING_MAX 8

/* --by=doc: folds the buffered records into one document record. */
static void flush_doc(app *a)
{
    if (!a->nrec)
        return;
    reset_unit(a);
    ug_buf doctext = { 0 }, flags = { 0 }, docflags = { 0 }, norm = { 0 }, first = { 0 };
    long prev_end = -1, prev_para = -1;
    ug_buf_putc(&flags, '[');
    for (size_t i = 0; i < a->nrec; i++) {
        const char *line = a->lines.data + a->recs[i].line_off;
        /* its members as they were found when it was read: no second parse */
        cli_mems_load(&a->mems, a->recs[i].mem_first, a->recs[i].mem_n, line, &a->rec);
        int have_ug = add_record(a, &a->rec, i == 0);
        long start = -1, para = -1;
        ug_buf fl = { 0 };
        if (have_ug) {
            start = ug_num(&a->inner, "start");
            para = ug_num(&a->inner, "para");
            const ug_json_member *f = member(&a->inner, "flags"), *df = member(&a->inner, "doc_flags"),
                                 *nm = member(&a->inner, "norm");
            if (f && f->type == UG_JSON_ARRAY)
                ug_buf_append(&fl, f->val, f->val_len);
            if (i == 0 && df)
                ug_buf_append(&docflags, df->val, df->val_len);
            if (nm && !norm.len)
                ug_buf_append(&norm, nm->val, nm->val_len);
        }
        /* place the text: at its offset, or after the previous one */
        size_t at;
        if (start >= 0 && start >= (long)doctext.len) {
            at = (size_t)start;
        } else {
            at = doctext.len + (doctext.len ? 1 : 0);
            start = -1;
        }
        /* the gap held only white space (segment's spans cover the rest):
           between paragraphs a line end, and a blank line when the gap is
           two bytes ("\n\n"); a longer gap is taken for a line end and
           indentation ("\n  ", more common in plain-text feeds than two
           blank lines); between the sentences of one paragraph, spaces.
           The offsets are exact either way. */
        int nl = 0;
        if (doctext.len == (size_t)prev_end && (start < 0 || para != prev_para))
            nl = at - doctext.len == 2 ? 2 : 1;
        while (doctext.len < at) {
            ug_buf_putc(&doctext, nl ? '\n' : ' ');
            nl -= nl > 0;
        }
        if (ug_buf_append(&doctext, a->text.data ? a->text.data : "", a->text.len))
            oom();
        prev_end = (long)doctext.len;
        prev_para = para;
        if (fl.len) {
            rebase_ctx c = { &flags, at };
            each_elem(fl.data, fl.len, rebase_flag, a, &c);
        }
        ug_buf_free(&fl);
        if (i == 0 && ug_buf_append(&first, line, a->recs[i].line_len))
            oom();
    }
    /* the line ends after the last sentence, up to the length normalize
       gave the document (ug.norm.bytes_out), when the records say it */
    if (norm.len && doctext.len) {
        ug_record nr = { 0 };
        if (ug_record_parse_valid(&nr, norm.data, norm.len) == UG_OK) {
            long out = ug_num(&nr, "bytes_out");
            if (out > (long)doctext.len && out - (long)doctext.len <= TRAILING_MAX)
                while (doctext.len < (size_t)out)
                    ug_buf_putc(&doctext, '\n');
        }
        ug_record_free(&nr);
    }
    ug_buf_putc(&flags, ']');
    double p = score_unit(a);
    /* the document record: the first record's other fields, the text, a new ug */
    ug_record fr = { 0 };
    ug_buf rec = { 0 };
    if (ug_record_parse_valid(&fr, first.data, first.len))
        oom();
    ug_buf_putc(&rec, '{');
    int n = 0;
    for (size_t i = 0; i < fr.n; i++) {
        const ug_json_member *m = &fr.m[i];
        ug_buf_clear(&a->tmp);
        ug_json_decode_string(m->key, m->key_len, &a->tmp);
        if (strcmp(a->tmp.data ? a->tmp.data : "", "ug") == 0)
            continue;
        if (n++) ug_buf_putc(&rec, ',');
        ug_buf_append(&rec, m->key, m->key_len);
        ug_buf_putc(&rec, ':');
        if (strcmp(a->tmp.data ? a->tmp.data : "", a->in.text_key) == 0)
            ug_json_put_string(&rec, doctext.data ? doctext.data : "", doctext.len);
        else
            ug_buf_append(&rec, m->val, m->val_len);
    }
    if (n++) ug_buf_putc(&rec, ',');
    ug_buf_puts(&rec, "\"ug\":{");
    if (norm.len) {
        ug_buf_puts(&rec, "\"norm\":");
        ug_buf_append(&rec, norm.data, norm.len);
        ug_buf_putc(&rec, ',');
    }
    ug_buf_puts(&rec, "\"flags\":");
    ug_buf_append(&rec, flags.data, flags.len);
    ug_buf_puts(&rec, ",\"doc_flags\":");
    if (docflags.len) ug_buf_append(&rec, docflags.data, docflags.len); else ug_buf_puts(&rec, "[]");
    if (ug_buf_puts(&rec, "}}"))
        oom();
    /* every piece of it is valid JSON already (members copied from records
       that were checked, the text and flags written here): its members are
       found, not checked again */
    ug_record folded = { 0 };
    if (ug_record_parse_valid(&folded, rec.data, rec.len))
        oom();
    /* emit() needs the text for tsv: decode it back from the folded record */
    emit(a, rec.data, rec.len, &folded, p);
    ug_record_free(&folded);
    ug_record_free(&fr);
    ug_buf_free(&rec);
    ug_buf_free(&doctext);
    ug_buf_free(&flags);
    ug_buf_free(&docflags);
    ug_buf_free(&norm);
    ug_buf_free(&first);
    a->nrec = 0;
    a->mems.n = 0;
    ug_buf_clear(&a->lines);
    a->have_id = 0;
}

/* --by=doc record callback: groups consecutive records with the same id. */
static int on_doc_record(void *ctx, const char *line, size_t len, ug_record *rec,
                         const char *file, unsigned long long lineno)
{
    app *a = ctx;
    check_flagged(a, rec, file, lineno);
    const ug_json_member *idm = member(rec, a->in.id_key);
    int same = idm && a->have_id && idm->val_len == a->id.len && memcmp(idm->val, a->id.data, a->id.len) == 0;
    if (!same) {
        flush_doc(a);
        ug_buf_clear(&a->id);
        if (idm && ug_buf_append(&a->id, idm->val, idm->val_len))
            oom();
        a->have_id = idm != NULL;
    }
    if (a->nrec == a->caprec) {
        size_t nc = a->caprec ? a->caprec * 2 : 64;
        rec_t *v = ug_realloc(a->recs, nc * sizeof *v);
        if (!v)
            oom();
        a->recs = v;
        a->caprec = nc;
    }
    rec_t *x = &a->recs[a->nrec++];
    x->line_off = a->lines.len;
    x->line_len = len;
    x->mem_first = cli_mems_keep(&a->mems, rec, line);
    x->mem_n = rec->n;
    if (ug_buf_append(&a->lines, line, len))
        oom();
    if (!idm)
        flush_doc(a);
    return 0;
}

/* Prints the summary to f. */
static void print_summary(app *a, FILE *f)
{
    fprintf(f, "units: %llu  kept: %llu  rejected: %llu  mean score: %.3f\n", a->units, a->kept,
            a->units - a->kept, a->units ? a->sum_score / (double)a->units : 0.0);
    fprintf(f, "most frequent flags:\n");
    for (int r = 0; r < 8; r++) {
        long best = -1;
        for (size_t d = 0; d < a->ndet; d++)
            if (a->flag_total[d] && (best < 0 || a->flag_total[d] > a->flag_total[best]))
                best = (long)d;
        if (best < 0)
            break;
        fprintf(f, "  %-22s %llu\n", ug_detector_get((size_t)best)->id, a->flag_total[best]);
        a->flag_total[best] = 0;
    }
    unsigned long long mx = 1;
    for (int h = 0; h < 10; h++)
        if (a->hist[h] > mx) mx = a->hist[h];
    fprintf(f, "score histogram:\n");
    for (int h = 0; h < 10; h++) {
        int bar = (int)(40.0 * (double)a->hist[h] / (double)mx + 0.5);
        fprintf(f, "  %.1f-%.1f %8llu %.*s\n", h / 10.0, (h + 1) / 10.0, a->hist[h], bar,
                "########################################");
    }
}

/* Loads the model from path, or the built-in one when path is NULL. */
static void load_model(app *a, const char *path)
{
    size_t line = 0;
    if (!path) {
        if (ug_model_parse(&a->model, ug_weights_default, strlen(ug_weights_default), &line)) {
            cli_error("built-in weights: line %zu: invalid", line);
            exit(CLI_TROUBLE);
        }
        return;
    }
    int fd = open(path, O_RDONLY);
    ug_buf b = { 0 };
    if (fd < 0 || cli_slurp(fd, &b, 1 << 20)) {
        cli_error("%s: %s", path, strerror(errno));
        exit(CLI_TROUBLE);
    }
    close(fd);
    if (ug_model_parse(&a->model, b.data ? b.data : "", b.len, &line)) {
        cli_error_at(path, line, "invalid weight line (want ID<TAB>non-negative number)");
        exit(CLI_TROUBLE);
    }
    ug_buf_free(&b);
}

int main(int argc, char **argv)
{
    app a;
    int c;
    const char *weights = NULL;
    memset(&a, 0, sizeof a);
    cli_init(argv[0]);
    cli_input_init(&a.in);
    a.label_key = "label";
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_BY:
            if (strcmp(optarg, "doc") == 0) a.by_doc = 1;
            else if (strcmp(optarg, "record") == 0) a.by_doc = 0;
            else cli_usage_error("invalid --by: '%s' (use record or doc)", optarg);
            break;
        case OPT_MIN: {
            char *end;
            a.min = strtod(optarg, &end);
            if (*end || end == optarg || !(a.min >= 0 && a.min <= 1))
                cli_usage_error("invalid --min: '%s' (a number from 0 to 1)", optarg);
            a.have_min = 1;
            break;
        }
        case OPT_CHECK: a.check = 1; break;
        case OPT_SUMMARY: a.summary = 1; break;
        case OPT_SUMMARY_ONLY: a.summary_only = 1; break;
        case OPT_FORMAT:
            if (!strcmp(optarg, "jsonl")) a.format = FMT_JSONL;
            else if (!strcmp(optarg, "text")) a.format = FMT_TEXT;
            else if (!strcmp(optarg, "tsv")) a.format = FMT_TSV;
            else if (!strcmp(optarg, "features")) a.format = FMT_FEATURES;
            else if (!strcmp(optarg, "diag")) a.format = FMT_DIAG;
            else cli_usage_error("invalid --format: '%s' (use jsonl, text, tsv, diag or features)", optarg);
            break;
        case OPT_WEIGHTS: weights = optarg; break;
        case OPT_LABEL_FIELD: a.label_key = optarg; break;
        case OPT_TEXT_FIELD: a.in.text_key = optarg; break;
        case OPT_ID_FIELD: a.in.id_key = optarg; break;
        case OPT_REJECTS: a.in.rejects_path = optarg; break;
        case OPT_REPORT: a.report_path = optarg; break;
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
    load_model(&a, weights);
    for (size_t i = 0; i < a.model.n; i++)      /* each feature's detector, looked up once */
        a.model_det[i] = ug_detector_find(a.model.names[i]);
    int min_given = a.have_min;
    if (a.check && !a.have_min) {
        a.min = a.model.threshold;
        a.have_min = 1;
    }
    a.ndet = ug_detector_count();
    a.count = calloc(a.ndet + 1, sizeof *a.count);
    a.flag_total = calloc(a.ndet + 1, sizeof *a.flag_total);
    a.contrib = calloc(UG_SCORE_MAX_FEATURES, sizeof *a.contrib);
    if (!a.count || !a.flag_total || !a.contrib)
        oom();
    if (a.in.rejects_path)
        cli_open_rejects(&a.in);
    if (a.report_path) {
        /* kept and rejected in the report: by --min, else by the model */
        a.report_min = a.have_min ? a.min : a.model.threshold;
        a.report = report_open(a.report_path, a.report_min, min_given ? "--min" : "the model's threshold",
                               a.by_doc);
        if (!a.report) {
            cli_error("%s: %s", a.report_path, strerror(errno));
            exit(CLI_TROUBLE);
        }
    }
    if (a.format == FMT_FEATURES && !a.check) {
        /* header line: the column names */
        printf("id\tlabel\tsplit\twords");
        for (size_t d = 0; d < a.ndet; d++)
            printf("\t%s", ug_detector_get(d)->id);
        putchar('\n');
    }
    int st = cli_each_record(&a.in, argv + optind, argc - optind, a.by_doc ? on_doc_record : on_record, &a);
    if (a.by_doc)
        flush_doc(&a);
    if (a.summary_only)
        print_summary(&a, stdout);
    else if (a.summary)
        print_summary(&a, stderr);
    if (a.report) {
        /* the page is put in place only when the output got out: after a
           write error on standard output the exit reports it, status 2 */
        if (fflush(stdout) == EOF || ferror(stdout)) {
            report_abort(a.report);
        } else if (report_finish(a.report)) {
            cli_error("%s: %s", a.report_path, strerror(errno));
            st = CLI_TROUBLE;
        }
        a.report = NULL;
    }
    free(a.count);
    free(a.flag_total);
    free(a.contrib);
    ug_free(a.recs);
    ug_free(a.mems.v);
    ug_buf *bufs[] = { &a.lines, &a.id, &a.out, &a.tmp, &a.text, &a.reasons, &a.flags, &a.docflags,
                       &a.checked_file };
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        ug_buf_free(bufs[i]);
    ug_record_free(&a.rec);
    ug_record_free(&a.inner);
    if (st == CLI_TROUBLE || a.in.status == CLI_TROUBLE)
        return CLI_TROUBLE;
    /* input that was rejected (invalid JSON, over-long lines, a broken
     * record contract) makes the status 1, as in every tool */
    if (a.check)
        return (a.below || a.in.records_rejected) ? CLI_REJECTED : CLI_OK;
    return a.kept && a.in.records_rejected == a.filtered ? CLI_OK : CLI_REJECTED;
}
