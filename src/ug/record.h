/* ug/record.h: strict JSON Lines record codec (RFC 8259) with byte-exact pass-through. */
#ifndef UG_RECORD_H
#define UG_RECORD_H

#include <stddef.h>
#include "ug/buf.h"
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** JSON value types, as found by the parser. */
typedef enum {
    UG_JSON_NULL, UG_JSON_FALSE, UG_JSON_TRUE, UG_JSON_NUMBER,
    UG_JSON_STRING, UG_JSON_ARRAY, UG_JSON_OBJECT
} ug_json_type;

/** One member of a parsed object. Pointers borrow the parsed line. */
typedef struct {
    const char *key;        /**< raw key token, quotes included */
    size_t key_len;
    const char *val;        /**< raw value token, exactly as written */
    size_t val_len;
    ug_json_type type;      /**< type of the value */
} ug_json_member;

/** A parsed JSON object: the list of its top-level members in order.
 *  The record borrows the parsed bytes (which must outlive it) and owns
 *  the member array. A zeroed struct is an empty record; release it with
 *  ug_record_free(). */
typedef struct {
    ug_json_member *m;      /**< members, in input order */
    size_t n;               /**< number of members */
    size_t cap;             /**< allocated members */
} ug_record;

/** Default nesting limit of ug_record_parse(). */
#define UG_JSON_MAX_DEPTH 512

/** Parses @p s[0..len) as exactly one JSON object, optionally surrounded
 *  by JSON whitespace, per RFC 8259: strict string escapes (a lone
 *  surrogate escape is an error), no control characters in strings, the
 *  number grammar, true/false/null, at most @p max_depth nested arrays and
 *  objects (0 means UG_JSON_MAX_DEPTH), UTF-8 validated everywhere. NUL
 *  bytes are allowed in the input and are errors wherever JSON forbids
 *  them. On success fills @p rec (previous content discarded) and returns
 *  UG_OK. On failure returns UG_EJSON (or UG_ENOMEM) and, when @p err is
 *  not NULL, fills it with a static message and the byte offset. */
ug_status ug_record_parse(ug_record *rec, const char *s, size_t len,
                          unsigned max_depth, ug_error *err);

/** Like ug_record_parse() for bytes known to be valid: @p s[0..len) must
 *  be an object that ug_record_parse() accepted, or the raw value of an
 *  object member of a record it parsed. Only the members are found;
 *  nothing is checked again but the nesting. @return UG_OK, UG_ENOMEM, or
 *  UG_EJSON when the object nests deeper than UG_JSON_MAX_DEPTH (or is not
 *  an object). */
ug_status ug_record_parse_valid(ug_record *rec, const char *s, size_t len);

/** ug_record_parse_valid() that stops after the first member named @p key
 *  (as ug_record_find() matches names; NULL: none, the whole object): then
 *  @p rec lists the members before it and it, and the rest of the object
 *  is not read. For a member near the start of a long object. @return as
 *  ug_record_parse_valid(). */
ug_status ug_record_parse_valid_upto(ug_record *rec, const char *s, size_t len, const char *key);

/** Frees the member array of @p rec (not the parsed bytes). */
void ug_record_free(ug_record *rec);

/** Index of the first member of @p rec whose decoded key equals the
 *  NUL-terminated @p key, or -1. Keys written with escapes compare by
 *  their decoded value. */
long ug_record_find(const ug_record *rec, const char *key);

/** Number of members of @p rec whose decoded key equals @p key. */
size_t ug_record_count_key(const ug_record *rec, const char *key);

/** Appends the decoded content of the string token @p tok[0..len)
 *  (quotes included, as found by ug_record_parse) to @p out. The token
 *  must come from a successful parse. @return UG_OK or UG_ENOMEM. */
ug_status ug_json_decode_string(const char *tok, size_t len, ug_buf *out);

/** Appends @p s[0..n) as a JSON string token (with quotes) to @p out,
 *  escaping '"', '\\' and control characters below U+0020. @p s must be
 *  valid UTF-8 (the caller guarantees it). @return UG_OK or UG_ENOMEM. */
ug_status ug_json_put_string(ug_buf *out, const char *s, size_t n);

/** Like ug_json_put_string() without the surrounding quotes, so a long
 *  string can be written in pieces (split only between characters). */
ug_status ug_json_put_escaped(ug_buf *out, const char *s, size_t n);

/** A field to set when writing a record: @p key is a plain key (written
 *  escaped), @p json a complete raw JSON value of @p json_len bytes. */
typedef struct {
    const char *key;
    const char *json;
    size_t json_len;
} ug_field;

/** Writes @p rec back as one JSON line (with the final '\n') to @p out:
 *  members in input order, byte for byte, except that a member named like
 *  a field of @p top gets that field's value, and fields of @p top not
 *  present are appended. Then the annotations @p ug[0..nug) are merged
 *  under the key "ug": an existing "ug" object keeps its other members in
 *  order and byte for byte; a missing one is appended last. With nug == 0
 *  the "ug" member is left as it is. @p rec may be NULL (a new record).
 *  An existing "ug" member must be an object (see ug_record_check()).
 *  @return UG_OK, UG_ENOMEM (out may hold a partial line then), or
 *  UG_EINVAL when the existing "ug" object nests deeper than
 *  UG_JSON_MAX_DEPTH (only possible for records parsed with a larger
 *  limit). */
ug_status ug_record_write(ug_buf *out, const ug_record *rec,
                          const ug_field *top, size_t ntop,
                          const ug_field *ug, size_t nug);

/** Checks the record contract for a parsed record: the text field
 *  @p text_key (when not NULL) exists once and is a string, the id field
 *  @p id_key (when not NULL) appears at most once and is a string or a
 *  number, and "ug" appears at most once and is an object.
 *  @return UG_OK, or UG_ERECORD with @p err filled (static message). */
ug_status ug_record_check(const ug_record *rec, const char *text_key,
                          const char *id_key, ug_error *err);

/** Validates @p s[0..n) as UTF-8 (no surrogates, no overlongs, at most
 *  U+10FFFF). @return n when valid, else the offset of the first invalid
 *  byte. */
size_t ug_utf8_valid_prefix(const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
