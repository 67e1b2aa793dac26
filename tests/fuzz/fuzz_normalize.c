/* fuzz_normalize.c: libFuzzer harness for ug_normalize() with property checks. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ug/ug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned flagsets[] = { 0, UG_NORM_NFKC, UG_NORM_NO_MOJIBAKE | UG_NORM_ASCII_PUNCT,
                                         UG_NORM_KEEP_SPACES, UG_NORM_NO_ENTITIES };
    unsigned flags = size ? flagsets[data[0] % 5] : 0;
    ug_norm_opts o = { flags, NULL };
    ug_buf out = { 0 }, again = { 0 };
    ug_norm_result r, r2;
    if (ug_normalize_buf((const char *)data, size, &o, &out, &r) != UG_OK)
        abort();
    /* output is valid UTF-8 */
    if (ug_utf8_valid_prefix(out.data ? out.data : "", out.len) != out.len)
        abort();
    /* the map stays inside the input and is ordered */
    for (size_t k = 0; k < r.map.n; k++) {
        if (r.map.v[k].in > size || r.map.v[k].out > out.len)
            abort();
        if (k && (r.map.v[k].in < r.map.v[k - 1].in || r.map.v[k].out < r.map.v[k - 1].out))
            abort();
    }
    for (size_t s = 0; s < out.len; s += 1 + s / 2) {
        size_t a, b;
        ug_offmap_span(&r.map, s, out.len, &a, &b);
        if (a > b || b > size)
            abort();
    }
    /* the fast paths give what the general path gives */
    ug_buf gen = { 0 };
    ug_norm_result rg;
    ug_norm_opts og = { flags | UG_NORM_GENERAL_PATH, NULL };
    if (ug_normalize_buf((const char *)data, size, &og, &gen, &rg) != UG_OK)
        abort();
    if (gen.len != out.len || (out.len && memcmp(gen.data, out.data, out.len) != 0))
        abort();
    ug_norm_result_free(&rg);
    ug_buf_free(&gen);
    /* idempotent: the output read as UTF-8 is a fixed point */
    o.flags |= UG_NORM_TEXT_IS_UTF8;
    if (ug_normalize_buf(out.data ? out.data : "", out.len, &o, &again, &r2) != UG_OK)
        abort();
    if (again.len != out.len || (out.len && memcmp(again.data, out.data, out.len) != 0))
        abort();
    ug_norm_result_free(&r);
    ug_norm_result_free(&r2);
    ug_buf_free(&out);
    ug_buf_free(&again);
    return 0;
}
