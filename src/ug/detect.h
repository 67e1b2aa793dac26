/* ug/detect.h: explainable detectors of machine-translation and scraping artifacts. */
#ifndef UG_DETECT_H
#define UG_DETECT_H

#include <stddef.h>
#include "ug/buf.h"
#include "ug/segment.h"
#include "ug/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A document as the detectors see it. Everything is borrowed from the
 *  caller and must stay valid during ug_detect(). */
typedef struct {
    const char *text;           /**< the document text, UTF-8 */
    size_t len;
    const ug_sentence *sents;   /**< its sentences in order (spans into text) */
    size_t nsents;
    /* typography counts of the raw document as normalize recorded them
       (ug.norm.typography), or -1 each when unknown: then detectors count
       in text */
    long curly_quotes, straight_quotes, dashes, ellipses;
} ug_doc;

/** One finding. Span findings have doc == 0 and a byte span [start, end)
 *  into the document text; document findings have doc == 1 and no span. */
typedef struct {
    unsigned det;       /**< index of the detector (ug_detector_get()) */
    int doc;            /**< 1 for a document-level finding */
    size_t start, end;  /**< span in the document text (doc == 0) */
    size_t ev;          /**< offset of the evidence string in the pool */
} ug_finding;

/** Findings of one document. Owns its arrays; a zeroed struct is empty;
 *  release with ug_findings_free(). */
typedef struct {
    ug_finding *v;
    size_t n, cap;
    ug_buf pool;        /**< evidence strings, each NUL-terminated */
} ug_findings;

/** Appends a span finding for detector @p det with printf-style evidence.
 *  @return UG_OK, UG_EINVAL (start > end) or UG_ENOMEM. */
ug_status ug_findings_add(ug_findings *f, unsigned det, size_t start, size_t end,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** Appends a document-level finding for detector @p det. */
ug_status ug_findings_add_doc(ug_findings *f, unsigned det, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** The evidence string of finding @p x (owned by @p f). */
const char *ug_finding_evidence(const ug_findings *f, const ug_finding *x);

/** Empties @p f, keeping its storage. */
void ug_findings_clear(ug_findings *f);

/** Frees what @p f owns. */
void ug_findings_free(ug_findings *f);

/** What a detector finds: artifacts of machine translation, or residue
 *  of scraping and templates (which a score keeps apart from MT). */
typedef enum { UG_DET_MT, UG_DET_RESIDUE } ug_det_family;

/** A detector: a name, a one-line summary, and a function that appends
 *  its findings for one document (passing @p self as the det index). */
typedef struct {
    const char *id;
    const char *summary;
    ug_det_family family;
    ug_status (*run)(const ug_doc *doc, unsigned self, ug_findings *out);
} ug_detector;

/** Number of detectors compiled in. */
size_t ug_detector_count(void);

/** Detector @p i (0 <= i < ug_detector_count()), static storage. */
const ug_detector *ug_detector_get(size_t i);

/** Index of the detector named @p id, or -1. */
long ug_detector_find(const char *id);

/** Runs the detectors whose entry in @p enabled is nonzero (all of them
 *  when @p enabled is NULL) over @p doc, appending to @p out; findings
 *  come sorted by start offset (document findings first).
 *  @return UG_OK or the first error of a detector (UG_ENOMEM). */
ug_status ug_detect(const ug_doc *doc, const unsigned char *enabled, ug_findings *out);

#ifdef __cplusplus
}
#endif
#endif
