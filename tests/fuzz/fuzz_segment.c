/* fuzz_segment.c: libFuzzer harness for ug_segment() and ug_segment_next() with property checks.
 *
 * Input: the first byte picks the options, the rest is the document.
 *   bit 0     UG_SEG_SOFT_NEWLINES
 *   bit 1     UG_SEG_UAX29
 *   bits 2-3  language: en, es, fr, de
 *   bits 4-5  max_sentence: default, 16, 40, 200
 *   bits 6-7  where the document is cut for the two-part run (1/5 .. 4/5)
 *
 * Properties (abort() on violation):
 *   - spans are ordered, non-overlapping, non-empty and inside the text;
 *   - a span never starts or ends with white space and never splits a
 *     valid UTF-8 sequence;
 *   - everything outside the spans is white space (the document can be
 *     rebuilt from its sentences); white-space-only text gives nothing;
 *   - at most len sentences, none longer than max_sentence;
 *   - paragraph numbers go up by one, sentence numbers restart at 0 in
 *     each paragraph and go up by one; kinds and flags are in range;
 *   - a glued sentence is directly followed by the next one;
 *   - segmenting the text as two parts (ug_segment + ug_segment_next)
 *     gives spans that hold the same properties inside each part, with
 *     offsets that continue from the first part and paragraph numbers
 *     that go on;
 *   - a segmenter reused after the two-part run gives the same sentences
 *     as the first run (ug_segment resets the document state).
 */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ug/segment.h"

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "fuzz_segment: property failed at line %d: %s\n",   \
                    __LINE__, #cond);                                           \
            abort();                                                            \
        }                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- an independent UTF-8 reader --------------------------------------- */

/* Decodes the code point at s[i] (i < end) strictly (no overlongs, no
 * surrogates, at most U+10FFFF); returns its length, or 1 with *cp set to
 * U+FFFD for an invalid or truncated sequence. */
static size_t dec(const unsigned char *s, size_t end, size_t i, uint32_t *cp)
{
    unsigned c = s[i];
    size_t k;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) { k = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { k = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { k = 4; v = c & 0x07; min = 0x10000; }
    else goto bad;
    if (end - i < k)
        goto bad;
    for (size_t j = 1; j < k; j++) {
        if ((s[i + j] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (s[i + j] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return k;
bad:
    *cp = 0xFFFD;
    return 1;
}

/* Unicode White_Space (PropList.txt). */
static int is_white(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* ---- collecting sentences ---------------------------------------------- */

typedef struct {
    ug_sentence *v;
    size_t n, cap;
} sent_list;

static ug_status collect(void *ctx, const ug_sentence *s)
{
    sent_list *l = ctx;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        ug_sentence *v = realloc(l->v, nc * sizeof *v);
        CHECK(v != NULL);
        l->v = v;
        l->cap = nc;
    }
    l->v[l->n++] = *s;
    return UG_OK;
}

/* ---- the properties ---------------------------------------------------- */

/* Checks the sentences v[0..n) of the part doc[lo..hi) (the text the
 * segmenter saw, at offset lo of the document). @p first_para is the
 * number the first paragraph must have. */
static void check_part(const unsigned char *doc, size_t lo, size_t hi, const ug_sentence *v, size_t n,
                       size_t first_para, size_t max_sent)
{
    size_t len = hi - lo;
    const unsigned char *s = doc + lo;

    /* code point starts of the part, as a byte map (1: a code point starts
     * here; the end counts as a start) */
    unsigned char *start = malloc(len + 1);
    CHECK(start != NULL);
    memset(start, 0, len + 1);
    int all_white = 1;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = dec(s, len, i, &cp);
        start[i] = 1;
        if (!is_white(cp))
            all_white = 0;
        i += k;
    }
    start[len] = 1;

    CHECK(n <= len);
    if (all_white)
        CHECK(n == 0);

    size_t prev_end = 0;
    for (size_t k = 0; k < n; k++) {
        const ug_sentence *x = &v[k];
        /* inside the part, non-empty, ordered, non-overlapping */
        CHECK(x->start >= lo && x->end <= hi);
        size_t a = x->start - lo, b = x->end - lo;
        CHECK(a < b);
        CHECK(a >= prev_end);
        CHECK(b - a <= max_sent);
        /* never inside a valid UTF-8 sequence */
        CHECK(start[a] && start[b]);
        /* the gap before it is white space */
        for (size_t i = prev_end; i < a;) {
            uint32_t cp;
            size_t m = dec(s, len, i, &cp);
            CHECK(is_white(cp));
            i += m;
            CHECK(i <= a);
        }
        /* first and last code points are not white space */
        uint32_t cp, last = 0;
        dec(s, len, a, &cp);
        CHECK(!is_white(cp));
        for (size_t i = a; i < b;) {
            size_t m = dec(s, len, i, &last);
            i += m;
            CHECK(i <= b);
        }
        CHECK(!is_white(last));
        /* numbering, kind, flags */
        if (k == 0) {
            CHECK(x->para == first_para);
            CHECK(x->sent == 0);
        } else if (x->para != v[k - 1].para) {
            CHECK(x->para == v[k - 1].para + 1);
            CHECK(x->sent == 0);
        } else {
            CHECK(x->sent == v[k - 1].sent + 1);
        }
        CHECK((unsigned)x->kind <= UG_SEG_BOILERPLATE);
        CHECK((x->flags & ~(unsigned)(UG_SEG_GLUED | UG_SEG_FORCED)) == 0);
        /* a glued sentence runs straight into the next one */
        if (x->flags & UG_SEG_GLUED) {
            CHECK(k + 1 < n);
            CHECK(v[k + 1].start == x->end);
        }
        prev_end = b;
    }
    /* the tail after the last sentence is white space */
    for (size_t i = prev_end; i < len;) {
        uint32_t cp;
        i += dec(s, len, i, &cp);
        CHECK(is_white(cp));
    }
    free(start);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = { "en", "es", "fr", "de" };
    static const size_t maxes[] = { 0, 16, 40, 200 };
    if (size == 0)
        return 0;
    unsigned o = data[0];
    const unsigned char *doc = data + 1;
    size_t len = size - 1;
    /* an exact-size copy, so ASan sees any read past the text */
    char *text = malloc(len ? len : 1);
    CHECK(text != NULL);
    memcpy(text, doc, len);

    ug_seg_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.flags = ((o & 1) ? UG_SEG_SOFT_NEWLINES : 0) | ((o & 2) ? UG_SEG_UAX29 : 0);
    opts.lang = langs[(o >> 2) & 3];
    opts.max_sentence = maxes[(o >> 4) & 3];
    size_t max_sent = opts.max_sentence ? opts.max_sentence : UG_SEG_DEFAULT_MAX_SENTENCE;
    ug_segmenter *sg = ug_segmenter_new(&opts);
    CHECK(sg != NULL);

    /* the whole document */
    sent_list whole = { 0 };
    CHECK(ug_segment(sg, text, len, collect, &whole) == UG_OK);
    check_part(doc, 0, len, whole.v, whole.n, 0, max_sent);

    /* the same text as two parts */
    size_t cut = len * (1 + (o >> 6)) / 5;
    sent_list p1 = { 0 }, p2 = { 0 };
    CHECK(ug_segment(sg, text, cut, collect, &p1) == UG_OK);
    check_part(doc, 0, cut, p1.v, p1.n, 0, max_sent);
    size_t next_para = p1.n ? p1.v[p1.n - 1].para + 1 : 0;
    CHECK(ug_segment_next(sg, text + cut, len - cut, collect, &p2) == UG_OK);
    check_part(doc, cut, len, p2.v, p2.n, next_para, max_sent);
    if (p1.n && p2.n)
        CHECK(p2.v[0].start >= p1.v[p1.n - 1].end);

    /* reusing the segmenter starts a new document */
    sent_list again = { 0 };
    CHECK(ug_segment(sg, text, len, collect, &again) == UG_OK);
    CHECK(again.n == whole.n);
    for (size_t k = 0; k < whole.n; k++) {
        const ug_sentence *x = &whole.v[k], *y = &again.v[k];
        CHECK(x->para == y->para && x->sent == y->sent && x->start == y->start &&
              x->end == y->end && x->kind == y->kind && x->flags == y->flags);
    }

    /* an empty document gives nothing */
    sent_list none = { 0 };
    CHECK(ug_segment(sg, text, 0, collect, &none) == UG_OK);
    CHECK(none.n == 0);

    free(whole.v);
    free(p1.v);
    free(p2.v);
    free(again.v);
    free(none.v);
    ug_segmenter_free(sg);
    free(text);
    return 0;
}
