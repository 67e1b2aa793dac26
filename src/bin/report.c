/* report.c: the HTML review page of score --report (see report.h). */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "report.h"
#include "ug/ug.h"

enum {
    MAX_DETS = 256,             /* distinct detector names told apart */
    DET_NAME_MAX = 64,          /* bytes of a detector name kept */
    NOTE_MAX = 300,             /* bytes of a flag's evidence shown */
    MAX_ITEMS = 20000,          /* flags of one unit shown (all are counted) */
    TITLE_ITEMS = 6,            /* flags named in one highlight's tooltip */
    ID_SHOW_MAX = 160,          /* bytes of an id shown in the table */
    FLUSH_AT = 1 << 16,         /* pending bytes written out at once */
    NCOLORS = 10                /* highlight colors, by detector */
};

/* A detector name seen in the flags. */
typedef struct {
    char name[DET_NAME_MAX + 1];    /* decoded id, cut at a character boundary */
    size_t name_len;
    char token[DET_NAME_MAX + 2];   /* the name with bytes outside [A-Za-z0-9_-] as '_' */
    int residue;                    /* a residue detector of this build */
    unsigned long long flags, units;
} det_info;

/* One flag of the current unit. */
typedef struct {
    size_t start, end;      /* clamped byte span; start == end: nothing to highlight */
    int det;                /* index in dets, or -1 when that table is full */
    int doc;                /* a document-level finding (ug.doc_flags) */
    size_t idx;             /* index of the flag in its array */
    size_t note, note_len;  /* "id (kind): evidence" in the pool */
    size_t id_len;          /* bytes of the note that are the id */
} item;

/* A span boundary: where a flag's highlight opens or closes. */
typedef struct {
    size_t pos;
    int open;
    size_t item;
} event;

/* Walk state over the flags of one unit. */
typedef struct {
    const char *text;
    size_t len;
    int doc;
} unit_ctx;

struct report {
    const char *path;       /* borrowed */
    char *tmp_path;         /* owned; NULL when writing path directly */
    FILE *page, *rows;
    int err;                /* first error (errno value), sticky */
    int finished;
    double threshold;
    char *note;             /* owned */
    int by_doc;
    unsigned long long units, kept, flags_total, hist[10];
    double sum;
    det_info dets[MAX_DETS];
    size_t ndets;
    unsigned char seen[MAX_DETS + 1];   /* detectors of this unit; [MAX_DETS]: others */
    unsigned gen[MAX_DETS + 1], cur_gen;
    item *items;
    size_t nitems, capitems;
    event *ev;
    size_t capev;
    size_t *active;
    size_t nactive, capactive;
    ug_buf out, row, pool, tmp, tokens;
    ug_record frec;
    struct report *next;    /* in the list of unfinished reports */
};

/* Unfinished reports, whose temporary files go at exit. */
static report *unfinished;
static int atexit_done;

/* atexit handler: removes the temporary file of every unfinished report. */
static void remove_unfinished(void)
{
    for (report *r = unfinished; r; r = r->next)
        if (r->tmp_path)
            unlink(r->tmp_path);
}

/* Takes r out of the list of unfinished reports. */
static void unlist(report *r)
{
    for (report **p = &unfinished; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            return;
        }
}

/* Records errno value e as the report's error unless one is set. */
static void fail(report *r, int e)
{
    if (!r->err)
        r->err = e ? e : EIO;
}

/* Appends p[0..n) to b; a memory error becomes the report's error. */
static void add(report *r, ug_buf *b, const void *p, size_t n)
{
    if (!r->err && n && ug_buf_append(b, p, n))
        fail(r, ENOMEM);
}

/* Appends the NUL-terminated s to b. */
static void adds(report *r, ug_buf *b, const char *s)
{
    add(r, b, s, strlen(s));
}

/* Appends printf-formatted text (short: numbers and names) to b. */
static void addf(report *r, ug_buf *b, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void addf(report *r, ug_buf *b, const char *fmt, ...)
{
    char s[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s, sizeof s, fmt, ap);
    va_end(ap);
    if (n < 0)
        fail(r, EINVAL);
    else
        add(r, b, s, (size_t)n < sizeof s ? (size_t)n : sizeof s - 1);
}

/* Writes the pending bytes of b to f when there are at least FLUSH_AT of
 * them (or any, with force) and empties b; a write error becomes the
 * report's error. */
static void flush_to(report *r, ug_buf *b, FILE *f, int force)
{
    if (!b->len || (!force && b->len < FLUSH_AT))
        return;
    if (!r->err && fwrite(b->data, 1, b->len, f) != b->len)
        fail(r, errno);
    ug_buf_clear(b);
}

/* Length (1 to 4) of the well-formed UTF-8 sequence at s[0..n), with its
 * code point in *cp; 0 when s does not start with one. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* Appends s[0..n) to b as HTML text, valid in element content and in
 * quoted attribute values: & < > " ' as references, C0 controls (but tab
 * and newline) and DEL as their Unicode control pictures, C1 controls,
 * noncharacters and bytes that are not UTF-8 as U+FFFD. When f is not
 * NULL, b is written to f as it fills. */
static void esc(report *r, ug_buf *b, FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned c = p[i];
        const char *rep;
        char pic[4];
        size_t step = 1;
        if (c >= 0x20 && c < 0x7F) {
            switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            default: i++; continue;
            }
        } else if (c == '\n' || c == '\t') {
            i++;
            continue;
        } else if (c < 0x20) {
            pic[0] = '\xE2'; pic[1] = '\x90'; pic[2] = (char)(0x80 + c); pic[3] = 0;
            rep = pic;
        } else if (c == 0x7F) {
            rep = "\xE2\x90\xA1";
        } else {
            uint32_t cp;
            step = utf8_seq(p + i, n - i, &cp);
            if (step && !(cp >= 0x80 && cp <= 0x9F) && !(cp >= 0xFDD0 && cp <= 0xFDEF) &&
                (cp & 0xFFFE) != 0xFFFE) {
                i += step;
                continue;
            }
            if (!step)
                step = 1;
            rep = "\xEF\xBF\xBD";
        }
        add(r, b, s + run, i - run);
        adds(r, b, rep);
        i += step;
        run = i;
        if (f)
            flush_to(r, b, f, 0);
    }
    add(r, b, s + run, n - run);
    if (f)
        flush_to(r, b, f, 0);
}

/* The length of the longest prefix of s[0..n) of at most max bytes that
 * ends at a UTF-8 character boundary. */
static size_t cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* Index of the detector named name[0..len) in r->dets, added when new;
 * -1 when the table is full. */
static int det_index(report *r, const char *name, size_t len)
{
    len = cut(name, len, DET_NAME_MAX);
    for (size_t i = 0; i < r->ndets; i++)
        if (r->dets[i].name_len == len && memcmp(r->dets[i].name, name, len) == 0)
            return (int)i;
    if (r->ndets == MAX_DETS)
        return -1;
    det_info *d = &r->dets[r->ndets];
    memset(d, 0, sizeof *d);
    memcpy(d->name, name, len);
    d->name_len = len;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                   c == '-';
        d->token[i] = keep ? c : '_';
    }
    if (!len)
        d->token[0] = '_';
    long k = memchr(name, 0, len) ? -1 : ug_detector_find(d->name);
    d->residue = k >= 0 && ug_detector_get((size_t)k)->family == UG_DET_RESIDUE;
    return (int)r->ndets++;
}

/* The token of detector index d (-1: the detectors past the table). */
static const char *det_token(const report *r, int d)
{
    return d < 0 ? "other" : r->dets[d].token;
}

/* Appends the CSS classes that color detector d: "cN", plus " r" for a
 * residue detector. */
static void det_class(report *r, ug_buf *b, int d)
{
    if (d < 0)
        adds(r, b, "cx");
    else
        addf(r, b, "c%d%s", d % NCOLORS, r->dets[d].residue ? " r" : "");
}

/* The value of a member of the parsed object o as a byte offset: a JSON
 * number made of digits only (saturating); -1 when absent or not such a
 * number. */
static int offset_member(const ug_record *o, const char *key, size_t *out)
{
    long i = ug_record_find(o, key);
    if (i < 0 || o->m[i].type != UG_JSON_NUMBER)
        return -1;
    const char *s = o->m[i].val;
    size_t n = o->m[i].val_len, v = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return -1;
        size_t dgt = (size_t)(s[k] - '0');
        v = v > (SIZE_MAX - dgt) / 10 ? SIZE_MAX : v * 10 + dgt;
    }
    *out = v;
    return 0;
}

/* Appends the decoded string member key of o to b, cut to max bytes at a
 * character boundary; returns 1 when it was cut, 0 when whole, -1 when it
 * is absent or not a string. */
static int string_member(report *r, const ug_record *o, const char *key, ug_buf *b, size_t max)
{
    long i = ug_record_find(o, key);
    if (i < 0 || o->m[i].type != UG_JSON_STRING)
        return -1;
    size_t at = b->len;
    if (ug_json_decode_string(o->m[i].val, o->m[i].val_len, b)) {
        fail(r, ENOMEM);
        return -1;
    }
    size_t whole = b->len - at, keep = cut(b->data + at, whole, max);
    b->len = at + keep;
    if (b->data)
        b->data[b->len] = 0;
    return keep < whole;
}

/* Takes flag number idx, the object obj[0..len), of the current unit:
 * registers its detector, clamps its span to whole characters of the text
 * and keeps it (with its "id (kind): evidence" note) in r->items.
 * Elements that are not objects are counted by the caller and otherwise
 * ignored. */
static void take_flag(report *r, size_t idx, const char *obj, size_t len, const unit_ctx *u)
{
    ug_status st = ug_record_parse(&r->frec, obj, len, 0, NULL);
    if (st == UG_ENOMEM)
        fail(r, ENOMEM);
    if (st != UG_OK || r->err)
        return;
    ug_buf_clear(&r->tmp);
    if (string_member(r, &r->frec, "id", &r->tmp, DET_NAME_MAX) < 0)
        adds(r, &r->tmp, "?");
    int d = r->err ? -1 : det_index(r, r->tmp.data, r->tmp.len);
    r->seen[d < 0 ? MAX_DETS : d] = 1;
    if (d >= 0)
        r->dets[d].flags++;
    r->flags_total++;
    if (r->nitems >= MAX_ITEMS || r->err)
        return;
    if (r->nitems == r->capitems) {
        size_t nc = r->capitems ? 2 * r->capitems : 64;
        item *v = realloc(r->items, nc * sizeof *v);
        if (!v) {
            fail(r, ENOMEM);
            return;
        }
        r->items = v;
        r->capitems = nc;
    }
    item *it = &r->items[r->nitems++];
    memset(it, 0, sizeof *it);
    it->det = d;
    it->doc = u->doc;
    it->idx = idx;
    /* the note: id (kind): evidence */
    it->note = r->pool.len;
    it->id_len = r->tmp.len;
    add(r, &r->pool, r->tmp.data, r->tmp.len);
    ug_buf_clear(&r->tmp);
    if (string_member(r, &r->frec, "kind", &r->tmp, DET_NAME_MAX) == 0 && r->tmp.len) {
        adds(r, &r->pool, " (");
        add(r, &r->pool, r->tmp.data, r->tmp.len);
        adds(r, &r->pool, ")");
    }
    ug_buf_clear(&r->tmp);
    int cut_ev = string_member(r, &r->frec, "evidence", &r->tmp, NOTE_MAX);
    if (cut_ev >= 0 && r->tmp.len) {
        adds(r, &r->pool, ": ");
        add(r, &r->pool, r->tmp.data, r->tmp.len);
        if (cut_ev)
            adds(r, &r->pool, "\xE2\x80\xA6");
    }
    it->note_len = r->pool.len - it->note;
    /* the span, on whole characters of the text */
    size_t s, e;
    if (u->doc || offset_member(&r->frec, "start", &s) || offset_member(&r->frec, "end", &e))
        return;
    if (e > u->len)
        e = u->len;
    if (s >= e)
        return;
    while (s > 0 && ((unsigned char)u->text[s] & 0xC0) == 0x80)
        s--;
    while (e < u->len && ((unsigned char)u->text[e] & 0xC0) == 0x80)
        e++;
    it->start = s;
    it->end = e;
}

/* Calls take_flag() for every element of the JSON array arr[0..len) (a
 * value token from a successful parse); returns the number of elements. */
static size_t each_flag(report *r, const char *arr, size_t len, const unit_ctx *u)
{
    size_t count = 0;
    if (!arr || len < 2 || arr[0] != '[')
        return 0;
    size_t i = 1, end = len - 1;    /* arr[end] is the closing bracket */
    while (i < end) {
        while (i < end && (arr[i] == ' ' || arr[i] == '\t' || arr[i] == '\n' || arr[i] == '\r' || arr[i] == ','))
            i++;
        if (i >= end)
            break;
        size_t start = i;
        int depth = 0, instr = 0;
        for (; i < end; i++) {
            char c = arr[i];
            if (instr) {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    instr = 0;
            } else if (c == '"') {
                instr = 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        size_t stop = i;
        while (stop > start && (arr[stop - 1] == ' ' || arr[stop - 1] == '\t' || arr[stop - 1] == '\n' ||
                                arr[stop - 1] == '\r'))
            stop--;
        take_flag(r, count++, arr + start, stop - start, u);
    }
    return count;
}

/* qsort order of events: by position, closings before openings, then by
 * flag. */
static int event_cmp(const void *pa, const void *pb)
{
    const event *a = pa, *b = pb;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    if (a->open != b->open)
        return a->open - b->open;
    return a->item < b->item ? -1 : a->item > b->item;
}

/* Writes text[from..to) covered by the flags r->active[0..nactive): plain
 * when none covers it, else one <mark> naming them all (classes of the
 * first detector's color, "m" when several flags overlap, data-dets with
 * their detectors, data-flags with their indices, a tooltip with their
 * notes). */
static void write_piece(report *r, const char *text, size_t from, size_t to)
{
    ug_buf *b = &r->out;
    if (from >= to)
        return;
    if (!r->nactive) {
        esc(r, b, r->page, text + from, to - from);
        return;
    }
    /* color: the first machine-translation detector, else the first one */
    int first = r->items[r->active[0]].det;
    for (size_t k = 0; k < r->nactive; k++) {
        int d = r->items[r->active[k]].det;
        if (d >= 0 && !r->dets[d].residue) {
            first = d;
            break;
        }
    }
    adds(r, b, "<mark class=\"f ");
    det_class(r, b, first);
    if (r->nactive > 1)
        adds(r, b, " m");
    adds(r, b, "\" data-dets=\"");
    r->cur_gen++;
    int n = 0;
    for (size_t k = 0; k < r->nactive; k++) {
        int d = r->items[r->active[k]].det;
        size_t g = d < 0 ? MAX_DETS : (size_t)d;
        if (r->gen[g] == r->cur_gen)
            continue;
        r->gen[g] = r->cur_gen;
        if (n++)
            adds(r, b, " ");
        adds(r, b, det_token(r, d));
    }
    adds(r, b, "\" data-flags=\"");
    for (size_t k = 0; k < r->nactive; k++)
        addf(r, b, "%s%zu", k ? " " : "", r->items[r->active[k]].idx);
    adds(r, b, "\" title=\"");
    for (size_t k = 0; k < r->nactive && k < TITLE_ITEMS; k++) {
        const item *it = &r->items[r->active[k]];
        if (k)
            adds(r, b, "\n");
        esc(r, b, NULL, r->pool.data + it->note, it->note_len);
    }
    if (r->nactive > TITLE_ITEMS)
        addf(r, b, "\n(%zu more)", r->nactive - TITLE_ITEMS);
    adds(r, b, "\">");
    esc(r, b, r->page, text + from, to - from);
    adds(r, b, "</mark>");
    flush_to(r, b, r->page, 0);
}

/* Writes the text of the unit with its flag spans highlighted: the
 * spans are cut at every boundary of any of them, so that highlights
 * never overlap and each piece names all the flags covering it. */
static void write_text(report *r, const char *text, size_t len)
{
    size_t nev = 0;
    for (size_t i = 0; i < r->nitems; i++)
        if (!r->items[i].doc && r->items[i].start < r->items[i].end)
            nev += 2;
    if (nev > r->capev) {
        event *v = realloc(r->ev, nev * sizeof *v);
        if (!v) {
            fail(r, ENOMEM);
            return;
        }
        r->ev = v;
        r->capev = nev;
    }
    if (r->nitems > r->capactive) {
        size_t *v = realloc(r->active, r->nitems * sizeof *v);
        if (!v) {
            fail(r, ENOMEM);
            return;
        }
        r->active = v;
        r->capactive = r->nitems;
    }
    nev = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        const item *it = &r->items[i];
        if (it->doc || it->start >= it->end)
            continue;
        r->ev[nev++] = (event){ it->start, 1, i };
        r->ev[nev++] = (event){ it->end, 0, i };
    }
    if (nev)
        qsort(r->ev, nev, sizeof *r->ev, event_cmp);
    r->nactive = 0;
    size_t pos = 0;
    for (size_t k = 0; k < nev && !r->err;) {
        size_t at = r->ev[k].pos;
        write_piece(r, text, pos, at);
        pos = at;
        for (; k < nev && r->ev[k].pos == at; k++) {
            if (r->ev[k].open) {
                r->active[r->nactive++] = r->ev[k].item;
            } else {
                for (size_t j = 0; j < r->nactive; j++)
                    if (r->active[j] == r->ev[k].item) {
                        memmove(&r->active[j], &r->active[j + 1], (r->nactive - j - 1) * sizeof *r->active);
                        r->nactive--;
                        break;
                    }
            }
        }
    }
    r->nactive = 0;
    write_piece(r, text, pos, len);
}

/* Appends "det:w, det:w" from the reasons "det:w,det:w" to b, escaped. */
static void write_reasons(report *r, ug_buf *b, const char *reasons)
{
    if (!reasons || !*reasons) {
        adds(r, b, "<span class=\"none\">none</span>");
        return;
    }
    for (const char *p = reasons; *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (p != reasons)
            adds(r, b, ", ");
        esc(r, b, NULL, p, n);
        p += n + (c != NULL);
    }
}

/* Appends the id of a unit, escaped and cut to max bytes, or "(no id)". */
static void write_id(report *r, ug_buf *b, const report_unit *u, size_t max)
{
    if (!u->id || !u->id_len) {
        adds(r, b, "<span class=\"none\">(no id)</span>");
        return;
    }
    size_t n = cut(u->id, u->id_len, max);
    esc(r, b, NULL, u->id, n);
    if (n < u->id_len)
        adds(r, b, "\xE2\x80\xA6");
}

static const char page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
    "<title>score report</title>\n"
    "<style>\n"
    ":root{--fg:#1f2633;--muted:#5d6778;--line:#dfe3ea;--bg:#f5f6f8;--bad:#b42318;--good:#0a7a43}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:14px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;"
    "color:var(--fg);background:var(--bg)}\n"
    "#page{display:flex;flex-direction:column;gap:14px;max-width:1200px;margin:0 auto;padding:20px 24px 48px}\n"
    "#top{order:-1;display:flex;flex-direction:column;gap:12px}\n"
    "#units{display:flex;flex-direction:column;gap:14px}\n"
    "h1{font-size:20px;margin:0}\n"
    ".summary{margin:0;color:var(--muted)}.summary b{color:var(--fg)}\n"
    ".over{display:flex;gap:14px;flex-wrap:wrap;align-items:stretch}\n"
    ".card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}\n"
    ".card h3{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 8px}\n"
    ".legend{flex:1;min-width:300px}\n"
    ".legend ul{list-style:none;margin:0;padding:0;columns:2 240px;column-gap:20px}\n"
    ".legend li{margin:0 0 5px;break-inside:avoid}.legend li small{color:var(--muted)}\n"
    ".hist text{font-size:11px;fill:var(--muted)}\n"
    ".controls{display:flex;gap:18px;align-items:center;flex-wrap:wrap}\n"
    ".controls select{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}\n"
    "#count{color:var(--muted)}\n"
    ".tablewrap{max-height:430px;overflow:auto;background:#fff;border:1px solid var(--line);border-radius:8px}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th{position:sticky;top:0;background:#eef1f5;text-align:left;font-weight:600;padding:7px 12px;"
    "border-bottom:1px solid var(--line);cursor:pointer;user-select:none;white-space:nowrap}\n"
    "th.asc::after{content:\" \xE2\x96\xB2\";font-size:10px}th.desc::after{content:\" \xE2\x96\xBC\";font-size:10px}\n"
    "td{padding:6px 12px;border-bottom:1px solid #eef0f3;vertical-align:top}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.id{overflow-wrap:anywhere}td.id a{color:inherit;text-decoration:none}\n"
    "tbody tr{cursor:pointer}tbody tr:hover{background:#f2f6fc}\n"
    ".bad{color:var(--bad);font-weight:600}.ok{color:var(--good);font-weight:600}\n"
    ".none{color:var(--muted)}\n"
    ".unit{background:#fff;border:1px solid var(--line);border-left:4px solid var(--good);border-radius:8px;"
    "padding:12px 18px 14px;scroll-margin-top:12px}\n"
    ".unit.rejected{border-left-color:var(--bad)}\n"
    ".unit h2{font-size:15px;margin:0 0 4px;display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}\n"
    ".unit h2 .n{color:var(--muted);font-weight:400}.unit h2 .uid{overflow-wrap:anywhere}\n"
    ".tag{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.05em;padding:1px 8px;"
    "border-radius:9px;background:#e2f4ea;color:var(--good)}\n"
    ".rejected .tag{background:#fde7e5;color:var(--bad)}\n"
    ".why{margin:0 0 8px;color:var(--muted)}\n"
    "ul.doc{margin:0 0 8px;padding:8px 12px;list-style:none;background:#f7f8fa;border-radius:6px}\n"
    "ul.doc li{margin:2px 0}\n"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.65 Georgia,\"DejaVu Serif\",serif;"
    "max-height:420px;overflow:auto;padding:10px 12px;border:1px solid #eef0f3;border-radius:6px}\n"
    "mark.f{color:inherit;background:var(--hl);border-radius:2px}\n"
    "mark.r{background:none;border-bottom:2px dotted #8a94a6;border-radius:0}\n"
    "mark.m{box-shadow:inset 0 -2px 0 #1f2633}\n"
    "body.filtering mark.f:not(.off){background:#ffd54a;border-bottom:0}\n"
    "mark.off{background:none;border:0;box-shadow:none}\n"
    "ul.doc li.off{opacity:.4}\n"
    ".det{display:inline-block;background:var(--hl);border-radius:4px;padding:0 6px;"
    "font:12px/1.6 ui-monospace,\"DejaVu Sans Mono\",monospace}\n"
    ".det.r{background:#fff;border:1px dotted #8a94a6}\n"
    ".c0{--hl:#ffe08a}.c1{--hl:#b9e2ff}.c2{--hl:#ffc9c4}.c3{--hl:#c9efc0}.c4{--hl:#e2d2ff}"
    ".c5{--hl:#ffd7ae}.c6{--hl:#c2efe9}.c7{--hl:#f8c8e8}.c8{--hl:#e4e9a8}.c9{--hl:#d5dbe4}.cx{--hl:#e6e8ec}\n"
    "#jserror{background:#fde7e5;color:var(--bad);padding:8px 12px;border-radius:6px}\n"
    "</style>\n"
    /* errors of the page's script are recorded on <html data-error>, so a
       test (or a reader) can see them */
    "<script>\n"
    "(function(){var h=document.documentElement;function note(m){h.setAttribute('data-error',"
    "(h.getAttribute('data-error')||'')+String(m)+'; ');}\n"
    "window.onerror=function(m){note(m);};\n"
    "window.addEventListener('unhandledrejection',function(e){note(e.reason);});\n"
    "var ce=console.error;console.error=function(){note(Array.prototype.join.call(arguments,' '));"
    "return ce.apply(console,arguments);};})();\n"
    "</script>\n"
    "</head>\n<body>\n<div id=\"page\">\n<main id=\"units\">\n";

static const char page_script[] =
    "<script>\n"
    "(function(){\n"
    "var body=document.body,table=document.getElementById('units-table'),tbody=table.tBodies[0];\n"
    "var units=document.getElementById('units');\n"
    "var heads=table.tHead.rows[0].cells,rows=Array.prototype.slice.call(tbody.rows);\n"
    "var detSel=document.getElementById('det'),showSel=document.getElementById('show');\n"
    "var count=document.getElementById('count'),sortKey=-1,sortDesc=false;\n"
    "var marks=Array.prototype.slice.call(document.querySelectorAll('mark.f, ul.doc li'));\n"
    "function has(el,d){return (' '+(el.getAttribute('data-dets')||'')+' ').indexOf(' '+d+' ')>=0;}\n"
    "function unitOf(tr){return document.getElementById('u'+tr.getAttribute('data-u'));}\n"
    "function apply(){\n"
    " var d=detSel.value,s=showSel.value,shown=0;\n"
    " rows.forEach(function(tr){var vis=(!d||has(tr,d))&&(!s||tr.classList.contains(s));\n"
    "  tr.hidden=!vis;var u=unitOf(tr);if(u)u.hidden=!vis;if(vis)shown++;});\n"
    " body.classList.toggle('filtering',!!d);\n"
    " marks.forEach(function(m){m.classList.toggle('off',!!d&&!has(m,d));});\n"
    " count.textContent=shown+' of '+rows.length+' shown';\n"
    "}\n"
    "function val(tr,k){var c=tr.cells[k],v=c.getAttribute('data-v');"
    "return heads[k].hasAttribute('data-num')?parseFloat(v):(v===null?c.textContent:v);}\n"
    "function sortBy(k,desc){\n"
    " var num=heads[k].hasAttribute('data-num');\n"
    " rows.sort(function(a,b){var x=val(a,k),y=val(b,k),c=num?x-y:(x<y?-1:x>y?1:0);\n"
    "  if(desc)c=-c;return c||val(a,0)-val(b,0);});\n"
    " var f=document.createDocumentFragment(),g=document.createDocumentFragment();\n"
    " rows.forEach(function(tr){f.appendChild(tr);var u=unitOf(tr);if(u)g.appendChild(u);});\n"
    " tbody.appendChild(f);units.appendChild(g);\n"
    " for(var i=0;i<heads.length;i++){heads[i].className=i===k?(desc?'desc':'asc'):'';"
    "heads[i].setAttribute('aria-sort',i===k?(desc?'descending':'ascending'):'none');}\n"
    " sortKey=k;sortDesc=desc;body.setAttribute('data-sort',(desc?'-':'')+heads[k].getAttribute('data-key'));\n"
    "}\n"
    "function keyIndex(n){for(var i=0;i<heads.length;i++)if(heads[i].getAttribute('data-key')===n)return i;return -1;}\n"
    "function pick(sel,v){for(var i=0;i<sel.options.length;i++)if(sel.options[i].value===v){sel.selectedIndex=i;return;}\n"
    " var o=document.createElement('option');o.value=v;o.textContent=v+' (none)';sel.appendChild(o);sel.value=v;}\n"
    "function fromHash(){\n"
    " var h=location.hash.slice(1);if(h.indexOf('=')<0)return;\n"
    " h.split('&').forEach(function(kv){var i=kv.indexOf('=');if(i<0)return;\n"
    "  var k=kv.slice(0,i),v=decodeURIComponent(kv.slice(i+1));\n"
    "  if(k==='sort'){var desc=v.charAt(0)==='-',j=keyIndex(desc?v.slice(1):v);if(j>=0)sortBy(j,desc);}\n"
    "  else if(k==='det')pick(detSel,v);else if(k==='show')pick(showSel,v);});\n"
    "}\n"
    "function toHash(){var p=[];\n"
    " if(sortKey>=0)p.push('sort='+(sortDesc?'-':'')+heads[sortKey].getAttribute('data-key'));\n"
    " if(detSel.value)p.push('det='+encodeURIComponent(detSel.value));\n"
    " if(showSel.value)p.push('show='+encodeURIComponent(showSel.value));\n"
    " try{history.replaceState(null,'',p.length?'#'+p.join('&'):location.pathname+location.search);}catch(e){}\n"
    "}\n"
    "table.tHead.addEventListener('click',function(e){var th=e.target.closest('th');if(!th)return;\n"
    " var k=th.cellIndex;sortBy(k,k===sortKey?!sortDesc:th.hasAttribute('data-desc'));toHash();});\n"
    "tbody.addEventListener('click',function(e){if(e.target.closest('a'))return;var tr=e.target.closest('tr');\n"
    " var u=tr&&unitOf(tr);if(u)u.scrollIntoView({block:'start'});});\n"
    "detSel.addEventListener('change',function(){apply();toHash();});\n"
    "showSel.addEventListener('change',function(){apply();toHash();});\n"
    "window.addEventListener('hashchange',function(){fromHash();apply();});\n"
    "fromHash();apply();\n"
    "var err=document.documentElement.getAttribute('data-error');\n"
    "if(err){var p=document.createElement('p');p.id='jserror';p.textContent='Script error: '+err;"
    "document.getElementById('top').prepend(p);}\n"
    "body.setAttribute('data-ready','1');\n"
    "})();\n"
    "</script>\n";

report *report_open(const char *path, double threshold, const char *threshold_note, int by_doc)
{
    struct stat st;
    int direct = 0;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return NULL;
        }
        /* a device or a pipe (/dev/stdout, a FIFO) is written in place:
           renaming over it would replace it */
        direct = !S_ISREG(st.st_mode);
    }
    report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->path = path;
    r->threshold = threshold;
    r->by_doc = by_doc;
    size_t plen = strlen(path) + 32;
    char *rows_path = malloc(plen);
    r->note = strdup(threshold_note ? threshold_note : "");
    if (!direct)
        r->tmp_path = malloc(plen);
    if (!rows_path || !r->note || (!direct && !r->tmp_path)) {
        free(rows_path);
        report_abort(r);
        errno = ENOMEM;
        return NULL;
    }
    int fd;
    if (direct) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    } else {
        snprintf(r->tmp_path, plen, "%s.tmp%ld", path, (long)getpid());
        fd = open(r->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST && unlink(r->tmp_path) == 0)
            fd = open(r->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    }
    if (fd < 0) {
        int e = errno;
        free(r->tmp_path);
        r->tmp_path = NULL;     /* not ours: never removed */
        free(rows_path);
        report_abort(r);
        errno = e;
        return NULL;
    }
    r->page = fdopen(fd, "w");
    if (!r->page) {
        int e = errno;
        close(fd);
        free(rows_path);
        report_abort(r);
        errno = e;
        return NULL;
    }
    r->next = unfinished;
    unfinished = r;
    if (!atexit_done) {
        atexit(remove_unfinished);
        atexit_done = 1;
    }
    /* the table rows wait in a scratch file beside the page (removed at
       once), or in the temporary directory when writing a device */
    int rfd = -1, e;
    if (direct) {
        r->rows = tmpfile();
    } else {
        snprintf(rows_path, plen, "%s.rows%ld", path, (long)getpid());
        rfd = open(rows_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (rfd < 0 && errno == EEXIST && unlink(rows_path) == 0)
            rfd = open(rows_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (rfd >= 0) {
            unlink(rows_path);
            r->rows = fdopen(rfd, "w+");
        }
    }
    e = errno;
    free(rows_path);
    if (!r->rows) {
        if (rfd >= 0)
            close(rfd);
        report_abort(r);
        errno = e;
        return NULL;
    }
    add(r, &r->out, page_head, sizeof page_head - 1);
    flush_to(r, &r->out, r->page, 1);
    if (r->err) {
        e = r->err;
        report_abort(r);
        errno = e;
        return NULL;
    }
    return r;
}

int report_add(report *r, const report_unit *u)
{
    if (r->err) {
        errno = r->err;
        return -1;
    }
    unsigned long long n = ++r->units;
    double sc = u->score == u->score ? u->score : 0;
    r->sum += sc;
    int h = (int)(sc * 10);
    r->hist[h > 9 ? 9 : h < 0 ? 0 : h]++;
    if (u->kept)
        r->kept++;
    /* the flags */
    r->nitems = 0;
    ug_buf_clear(&r->pool);
    memset(r->seen, 0, sizeof r->seen);
    unit_ctx c = { u->text ? u->text : "", u->text ? u->text_len : 0, 0 };
    size_t nflags = each_flag(r, u->flags, u->flags_len, &c);
    c.doc = 1;
    size_t ndoc = each_flag(r, u->doc_flags, u->doc_flags_len, &c);
    ug_buf_clear(&r->tokens);
    for (size_t d = 0; d <= MAX_DETS; d++) {
        if (!r->seen[d] || (d < MAX_DETS && d >= r->ndets))
            continue;
        if (d < MAX_DETS)
            r->dets[d].units++;
        if (r->tokens.len)
            adds(r, &r->tokens, " ");
        adds(r, &r->tokens, det_token(r, d < MAX_DETS ? (int)d : -1));
    }
    const char *state = u->kept ? "kept" : "rejected";
    const char *tokens = r->tokens.data ? r->tokens.data : "";
    char scs[32];
    snprintf(scs, sizeof scs, "%.4f", sc);
    /* the row */
    ug_buf *b = &r->row;
    ug_buf_clear(b);
    addf(r, b, "<tr class=\"%s\" data-u=\"%llu\" data-dets=\"", state, n);
    adds(r, b, tokens);
    addf(r, b, "\"><td class=\"num\" data-v=\"%llu\">%llu</td><td class=\"id\"><a href=\"#u%llu\">", n, n, n);
    write_id(r, b, u, ID_SHOW_MAX);
    double top = 0;
    if (u->reasons) {
        const char *colon = strchr(u->reasons, ':');
        if (colon)
            top = strtod(colon + 1, NULL);
    }
    addf(r, b, "</a></td><td class=\"num %s\" data-v=\"%s\">%s</td><td data-v=\"%.3f\">", u->kept ? "ok" : "bad",
         scs, scs, top);
    write_reasons(r, b, u->reasons);
    addf(r, b, "</td><td class=\"num\" data-v=\"%zu\">%zu</td></tr>\n", nflags + ndoc, nflags + ndoc);
    flush_to(r, b, r->rows, 1);
    /* the section */
    b = &r->out;
    addf(r, b, "<section class=\"unit %s\" id=\"u%llu\" data-dets=\"", state, n);
    adds(r, b, tokens);
    addf(r, b, "\">\n<h2><span class=\"n\">#%llu</span><span class=\"uid\">", n);
    write_id(r, b, u, SIZE_MAX);
    addf(r, b, "</span><span class=\"%s\">%s</span><span class=\"tag\">%s</span></h2>\n",
         u->kept ? "ok" : "bad", scs, state);
    addf(r, b, "<p class=\"why\">%zu flag%s", nflags, nflags == 1 ? "" : "s");
    if (ndoc)
        addf(r, b, ", %zu document finding%s", ndoc, ndoc == 1 ? "" : "s");
    adds(r, b, " &middot; lowered by: ");
    write_reasons(r, b, u->reasons);
    adds(r, b, "</p>\n");
    int any_doc = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        const item *it = &r->items[i];
        if (!it->doc)
            continue;
        if (!any_doc++)
            adds(r, b, "<ul class=\"doc\">\n");
        adds(r, b, "<li data-dets=\"");
        adds(r, b, det_token(r, it->det));
        adds(r, b, "\"><span class=\"det ");
        det_class(r, b, it->det);
        adds(r, b, "\">");
        /* the note is "id (kind): evidence": the id in the badge */
        size_t idn = it->id_len;
        esc(r, b, NULL, r->pool.data + it->note, idn);
        adds(r, b, "</span> ");
        size_t rest = it->note + idn;
        size_t rest_len = it->note_len - idn;
        if (rest_len >= 2 && r->pool.data[rest] == ':') {
            rest += 2;
            rest_len -= 2;
        }
        esc(r, b, NULL, r->pool.data + rest, rest_len);
        adds(r, b, "</li>\n");
    }
    if (any_doc)
        adds(r, b, "</ul>\n");
    adds(r, b, "<div class=\"text\">");
    write_text(r, c.text, c.len);
    adds(r, b, "</div>\n</section>\n");
    flush_to(r, b, r->page, 1);
    if (r->err) {
        errno = r->err;
        return -1;
    }
    return 0;
}

/* Appends the histogram of scores as an inline SVG: ten bins over [0,1],
 * bars colored by the side of the threshold they fall on, and a dashed
 * line at the threshold. */
static void write_histogram(report *r, ug_buf *b)
{
    const int x0 = 34, y0 = 150, bw = 40, hmax = 118;
    unsigned long long mx = 1;
    for (int i = 0; i < 10; i++)
        if (r->hist[i] > mx)
            mx = r->hist[i];
    adds(r, b, "<svg class=\"hist\" width=\"450\" height=\"180\" viewBox=\"0 0 450 180\" role=\"img\" "
               "aria-label=\"histogram of scores\">\n");
    addf(r, b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa3b2\"/>\n", x0, y0, x0 + 10 * bw, y0);
    for (int i = 0; i < 10; i++) {
        int h = (int)((double)hmax * (double)r->hist[i] / (double)mx + 0.5);
        if (r->hist[i] && h < 2)
            h = 2;
        int x = x0 + i * bw;
        const char *fill = (i + 0.5) / 10.0 >= r->threshold ? "#7cc59a" : "#ef8f85";
        addf(r, b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\">"
                   "<title>%.1f\xE2\x80\x93%.1f: %llu</title></rect>\n",
             x + 3, y0 - h, bw - 6, h, fill, i / 10.0, (i + 1) / 10.0, r->hist[i]);
        if (r->hist[i])
            addf(r, b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%llu</text>\n", x + bw / 2, y0 - h - 4,
                 r->hist[i]);
    }
    for (int i = 0; i <= 10; i += 2)
        addf(r, b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.1f</text>\n", x0 + i * bw, y0 + 16, i / 10.0);
    double t = r->threshold < 0 ? 0 : r->threshold > 1 ? 1 : r->threshold;
    int tx = x0 + (int)(t * 10 * bw + 0.5);
    addf(r, b, "<line x1=\"%d\" y1=\"18\" x2=\"%d\" y2=\"%d\" stroke=\"#1f2633\" stroke-dasharray=\"4 3\"/>\n"
               "<text x=\"%d\" y=\"12\" text-anchor=\"middle\">threshold %.2f</text>\n",
         tx, tx, y0, tx, r->threshold);
    addf(r, b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">score</text>\n", x0 + 5 * bw, y0 + 29);
    adds(r, b, "</svg>\n");
}

/* Appends the summary, histogram, legend, filter and table head. */
static void write_top(report *r, ug_buf *b)
{
    const char *unit = r->by_doc ? "document" : "record";
    unsigned long long rej = r->units - r->kept;
    adds(r, b, "</main>\n<header id=\"top\">\n<h1>score report</h1>\n");
    addf(r, b, "<p class=\"summary\"><b>%llu</b> %s%s &middot; <b>%llu</b> kept &middot; <b>%llu</b> rejected "
               "at threshold <b>%.2f</b>", r->units, unit, r->units == 1 ? "" : "s", r->kept, rej, r->threshold);
    if (r->note && *r->note) {
        adds(r, b, " (");
        esc(r, b, NULL, r->note, strlen(r->note));
        adds(r, b, ")");
    }
    addf(r, b, " &middot; mean score <b>%.3f</b> &middot; <b>%llu</b> flags</p>\n",
         r->units ? r->sum / (double)r->units : 0.0, r->flags_total);
    adds(r, b, "<div class=\"over\">\n<div class=\"card\"><h3>Scores</h3>\n");
    write_histogram(r, b);
    adds(r, b, "</div>\n<div class=\"card legend\"><h3>Detectors that fired</h3>\n");
    /* detectors by number of flags, most first */
    size_t order[MAX_DETS];
    for (size_t i = 0; i < r->ndets; i++) {
        size_t j = i;
        while (j > 0 && r->dets[order[j - 1]].flags < r->dets[i].flags) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    if (!r->ndets)
        adds(r, b, "<p class=\"none\">none</p>\n");
    else
        adds(r, b, "<ul>\n");
    for (size_t k = 0; k < r->ndets; k++) {
        const det_info *d = &r->dets[order[k]];
        adds(r, b, "<li><span class=\"det ");
        det_class(r, b, (int)order[k]);
        adds(r, b, "\">");
        esc(r, b, NULL, d->name, d->name_len);
        addf(r, b, "</span> <small>%llu in %llu %s%s%s</small></li>\n", d->flags, d->units, unit,
             d->units == 1 ? "" : "s", d->residue ? ", residue" : "");
    }
    if (r->ndets)
        adds(r, b, "</ul>\n");
    adds(r, b, "</div>\n</div>\n<div class=\"controls\">\n<label>Detector <select id=\"det\">"
               "<option value=\"\">all detectors</option>\n");
    for (size_t k = 0; k < r->ndets; k++) {
        const det_info *d = &r->dets[order[k]];
        adds(r, b, "<option value=\"");
        adds(r, b, d->token);
        adds(r, b, "\">");
        esc(r, b, NULL, d->name, d->name_len);
        addf(r, b, " (%llu)</option>\n", d->units);
    }
    adds(r, b, "</select></label>\n<label>Show <select id=\"show\"><option value=\"\">all</option>"
               "<option value=\"kept\">kept</option><option value=\"rejected\">rejected</option></select></label>\n");
    addf(r, b, "<span id=\"count\">%llu of %llu shown</span>\n</div>\n", r->units, r->units);
    adds(r, b, "<div class=\"tablewrap\"><table id=\"units-table\"><thead><tr>"
               "<th data-key=\"n\" data-num>#</th><th data-key=\"id\">id</th>"
               "<th data-key=\"score\" data-num>score</th>"
               "<th data-key=\"reasons\" data-num data-desc>top reasons</th>"
               "<th data-key=\"flags\" data-num data-desc>flags</th></tr></thead>\n<tbody>\n");
}

/* Copies the table rows from the scratch file into the page. */
static void copy_rows(report *r)
{
    char buf[1 << 15];
    size_t n;
    if (r->err)
        return;
    if (fflush(r->rows) == EOF || fseek(r->rows, 0, SEEK_SET) != 0) {
        fail(r, errno);
        return;
    }
    while ((n = fread(buf, 1, sizeof buf, r->rows)) > 0)
        if (fwrite(buf, 1, n, r->page) != n) {
            fail(r, errno);
            return;
        }
    if (ferror(r->rows))
        fail(r, errno);
}

int report_finish(report *r)
{
    int e = 0;
    if (!r->err) {
        write_top(r, &r->out);
        flush_to(r, &r->out, r->page, 1);
        copy_rows(r);
        adds(r, &r->out, "</tbody></table></div>\n</header>\n</div>\n");
        add(r, &r->out, page_script, sizeof page_script - 1);
        adds(r, &r->out, "</body>\n</html>\n");
        flush_to(r, &r->out, r->page, 1);
    }
    if (!r->err && fflush(r->page) == EOF)
        fail(r, errno);
    FILE *f = r->page;
    r->page = NULL;
    if (fclose(f) == EOF)
        fail(r, errno);
    if (!r->err && r->tmp_path && rename(r->tmp_path, r->path) != 0)
        fail(r, errno);
    if (!r->err) {
        free(r->tmp_path);
        r->tmp_path = NULL;     /* renamed: nothing to remove */
    }
    e = r->err;
    report_abort(r);
    if (e) {
        errno = e;
        return -1;
    }
    return 0;
}

void report_abort(report *r)
{
    if (!r)
        return;
    unlist(r);
    if (r->page)
        fclose(r->page);
    if (r->rows)
        fclose(r->rows);
    if (r->tmp_path)
        unlink(r->tmp_path);
    free(r->tmp_path);
    free(r->note);
    free(r->items);
    free(r->ev);
    free(r->active);
    ug_buf *bufs[] = { &r->out, &r->row, &r->pool, &r->tmp, &r->tokens };
    for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
        ug_buf_free(bufs[i]);
    ug_record_free(&r->frec);
    free(r);
}
