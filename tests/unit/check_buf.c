/* check_buf.c: unit tests for the growable byte buffer ug_buf. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <check.h>

#include "ug/buf.h"

/* Asserts the invariants every buffer keeps: terminator and capacity. */
static void assert_sane(const ug_buf *b)
{
    if (b->data) {
        ck_assert_uint_gt(b->cap, b->len);
        ck_assert_int_eq(b->data[b->len], 0);
    } else {
        ck_assert_uint_eq(b->cap, 0);
        ck_assert_uint_eq(b->len, 0);
    }
}

/* Asserts that b holds exactly the n bytes at p. */
static void assert_content(const ug_buf *b, const void *p, size_t n)
{
    ck_assert_uint_eq(b->len, n);
    ck_assert_ptr_nonnull(b->data);
    if (n)
        ck_assert_mem_eq(b->data, p, n);
    assert_sane(b);
}

START_TEST(test_zeroed_is_empty)
{
    ug_buf b = { 0 };
    assert_sane(&b);
    ug_buf_free(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
    ug_buf_free(NULL);

    ug_buf c;
    memset(&c, 0xAB, sizeof c);
    ug_buf_init(&c);
    ck_assert_ptr_null(c.data);
    ck_assert_uint_eq(c.len, 0);
    ck_assert_uint_eq(c.cap, 0);
    ug_buf_clear(&c);       /* no storage: must not crash */
    ck_assert_uint_eq(c.len, 0);
}
END_TEST

START_TEST(test_append_basic)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_append(&b, "abc", 3), UG_OK);
    assert_content(&b, "abc", 3);
    ck_assert_str_eq(b.data, "abc");
    ck_assert_int_eq(ug_buf_append(&b, "defg", 2), UG_OK);
    assert_content(&b, "abcde", 5);
    ck_assert_int_eq(ug_buf_append(&b, NULL, 0), UG_OK);
    assert_content(&b, "abcde", 5);
    ug_buf_free(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(test_append_null_empty_on_zeroed)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_append(&b, NULL, 0), UG_OK);
    ck_assert_uint_eq(b.len, 0);
    assert_sane(&b);
    ug_buf_free(&b);
}
END_TEST

START_TEST(test_append_nul_bytes)
{
    ug_buf b = { 0 };
    static const char bin[] = { 'a', 0, 'b', 0, 0, 'c' };
    ck_assert_int_eq(ug_buf_append(&b, bin, sizeof bin), UG_OK);
    assert_content(&b, bin, sizeof bin);
    ck_assert_int_eq(ug_buf_putc(&b, 0), UG_OK);
    ck_assert_uint_eq(b.len, sizeof bin + 1);
    ck_assert_int_eq(b.data[sizeof bin], 0);
    assert_sane(&b);
    ug_buf_free(&b);
}
END_TEST

START_TEST(test_puts_putc)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_puts(&b, "hello"), UG_OK);
    ck_assert_int_eq(ug_buf_putc(&b, ','), UG_OK);
    ck_assert_int_eq(ug_buf_puts(&b, ""), UG_OK);
    ck_assert_int_eq(ug_buf_putc(&b, ' '), UG_OK);
    ck_assert_int_eq(ug_buf_puts(&b, "world"), UG_OK);
    assert_content(&b, "hello, world", 12);
    ck_assert_str_eq(b.data, "hello, world");
    /* putc stores the low byte, including values above 0x7F */
    ck_assert_int_eq(ug_buf_putc(&b, 0xE9), UG_OK);
    ck_assert_int_eq((unsigned char)b.data[12], 0xE9);
    ck_assert_int_eq(ug_buf_putc(&b, 0x1FF), UG_OK);
    ck_assert_int_eq((unsigned char)b.data[13], 0xFF);
    ck_assert_uint_eq(b.len, 14);
    assert_sane(&b);
    ug_buf_free(&b);
}
END_TEST

/* Encodes cp with ug_buf_put_utf8 into a fresh buffer and compares. */
static void check_utf8(uint32_t cp, const char *want, size_t wn)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_put_utf8(&b, cp), UG_OK);
    ck_assert_msg(b.len == wn && memcmp(b.data, want, wn) == 0,
                  "U+%04X encoded to %zu bytes, expected %zu", (unsigned)cp, b.len, wn);
    assert_sane(&b);
    ug_buf_free(&b);
}

START_TEST(test_put_utf8)
{
    check_utf8(0x00, "\0", 1);
    check_utf8(0x41, "A", 1);
    check_utf8(0x7F, "\x7F", 1);
    check_utf8(0x80, "\xC2\x80", 2);
    check_utf8(0xE9, "\xC3\xA9", 2);
    check_utf8(0x7FF, "\xDF\xBF", 2);
    check_utf8(0x800, "\xE0\xA0\x80", 3);
    check_utf8(0x20AC, "\xE2\x82\xAC", 3);
    check_utf8(0xD7FF, "\xED\x9F\xBF", 3);
    check_utf8(0xE000, "\xEE\x80\x80", 3);
    check_utf8(0xFFFD, "\xEF\xBF\xBD", 3);
    check_utf8(0xFFFF, "\xEF\xBF\xBF", 3);
    check_utf8(0x10000, "\xF0\x90\x80\x80", 4);
    check_utf8(0x1F600, "\xF0\x9F\x98\x80", 4);
    check_utf8(0x10FFFF, "\xF4\x8F\xBF\xBF", 4);
    /* not scalar values: replaced by U+FFFD */
    check_utf8(0xD800, "\xEF\xBF\xBD", 3);
    check_utf8(0xDBFF, "\xEF\xBF\xBD", 3);
    check_utf8(0xDC00, "\xEF\xBF\xBD", 3);
    check_utf8(0xDFFF, "\xEF\xBF\xBD", 3);
    check_utf8(0x110000, "\xEF\xBF\xBD", 3);
    check_utf8(0x7FFFFFFF, "\xEF\xBF\xBD", 3);
    check_utf8(0xFFFFFFFF, "\xEF\xBF\xBD", 3);
}
END_TEST

START_TEST(test_put_utf8_appends)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_puts(&b, "x"), UG_OK);
    ck_assert_int_eq(ug_buf_put_utf8(&b, 0x4E2D), UG_OK);
    ck_assert_int_eq(ug_buf_put_utf8(&b, 0x1F600), UG_OK);
    ck_assert_int_eq(ug_buf_put_utf8(&b, 'y'), UG_OK);
    assert_content(&b, "x\xE4\xB8\xAD\xF0\x9F\x98\x80y", 9);
    ug_buf_free(&b);
}
END_TEST

/* Writes v with ug_buf_put_u64 after a prefix and compares. */
static void check_u64(uint64_t v, const char *want)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_puts(&b, "n="), UG_OK);
    ck_assert_int_eq(ug_buf_put_u64(&b, v), UG_OK);
    ck_assert_uint_eq(b.len, 2 + strlen(want));
    ck_assert_str_eq(b.data + 2, want);
    assert_sane(&b);
    ug_buf_free(&b);
}

START_TEST(test_put_u64)
{
    check_u64(0, "0");
    check_u64(1, "1");
    check_u64(9, "9");
    check_u64(10, "10");
    check_u64(99, "99");
    check_u64(100, "100");
    check_u64(4294967295u, "4294967295");
    check_u64(4294967296u, "4294967296");
    check_u64(1000000000000000000ull, "1000000000000000000");
    check_u64(10000000000000000000ull, "10000000000000000000");
    check_u64(UINT64_MAX, "18446744073709551615");
}
END_TEST

START_TEST(test_printf)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_printf(&b, "%s=%d", "a", 42), UG_OK);
    assert_content(&b, "a=42", 4);
    ck_assert_int_eq(ug_buf_printf(&b, "%s", ""), UG_OK);
    assert_content(&b, "a=42", 4);
    ck_assert_int_eq(ug_buf_printf(&b, ";%05.1f;%x;%c", 3.14159, 255u, 'z'), UG_OK);
    ck_assert_str_eq(b.data, "a=42;003.1;ff;z");
    ck_assert_uint_eq(b.len, strlen("a=42;003.1;ff;z"));
    assert_sane(&b);
    ug_buf_free(&b);

    /* printf of an empty result on a zeroed buffer */
    ck_assert_int_eq(ug_buf_printf(&b, "%s", ""), UG_OK);
    ck_assert_uint_eq(b.len, 0);
    assert_sane(&b);
    ug_buf_free(&b);
}
END_TEST

START_TEST(test_printf_long)
{
    /* a result much longer than the initial capacity, appended to content */
    ug_buf b = { 0 };
    char *big = malloc(100001);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < 100000; i++)
        big[i] = (char)('a' + i % 26);
    big[100000] = 0;
    ck_assert_int_eq(ug_buf_puts(&b, "<"), UG_OK);
    ck_assert_int_eq(ug_buf_printf(&b, "%s>%d", big, 7), UG_OK);
    ck_assert_uint_eq(b.len, 100003);
    ck_assert_int_eq(b.data[0], '<');
    ck_assert_mem_eq(b.data + 1, big, 100000);
    ck_assert_str_eq(b.data + 100001, ">7");
    assert_sane(&b);
    ug_buf_free(&b);
    free(big);
}
END_TEST

START_TEST(test_printf_encoding_error)
{
    /* in the C locale a non-ASCII wide character cannot be converted, so
     * vsnprintf fails: the buffer must stay as it was */
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_puts(&b, "keep"), UG_OK);
    char *data = b.data;
    size_t cap = b.cap;
    ck_assert_int_eq(ug_buf_printf(&b, "%ls", L"\xE9"), UG_EINVAL);
    ck_assert_ptr_eq(b.data, data);
    ck_assert_uint_eq(b.cap, cap);
    assert_content(&b, "keep", 4);
    ug_buf_free(&b);
}
END_TEST

/* Deterministic PRNG (xorshift64*) so failures reproduce. */
static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

START_TEST(test_growth_many_appends)
{
    ug_buf b = { 0 };
    size_t total = 0, refcap = 1 << 16;
    char *ref = malloc(refcap);
    ck_assert_ptr_nonnull(ref);
    rng_state = 0x9E3779B97F4A7C15ull;
    size_t reallocs = 0;
    char *last = NULL;
    for (int i = 0; i < 20000; i++) {
        char piece[300];
        size_t n = rng() % sizeof piece;
        for (size_t k = 0; k < n; k++)
            piece[k] = (char)rng();
        int how = (int)(rng() % 4);
        if (how == 3 && n > 0) {
            /* byte by byte */
            for (size_t k = 0; k < n; k++)
                ck_assert_int_eq(ug_buf_putc(&b, (unsigned char)piece[k]), UG_OK);
        } else {
            ck_assert_int_eq(ug_buf_append(&b, piece, n), UG_OK);
        }
        if (total + n > refcap) {
            refcap *= 2;
            ref = realloc(ref, refcap);
            ck_assert_ptr_nonnull(ref);
        }
        memcpy(ref + total, piece, n);
        total += n;
        ck_assert_uint_eq(b.len, total);
        if (b.data)
            ck_assert_int_eq(b.data[b.len], 0);
        if (b.data != last) {
            reallocs++;
            last = b.data;
        }
    }
    assert_content(&b, ref, total);
    /* geometric growth: a few megabytes need only a few dozen reallocations */
    ck_assert_uint_gt(total, (size_t)1 << 20);
    ck_assert_uint_le(b.cap, 2 * (total + 1) + 64);
    ug_buf_free(&b);
    free(ref);
}
END_TEST

START_TEST(test_reserve)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_reserve(&b, 0), UG_OK);
    assert_sane(&b);
    ck_assert_int_eq(ug_buf_reserve(&b, 1000), UG_OK);
    ck_assert_uint_ge(b.cap, 1001);
    ck_assert_uint_eq(b.len, 0);
    assert_sane(&b);
    char *data = b.data;
    /* appending within the reservation does not move the storage */
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(ug_buf_putc(&b, 'x'), UG_OK);
    ck_assert_ptr_eq(b.data, data);
    ck_assert_uint_eq(b.len, 1000);
    assert_sane(&b);
    /* an impossible size fails cleanly without touching the buffer */
    size_t cap = b.cap;
    ck_assert_int_eq(ug_buf_reserve(&b, SIZE_MAX), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_reserve(&b, SIZE_MAX - b.len), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_append(&b, "y", SIZE_MAX), UG_ENOMEM);
    ck_assert_ptr_eq(b.data, data);
    ck_assert_uint_eq(b.cap, cap);
    ck_assert_uint_eq(b.len, 1000);
    assert_sane(&b);
    ug_buf_free(&b);
}
END_TEST

START_TEST(test_clear_keeps_storage)
{
    ug_buf b = { 0 };
    ck_assert_int_eq(ug_buf_puts(&b, "some text that is kept in storage"), UG_OK);
    char *data = b.data;
    size_t cap = b.cap;
    ug_buf_clear(&b);
    ck_assert_ptr_eq(b.data, data);
    ck_assert_uint_eq(b.cap, cap);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_str_eq(b.data, "");
    ck_assert_int_eq(ug_buf_puts(&b, "new"), UG_OK);
    ck_assert_ptr_eq(b.data, data);
    assert_content(&b, "new", 3);
    ug_buf_free(&b);
    /* a freed buffer is empty and reusable */
    ck_assert_int_eq(ug_buf_puts(&b, "again"), UG_OK);
    assert_content(&b, "again", 5);
    ug_buf_free(&b);
}
END_TEST

/* Fills b with content so that it is exactly full (the next byte needs a
 * reallocation) and returns a malloc'd copy of its content. */
static char *fill_to_capacity(ug_buf *b)
{
    ck_assert_int_eq(ug_buf_puts(b, "prefix"), UG_OK);
    while (b->len + 1 < b->cap)
        ck_assert_int_eq(ug_buf_putc(b, 'a' + (int)(b->len % 26)), UG_OK);
    ck_assert_uint_eq(b->len + 1, b->cap);
    char *copy = malloc(b->len + 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, b->data, b->len + 1);
    return copy;
}

START_TEST(test_enomem_zeroed)
{
    ug_buf b = { 0 };
    ug_alloc_fail_after(0);
    ck_assert_int_eq(ug_buf_append(&b, "abc", 3), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_puts(&b, "abc"), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_putc(&b, 'a'), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_put_utf8(&b, 0x20AC), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_put_u64(&b, 12345), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_printf(&b, "%d", 1), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_reserve(&b, 10), UG_ENOMEM);
    ck_assert_uint_gt(ug_alloc_count(), 0);
    ug_alloc_fail_after(-1);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_uint_eq(b.cap, 0);
    /* works again once allocation succeeds */
    ck_assert_int_eq(ug_buf_puts(&b, "ok"), UG_OK);
    assert_content(&b, "ok", 2);
    ug_buf_free(&b);
}
END_TEST

START_TEST(test_enomem_full_buffer_unchanged)
{
    ug_buf b = { 0 };
    char *copy = fill_to_capacity(&b);
    char *data = b.data;
    size_t len = b.len, cap = b.cap;

    ug_alloc_fail_after(0);
    ck_assert_int_eq(ug_buf_append(&b, "xy", 2), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_puts(&b, "xy"), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_putc(&b, 'x'), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_put_utf8(&b, 'x'), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_put_utf8(&b, 0x1F600), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_put_u64(&b, 7), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_printf(&b, "%s", "x"), UG_ENOMEM);
    ck_assert_int_eq(ug_buf_reserve(&b, 1), UG_ENOMEM);
    /* operations that need no new storage still succeed */
    ck_assert_int_eq(ug_buf_append(&b, NULL, 0), UG_OK);
    ck_assert_int_eq(ug_buf_reserve(&b, 0), UG_OK);
    ck_assert_int_eq(ug_buf_printf(&b, "%s", ""), UG_OK);
    ug_alloc_fail_after(-1);

    ck_assert_ptr_eq(b.data, data);
    ck_assert_uint_eq(b.len, len);
    ck_assert_uint_eq(b.cap, cap);
    ck_assert_mem_eq(b.data, copy, len + 1);

    /* and it grows normally afterwards */
    ck_assert_int_eq(ug_buf_puts(&b, "xy"), UG_OK);
    ck_assert_uint_eq(b.len, len + 2);
    ck_assert_mem_eq(b.data, copy, len);
    ck_assert_str_eq(b.data + len, "xy");
    ug_buf_free(&b);
    free(copy);
}
END_TEST

START_TEST(test_enomem_after_some_allocations)
{
    /* let one growth succeed, then fail the next one */
    ug_buf b = { 0 };
    char block[100];
    memset(block, 'q', sizeof block);
    ug_alloc_fail_after(1);
    ug_status st = UG_OK;
    size_t good = 0;
    for (int i = 0; i < 100 && st == UG_OK; i++) {
        st = ug_buf_append(&b, block, sizeof block);
        if (st == UG_OK)
            good += sizeof block;
    }
    ug_alloc_fail_after(-1);
    ck_assert_int_eq(st, UG_ENOMEM);
    ck_assert_uint_eq(b.len, good);
    ck_assert_uint_gt(good, 0);
    for (size_t i = 0; i < good; i++)
        ck_assert_int_eq(b.data[i], 'q');
    assert_sane(&b);
    ug_buf_free(&b);
}
END_TEST

static Suite *buf_suite(void)
{
    Suite *s = suite_create("buf");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_zeroed_is_empty);
    tcase_add_test(tc, test_append_basic);
    tcase_add_test(tc, test_append_null_empty_on_zeroed);
    tcase_add_test(tc, test_append_nul_bytes);
    tcase_add_test(tc, test_puts_putc);
    tcase_add_test(tc, test_put_utf8);
    tcase_add_test(tc, test_put_utf8_appends);
    tcase_add_test(tc, test_put_u64);
    tcase_add_test(tc, test_printf);
    tcase_add_test(tc, test_printf_long);
    tcase_add_test(tc, test_printf_encoding_error);
    tcase_add_test(tc, test_growth_many_appends);
    tcase_add_test(tc, test_reserve);
    tcase_add_test(tc, test_clear_keeps_storage);
    suite_add_tcase(s, tc);

    TCase *tm = tcase_create("enomem");
    tcase_add_test(tm, test_enomem_zeroed);
    tcase_add_test(tm, test_enomem_full_buffer_unchanged);
    tcase_add_test(tm, test_enomem_after_some_allocations);
    suite_add_tcase(s, tm);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(buf_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
