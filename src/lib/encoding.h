/* encoding.h (internal): character encoding detection and per-code-point decoding with raw offsets. */
#ifndef UGI_ENCODING_H
#define UGI_ENCODING_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include "ug/status.h"

typedef enum {
    UGI_ENC_UTF8, UGI_ENC_UTF16LE, UGI_ENC_UTF16BE, UGI_ENC_UTF32LE, UGI_ENC_UTF32BE,
    UGI_ENC_TABLE,      /* single-byte encoding, table built through iconv */
    UGI_ENC_ICONV       /* any other encoding iconv knows, stepped one character at a time */
} ugi_enc_kind;

#define UGI_NO_CP 0xFFFFFFFFu   /* table entry for a byte the encoding leaves undefined */

/** A decoder. Owns its iconv descriptor (UGI_ENC_ICONV only). */
typedef struct {
    ugi_enc_kind kind;
    char name[48];          /* canonical name, recorded in ug.norm */
    uint32_t table[256];    /* UGI_ENC_TABLE: byte -> code point or UGI_NO_CP */
    iconv_t cd;             /* UGI_ENC_ICONV: to UTF-32LE; (iconv_t)-1 otherwise */
} ugi_decoder;

/** Opens a decoder for encoding @p name (any iconv name; UTF-8/16/32
 *  variants are decoded natively). @return UG_OK, UG_EENCODING (iconv
 *  does not know it, or it is a stateful encoding such as ISO-2022-JP or
 *  UTF-7, which this decoder refuses) or UG_ENOMEM. Close with ugi_decoder_close(). */
ug_status ugi_decoder_open(ugi_decoder *d, const char *name);

/** Releases what the decoder holds. Safe on an opened or failed decoder. */
void ugi_decoder_close(ugi_decoder *d);

/** Decodes one character at @p raw[pos..len) (pos < len). Stores the
 *  code point in *cp (U+FFFD for an invalid or truncated sequence, then
 *  *invalid is set to 1, else 0) and returns the bytes consumed (>= 1). */
size_t ugi_decode(ugi_decoder *d, const unsigned char *raw, size_t len, size_t pos,
                  uint32_t *cp, int *invalid);

/** Guesses the encoding of a document. Writes the byte length of a
 *  byte order mark to *bom_len and a static word saying why to *why
 *  ("bom", "valid", "mostly-valid", "nul-pattern", "fallback").
 *  @return a static encoding name for ugi_decoder_open(). Rules:
 *  BOM (UTF-8, UTF-32 before UTF-16) wins; then valid UTF-8; then UTF-16
 *  without BOM when at least 1/4 of the first 4096 code units have a zero
 *  high byte on one side only; then UTF-8 with replacement when valid
 *  multi-byte sequences outnumber invalid bytes 4 to 1; otherwise
 *  windows-1252 (the WHATWG reading of ISO-8859-1 labels as well). */
const char *ugi_detect(const unsigned char *raw, size_t len, size_t *bom_len, const char **why);

/** Decodes one UTF-8 sequence at p[0..n) (p[0] >= 0x80): returns its
 *  length and stores the code point, or returns 0 when invalid. */
size_t ugi_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

#endif
