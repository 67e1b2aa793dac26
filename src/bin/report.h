/* report.h: the HTML review page of score --report.
 *
 * One self-contained page (inline CSS, script and SVG; nothing fetched):
 * a summary, a histogram of scores, a sortable table of the units, a filter
 * by detector, and every unit's text with its flagged spans highlighted.
 * The page is streamed: each unit's section goes to the file as it is
 * added, the table rows to an unlinked scratch file beside it; only the
 * counts and the names of the detectors seen stay in memory. The page is
 * written to a temporary file next to FILE and renamed to FILE by
 * report_finish(), so FILE is either the old file or a complete page. */
#ifndef UG_REPORT_H
#define UG_REPORT_H

#include <stddef.h>

/* An open report (opaque). */
typedef struct report report;

/* One scored unit (a record, or a document with --by=doc). Everything is
 * borrowed for the duration of report_add(). */
typedef struct {
    const char *id;             /* decoded id, id_len bytes ("" when none) */
    size_t id_len;
    double score;               /* 0..1 */
    int kept;                   /* nonzero when the score is at least the threshold */
    const char *reasons;        /* NUL-terminated "det:weight,det:weight", or NULL */
    const char *text;           /* decoded UTF-8 text, text_len bytes */
    size_t text_len;
    const char *flags;          /* raw JSON array of ug.flags, or NULL */
    size_t flags_len;
    const char *doc_flags;      /* raw JSON array of ug.doc_flags, or NULL */
    size_t doc_flags_len;
} report_unit;

/* Starts a report that will become the file path: creates its temporary
 * file and its scratch file and writes the head of the page. threshold
 * is the score that kept units reach; threshold_note says where it comes
 * from (shown as is; may be NULL); by_doc names the units documents
 * instead of records. path is borrowed and must outlive the report.
 * Returns the report (owned by the caller: release it with report_finish()
 * or report_abort()), or NULL with errno set (nothing is left on disk).
 * A temporary file still present when the program exits is removed. */
report *report_open(const char *path, double threshold, const char *threshold_note, int by_doc);

/* Appends the section of unit u to the page and its row to the table.
 * Flag spans are byte offsets into u->text: spans past the text are
 * clamped to it, empty ones are not highlighted, offsets inside a UTF-8
 * character are widened to the whole character, and overlapping spans
 * are split into segments that carry every flag covering them. Returns 0,
 * or -1 with errno set after a write or memory error (the report is then
 * unusable: call report_abort()). */
int report_add(report *r, const report_unit *u);

/* Writes the summary, histogram, filter, table and script, closes the
 * page and renames it to its path. Frees r whatever happens. Returns 0,
 * or -1 with errno set (the temporary file is removed then). */
int report_finish(report *r);

/* Removes the temporary file and frees r (NULL is a no-op). */
void report_abort(report *r);

#endif
