/* ug/normalize.h: turn raw document bytes into clean UTF-8 with an offset map. */
#ifndef UG_NORMALIZE_H
#define UG_NORMALIZE_H

#include <stddef.h>
#include "ug/buf.h"
#include "ug/offmap.h"
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Option bits of ug_norm_opts.flags. */
enum {
    UG_NORM_NFKC = 1 << 0,          /**< NFKC instead of NFC */
    UG_NORM_NO_MOJIBAKE = 1 << 1,   /**< do not repair mojibake or C1 controls */
    UG_NORM_NO_ENTITIES = 1 << 2,   /**< do not decode HTML character references */
    UG_NORM_KEEP_SPACES = 1 << 3,   /**< keep runs of spaces and trailing blanks */
    UG_NORM_ASCII_PUNCT = 1 << 4,   /**< fold curly quotes, dashes, ellipses to ASCII */
    UG_NORM_INVALID_FAIL = 1 << 5,  /**< invalid input bytes are an error (UG_EUTF8) */
    UG_NORM_NO_MAP = 1 << 6,        /**< do not build the offset map */
    UG_NORM_TEXT_IS_UTF8 = 1 << 7,  /**< input is known UTF-8 (no BOM sniffing or guessing) */
    UG_NORM_GENERAL_PATH = 1 << 8   /**< every line through the general path; the output is
                                         the same (lets tests compare the fast paths) */
};

/** Options of ug_normalize(). A zeroed struct gives the defaults. */
typedef struct {
    unsigned flags;         /**< UG_NORM_* bits */
    const char *from;       /**< forced input encoding (iconv name), or NULL to detect */
} ug_norm_opts;

/** What ug_normalize() did to one document. Owns the map; release with
 *  ug_norm_result_free(). */
typedef struct {
    char encoding[48];          /**< encoding the input was read as */
    const char *encoding_why;   /**< static: "forced", "bom", "valid", "mostly-valid",
                                     "nul-pattern", "fallback", "text" */
    size_t bytes_in, bytes_out;
    size_t first_invalid;       /**< raw offset of the first invalid byte (if invalid > 0) */
    /* changes, counted per occurrence */
    size_t invalid;             /**< invalid byte sequences replaced by U+FFFD */
    size_t mojibake;            /**< mojibake sequences and C1 controls repaired */
    size_t entities;            /**< HTML character references decoded */
    size_t spaces;              /**< space separators turned into U+0020 */
    size_t newlines;            /**< CR, CRLF, U+2028, U+2029, NEL turned into LF */
    size_t controls;            /**< control characters and escape sequences removed */
    size_t invisible;           /**< ZWSP, soft hyphens, stray BOMs, stray ZWJ/ZWNJ removed */
    size_t folded;              /**< ligatures and fullwidth letters or digits folded */
    size_t punct;               /**< quotes, dashes, ellipses folded (UG_NORM_ASCII_PUNCT) */
    size_t unicode;             /**< runs changed by NFC/NFKC */
    size_t collapsed;           /**< runs of spaces collapsed */
    size_t trimmed;             /**< lines whose trailing blanks were removed */
    /* typography as written (after repair, before any folding) */
    size_t curly_quotes, straight_quotes, dashes, ellipses;
    size_t lines;               /**< output lines */
    ug_offmap map;              /**< output -> raw offsets; empty when unchanged */
} ug_norm_result;

/** Receives normalized output in order, in chunks that never split a
 *  UTF-8 character; the bytes are only valid during the call. Returns
 *  UG_OK to go on. */
typedef ug_status (*ug_sink)(void *ctx, const char *p, size_t n);

/** Normalizes one document @p raw[0..len) (any encoding; see
 *  ug_norm_opts) and passes the clean UTF-8 to @p sink. Deterministic;
 *  the output of a line depends only on that line and on the encoding
 *  chosen for the document. Never deletes words or lines. Fills @p res
 *  (which the caller owns; previous content is overwritten, so free it
 *  first when reusing). @return UG_OK; UG_EUTF8 with res->first_invalid
 *  set when UG_NORM_INVALID_FAIL is given and an invalid byte is met
 *  (output may be partial then); UG_EENCODING for an unknown forced
 *  encoding; UG_ENOMEM; or the sink's status. */
ug_status ug_normalize(const char *raw, size_t len, const ug_norm_opts *opts,
                       ug_sink sink, void *ctx, ug_norm_result *res);

/** Frees what @p res owns (the map). */
void ug_norm_result_free(ug_norm_result *res);

/** Appends the JSON object for ug.norm describing @p res: encoding,
 *  byte counts, the non-zero change counts, typography counts and, when
 *  the text changed, the offset map. */
ug_status ug_norm_result_json(const ug_norm_result *res, ug_buf *out);

/** Convenience: normalizes @p raw into @p out (appended). Same contract
 *  as ug_normalize(). */
ug_status ug_normalize_buf(const char *raw, size_t len, const ug_norm_opts *opts,
                           ug_buf *out, ug_norm_result *res);

#ifdef __cplusplus
}
#endif
#endif
