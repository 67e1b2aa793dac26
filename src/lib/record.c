/* record.c: strict JSON Lines record parser and writer. */
#include "config.h"
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "ug/record.h"

/* ---- UTF-8 ---------------------------------------------------------- */

/* Length of the valid UTF-8 sequence starting at p (at most n bytes
 * available), or 0 when the bytes there are not a valid sequence. p[0]
 * must be >= 0x80. Rejects overlongs, surrogates and values > U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;      /* overlong */
        if (c == 0xED && p[1] >= 0xA0) return 0;     /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;      /* overlong */
        if (c == 0xF4 && p[1] >= 0x90) return 0;     /* > U+10FFFF */
        return 4;
    }
    return 0;
}

size_t ug_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII fast path, 32 then 8 bytes at a time */
        while (i + 32 <= n) {
            uint64_t w[4];
            memcpy(w, p + i, 32);
            if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL)
                break;
            i += 32;
        }
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (p[i] < 0x80) { i++; continue; }
        size_t k = utf8_seq(p + i, n - i);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

/* ---- parser --------------------------------------------------------- */

typedef struct {
    const unsigned char *s;
    size_t n;
    size_t i;
    unsigned max_depth;
    ug_error *err;
} parser;

/* Records an error at the current position and returns UG_EJSON. */
static ug_status fail(parser *p, const char *msg)
{
    if (p->err) {
        p->err->code = UG_EJSON;
        p->err->msg = msg;
        p->err->offset = p->i;
    }
    return UG_EJSON;
}

static void skip_ws(parser *p)
{
    while (p->i < p->n) {
        unsigned char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->i++;
    }
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reads 4 hex digits at p->s[p->i]; returns the value or -1. */
static long hex4(parser *p)
{
    if (p->n - p->i < 4)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(p->s[p->i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    p->i += 4;
    return v;
}

#define HI8 0x8080808080808080ULL
#define LO7 0x7F7F7F7F7F7F7F7FULL
#define REP8(c) (0x0101010101010101ULL * (uint64_t)(c))

/* Nonzero when one of the 8 bytes of w is '"', '\\', below 0x20 or
 * above 0x7F (the bytes a JSON string scan must stop at). */
static inline uint64_t special8(uint64_t w)
{
    uint64_t q = w ^ REP8('"'), b = w ^ REP8('\\');
    uint64_t eq = ~(((q & LO7) + LO7) | q) | ~(((b & LO7) + LO7) | b);
    uint64_t lt = ~((w & LO7) + REP8(0x60)) & ~w;
    return (eq | lt | w) & HI8;
}

/* Index of the first byte at or after s[i] that a JSON string scan must
 * stop at: '"', '\\', a byte below 0x20, and with @p high a byte above
 * 0x7F too (the parser checks UTF-8 there; the writer passes it). Or a
 * point before n after which fewer than 16 bytes are left: sixteen bytes at
 * a time with SSE2 (a signed compare below 0x20 takes the bytes above 0x7F;
 * a byte is below 0x20 unsigned when its minimum with 0x1F is itself);
 * i itself without SSE2. */
static inline size_t scan_run(const unsigned char *s, size_t i, size_t n, int high)
{
#ifdef __SSE2__
    const __m128i q = _mm_set1_epi8('"'), b = _mm_set1_epi8('\\'),
                  sp = _mm_set1_epi8(0x20), c = _mm_set1_epi8(0x1F);
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i low = high ? _mm_cmplt_epi8(v, sp) : _mm_cmpeq_epi8(_mm_min_epu8(v, c), v);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, b)), low);
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (unsigned)__builtin_ctz(bits);
        i += 16;
    }
#else
    (void)s;
    (void)n;
    (void)high;
#endif
    return i;
}

/* Nonzero when scan_run() returned @p i because a byte to stop at is
 * there (it scans while sixteen bytes are left, with SSE2 only). */
static inline int scan_found(size_t i, size_t n)
{
#ifdef __SSE2__
    return i + 16 <= n;
#else
    (void)i;
    (void)n;
    return 0;
#endif
}

/* Parses a string token starting at the opening quote. */
static ug_status parse_string(parser *p)
{
    p->i++; /* opening quote */
    for (;;) {
        /* fast path: plain ASCII, sixteen or eight bytes at a time; with
           sixteen bytes left, scan_run() stopped at a byte to look at */
        p->i = scan_run(p->s, p->i, p->n, 1);
        if (!scan_found(p->i, p->n)) {
            while (p->i + 8 <= p->n) {
                uint64_t w;
                memcpy(&w, p->s + p->i, 8);
                if (special8(w))
                    break;
                p->i += 8;
            }
            while (p->i < p->n) {
                unsigned char c = p->s[p->i];
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    break;
                p->i++;
            }
        }
        if (p->i >= p->n)
            return fail(p, "unterminated string");
        unsigned char c = p->s[p->i];
        if (c == '"') { p->i++; return UG_OK; }
        if (c < 0x20)
            return fail(p, c == 0 ? "NUL byte in string" : "unescaped control character in string");
        if (c >= 0x80) {
            size_t k = utf8_seq(p->s + p->i, p->n - p->i);
            if (!k)
                return fail(p, "invalid UTF-8 in string");
            p->i += k;
            continue;
        }
        /* backslash */
        p->i++;
        if (p->i >= p->n)
            return fail(p, "unterminated string");
        c = p->s[p->i];
        switch (c) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            p->i++;
            break;
        case 'u': {
            p->i++;
            long u = hex4(p);
            if (u < 0)
                return fail(p, "invalid \\u escape");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return fail(p, "lone low surrogate escape");
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (p->n - p->i < 6 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
                    return fail(p, "lone high surrogate escape");
                p->i += 2;
                long lo = hex4(p);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(p, "lone high surrogate escape");
            }
            break;
        }
        default:
            return fail(p, "invalid escape in string");
        }
    }
}

static int isdigit_(unsigned char c) { return c >= '0' && c <= '9'; }

static ug_status parse_number(parser *p)
{
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    if (p->i >= p->n || !isdigit_(p->s[p->i]))
        return fail(p, "invalid number");
    if (p->s[p->i] == '0') {
        p->i++;
    } else {
        while (p->i < p->n && isdigit_(p->s[p->i]))
            p->i++;
    }
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (p->i >= p->n || !isdigit_(p->s[p->i]))
            return fail(p, "invalid number: digit expected after '.'");
        while (p->i < p->n && isdigit_(p->s[p->i]))
            p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (p->i >= p->n || !isdigit_(p->s[p->i]))
            return fail(p, "invalid number: digit expected in exponent");
        while (p->i < p->n && isdigit_(p->s[p->i]))
            p->i++;
    }
    return UG_OK;
}

static ug_status parse_value(parser *p, unsigned depth, ug_json_type *type);

/* Appends a copy of @p mem to the member array of @p rec, growing it
 * (doubling, from 8). @return UG_OK or UG_ENOMEM, @p rec unchanged. */
static ug_status push_member(ug_record *rec, const ug_json_member *mem)
{
    if (rec->n == rec->cap) {
        size_t nc = rec->cap ? rec->cap * 2 : 8;
        ug_json_member *m = ug_realloc(rec->m, nc * sizeof *m);
        if (!m)
            return UG_ENOMEM;
        rec->m = m;
        rec->cap = nc;
    }
    rec->m[rec->n++] = *mem;
    return UG_OK;
}

static ug_status parse_literal(parser *p, const char *word, size_t len)
{
    if (p->n - p->i < len || memcmp(p->s + p->i, word, len) != 0)
        return fail(p, "invalid literal");
    p->i += len;
    return UG_OK;
}

/* Parses an array or object body; the opening bracket is at p->i.
 * When rec is not NULL (top level object), members are recorded. */
static ug_status parse_container(parser *p, unsigned depth, ug_record *rec)
{
    int is_obj = p->s[p->i] == '{';
    unsigned char close = is_obj ? '}' : ']';
    if (depth > p->max_depth)
        return fail(p, "nesting too deep");
    p->i++;
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == close) { p->i++; return UG_OK; }
    for (;;) {
        ug_json_member mem;
        skip_ws(p);
        if (is_obj) {
            if (p->i >= p->n)
                return fail(p, "unexpected end of input in object");
            if (p->s[p->i] != '"')
                return fail(p, "object key must be a string");
            size_t k0 = p->i;
            ug_status st = parse_string(p);
            if (st)
                return st;
            mem.key = (const char *)p->s + k0;
            mem.key_len = p->i - k0;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return fail(p, "':' expected after object key");
            p->i++;
            skip_ws(p);
        }
        size_t v0 = p->i;
        ug_status st = parse_value(p, depth + 1, &mem.type);
        if (st)
            return st;
        if (rec) {
            mem.val = (const char *)p->s + v0;
            mem.val_len = p->i - v0;
            if (push_member(rec, &mem))
                return UG_ENOMEM;
        }
        skip_ws(p);
        if (p->i >= p->n)
            return fail(p, is_obj ? "unexpected end of input in object" : "unexpected end of input in array");
        if (p->s[p->i] == ',') { p->i++; continue; }
        if (p->s[p->i] == close) { p->i++; return UG_OK; }
        return fail(p, is_obj ? "',' or '}' expected in object" : "',' or ']' expected in array");
    }
}

static ug_status parse_value(parser *p, unsigned depth, ug_json_type *type)
{
    if (p->i >= p->n)
        return fail(p, "value expected");
    switch (p->s[p->i]) {
    case '{': *type = UG_JSON_OBJECT; return parse_container(p, depth, NULL);
    case '[': *type = UG_JSON_ARRAY; return parse_container(p, depth, NULL);
    case '"': *type = UG_JSON_STRING; return parse_string(p);
    case 't': *type = UG_JSON_TRUE; return parse_literal(p, "true", 4);
    case 'f': *type = UG_JSON_FALSE; return parse_literal(p, "false", 5);
    case 'n': *type = UG_JSON_NULL; return parse_literal(p, "null", 4);
    default:
        if (p->s[p->i] == '-' || isdigit_(p->s[p->i])) {
            *type = UG_JSON_NUMBER;
            return parse_number(p);
        }
        return fail(p, "value expected");
    }
}

ug_status ug_record_parse(ug_record *rec, const char *s, size_t len,
                          unsigned max_depth, ug_error *err)
{
    parser p = { (const unsigned char *)s, len, 0, max_depth ? max_depth : UG_JSON_MAX_DEPTH, err };
    rec->n = 0;
    skip_ws(&p);
    if (p.i >= p.n)
        return fail(&p, "empty line");
    if (p.s[p.i] != '{')
        return fail(&p, "record must be a JSON object");
    ug_status st = parse_container(&p, 1, rec);
    if (st == UG_ENOMEM) {
        if (err) { err->code = UG_ENOMEM; err->msg = "out of memory"; err->offset = p.i; }
        return st;
    }
    if (st)
        return st;
    skip_ws(&p);
    if (p.i != p.n)
        return fail(&p, "trailing data after object");
    return UG_OK;
}

/* ---- parser of validated JSON ------------------------------------------ */

/* Index of the first '"' in s[j..n), or n. Keys and short values end
 * within a few bytes: sixteen at a time with SSE2, eight bytes one by one
 * without, before a call to memchr(). */
static inline size_t quote_at(const unsigned char *s, size_t j, size_t n)
{
#ifdef __SSE2__
    const __m128i q = _mm_set1_epi8('"');
    for (int round = 0; round < 4 && j + 16 <= n; round++, j += 16) {
        unsigned bits = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + j)), q));
        if (bits)
            return j + (unsigned)__builtin_ctz(bits);
    }
#else
    for (size_t stop = n - j < 16 ? n : j + 16; j < stop; j++)
        if (s[j] == '"')
            return j;
#endif
    const unsigned char *p = j < n ? memchr(s + j, '"', n - j) : NULL;
    return p ? (size_t)(p - s) : n;
}

/* Index just past the string token opening at s[i] (from a successful
 * parse, so it is closed before n): the first quote after it not escaped
 * by an odd run of backslashes. */
static size_t valid_string_end(const unsigned char *s, size_t n, size_t i)
{
    size_t j = i + 1;
    for (;;) {
        size_t k = quote_at(s, j, n);
        if (k == n)
            return n;
        size_t b = 0;
        while (s[k - 1 - b] == '\\')   /* stops at the opening quote at worst */
            b++;
        if (!(b & 1))
            return k + 1;
        j = k + 1;
    }
}

/* Nonzero for a byte that ends a number or a literal in valid JSON. */
static int valid_scalar_end(unsigned char c)
{
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The bytes of valid JSON that matter when a container is skipped: a
 * string's quote, an opening and a closing bracket; the others (numbers,
 * literals, commas, colons, white space) are stepped over. */
enum { VJ_STR = 1, VJ_OPEN, VJ_CLOSE };
static const unsigned char valid_class[256] = {
    ['"'] = VJ_STR, ['{'] = VJ_OPEN, ['['] = VJ_OPEN, ['}'] = VJ_CLOSE, [']'] = VJ_CLOSE,
};

/* Index just past the value starting at s[i] of validated JSON whose
 * containers there open at nesting @p depth. Sets *deep and stops when a
 * container opens deeper than UG_JSON_MAX_DEPTH (as parse_container()
 * refuses it). */
static size_t valid_value_end(const unsigned char *s, size_t n, size_t i, unsigned depth, int *deep)
{
    unsigned char c = s[i];
    if (c == '"')
        return valid_string_end(s, n, i);
    if (c != '{' && c != '[') {
        while (i < n && !valid_scalar_end(s[i]))
            i++;
        return i;
    }
    unsigned level = 0;
    while (i < n) {
        switch (valid_class[s[i]]) {
        case VJ_STR:
            i = valid_string_end(s, n, i);
            break;
        case VJ_OPEN:
            if (depth + level > UG_JSON_MAX_DEPTH) {
                *deep = 1;
                return i;
            }
            level++;
            i++;
            break;
        case VJ_CLOSE:
            i++;
            if (--level == 0)
                return i;
            break;
        default:
            i++;
            while (i < n && !valid_class[s[i]])
                i++;
        }
    }
    return i;
}

/* Skips JSON white space from s[i]. */
static size_t valid_ws(const unsigned char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

void ug_record_free(ug_record *rec)
{
    if (!rec)
        return;
    ug_free(rec->m);
    rec->m = NULL;
    rec->n = rec->cap = 0;
}

/* ---- strings -------------------------------------------------------- */

ug_status ug_json_decode_string(const char *tok, size_t len, ug_buf *out)
{
    const char *s = tok + 1, *end = tok + len - 1;
    while (s < end) {
        const char *bs = memchr(s, '\\', (size_t)(end - s));
        if (!bs)
            return ug_buf_append(out, s, (size_t)(end - s));
        if (ug_buf_append(out, s, (size_t)(bs - s)))
            return UG_ENOMEM;
        s = bs + 1;
        char c = *s++;
        int ch;
        switch (c) {
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 't': ch = '\t'; break;
        case 'u': {
            uint32_t u = 0;
            for (int k = 0; k < 4; k++)
                u = u * 16 + (uint32_t)hexval((unsigned char)*s++);
            if (u >= 0xD800 && u <= 0xDBFF) {
                uint32_t lo = 0;
                s += 2;
                for (int k = 0; k < 4; k++)
                    lo = lo * 16 + (uint32_t)hexval((unsigned char)*s++);
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (ug_buf_put_utf8(out, u))
                return UG_ENOMEM;
            continue;
        }
        default: ch = c; break;
        }
        if (ug_buf_putc(out, ch))
            return UG_ENOMEM;
    }
    return UG_OK;
}

ug_status ug_json_put_string(ug_buf *out, const char *s, size_t n)
{
    if (ug_buf_reserve(out, n + 2))
        return UG_ENOMEM;
    out->data[out->len++] = '"';
    if (ug_json_put_escaped(out, s, n) || ug_buf_putc(out, '"'))
        return UG_ENOMEM;
    return UG_OK;
}

ug_status ug_json_put_escaped(ug_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        i = scan_run((const unsigned char *)s, i, n, 0);
        while (!scan_found(i, n) && i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            /* stop at '"', '\\' or a control byte; UTF-8 passes */
            if ((special8(w) & ~w) & HI8)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (ug_buf_append(out, s + run, i - run))
            return UG_ENOMEM;
        run = i + 1;
        char esc[6] = { '\\', 0, 0, 0, 0, 0 };
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
            el = 6;
        }
        if (ug_buf_append(out, esc, el))
            return UG_ENOMEM;
    }
    return ug_buf_append(out, s + run, n - run);
}

/* ---- keys ----------------------------------------------------------- */

/* Writes the UTF-8 form of the scalar value cp to u; returns its length. */
static size_t utf8_encode(uint32_t cp, unsigned char u[4])
{
    if (cp < 0x80) { u[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { u[0] = (unsigned char)(0xC0 | (cp >> 6)); u[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12)); u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (cp >> 18)); u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Reads 4 hex digits of an escape already validated by the parser. */
static uint32_t hex4_valid(const char *s)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++)
        v = v * 16 + (uint32_t)hexval((unsigned char)s[k]);
    return v;
}

/* A plain key to compare key tokens with: its bytes, its length and
 * whether it holds a backslash (measured once, not at every member). */
typedef struct {
    const char *s;
    size_t n;
    int bs;
} plain_key;

/* Measures the NUL-terminated key @p key into @p k (which points into it). */
static void plain_key_init(plain_key *k, const char *key)
{
    k->s = key;
    k->n = strlen(key);
    k->bs = memchr(key, '\\', k->n) != NULL;
}

/* Nonzero when the key token tok[0..len), longer than the quoted key and
 * so holding escapes if it is to match, decodes to the plain key @p k. */
static int key_eq_escaped(const char *tok, size_t len, const plain_key *k)
{
    const char *key = k->s;
    size_t kl = k->n;
    if (!memchr(tok, '\\', len))
        return 0;
    const char *s = tok + 1, *end = tok + len - 1;
    size_t pos = 0;
    while (s < end) {
        unsigned char u[4];
        size_t n = 1;
        if (*s != '\\') {
            u[0] = (unsigned char)*s++;
        } else {
            char c = s[1];
            s += 2;
            switch (c) {
            case 'b': u[0] = '\b'; break;
            case 'f': u[0] = '\f'; break;
            case 'n': u[0] = '\n'; break;
            case 'r': u[0] = '\r'; break;
            case 't': u[0] = '\t'; break;
            case 'u': {
                uint32_t cp = hex4_valid(s);
                s += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {     /* a pair: \uHHHH\uLLLL */
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4_valid(s + 2) - 0xDC00);
                    s += 6;
                }
                n = utf8_encode(cp, u);
                break;
            }
            default: u[0] = (unsigned char)c; break;   /* " \ / */
            }
        }
        if (n > kl - pos || memcmp(key + pos, u, n) != 0)
            return 0;
        pos += n;
    }
    return pos == kl;
}

/* Nonzero when the raw key token (from a successful parse) equals the plain
 * key @p k. Escapes are decoded while comparing, so no memory is needed
 * and the answer cannot be wrong for lack of it. */
static inline int key_eq(const char *tok, size_t len, const plain_key *k)
{
    size_t kl = k->n;
    /* an escape makes the decoded key shorter than its token: a token of
       the key's length matches only as written (and then has no escape
       when the key has no backslash), a shorter one never */
    if (len > kl + 2) {
        /* only an escape can make it match: a short token is looked
           over here for a backslash, without a call to memchr() */
        if (len > 32)
            return key_eq_escaped(tok, len, k);
        for (size_t i = 1; i + 1 < len; i++)
            if (tok[i] == '\\')
                return key_eq_escaped(tok, len, k);
        return 0;
    }
    if (len != kl + 2 || k->bs)
        return 0;
    for (size_t i = 0; i < kl; i++)     /* keys are short: no call to memcmp() */
        if (tok[1 + i] != k->s[i])
            return 0;
    return 1;
}

long ug_record_find(const ug_record *rec, const char *key)
{
    plain_key k;
    plain_key_init(&k, key);
    for (size_t i = 0; i < rec->n; i++)
        if (key_eq(rec->m[i].key, rec->m[i].key_len, &k))
            return (long)i;
    return -1;
}

/* ug_record_parse_valid(), stopping after the first member @p stop names
 * (NULL: none). */
static ug_status parse_valid_upto(ug_record *rec, const char *str, size_t len,
                                 const plain_key *stop)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = valid_ws(s, len, 0);
    rec->n = 0;
    if (i >= len || s[i] != '{')
        return UG_EJSON;
    i = valid_ws(s, len, i + 1);
    if (i < len && s[i] == '}')
        return UG_OK;
    while (i < len) {
        ug_json_member mem;
        size_t k0 = i;
        i = valid_string_end(s, len, i);
        mem.key = str + k0;
        mem.key_len = i - k0;
        i = valid_ws(s, len, valid_ws(s, len, i) + 1);     /* the colon */
        if (i >= len)
            return UG_EJSON;
        switch (s[i]) {
        case '{': mem.type = UG_JSON_OBJECT; break;
        case '[': mem.type = UG_JSON_ARRAY; break;
        case '"': mem.type = UG_JSON_STRING; break;
        case 't': mem.type = UG_JSON_TRUE; break;
        case 'f': mem.type = UG_JSON_FALSE; break;
        case 'n': mem.type = UG_JSON_NULL; break;
        default: mem.type = UG_JSON_NUMBER; break;
        }
        int deep = 0;
        size_t v0 = i;
        i = valid_value_end(s, len, i, 2, &deep);
        if (deep)
            return UG_EJSON;
        mem.val = str + v0;
        mem.val_len = i - v0;
        if (push_member(rec, &mem))
            return UG_ENOMEM;
        if (stop && key_eq(mem.key, mem.key_len, stop))
            break;
        i = valid_ws(s, len, i);
        if (i >= len || s[i] != ',')
            break;
        i = valid_ws(s, len, i + 1);
    }
    return UG_OK;
}

ug_status ug_record_parse_valid(ug_record *rec, const char *str, size_t len)
{
    return parse_valid_upto(rec, str, len, NULL);
}

ug_status ug_record_parse_valid_upto(ug_record *rec, const char *str, size_t len, const char *key)
{
    plain_key k;
    if (key)
        plain_key_init(&k, key);
    return parse_valid_upto(rec, str, len, key ? &k : NULL);
}

size_t ug_record_count_key(const ug_record *rec, const char *key)
{
    size_t c = 0;
    plain_key k;
    plain_key_init(&k, key);
    for (size_t i = 0; i < rec->n; i++)
        c += key_eq(rec->m[i].key, rec->m[i].key_len, &k) != 0;
    return c;
}

ug_status ug_record_check(const ug_record *rec, const char *text_key,
                          const char *id_key, ug_error *err)
{
    const char *msg = NULL;
    /* one pass: how often each of the three keys occurs, and where first */
    size_t c_text = 0, c_id = 0, c_ug = 0;
    ug_json_type t_text = UG_JSON_NULL, t_id = UG_JSON_NULL, t_ug = UG_JSON_NULL;
    plain_key kt, ki, ku;
    plain_key_init(&kt, text_key ? text_key : "");
    plain_key_init(&ki, id_key ? id_key : "");
    plain_key_init(&ku, "ug");
    for (size_t i = 0; i < rec->n; i++) {
        const ug_json_member *m = &rec->m[i];
        if (text_key && key_eq(m->key, m->key_len, &kt) && c_text++ == 0)
            t_text = m->type;
        if (id_key && key_eq(m->key, m->key_len, &ki) && c_id++ == 0)
            t_id = m->type;
        if (key_eq(m->key, m->key_len, &ku) && c_ug++ == 0)
            t_ug = m->type;
    }
    if (text_key) {
        if (c_text == 0)
            msg = "missing text field";
        else if (c_text > 1)
            msg = "duplicate text field";
        else if (t_text != UG_JSON_STRING)
            msg = "text field is not a string";
    }
    if (!msg && id_key) {
        if (c_id > 1)
            msg = "duplicate id field";
        else if (c_id == 1 && t_id != UG_JSON_STRING && t_id != UG_JSON_NUMBER)
            msg = "id field is not a string or a number";
    }
    if (!msg) {
        if (c_ug > 1)
            msg = "duplicate \"ug\" field";
        else if (c_ug == 1 && t_ug != UG_JSON_OBJECT)
            msg = "\"ug\" field is not an object";
    }
    if (!msg)
        return UG_OK;
    if (err) {
        err->code = UG_ERECORD;
        err->msg = msg;
        err->offset = 0;
    }
    return UG_ERECORD;
}

/* ---- writer --------------------------------------------------------- */

/* Appends "key":value for a plain key and raw JSON value. */
static ug_status put_field(ug_buf *out, const ug_field *f)
{
    if (ug_json_put_string(out, f->key, strlen(f->key)) || ug_buf_putc(out, ':') ||
        ug_buf_append(out, f->json, f->json_len))
        return UG_ENOMEM;
    return UG_OK;
}

/* Appends "key":value for a raw member. */
static ug_status put_member(ug_buf *out, const ug_json_member *m, const char *val, size_t vlen)
{
    if (ug_buf_append(out, m->key, m->key_len) || ug_buf_putc(out, ':') ||
        ug_buf_append(out, val, vlen))
        return UG_ENOMEM;
    return UG_OK;
}

/* Writes an object: members of rec (may be NULL) with fields f merged in. */
static ug_status write_object(ug_buf *out, const ug_record *rec, const ug_field *f, size_t nf,
                              const ug_field *ug, size_t nug)
{
    /* per field: its key measured once for all the members, and whether
       a member has taken its place */
    struct fkey { plain_key k; unsigned char used; } fk_small[32];
    struct fkey *fk = nf <= sizeof fk_small / sizeof fk_small[0] ? fk_small
                                                                  : ug_malloc(nf * sizeof *fk);
    ug_status st = UG_ENOMEM;
    int first = 1, ug_done = 0;
    if (!fk)
        return UG_ENOMEM;
    for (size_t k = 0; k < nf; k++) {
        plain_key_init(&fk[k].k, f[k].key);
        fk[k].used = 0;
    }
    plain_key kug;
    plain_key_init(&kug, "ug");
    if (ug_buf_putc(out, '{'))
        goto out;
    for (size_t i = 0; rec && i < rec->n; i++) {
        const ug_json_member *m = &rec->m[i];
        if (!first && ug_buf_putc(out, ','))
            goto out;
        first = 0;
        size_t k;
        for (k = 0; k < nf; k++)
            if (!fk[k].used && key_eq(m->key, m->key_len, &fk[k].k))
                break;
        if (k < nf) {
            fk[k].used = 1;
            if (put_member(out, m, f[k].json, f[k].json_len))
                goto out;
            continue;
        }
        if (nug && !ug_done && key_eq(m->key, m->key_len, &kug) && m->type == UG_JSON_OBJECT) {
            ug_record inner = { 0 };
            /* rec comes from a successful parse: its "ug" is valid JSON */
            ug_status ps = ug_record_parse_valid(&inner, m->val, m->val_len);
            if (ps) { ug_record_free(&inner); st = ps == UG_ENOMEM ? UG_ENOMEM : UG_EINVAL; goto out; }
            if (ug_buf_append(out, m->key, m->key_len) || ug_buf_putc(out, ':')) {
                ug_record_free(&inner);
                goto out;
            }
            ps = write_object(out, &inner, ug, nug, NULL, 0);
            ug_record_free(&inner);
            if (ps) { st = ps; goto out; }
            ug_done = 1;
            continue;
        }
        if (put_member(out, m, m->val, m->val_len))
            goto out;
    }
    for (size_t k = 0; k < nf; k++) {
        if (fk[k].used)
            continue;
        if ((!first && ug_buf_putc(out, ',')) || put_field(out, &f[k]))
            goto out;
        first = 0;
    }
    if (nug && !ug_done) {
        if ((!first && ug_buf_putc(out, ',')) || ug_buf_puts(out, "\"ug\":"))
            goto out;
        if ((st = write_object(out, NULL, ug, nug, NULL, 0)))
            goto out;
    }
    st = ug_buf_putc(out, '}') ? UG_ENOMEM : UG_OK;
out:
    if (fk != fk_small)
        ug_free(fk);
    return st;
}

ug_status ug_record_write(ug_buf *out, const ug_record *rec,
                          const ug_field *top, size_t ntop,
                          const ug_field *ug, size_t nug)
{
    ug_status st = write_object(out, rec, top, ntop, ug, nug);
    if (st)
        return st;
    return ug_buf_putc(out, '\n') ? UG_ENOMEM : UG_OK;
}
