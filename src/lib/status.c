/* status.c: status messages, version and the fault-injecting allocation wrapper. */
#include "config.h"
#include <stdlib.h>
#include "ug/status.h"

const char *ug_strerror(ug_status s)
{
    switch (s) {
    case UG_OK: return "success";
    case UG_EOF: return "end of input";
    case UG_ENOMEM: return "out of memory";
    case UG_EIO: return "input/output error";
    case UG_EINVAL: return "invalid argument";
    case UG_ETOOLONG: return "line too long";
    case UG_EJSON: return "invalid JSON";
    case UG_EUTF8: return "invalid UTF-8";
    case UG_EENCODING: return "unusable character encoding";
    case UG_ERECORD: return "invalid record";
    }
    return "unknown error";
}

const char *ug_version(void) { return PACKAGE_VERSION; }

/* per thread, so that threads allocating at once do not race */
static _Thread_local long fail_after = -1;      /* allocations left before failing; <0: never */
static _Thread_local unsigned long alloc_count; /* attempts since the last reset */

void ug_alloc_fail_after(long n) { fail_after = n; alloc_count = 0; }
unsigned long ug_alloc_count(void) { return alloc_count; }

/* Decides whether this allocation attempt must fail (fault injection). */
static int injected_failure(void)
{
    alloc_count++;
    if (fail_after < 0)
        return 0;
    if (fail_after == 0)
        return 1;
    fail_after--;
    return 0;
}

void *ug_malloc(size_t n)
{
    if (injected_failure())
        return NULL;
    return malloc(n ? n : 1);
}

void *ug_realloc(void *p, size_t n)
{
    if (injected_failure())
        return NULL;
    return realloc(p, n ? n : 1);
}

void ug_free(void *p) { free(p); }
