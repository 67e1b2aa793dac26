/* fuzz_record.c: libFuzzer harness checking parse/write/decode round trips of the record codec. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ug/buf.h"
#include "ug/record.h"

/* Aborts with a message when a property does not hold. */
#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "fuzz_record: property failed at line %d: %s\n",    \
                    __LINE__, #cond);                                           \
            abort();                                                            \
        }                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks that a string token decodes, that the result is valid UTF-8, and
 * that writing it back with ug_json_put_string gives a token that parses
 * and decodes to the same bytes. */
static void check_string_token(const char *tok, size_t len)
{
    ug_buf dec = { 0 }, line = { 0 }, again = { 0 };
    ug_record rec = { 0 };
    ug_error err;

    CHECK(len >= 2 && tok[0] == '"' && tok[len - 1] == '"');
    CHECK(ug_json_decode_string(tok, len, &dec) == UG_OK);
    CHECK(ug_buf_reserve(&dec, 0) == UG_OK);
    CHECK(ug_utf8_valid_prefix(dec.data, dec.len) == dec.len);

    CHECK(ug_buf_puts(&line, "{\"k\":") == UG_OK);
    size_t start = line.len;
    CHECK(ug_json_put_string(&line, dec.data, dec.len) == UG_OK);
    size_t toklen = line.len - start;
    CHECK(ug_buf_putc(&line, '}') == UG_OK);
    for (size_t i = start; i < start + toklen; i++)
        CHECK((unsigned char)line.data[i] >= 0x20);

    CHECK(ug_record_parse(&rec, line.data, line.len, 0, &err) == UG_OK);
    CHECK(rec.n == 1);
    CHECK(rec.m[0].type == UG_JSON_STRING);
    CHECK(rec.m[0].val_len == toklen);
    CHECK(ug_json_decode_string(rec.m[0].val, rec.m[0].val_len, &again) == UG_OK);
    CHECK(again.len == dec.len);
    CHECK(dec.len == 0 || memcmp(again.data, dec.data, dec.len) == 0);

    ug_record_free(&rec);
    ug_buf_free(&dec);
    ug_buf_free(&line);
    ug_buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    ug_record rec = { 0 };
    ug_error err = { UG_OK, NULL, (size_t)-1 };

    ug_status st = ug_record_parse(&rec, s, size, 0, &err);
    if (st != UG_OK) {
        CHECK(st == UG_EJSON);
        CHECK(err.code == UG_EJSON);
        CHECK(err.msg != NULL);
        CHECK(err.offset <= size);
        ug_record_free(&rec);
        return 0;
    }

    /* members borrow the input */
    for (size_t i = 0; i < rec.n; i++) {
        const ug_json_member *m = &rec.m[i];
        CHECK(m->key >= s && m->key + m->key_len <= s + size);
        CHECK(m->val >= s && m->val + m->val_len <= s + size);
    }

    /* write back without changes: one line that re-parses to the same tokens */
    ug_buf out = { 0 };
    CHECK(ug_record_write(&out, &rec, NULL, 0, NULL, 0) == UG_OK);
    CHECK(out.len >= 3 && out.data[out.len - 1] == '\n');
    ug_record again = { 0 };
    CHECK(ug_record_parse(&again, out.data, out.len - 1, 0, &err) == UG_OK);
    CHECK(again.n == rec.n);
    for (size_t i = 0; i < rec.n; i++) {
        const ug_json_member *a = &rec.m[i], *b = &again.m[i];
        CHECK(a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0);
        CHECK(a->val_len == b->val_len && memcmp(a->val, b->val, a->val_len) == 0);
        CHECK(a->type == b->type);
    }

    /* every key and string value decodes and survives re-encoding */
    for (size_t i = 0; i < rec.n; i++) {
        check_string_token(rec.m[i].key, rec.m[i].key_len);
        if (rec.m[i].type == UG_JSON_STRING)
            check_string_token(rec.m[i].val, rec.m[i].val_len);
    }

    /* writing with a field and an annotation keeps a parseable line and
     * every other member unchanged */
    static const ug_field text = { "text", "\"t\"", 3 };
    static const ug_field note = { "fuzz", "1", 1 };
    long k = ug_record_find(&rec, "ug");
    if (ug_record_count_key(&rec, "ug") <= 1 && (k < 0 || rec.m[k].type == UG_JSON_OBJECT)) {
        ug_buf_clear(&out);
        CHECK(ug_record_write(&out, &rec, &text, 1, &note, 1) == UG_OK);
        CHECK(ug_record_parse(&again, out.data, out.len - 1, 0, &err) == UG_OK);
        CHECK(ug_record_find(&again, "text") >= 0);
        CHECK(ug_record_count_key(&again, "ug") == 1);
        size_t extra = (ug_record_find(&rec, "text") < 0) + (ug_record_find(&rec, "ug") < 0);
        CHECK(again.n == rec.n + extra);
        long t = ug_record_find(&rec, "text"), u = ug_record_find(&rec, "ug");
        for (size_t i = 0; i < rec.n; i++) {
            if ((long)i == t || (long)i == u)
                continue;
            const ug_json_member *a = &rec.m[i], *b = &again.m[i];
            CHECK(a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0);
            CHECK(a->val_len == b->val_len && memcmp(a->val, b->val, a->val_len) == 0);
        }
    }

    ug_record_free(&again);
    ug_buf_free(&out);
    ug_record_free(&rec);
    return 0;
}
