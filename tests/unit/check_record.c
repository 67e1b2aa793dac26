/* check_record.c: tests of the JSON Lines record codec: corpus, differential against json-c, pass-through. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <json-c/json.h>

#include "ug/buf.h"
#include "ug/record.h"

#ifndef TEST_DATADIR
#error "TEST_DATADIR must name the tests/data directory"
#endif

/* ---- small helpers ------------------------------------------------------ */

/* Check's ck_assert_* records a checkpoint (a write to the runner) per call;
 * hot loops use this instead, which costs nothing until it fails. */
#define REQUIRE(cond) \
    do { if (!(cond)) ck_abort_msg("%s:%d: requirement failed: %s", __FILE__, __LINE__, #cond); } while (0)

/* Deterministic PRNG (xorshift64*) so every run sees the same inputs. */
static uint64_t rng_state = 1;
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}
static size_t rnd(size_t n) { return n ? (size_t)(rng() % n) : 0; }
static int chance(unsigned percent) { return rnd(100) < percent; }

/* Prints s[0..n) with C escapes into a static buffer for messages. */
static const char *show(const char *s, size_t n)
{
    static char out[1024];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 8 < sizeof out; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '\\')
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02X", c);
    }
    if (o + 8 >= sizeof out)
        o += (size_t)snprintf(out + o, sizeof out - o, "...");
    out[o] = 0;
    return out;
}

/* Parses the NUL-terminated s, asserting success. */
static void parse_ok(ug_record *rec, const char *s)
{
    ug_error err = { 0 };
    ug_status st = ug_record_parse(rec, s, strlen(s), 0, &err);
    ck_assert_msg(st == UG_OK, "parse of %s failed: %s at %zu", show(s, strlen(s)),
                  err.msg ? err.msg : "?", err.offset);
}

/* Decodes a string token into a fresh buffer (data never NULL afterwards). */
static void decode(const char *tok, size_t len, ug_buf *out)
{
    ug_buf_clear(out);
    REQUIRE(ug_json_decode_string(tok, len, out) == UG_OK);
    REQUIRE(ug_buf_reserve(out, 0) == UG_OK);
}

/* ---- corpus --------------------------------------------------------------- */

typedef struct {
    char *name;
    char *data;
    size_t len;
    int valid;
} corpus_file;

static corpus_file *corpus;
static size_t ncorpus;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every *.json file of TEST_DATADIR/json/<sub> into the corpus. */
static size_t load_dir(const char *sub, int valid)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/json/%s", TEST_DATADIR, sub);
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    char **names = NULL;
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        names = realloc(names, (nn + 1) * sizeof *names);
        ck_assert_ptr_nonnull(names);
        names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_names);
    corpus = realloc(corpus, (ncorpus + nn) * sizeof *corpus);
    ck_assert_ptr_nonnull(corpus);
    for (size_t i = 0; i < nn; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        ck_assert_msg(f != NULL, "cannot open %s", path);
        ug_buf b = { 0 };
        char chunk[4096];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
            ck_assert_int_eq(ug_buf_append(&b, chunk, got), UG_OK);
        fclose(f);
        corpus_file *cf = &corpus[ncorpus++];
        snprintf(path, sizeof path, "%s/%s", sub, names[i]);
        cf->name = strdup(path);
        cf->len = b.len;
        cf->data = malloc(b.len + 1);
        ck_assert_ptr_nonnull(cf->data);
        if (b.len)
            memcpy(cf->data, b.data, b.len);
        cf->data[b.len] = 0;
        cf->valid = valid;
        ug_buf_free(&b);
        free(names[i]);
    }
    free(names);
    return nn;
}

static void load_corpus(void)
{
    if (corpus)
        return;
    size_t nv = load_dir("valid", 1);
    size_t ni = load_dir("invalid", 0);
    ck_assert_uint_ge(nv, 40);
    ck_assert_uint_ge(ni, 60);
}

START_TEST(test_corpus_verdicts)
{
    load_corpus();
    size_t nvalid = 0, ninvalid = 0;
    for (size_t i = 0; i < ncorpus; i++) {
        const corpus_file *cf = &corpus[i];
        ug_record rec = { 0 };
        ug_error err = { UG_OK, NULL, (size_t)-1 };
        ug_status st = ug_record_parse(&rec, cf->data, cf->len, UG_JSON_MAX_DEPTH, &err);
        if (cf->valid) {
            ck_assert_msg(st == UG_OK, "%s: rejected: %s at offset %zu", cf->name,
                          err.msg ? err.msg : "?", err.offset);
            nvalid++;
        } else {
            ck_assert_msg(st == UG_EJSON, "%s: status %d, expected UG_EJSON", cf->name, (int)st);
            ck_assert_int_eq(err.code, UG_EJSON);
            ck_assert_msg(err.msg != NULL && err.msg[0] != 0, "%s: no message", cf->name);
            ck_assert_msg(err.offset <= cf->len, "%s: error offset %zu beyond input of %zu bytes",
                          cf->name, err.offset, cf->len);
            ninvalid++;
        }
        ug_record_free(&rec);
    }
    printf("corpus: %zu valid and %zu invalid files checked\n", nvalid, ninvalid);
}
END_TEST

/* Returns the corpus file with the given name (e.g. "valid/depth_512.json"). */
static const corpus_file *corpus_get(const char *name)
{
    load_corpus();
    for (size_t i = 0; i < ncorpus; i++)
        if (strcmp(corpus[i].name, name) == 0)
            return &corpus[i];
    ck_abort_msg("corpus file %s missing", name);
    return NULL;
}

START_TEST(test_depth_limit)
{
    const corpus_file *ok = corpus_get("valid/depth_512.json");
    const corpus_file *bad = corpus_get("invalid/depth_513.json");
    ug_record rec = { 0 };
    ug_error err;
    ck_assert_int_eq(ug_record_parse(&rec, ok->data, ok->len, 512, &err), UG_OK);
    ck_assert_int_eq(ug_record_parse(&rec, ok->data, ok->len, 0, &err), UG_OK);
    ck_assert_int_eq(ug_record_parse(&rec, ok->data, ok->len, 511, &err), UG_EJSON);
    ck_assert_int_eq(ug_record_parse(&rec, bad->data, bad->len, 512, &err), UG_EJSON);
    ck_assert_uint_le(err.offset, bad->len);
    ck_assert_int_eq(ug_record_parse(&rec, bad->data, bad->len, 0, &err), UG_EJSON);
    ck_assert_int_eq(ug_record_parse(&rec, bad->data, bad->len, 513, &err), UG_OK);
    /* the top object counts as one level */
    ck_assert_int_eq(ug_record_parse(&rec, "{}", 2, 1, &err), UG_OK);
    ck_assert_int_eq(ug_record_parse(&rec, "{\"a\":[]}", 8, 1, &err), UG_EJSON);
    ck_assert_int_eq(ug_record_parse(&rec, "{\"a\":[]}", 8, 2, &err), UG_OK);
    ug_record_free(&rec);
}
END_TEST

/* ---- parser details --------------------------------------------------------- */

START_TEST(test_parse_members)
{
    static const char in[] = " {\"s\" : \"x\\n\" ,\"n\":-1.5e3,\"t\":true,\"f\":false,"
                             "\"z\":null,\"a\":[1, {}],\"o\":{\"k\":[]}}\r\n";
    ug_record rec = { 0 };
    parse_ok(&rec, in);
    ck_assert_uint_eq(rec.n, 7);
    static const struct { const char *key, *val; ug_json_type type; } want[] = {
        { "\"s\"", "\"x\\n\"", UG_JSON_STRING }, { "\"n\"", "-1.5e3", UG_JSON_NUMBER },
        { "\"t\"", "true", UG_JSON_TRUE },       { "\"f\"", "false", UG_JSON_FALSE },
        { "\"z\"", "null", UG_JSON_NULL },       { "\"a\"", "[1, {}]", UG_JSON_ARRAY },
        { "\"o\"", "{\"k\":[]}", UG_JSON_OBJECT },
    };
    for (size_t i = 0; i < rec.n; i++) {
        ck_assert_uint_eq(rec.m[i].key_len, strlen(want[i].key));
        ck_assert_mem_eq(rec.m[i].key, want[i].key, rec.m[i].key_len);
        ck_assert_uint_eq(rec.m[i].val_len, strlen(want[i].val));
        ck_assert_mem_eq(rec.m[i].val, want[i].val, rec.m[i].val_len);
        ck_assert_int_eq(rec.m[i].type, want[i].type);
        /* tokens borrow the input */
        ck_assert(rec.m[i].key > in && rec.m[i].key < in + sizeof in);
        ck_assert(rec.m[i].val > in && rec.m[i].val < in + sizeof in);
    }
    /* parsing again discards the previous content */
    parse_ok(&rec, "{\"only\":1}");
    ck_assert_uint_eq(rec.n, 1);
    parse_ok(&rec, "{}");
    ck_assert_uint_eq(rec.n, 0);
    ug_record_free(&rec);
    ck_assert_ptr_null(rec.m);
    ck_assert_uint_eq(rec.n, 0);
    ug_record_free(&rec);
    ug_record_free(NULL);
}
END_TEST

START_TEST(test_parse_many_members)
{
    ug_buf in = { 0 };
    ck_assert_int_eq(ug_buf_putc(&in, '{'), UG_OK);
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(ug_buf_printf(&in, "%s\"k%d\":%d", i ? "," : "", i, i), UG_OK);
    ck_assert_int_eq(ug_buf_putc(&in, '}'), UG_OK);
    ug_record rec = { 0 };
    parse_ok(&rec, in.data);
    ck_assert_uint_eq(rec.n, 1000);
    ck_assert_int_eq(ug_record_find(&rec, "k0"), 0);
    ck_assert_int_eq(ug_record_find(&rec, "k999"), 999);
    ck_assert_int_eq(ug_record_find(&rec, "k1000"), -1);
    ug_record_free(&rec);
    ug_buf_free(&in);
}
END_TEST

/* Parses s (length n) expecting UG_EJSON with the error at offset off
 * ((size_t)-1: anywhere within the input). */
static void parse_bad(const char *s, size_t n, size_t off)
{
    ug_record rec = { 0 };
    ug_error err = { UG_OK, NULL, (size_t)-1 };
    ug_status st = ug_record_parse(&rec, s, n, 0, &err);
    ck_assert_msg(st == UG_EJSON, "%s accepted", show(s, n));
    ck_assert_int_eq(err.code, UG_EJSON);
    ck_assert_ptr_nonnull(err.msg);
    ck_assert_uint_le(err.offset, n);
    if (off != (size_t)-1)
        ck_assert_msg(err.offset == off, "%s: error at %zu (%s), expected %zu",
                      show(s, n), err.offset, err.msg, off);
    ug_record_free(&rec);
}
#define BAD(lit, off) parse_bad(lit, sizeof(lit) - 1, off)

START_TEST(test_parse_error_offsets)
{
    BAD("", 0);
    BAD("   ", 3);
    BAD("[]", 0);
    BAD("{}x", 2);
    BAD("{} {}", 3);
    BAD("{\"a\":01}", 6);
    BAD("{\"a\":1,}", 7);
    BAD("{\"a\" 1}", 5);
    BAD("{\"a\":}", 5);
    BAD("{a:1}", 1);
    BAD("{\"s\":\"\x80\"}", 6);
    BAD("{\"s\":\"a\x01\"}", 7);
    BAD("{\"s\":\"a\0\"}", 7);
    BAD("{\"s\":\"\\x\"}", 7);
    BAD("{\"s\":\"abc", 9);
    BAD("{\"a\":1", 6);
    BAD("{\"a\":tru}", 5);
    BAD("{\"a\":[1 2]}", 8);
    BAD("{\"s\":\"\\ud800\"}", (size_t)-1);
    BAD("{\"s\":\"\\udc00\"}", (size_t)-1);
    BAD("{\"s\":\"\\ud800\\u0041\"}", (size_t)-1);
    BAD("{\"s\":\"\\u12\"}", (size_t)-1);
    BAD("{\"s\":\"\\", 7);
    BAD("{}\0", 2);
    BAD("\0{}", 0);
    BAD("{\"a\":1}\x0c", 7);
}
END_TEST

START_TEST(test_parse_enomem)
{
    ug_record rec = { 0 };
    ug_error err = { 0 };
    ug_alloc_fail_after(0);
    ug_status st = ug_record_parse(&rec, "{\"a\":1}", 7, 0, &err);
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(st, UG_ENOMEM);
    ck_assert_int_eq(err.code, UG_ENOMEM);
    ug_record_free(&rec);

    /* growth of the member array fails on the ninth member */
    static const char nine[] = "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9}";
    ug_alloc_fail_after(1);
    st = ug_record_parse(&rec, nine, sizeof nine - 1, 0, &err);
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(st, UG_ENOMEM);
    ug_record_free(&rec);
    /* an empty object needs no allocation */
    ug_alloc_fail_after(0);
    st = ug_record_parse(&rec, "{}", 2, 0, &err);
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(st, UG_OK);
    parse_ok(&rec, nine);
    ck_assert_uint_eq(rec.n, 9);
    ug_record_free(&rec);
}
END_TEST

START_TEST(test_decode_string)
{
    static const char tok[] = "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u00C9\\u20AC"
                              "\\ud83d\\ude00\\uDBFF\\uDFFF\\u0000z\"";
    static const char want[] = "q\" b\\ s/ \b\f\n\r\t A\xC3\xA9\xC3\x89\xE2\x82\xAC"
                               "\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\0z";
    ug_record rec = { 0 };
    ug_buf in = { 0 }, out = { 0 };
    ck_assert_int_eq(ug_buf_printf(&in, "{\"s\":%s}", tok), UG_OK);
    parse_ok(&rec, in.data);
    ck_assert_uint_eq(rec.m[0].val_len, sizeof tok - 1);
    decode(rec.m[0].val, rec.m[0].val_len, &out);
    ck_assert_uint_eq(out.len, sizeof want - 1);
    ck_assert_mem_eq(out.data, want, out.len);
    /* decoding appends */
    ck_assert_int_eq(ug_json_decode_string("\"ab\"", 4, &out), UG_OK);
    ck_assert_uint_eq(out.len, sizeof want + 1);
    ck_assert_mem_eq(out.data + sizeof want - 1, "ab", 2);
    /* the empty string */
    ug_buf_clear(&out);
    ck_assert_int_eq(ug_json_decode_string("\"\"", 2, &out), UG_OK);
    ck_assert_uint_eq(out.len, 0);
    /* raw UTF-8 passes unchanged */
    decode("\"\xE4\xB8\xAD\x7F\"", 6, &out);
    ck_assert_uint_eq(out.len, 4);
    ck_assert_mem_eq(out.data, "\xE4\xB8\xAD\x7F", 4);
    ug_buf_free(&out);
    ug_buf_free(&in);
    ug_record_free(&rec);
}
END_TEST

START_TEST(test_utf8_valid_prefix)
{
    static const struct { const char *s; size_t n, want; } cases[] = {
        { "", 0, 0 },
        { "plain ascii text, long enough for the fast path", 48, 48 },
        { "\xC3\xA9", 2, 2 },
        { "\xE2\x82\xAC", 3, 3 },
        { "\xF0\x9F\x98\x80", 4, 4 },
        { "\xF4\x8F\xBF\xBF", 4, 4 },
        { "\xEF\xBF\xBF", 3, 3 },
        { "\xED\x9F\xBF", 3, 3 },
        { "abc\x80", 4, 3 },
        { "abc\xC0\x80", 5, 3 },
        { "abc\xC1\xBF", 5, 3 },
        { "\xE0\x80\xAF", 3, 0 },
        { "\xE0\x9F\xBF", 3, 0 },
        { "x\xED\xA0\x80", 4, 1 },
        { "x\xED\xBF\xBF", 4, 1 },
        { "\xF0\x8F\xBF\xBF", 4, 0 },
        { "\xF4\x90\x80\x80", 4, 0 },
        { "\xF5\x80\x80\x80", 4, 0 },
        { "\xFF", 1, 0 },
        { "ok\xE2\x82", 4, 2 },
        { "ok\xC3", 3, 2 },
        { "ok\xC3x", 4, 2 },
        { "12345678\xC3\xA9" "12345678\x80", 19, 18 },
        { "a\0b", 3, 3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(ug_utf8_valid_prefix(cases[i].s, cases[i].n) == cases[i].want,
                      "case %zu (%s): got %zu, want %zu", i, show(cases[i].s, cases[i].n),
                      ug_utf8_valid_prefix(cases[i].s, cases[i].n), cases[i].want);
}
END_TEST

/* ---- differential test against json-c ------------------------------------- */

/* json-c (strict mode, UTF-8 validation on) is a second opinion on what is
 * valid JSON. It knowingly differs from RFC 8259 in these classes, which are
 * detected lexically and left out of the comparison (each is counted):
 *  - KD_CTRL: raw control characters U+0001..U+001F inside strings are
 *    accepted by json-c;
 *  - KD_SURROGATE: lone or unpaired surrogate escapes (\ud800, \udc00,
 *    \ud800\u0041) are accepted by json-c and decoded to U+FFFD;
 *  - KD_UTF8: json-c's UTF-8 check only looks at the byte structure, so it
 *    accepts overlongs (C0 80, E0 80 80), encoded surrogates (ED A0 80) and
 *    values above U+10FFFF (F4 90.., F5..F7 leads);
 *  - KD_QUOTE: single-quoted object keys ({'a':1}) are accepted;
 *  - KD_NANINF: NaN, Infinity and -Infinity are accepted as numbers;
 *  - KD_NUMBER: json-c's number scanner accepts some non-RFC spellings:
 *    a '.' without following digit (1., 1.e5), a missing integer part
 *    after '-' (-.5) and some leading zeros (00, -01, -012.5).
 * One more difference only affects decoded values, so such inputs are still
 * compared for acceptance but not member by member (counted separately):
 *  - json-c decodes a valid surrogate pair escape to U+FFFD when the low 16
 *    bits of the resulting code point fall in D800..DFFF, e.g. \uD836\uDC00
 *    (U+1D800) or \uDBFF\uDC00 (U+10FC00): it checks the range after
 *    combining the pair.
 * Nesting: json-c's depth limit counts like ours, so both are set to 512.
 * NUL bytes: json-c stops at a NUL, which leaves the input partly unconsumed,
 * so such inputs are rejected by both. Duplicate keys: json-c keeps one member
 * per key, at the first position, with the last value. */
enum { KD_NONE, KD_CTRL, KD_SURROGATE, KD_UTF8, KD_QUOTE, KD_NANINF, KD_NUMBER, KD_COUNT };
static const char *const kd_names[KD_COUNT] = {
    "none", "raw control char in string", "unpaired surrogate escape",
    "structurally valid but non-RFC UTF-8", "single quotes", "NaN/Infinity",
    "lenient number spelling",
};

static int hexv(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Value of 4 hex digits at s[i..], or -1. */
static long hex4_at(const unsigned char *s, size_t n, size_t i)
{
    if (i + 4 > n)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexv(s[i + (size_t)k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Classifies a UTF-8 sequence at s: 0 = structurally broken, 1 = strictly
 * valid, 2 = well-formed structure but not RFC 3629. *len gets its length. */
static int utf8_class(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    size_t l;
    uint32_t cp;
    if (c >= 0xC0 && c <= 0xDF) { l = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { l = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF7) { l = 4; cp = c & 0x07; }
    else return 0;
    if (n < l)
        return 0;
    for (size_t k = 1; k < l; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    *len = l;
    static const uint32_t minv[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (cp < minv[l] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 2;
    return 1;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Returns the known-difference class of the input, or KD_NONE. Sets
 * *values_differ when json-c is known to decode some string differently. */
static int known_difference(const char *in, size_t n, int *values_differ)
{
    *values_differ = 0;
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == 0)
            return KD_NONE;     /* both stop here and reject */
        if (c == '"') {
            i++;
            while (i < n && s[i] != '"') {
                c = s[i];
                if (c == 0)
                    return KD_NONE;
                if (c < 0x20)
                    return KD_CTRL;
                if (c == '\\') {
                    if (i + 1 < n && s[i + 1] == 'u') {
                        long v = hex4_at(s, n, i + 2);
                        if (v >= 0xD800 && v <= 0xDBFF) {
                            long lo = -1;
                            if (i + 7 < n && s[i + 6] == '\\' && s[i + 7] == 'u')
                                lo = hex4_at(s, n, i + 8);
                            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                                long cp = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                                if ((cp & 0xFFFF) >= 0xD800 && (cp & 0xFFFF) <= 0xDFFF)
                                    *values_differ = 1;
                                i += 12;
                                continue;
                            }
                            return KD_SURROGATE;
                        }
                        if (v >= 0xDC00 && v <= 0xDFFF)
                            return KD_SURROGATE;
                    }
                    i += 2;
                    continue;
                }
                if (c >= 0x80) {
                    size_t l = 1;
                    int k = utf8_class(s + i, n - i, &l);
                    if (k == 2)
                        return KD_UTF8;
                    i += k ? l : 1;
                    continue;
                }
                i++;
            }
            i++;
            continue;
        }
        if (c == '\'')
            return KD_QUOTE;
        if (c == 'N' || c == 'I')
            return KD_NANINF;
        if (c == '-' || is_digit(c)) {
            size_t j = i;
            while (j < n && (is_digit(s[j]) || s[j] == '.' || s[j] == 'e' || s[j] == 'E' ||
                             s[j] == '+' || s[j] == '-'))
                j++;
            size_t k = i;
            if (s[k] == '-')
                k++;
            if (k < j && s[k] == '.')
                return KD_NUMBER;
            if (k + 1 < j && s[k] == '0' && is_digit(s[k + 1]))
                return KD_NUMBER;
            for (size_t m = i; m < j; m++)
                if (s[m] == '.' && (m + 1 >= j || !is_digit(s[m + 1])))
                    return KD_NUMBER;
            i = j;
            continue;
        }
        i++;
    }
    return KD_NONE;
}

/* Parses with json-c in strict mode; returns the object when the whole input
 * is one JSON object, else NULL. */
static json_object *jsonc_parse(const char *s, size_t n)
{
    static struct json_tokener *tok;    /* reused: creating one is costly */
    if (!tok) {
        tok = json_tokener_new_ex(UG_JSON_MAX_DEPTH);
        ck_assert_ptr_nonnull(tok);
        int flags = JSON_TOKENER_STRICT;
#ifdef JSON_TOKENER_VALIDATE_UTF8
        flags |= JSON_TOKENER_VALIDATE_UTF8;
#endif
        json_tokener_set_flags(tok, flags);
    }
    json_tokener_reset(tok);
    json_object *o = json_tokener_parse_ex(tok, s, (int)n);
    int ok = json_tokener_get_error(tok) == json_tokener_success &&
             json_tokener_get_parse_end(tok) == n &&
             o != NULL && json_object_is_type(o, json_type_object);
    if (!ok) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

typedef struct {
    size_t total, skipped[KD_COUNT], compared, both_accept, both_reject;
    size_t records_compared, nul_keys, plane_surrogates, strings_compared, mismatches;
} diff_stats;

/* json-c type expected for a member of our type. */
static int type_matches(ug_json_type t, json_object *v)
{
    enum json_type jt = json_object_get_type(v);
    switch (t) {
    case UG_JSON_NULL: return jt == json_type_null;
    case UG_JSON_TRUE: return jt == json_type_boolean && json_object_get_boolean(v);
    case UG_JSON_FALSE: return jt == json_type_boolean && !json_object_get_boolean(v);
    case UG_JSON_NUMBER: return jt == json_type_int || jt == json_type_double;
    case UG_JSON_STRING: return jt == json_type_string;
    case UG_JSON_ARRAY: return jt == json_type_array;
    case UG_JSON_OBJECT: return jt == json_type_object;
    }
    return 0;
}

/* Compares the members of an accepted record with json-c's object: keys in
 * order (one per distinct key), value types and decoded string values.
 * Returns NULL when equal, else a static description. */
static const char *compare_members(const ug_record *rec, json_object *o, diff_stats *st)
{
    static char why[256];
    size_t n = rec->n;
    ug_buf *keys = calloc(n ? n : 1, sizeof *keys);
    size_t *last = calloc(n ? n : 1, sizeof *last);    /* index of the last duplicate */
    size_t *first = calloc(n ? n : 1, sizeof *first);  /* distinct keys, first positions */
    size_t nd = 0;
    const char *res = NULL;
    ug_buf val = { 0 };
    REQUIRE(keys && last && first);
    for (size_t i = 0; i < n; i++) {
        decode(rec->m[i].key, rec->m[i].key_len, &keys[i]);
        if (memchr(keys[i].data, 0, keys[i].len)) {
            st->nul_keys++;     /* json-c keys are C strings: not comparable */
            goto done;
        }
        size_t d;
        for (d = 0; d < nd; d++)
            if (keys[first[d]].len == keys[i].len &&
                memcmp(keys[first[d]].data, keys[i].data, keys[i].len) == 0)
                break;
        if (d == nd)
            first[nd++] = i;
        last[d] = i;
    }
    if ((size_t)json_object_object_length(o) != nd) {
        snprintf(why, sizeof why, "member count %zu vs json-c %d", nd,
                 json_object_object_length(o));
        res = why;
        goto done;
    }
    size_t d = 0;
    json_object_object_foreach(o, jkey, jval) {
        const ug_buf *k = &keys[first[d]];
        const ug_json_member *m = &rec->m[last[d]];
        if (strlen(jkey) != k->len || memcmp(jkey, k->data, k->len) != 0) {
            snprintf(why, sizeof why, "member %zu key %s differs from json-c's", d,
                     show(k->data, k->len));
            res = why;
            goto done;
        }
        if (!type_matches(m->type, jval)) {
            snprintf(why, sizeof why, "member %zu type %d vs json-c %s", d, (int)m->type,
                     json_type_to_name(json_object_get_type(jval)));
            res = why;
            goto done;
        }
        if (m->type == UG_JSON_STRING) {
            decode(m->val, m->val_len, &val);
            const char *js = json_object_get_string(jval);
            size_t jl = (size_t)json_object_get_string_len(jval);
            if (jl != val.len || memcmp(js, val.data, jl) != 0) {
                snprintf(why, sizeof why, "member %zu string %s differs from json-c's", d,
                         show(val.data, val.len));
                res = why;
                goto done;
            }
            st->strings_compared++;
        }
        d++;
    }
    st->records_compared++;
done:
    for (size_t i = 0; i < n; i++)
        ug_buf_free(&keys[i]);
    free(keys);
    free(last);
    free(first);
    ug_buf_free(&val);
    return res;
}

/* Compares one input with json-c; records statistics, prints disagreements. */
static void differential_one(const char *s, size_t n, const char *label, diff_stats *st)
{
    st->total++;
    int values_differ;
    int kd = known_difference(s, n, &values_differ);
    if (kd != KD_NONE) {
        st->skipped[kd]++;
        return;
    }
    st->compared++;
    ug_record rec = { 0 };
    ug_error err;
    int ours = ug_record_parse(&rec, s, n, UG_JSON_MAX_DEPTH, &err) == UG_OK;
    json_object *o = jsonc_parse(s, n);
    int theirs = o != NULL;
    const char *why = NULL;
    if (ours != theirs) {
        why = ours ? "accepted here, rejected by json-c" : "rejected here, accepted by json-c";
    } else if (ours) {
        st->both_accept++;
        if (values_differ)
            st->plane_surrogates++;
        else
            why = compare_members(&rec, o, st);
    } else {
        st->both_reject++;
    }
    if (why) {
        if (st->mismatches < 20)
            fprintf(stderr, "differential mismatch (%s): %s: %s%s%s\n", label, why, show(s, n),
                    ours ? "" : " -- our error: ", ours ? "" : err.msg);
        st->mismatches++;
    }
    json_object_put(o);
    ug_record_free(&rec);
}

/* ---- generator of JSON-ish records ---------------------------------------- */

static unsigned g_bad;      /* percent chance of a defect at each site */

static void put(ug_buf *b, const char *s) { REQUIRE(ug_buf_puts(b, s) == UG_OK); }
static void putn(ug_buf *b, const char *s, size_t n) { REQUIRE(ug_buf_append(b, s, n) == UG_OK); }
static void putch(ug_buf *b, int c) { REQUIRE(ug_buf_putc(b, c) == UG_OK); }

static const char *pick(const char *const *list, size_t n) { return list[rnd(n)]; }
#define PICK(list) pick(list, sizeof list / sizeof list[0])

static void gen_ws(ug_buf *b)
{
    static const char *const ws[] = { " ", "\t", "\n", "\r", "  ", " \r\n\t", "\r\n" };
    static const char *const badws[] = { "\f", "\v", "\xC2\xA0", "\xEF\xBB\xBF", "/**/", "//\n" };
    if (chance(g_bad))
        put(b, PICK(badws));
    else if (chance(25))
        put(b, PICK(ws));
}

/* Writes a random Unicode scalar value as raw UTF-8. */
static void gen_utf8_char(ug_buf *b)
{
    uint32_t cp;
    switch (rnd(3)) {
    case 0: cp = 0x80 + (uint32_t)rnd(0x800 - 0x80); break;
    case 1:
        do cp = 0x800 + (uint32_t)rnd(0x10000 - 0x800); while (cp >= 0xD800 && cp <= 0xDFFF);
        break;
    default: cp = 0x10000 + (uint32_t)rnd(0x110000 - 0x10000); break;
    }
    REQUIRE(ug_buf_put_utf8(b, cp) == UG_OK);
}

static void gen_hex4(ug_buf *b, unsigned v)
{
    const char *digits = chance(50) ? "0123456789abcdef" : "0123456789ABCDEF";
    putch(b, '\\');
    putch(b, 'u');
    for (int sh = 12; sh >= 0; sh -= 4)
        putch(b, digits[(v >> sh) & 15]);
}

static void gen_string_body(ug_buf *b)
{
    static const char *const esc[] = { "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t" };
    static const char *const bad[] = {
        "\\ud800", "\\udc00", "\\udbff\\u0041", "\x01", "\t", "\n", "\x1f", "\\x", "\\u12",
        "\\uzzzz", "\\U0041", "\\'", "\xC0\x80", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF5\x80\x80\x80", "\xE2\x82", "\x80", "\xFF", "\xF8\x88\x80\x80\x80", "\\", "\\u",
        "\\ud83d\\u", "\\ud83d\\", "\xC3", "\xF0\x9F\x98",
    };
    size_t len = rnd(4) == 0 ? rnd(40) : rnd(8);
    for (size_t i = 0; i < len; i++) {
        if (chance(g_bad)) {
            put(b, PICK(bad));
            continue;
        }
        switch (rnd(10)) {
        case 0: case 1: case 2: case 3: {
            int c;
            do c = 0x20 + (int)rnd(0x5F); while (c == '"' || c == '\\');
            putch(b, c);
            break;
        }
        case 4: put(b, PICK(esc)); break;
        case 5: {
            unsigned v;
            do v = rnd(4) ? (unsigned)rnd(0x100) : (unsigned)rnd(0x10000);
            while (v >= 0xD800 && v <= 0xDFFF);
            gen_hex4(b, v);
            break;
        }
        case 6: {
            /* mostly avoid pairs json-c decodes wrongly (see above) */
            unsigned cp;
            do cp = 0x10000 + (unsigned)rnd(0x100000);
            while ((cp & 0xFFFF) >= 0xD800 && (cp & 0xFFFF) <= 0xDFFF && rnd(20));
            gen_hex4(b, 0xD800 + ((cp - 0x10000) >> 10));
            gen_hex4(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
            break;
        }
        case 7: case 8: gen_utf8_char(b); break;
        default: putch(b, chance(50) ? 0x7F : ' '); break;
        }
    }
}

static void gen_string(ug_buf *b)
{
    if (chance(g_bad)) {
        putch(b, '\'');
        gen_string_body(b);
        putch(b, '\'');
        return;
    }
    putch(b, '"');
    gen_string_body(b);
    if (!chance(g_bad))
        putch(b, '"');
}

static void gen_key(ug_buf *b)
{
    static const char *const common[] = {
        "\"text\"", "\"id\"", "\"ug\"", "\"\"", "\"a\"", "\"te\\u0078t\"", "\"\\u0061\"", "\"b\"",
    };
    if (chance(g_bad)) {
        static const char *const bad[] = { "a", "1", "'a'", "null", "{}", "[]", "\"a", "" };
        put(b, PICK(bad));
    } else if (chance(40)) {
        put(b, PICK(common));
    } else {
        gen_string(b);
    }
}

static void gen_digits(ug_buf *b, int nonzero_first)
{
    size_t n = 1 + (rnd(3) ? rnd(3) : rnd(25));
    for (size_t i = 0; i < n; i++)
        putch(b, '0' + (int)(i == 0 && nonzero_first ? 1 + rnd(9) : rnd(10)));
}

static void gen_number(ug_buf *b)
{
    if (chance(g_bad)) {
        static const char *const bad[] = {
            "01", "-", "1.", "-.5", ".5", "+1", "1e", "1e+", "0x10", "1.e3", "00", "-01", "1..2",
            "--1", "1e5.5", "Infinity", "NaN", "-Infinity", "1E", "-0.", "0.e1", "1ee2", "1e+-2",
            "- 1", "1 .5", "-a", "1a",
        };
        put(b, PICK(bad));
        return;
    }
    if (chance(30))
        putch(b, '-');
    if (chance(30))
        putch(b, '0');
    else
        gen_digits(b, 1);
    if (chance(30)) {
        putch(b, '.');
        gen_digits(b, 0);
    }
    if (chance(25)) {
        putch(b, chance(50) ? 'e' : 'E');
        if (chance(50))
            putch(b, chance(50) ? '+' : '-');
        gen_digits(b, 0);
    }
}

static void gen_value(ug_buf *b, unsigned depth);

static void gen_container(ug_buf *b, unsigned depth, int is_obj)
{
    putch(b, is_obj ? '{' : '[');
    gen_ws(b);
    size_t n = rnd(3) == 0 ? rnd(12) : rnd(4);
    if (chance(g_bad))
        putch(b, ',');
    for (size_t i = 0; i < n; i++) {
        if (i) {
            gen_ws(b);
            if (!chance(g_bad))
                putch(b, ',');
            gen_ws(b);
        }
        if (is_obj) {
            gen_key(b);
            gen_ws(b);
            if (!chance(g_bad))
                putch(b, chance(g_bad) ? '=' : ':');
            gen_ws(b);
        }
        if (!chance(g_bad))
            gen_value(b, depth + 1);
    }
    if (n && chance(g_bad))
        putch(b, ',');
    gen_ws(b);
    if (chance(g_bad))
        putch(b, is_obj ? ']' : '}');
    else if (!chance(g_bad))
        putch(b, is_obj ? '}' : ']');
}

static void gen_value(ug_buf *b, unsigned depth)
{
    size_t k = rnd(depth < 6 ? 10 : 6);
    switch (k) {
    case 0: case 1: case 2: gen_string(b); break;
    case 3: case 4: gen_number(b); break;
    case 5: {
        static const char *const lit[] = { "true", "false", "null" };
        static const char *const bad[] = { "tru", "True", "nul", "NULL", "falsey", "t", "nulll" };
        put(b, chance(g_bad) ? PICK(bad) : PICK(lit));
        break;
    }
    case 6: case 7: gen_container(b, depth, 0); break;
    default: gen_container(b, depth, 1); break;
    }
}

/* Generates one record-like line into b (cleared first). */
static void gen_record(ug_buf *b)
{
    ug_buf_clear(b);
    gen_ws(b);
    if (chance(g_bad ? 5 : 0))
        gen_value(b, 1);
    else
        gen_container(b, 1, 1);
    gen_ws(b);
    if (chance(g_bad)) {
        static const char *const tail[] = { "x", "{}", ",", "}", "]", "\0", "//c", "#", "0" };
        const char *t = PICK(tail);
        putn(b, t, t[0] ? strlen(t) : 1);
    }
}

/* Applies a few random byte-level mutations to b. */
static void mutate(ug_buf *b)
{
    static const char alphabet[] = "{}[]\",:\\/ 0123456789eE+-.tfnul'xu\t\n\r";
    static const char *const snippets[] = {
        "true", "\\u", "\"", "]", "}", ",", ":", "\\ud800", "\xC0\x80", "1e", "-", "0", ".",
        "\\ud83d\\ude00", "\xE2\x82\xAC", "{\"a\":", "[", "null", "\\\"", "\x7F", "\xED\xA0\x80",
    };
    size_t nm = 1 + rnd(3);
    for (size_t m = 0; m < nm; m++) {
        size_t len = b->len;
        size_t pos = len ? rnd(len) : 0;
        ug_buf tmp = { 0 };
        switch (rnd(7)) {
        case 0:     /* delete a byte */
            if (len) {
                memmove(b->data + pos, b->data + pos + 1, len - pos - 1);
                b->len--;
                b->data[b->len] = 0;
            }
            break;
        case 1:     /* replace a byte */
            if (len)
                b->data[pos] = rnd(4) ? alphabet[rnd(sizeof alphabet - 1)] : (char)rnd(256);
            break;
        case 2:     /* insert a byte */
        case 3: {   /* insert a snippet */
            char one = rnd(4) ? alphabet[rnd(sizeof alphabet - 1)] : (char)rnd(256);
            const char *ins = &one;
            size_t il = 1;
            if (rnd(2)) {
                ins = PICK(snippets);
                il = strlen(ins);
            }
            putn(&tmp, b->data, pos);
            putn(&tmp, ins, il);
            putn(&tmp, b->data + pos, len - pos);
            ug_buf_clear(b);
            putn(b, tmp.data, tmp.len);
            break;
        }
        case 4:     /* truncate */
            if (len) {
                b->len = pos;
                b->data[pos] = 0;
            }
            break;
        case 5: {   /* duplicate a slice */
            if (!len)
                break;
            size_t sl = 1 + rnd(len - pos < 16 ? len - pos : 16);
            size_t at = rnd(len + 1);
            putn(&tmp, b->data, at);
            putn(&tmp, b->data + pos, sl);
            putn(&tmp, b->data + at, len - at);
            ug_buf_clear(b);
            putn(b, tmp.data, tmp.len);
            break;
        }
        default:    /* swap two bytes */
            if (len > 1) {
                size_t q = rnd(len);
                char c = b->data[pos];
                b->data[pos] = b->data[q];
                b->data[q] = c;
            }
            break;
        }
        ug_buf_free(&tmp);
    }
}

#define N_GENERATED 10000
#define N_MUTATED 10000

START_TEST(test_differential_jsonc)
{
    load_corpus();
    diff_stats st;
    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < ncorpus; i++)
        differential_one(corpus[i].data, corpus[i].len, corpus[i].name, &st);
    diff_stats corpus_st = st;

    ug_buf b = { 0 };
    rng_state = 0x5DEECE66Dull;
    for (int i = 0; i < N_GENERATED; i++) {
        g_bad = i % 3 ? 0 : 1 + (unsigned)rnd(6);
        gen_record(&b);
        differential_one(b.data, b.len, "generated", &st);
    }
    for (int i = 0; i < N_MUTATED; i++) {
        if (i % 4 == 0) {
            const corpus_file *cf = &corpus[rnd(ncorpus)];
            ug_buf_clear(&b);
            putn(&b, cf->data, cf->len);
        } else {
            g_bad = 0;
            gen_record(&b);
        }
        mutate(&b);
        differential_one(b.data, b.len, "mutated", &st);
    }
    ug_buf_free(&b);

    printf("differential vs json-c: corpus %zu files (%zu compared); total %zu inputs, "
           "%zu compared (%zu accepted by both, %zu rejected by both), %zu records with "
           "identical members, %zu string values compared; members not compared: %zu with "
           "NUL in keys, %zu with pairs json-c decodes to U+FFFD\n",
           corpus_st.total, corpus_st.compared, st.total, st.compared, st.both_accept,
           st.both_reject, st.records_compared, st.strings_compared, st.nul_keys,
           st.plane_surrogates);
    for (int k = 1; k < KD_COUNT; k++)
        printf("  skipped (known json-c difference: %s): %zu\n", kd_names[k], st.skipped[k]);
    ck_assert_msg(st.mismatches == 0, "%zu disagreements with json-c (see stderr)", st.mismatches);
    /* the comparison must be meaningful */
    ck_assert_uint_ge(st.compared, 15000);
    ck_assert_uint_ge(st.both_accept, 5000);
    ck_assert_uint_ge(st.both_reject, 5000);
}
END_TEST

/* ---- pass-through and writing ------------------------------------------------ */

/* Parses in, writes it back with the given fields and compares with want. */
static void write_case(const char *in, const ug_field *top, size_t ntop,
                       const ug_field *ugf, size_t nug, const char *want)
{
    ug_record rec = { 0 };
    ug_buf out = { 0 };
    parse_ok(&rec, in);
    ck_assert_int_eq(ug_record_write(&out, &rec, top, ntop, ugf, nug), UG_OK);
    ck_assert_msg(out.len == strlen(want) && memcmp(out.data, want, out.len) == 0,
                  "wrote %s", show(out.data, out.len));
    /* the output is itself a valid record */
    ug_record again = { 0 };
    ug_error err;
    ck_assert_int_eq(ug_record_parse(&again, out.data, out.len - 1, 0, &err), UG_OK);
    ug_record_free(&again);
    ug_record_free(&rec);
    ug_buf_free(&out);
}

START_TEST(test_passthrough_exact)
{
    static const char *const same[] = {
        "{}",
        "{\"id\":\"d1\",\"n\":1.0e+02,\"m\":-0,\"big\":123456789012345678901234567890,"
        "\"s\":\"a\\u00e9\\n\\\"\\/\\ud83d\\ude00\",\"raw\":\"\xC3\xA9\"}",
        "{\"arr\":[1, 2 ,{\"x\" : null}],\"o\":{},\"t\":true,\"f\":false,\"z\":null}",
        "{\"dup\":1,\"dup\":2,\"\":\"\",\"te\\u0078t\":\"k\"}",
        "{\"e\":1E-7,\"f\":0.000,\"g\":-12.50e+0010}",
    };
    char want[1024];
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        snprintf(want, sizeof want, "%s\n", same[i]);
        write_case(same[i], NULL, 0, NULL, 0, want);
    }
    /* whitespace between top-level tokens goes; tokens stay byte for byte */
    write_case(" {\t\"a\" : 1 ,\r\n \"b\" : [ 1 , 2 ] , \"c\":{ \"d\" : \"\\t\" } } \n", NULL, 0, NULL, 0,
               "{\"a\":1,\"b\":[ 1 , 2 ],\"c\":{ \"d\" : \"\\t\" }}\n");
}
END_TEST

START_TEST(test_passthrough_corpus)
{
    /* every valid corpus record written back re-parses to identical tokens */
    load_corpus();
    ug_buf out = { 0 };
    for (size_t i = 0; i < ncorpus; i++) {
        if (!corpus[i].valid)
            continue;
        ug_record rec = { 0 }, again = { 0 };
        ug_error err;
        ck_assert_int_eq(ug_record_parse(&rec, corpus[i].data, corpus[i].len, 0, &err), UG_OK);
        ug_buf_clear(&out);
        ck_assert_int_eq(ug_record_write(&out, &rec, NULL, 0, NULL, 0), UG_OK);
        ck_assert_int_eq(out.data[out.len - 1], '\n');
        /* no newline inside the line (top-level whitespace is dropped) */
        ck_assert_ptr_null(memchr(out.data, '\n', out.len - 1));
        ck_assert_msg(ug_record_parse(&again, out.data, out.len - 1, 0, &err) == UG_OK,
                      "%s: output does not parse", corpus[i].name);
        ck_assert_uint_eq(again.n, rec.n);
        for (size_t k = 0; k < rec.n; k++) {
            ck_assert_uint_eq(again.m[k].key_len, rec.m[k].key_len);
            ck_assert_mem_eq(again.m[k].key, rec.m[k].key, rec.m[k].key_len);
            ck_assert_uint_eq(again.m[k].val_len, rec.m[k].val_len);
            ck_assert_mem_eq(again.m[k].val, rec.m[k].val, rec.m[k].val_len);
            ck_assert_int_eq(again.m[k].type, rec.m[k].type);
        }
        ug_record_free(&rec);
        ug_record_free(&again);
    }
    ug_buf_free(&out);
}
END_TEST

/* Asserts that ug_record_parse_valid() finds the members of the valid
 * object s[0..len) exactly as ug_record_parse() does, and likewise for
 * the value of each member that is an object. */
static void check_parse_valid(const char *s, size_t len, int depth_left)
{
    ug_record rec = { 0 }, fast = { 0 };
    ug_error err;
    ck_assert_int_eq(ug_record_parse(&rec, s, len, 0, &err), UG_OK);
    ck_assert_int_eq(ug_record_parse_valid(&fast, s, len), UG_OK);
    ck_assert_uint_eq(fast.n, rec.n);
    for (size_t k = 0; k < rec.n; k++) {
        ck_assert_uint_eq(fast.m[k].key_len, rec.m[k].key_len);
        ck_assert_ptr_eq(fast.m[k].key, rec.m[k].key);
        ck_assert_uint_eq(fast.m[k].val_len, rec.m[k].val_len);
        ck_assert_ptr_eq(fast.m[k].val, rec.m[k].val);
        ck_assert_int_eq(fast.m[k].type, rec.m[k].type);
        if (rec.m[k].type == UG_JSON_OBJECT && depth_left > 0)
            check_parse_valid(rec.m[k].val, rec.m[k].val_len, depth_left - 1);
    }
    ug_record_free(&rec);
    ug_record_free(&fast);
}

START_TEST(test_parse_valid_corpus)
{
    /* on every valid corpus record (and its object members), the parser of
       validated bytes finds the same members as the checking one */
    load_corpus();
    for (size_t i = 0; i < ncorpus; i++)
        if (corpus[i].valid)
            check_parse_valid(corpus[i].data, corpus[i].len, 8);
    static const char *const extra[] = {
        " {\"a\\\"\":\"x\\\\\",\"b\":[1,{\"c\":\"]\\\"}\"}],\"d\" : -1.5e3 , \"e\":null} ",
        "{}", "{ }", "{\"k\":true,\"l\":false,\"m\":{\"n\":{}}}",
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        check_parse_valid(extra[i], strlen(extra[i]), 8);
    /* nesting: the limit of ug_record_parse() holds */
    ug_record fast = { 0 };
    ug_buf deep = { 0 };
    ug_buf_puts(&deep, "{\"a\":");
    for (int k = 0; k < UG_JSON_MAX_DEPTH; k++)
        ug_buf_putc(&deep, '[');
    for (int k = 0; k < UG_JSON_MAX_DEPTH; k++)
        ug_buf_putc(&deep, ']');
    ug_buf_putc(&deep, '}');
    ck_assert_int_eq(ug_record_parse_valid(&fast, deep.data, deep.len), UG_EJSON);
    ug_buf_free(&deep);
    ug_record_free(&fast);
}
END_TEST

START_TEST(test_replace_text)
{
    const ug_field text = { "text", "\"new\"", 5 };
    write_case("{\"id\":7,\"text\":\"old \\u00e9\",\"x\":[1]}", &text, 1, NULL, 0,
               "{\"id\":7,\"text\":\"new\",\"x\":[1]}\n");
    /* an escaped key matches by its decoded value and keeps its spelling */
    write_case("{\"te\\u0078t\":\"old\",\"n\":1.50}", &text, 1, NULL, 0,
               "{\"te\\u0078t\":\"new\",\"n\":1.50}\n");
    /* a field that is absent is appended */
    write_case("{\"id\":7}", &text, 1, NULL, 0, "{\"id\":7,\"text\":\"new\"}\n");
    /* several fields: replaced in place or appended in field order */
    const ug_field two[] = { { "lang", "\"en\"", 4 }, { "text", "\"t\"", 3 } };
    write_case("{\"text\":\"a\",\"id\":1}", two, 2, NULL, 0,
               "{\"text\":\"t\",\"id\":1,\"lang\":\"en\"}\n");
    /* keys of new fields are escaped */
    const ug_field odd = { "a\"b\\c\n", "1", 1 };
    write_case("{}", &odd, 1, NULL, 0, "{\"a\\\"b\\\\c\\n\":1}\n");
}
END_TEST

START_TEST(test_ug_merge)
{
    const ug_field norm = { "norm", "{\"nfc\":3}", 9 };
    /* an existing subkey is replaced, the others stay byte for byte in order */
    write_case("{\"text\":\"x\",\"ug\":{\"keep\":[1, 2],\"norm\":{\"old\":true},\"z\":\"\\u00e9\"},\"after\":1}",
               NULL, 0, &norm, 1,
               "{\"text\":\"x\",\"ug\":{\"keep\":[1, 2],\"norm\":{\"nfc\":3},\"z\":\"\\u00e9\"},\"after\":1}\n");
    /* an absent subkey is appended inside the existing object */
    const ug_field score = { "score", "0.50", 4 };
    write_case("{\"ug\":{\"keep\":1.0e+02},\"text\":\"x\"}", NULL, 0, &score, 1,
               "{\"ug\":{\"keep\":1.0e+02,\"score\":0.50},\"text\":\"x\"}\n");
    /* an empty "ug" object */
    write_case("{\"ug\":{ }}", NULL, 0, &score, 1, "{\"ug\":{\"score\":0.50}}\n");
    /* "ug" absent: appended last, after appended top fields */
    const ug_field lang = { "lang", "\"en\"", 4 };
    const ug_field both[] = { { "kind", "\"body\"", 6 }, { "norm", "{}", 2 } };
    write_case("{\"text\":\"x\",\"id\":1}", &lang, 1, both, 2,
               "{\"text\":\"x\",\"id\":1,\"lang\":\"en\",\"ug\":{\"kind\":\"body\",\"norm\":{}}}\n");
    /* an escaped "ug" key is recognised */
    write_case("{\"\\u0075g\":{\"a\":1}}", NULL, 0, &score, 1,
               "{\"\\u0075g\":{\"a\":1,\"score\":0.50}}\n");
    /* without annotations "ug" is left exactly as it is, even with top fields */
    write_case("{\"ug\":{\"a\" : 1},\"text\":\"x\"}", &lang, 1, NULL, 0,
               "{\"ug\":{\"a\" : 1},\"text\":\"x\",\"lang\":\"en\"}\n");
}
END_TEST

START_TEST(test_write_new_record)
{
    ug_buf out = { 0 };
    ck_assert_int_eq(ug_record_write(&out, NULL, NULL, 0, NULL, 0), UG_OK);
    ck_assert_str_eq(out.data, "{}\n");
    ug_buf_clear(&out);
    const ug_field top[] = { { "text", "\"hi\"", 4 }, { "id", "1", 1 } };
    const ug_field ugf[] = { { "kind", "\"body\"", 6 } };
    ck_assert_int_eq(ug_record_write(&out, NULL, top, 2, ugf, 1), UG_OK);
    ck_assert_str_eq(out.data, "{\"text\":\"hi\",\"id\":1,\"ug\":{\"kind\":\"body\"}}\n");
    /* appends to what the buffer holds */
    ck_assert_int_eq(ug_record_write(&out, NULL, NULL, 0, ugf, 1), UG_OK);
    ck_assert_str_eq(out.data, "{\"text\":\"hi\",\"id\":1,\"ug\":{\"kind\":\"body\"}}\n"
                               "{\"ug\":{\"kind\":\"body\"}}\n");
    ug_buf_free(&out);

    /* more fields than fit the writer's small bookkeeping array */
    ug_field many[100];
    char names[100][8];
    for (int i = 0; i < 100; i++) {
        snprintf(names[i], sizeof names[i], "f%d", i);
        many[i].key = names[i];
        many[i].json = "0";
        many[i].json_len = 1;
    }
    ug_record rec = { 0 };
    parse_ok(&rec, "{\"f50\":\"x\",\"g\":1}");
    ck_assert_int_eq(ug_record_write(&out, &rec, many, 100, many, 100), UG_OK);
    ug_record again = { 0 };
    ug_error err;
    ck_assert_int_eq(ug_record_parse(&again, out.data, out.len - 1, 0, &err), UG_OK);
    ck_assert_uint_eq(again.n, 1 + 1 + 99 + 1);
    ck_assert_int_eq(ug_record_find(&again, "f50"), 0);
    ck_assert_int_eq(ug_record_find(&again, "g"), 1);
    ck_assert_int_eq(ug_record_find(&again, "ug"), 101);
    ug_record_free(&again);
    ug_record_free(&rec);
    ug_buf_free(&out);
}
END_TEST

START_TEST(test_write_enomem)
{
    /* every allocation of a merge may fail; the result is UG_ENOMEM, never a
     * crash, and the first run that gets enough memory gives the full line */
    static const char in[] = "{\"text\":\"x\",\"ug\":{\"keep\":1,\"norm\":2},\"id\":1}";
    static const char want[] = "{\"text\":\"y\",\"ug\":{\"keep\":1,\"norm\":{}},\"id\":1}\n";
    const ug_field text = { "text", "\"y\"", 3 };
    const ug_field norm = { "norm", "{}", 2 };
    ug_record rec = { 0 };
    parse_ok(&rec, in);
    int done = 0;
    for (long k = 0; k < 100 && !done; k++) {
        ug_buf out = { 0 };
        ug_alloc_fail_after(k);
        ug_status st = ug_record_write(&out, &rec, &text, 1, &norm, 1);
        ug_alloc_fail_after(-1);
        if (st == UG_OK) {
            ck_assert_str_eq(out.data, want);
            done = 1;
        } else {
            ck_assert_int_eq(st, UG_ENOMEM);
        }
        ug_buf_free(&out);
    }
    ck_assert(done);
    ug_record_free(&rec);
}
END_TEST

/* Runs ug_record_check and asserts the verdict: with w1 NULL it must pass,
 * else fail with a message containing w1 (and w2 when not NULL). */
static void check_case(const char *in, const char *text_key, const char *id_key,
                       const char *w1, const char *w2)
{
    ug_record rec = { 0 };
    ug_error err = { UG_OK, NULL, 0 };
    parse_ok(&rec, in);
    ug_status st = ug_record_check(&rec, text_key, id_key, &err);
    if (!w1) {
        ck_assert_msg(st == UG_OK, "%s: rejected: %s", in, err.msg ? err.msg : "?");
    } else {
        ck_assert_msg(st == UG_ERECORD, "%s: accepted", in);
        ck_assert_int_eq(err.code, UG_ERECORD);
        ck_assert_ptr_nonnull(err.msg);
        ck_assert_msg(strstr(err.msg, w1) && (!w2 || strstr(err.msg, w2)),
                      "%s: message \"%s\" lacks \"%s\"/\"%s\"", in, err.msg, w1, w2 ? w2 : "");
        /* err may be NULL */
        ck_assert_int_eq(ug_record_check(&rec, text_key, id_key, NULL), UG_ERECORD);
    }
    ug_record_free(&rec);
}

START_TEST(test_record_check)
{
    check_case("{\"id\":1,\"text\":\"x\"}", "text", "id", NULL, NULL);
    check_case("{\"id\":\"d\",\"text\":\"\",\"ug\":{}}", "text", "id", NULL, NULL);
    check_case("{\"text\":\"x\"}", "text", "id", NULL, NULL);
    check_case("{\"id\":[1]}", NULL, NULL, NULL, NULL);
    check_case("{\"body\":\"x\",\"doc\":-1.5e3}", "body", "doc", NULL, NULL);
    check_case("{\"id\":1}", "text", "id", "missing", "text");
    check_case("{\"Text\":\"x\"}", "text", "id", "missing", "text");
    check_case("{\"text\":1}", "text", "id", "text", "not a string");
    check_case("{\"text\":null}", "text", "id", "text", "not a string");
    check_case("{\"text\":[\"x\"]}", "text", "id", "text", "not a string");
    check_case("{\"text\":{}}", "text", "id", "text", "not a string");
    check_case("{\"text\":\"a\",\"text\":\"b\"}", "text", "id", "duplicate", "text");
    check_case("{\"text\":\"a\",\"te\\u0078t\":\"b\"}", "text", "id", "duplicate", "text");
    check_case("{\"text\":\"a\",\"ug\":[]}", "text", "id", "ug", "not an object");
    check_case("{\"text\":\"a\",\"ug\":\"x\"}", "text", "id", "ug", "not an object");
    check_case("{\"text\":\"a\",\"ug\":null}", "text", NULL, "ug", "not an object");
    check_case("{\"text\":\"a\",\"ug\":{},\"ug\":{}}", "text", "id", "duplicate", "ug");
    check_case("{\"text\":\"a\",\"id\":[1]}", "text", "id", "id", "not a string or a number");
    check_case("{\"text\":\"a\",\"id\":{}}", "text", "id", "id", "not a string or a number");
    check_case("{\"text\":\"a\",\"id\":true}", "text", "id", "id", "not a string or a number");
    check_case("{\"text\":\"a\",\"id\":null}", "text", "id", "id", "not a string or a number");
    check_case("{\"text\":\"a\",\"id\":1,\"id\":2}", "text", "id", "duplicate", "id");
}
END_TEST

START_TEST(test_find_and_count)
{
    ug_record rec = { 0 };
    parse_ok(&rec, "{\"a\":1,\"\\u0061\":2,\"b\":3,\"\":4,\"a\\\"b\":5,\"\\u00e9\":6}");
    ck_assert_int_eq(ug_record_find(&rec, "a"), 0);
    ck_assert_uint_eq(ug_record_count_key(&rec, "a"), 2);
    ck_assert_int_eq(ug_record_find(&rec, "b"), 2);
    ck_assert_int_eq(ug_record_find(&rec, ""), 3);
    ck_assert_int_eq(ug_record_find(&rec, "a\"b"), 4);
    ck_assert_int_eq(ug_record_find(&rec, "\xC3\xA9"), 5);
    ck_assert_int_eq(ug_record_find(&rec, "c"), -1);
    ck_assert_uint_eq(ug_record_count_key(&rec, "c"), 0);
    ck_assert_int_eq(ug_record_find(&rec, "A"), -1);
    ug_record_free(&rec);
    ug_record empty = { 0 };
    ck_assert_int_eq(ug_record_find(&empty, "a"), -1);
    ck_assert_uint_eq(ug_record_count_key(&empty, "a"), 0);
}
END_TEST

/* Appends code point cp to tok as a JSON escape chosen at random. */
static void put_escaped_cp(ug_buf *tok, uint32_t cp)
{
    char e[16];
    if (cp >= 0x10000) {
        uint32_t v = cp - 0x10000;
        snprintf(e, sizeof e, rnd(2) ? "\\u%04X\\u%04X" : "\\u%04x\\u%04x",
                 (unsigned)(0xD800 + (v >> 10)), (unsigned)(0xDC00 + (v & 0x3FF)));
    } else if (cp == '/' && rnd(2)) {
        snprintf(e, sizeof e, "\\/");
    } else {
        snprintf(e, sizeof e, rnd(2) ? "\\u%04X" : "\\u%04x", (unsigned)cp);
    }
    REQUIRE(ug_buf_puts(tok, e) == UG_OK);
}

START_TEST(test_escaped_keys_random)
{
    /* keys spelled with random escapes are found by their decoded value; the
     * neighbours ("" and "\u0000") can never equal a generated key */
    ug_buf key = { 0 }, tok = { 0 }, line = { 0 }, probe = { 0 };
    rng_state = 0x0123456789ABCDEFull;
    for (int iter = 0; iter < 3000; iter++) {
        ug_buf_clear(&key);
        ug_buf_clear(&tok);
        REQUIRE(ug_buf_putc(&tok, '"') == UG_OK);
        size_t nc = 1 + rnd(12);
        for (size_t i = 0; i < nc; i++) {
            uint32_t cp;
            switch (rnd(5)) {
            case 0: cp = 1 + (uint32_t)rnd(0x7F); break;
            case 1: cp = 0x80 + (uint32_t)rnd(0x780); break;
            case 2:
                do cp = 0x800 + (uint32_t)rnd(0xF800); while (cp >= 0xD800 && cp <= 0xDFFF);
                break;
            case 3: cp = 0x10000 + (uint32_t)rnd(0x100000); break;
            default: cp = (uint32_t)(rnd(2) ? '/' : 'a' + rnd(26)); break;
            }
            size_t at = key.len;
            REQUIRE(ug_buf_put_utf8(&key, cp) == UG_OK);
            if (rnd(2))
                put_escaped_cp(&tok, cp);
            else
                REQUIRE(ug_json_put_escaped(&tok, key.data + at, key.len - at) == UG_OK);
        }
        REQUIRE(ug_buf_putc(&tok, '"') == UG_OK);
        ug_buf_clear(&line);
        REQUIRE(ug_buf_printf(&line, "{\"\":0,%s:1,\"\\u0000\":2}", tok.data) == UG_OK);
        ug_record rec = { 0 };
        ug_error err;
        if (ug_record_parse(&rec, line.data, line.len, 0, &err) != UG_OK)
            ck_abort_msg("%s: %s", show(line.data, line.len), err.msg);
        if (ug_record_find(&rec, key.data) != 1)
            ck_abort_msg("key %s not found in %s", show(key.data, key.len), show(line.data, line.len));
        REQUIRE(ug_record_count_key(&rec, key.data) == 1);
        /* a prefix, an extension or a changed last byte does not match */
        ug_buf_clear(&probe);
        REQUIRE(ug_buf_append(&probe, key.data, key.len - 1) == UG_OK);
        REQUIRE(ug_buf_reserve(&probe, 0) == UG_OK);
        REQUIRE(ug_record_find(&rec, probe.data) != 1);
        REQUIRE(ug_buf_append(&probe, key.data + key.len - 1, 1) == UG_OK);
        REQUIRE(ug_buf_putc(&probe, 'z') == UG_OK);
        REQUIRE(ug_record_find(&rec, probe.data) == -1);
        probe.data[probe.len - 2] ^= 1;
        probe.len--;
        probe.data[probe.len] = 0;
        REQUIRE(ug_record_find(&rec, probe.data) == -1);
        /* and the writer replaces it in place, keeping its spelling */
        const ug_field f = { key.data, "true", 4 };
        ug_buf_clear(&probe);
        REQUIRE(ug_record_write(&probe, &rec, &f, 1, NULL, 0) == UG_OK);
        ug_buf_clear(&line);
        REQUIRE(ug_buf_printf(&line, "{\"\":0,%s:true,\"\\u0000\":2}\n", tok.data) == UG_OK);
        REQUIRE(probe.len == line.len && memcmp(probe.data, line.data, line.len) == 0);
        ug_record_free(&rec);
    }
    ug_buf_free(&key);
    ug_buf_free(&tok);
    ug_buf_free(&line);
    ug_buf_free(&probe);
}
END_TEST

START_TEST(test_escaped_keys_without_memory)
{
    /* matching a key written with escapes must not depend on memory: under
     * allocation failure the writer may fail, but never writes a wrong line */
    static const char in[] = "{\"te\\u0078t\":\"x\",\"\\u0075g\":{\"a\":1},\"\\u0069d\":1}";
    static const char want[] = "{\"te\\u0078t\":\"y\",\"\\u0075g\":{\"a\":1,\"n\":2},\"\\u0069d\":1}\n";
    const ug_field text = { "text", "\"y\"", 3 };
    const ug_field n = { "n", "2", 1 };
    ug_record rec = { 0 };
    ug_error err;
    parse_ok(&rec, in);
    ug_alloc_fail_after(0);
    long t = ug_record_find(&rec, "text");
    size_t c = ug_record_count_key(&rec, "ug");
    ug_status st = ug_record_check(&rec, "text", "id", &err);
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(t, 0);
    ck_assert_uint_eq(c, 1);
    ck_assert_int_eq(st, UG_OK);
    int done = 0;
    for (long k = 0; k < 100 && !done; k++) {
        ug_buf out = { 0 };
        ug_alloc_fail_after(k);
        st = ug_record_write(&out, &rec, &text, 1, &n, 1);
        ug_alloc_fail_after(-1);
        if (st == UG_OK) {
            ck_assert_str_eq(out.data, want);
            done = 1;
        } else {
            ck_assert_int_eq(st, UG_ENOMEM);
        }
        ug_buf_free(&out);
    }
    ck_assert(done);
    ug_record_free(&rec);
}
END_TEST

START_TEST(test_put_string_escapes)
{
    static const char in[] = "a\x01" "b\x1f\"\\\n\t\r\b\f\x7f/\xC3\xA9\0z";
    static const char want[] = "\"a\\u0001b\\u001f\\\"\\\\\\n\\t\\r\\b\\f\x7f/\xC3\xA9\\u0000z\"";
    ug_buf out = { 0 };
    ck_assert_int_eq(ug_json_put_string(&out, in, sizeof in - 1), UG_OK);
    ck_assert_msg(out.len == sizeof want - 1 && memcmp(out.data, want, out.len) == 0,
                  "got %s", show(out.data, out.len));
    ck_assert_int_eq(out.data[out.len], 0);
    /* every control character becomes an escape */
    for (int c = 0; c < 0x20; c++) {
        char ch = (char)c;
        ug_buf_clear(&out);
        ck_assert_int_eq(ug_json_put_string(&out, &ch, 1), UG_OK);
        ck_assert_msg(out.len == 4 || out.len == 8, "U+%04X written as %s", c, show(out.data, out.len));
        ck_assert_int_eq(out.data[1], '\\');
        if (out.len == 8) {
            char u[7];
            snprintf(u, sizeof u, "u00%02x", c);
            ck_assert_mem_eq(out.data + 2, u, 5);
        }
    }
    ug_buf_clear(&out);
    ck_assert_int_eq(ug_json_put_string(&out, "", 0), UG_OK);
    ck_assert_str_eq(out.data, "\"\"");
    ug_buf_clear(&out);
    ck_assert_int_eq(ug_json_put_escaped(&out, "x\"y", 3), UG_OK);
    ck_assert_str_eq(out.data, "x\\\"y");
    ug_buf_free(&out);
}
END_TEST

/* Makes a random valid UTF-8 string of up to maxc characters in b and
 * records character boundaries in cuts (returns their count). */
static size_t random_utf8(ug_buf *b, size_t maxc, size_t *cuts)
{
    ug_buf_clear(b);
    size_t nc = rnd(maxc + 1), ncut = 0;
    for (size_t i = 0; i < nc; i++) {
        cuts[ncut++] = b->len;
        uint32_t cp;
        switch (rnd(8)) {
        case 0: cp = (uint32_t)rnd(0x20); break;                       /* control, NUL */
        case 1: cp = (uint32_t)(rnd(2) ? '"' : '\\'); break;
        case 2: cp = 0x7F; break;
        case 3: cp = 0x80 + (uint32_t)rnd(0x780); break;
        case 4:
            do cp = 0x800 + (uint32_t)rnd(0xF800); while (cp >= 0xD800 && cp <= 0xDFFF);
            break;
        case 5: cp = 0x10000 + (uint32_t)rnd(0x100000); break;
        default: cp = 0x20 + (uint32_t)rnd(0x5F); break;
        }
        REQUIRE(ug_buf_put_utf8(b, cp) == UG_OK);
    }
    cuts[ncut++] = b->len;
    REQUIRE(ug_buf_reserve(b, 0) == UG_OK);
    return ncut;
}

START_TEST(test_put_string_roundtrip)
{
    ug_buf s = { 0 }, tok = { 0 }, line = { 0 }, dec = { 0 }, pieces = { 0 };
    size_t cuts[202];
    rng_state = 0xA5A5A5A5DEADBEEFull;
    for (int iter = 0; iter < 5000; iter++) {
        size_t ncut = random_utf8(&s, 200, cuts);
        REQUIRE(ug_utf8_valid_prefix(s.data, s.len) == s.len);
        ug_buf_clear(&tok);
        REQUIRE(ug_json_put_string(&tok, s.data, s.len) == UG_OK);
        /* no raw control characters in the output */
        for (size_t i = 0; i < tok.len; i++)
            REQUIRE((unsigned char)tok.data[i] >= 0x20);
        ug_buf_clear(&line);
        REQUIRE(ug_buf_printf(&line, "{\"k\":%s}", tok.data) == UG_OK);
        /* printf stops at NUL: tokens never contain raw NUL, so lengths agree */
        REQUIRE(line.len == tok.len + 6);
        ug_record rec = { 0 };
        ug_error err;
        if (ug_record_parse(&rec, line.data, line.len, 0, &err) != UG_OK)
            ck_abort_msg("%s: %s", show(line.data, line.len), err.msg);
        REQUIRE(rec.n == 1);
        REQUIRE(rec.m[0].type == UG_JSON_STRING);
        REQUIRE(rec.m[0].val_len == tok.len);
        decode(rec.m[0].val, rec.m[0].val_len, &dec);
        REQUIRE(dec.len == s.len);
        if (s.len)
            REQUIRE(memcmp(dec.data, s.data, s.len) == 0);
        ug_record_free(&rec);
        /* writing in pieces split between characters gives the same token */
        ug_buf_clear(&pieces);
        REQUIRE(ug_buf_putc(&pieces, '"') == UG_OK);
        size_t at = 0;
        for (size_t c = 1; c < ncut; c++) {
            if (c + 1 < ncut && rnd(3))
                continue;
            REQUIRE(ug_json_put_escaped(&pieces, s.data + at, cuts[c] - at) == UG_OK);
            at = cuts[c];
        }
        REQUIRE(ug_json_put_escaped(&pieces, s.data + at, s.len - at) == UG_OK);
        REQUIRE(ug_buf_putc(&pieces, '"') == UG_OK);
        REQUIRE(pieces.len == tok.len);
        REQUIRE(memcmp(pieces.data, tok.data, tok.len) == 0);
    }
    ug_buf_free(&s);
    ug_buf_free(&tok);
    ug_buf_free(&line);
    ug_buf_free(&dec);
    ug_buf_free(&pieces);
}
END_TEST

START_TEST(test_put_string_enomem)
{
    /* a failed allocation leaves a NUL-terminated buffer behind */
    ug_buf out = { 0 };
    ck_assert_int_eq(ug_buf_puts(&out, "keep"), UG_OK);
    /* the unescaped input fits the current storage, its escapes do not */
    char in[64];
    memset(in, 1, sizeof in);
    size_t n = out.cap - out.len - 3;
    ck_assert_uint_le(n, sizeof in);
    ug_alloc_fail_after(0);
    ug_status st = ug_json_put_string(&out, in, n);
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(st, UG_ENOMEM);
    ck_assert_uint_lt(out.len, out.cap);
    ck_assert_int_eq(out.data[out.len], 0);
    ug_buf_free(&out);
}
END_TEST

/* A string scan takes 8 or 16 bytes at a time; a byte it must stop at can
 * sit at any position of a chunk or of the tail. For strings of 1 to 50
 * plain bytes with one such byte at each position, the parser accepts or
 * refuses the record as a byte-by-byte reading of JSON would, parse_valid
 * ends the value where the string ends, and put_escaped writes what a
 * byte-by-byte escaper writes. */
static void escape_by_hand(ug_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        if (c == '"') ck_assert_int_eq(ug_buf_append(out, "\\\"", 2), UG_OK);
        else if (c == '\\') ck_assert_int_eq(ug_buf_append(out, "\\\\", 2), UG_OK);
        else if (c == '\n') ck_assert_int_eq(ug_buf_append(out, "\\n", 2), UG_OK);
        else if (c == '\t') ck_assert_int_eq(ug_buf_append(out, "\\t", 2), UG_OK);
        else if (c == '\r') ck_assert_int_eq(ug_buf_append(out, "\\r", 2), UG_OK);
        else if (c == '\b') ck_assert_int_eq(ug_buf_append(out, "\\b", 2), UG_OK);
        else if (c == '\f') ck_assert_int_eq(ug_buf_append(out, "\\f", 2), UG_OK);
        else if (c < 0x20) {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            ck_assert_int_eq(ug_buf_append(out, tmp, 6), UG_OK);
        } else {
            ck_assert_int_eq(ug_buf_putc(out, (char)c), UG_OK);
        }
    }
}

START_TEST(test_scan_every_position)
{
    /* the odd byte: escaped quote, escaped backslash, a raw control byte
       (refused), a raw quote (ends the string early: refused), DEL and a
       two-byte UTF-8 letter (both fine raw), a lone continuation byte
       (refused) */
    static const struct { const char *b; size_t n; int ok; const char *raw; size_t rn; } odd[] = {
        { "\\\"", 2, 1, "\"", 1 }, { "\\\\", 2, 1, "\\", 1 }, { "\x01", 1, 0, "\x01", 1 },
        { "\"", 1, 0, NULL, 0 }, { "\x7f", 1, 1, "\x7f", 1 }, { "\xc3\xa9", 2, 1, "\xc3\xa9", 2 },
        { "\x80", 1, 0, NULL, 0 }, { "\x1f", 1, 0, "\x1f", 1 },
    };
    ug_record rec = { 0 }, inner = { 0 };
    ug_buf line = { 0 }, got = { 0 }, want = { 0 }, raw = { 0 };
    for (size_t len = 1; len <= 50; len++) {
        for (size_t at = 0; at <= len; at++) {
            for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
                ug_buf_clear(&line);
                ug_buf_clear(&raw);
                ck_assert_int_eq(ug_buf_append(&line, "{\"a\":\"", 6), UG_OK);
                for (size_t i = 0; i < len; i++) {
                    if (i == at) {
                        ck_assert_int_eq(ug_buf_append(&line, odd[k].b, odd[k].n), UG_OK);
                        if (odd[k].raw)
                            ck_assert_int_eq(ug_buf_append(&raw, odd[k].raw, odd[k].rn), UG_OK);
                    }
                    char c = (char)('a' + (i * 7 + k) % 26);
                    ck_assert_int_eq(ug_buf_putc(&line, c), UG_OK);
                    ck_assert_int_eq(ug_buf_putc(&raw, c), UG_OK);
                }
                if (at == len) {
                    ck_assert_int_eq(ug_buf_append(&line, odd[k].b, odd[k].n), UG_OK);
                    if (odd[k].raw)
                        ck_assert_int_eq(ug_buf_append(&raw, odd[k].raw, odd[k].rn), UG_OK);
                }
                ck_assert_int_eq(ug_buf_append(&line, "\",\"b\":1}", 8), UG_OK);
                ug_error err;
                ug_status st = ug_record_parse(&rec, line.data, line.len, 0, &err);
                ck_assert_msg((st == UG_OK) == odd[k].ok, "len %zu at %zu odd %zu: status %d",
                              len, at, k, (int)st);
                if (st == UG_OK) {
                    ck_assert_int_eq(ug_record_parse_valid(&inner, line.data, line.len), UG_OK);
                    ck_assert_uint_eq(inner.n, 2);
                    ck_assert_uint_eq(inner.m[0].val_len, rec.m[0].val_len);
                    ck_assert_int_eq(memcmp(inner.m[0].val, rec.m[0].val, rec.m[0].val_len), 0);
                }
                /* the writer, over the raw bytes (controls included) */
                ug_buf_clear(&got);
                ug_buf_clear(&want);
                ck_assert_int_eq(ug_json_put_escaped(&got, raw.data, raw.len), UG_OK);
                escape_by_hand(&want, raw.data, raw.len);
                ck_assert_uint_eq(got.len, want.len);
                ck_assert_int_eq(memcmp(got.data, want.data, want.len), 0);
            }
        }
    }
    ug_record_free(&rec);
    ug_record_free(&inner);
    ug_buf_free(&line);
    ug_buf_free(&got);
    ug_buf_free(&want);
    ug_buf_free(&raw);
}
END_TEST

START_TEST(test_parse_valid_upto)
{
    const char *o = "{\"a\":1,\"fl\\u0061gs\":[{\"x\":\"}\"}],\"b\":\"s\",\"flags\":2,\"c\":{}}";
    ug_record r = { 0 }, all = { 0 };
    ck_assert_int_eq(ug_record_parse(&all, o, strlen(o), 0, NULL), UG_OK);
    ck_assert_uint_eq(all.n, 5);
    /* stops after the first member of that name, escaped or not */
    ck_assert_int_eq(ug_record_parse_valid_upto(&r, o, strlen(o), "flags"), UG_OK);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(ug_record_find(&r, "flags"), 1);
    ck_assert_uint_eq(r.m[1].val_len, all.m[1].val_len);
    ck_assert_int_eq(ug_record_find(&r, "b"), -1);      /* not read */
    /* the first member, a name not there, and no name */
    ck_assert_int_eq(ug_record_parse_valid_upto(&r, o, strlen(o), "a"), UG_OK);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(ug_record_parse_valid_upto(&r, o, strlen(o), "zz"), UG_OK);
    ck_assert_uint_eq(r.n, 5);
    ck_assert_int_eq(ug_record_parse_valid_upto(&r, o, strlen(o), NULL), UG_OK);
    ck_assert_uint_eq(r.n, 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert_uint_eq(r.m[i].val_len, all.m[i].val_len);
    ug_record_free(&r);
    ug_record_free(&all);
}
END_TEST

static Suite *record_suite(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_corpus_verdicts);
    tcase_add_test(tc, test_depth_limit);
    tcase_add_test(tc, test_parse_members);
    tcase_add_test(tc, test_parse_many_members);
    tcase_add_test(tc, test_parse_error_offsets);
    tcase_add_test(tc, test_parse_enomem);
    tcase_add_test(tc, test_decode_string);
    tcase_add_test(tc, test_utf8_valid_prefix);
    tcase_add_test(tc, test_scan_every_position);
    suite_add_tcase(s, tc);

    TCase *td = tcase_create("differential");
    tcase_set_timeout(td, 300);
    tcase_add_test(td, test_differential_jsonc);
    suite_add_tcase(s, td);

    TCase *tw = tcase_create("write");
    tcase_set_timeout(tw, 60);
    tcase_add_test(tw, test_passthrough_exact);
    tcase_add_test(tw, test_passthrough_corpus);
    tcase_add_test(tw, test_parse_valid_corpus);
    tcase_add_test(tw, test_parse_valid_upto);
    tcase_add_test(tw, test_replace_text);
    tcase_add_test(tw, test_ug_merge);
    tcase_add_test(tw, test_write_new_record);
    tcase_add_test(tw, test_write_enomem);
    tcase_add_test(tw, test_record_check);
    tcase_add_test(tw, test_find_and_count);
    tcase_add_test(tw, test_escaped_keys_random);
    tcase_add_test(tw, test_escaped_keys_without_memory);
    tcase_add_test(tw, test_put_string_escapes);
    tcase_add_test(tw, test_put_string_roundtrip);
    tcase_add_test(tw, test_put_string_enomem);
    suite_add_tcase(s, tw);
    return s;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    SRunner *sr = srunner_create(record_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
