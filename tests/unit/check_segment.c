/* check_segment.c: unit tests for sentence segmentation (src/lib/segment.c, src/lib/sbreak.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <utf8proc.h>

#include "sbreak.h"
#include "ug/record.h"
#include "ug/segment.h"
#include "ug/status.h"

#ifndef TEST_DATADIR
#define TEST_DATADIR "tests/data"
#endif

/* ---- helpers ---------------------------------------------------------- */

/* Sentences collected from one segmentation. */
typedef struct {
    ug_sentence *v;
    size_t n, cap;
} sents;

static ug_status collect(void *ctx, const ug_sentence *s)
{
    sents *ss = ctx;
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? 2 * ss->cap : 64;
        ss->v = realloc(ss->v, ss->cap * sizeof *ss->v);
        if (!ss->v)
            ck_abort_msg("out of memory");
    }
    ss->v[ss->n++] = *s;
    return UG_OK;
}

/* Nonzero when t[0..n) is Unicode White_Space only. */
static int all_white(const char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        int ws = (cp >= 9 && cp <= 13) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
                 (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                 cp == 0x205F || cp == 0x3000;
        if (!ws)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Checks the rebuild property of @p ss over t[0..n): spans in order, within
 * the text, non-empty, not starting or ending with white space, and only
 * white space between them and around them. (Plain tests in the loop: a
 * Check assertion per sentence would be slow on millions of sentences.) */
static void check_rebuild(const char *t, size_t n, const sents *ss)
{
    size_t pos = 0;
    for (size_t k = 0; k < ss->n; k++) {
        const ug_sentence *s = &ss->v[k];
        if (!(pos <= s->start && s->start < s->end && s->end <= n))
            ck_abort_msg("sentence %zu: bad span [%zu, %zu) after %zu", k, s->start, s->end, pos);
        if (!all_white(t + pos, s->start - pos))
            ck_abort_msg("gap before sentence %zu is not white space", k);
        if (all_white(t + s->start, 1) || all_white(t + s->end - 1, 1))
            ck_abort_msg("sentence %zu starts or ends with white space", k);
        pos = s->end;
    }
    ck_assert_msg(all_white(t + pos, n - pos), "text after the last sentence is not white space");
}

/* Segments t with the given flags and language; checks the rebuild
 * property. The caller frees out->v. */
static void seg_opts(const char *t, size_t n, unsigned flags, const char *lang, size_t max, sents *out)
{
    ug_seg_opts o = { flags, lang, max };
    ug_segmenter *sg = ug_segmenter_new(&o);
    ck_assert_ptr_nonnull(sg);
    memset(out, 0, sizeof *out);
    ck_assert_int_eq(ug_segment(sg, t, n, collect, out), UG_OK);
    ug_segmenter_free(sg);
    check_rebuild(t, n, out);
}

static void seg(const char *t, sents *out)
{
    seg_opts(t, strlen(t), 0, NULL, 0, out);
}

/* Text of sentence k as a new string (free() it). */
static char *sent_text(const char *t, const sents *ss, size_t k)
{
    size_t n = ss->v[k].end - ss->v[k].start;
    char *r = malloc(n + 1);
    ck_assert_ptr_nonnull(r);
    memcpy(r, t + ss->v[k].start, n);
    r[n] = 0;
    return r;
}

/* Asserts that t segments into exactly the NULL-terminated list want. */
static void expect_split(const char *t, const char *const *want)
{
    sents ss;
    size_t n = 0;
    seg(t, &ss);
    while (want[n])
        n++;
    ck_assert_msg(ss.n == n, "%s: %zu sentences, expected %zu", t, ss.n, n);
    for (size_t k = 0; k < n; k++) {
        char *got = sent_text(t, &ss, k);
        ck_assert_str_eq(got, want[k]);
        free(got);
    }
    free(ss.v);
}

/* Asserts that t is one sentence. */
static void expect_one(const char *t)
{
    const char *want[] = { t, NULL };
    expect_split(t, want);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* ---- UAX #29 conformance ---------------------------------------------- */

typedef struct {
    size_t v[512];
    size_t n;
} offsets;

static ug_status add_off(void *ctx, size_t off)
{
    offsets *o = ctx;
    ck_assert_uint_lt(o->n, 512);
    o->v[o->n++] = off;
    return UG_OK;
}

START_TEST(test_uax29_conformance)
{
    size_t len;
    char *data = read_file(TEST_DATADIR "/SentenceBreakTest.txt", &len);
    int cases = 0, passed = 0;
    char *line = data;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char text[4096];
        size_t tlen = 0;
        offsets want = { { 0 }, 0 }, got = { { 0 }, 0 };
        int any = 0;
        char *p = line;
        while (*p) {
            if (strncmp(p, "\xC3\xB7", 2) == 0) {           /* ÷ */
                if (tlen)
                    want.v[want.n++] = tlen;
                any = 1;
                p += 2;
            } else if (strncmp(p, "\xC3\x97", 2) == 0) {    /* × */
                p += 2;
            } else if (*p == ' ' || *p == '\t' || *p == '\r') {
                p++;
            } else {
                char *end;
                unsigned long cp = strtoul(p, &end, 16);
                ck_assert_ptr_ne(end, p);
                p = end;
                /* encode by hand: the file holds surrogates too */
                if (cp < 0x80) {
                    text[tlen++] = (char)cp;
                } else if (cp < 0x800) {
                    text[tlen++] = (char)(0xC0 | (cp >> 6));
                    text[tlen++] = (char)(0x80 | (cp & 63));
                } else if (cp < 0x10000) {
                    text[tlen++] = (char)(0xE0 | (cp >> 12));
                    text[tlen++] = (char)(0x80 | ((cp >> 6) & 63));
                    text[tlen++] = (char)(0x80 | (cp & 63));
                } else {
                    text[tlen++] = (char)(0xF0 | (cp >> 18));
                    text[tlen++] = (char)(0x80 | ((cp >> 12) & 63));
                    text[tlen++] = (char)(0x80 | ((cp >> 6) & 63));
                    text[tlen++] = (char)(0x80 | (cp & 63));
                }
            }
        }
        if (any) {
            cases++;
            ck_assert_int_eq(ugi_sb_breaks(text, tlen, 0, add_off, &got), UG_OK);
            if (got.n == want.n && memcmp(got.v, want.v, got.n * sizeof got.v[0]) == 0)
                passed++;
            else
                fprintf(stderr, "UAX #29 case failed: %s\n", line);
        }
        line = nl ? nl + 1 : NULL;
    }
    printf("UAX #29 SentenceBreakTest.txt: %d/%d cases pass\n", passed, cases);
    ck_assert_int_eq(cases, 502);
    ck_assert_int_eq(passed, 502);
    free(data);
}
END_TEST

START_TEST(test_sb_classes)
{
    ck_assert_int_eq(ugi_sb_class_of('.'), UGI_SB_ATERM);
    ck_assert_int_eq(ugi_sb_class_of('?'), UGI_SB_STERM);
    ck_assert_int_eq(ugi_sb_class_of('a'), UGI_SB_LOWER);
    ck_assert_int_eq(ugi_sb_class_of('A'), UGI_SB_UPPER);
    ck_assert_int_eq(ugi_sb_class_of(0xA0), UGI_SB_SP);
    ck_assert_int_eq(ugi_sb_class_of(0x3002), UGI_SB_STERM);
    ck_assert_int_eq(ugi_sb_class_of(0x201D), UGI_SB_CLOSE);
    ck_assert_int_eq(ugi_sb_class_of(0x4E00), UGI_SB_OLETTER);
    ck_assert_int_eq(ugi_sb_class_of(0x110000), UGI_SB_OTHER);
    uint32_t cp;
    ck_assert_uint_eq(ugi_sb_decode("\xE2\x80\x9C", 3, 0, &cp), 3);
    ck_assert_uint_eq(cp, 0x201C);
    ck_assert_uint_eq(ugi_sb_decode("\xE2\x80", 2, 0, &cp), 1);     /* truncated */
    ck_assert_uint_eq(cp, 0xFFFD);
    ck_assert_uint_eq(ugi_sb_decode("\xC0\xAF", 2, 0, &cp), 1);     /* overlong */
    ck_assert_uint_eq(cp, 0xFFFD);
}
END_TEST

/* ---- pySBD golden rules ----------------------------------------------- */

/* End of the JSON string token starting at s[i] == '"' (just past it). */
static size_t string_end(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return len;
}

START_TEST(test_golden_rules)
{
    size_t len;
    char *data = read_file(TEST_DATADIR "/pysbd-golden-en.json", &len);
    ug_segmenter *sg = ug_segmenter_new(NULL);
    ck_assert_ptr_nonnull(sg);
    int rules = 0, passed = 0;
    char failed_ids[256] = "";
    size_t i = 0;
    int depth = 0;
    size_t obj = 0;
    ug_buf text = { 0 }, exp = { 0 };
    while (i < len) {
        char c = data[i];
        if (c == '"') {
            i = string_end(data, len, i);
            continue;
        }
        if (c == '{' && depth++ == 1)
            obj = i;
        if (c == '[')
            depth++;
        if (c == ']')
            depth--;
        if (c == '}' && --depth == 1) {
            ug_record rec = { 0 };
            ug_error err;
            ck_assert_int_eq(ug_record_parse(&rec, data + obj, i + 1 - obj, 0, &err), UG_OK);
            long it = ug_record_find(&rec, "text"), ie = ug_record_find(&rec, "expected"),
                 ii = ug_record_find(&rec, "id");
            ck_assert(it >= 0 && ie >= 0 && ii >= 0);
            ug_buf_clear(&text);
            ck_assert_int_eq(ug_json_decode_string(rec.m[it].val, rec.m[it].val_len, &text), UG_OK);
            sents ss = { 0 };
            ck_assert_int_eq(ug_segment(sg, text.data, text.len, collect, &ss), UG_OK);
            check_rebuild(text.data, text.len, &ss);
            /* compare with the expected strings, in order */
            const char *a = rec.m[ie].val, *ae = a + rec.m[ie].val_len;
            size_t k = 0;
            int ok = 1;
            while (a < ae) {
                if (*a != '"') {
                    a++;
                    continue;
                }
                size_t e = string_end(a, (size_t)(ae - a), 0);
                ug_buf_clear(&exp);
                ck_assert_int_eq(ug_json_decode_string(a, e, &exp), UG_OK);
                a += e;
                if (k >= ss.n || ss.v[k].end - ss.v[k].start != exp.len ||
                    memcmp(text.data + ss.v[k].start, exp.data, exp.len) != 0)
                    ok = 0;
                k++;
            }
            if (k != ss.n)
                ok = 0;
            rules++;
            if (ok)
                passed++;
            else if (strlen(failed_ids) < 200)
                snprintf(failed_ids + strlen(failed_ids), sizeof failed_ids - strlen(failed_ids), " %.*s",
                         (int)rec.m[ii].val_len, rec.m[ii].val);
            free(ss.v);
            ug_record_free(&rec);
        }
        i++;
    }
    printf("pySBD English golden rules: %d/%d pass (failed:%s)\n", passed, rules, failed_ids);
    ck_assert_int_eq(rules, 48);
    ck_assert_int_ge(passed, 46);
    ug_buf_free(&text);
    ug_buf_free(&exp);
    ug_segmenter_free(sg);
    free(data);
}
END_TEST

/* ---- news rules --------------------------------------------------------- */

START_TEST(test_no_split_seed_excerpts)
{
    /* excerpts of the seed articles (and close variants) that are one sentence */
    expect_one("Flags of the US and China sit in a room where U.S. Secretary of State Antony Blinken "
               "meets with China's Minister of Public Security Wang Xiaohong.");
    expect_one("U.S. Secretary of State Antony Blinken (R), U.S. Ambassador to China Nicholas Burns (L) "
               "and Chamber Chairman Eric Zheng wave as they meet with business leaders at the U.S. "
               "Chamber of Commerce in Shanghai on April 25, 2024.");
    expect_one("El secretario de Estado de Estados Unidos, Antony Blinken (dcha.), el embajador de EE. UU. "
               "en China, Nicholas Burns (izq.), y el presidente de la C\xC3\xA1mara, Eric Zheng, saludan.");
    expect_one("Blinken's visit to China came as US President Joe Biden signed a bill earmarking "
               "$8 billion (\xE2\x82\xAC" "7.5 billion) to counter China's growing aggressiveness.");
    expect_one("\xE2\x80\x9C" "Once this fundamental problem is solved \xE2\x80\xA6 Sino-US relations will "
               "truly get better and move forward,\xE2\x80\x9D he said.");
    expect_one("\"When this fundamental problem is solved... relations can truly stabilize, get better, "
               "and move forward.\"");
    expect_one("Wang voiced concerns about the U.S. in. growing protection of the island.");
    /* abbreviations, initials and decimals as they appear in news copy */
    expect_one("The talks ended at 5 p.m. Friday in Beijing.");
    expect_one("Mr. Blinken met Mr. Wang at 10 a.m. local time.");
    expect_one("The summit was held on Jan. 15 in Woodside, Calif., near San Francisco.");
    expect_one("The trilogy was written by J. R. R. Tolkien in Oxford.");
    expect_one("President George W. Bush visited Beijing in 2008.");
    expect_one("Growth slowed to 4.6 percent, down from 5.3 percent.");
    expect_one("Dr. Smith of Acme Inc. said the U.S. Government agreed.");
    expect_one("See p. 12 and Fig. 3 for details.");
    expect_one("Visit www.example.com or write to press.Office@example.org today.");
}
END_TEST

START_TEST(test_splits)
{
    const char *a[] = { "It was 2024.", "He left.", NULL };
    expect_split("It was 2024. He left.", a);
    const char *b[] = { "They met in the U.S.", "The talks went well.", NULL };
    expect_split("They met in the U.S. The talks went well.", b);
    const char *c[] = { "\xE2\x80\x9CWe are committed,\xE2\x80\x9D he said.", "\xE2\x80\x9CThat is all.\xE2\x80\x9D", NULL };
    expect_split("\xE2\x80\x9CWe are committed,\xE2\x80\x9D he said. \xE2\x80\x9CThat is all.\xE2\x80\x9D", c);
    const char *d[] = { "Is it over?", "No.", "Not yet!", NULL };
    expect_split("Is it over? No. Not yet!", d);
    const char *e[] = { "The meeting ended\xE2\x80\xA6", "They left.", NULL };
    expect_split("The meeting ended\xE2\x80\xA6 They left.", e);
}
END_TEST

START_TEST(test_glued)
{
    const char *t = "the three-day visit to China.It comes as the two countries seek.";
    sents ss;
    seg(t, &ss);
    ck_assert_uint_eq(ss.n, 2);
    ck_assert_uint_eq(ss.v[0].flags, UG_SEG_GLUED);
    ck_assert_uint_eq(ss.v[0].end, ss.v[1].start);
    ck_assert_uint_eq(ss.v[1].flags, 0);
    free(ss.v);
    /* not inside addresses, acronyms or file-like tokens */
    expect_one("Write to Jane.Doe@example.com now.");
    expect_one("See https://example.com/a.Html now.");
    expect_one("It runs on ASP.NET and Node.js today.");
    /* the caption glued to its credit is split, and the first part flagged */
    const char *cap = "Relations between US and China improved, but issues separate the countriesImage: "
                      "Mark Schiefelbein/AP Photo/picture alliance";
    seg(cap, &ss);
    ck_assert_uint_eq(ss.n, 2);
    ck_assert_uint_eq(ss.v[0].flags, UG_SEG_GLUED);
    ck_assert_int_eq(ss.v[0].kind, UG_SEG_CAPTION);
    ck_assert_int_eq(ss.v[1].kind, UG_SEG_CAPTION);
    ck_assert_int_eq(strncmp(cap + ss.v[1].start, "Image: ", 7), 0);
    free(ss.v);
}
END_TEST

/* A line holding a photo credit is a caption wherever the credit is, short
 * ("/AP", "EPA/": found from their '/') or long ("Getty Images"); a line
 * with a slash and no credit is not. */
START_TEST(test_credit_anywhere)
{
    static const char *const yes[] = {
        "Crowds gather in the main square/EPA",
        "EPA/Crowds gather in the main square",
        "Crowds gather in the main square/AP and wait",
        "/AP",
        "Crowds gather in the main square (AFP/Getty Images)",
        "Crowds gather in the main square Getty Images",
        "Crowds gather in the square FOTO/Jan Novak",
    };
    static const char *const no[] = {
        "Crowds gather in the main square",
        "Crowds gather in the main square and/or wait",
        "Crowds gather in the main square EPA",
        "/A",
    };
    sents ss;
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++) {
        seg(yes[k], &ss);
        ck_assert_uint_ge(ss.n, 1);
        ck_assert_msg(ss.v[0].kind == UG_SEG_CAPTION, "not a caption: %s", yes[k]);
        free(ss.v);
    }
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++) {
        seg(no[k], &ss);
        ck_assert_uint_ge(ss.n, 1);
        ck_assert_msg(ss.v[0].kind != UG_SEG_CAPTION, "a caption: %s", no[k]);
        free(ss.v);
    }
}
END_TEST

/* An abbreviation is found from the start of its word wherever the word
 * falls against the 16-byte blocks the scan skips ahead by, after any kind
 * of white space; a sentence end is found at every offset. */
START_TEST(test_abbrev_every_offset)
{
    static const char *const gaps[] = { " ", "  ", " \t", "\xC2\xA0", " \xC2\xA0 ", "\t" };
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++)
        for (size_t k = 0; k < 40; k++) {
            char t[160];
            size_t n = 0;
            for (size_t i = 0; i < k; i++)          /* words of 1 to 4 letters */
                t[n++] = i % 5 == 4 ? ' ' : (char)('a' + (char)(i % 26));
            n += (size_t)snprintf(t + n, sizeof t - n, "%sHe met%sDr. Smith today. They left.",
                                  k ? " " : "", gaps[g]);
            sents ss;
            seg(t, &ss);
            ck_assert_msg(ss.n == 2, "gap %zu offset %zu: %zu sentences in \"%s\"", g, k, ss.n, t);
            char *a = sent_text(t, &ss, 1);
            ck_assert_str_eq(a, "They left.");
            free(a);
            free(ss.v);
        }
}
END_TEST

START_TEST(test_lists)
{
    const char *a[] = { "1. Skip to content", NULL };
    expect_split("1. Skip to content", a);
    const char *b[] = { "1) The first item", "2) The second item", NULL };
    expect_split("1) The first item 2) The second item", b);
    /* a dash inside a sentence is not a list marker */
    expect_one("- The talks - which lasted hours - ended.");
    sents ss;
    seg("  1. \"Shared responsibility\"\n\xE2\x80\xA2 Item two", &ss);
    ck_assert_uint_eq(ss.n, 2);
    ck_assert_int_eq(ss.v[0].kind, UG_SEG_LIST);
    ck_assert_int_eq(ss.v[1].kind, UG_SEG_LIST);
    free(ss.v);
}
END_TEST

/* Asserts the kind of each paragraph's first sentence. */
static void expect_kinds(const char *t, const ug_seg_kind *kinds, size_t nk)
{
    sents ss;
    seg(t, &ss);
    size_t k = 0;
    for (size_t i = 0; i < ss.n; i++) {
        if (ss.v[i].sent != 0 && !(ss.v[i].sent == 1 && ss.v[i - 1].kind == UG_SEG_DATELINE))
            continue;
        ck_assert_msg(k < nk, "more paragraphs than expected");
        char *txt = sent_text(t, &ss, i);
        ck_assert_msg(ss.v[i].kind == kinds[k], "paragraph %zu \"%s\": kind %s, expected %s", k, txt,
                      ug_seg_kind_name(ss.v[i].kind), ug_seg_kind_name(kinds[k]));
        free(txt);
        k++;
    }
    ck_assert_uint_eq(k, nk);
    free(ss.v);
}

START_TEST(test_kinds_seed_000)
{
    const char *t =
        "1. Skip to content\n"
        "  2. Skip to main menu\n"
        "  3. Skip to more DW sites\n\n"
        "US and China should be 'partners,' Xi tells Blinken\n\n"
        "April 26, 2024\n\n"
        "US top diplomat Antony Blinken and Chinese President Xi Jinping struck a positive note on "
        "progress in relations.\n\n"
        "Flags of the US and China sit in a room where U.S. Secretary of State Antony Blinken meets "
        "with China's Minister of Public Security Wang Xiaohong\n"
        "Relations between US and China improved the last year, but a number of issues separate the "
        "countriesImage: Mark Schiefelbein/AP Photo/picture alliance\n\n"
        "US-China economic and tech competition\xC2\xA0\n\n"
        "\"That really is a shared responsibility,\" he said.\n\n"
        "rm,km/sms (Reuters, AFP, AP)";
    const ug_seg_kind k[] = { UG_SEG_BOILERPLATE, UG_SEG_BOILERPLATE, UG_SEG_BOILERPLATE,
                              UG_SEG_HEADLINE, UG_SEG_DATELINE, UG_SEG_BODY, UG_SEG_CAPTION,
                              UG_SEG_CAPTION, UG_SEG_HEADLINE, UG_SEG_BODY, UG_SEG_BOILERPLATE };
    expect_kinds(t, k, sizeof k / sizeof k[0]);
}
END_TEST

START_TEST(test_kinds_seed_001_002)
{
    const char *t =
        "China and US should be \"partners, not rivals\", Xi Jinping tells Blinken\n\n"
        "US secretary of state visits Beijing\n"
        "El secretario de Estado de Estados Unidos, Antony Blinken (izq.), se re\xC3\xBAne con el "
        "presidente de China, Xi Jinping, en el Gran Sal\xC3\xB3n del Pueblo de Pek\xC3\xADn el 26 de abril "
        "de 2024 \xE2\x80\x93 PHOTO/Mark Schiefelbein/POOL/AFP\n"
        "  1. \"Shared responsibility\"\n\n"
        "US Secretary of State Antony Blinken shakes hands with China's Foreign Minister Wang Yi in "
        "Beijing on April 26, 2024. - Mark Schiefelbein/Pool/AFP/Getty Images\n\n"
        "\xE2\x80\x98Peace and stability\xE2\x80\x99\n\n"
        "This story and headline have been updated to reflect additional developments.\n\n"
        "CNN\xE2\x80\x99s Wayne Chang contributed to this report.\n\n"
        "For more CNN news and newsletters create an account at";
    const ug_seg_kind k[] = { UG_SEG_HEADLINE, UG_SEG_HEADLINE, UG_SEG_CAPTION, UG_SEG_LIST,
                              UG_SEG_CAPTION, UG_SEG_HEADLINE, UG_SEG_BOILERPLATE,
                              UG_SEG_BOILERPLATE, UG_SEG_BOILERPLATE };
    expect_kinds(t, k, sizeof k / sizeof k[0]);
}
END_TEST

START_TEST(test_kinds_seed_003_004)
{
    const char *t =
        " date 2024-04-26 \n\nBeijing\n\nCNN\n\n\xE2\x80\x93\n\n\n\n"
        "Chinese leader Xi Jinping said the US and China should be partners, not adversaries, as he met "
        "with top US diplomat Antony Blinken at the Great Hall of the People in Beijing on Friday.\n\n"
        "Peace and stability\n\n"
        "Beijing\n\n"
        "This news story and headline have been updated to reflect additional developments.";
    const ug_seg_kind k[] = { UG_SEG_DATELINE, UG_SEG_DATELINE, UG_SEG_DATELINE, UG_SEG_DATELINE,
                              UG_SEG_BODY, UG_SEG_HEADLINE, UG_SEG_HEADLINE, UG_SEG_BOILERPLATE };
    expect_kinds(t, k, sizeof k / sizeof k[0]);

    const char *u = " date 2024-04-27 BEIJING \xE2\x80\x93 Chinese President Xi Jinping on Friday told top "
                    "US diplomat Antony Blinken that the world\xE2\x80\x99s biggest economies should be "
                    "\xE2\x80\x9Cpartners, not rivals.\xE2\x80\x9D\n\nPressure on Russia\n\nBy Jane Doe\n";
    sents ss;
    seg(u, &ss);
    ck_assert_uint_eq(ss.n, 4);
    ck_assert_int_eq(ss.v[0].kind, UG_SEG_DATELINE);
    ck_assert_int_eq(strncmp(u + ss.v[0].start, "date 2024-04-27 BEIJING \xE2\x80\x93",
                             ss.v[0].end - ss.v[0].start), 0);
    ck_assert_uint_eq(ss.v[0].end - ss.v[0].start, strlen("date 2024-04-27 BEIJING \xE2\x80\x93"));
    ck_assert_int_eq(ss.v[1].kind, UG_SEG_BODY);
    ck_assert_uint_eq(ss.v[1].para, 0);
    ck_assert_uint_eq(ss.v[1].sent, 1);
    ck_assert_int_eq(ss.v[2].kind, UG_SEG_HEADLINE);
    ck_assert_int_eq(ss.v[3].kind, UG_SEG_BYLINE);
    free(ss.v);
    /* a prose date at the start of a body paragraph stays in the sentence */
    expect_one("On Friday, April 26, 2024, the two ministers met in Beijing.");
}
END_TEST

START_TEST(test_newlines)
{
    const char *t = "This line is wrapped\nin the middle. Next one\nhere.\n\nNew paragraph.";
    sents ss;
    seg_opts(t, strlen(t), UG_SEG_SOFT_NEWLINES, NULL, 0, &ss);
    ck_assert_uint_eq(ss.n, 3);
    ck_assert_uint_eq(ss.v[0].para, 0);
    ck_assert_uint_eq(ss.v[1].para, 0);
    ck_assert_uint_eq(ss.v[1].sent, 1);
    ck_assert_uint_eq(ss.v[2].para, 1);
    ck_assert_uint_eq(ss.v[2].sent, 0);
    free(ss.v);
    seg_opts(t, strlen(t), 0, NULL, 0, &ss);
    ck_assert_uint_eq(ss.n, 5);
    ck_assert_uint_eq(ss.v[4].para, 3);
    free(ss.v);
    /* CRLF and white-space-only lines */
    const char *u = "First line.\r\n \t\r\nSecond\xC2\xA0line.\xC2\xA0\r\n";
    seg_opts(u, strlen(u), 0, NULL, 0, &ss);
    ck_assert_uint_eq(ss.n, 2);
    ck_assert_uint_eq(ss.v[1].para, 1);
    free(ss.v);
}
END_TEST

START_TEST(test_uax29_mode)
{
    const char *t = "Mr. Smith went home. He slept.";
    sents ss;
    seg_opts(t, strlen(t), UG_SEG_UAX29, NULL, 0, &ss);
    ck_assert_uint_eq(ss.n, 3);     /* plain UAX #29 breaks after "Mr." */
    free(ss.v);
    seg_opts(t, strlen(t), 0, NULL, 0, &ss);
    ck_assert_uint_eq(ss.n, 2);
    free(ss.v);
    const char *u = "wrapped\nline. Next";
    seg_opts(u, strlen(u), UG_SEG_UAX29 | UG_SEG_SOFT_NEWLINES, NULL, 0, &ss);
    ck_assert_uint_eq(ss.n, 2);
    free(ss.v);
}
END_TEST

START_TEST(test_languages)
{
    sents ss;
    const char *es = "El Sr. Garc\xC3\xAD" "a lleg\xC3\xB3" " a EE. UU. el lunes. La reuni\xC3\xB3n empez\xC3\xB3 tarde.";
    seg_opts(es, strlen(es), 0, "es", 0, &ss);
    ck_assert_uint_eq(ss.n, 2);
    free(ss.v);
    const char *de = "Am 26. April traf er z.B. den Minister. Danach ging er.";
    seg_opts(de, strlen(de), 0, "de", 0, &ss);
    ck_assert_uint_eq(ss.n, 2);
    free(ss.v);
    const char *fr = "M. Dupont est arriv\xC3\xA9. Il a parl\xC3\xA9.";
    seg_opts(fr, strlen(fr), 0, "fr", 0, &ss);
    ck_assert_uint_eq(ss.n, 2);
    free(ss.v);
    ck_assert(ug_seg_lang_known("en") && ug_seg_lang_known("es") && ug_seg_lang_known("fr") &&
              ug_seg_lang_known("de"));
    ck_assert(!ug_seg_lang_known("xx") && !ug_seg_lang_known(NULL));
    ug_seg_opts bad = { 0, "xx", 0 };
    ck_assert_ptr_null(ug_segmenter_new(&bad));
    ug_seg_opts small = { 0, NULL, 8 };
    ck_assert_ptr_null(ug_segmenter_new(&small));
}
END_TEST

START_TEST(test_continuation)
{
    ug_segmenter *sg = ug_segmenter_new(NULL);
    sents ss = { 0 };
    ck_assert_int_eq(ug_segment(sg, "Headline\n\nOne. Two.", 19, collect, &ss), UG_OK);
    ck_assert_int_eq(ug_segment_next(sg, "Three.", 6, collect, &ss), UG_OK);
    ck_assert_uint_eq(ss.n, 4);
    ck_assert_uint_eq(ss.v[3].para, 2);
    ck_assert_uint_eq(ss.v[3].start, 19);
    ck_assert_uint_eq(ss.v[3].end, 25);
    ss.n = 0;
    ck_assert_int_eq(ug_segment(sg, "Again.", 6, collect, &ss), UG_OK);
    ck_assert_uint_eq(ss.v[0].para, 0);
    ck_assert_uint_eq(ss.v[0].start, 0);
    ck_assert_int_eq(ug_segment(sg, NULL, 0, collect, &ss), UG_OK);
    ck_assert_int_eq(ug_segment(sg, NULL, 1, collect, &ss), UG_EINVAL);
    free(ss.v);
    ug_segmenter_free(sg);
    ug_segmenter_free(NULL);
}
END_TEST

static ug_status stop_cb(void *ctx, const ug_sentence *s)
{
    (void)s;
    int *n = ctx;
    return ++*n == 2 ? UG_EIO : UG_OK;
}

START_TEST(test_callback_status)
{
    ug_segmenter *sg = ug_segmenter_new(NULL);
    int n = 0;
    ck_assert_int_eq(ug_segment(sg, "One. Two. Three. Four.", 22, stop_cb, &n), UG_EIO);
    ck_assert_int_eq(n, 2);
    ug_segmenter_free(sg);
    ug_alloc_fail_after(0);
    ck_assert_ptr_null(ug_segmenter_new(NULL));
    ug_alloc_fail_after(-1);
}
END_TEST

START_TEST(test_kind_names)
{
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_BODY), "body");
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_HEADLINE), "headline");
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_CAPTION), "caption");
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_BYLINE), "byline");
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_DATELINE), "dateline");
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_LIST), "list");
    ck_assert_str_eq(ug_seg_kind_name(UG_SEG_BOILERPLATE), "boilerplate");
    ck_assert_str_eq(ug_seg_kind_name((ug_seg_kind)99), "body");
}
END_TEST

/* ---- bounded sentences and linear time --------------------------------- */

START_TEST(test_forced)
{
    const char *t = "aaaa bbbb cccc dddd eeee ffff gggg.";
    sents ss;
    seg_opts(t, strlen(t), 0, NULL, 16, &ss);
    ck_assert_uint_gt(ss.n, 1);
    for (size_t k = 0; k < ss.n; k++) {
        ck_assert_uint_le(ss.v[k].end - ss.v[k].start, 16);
        ck_assert_uint_eq(ss.v[k].flags, k + 1 < ss.n ? UG_SEG_FORCED : 0);
    }
    free(ss.v);
    /* no white space: cut at code point boundaries */
    char u[100];
    for (int k = 0; k < 33; k++)
        memcpy(u + 3 * k, "\xE2\x80\x94", 3);
    u[99] = 0;
    seg_opts(u, 99, 0, NULL, 16, &ss);
    for (size_t k = 0; k < ss.n; k++) {
        ck_assert_uint_eq((ss.v[k].end - ss.v[k].start) % 3, 0);
        ck_assert_uint_le(ss.v[k].end - ss.v[k].start, 16);
    }
    free(ss.v);
}
END_TEST

/* Builds n bytes of the pattern p repeated. */
static char *repeat(const char *p, size_t n)
{
    size_t pl = strlen(p);
    char *b = malloc(n + 1);
    ck_assert_ptr_nonnull(b);
    for (size_t i = 0; i < n; i += pl)
        memcpy(b + i, p, n - i < pl ? n - i : pl);
    b[n] = 0;
    return b;
}

/* Runs both rule sets over a 10 MB adversarial input and checks the
 * output: every piece within the cap, the text rebuilt, and the expected
 * number of sentences. A quadratic rescan would not finish within the
 * test's timeout on inputs this size. */
static void adversarial(const char *pattern, size_t min_sents, size_t max_sents)
{
    size_t n = (size_t)10 << 20;
    char *t = repeat(pattern, n);
    for (unsigned fl = 0; fl <= UG_SEG_UAX29; fl += UG_SEG_UAX29) {
        sents ss;
        seg_opts(t, n, fl, NULL, 0, &ss);
        for (size_t k = 0; k < ss.n; k++)
            if (ss.v[k].end - ss.v[k].start > UG_SEG_DEFAULT_MAX_SENTENCE)
                ck_abort_msg("sentence %zu is longer than the cap", k);
        if (!(fl & UG_SEG_UAX29)) {
            ck_assert_msg(ss.n >= min_sents && ss.n <= max_sents, "\"%s\": %zu sentences", pattern, ss.n);
        }
        free(ss.v);
    }
    free(t);
}

START_TEST(test_adversarial_a_dot)
{
    /* "a. a. a." never ends a sentence (lowercase follows): forced pieces */
    adversarial("a. ", 160, 161);
}
END_TEST

START_TEST(test_adversarial_word)
{
    adversarial("a", 160, 161);
}
END_TEST

START_TEST(test_adversarial_periods)
{
    adversarial(".", 160, 161);
}
END_TEST

START_TEST(test_adversarial_glued)
{
    /* every "aa.Bb" is a glued boundary */
    adversarial("aa.Bb", 2000000, 2100000);
}
END_TEST

START_TEST(test_adversarial_mixed)
{
    adversarial("f.302205302116302416302500302513915bd ", 150, 170);
    adversarial("Mr. ", 160, 161);
    adversarial("\xE2\x80\xA6 ", 160, 161);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("uax29");
    tcase_add_test(tc, test_uax29_conformance);
    tcase_add_test(tc, test_sb_classes);
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_add_test(tc, test_golden_rules);
    tcase_add_test(tc, test_no_split_seed_excerpts);
    tcase_add_test(tc, test_splits);
    tcase_add_test(tc, test_glued);
    tcase_add_test(tc, test_credit_anywhere);
    tcase_add_test(tc, test_abbrev_every_offset);
    tcase_add_test(tc, test_lists);
    tcase_add_test(tc, test_uax29_mode);
    tcase_add_test(tc, test_languages);
    suite_add_tcase(s, tc);
    tc = tcase_create("kinds");
    tcase_add_test(tc, test_kinds_seed_000);
    tcase_add_test(tc, test_kinds_seed_001_002);
    tcase_add_test(tc, test_kinds_seed_003_004);
    tcase_add_test(tc, test_newlines);
    suite_add_tcase(s, tc);
    tc = tcase_create("api");
    tcase_add_test(tc, test_continuation);
    tcase_add_test(tc, test_callback_status);
    tcase_add_test(tc, test_kind_names);
    tcase_add_test(tc, test_forced);
    suite_add_tcase(s, tc);
    tc = tcase_create("linear");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_adversarial_a_dot);
    tcase_add_test(tc, test_adversarial_word);
    tcase_add_test(tc, test_adversarial_periods);
    tcase_add_test(tc, test_adversarial_glued);
    tcase_add_test(tc, test_adversarial_mixed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
