/* ug/segment.h: split document text into paragraphs and sentences with exact byte offsets. */
#ifndef UG_SEGMENT_H
#define UG_SEGMENT_H

#include <stddef.h>
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a sentence is, judged from cheap features of its line or
 *  paragraph. A label only: nothing is ever dropped. */
typedef enum {
    UG_SEG_BODY,        /**< running text */
    UG_SEG_HEADLINE,    /**< short line without final punctuation */
    UG_SEG_CAPTION,     /**< photo caption or credit, or the line a credit follows */
    UG_SEG_BYLINE,      /**< "By Name" */
    UG_SEG_DATELINE,    /**< date line, one-word place or agency line at the top,
                             or a "CITY –" / "date 2024-04-26" prefix */
    UG_SEG_LIST,        /**< line starting with a list marker */
    UG_SEG_BOILERPLATE  /**< navigation, sign-off, update and sign-up notes */
} ug_seg_kind;

/** Option bits of ug_seg_opts.flags. */
enum {
    UG_SEG_SOFT_NEWLINES = 1 << 0,  /**< single newlines are spaces (wrapped prose);
                                         default: every line is a paragraph */
    UG_SEG_UAX29 = 1 << 1           /**< plain Unicode UAX #29 boundaries, no news rules */
};

/** Flag bits of ug_sentence.flags. */
enum {
    UG_SEG_GLUED = 1 << 0,  /**< the sentence ends at a terminator directly followed
                                 by the next sentence, without a space ("here.Next") */
    UG_SEG_FORCED = 1 << 1  /**< the sentence was cut at the length cap */
};

/** Default cap on the length of one sentence: 64 KiB. */
#define UG_SEG_DEFAULT_MAX_SENTENCE ((size_t)64 << 10)

/** Options of ug_segmenter_new(). A zeroed struct gives the defaults. */
typedef struct {
    unsigned flags;         /**< UG_SEG_* option bits */
    const char *lang;       /**< "en" (default when NULL), "es", "fr" or "de" */
    size_t max_sentence;    /**< longest sentence in bytes before a forced cut
                                 (0: UG_SEG_DEFAULT_MAX_SENTENCE; at least 16) */
} ug_seg_opts;

/** One sentence. Offsets are bytes, half-open, into the document text as
 *  passed (counting all earlier parts for ug_segment_next()). The span
 *  never starts or ends with white space, and everything between two
 *  consecutive spans of a document is white space (Unicode White_Space),
 *  so the document can be rebuilt from its sentences. */
typedef struct {
    size_t para;        /**< 0-based paragraph number in the document */
    size_t sent;        /**< 0-based sentence number in the paragraph */
    size_t start, end;  /**< byte span in the document */
    ug_seg_kind kind;
    unsigned flags;     /**< UG_SEG_GLUED, UG_SEG_FORCED */
} ug_sentence;

/** Receives the sentences in document order. Returns UG_OK to go on;
 *  any other status stops the segmentation and is returned by it. */
typedef ug_status (*ug_seg_cb)(void *ctx, const ug_sentence *s);

/** Opaque segmenter: options plus the state of the current document. */
typedef struct ug_segmenter ug_segmenter;

/** Creates a segmenter. @p opts may be NULL for the defaults.
 *  @return the segmenter, or NULL when out of memory or when an option is
 *  invalid (unknown language, max_sentence below 16; see
 *  ug_seg_lang_known()). Free it with ug_segmenter_free(). */
ug_segmenter *ug_segmenter_new(const ug_seg_opts *opts);

/** Frees @p sg. NULL is a no-op. */
void ug_segmenter_free(ug_segmenter *sg);

/** Nonzero when @p lang names a language with compiled-in data. */
int ug_seg_lang_known(const char *lang);

/** Segments @p text[0..len) as a new document and calls @p cb once per
 *  sentence, in order. The text should be valid UTF-8 (invalid bytes are
 *  read as U+FFFD and never split). Time is linear in len; nothing is
 *  allocated; no byte is changed. Whitespace-only text gives no sentence.
 *  @return UG_OK, UG_EINVAL (NULL text with len > 0), or cb's status. */
ug_status ug_segment(ug_segmenter *sg, const char *text, size_t len,
                     ug_seg_cb cb, void *ctx);

/** Segments @p text[0..len) as the continuation of the document of the
 *  previous ug_segment() or ug_segment_next() call: it starts a new
 *  paragraph, paragraph numbers go on, offsets count from the start of
 *  the first part, and the document-level state (whether the body has
 *  begun) is kept. Otherwise as ug_segment(). */
ug_status ug_segment_next(ug_segmenter *sg, const char *text, size_t len,
                          ug_seg_cb cb, void *ctx);

/** Static lowercase name of @p kind ("body", "headline", ...); "body"
 *  for values out of range. */
const char *ug_seg_kind_name(ug_seg_kind kind);

#ifdef __cplusplus
}
#endif
#endif
