/* ug/offmap.h: map from normalized output offsets back to raw input bytes and line:column. */
#ifndef UG_OFFMAP_H
#define UG_OFFMAP_H

#include <stddef.h>
#include "ug/buf.h"
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One anchor: output byte offset @c out corresponds to raw input byte
 *  offset @c in, which lies on raw line @c line (1-based, counting LF
 *  characters) at byte column @c col (1-based). */
typedef struct {
    size_t out;
    size_t in;
    size_t line;
    size_t col;
} ug_anchor;

/** A piecewise map from output to input offsets. Between two anchors,
 *  a segment whose output and input lengths are equal maps byte for byte
 *  (it is unchanged text, or a same-length replacement); a segment whose
 *  lengths differ is a replacement and all of it maps to its first input
 *  byte. Before the first anchor the map is the identity. An empty map is
 *  the identity (the text was not changed). Owns v; a zeroed struct is
 *  an empty map. */
typedef struct {
    ug_anchor *v;       /**< anchors, out and in both non-decreasing */
    size_t n;
    size_t cap;
    size_t out_len;     /**< length of the output text */
    size_t in_len;      /**< length of the raw input */
} ug_offmap;

/** Frees the anchors and empties the map. */
void ug_offmap_free(ug_offmap *m);

/** Appends an anchor. Anchors must come with non-decreasing out and in.
 *  An anchor at the same out offset as the last one replaces nothing:
 *  both are kept (the later one wins for lookups at that offset).
 *  @return UG_OK, UG_EINVAL (order broken) or UG_ENOMEM. */
ug_status ug_offmap_add(ug_offmap *m, size_t out, size_t in, size_t line, size_t col);

/** Maps the output span [@p start, @p end) to the raw input span
 *  [*in_start, *in_end). Offsets past out_len are clamped. */
void ug_offmap_span(const ug_offmap *m, size_t start, size_t end,
                    size_t *in_start, size_t *in_end);

/** Maps output offset @p off to its raw line and byte column (1-based).
 *  @p text[0..text_len) is the output text the map belongs to (needed to
 *  count lines inside unchanged segments). */
void ug_offmap_linecol(const ug_offmap *m, const char *text, size_t text_len,
                       size_t off, size_t *line, size_t *col);

/** Appends the anchors as a JSON array of [out,in,line,col] arrays. */
ug_status ug_offmap_to_json(const ug_offmap *m, ug_buf *out);

/** Reads anchors written by ug_offmap_to_json() from @p json[0..len)
 *  into @p m (previous content discarded). out_len/in_len are left as
 *  they are. @return UG_OK, UG_EJSON (malformed or unordered) or UG_ENOMEM. */
ug_status ug_offmap_from_json(ug_offmap *m, const char *json, size_t len);

#ifdef __cplusplus
}
#endif
#endif
