/* check_mojibake.c: unit tests for the mojibake screen and repair (src/lib/mojibake.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <utf8proc.h>

#include "cells.h"
#include "mojibake.h"
#include "ug/status.h"

/* ---- helpers ---------------------------------------------------------- */

/* Decodes the valid UTF-8 string s[0..len) into c (cleared first): one cell
 * per code point, spanning its bytes. Fails the test on invalid UTF-8. */
static void cells_from_utf8n(const char *s, size_t len, ugi_cells *c)
{
    size_t i = 0;

    c->n = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        ck_assert_msg(k > 0, "invalid UTF-8 in test input at byte %zu", i);
        ck_assert_int_eq(ugi_cells_push(c, (uint32_t)cp, i, i + (size_t)k), UG_OK);
        i += (size_t)k;
    }
}

/* Same as cells_from_utf8n() for a NUL-terminated string. */
static void cells_from_utf8(const char *s, ugi_cells *c)
{
    cells_from_utf8n(s, strlen(s), c);
}

/* Encodes the code points of c->v[from..c->n) as a NUL-terminated UTF-8
 * string; the caller frees it with free(). */
static char *utf8_from_cells(const ugi_cells *c, size_t from)
{
    char *s = malloc(4 * (c->n - from) + 1);
    size_t len = 0, k;

    ck_assert_ptr_nonnull(s);
    for (k = from; k < c->n; k++) {
        ck_assert_uint_le(c->v[k].cp, 0x10FFFF);
        len += (size_t)utf8proc_encode_char((utf8proc_int32_t)c->v[k].cp,
                                            (utf8proc_uint8_t *)s + len);
    }
    s[len] = '\0';
    return s;
}

/* Runs the repair on the UTF-8 string s and returns the result as a new
 * UTF-8 string (free() it); *repairs receives the repair count. */
static char *fix_str(const char *s, size_t *repairs)
{
    ugi_cells in = {0}, out = {0};
    char *r;

    cells_from_utf8(s, &in);
    *repairs = 0;
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, repairs), UG_OK);
    r = utf8_from_cells(&out, 0);
    ugi_cells_free(&in);
    ugi_cells_free(&out);
    return r;
}

/* ---- data ------------------------------------------------------------- */

/* Mojibake (UTF-8 read as windows-1252, sloppy windows-1252 or latin-1,
 * once or more) and the text it must be repaired to. */
static const char *const positive[][2] = {
    /* examples of the specification */
    {"cafÃ©", "café"},
    {"â€œbarâ€\xc2\x9d", "“bar”"},
    {"â€™", "’"},
    {"Ã¢â‚¬â„¢", "’"},
    {"â‚¬5", "€5"},
    {"naÃ¯ve", "naïve"},
    {"Ã‰cole", "École"},
    {"PÃ©rez", "Pérez"},
    {"Ã±", "ñ"},
    {"â€”", "—"},
    {"â€¦", "…"},
    {"Ð¼Ð¾Ñ\xc2\x81ÐºÐ²Ð°", "москва"},
    {"ðŸ˜€", "😀"},
    {"The café said â€œhiâ€\xc2\x9d", "The café said “hi”"},
    {"The cafÃ© said â€œhiâ€\xc2\x9d", "The café said “hi”"},
    {"Â£5", "£5"},
    /* more single mojibake */
    {"PÃ¡gina", "Página"},
    {"Sï¿½o Paulo", "S\xef\xbf\xbdo Paulo"},
    {"ï»¿Hello", "\xef\xbb\xbfHello"},
    {"Ã‡a va", "Ça va"},
    {"ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"},
    {"ÐºÐ°Ðº Ð´ÐµÐ»Ð°", "как дела"},
    {"Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"},
    {"ã\xc2\x81“ã‚“ã\xc2\x81«ã\xc2\x81¡ã\xc2\x81¯", "こんにちは"},
    {"ðŸ‘\xc2\x8d", "👍"},
    {"party ðŸŽ‰ time", "party 🎉 time"},
    {"EspaÃ±a", "España"},
    {"Ã–sterreich", "Österreich"},
    {"Ã…land", "Åland"},
    {"Ã…lesund", "Ålesund"},
    {"ZÃ¼rich", "Zürich"},
    {"StraÃŸe", "Straße"},
    {"BÃœRO", "BÜRO"},
    {"Ã€Ã‰ÃŽÃ•Ãœ", "ÀÉÎÕÜ"},
    {"GarcÃ\xc2\xad" "a", "García"},
    {"voilÃ\xc2\xa0 le", "voilà le"},
    {"25Â°C", "25°C"},
    {"100Â\xc2\xa0km", "100\xc2\xa0km"},
    {"Â¡Hola!", "¡Hola!"},
    {"Â©2024", "©2024"},
    {"xÂ²", "x²"},
    {"Å\xc2\x81Ã³dÅº", "Łódź"},
    {"KrakÃ³w â€“ Å\xc2\x81Ã³dÅº", "Kraków – Łódź"},
    {"Å¡est", "šest"},
    {"Ä°stanbul", "İstanbul"},
    {"Tiáº¿ng Viá»‡t", "Tiếng Việt"},
    {"×©×œ×•×\xc2\x9d", "שלום"},
    {"Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", "العربية"},
    {"à¤¹à¤¿à¤¨à¥\xc2\x8dà¤¦à¥€", "हिन्दी"},
    {"í•œêµ\xc2\xadì–´", "한국어"},
    {"ä¸\xc2\xadæ–‡", "中文"},
    {"æ—¥æœ¬èªžã\xc2\x81®ãƒ†ã‚\xc2\xadã‚¹ãƒˆ", "日本語のテキスト"},
    {"âœ” done", "✔ done"},
    {"I â\xc2\x9d¤ NY", "I ❤ NY"},
    {"ï¬\xc2\x81", "ﬁ"},
    {"donâ€™t", "don’t"},
    {"eÌ\xc2\x81", "e\xcc\x81"},
    {"naÃ¯ve cafÃ©â€”dÃ©jÃ\xc2\xa0 vuâ€¦", "naïve café—déjà vu…"},
    /* context rules, from real gettext catalogues mojibaked */
    {"demander Ã\xc2\xa0 ouvrir", "demander à ouvrir"},
    {"SÃ\xc2\xa0hara", "Sàhara"},
    {"Options LARCHÂ\xc2\xa0:", "Options LARCH\xc2\xa0:"},
    {"<b>%s</b>Â\xc2\xa0:", "<b>%s</b>\xc2\xa0:"},
    {"Â« %s Â»", "« %s »"},
    {"UPPLÃ–SNING", "UPPLÖSNING"},
    {"NÄ—ra vietos", "Nėra vietos"},
    {"Ð´Ð°Ð½Ñ– Ð² WITH", "дані в WITH"},
    {"Ä°stanbul Ä°NDÄ°R", "İstanbul İNDİR"},
    {"koÊ»rsatish", "koʻrsatish"},
    {"Å\xc2\xa0kofljica", "Škofljica"},
    {"ÄŒeskÃ½", "Český"},
    {"Ä‘i", "đi"},
    {"sÅ“ur", "sœur"},
    {"Ã«", "ë"},
    {"NoÃ«l", "Noël"},
    {"Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", "العربية"},
    {"ÐŸ", "П"},
    /* latin-1 instead of windows-1252 */
    {"cafÃ\xc2\xa9", "café"},
    {"â\xc2\x80\xc2\x9cquotedâ\xc2\x80\xc2\x9d", "“quoted”"},
    /* double and triple mojibake */
    {"ÃƒÂ©", "é"},
    {"cafÃƒÂ©", "café"},
    {"Ã¢â‚¬Å“hiÃ¢â‚¬Â\xc2\x9d", "“hi”"},
    {"Ã\xc2\x83Â©", "é"},
    {"ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢", "’"},
    /* lone C1 controls become windows-1252 characters */
    {"\xc2\x80" "5", "€5"},
    {"wait\xc2\x85", "wait…"},
    {"\xc2\x93hi\xc2\x94", "“hi”"},
    {"ESPAÑ\xc2\x85", "ESPAÑ…"},
};

/* Text that must come out unchanged. */
static const char *const negative[] = {
    "SUOVÂKUOŠKÂ",
    "SUOVÂKUOŠKÂ\xc2\xa0",
    "SUOVÂKUOŠKÂ\xc2\xa0Sami",
    "Ãlvaro",
    "Âge",
    "ÂNGULO",
    "SÃO PAULO",
    "Ão",
    "naïve",
    "Müller",
    "Ærø",
    "ÆØÅ",
    "©2024",
    "½ cup",
    "¿Qué?",
    "déjà vu",
    "Škoda",
    "Þór",
    "ÐÐ",
    "Ð",
    "Ελληνικά γράμματα",
    "Москва — столица России",
    "中文字符，日本語のテキスト、한국어",
    "😀👍🏽👩\xe2\x80\x8d💻",
    "Â·",
    "Â·Â",
    "AHÅ™, the new sofa",
    "NESTLÉ®",
    "IRMÃ»",
    "«IRMÃ»",
    "CAFÉ’s",
    "PIÑ’s menu",
    "ESPAÑ…",
    "ESPAÑ” and",
    "perché\xc2\xa0»",
    "voilà\xc2\xa0»",
    "così\xc2\xa0»",
    "«\u00a0Bonjour\u00a0»",
    "2×£5",
    "Ø½\"",
    "Ø¾ pipe",
    "Ã",
    "Ã ",
    "Â Â",
    "Mötley Crüe",
    "Un café, s’il vous plaît",
    "Vive la France — À bientôt",
    "1½ cups, 5°C, m², x³",
    "TEMPORADA 2012–2013",
    "Øresund Ñandú Ìtalo",
    "plain ASCII text",
    "",
    "\xc2\x81\xc2\x8d\xc2\x8f\xc2\x90\xc2\x9d",
    /* real text that looks like mojibake */
    "SUOVÂKUOŠKÂ\xc2\xa0:",
    "NEPÂLBHÂSHÂ\xc2\xa0; NEWARI",
    "NEPOKÚŠAŤ SA ZÍSKAŤ ÚDAJE",
    "ZÚŽÍ VÝSTUP",
    "Úškrn",
    "KULLANICININ “KLASÖR AÇ”I SEÇTIĞI",
    "»PÅ« og „SÅ“",
    "DIREKTIIVISSÄ» NUMERO",
    "PERÒ‘ AQUESTA",
    "NIÑ’S",
    "la lettre «Ð» et «Ã»",
    "ĐÃ NÓI",
    "Nezapíše sa správa, nemôže byť",
    "DÉCONSEILLÉ\xc2\xa0: cette clé",
    "A „Pozíció” tulajdonság",
    "sgrîn — Œuvre — Ÿ",
};

#define N_POS (sizeof positive / sizeof positive[0])
#define N_NEG (sizeof negative / sizeof negative[0])

/* ---- tests ------------------------------------------------------------ */

START_TEST(test_positive)
{
    size_t rep;
    char *r = fix_str(positive[_i][0], &rep);

    ck_assert_msg(strcmp(r, positive[_i][1]) == 0, "fix(\"%s\") = \"%s\", want \"%s\"",
                  positive[_i][0], r, positive[_i][1]);
    ck_assert_uint_gt(rep, 0);
    free(r);
}
END_TEST

START_TEST(test_negative)
{
    size_t rep;
    char *r = fix_str(negative[_i], &rep);

    ck_assert_msg(strcmp(r, negative[_i]) == 0, "fix(\"%s\") changed it to \"%s\"",
                  negative[_i], r);
    ck_assert_uint_eq(rep, 0);
    free(r);
}
END_TEST

/* fix(fix(x)) == fix(x), and the second pass reports no repair. */
START_TEST(test_idempotent)
{
    const char *x = (size_t)_i < N_POS ? positive[_i][0] : negative[_i - (int)N_POS];
    size_t rep1, rep2;
    char *once = fix_str(x, &rep1);
    char *twice = fix_str(once, &rep2);

    ck_assert_msg(strcmp(once, twice) == 0, "not idempotent on \"%s\": \"%s\" then \"%s\"",
                  x, once, twice);
    ck_assert_uint_eq(rep2, 0);
    free(once);
    free(twice);
}
END_TEST

START_TEST(test_repair_counts)
{
    size_t rep;
    char *r;

    r = fix_str("cafÃ©", &rep);
    ck_assert_uint_eq(rep, 1);
    free(r);
    r = fix_str("â€œbarâ€\xc2\x9d", &rep);
    ck_assert_uint_eq(rep, 2);
    free(r);
    r = fix_str("Ã¢â‚¬â„¢", &rep);    /* double mojibake: one character */
    ck_assert_uint_eq(rep, 1);
    free(r);
    r = fix_str("\xc2\x80\xc2\x85\xc2\x81", &rep);  /* two mapped, one undefined */
    ck_assert_uint_eq(rep, 2);
    free(r);
    r = fix_str("Ð¼Ð¾Ñ\xc2\x81ÐºÐ²Ð°", &rep);
    ck_assert_uint_eq(rep, 6);
    free(r);
}
END_TEST

START_TEST(test_repairs_accumulate_and_null)
{
    ugi_cells in = {0}, out = {0};
    size_t rep = 5;

    cells_from_utf8("cafÃ©", &in);
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
    ck_assert_uint_eq(rep, 6);
    out.n = 0;
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, NULL), UG_OK);
    ck_assert_uint_eq(out.n, 4);
    ck_assert_uint_eq(out.v[3].cp, 0xE9);
    ugi_cells_free(&in);
    ugi_cells_free(&out);
}
END_TEST

START_TEST(test_offsets_cafe)
{
    ugi_cells in = {0}, out = {0};
    size_t rep = 0;

    cells_from_utf8("cafÃ©!", &in);          /* c a f [3,5) [5,7) ! */
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.n, 5);
    ck_assert_uint_eq(out.v[0].cp, 'c');
    ck_assert_uint_eq(out.v[0].start, 0);
    ck_assert_uint_eq(out.v[0].end, 1);
    ck_assert_uint_eq(out.v[2].cp, 'f');
    ck_assert_uint_eq(out.v[2].start, 2);
    ck_assert_uint_eq(out.v[2].end, 3);
    ck_assert_uint_eq(out.v[3].cp, 0xE9);
    ck_assert_uint_eq(out.v[3].start, 3);
    ck_assert_uint_eq(out.v[3].end, 7);
    ck_assert_uint_eq(out.v[4].cp, '!');
    ck_assert_uint_eq(out.v[4].start, 7);
    ck_assert_uint_eq(out.v[4].end, 8);
    ugi_cells_free(&in);
    ugi_cells_free(&out);
}
END_TEST

START_TEST(test_offsets_multi)
{
    ugi_cells in = {0}, out = {0};
    size_t rep = 0;

    /* "xâ€™y": â [1,3) € [3,6) ™ [6,9) -> ’ [1,9) */
    cells_from_utf8("xâ€™y", &in);
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.n, 3);
    ck_assert_uint_eq(out.v[1].cp, 0x2019);
    ck_assert_uint_eq(out.v[1].start, 1);
    ck_assert_uint_eq(out.v[1].end, 9);
    ck_assert_uint_eq(out.v[2].start, 9);
    ck_assert_uint_eq(out.v[2].end, 10);

    /* double mojibake: the whole input range folds into one cell */
    cells_from_utf8("Ã¢â‚¬â„¢.", &in);
    out.n = 0;
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.n, 2);
    ck_assert_uint_eq(out.v[0].cp, 0x2019);
    ck_assert_uint_eq(out.v[0].start, 0);
    ck_assert_uint_eq(out.v[0].end, in.v[in.n - 2].end);
    ck_assert_uint_eq(out.v[1].cp, '.');
    ck_assert_uint_eq(out.v[1].start, in.v[in.n - 1].start);

    /* emoji: four cells -> one */
    cells_from_utf8("ðŸ˜€", &in);
    out.n = 0;
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.n, 1);
    ck_assert_uint_eq(out.v[0].cp, 0x1F600);
    ck_assert_uint_eq(out.v[0].start, 0);
    ck_assert_uint_eq(out.v[0].end, strlen("ðŸ˜€"));
    ugi_cells_free(&in);
    ugi_cells_free(&out);
}
END_TEST

/* Spans need not be UTF-8 widths (e.g. cells decoded from a legacy
 * encoding or from entities); a repaired cell spans the union. */
START_TEST(test_offsets_arbitrary_spans)
{
    ugi_cell in[3] = {{0xC3, 10, 18}, {0xA9, 18, 20}, {'x', 20, 21}};
    ugi_cells out = {0};
    size_t rep = 0;

    ck_assert_int_eq(ugi_mojibake_fix(in, 3, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.n, 2);
    ck_assert_uint_eq(out.v[0].cp, 0xE9);
    ck_assert_uint_eq(out.v[0].start, 10);
    ck_assert_uint_eq(out.v[0].end, 20);
    ck_assert_uint_eq(out.v[1].start, 20);
    ugi_cells_free(&out);
}
END_TEST

START_TEST(test_append_only)
{
    ugi_cells in = {0}, out = {0};
    size_t rep = 0;
    char *s;

    ck_assert_int_eq(ugi_cells_push(&out, 'A', 100, 101), UG_OK);
    ck_assert_int_eq(ugi_cells_push(&out, 'B', 101, 102), UG_OK);
    cells_from_utf8("Ã¢â‚¬â„¢ cafÃ©", &in);
    ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.v[0].cp, 'A');
    ck_assert_uint_eq(out.v[0].start, 100);
    ck_assert_uint_eq(out.v[1].cp, 'B');
    ck_assert_uint_eq(out.v[1].end, 102);
    s = utf8_from_cells(&out, 2);
    ck_assert_str_eq(s, "’ café");
    free(s);
    ugi_cells_free(&in);
    ugi_cells_free(&out);
}
END_TEST

START_TEST(test_c1_mapping)
{
    static const struct { uint32_t in, out; } map[] = {
        {0x80, 0x20AC}, {0x81, 0x81}, {0x82, 0x201A}, {0x83, 0x0192},
        {0x84, 0x201E}, {0x85, 0x2026}, {0x86, 0x2020}, {0x87, 0x2021},
        {0x88, 0x02C6}, {0x89, 0x2030}, {0x8A, 0x0160}, {0x8B, 0x2039},
        {0x8C, 0x0152}, {0x8D, 0x8D}, {0x8E, 0x017D}, {0x8F, 0x8F},
        {0x90, 0x90}, {0x91, 0x2018}, {0x92, 0x2019}, {0x93, 0x201C},
        {0x94, 0x201D}, {0x95, 0x2022}, {0x96, 0x2013}, {0x97, 0x2014},
        {0x98, 0x02DC}, {0x99, 0x2122}, {0x9A, 0x0161}, {0x9B, 0x203A},
        {0x9C, 0x0153}, {0x9D, 0x9D}, {0x9E, 0x017E}, {0x9F, 0x0178},
    };
    size_t k;

    for (k = 0; k < sizeof map / sizeof map[0]; k++) {
        ugi_cell c[3] = {{' ', 0, 1}, {map[k].in, 1, 3}, {' ', 3, 4}};
        ugi_cells out = {0};
        size_t rep = 0;

        ck_assert_int_eq(ugi_mojibake_fix(c, 3, &out, &rep), UG_OK);
        ck_assert_uint_eq(out.n, 3);
        ck_assert_uint_eq(out.v[1].cp, map[k].out);
        ck_assert_uint_eq(out.v[1].start, 1);
        ck_assert_uint_eq(out.v[1].end, 3);
        ck_assert_uint_eq(rep, map[k].in == map[k].out ? 0 : 1);
        ugi_cells_free(&out);
    }
}
END_TEST

START_TEST(test_empty)
{
    ugi_cells out = {0};
    size_t rep = 0;

    ck_assert_int_eq(ugi_mojibake_fix(NULL, 0, &out, &rep), UG_OK);
    ck_assert_uint_eq(out.n, 0);
    ck_assert_uint_eq(rep, 0);
    ck_assert_int_eq(ugi_mojibake_suspect(NULL, 0), 0);
    ck_assert_int_eq(ugi_mojibake_suspect("", 0), 0);
    ugi_cells_free(&out);
}
END_TEST

START_TEST(test_suspect_positive)
{
    size_t k;

    for (k = 0; k < N_POS; k++)
        ck_assert_msg(ugi_mojibake_suspect(positive[k][0], strlen(positive[k][0])),
                      "suspect(\"%s\") = 0", positive[k][0]);
    ck_assert(ugi_mojibake_suspect("\xc2\x9d", 2));
    ck_assert(ugi_mojibake_suspect("x\xc2\x80", 3));
    ck_assert(ugi_mojibake_suspect("Ã\xc2\xa0", 4));
    ck_assert(ugi_mojibake_suspect("ô€", strlen("ô€")));
    ck_assert(ugi_mojibake_suspect("Âž", strlen("Âž")));
    ck_assert(ugi_mojibake_suspect("Â™", strlen("Â™")));
    ck_assert(ugi_mojibake_suspect("Â›", strlen("Â›")));
    ck_assert(ugi_mojibake_suspect("Ã€", strlen("Ã€")));
}
END_TEST

START_TEST(test_suspect_negative)
{
    static const char *const clean[] = {
        "plain ASCII, nothing to see here.",
        "naïve café déjà vu",
        "Müller Ærø ÆØÅ Þór Škoda",
        "Москва Ελληνικά 中文 😀",
        "½ cup ©2024 ¿Qué?",
        "Ãlvaro SÃO PAULO ÂNGULO",
        "õ€",          /* U+00F5 is not a lead */
        "Á©",          /* U+00C1 is not a lead */
        "Ã",           /* truncated */
        "\xc3",        /* invalid UTF-8 is tolerated */
        "\xc2",
        "Ã\xe2\x80",   /* truncated euro sign */
    };
    size_t k;

    for (k = 0; k < sizeof clean / sizeof clean[0]; k++)
        ck_assert_msg(!ugi_mojibake_suspect(clean[k], strlen(clean[k])),
                      "suspect(\"%s\") != 0", clean[k]);
    /* length is respected: the continuation lies beyond len */
    ck_assert(!ugi_mojibake_suspect("Ã©", 2));
    ck_assert(!ugi_mojibake_suspect("\xc2\x85", 1));
}
END_TEST

/* Deterministic xorshift64* generator. */
static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* Returns a pseudo-random valid code point, biased towards the characters
 * mojibake is made of. */
static uint32_t rnd_cp(void)
{
    static const uint32_t specials[] = {
        0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
        0x2030, 0x0160, 0x2039, 0x0152, 0x017D, 0x2018, 0x2019, 0x201C,
        0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x017E, 0x0178
    };
    uint32_t r = rnd() % 100, cp;

    if (r < 25)
        return 0x20 + rnd() % 0x5F;                 /* ASCII */
    if (r < 45)
        return 0xC2 + rnd() % (0xF5 - 0xC2);        /* leads */
    if (r < 70)
        return 0xA0 + rnd() % 0x20;                 /* Latin-1 continuations */
    if (r < 78)
        return 0x80 + rnd() % 0x20;                 /* C1 controls */
    if (r < 88)
        return specials[rnd() % (sizeof specials / sizeof specials[0])];
    if (r < 96) {
        do
            cp = rnd() % 0x10000;
        while (cp >= 0xD800 && cp <= 0xDFFF);
        return cp;
    }
    return 0x10000 + rnd() % 0x100000;
}

/* Checks the structural invariants of a fix of in[0..n) into out. */
static void check_invariants(const ugi_cell *in, size_t n, const ugi_cells *out)
{
    size_t k;

    ck_assert_uint_le(out->n, n);
    if (n == 0)
        return;
    ck_assert_uint_eq(out->v[0].start, in[0].start);
    ck_assert_uint_eq(out->v[out->n - 1].end, in[n - 1].end);
    for (k = 0; k < out->n; k++) {
        uint32_t cp = out->v[k].cp;

        ck_assert_uint_le(cp, 0x10FFFF);
        ck_assert(cp < 0xD800 || cp > 0xDFFF);
        ck_assert_uint_lt(out->v[k].start, out->v[k].end);
        if (k > 0)
            ck_assert_uint_eq(out->v[k - 1].end, out->v[k].start);
    }
}

START_TEST(test_random_100k)
{
    enum { N = 100000 };
    ugi_cell *in = malloc(N * sizeof *in);
    ugi_cells out = {0}, out2 = {0};
    size_t k, pos = 0, rep = 0, rep2 = 0;

    ck_assert_ptr_nonnull(in);
    rng_state = 0x9E3779B97F4A7C15ULL;
    for (k = 0; k < N; k++) {
        uint32_t cp = rnd_cp();
        size_t w = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

        in[k].cp = cp;
        in[k].start = pos;
        in[k].end = pos + w;
        pos += w;
    }
    ck_assert_int_eq(ugi_mojibake_fix(in, N, &out, &rep), UG_OK);
    check_invariants(in, N, &out);
    ck_assert_uint_gt(rep, 0);
    /* a second pass over the output keeps the invariants too */
    ck_assert_int_eq(ugi_mojibake_fix(out.v, out.n, &out2, &rep2), UG_OK);
    check_invariants(out.v, out.n, &out2);
    free(in);
    ugi_cells_free(&out);
    ugi_cells_free(&out2);
}
END_TEST

/* On short random lines: suspect() == 0 implies fix() changes nothing,
 * and fix() is idempotent. */
START_TEST(test_random_lines)
{
    enum { LINES = 20000, MAXLEN = 12 };
    ugi_cells in = {0}, out = {0}, out2 = {0};
    char buf[4 * MAXLEN + 1];
    int line;

    rng_state = 0x0123456789ABCDEFULL;
    for (line = 0; line < LINES; line++) {
        size_t len = 0, n = 1 + rnd() % MAXLEN, k, rep = 0, rep2 = 0;

        for (k = 0; k < n; k++)
            len += (size_t)utf8proc_encode_char((utf8proc_int32_t)rnd_cp(),
                                                (utf8proc_uint8_t *)buf + len);
        buf[len] = '\0';
        cells_from_utf8n(buf, len, &in);
        out.n = 0;
        ck_assert_int_eq(ugi_mojibake_fix(in.v, in.n, &out, &rep), UG_OK);
        check_invariants(in.v, in.n, &out);
        if (!ugi_mojibake_suspect(buf, len)) {
            ck_assert_uint_eq(rep, 0);
            ck_assert_uint_eq(out.n, in.n);
            for (k = 0; k < in.n; k++)
                ck_assert_uint_eq(out.v[k].cp, in.v[k].cp);
        }
        out2.n = 0;
        ck_assert_int_eq(ugi_mojibake_fix(out.v, out.n, &out2, &rep2), UG_OK);
        ck_assert_uint_eq(out2.n, out.n);
        for (k = 0; k < out.n; k++)
            if (out2.v[k].cp != out.v[k].cp) {
                char *o1 = utf8_from_cells(&out, 0), *o2 = utf8_from_cells(&out2, 0);
                ck_abort_msg("not idempotent on line %d \"%s\": \"%s\" then \"%s\"",
                             line, buf, o1, o2);
            }
        ck_assert_uint_eq(rep2, 0);
    }
    ugi_cells_free(&in);
    ugi_cells_free(&out);
    ugi_cells_free(&out2);
}
END_TEST

/* Every allocation failure yields UG_ENOMEM with out->n and *repairs as on
 * entry. */
START_TEST(test_enomem)
{
    ugi_cells in = {0}, out = {0};
    long k;
    int ok = 0;

    cells_from_utf8("The cafÃ© said Ã¢â‚¬Å“hiÃ¢â‚¬Â\xc2\x9d and more text to grow the array", &in);
    ck_assert_int_eq(ugi_cells_push(&out, 'X', 0, 0), UG_OK);
    for (k = 0; k < 64 && !ok; k++) {
        size_t rep = 7;
        ug_status st;

        ugi_cells_free(&out);
        ck_assert_int_eq(ugi_cells_push(&out, 'X', 0, 0), UG_OK);
        ug_alloc_fail_after(k);
        st = ugi_mojibake_fix(in.v, in.n, &out, &rep);
        ug_alloc_fail_after(-1);
        if (st == UG_OK) {
            char *s = utf8_from_cells(&out, 1);
            ck_assert_str_eq(s, "The café said “hi” and more text to grow the array");
            free(s);
            ok = 1;
        } else {
            ck_assert_int_eq(st, UG_ENOMEM);
            ck_assert_uint_eq(out.n, 1);
            ck_assert_uint_eq(out.v[0].cp, 'X');
            ck_assert_uint_eq(rep, 7);
        }
    }
    ck_assert(ok);
    ck_assert_uint_gt(k, 1);
    ugi_cells_free(&in);
    ugi_cells_free(&out);
}
END_TEST

START_TEST(test_cells_push_free)
{
    ugi_cells c = {0};
    size_t k;

    for (k = 0; k < 1000; k++)
        ck_assert_int_eq(ugi_cells_push(&c, (uint32_t)k, k, k + 1), UG_OK);
    ck_assert_uint_eq(c.n, 1000);
    ck_assert_uint_ge(c.cap, 1000);
    for (k = 0; k < 1000; k++) {
        ck_assert_uint_eq(c.v[k].cp, k);
        ck_assert_uint_eq(c.v[k].start, k);
        ck_assert_uint_eq(c.v[k].end, k + 1);
    }
    ugi_cells_free(&c);
    ck_assert_ptr_null(c.v);
    ck_assert_uint_eq(c.n, 0);
    ck_assert_uint_eq(c.cap, 0);
    ugi_cells_free(&c);     /* freeing an empty array is fine */
}
END_TEST

START_TEST(test_cells_push_enomem)
{
    ugi_cells c = {0};
    ugi_cell *before;
    size_t k, cap;

    ug_alloc_fail_after(0);
    ck_assert_int_eq(ugi_cells_push(&c, 1, 0, 1), UG_ENOMEM);
    ug_alloc_fail_after(-1);
    ck_assert_ptr_null(c.v);
    ck_assert_uint_eq(c.n, 0);
    ck_assert_uint_eq(c.cap, 0);

    ck_assert_int_eq(ugi_cells_push(&c, 1, 0, 1), UG_OK);
    while (c.n < c.cap)
        ck_assert_int_eq(ugi_cells_push(&c, 2, 1, 2), UG_OK);
    before = c.v;
    cap = c.cap;
    ug_alloc_fail_after(0);
    ck_assert_int_eq(ugi_cells_push(&c, 3, 2, 3), UG_ENOMEM);
    ug_alloc_fail_after(-1);
    ck_assert_ptr_eq(c.v, before);
    ck_assert_uint_eq(c.cap, cap);
    ck_assert_uint_eq(c.n, cap);
    for (k = 1; k < c.n; k++)
        ck_assert_uint_eq(c.v[k].cp, 2);
    ugi_cells_free(&c);
}
END_TEST

/* Builds the suite. */
static Suite *mojibake_suite(void)
{
    Suite *s = suite_create("mojibake");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_positive, 0, (int)N_POS);
    tcase_add_loop_test(tc, test_negative, 0, (int)N_NEG);
    tcase_add_loop_test(tc, test_idempotent, 0, (int)(N_POS + N_NEG));
    tcase_add_test(tc, test_repair_counts);
    tcase_add_test(tc, test_repairs_accumulate_and_null);
    tcase_add_test(tc, test_offsets_cafe);
    tcase_add_test(tc, test_offsets_multi);
    tcase_add_test(tc, test_offsets_arbitrary_spans);
    tcase_add_test(tc, test_append_only);
    tcase_add_test(tc, test_c1_mapping);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_suspect_positive);
    tcase_add_test(tc, test_suspect_negative);
    tcase_add_test(tc, test_random_100k);
    tcase_add_test(tc, test_random_lines);
    tcase_add_test(tc, test_enomem);
    tcase_add_test(tc, test_cells_push_free);
    tcase_add_test(tc, test_cells_push_enomem);
    suite_add_tcase(s, tc);
    return s;
}

/* Runs all tests; exit status 0 iff none failed. */
int main(void)
{
    SRunner *sr = srunner_create(mojibake_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
