/* detect-mt-artifacts: flag machine-translation and scraping artifacts in records, with spans and evidence. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
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
          "  -j, --jobs=N             run the detectors on N threads (0: one per CPU;\n"
          "                           default: one per CPU, at most 8); the output is\n"
          "                           the same for every N, in input order\n"
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
    { "jobs", required_argument, NULL, 'j' },
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
    size_t mem_first, mem_n;    /* its members in the job's mems */
} rec_t;

/* One document: its records as read, and once processed the bytes to
 * write for it. Filled by the reading thread, processed by any worker,
 * written by the reading thread in input order. */
typedef struct {
    rec_t *recs;
    size_t nrec, caprec;
    ug_buf lines, texts, id, idfile;
    ug_buf map_json;
    cli_mems mems;              /* the members of every record's line, as parsed
                                   when it was read */
    long bytes_in;              /* raw size of the document (ug.norm.bytes_in) or -1 */
    long typo[4];
    /* made by the worker */
    ug_buf doc;
    ug_sentence *sents;
    size_t nsent, capsent;
    ug_findings found;
    ug_buf out;                 /* the records or diagnostics to write */
} job;

/* What one worker thread owns while it processes documents. */
typedef struct {
    ug_segmenter *seg;
    ug_buf tmp, flags, docflags;
    ug_record rec;
    size_t *recof;              /* per finding of the job, rec_at() of its start */
    size_t caprecof;
} worker;

/* Documents read and processed together. */
typedef struct {
    job *jobs;
    size_t njob, capjob;
    size_t bytes;               /* bytes of the records in the batch */
    size_t next;                /* next job to take (atomic while it runs) */
    size_t running;             /* workers still on it */
} batch;

typedef struct {
    cli_input in;
    int diag;
    int color;                  /* color diagnostics (--color) */
    unsigned char *enabled;
    /* two batches: one being read while the worker threads process the
       other; the last document of `fill` is open while have_id says its
       id is known */
    batch bt[2], *fill;
    size_t batch;               /* documents per batch (1 without threads) */
    int have_id;
    worker *workers;
    size_t nworkers;
    /* with threads: the batch handed to the workers (NULL: none), its
       generation, and whether the workers are to stop */
    pthread_t *tids;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    batch *busy;
    unsigned long gen;
    int quit;
    ug_record inner;
} app;

/* Most threads --jobs starts, and without --jobs; records buffered per
 * batch at most (about). */
#define CLI_MAX_JOBS 64
#define DEFAULT_MAX_JOBS 8
#define BATCH_BYTES (8u << 20)

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

/* Collects what detection needs from a record's "ug" object into x and the
 * document j (normalize's map and counts: the first record that has them). */
static void read_ug(app *a, job *j, const ug_record *rec, rec_t *x)
{
    const ug_json_member *u = member(rec, "ug");
    x->start = x->end = x->para = -1;
    x->kind = UG_SEG_BODY;
    x->sflags = 0;
    if (!u)
        return;
    if (ug_record_parse_valid(&a->inner, u->val, u->val_len))
        return;
    const ug_json_member *m;
    if ((m = member(&a->inner, "start"))) x->start = num_tok(m->val, m->val_len);
    if ((m = member(&a->inner, "end"))) x->end = num_tok(m->val, m->val_len);
    if ((m = member(&a->inner, "para"))) x->para = num_tok(m->val, m->val_len);
    if ((m = member(&a->inner, "kind")) && m->type == UG_JSON_STRING) x->kind = kind_of(m->val, m->val_len);
    if ((m = member(&a->inner, "glued")) && m->type == UG_JSON_TRUE) x->sflags |= UG_SEG_GLUED;
    if ((m = member(&a->inner, "norm")) && m->type == UG_JSON_OBJECT && j->typo[0] < 0) {
        ug_record norm = { 0 };
        if (ug_record_parse_valid(&norm, m->val, m->val_len) == UG_OK) {
            const ug_json_member *t = member(&norm, "typography"), *mp = member(&norm, "map"),
                                 *bi = member(&norm, "bytes_in");
            if (bi)
                j->bytes_in = num_tok(bi->val, bi->val_len);
            if (mp && j->map_json.len == 0 && ug_buf_append(&j->map_json, mp->val, mp->val_len))
                oom();
            ug_record ty = { 0 };
            if (t && t->type == UG_JSON_OBJECT && ug_record_parse_valid(&ty, t->val, t->val_len) == UG_OK) {
                static const char *keys[] = { "curly_quotes", "straight_quotes", "dashes", "ellipses" };
                for (int k = 0; k < 4; k++) {
                    const ug_json_member *c = member(&ty, keys[k]);
                    j->typo[k] = c ? num_tok(c->val, c->val_len) : -1;
                }
            }
            ug_record_free(&ty);
        }
        ug_record_free(&norm);
    }
}

/* Sentence callback of the segmenter: appends to the job's sentences. */
static ug_status add_sent(void *ctx, const ug_sentence *s)
{
    job *j = ctx;
    if (j->nsent == j->capsent) {
        size_t nc = j->capsent ? j->capsent * 2 : 64;
        ug_sentence *v = ug_realloc(j->sents, nc * sizeof *v);
        if (!v)
            return UG_ENOMEM;
        j->sents = v;
        j->capsent = nc;
    }
    j->sents[j->nsent++] = *s;
    return UG_OK;
}

/* Builds the document text and its sentences from the buffered records
 * (segmenting with w's segmenter when the records carry no spans). */
static void build_doc(worker *w, job *j)
{
    int spans = j->nrec > 0;
    for (size_t i = 0; i < j->nrec; i++)
        if (j->recs[i].start < 0 || j->recs[i].end < j->recs[i].start ||
            (size_t)(j->recs[i].end - j->recs[i].start) != j->recs[i].text_len ||
            (i && j->recs[i].start < j->recs[i - 1].end))
            spans = 0;
    ug_buf_clear(&j->doc);
    j->nsent = 0;
    if (spans) {
        /* sentence records: put each text at its offset, white space between */
        size_t len = (size_t)j->recs[j->nrec - 1].end;
        if (ug_buf_reserve(&j->doc, len))
            oom();
        memset(j->doc.data, ' ', len);
        j->doc.len = len;
        j->doc.data[len] = 0;
        for (size_t i = 0; i < j->nrec; i++) {
            rec_t *x = &j->recs[i];
            x->doc_start = (size_t)x->start;
            memcpy(j->doc.data + x->start, j->texts.data + x->text_off, x->text_len);
            if (i && x->para != j->recs[i - 1].para && x->start > j->recs[i - 1].end)
                j->doc.data[j->recs[i - 1].end] = '\n';
            ug_sentence s = { x->para < 0 ? 0 : (size_t)x->para, 0, (size_t)x->start, (size_t)x->end,
                              x->kind, x->sflags };
            if (add_sent(j, &s))
                oom();
        }
        return;
    }
    /* document records: concatenate (one record is the usual case) and segment */
    for (size_t i = 0; i < j->nrec; i++) {
        rec_t *x = &j->recs[i];
        if (i && ug_buf_putc(&j->doc, '\n'))
            oom();
        x->doc_start = j->doc.len;
        if (ug_buf_append(&j->doc, j->texts.data + x->text_off, x->text_len))
            oom();
    }
    if (ug_segment(w->seg, j->doc.data ? j->doc.data : "", j->doc.len, add_sent, j))
        oom();
}

/* Index of the record whose text contains document offset off. */
static size_t rec_at(const job *j, size_t off)
{
    size_t lo = 0, hi = j->nrec;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (j->recs[mid].doc_start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Kind of the sentence containing document offset off (body when none). */
static ug_seg_kind kind_at(const job *j, size_t off)
{
    size_t lo = 0, hi = j->nsent;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (j->sents[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < j->nsent && j->sents[lo].start <= off)
        return j->sents[lo].kind;
    return UG_SEG_BODY;
}

/* Appends {"id":..,"start":..,"end":..,"kind":..,"evidence":..} to b. */
static void put_flag(const job *j, ug_buf *b, const ug_finding *f, size_t start, size_t end)
{
    const char *id = ug_detector_get(f->det)->id;
    const char *ev = ug_finding_evidence(&j->found, f);
    if ((b->len > 1 && ug_buf_putc(b, ',')) || ug_buf_puts(b, "{\"id\":") ||
        ug_json_put_string(b, id, strlen(id)))
        oom();
    if (!f->doc && (ug_buf_puts(b, ",\"start\":") || ug_buf_put_u64(b, start) ||
                    ug_buf_puts(b, ",\"end\":") || ug_buf_put_u64(b, end)))
        oom();
    if (!f->doc) {
        /* the kind of the sentence the finding starts in, so that a score
         * can tell a glue in a photo credit from one in running text */
        const char *k = ug_seg_kind_name(kind_at(j, f->start));
        if (ug_buf_puts(b, ",\"kind\":\"") || ug_buf_puts(b, k) || ug_buf_putc(b, '"'))
            oom();
    }
    if (ug_buf_puts(b, ",\"evidence\":") || ug_json_put_string(b, ev, strlen(ev)) || ug_buf_putc(b, '}'))
        oom();
}

/* Appends the findings to j->out as FILE:LINE:COL: ID: evidence. */
static void write_diag(const app *a, job *j)
{
    ug_offmap map = { 0 };
    int have_map = j->map_json.len && ug_offmap_from_json(&map, j->map_json.data, j->map_json.len) == UG_OK;
    map.out_len = j->doc.len;
    /* the map's last segment runs to the raw end; without it, map nothing */
    if (j->bytes_in < 0)
        have_map = 0;
    map.in_len = j->bytes_in < 0 ? 0 : (size_t)j->bytes_in;
    const char *file = j->idfile.len ? j->idfile.data : "-";
    for (size_t k = 0; k < j->found.n; k++) {
        const ug_finding *f = &j->found.v[k];
        size_t line = 1, col = 1;
        if (!f->doc) {
            if (have_map) {
                ug_offmap_linecol(&map, j->doc.data, j->doc.len, f->start, &line, &col);
            } else {
                for (size_t i = 0; i < f->start && i < j->doc.len; i++) {
                    if (j->doc.data[i] == '\n') { line++; col = 1; }
                    else col++;
                }
            }
        }
        /* colors as GCC and grep use them: bold location, magenta id */
        const char *b = a->color ? "\033[1m" : "", *m = a->color ? "\033[1;35m" : "",
                   *e = a->color ? "\033[0m" : "";
        if (ug_buf_printf(&j->out, "%s%s:%zu:%zu:%s %s%s:%s %s\n", b, file, line, col, e, m,
                          ug_detector_get(f->det)->id, e, ug_finding_evidence(&j->found, f)))
            oom();
    }
    ug_offmap_free(&map);
}

/* Runs the detectors over document j and leaves its records (or its
 * diagnostics) in j->out. Safe to run on several threads at once, each
 * with its own worker w and job j. */
static void process_doc(const app *a, worker *w, job *j)
{
    build_doc(w, j);
    ug_doc d = { j->doc.data ? j->doc.data : "", j->doc.len, j->sents, j->nsent,
                 j->typo[0], j->typo[1], j->typo[2], j->typo[3] };
    ug_findings_clear(&j->found);
    ug_buf_clear(&j->out);
    ug_status st = ug_detect(&d, a->enabled, &j->found);
    if (st == UG_ENOMEM)
        oom();
    if (st) {
        cli_error("%s: internal error in a detector (%s)", j->idfile.len ? j->idfile.data : "-", ug_strerror(st));
        exit(CLI_TROUBLE);
    }
    if (a->diag) {
        write_diag(a, j);
        return;
    }
    ug_buf_clear(&w->docflags);
    ug_buf_putc(&w->docflags, '[');
    for (size_t k = 0; k < j->found.n; k++)
        if (j->found.v[k].doc)
            put_flag(j, &w->docflags, &j->found.v[k], 0, 0);
    if (ug_buf_putc(&w->docflags, ']'))
        oom();
    /* the record of each span finding, looked up once, not once per record */
    if (j->found.n > w->caprecof) {
        size_t *v = ug_realloc(w->recof, j->found.n * sizeof *v);
        if (!v)
            oom();
        w->recof = v;
        w->caprecof = j->found.n;
    }
    for (size_t k = 0; k < j->found.n; k++)
        w->recof[k] = j->found.v[k].doc ? SIZE_MAX : rec_at(j, j->found.v[k].start);
    for (size_t i = 0; i < j->nrec; i++) {
        rec_t *x = &j->recs[i];
        ug_buf_clear(&w->flags);
        ug_buf_putc(&w->flags, '[');
        for (size_t k = 0; k < j->found.n; k++) {
            const ug_finding *f = &j->found.v[k];
            if (w->recof[k] != i)
                continue;
            size_t s = f->start - x->doc_start, e = f->end - x->doc_start;
            if (e > x->text_len)
                e = x->text_len;
            if (s > e)
                s = e;
            put_flag(j, &w->flags, f, s, e);
        }
        if (ug_buf_putc(&w->flags, ']'))
            oom();
        ug_field ug[2] = { { "flags", w->flags.data, w->flags.len },
                           { "doc_flags", w->docflags.data, w->docflags.len } };
        if (x->line_len == 0 && x->lineno == 0) {
            /* --text input: a new record */
            ug_buf_clear(&w->tmp);
            if (ug_json_put_string(&w->tmp, j->texts.data + x->text_off, x->text_len))
                oom();
            ug_field top[2] = { { a->in.id_key, j->id.data, j->id.len },
                                { a->in.text_key, w->tmp.data, w->tmp.len } };
            if (ug_record_write(&j->out, NULL, top, 2, ug, 2))
                oom();
        } else {
            /* the line parsed when it was read: its members as they were
               found then */
            cli_mems_load(&j->mems, x->mem_first, x->mem_n, j->lines.data + x->line_off, &w->rec);
            if (ug_record_write(&j->out, &w->rec, NULL, 0, ug, 2))
                oom();
        }
    }
}

/* Empties job j for the next document, keeping its allocations. */
static void job_reset(job *j)
{
    j->nrec = 0;
    j->mems.n = 0;
    ug_buf_clear(&j->lines);
    ug_buf_clear(&j->texts);
    ug_buf_clear(&j->id);
    ug_buf_clear(&j->idfile);
    ug_buf_clear(&j->map_json);
    j->typo[0] = j->typo[1] = j->typo[2] = j->typo[3] = -1;
    j->bytes_in = -1;
}

/* Frees what job j owns. */
static void job_free(job *j)
{
    ug_free(j->recs);
    ug_free(j->sents);
    ug_free(j->mems.v);
    ug_findings_free(&j->found);
    ug_buf *bufs[] = { &j->lines, &j->texts, &j->id, &j->idfile, &j->map_json, &j->doc, &j->out };
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        ug_buf_free(bufs[i]);
}

/* Processes the jobs of batch b one at a time until none is left to take. */
static void take_jobs(const app *a, worker *w, batch *b)
{
    for (;;) {
        size_t i = __atomic_fetch_add(&b->next, 1, __ATOMIC_RELAXED);
        if (i >= b->njob)
            break;
        process_doc(a, w, &b->jobs[i]);
    }
}

/* A worker thread's arguments. */
typedef struct {
    app *a;
    worker *w;
} work_arg;

/* Worker thread: waits for a batch, takes its jobs, reports when the
 * batch is finished, until told to quit. */
static void *work(void *p)
{
    work_arg *wa = p;
    app *a = wa->a;
    unsigned long seen = 0;
    pthread_mutex_lock(&a->mu);
    for (;;) {
        while (!a->quit && a->gen == seen)
            pthread_cond_wait(&a->go, &a->mu);
        if (a->quit)
            break;
        seen = a->gen;
        batch *b = a->busy;
        pthread_mutex_unlock(&a->mu);
        take_jobs(a, wa->w, b);
        pthread_mutex_lock(&a->mu);
        if (--b->running == 0)
            pthread_cond_signal(&a->done);
    }
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

/* Writes the output of batch b in input order and empties it. */
static void write_batch(batch *b)
{
    for (size_t i = 0; i < b->njob; i++) {
        cli_write(b->jobs[i].out.data, b->jobs[i].out.len);
        job_reset(&b->jobs[i]);
    }
    b->njob = 0;
    b->bytes = 0;
}

/* With threads: waits until the workers finish the batch they hold and
 * returns it, unwritten (NULL when they hold none). */
static batch *take_busy(app *a)
{
    pthread_mutex_lock(&a->mu);
    batch *b = a->busy;
    while (b && b->running)
        pthread_cond_wait(&a->done, &a->mu);
    a->busy = NULL;
    pthread_mutex_unlock(&a->mu);
    return b;
}

/* With threads: waits until the workers finish the batch they hold, then
 * writes it. */
static void wait_busy(app *a)
{
    batch *b = take_busy(a);
    if (b)
        write_batch(b);
}

/* Hands the documents read so far to be processed. Without threads they
 * are processed and written here; with threads the batch before is
 * finished, this one goes to the workers, the one before is written while
 * they work, and reading goes on into it. */
static void run_batch(app *a)
{
    batch *b = a->fill;
    if (!b->njob)
        return;
    if (!a->tids) {
        take_jobs(a, &a->workers[0], b);
        write_batch(b);
        b->next = 0;
        return;
    }
    batch *done = take_busy(a);
    pthread_mutex_lock(&a->mu);
    b->next = 0;
    b->running = a->nworkers;
    a->busy = b;
    a->gen++;
    pthread_cond_broadcast(&a->go);
    pthread_mutex_unlock(&a->mu);
    if (done)
        write_batch(done);
    a->fill = b == &a->bt[0] ? &a->bt[1] : &a->bt[0];
}

/* Starts the worker threads (with more than one). */
static void start_workers(app *a)
{
    if (a->nworkers < 2)
        return;
    static work_arg args[CLI_MAX_JOBS];
    a->tids = calloc(a->nworkers, sizeof *a->tids);
    if (!a->tids)
        oom();
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->go, NULL);
    pthread_cond_init(&a->done, NULL);
    for (size_t t = 0; t < a->nworkers; t++) {
        args[t] = (work_arg){ a, &a->workers[t] };
        int e = pthread_create(&a->tids[t], NULL, work, &args[t]);
        if (e) {
            cli_error("cannot start a thread: %s", strerror(e));
            exit(CLI_TROUBLE);
        }
    }
}

/* Processes and writes what is left, then stops the worker threads. */
static void finish(app *a)
{
    run_batch(a);
    if (!a->tids)
        return;
    wait_busy(a);
    pthread_mutex_lock(&a->mu);
    a->quit = 1;
    pthread_cond_broadcast(&a->go);
    pthread_mutex_unlock(&a->mu);
    for (size_t t = 0; t < a->nworkers; t++)
        pthread_join(a->tids[t], NULL);
    free(a->tids);
    a->tids = NULL;
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->go);
    pthread_cond_destroy(&a->done);
}

/* Closes the open document: the batch runs when it is full. */
static void end_doc(app *a)
{
    a->have_id = 0;
    batch *b = a->fill;
    if (b->njob && (b->njob >= a->batch || b->bytes >= BATCH_BYTES))
        run_batch(a);
}

/* Appends a job (empty, its buffers kept from earlier use) to batch b
 * and returns it. */
static job *batch_add(batch *b)
{
    if (b->njob == b->capjob) {
        size_t nc = b->capjob ? b->capjob * 2 : 4;
        job *v = ug_realloc(b->jobs, nc * sizeof *v);
        if (!v)
            oom();
        memset(v + b->capjob, 0, (nc - b->capjob) * sizeof *v);
        for (size_t i = b->capjob; i < nc; i++)
            job_reset(&v[i]);
        b->jobs = v;
        b->capjob = nc;
    }
    return &b->jobs[b->njob++];
}

/* Opens a new document at the end of the batch being read and returns it. */
static job *new_doc(app *a)
{
    return batch_add(a->fill);
}

/* Idle hook: the input has nothing more for now. Every document read to
 * its end (all but the open one) is processed and written, and standard
 * output is flushed, so that a slow feed streams through as it does with
 * one thread, where each document is written as soon as the next begins.
 * Waiting for the threads here costs nothing: the reader would wait for
 * input anyway. */
static void on_idle(void *ctx)
{
    app *a = ctx;
    if (a->tids) {
        wait_busy(a);                   /* the batch before: written */
        batch *b = a->fill, *o = b == &a->bt[0] ? &a->bt[1] : &a->bt[0];
        if (b->njob > (size_t)a->have_id) {
            if (a->have_id) {
                /* the open document goes on in the other batch, now empty */
                job *to = batch_add(o), *from = &b->jobs[b->njob - 1], keep = *to;
                *to = *from;
                *from = keep;
                b->njob--;
                size_t moved = to->lines.len + to->texts.len;
                o->bytes = moved;
                b->bytes = b->bytes > moved ? b->bytes - moved : 0;
            }
            run_batch(a);               /* b to the threads; o is read into */
            wait_busy(a);
        }
    }
    cli_flush();
}

/* Adds a record (raw line, may be empty for --text) to document j. */
static rec_t *push_rec(app *a, job *j, const char *line, size_t len, unsigned long long lineno)
{
    if (j->nrec == j->caprec) {
        size_t nc = j->caprec ? j->caprec * 2 : 16;
        rec_t *v = ug_realloc(j->recs, nc * sizeof *v);
        if (!v)
            oom();
        j->recs = v;
        j->caprec = nc;
    }
    rec_t *x = &j->recs[j->nrec++];
    memset(x, 0, sizeof *x);
    x->line_off = j->lines.len;
    x->line_len = len;
    x->lineno = lineno;
    if (ug_buf_append(&j->lines, line, len))
        oom();
    a->fill->bytes += len;
    return x;
}

/* Record callback: groups consecutive records with the same id. */
static int on_record(void *ctx, const char *line, size_t len, ug_record *rec,
                     const char *file, unsigned long long lineno)
{
    app *a = ctx;
    (void)file;
    const ug_json_member *idm = member(rec, a->in.id_key);
    job *j = a->have_id ? &a->fill->jobs[a->fill->njob - 1] : NULL;
    int same = idm && j && idm->val_len == j->id.len && memcmp(idm->val, j->id.data, j->id.len) == 0;
    if (!same) {
        if (a->have_id)
            end_doc(a);
        j = new_doc(a);
        if (idm) {
            if (ug_buf_append(&j->id, idm->val, idm->val_len))
                oom();
            if (idm->type == UG_JSON_STRING ? ug_json_decode_string(idm->val, idm->val_len, &j->idfile)
                                            : ug_buf_append(&j->idfile, idm->val, idm->val_len))
                oom();
            a->have_id = 1;
        }
    }
    rec_t *x = push_rec(a, j, line, len, lineno ? lineno : 1);
    /* its members kept, so that writing it back needs no second parse */
    x->mem_first = cli_mems_keep(&j->mems, rec, line);
    x->mem_n = rec->n;
    const ug_json_member *t = member(rec, a->in.text_key);
    x->text_off = j->texts.len;
    if (ug_json_decode_string(t->val, t->val_len, &j->texts))
        oom();
    x->text_len = j->texts.len - x->text_off;
    a->fill->bytes += x->text_len;
    read_ug(a, j, rec, x);
    if (!idm)
        end_doc(a);         /* no id: every record is a document */
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

/* CPUs this process may run on (its affinity mask, as nproc(1) counts
 * them, where the system tells), else the CPUs online; 0 when unknown. */
static long usable_cpus(void)
{
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 0;
}

int main(int argc, char **argv)
{
    app a;
    int c, text_in = 0, list = 0;
    long jobs = -1;             /* not given */
    const char *enable = NULL, *disable = NULL;
    memset(&a, 0, sizeof a);
    cli_init(argv[0]);
    cli_input_init(&a.in);
    while ((c = getopt_long(argc, argv, "lj:", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': list = 1; break;
        case 'j': {
            char *end;
            errno = 0;
            jobs = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || jobs < 0 || jobs > CLI_MAX_JOBS)
                cli_usage_error("invalid --jobs: '%s' (a number from 0 to %d)", optarg, CLI_MAX_JOBS);
            break;
        }
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
    if (jobs <= 0) {
        long cpus = usable_cpus(), most = jobs == 0 ? CLI_MAX_JOBS : DEFAULT_MAX_JOBS;
        jobs = cpus < 1 ? 1 : cpus > most ? most : cpus;
    }
    a.nworkers = (size_t)jobs;
    /* one document at a time on one thread, as a pipe expects; with
       threads, batches big enough to keep them all busy */
    a.batch = a.nworkers == 1 ? 1 : 32 * a.nworkers;
    a.fill = &a.bt[0];
    a.workers = calloc(a.nworkers, sizeof *a.workers);
    if (!a.workers)
        oom();
    for (size_t t = 0; t < a.nworkers; t++)
        if (!(a.workers[t].seg = ug_segmenter_new(NULL)))
            oom();
    if (a.in.rejects_path)
        cli_open_rejects(&a.in);
    start_workers(&a);
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
            job *j = new_doc(&a);
            if (ug_json_put_string(&j->id, files[i], strlen(files[i])) || ug_buf_puts(&j->idfile, files[i]))
                oom();
            rec_t *x = push_rec(&a, j, "", 0, 0);
            x->text_off = j->texts.len;
            if (ug_buf_append(&j->texts, raw.data ? raw.data : "", raw.len))
                oom();
            x->text_len = raw.len;
            a.fill->bytes += raw.len;
            x->start = x->end = x->para = -1;
            end_doc(&a);
            ug_buf_free(&raw);
        }
    } else {
        a.in.idle = on_idle;
        a.in.idle_ctx = &a;
        cli_each_record(&a.in, argv + optind, argc - optind, on_record, &a);
    }
    finish(&a);
    for (size_t t = 0; t < a.nworkers; t++) {
        worker *w = &a.workers[t];
        ug_segmenter_free(w->seg);
        ug_buf_free(&w->tmp);
        ug_buf_free(&w->flags);
        ug_buf_free(&w->docflags);
        ug_record_free(&w->rec);
        ug_free(w->recof);
    }
    free(a.workers);
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < a.bt[k].capjob; i++)
            job_free(&a.bt[k].jobs[i]);
        ug_free(a.bt[k].jobs);
    }
    free(a.enabled);
    ug_record_free(&a.inner);
    return a.in.status;
}
