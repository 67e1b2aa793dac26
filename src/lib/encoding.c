/* encoding.c: character encoding detection and per-code-point decoding with raw offsets. */
#include "config.h"
#include <errno.h>
#include <string.h>
#include <strings.h>
#include "encoding.h"
#include "ug/record.h"

size_t ugi_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF) {
        if (n < 2 || (p[1] & 0xC0) != 0x80) return 0;
        *cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)) return 0;
        *cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)) return 0;
        *cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        return 4;
    }
    return 0;
}

/* Canonical spelling of the natively decoded encodings, or -1. */
static int native_kind(const char *name)
{
    static const struct { const char *n; ugi_enc_kind k; } t[] = {
        { "UTF-8", UGI_ENC_UTF8 }, { "UTF8", UGI_ENC_UTF8 },
        { "UTF-16LE", UGI_ENC_UTF16LE }, { "UTF-16BE", UGI_ENC_UTF16BE },
        { "UTF-32LE", UGI_ENC_UTF32LE }, { "UTF-32BE", UGI_ENC_UTF32BE },
        { "UTF16LE", UGI_ENC_UTF16LE }, { "UTF16BE", UGI_ENC_UTF16BE },
        { "UTF32LE", UGI_ENC_UTF32LE }, { "UTF32BE", UGI_ENC_UTF32BE },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcasecmp(name, t[i].n) == 0)
            return (int)t[i].k;
    return -1;
}

/* Converts in[0..n) with cd; on success stores the single UTF-32LE code
 * point produced and returns 1; 0 when iconv needs more input (EINVAL);
 * -1 when the bytes are invalid or produce other than one code point. */
static int iconv_one(iconv_t cd, const unsigned char *in, size_t n, uint32_t *cp)
{
    unsigned char outb[16];
    char *ip = (char *)in, *op = (char *)outb;
    size_t il = n, ol = sizeof outb;
    iconv(cd, NULL, NULL, NULL, NULL);
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    if (r == (size_t)-1)
        return errno == EINVAL ? 0 : -1;
    if (il != 0 || sizeof outb - ol != 4)
        return -1;
    *cp = (uint32_t)outb[0] | (uint32_t)outb[1] << 8 | (uint32_t)outb[2] << 16 | (uint32_t)outb[3] << 24;
    return 1;
}

ug_status ugi_decoder_open(ugi_decoder *d, const char *name)
{
    memset(d, 0, sizeof *d);
    d->cd = (iconv_t)-1;
    int k = native_kind(name);
    if (k >= 0) {
        d->kind = (ugi_enc_kind)k;
        static const char *canon[] = { "utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be" };
        strcpy(d->name, canon[k]);
        return UG_OK;
    }
    if (strlen(name) >= sizeof d->name)
        return UG_EENCODING;
    /* stateful encodings (escape sequences, shifts) cannot be decoded one
     * character at a time with exact offsets */
    if (strcasestr(name, "2022") || strcasestr(name, "UTF-7") || strcasestr(name, "UTF7") ||
        !strcasecmp(name, "HZ") || strcasestr(name, "HZ-GB"))
        return UG_EENCODING;
    iconv_t cd = iconv_open("UTF-32LE", name);
    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? UG_ENOMEM : UG_EENCODING;
    /* lower-case copy of the name for the record */
    for (size_t i = 0; name[i]; i++)
        d->name[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    /* single-byte when every byte decodes alone or is undefined */
    int single = 1;
    for (int b = 0; b < 256 && single; b++) {
        unsigned char in = (unsigned char)b;
        uint32_t cp;
        int r = iconv_one(cd, &in, 1, &cp);
        if (r == 1)
            d->table[b] = cp;
        else if (r < 0)
            d->table[b] = UGI_NO_CP;
        else
            single = 0;
    }
    if (single) {
        iconv_close(cd);
        d->kind = UGI_ENC_TABLE;
    } else {
        d->kind = UGI_ENC_ICONV;
        d->cd = cd;
    }
    return UG_OK;
}

void ugi_decoder_close(ugi_decoder *d)
{
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    d->cd = (iconv_t)-1;
}

size_t ugi_decode(ugi_decoder *d, const unsigned char *raw, size_t len, size_t pos,
                  uint32_t *cp, int *invalid)
{
    const unsigned char *p = raw + pos;
    size_t n = len - pos;
    *invalid = 0;
    switch (d->kind) {
    case UGI_ENC_UTF8:
        if (p[0] < 0x80) { *cp = p[0]; return 1; }
        {
            size_t k = ugi_utf8_decode(p, n, cp);
            if (k) return k;
        }
        break;
    case UGI_ENC_UTF16LE:
    case UGI_ENC_UTF16BE: {
        int be = d->kind == UGI_ENC_UTF16BE;
        if (n < 2) break;
        uint32_t u = be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
        if (u < 0xD800 || u > 0xDFFF) { *cp = u; return 2; }
        if (u >= 0xDC00 || n < 4) { *cp = 0xFFFD; *invalid = 1; return 2; }
        uint32_t lo = be ? (uint32_t)p[2] << 8 | p[3] : (uint32_t)p[3] << 8 | p[2];
        if (lo < 0xDC00 || lo > 0xDFFF) { *cp = 0xFFFD; *invalid = 1; return 2; }
        *cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        return 4;
    }
    case UGI_ENC_UTF32LE:
    case UGI_ENC_UTF32BE: {
        if (n < 4) break;
        uint32_t u = d->kind == UGI_ENC_UTF32BE
            ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
            : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
        if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) { *cp = 0xFFFD; *invalid = 1; return 4; }
        *cp = u;
        return 4;
    }
    case UGI_ENC_TABLE:
        if (d->table[p[0]] != UGI_NO_CP) { *cp = d->table[p[0]]; return 1; }
        break;
    case UGI_ENC_ICONV:
        for (size_t k = 1; k <= n && k <= 8; k++) {
            int r = iconv_one(d->cd, p, k, cp);
            if (r == 1) return k;
            if (r < 0) break;
        }
        break;
    }
    /* invalid: one byte (or the rest of a truncated code unit) becomes U+FFFD */
    *cp = 0xFFFD;
    *invalid = 1;
    if (d->kind == UGI_ENC_UTF16LE || d->kind == UGI_ENC_UTF16BE)
        return n < 2 ? n : 2;
    if (d->kind == UGI_ENC_UTF32LE || d->kind == UGI_ENC_UTF32BE)
        return n < 4 ? n : 4;
    return 1;
}

const char *ugi_detect(const unsigned char *raw, size_t len, size_t *bom_len, const char **why)
{
    *bom_len = 0;
    *why = "bom";
    if (len >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF) { *bom_len = 3; return "UTF-8"; }
    if (len >= 4 && raw[0] == 0xFF && raw[1] == 0xFE && raw[2] == 0 && raw[3] == 0) { *bom_len = 4; return "UTF-32LE"; }
    if (len >= 4 && raw[0] == 0 && raw[1] == 0 && raw[2] == 0xFE && raw[3] == 0xFF) { *bom_len = 4; return "UTF-32BE"; }
    if (len >= 2 && raw[0] == 0xFF && raw[1] == 0xFE) { *bom_len = 2; return "UTF-16LE"; }
    if (len >= 2 && raw[0] == 0xFE && raw[1] == 0xFF) { *bom_len = 2; return "UTF-16BE"; }
    /* UTF-16 without a BOM: zero high bytes on one side */
    size_t units = (len < 8192 ? len : 8192) / 2, zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < units; i++) {
        zero_even += raw[2 * i] == 0;
        zero_odd += raw[2 * i + 1] == 0;
    }
    if (units >= 2) {
        if (zero_odd * 4 >= units && zero_even * 16 < units) { *why = "nul-pattern"; return "UTF-16LE"; }
        if (zero_even * 4 >= units && zero_odd * 16 < units) { *why = "nul-pattern"; return "UTF-16BE"; }
    }
    if (ug_utf8_valid_prefix((const char *)raw, len) == len) { *why = "valid"; return "UTF-8"; }
    size_t good = 0, bad = 0, i = 0;
    while (i < len) {
        if (raw[i] < 0x80) { i++; continue; }
        uint32_t cp;
        size_t k = ugi_utf8_decode(raw + i, len - i, &cp);
        if (k) { good++; i += k; }
        else { bad++; i++; }
    }
    if (!bad) { *why = "valid"; return "UTF-8"; }
    if (good >= 4 * bad) { *why = "mostly-valid"; return "UTF-8"; }
    *why = "fallback";
    return "WINDOWS-1252";
}
