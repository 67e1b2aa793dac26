/* ug/status.h: status codes, error details and the allocation wrapper of libungarble. */
#ifndef UG_STATUS_H
#define UG_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status returned by every fallible libungarble function.
 *  0 is success, negative values are errors, positive values are
 *  non-error states (end of input). */
typedef enum {
    UG_OK = 0,
    UG_EOF = 1,         /**< no more input */
    UG_ENOMEM = -1,     /**< an allocation failed */
    UG_EIO = -2,        /**< read or write error; errno is kept */
    UG_EINVAL = -3,     /**< invalid argument */
    UG_ETOOLONG = -4,   /**< a line is longer than the configured maximum */
    UG_EJSON = -5,      /**< malformed JSON */
    UG_EUTF8 = -6,      /**< invalid UTF-8 where it is not allowed */
    UG_EENCODING = -7,  /**< unknown or unusable character encoding */
    UG_ERECORD = -8     /**< well-formed JSON that breaks the record contract */
} ug_status;

/** Details of a parse error. All fields are filled by the function that
 *  fails; msg points to static storage and is never freed. */
typedef struct {
    ug_status code;     /**< the error code */
    const char *msg;    /**< static English message, no trailing newline */
    size_t offset;      /**< byte offset of the error in the parsed input */
} ug_error;

/** Returns a static English description of @p s. Never NULL. */
const char *ug_strerror(ug_status s);

/** Library version string, e.g. "0.1.0". Static storage. */
const char *ug_version(void);

/** Allocation wrapper used by every allocation inside libungarble.
 *  Same contract as malloc(3)/realloc(3)/free(3), except that
 *  ug_malloc(0) returns a unique non-NULL pointer. Memory from these
 *  functions must be released with ug_free(). */
void *ug_malloc(size_t n);
void *ug_realloc(void *p, size_t n);
void ug_free(void *p);

/** Fault injection for tests: after @p n more successful allocations,
 *  every further ug_malloc/ug_realloc call fails (returns NULL) until
 *  the next call of ug_alloc_fail_after(). A negative @p n disables
 *  injection (the default). The setting and the count are per thread:
 *  they govern the allocations of the calling thread only. Test use. */
void ug_alloc_fail_after(long n);

/** Number of allocations attempted since the last ug_alloc_fail_after()
 *  call (successful or not). Lets a test walk every allocation. */
unsigned long ug_alloc_count(void);

#ifdef __cplusplus
}
#endif
#endif
