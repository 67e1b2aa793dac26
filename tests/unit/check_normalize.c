/* check_normalize.c: unit tests of ug_normalize(): every rule with positive and negative cases, the offset map, and the properties. */
#include "config.h"
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ug/ug.h"

/* Normalizes s (n bytes) with flags and returns a malloc'd NUL-terminated copy. */
static char *norm_n(const char *s, size_t n, unsigned flags, const char *from, ug_norm_result *res_out)
{
    ug_norm_opts o = { flags, from };
    ug_norm_result res;
    ug_buf out = { 0 };
    ug_status st = ug_normalize_buf(s, n, &o, &out, &res);
    ck_assert_int_eq(st, UG_OK);
    char *r = strndup(out.data ? out.data : "", out.len);
    ug_buf_free(&out);
    if (res_out)
        *res_out = res;
    else
        ug_norm_result_free(&res);
    return r;
}

static char *norm(const char *s, unsigned flags) { return norm_n(s, strlen(s), flags, NULL, NULL); }

typedef struct { const char *in; const char *out; unsigned flags; } tcase;

/* Table of input -> expected output (positive and negative cases). */
static const tcase cases[] = {
    /* unchanged text (negative cases for every rule) */
    { "Plain ASCII line.\n", "Plain ASCII line.\n", 0 },
    { "Curly ‘quotes’ “kept” — dashes – and … ellipses\n", "Curly ‘quotes’ “kept” — dashes – and … ellipses\n", 0 },
    { "naïve café Müller São Paulo Ærø Škoda Þór\n", "naïve café Müller São Paulo Ærø Škoda Þór\n", 0 },
    { "Москва α-particles 你好，世界！（测试）\n", "Москва α-particles 你好，世界！（测试）\n", 0 },
    { "x² ½ № ™\n", "x² ½ № ™\n", 0 },
    { "AT&T and a & b and &amp without semicolon\n", "AT&T and a & b and &amp without semicolon\n", 0 },
    { "C:\\new\\table and \\u00e9\n", "C:\\new\\table and \\u00e9\n", 0 },
    { "  indented line\n", "  indented line\n", 0 },
    { "tab\tseparated\n", "tab\tseparated\n", 0 },
    { "SUOVÂKUOŠKÂ\n", "SUOVÂKUOŠKÂ\n", 0 },
    { "no final newline", "no final newline", 0 },
    { "", "", 0 },
    /* spaces: turned into U+0020, never deleted */
    { "10\u00a0000 people\n", "10 000 people\n", 0 },
    { "a\u2007b\u202fc\u2009d\u3000e\n", "a b c d e\n", 0 },
    { "a  b   c\n", "a b c\n", 0 },
    { "trailing   \n", "trailing\n", 0 },
    { "trailing\t\n", "trailing\n", 0 },
    { "a  b", "a  b", UG_NORM_KEEP_SPACES },
    { "a \u00a0b\n", "a b\n", 0 },
    /* line breaks */
    { "a\r\nb\r\n", "a\nb\n", 0 },
    { "a\rb\n", "a\nb\n", 0 },
    { "a\u2028b\u2029c\n", "a\nb\nc\n", 0 },
    { "a\xc2\x85""b\n", "a\nb\n", UG_NORM_NO_MOJIBAKE },
    /* controls */
    { "a\x01" "b\x7f" "c\n", "abc\n", 0 },
    { "\x1b[31mred\x1b[0m\n", "red\n", 0 },
    { "a\xc2\x80""b\n", "a€b\n", 0 },
    { "a\xc2\x81""b\n", "ab\n", 0 },
    /* invisible characters */
    { "zero\u200bwidth co\u00adoperation\n", "zerowidth cooperation\n", 0 },
    { "stray\ufeffBOM\n", "strayBOM\n", 0 },
    { "👩\u200d💻\n", "👩\u200d💻\n", 0 },
    { "می\u200cروم\n", "می\u200cروم\n", 0 },
    { "La\u200dtin\n", "Latin\n", 0 },
    /* ligatures and fullwidth letters/digits; CJK punctuation untouched */
    { "\ufb01nance \ufb02ow\n", "finance flow\n", 0 },
    { "ＦＵＬＬ ｗｉｄｔｈ １２３\n", "FULL width 123\n", 0 },
    { "（测试）！\n", "（测试）！\n", 0 },
    /* HTML character references */
    { "AT&amp;T &eacute; &#8217;s &#x2019; &nbsp;x\n", "AT&T é ’s ’ x\n", 0 },
    { "&amp;amp; &amp;lt; &amp;#38;\n", "& < &\n", 0 },
    { "&NotEqualTilde;\n", "\u2242\u0338\n", 0 },
    { "&bogus; &#; &#x; &#12a; &Amp;\n", "&bogus; &#; &#x; &#12a; &Amp;\n", 0 },
    { "&#128; &#0; &#xD800; &#99999999;\n", "€ \ufffd \ufffd \ufffd\n", 0 },
    { "a &amp; b\nx < y\nc &amp; d\n", "a & b\nx < y\nc & d\n", 0 },
    { "&amp;\n", "&amp;\n", UG_NORM_NO_ENTITIES },
    /* mojibake (ftfy's classic examples) */
    { "cafÃ©\n", "café\n", 0 },
    { "â€œbarâ€\xc2\x9d"" â‚¬5\n", "“bar” €5\n", 0 },
    { "Itâ€™s\n", "It’s\n", 0 },
    { "Ã¢â‚¬â„¢\n", "’\n", 0 },
    { "cafÃ©\n", "cafÃ©\n", UG_NORM_NO_MOJIBAKE },
    /* Unicode normalization */
    { "e\u0301\n", "\u00e9\n", 0 },
    { "\u212b\n", "\u00c5\n", 0 },
    { "\uac00\u11a7\n", "\uac00\u11a7\n", 0 },       /* utf8proc 2.8 drops U+11A7 here */
    { "\u1100\u1161\u11a7\n", "\uac00\u11a7\n", 0 },
    { "\u1100\u1161\u11a8\n", "\uac01\n", 0 },
    { "x² ﬁ\n", "x2 fi\n", UG_NORM_NFKC },
    { "a\u0328\u0301\n", "\u0105\u0301\n", 0 },            /* composed */
    { "a\u0301\u0328\n", "\u0105\u0301\n", 0 },            /* reordered then composed */
    /* ASCII punctuation on request */
    { "‘a’ “b” – — …\n", "'a' \"b\" - - ...\n", UG_NORM_ASCII_PUNCT },
};

START_TEST(test_cases)
{
    const tcase *c = &cases[_i];
    char *got = norm(c->in, c->flags);
    ck_assert_msg(strcmp(got, c->out) == 0, "case %d: in [%s] want [%s] got [%s]", _i, c->in, c->out, got);
    /* every case is also a fixed point */
    char *again = norm(got, c->flags);
    ck_assert_msg(strcmp(got, again) == 0, "case %d not idempotent: [%s] -> [%s]", _i, got, again);
    free(again);
    free(got);
}
END_TEST

START_TEST(test_encodings)
{
    ug_norm_result r;
    char *s;
    /* UTF-8 BOM removed */
    s = norm_n("\xef\xbb\xbfhi\n", 6, 0, NULL, &r);
    ck_assert_str_eq(s, "hi\n"); ck_assert_str_eq(r.encoding, "utf-8"); ck_assert_str_eq(r.encoding_why, "bom");
    ck_assert_uint_eq(r.map.n > 0, 1);
    free(s); ug_norm_result_free(&r);
    /* UTF-16LE with BOM */
    s = norm_n("\xff\xfeh\0i\0\n\0", 8, 0, NULL, &r);
    ck_assert_str_eq(s, "hi\n"); ck_assert_str_eq(r.encoding, "utf-16le");
    free(s); ug_norm_result_free(&r);
    /* UTF-16BE without BOM, by the NUL pattern */
    s = norm_n("\0h\0e\0l\0l\0o\0\n", 12, 0, NULL, &r);
    ck_assert_str_eq(s, "hello\n"); ck_assert_str_eq(r.encoding, "utf-16be"); ck_assert_str_eq(r.encoding_why, "nul-pattern");
    free(s); ug_norm_result_free(&r);
    /* windows-1252 fallback */
    s = norm_n("\x93quoted\x94 caf\xe9 \x80" "5\n", 17, 0, NULL, &r);
    ck_assert_str_eq(s, "“quoted” café €5\n"); ck_assert_str_eq(r.encoding, "windows-1252");
    ck_assert_uint_eq(r.invalid, 0);
    free(s); ug_norm_result_free(&r);
    /* mostly UTF-8 with one bad byte: U+FFFD, counted */
    s = norm_n("caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 bad\xff byte\n", 32, 0, NULL, &r);
    ck_assert_str_eq(s, "café naïve résumé bad\ufffd byte\n"); ck_assert_str_eq(r.encoding, "utf-8");
    ck_assert_uint_eq(r.invalid, 1); ck_assert_uint_eq(r.first_invalid, 25);
    free(s); ug_norm_result_free(&r);
    /* forced encoding */
    s = norm_n("\xbc\xde\xe1\xda\xd2\xd0\n", 7, 0, "ISO-8859-5", &r);
    ck_assert_str_eq(s, "Москва\n"); ck_assert_str_eq(r.encoding_why, "forced");
    free(s); ug_norm_result_free(&r);
}
END_TEST

START_TEST(test_encoding_errors)
{
    ug_norm_opts o = { UG_NORM_INVALID_FAIL, NULL };
    ug_norm_result r;
    ug_buf out = { 0 };
    const char *bad = "caf\xc3\xa9 ok\nline two \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xfe\n";
    ck_assert_int_eq(ug_normalize_buf(bad, strlen(bad), &o, &out, &r), UG_EUTF8);
    ck_assert_uint_eq(r.first_invalid, strlen(bad) - 2);
    ug_norm_result_free(&r);
    ug_buf_free(&out);
    ug_norm_opts o2 = { 0, "NO-SUCH-ENCODING-X" };
    ck_assert_int_eq(ug_normalize_buf("x", 1, &o2, &out, &r), UG_EENCODING);
    ug_buf_free(&out);
}
END_TEST

START_TEST(test_typography_counts)
{
    ug_norm_result r;
    char *s = norm_n("“a” ‘b’ \"c\" 'd' – — … …\n", strlen("“a” ‘b’ \"c\" 'd' – — … …\n"),
                     UG_NORM_ASCII_PUNCT, NULL, &r);
    ck_assert_uint_eq(r.curly_quotes, 4);
    ck_assert_uint_eq(r.straight_quotes, 4);
    ck_assert_uint_eq(r.dashes, 2);
    ck_assert_uint_eq(r.ellipses, 2);
    ck_assert_uint_eq(r.punct, 8);
    free(s);
    ug_norm_result_free(&r);
    /* counted on the fast path too */
    s = norm_n("“a” 'b' — …\n", strlen("“a” 'b' — …\n"), 0, NULL, &r);
    ck_assert_uint_eq(r.curly_quotes, 2);
    ck_assert_uint_eq(r.straight_quotes, 2);
    ck_assert_uint_eq(r.dashes, 1);
    ck_assert_uint_eq(r.ellipses, 1);
    ck_assert_uint_eq(r.map.n, 0);
    free(s);
    ug_norm_result_free(&r);
}
END_TEST

/* Maps output span [s,e) and checks the raw bytes it points at. */
static void check_span(const ug_norm_result *r, size_t s, size_t e, size_t want_s, size_t want_e)
{
    size_t is, ie;
    ug_offmap_span(&r->map, s, e, &is, &ie);
    ck_assert_msg(is == want_s && ie == want_e, "span [%zu,%zu) -> [%zu,%zu), want [%zu,%zu)", s, e, is, ie, want_s, want_e);
}

START_TEST(test_offset_map)
{
    ug_norm_result r;
    const char *in = "a\u00a0b &amp; c\r\nnext  line\xe2\x80\x8b!\n";
    char *out = norm_n(in, strlen(in), 0, NULL, &r);
    ck_assert_str_eq(out, "a b & c\nnext line!\n");
    check_span(&r, 0, 1, 0, 1);         /* a */
    check_span(&r, 1, 2, 1, 3);         /* NBSP -> space */
    check_span(&r, 2, 3, 3, 4);         /* b */
    check_span(&r, 4, 5, 5, 10);        /* &amp; */
    check_span(&r, 6, 7, 11, 12);       /* c */
    check_span(&r, 8, 12, 14, 18);      /* next */
    check_span(&r, 13, 17, 20, 24);     /* line */
    check_span(&r, 17, 18, 27, 28);     /* ! after the deleted ZWSP */
    check_span(&r, 0, strlen(out), 0, strlen(in));
    size_t line, col;
    ug_offmap_linecol(&r.map, out, strlen(out), 13, &line, &col);
    ck_assert_uint_eq(line, 2); ck_assert_uint_eq(col, 7);
    ug_offmap_linecol(&r.map, out, strlen(out), 6, &line, &col);
    ck_assert_uint_eq(line, 1); ck_assert_uint_eq(col, 12);
    /* JSON round trip of the map */
    ug_buf j = { 0 };
    ck_assert_int_eq(ug_offmap_to_json(&r.map, &j), UG_OK);
    ug_offmap m2 = { 0 };
    ck_assert_int_eq(ug_offmap_from_json(&m2, j.data, j.len), UG_OK);
    ck_assert_uint_eq(m2.n, r.map.n);
    for (size_t k = 0; k < m2.n; k++)
        ck_assert(memcmp(&m2.v[k], &r.map.v[k], sizeof m2.v[k]) == 0);
    ug_offmap_free(&m2);
    ug_buf_free(&j);
    free(out);
    ug_norm_result_free(&r);
    /* unchanged text: no anchors at all */
    out = norm_n("clean line\nand “another”\n", strlen("clean line\nand “another”\n"), 0, NULL, &r);
    ck_assert_uint_eq(r.map.n, 0);
    free(out);
    ug_norm_result_free(&r);
    /* windows-1252 input: spans are single raw bytes */
    out = norm_n("x\n\x93q\x94\n", 6, 0, NULL, &r);
    ck_assert_str_eq(out, "x\n“q”\n");
    check_span(&r, 2, 5, 2, 3);
    check_span(&r, 5, 6, 3, 4);
    check_span(&r, 6, 9, 4, 5);
    ug_offmap_linecol(&r.map, out, strlen(out), 5, &line, &col);
    ck_assert_uint_eq(line, 2); ck_assert_uint_eq(col, 2);
    free(out);
    ug_norm_result_free(&r);
}
END_TEST

/* Pseudo-random generator (xorshift), deterministic. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return rng_state;
}

static const char *frags[] = {
    "a", "b", " ", "  ", "\t", "\n", "\r", "\r\n", "&", "amp;", "&amp;", "&lt;", "&#38;", "&#x", "#", ";",
    "é", "e\u0301", "\u0301", "\u0328", "Ã", "©", "â€", "™", "\xc2\x9d""", "\xc2\x85""", "\xc2\x80""", "Â", "\u00a0",
    "\u200b", "\u200d", "\u200c", "\u00ad", "\ufeff", "\ufb01", "Ｆ", "，", "“", "’", "—", "…", "\u2028",
    "가", "\u1100", "\u1161", "\u11a7", "\u11a8", "\x1b[1m", "\x01", "Ð", "¼", "Ñ\xc2\x81""", "ðŸ", "˜€", "x²",
    "\xff", "\xc3", "\x80", "\xe2\x80", "SUOVÂKUOŠKÂ", "Ã©", "Ã¢â‚¬â„¢",
};

/* Builds a random document from fragments into b. */
static void random_doc(ug_buf *b, int nfrag)
{
    ug_buf_clear(b);
    for (int k = 0; k < nfrag; k++)
        ug_buf_puts(b, frags[rnd() % (sizeof frags / sizeof frags[0])]);
}

START_TEST(test_idempotent_random)
{
    static const unsigned flagsets[] = { 0, UG_NORM_NFKC, UG_NORM_NO_MOJIBAKE, UG_NORM_ASCII_PUNCT, UG_NORM_KEEP_SPACES };
    ug_buf doc = { 0 };
    int fails = 0;
    for (int it = 0; it < 20000; it++) {
        random_doc(&doc, 1 + (int)(rnd() % 24));
        unsigned f = flagsets[it % 5];
        ug_norm_result r1;
        char *once = norm_n(doc.data, doc.len, f, it % 2 ? "UTF-8" : NULL, &r1);
        /* the map covers the output and points inside the input */
        size_t is, ie;
        ug_offmap_span(&r1.map, 0, strlen(once), &is, &ie);
        ck_assert_uint_le(ie, doc.len);
        ck_assert_uint_le(is, ie);
        ug_norm_result_free(&r1);
        char *twice = norm(once, f);
        if (strcmp(once, twice) != 0 && fails++ < 5) {
            fprintf(stderr, "not idempotent (flags %u, %s): [%s] -> [%s]\n", f, it % 2 ? "utf-8" : "detect", once, twice);
            for (size_t q = 0; q < doc.len; q++) fprintf(stderr, "\\x%02x", (unsigned char)doc.data[q]);
            fprintf(stderr, "\n");
        }
        free(once);
        free(twice);
    }
    ug_buf_free(&doc);
    ck_assert_int_eq(fails, 0);
}
END_TEST

START_TEST(test_line_independence)
{
    /* the output of a line does not depend on earlier lines */
    ug_buf doc = { 0 }, line = { 0 };
    for (int it = 0; it < 3000; it++) {
        random_doc(&doc, 4 + (int)(rnd() % 30));
        /* force a valid UTF-8 reading so the per-document encoding choice is fixed */
        char *whole = norm_n(doc.data, doc.len, 0, "UTF-8", NULL);
        ug_buf cat = { 0 };
        size_t a = 0;
        while (a < doc.len) {
            const char *nl = memchr(doc.data + a, '\n', doc.len - a);
            size_t e = nl ? (size_t)(nl - doc.data) + 1 : doc.len;
            ug_buf_clear(&line);
            ug_buf_append(&line, doc.data + a, e - a);
            char *part = norm_n(line.data, line.len, 0, "UTF-8", NULL);
            ug_buf_puts(&cat, part);
            free(part);
            a = e;
        }
        ck_assert_msg(strcmp(whole, cat.data ? cat.data : "") == 0, "line dependence on [%s]", doc.data);
        free(whole);
        ug_buf_free(&cat);
    }
    ug_buf_free(&doc);
    ug_buf_free(&line);
}
END_TEST

START_TEST(test_never_deletes_lines_or_words)
{
    ug_buf doc = { 0 };
    for (int it = 0; it < 3000; it++) {
        random_doc(&doc, 4 + (int)(rnd() % 30));
        if (memchr(doc.data, 0x1b, doc.len) || memchr(doc.data, '&', doc.len) ||
            memmem(doc.data, doc.len, "\xcc", 1))
            continue;       /* escapes, references and letter+mark pairs are replaced whole */
        char *out = norm_n(doc.data, doc.len, 0, "UTF-8", NULL);
        /* every LF of the input survives (other breaks may add some) */
        size_t lf_in = 0, lf_out = 0;
        for (size_t i = 0; i < doc.len; i++) lf_in += doc.data[i] == '\n';
        for (size_t i = 0; out[i]; i++) lf_out += out[i] == '\n';
        ck_assert_uint_ge(lf_out, lf_in);
        /* every ASCII letter survives, in order */
        size_t j = 0;
        for (size_t i = 0; i < doc.len; i++) {
            char c = doc.data[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                continue;
            while (out[j] && out[j] != c) j++;
            if (out[j] != c) {
                for (size_t q = 0; q < doc.len; q++) fprintf(stderr, "%02x", (unsigned char)doc.data[q]);
                fprintf(stderr, "\n");
                for (size_t q = 0; out[q]; q++) fprintf(stderr, "%02x", (unsigned char)out[q]);
                fprintf(stderr, "\n");
            }
            ck_assert_msg(out[j] == c, "letter %c lost from [%s] -> [%s]", c, doc.data, out);
            j++;
        }
        free(out);
    }
    ug_buf_free(&doc);
}
END_TEST

START_TEST(test_locale_independent)
{
    const char *s = "Ｆ cafÃ© e\u0301 “q” \u00a0 &eacute;\n";
    setlocale(LC_ALL, "C");
    char *a = norm(s, 0);
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    char *b = norm(s, 0);
    setlocale(LC_ALL, "C");
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_streaming_sink_chunks)
{
    /* a long document reaches the sink in several chunks that end at line ends */
    ug_buf doc = { 0 }, out = { 0 };
    for (int i = 0; i < 20000; i++)
        ug_buf_puts(&doc, i % 3 ? "A line with “quotes” and\u00a0NBSP.\n" : "plain line\n");
    ug_norm_result r;
    ck_assert_int_eq(ug_normalize_buf(doc.data, doc.len, NULL, &out, &r), UG_OK);
    ck_assert_uint_eq(r.bytes_out, out.len);
    ck_assert_uint_eq(r.lines, 20000);
    ck_assert_uint_eq(r.spaces, 13333);
    ug_norm_result_free(&r);
    ug_buf_free(&doc);
    ug_buf_free(&out);
}
END_TEST

START_TEST(test_fast_paths_match_general_path)
{
    /* fragments that keep lines on the fast and spaces paths */
    static const char *f[] = { "word", " ", "  ", "   ", "\t", "\u00a0", "\u2009", "\u202f", "\u3000", "“q”",
                               "’", "—", "…", "café", "\"", "'", "\n", "x", ".", "Москва", "\u00a0 \u00a0" };
    static const unsigned flagsets[] = { 0, UG_NORM_KEEP_SPACES, UG_NORM_ASCII_PUNCT, UG_NORM_NFKC };
    ug_buf doc = { 0 };
    for (int it = 0; it < 20000; it++) {
        ug_buf_clear(&doc);
        int nf = 1 + (int)(rnd() % 20);
        for (int k = 0; k < nf; k++)
            ug_buf_puts(&doc, f[rnd() % (sizeof f / sizeof f[0])]);
        unsigned fl = flagsets[it % 4];
        ug_norm_result r1, r2;
        char *a = norm_n(doc.data, doc.len, fl, NULL, &r1);
        char *b = norm_n(doc.data, doc.len, fl | UG_NORM_GENERAL_PATH, NULL, &r2);
        ck_assert_msg(strcmp(a, b) == 0, "paths differ on [%s]: [%s] vs [%s]", doc.data, a, b);
        ck_assert_msg(r1.spaces == r2.spaces && r1.collapsed == r2.collapsed && r1.trimmed == r2.trimmed &&
                      r1.curly_quotes == r2.curly_quotes && r1.straight_quotes == r2.straight_quotes &&
                      r1.dashes == r2.dashes && r1.ellipses == r2.ellipses,
                      "counts differ on [%s]", doc.data);
        /* the maps may differ in anchors but must map every output byte alike */
        size_t len = strlen(a);
        for (size_t o = 0; o < len; o++) {
            size_t s1, e1, s2, e2;
            ug_offmap_span(&r1.map, o, o + 1, &s1, &e1);
            ug_offmap_span(&r2.map, o, o + 1, &s2, &e2);
            ck_assert_msg(s1 == s2 && e1 == e2, "map differs at %zu on [%s]: [%zu,%zu) vs [%zu,%zu)",
                          o, doc.data, s1, e1, s2, e2);
        }
        ug_norm_result_free(&r1);
        ug_norm_result_free(&r2);
        free(a);
        free(b);
    }
    ug_buf_free(&doc);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("rules");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_cases, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, test_encodings);
    tcase_add_test(tc, test_encoding_errors);
    tcase_add_test(tc, test_typography_counts);
    tcase_add_test(tc, test_offset_map);
    tcase_add_test(tc, test_streaming_sink_chunks);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("properties");
    tcase_set_timeout(tp, 300);
    tcase_add_test(tp, test_idempotent_random);
    tcase_add_test(tp, test_line_independence);
    tcase_add_test(tp, test_never_deletes_lines_or_words);
    tcase_add_test(tp, test_locale_independent);
    tcase_add_test(tp, test_fast_paths_match_general_path);
    suite_add_tcase(s, tp);
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
