/* check_lexicon.c: unit tests for the compiled-in English lexicon (src/lib/lexicon.c). */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "lexicon.h"

/* Band of the NUL-terminated word @p w. */
static int band(const char *w)
{
    return ugi_lex_band(w, strlen(w));
}

/* Nonzero when the NUL-terminated @p w is a function word. */
static int fw(const char *w)
{
    return ugi_lex_function_word(w, strlen(w));
}

/* answers do not depend on what was looked up before (the lookup memo):
   words that share a prefix, differ in case or in one letter, looked up in
   three orders, agree with the first answers */
START_TEST(test_memo)
{
    static const char *const words[] = {
        "the", "them", "then", "The", "THE", "Thex", "nationwide", "Nationwide",
        "NATIONWIDE", "nationwidE", "nationwides", "behavior", "behaviour", "behaviors",
        "China", "china", "CHINA", "Chinas", "US", "us", "Us", "uss", "controls", "controlson",
        "a", "A", "an", "and", "andx", "geopolitical", "geopoliticals", "overcapacity",
        "xqzv", "Xqzv", "stabilize", "stabilise", "stabilizes", "at", "At", "AT",
    };
    enum { N = sizeof words / sizeof words[0] };
    int first[N];
    for (size_t i = 0; i < N; i++)
        first[i] = band(words[i]);
    ck_assert_int_eq(first[0], 1);          /* the */
    ck_assert_int_eq(first[5], 0);          /* Thex */
    ck_assert_int_eq(first[32], 0);         /* xqzv */
    ck_assert_int_eq(first[2], band("then"));
    for (int pass = 0; pass < 3; pass++)
        for (size_t k = 0; k < N; k++) {
            size_t i = pass == 0 ? N - 1 - k : pass == 1 ? (k * 7) % N : k;
            ck_assert_msg(band(words[i]) == first[i], "%s: band %d, first %d", words[i],
                          band(words[i]), first[i]);
        }
    /* every word of one to three letters, in three cases, against the
       answers read in another order: words share memo entries */
    static signed char fwd[3][26 * 26 * 26 + 26 * 26 + 26];
    for (int pass = 0; pass < 2; pass++)
        for (int c = 0; c < 3; c++)
            for (int k = 0; k < 26 * 26 * 26 + 26 * 26 + 26; k++) {
                int x = pass ? 26 * 26 * 26 + 26 * 26 + 26 - 1 - k : k;
                char w[4] = { 0 };
                int len = x < 26 ? 1 : x < 26 + 676 ? 2 : 3;
                int y = x - (len == 1 ? 0 : len == 2 ? 26 : 26 + 676);
                for (int q = len - 1; q >= 0; q--, y /= 26)
                    w[q] = (char)((c == 2 || (c == 1 && q == 0) ? 'A' : 'a') + y % 26);
                int b = band(w);
                if (!pass)
                    fwd[c][x] = (signed char)b;
                else
                    ck_assert_msg(b == fwd[c][x], "%s: band %d, first %d", w, b, fwd[c][x]);
            }
    /* a word one letter longer than a remembered one is looked up anew */
    ck_assert_int_eq(band("the"), 1);
    ck_assert_int_eq(band("thex"), 0);
    ck_assert_int_eq(band("the"), 1);
}
END_TEST

/* ugi_lex_band_avail() gives ugi_lex_band()'s answer for every word of
   one to twelve bytes at every offset of a text, with the bytes after the
   word readable or not, whatever the memo holds (each window is asked
   twice, in two orders, so longer and shorter words with one prefix are
   remembered before it) */
START_TEST(test_band_avail)
{
    static const char text[] = "thenationwide The then them a an and controlson China chinas "
                               "US us behavior xqzv At geopolitical stabilize";
    size_t len = strlen(text);
    for (int pass = 0; pass < 4; pass++)
        for (size_t k = 0; k < len; k++) {
            size_t at = pass & 1 ? len - 1 - k : k;
            for (size_t n = 1; n <= 12 && at + n <= len; n++) {
                const char *w = text + at;
                int want = ugi_lex_band(w, n);
                ck_assert_msg(ugi_lex_band_avail(w, n, len - at) == want, "\"%.*s\" at %zu: "
                              "band %d, want %d", (int)n, w, at, ugi_lex_band_avail(w, n, len - at),
                              want);
                ck_assert_int_eq(ugi_lex_band_avail(w, n, n), want);
            }
        }
    /* every three-letter word, asked after all of them were looked up, so
       that most memo slots hold another word of the same length */
    static signed char want3[26 * 26 * 26];
    for (int x = 0; x < 26 * 26 * 26; x++) {
        char w[4] = { (char)('a' + x / 676), (char)('a' + x / 26 % 26), (char)('a' + x % 26), 0 };
        want3[x] = (signed char)ugi_lex_band(w, 3);
    }
    for (int x = 26 * 26 * 26 - 1; x >= 0; x--) {
        char w[9] = { (char)('a' + x / 676), (char)('a' + x / 26 % 26), (char)('a' + x % 26),
                      'q', 'q', 'q', 'q', 'q', 0 };
        ck_assert_msg(ugi_lex_band_avail(w, 3, 8) == want3[x], "%.3s: band %d, want %d", w,
                      ugi_lex_band_avail(w, 3, 8), want3[x]);
    }
    /* a known word and an unknown one inside running letters */
    ck_assert_int_eq(ugi_lex_band_avail(text, 3, len), 1);         /* the(nationwide) */
    ck_assert_int_eq(ugi_lex_band_avail(text, 4, len), band("then"));
    ck_assert_int_eq(ugi_lex_band_avail(strstr(text, "xqzv"), 4, 10), 0);
}
END_TEST

START_TEST(test_bands)
{
    /* SCOWL size 10-20: band 1 */
    ck_assert_int_eq(band("the"), 1);
    ck_assert_int_eq(band("controls"), 1);
    ck_assert_int_eq(band("included"), 1);
    /* every listed word has a band in 1..5 */
    static const char *const words[] = { "nationwide", "behavior", "behaviour", "stability",
                                         "adversaries", "overcapacity", "geopolitical",
                                         "asynchronous", "timeout", "China", "Beijing", "US" };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        int b = band(words[i]);
        ck_assert_msg(b >= 1 && b <= 5, "%s: band %d", words[i], b);
    }
    /* rarer words sit in higher bands than common ones */
    ck_assert_int_lt(band("house"), band("nationwide"));
    ck_assert_int_le(band("nationwide"), band("thereat"));
    ck_assert_int_ge(band("thereat"), 3);
}
END_TEST

START_TEST(test_unknown)
{
    static const char *const words[] = { "controlson", "anationwide", "includedUS", "Blinken",
                                         "TikTokunless", "Atwoodbefore", "zzzzq", "qwertyuiop",
                                         "x-y", "don t" };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        ck_assert_msg(band(words[i]) == 0, "%s: band %d", words[i], band(words[i]));
    /* a word cut short or extended is unknown */
    ck_assert_int_eq(ugi_lex_band("controls", 7), 1);           /* "control" */
    ck_assert_int_eq(ugi_lex_band("nationwid", 9), 0);
    ck_assert_int_eq(band("nationwides"), 0);
    /* words around the ends of the table */
    ck_assert_int_eq(band("A"), 1);
    ck_assert_int_eq(band("\x01"), 0);
    ck_assert_int_eq(band("~~~"), 0);
    ck_assert_int_eq(band("\xff\xff"), 0);
}
END_TEST

START_TEST(test_case_folding)
{
    /* looked up as given, then ASCII-lowercased */
    ck_assert_int_eq(band("The"), 1);
    ck_assert_int_eq(band("THE"), 1);
    ck_assert_int_eq(band("Controls"), band("controls"));
    ck_assert_int_gt(band("NATIONWIDE"), 0);
    /* proper names are listed capitalized only */
    ck_assert_int_gt(band("China"), 0);
    ck_assert_int_gt(band("Atwood"), 0);
    ck_assert_int_eq(band("atwood"), 0);
    /* all-caps abbreviations are listed as such */
    ck_assert_int_gt(band("US"), 0);
    ck_assert_int_gt(band("NATO"), 0);
    /* lowercase input is never upcased */
    ck_assert_int_eq(band("beijing"), 0);
}
END_TEST

START_TEST(test_function_words)
{
    static const char *const yes[] = { "a", "an", "the", "of", "on", "in", "before", "unless",
                                       "and", "or", "because", "he", "she", "it", "they",
                                       "is", "was", "would", "must", "whom", "The", "BEFORE" };
    static const char *const no[] = { "controls", "nationwide", "China", "behavior", "said",
                                      "meeting", "Blinken", "" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ck_assert_msg(fw(yes[i]), "%s should be a function word", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ck_assert_msg(!fw(no[i]), "%s should not be a function word", no[i]);
    /* function words are words */
    ck_assert_int_eq(band("whom"), band("Whom"));
    ck_assert_int_gt(band("whom"), 0);
}
END_TEST

START_TEST(test_non_ascii)
{
    /* UTF-8 words are compared byte for byte; only ASCII letters fold */
    ck_assert_int_gt(band("caf\xc3\xa9"), 0);                   /* café */
    ck_assert_int_eq(band("CAF\xc3\x89"), 0);                   /* CAFÉ: É does not fold */
    ck_assert_int_eq(band("Pek\xc3\xadn"), 0);                  /* Pekín */
    ck_assert_int_eq(band("\xe4\xb8\xad\xe5\x9b\xbd"), 0);      /* 中国 */
    /* invalid UTF-8 is just unknown */
    ck_assert_int_eq(band("the\xc3"), 0);
    ck_assert_int_eq(band("\xc3\x28"), 0);
    ck_assert_int_eq(fw("\xc3\xa9"), 0);
    /* curly apostrophes are not straight ones */
    ck_assert_int_eq(band("don\xe2\x80\x99t"), 0);
    ck_assert_int_gt(band("don't"), 0);
}
END_TEST

START_TEST(test_empty_and_long)
{
    ck_assert_int_eq(ugi_lex_band("", 0), 0);
    ck_assert_int_eq(ugi_lex_band(NULL, 0), 0);
    ck_assert_int_eq(ugi_lex_band(NULL, 5), 0);
    ck_assert_int_eq(ugi_lex_function_word("", 0), 0);
    ck_assert_int_eq(ugi_lex_function_word(NULL, 3), 0);
    /* the length is honoured: no NUL is needed */
    ck_assert_int_eq(ugi_lex_band("theory", 3), 1);
    ck_assert_int_eq(ugi_lex_function_word("often", 2), 1);  /* "of" */
    /* embedded NUL */
    ck_assert_int_eq(ugi_lex_band("the\0", 4), 0);
    /* very long input */
    char big[300];
    memset(big, 'a', sizeof big);
    ck_assert_int_eq(ugi_lex_band(big, sizeof big), 0);
    ck_assert_int_eq(ugi_lex_function_word(big, sizeof big), 0);
}
END_TEST

START_TEST(test_exhaustive_prefixes)
{
    /* every prefix of a long word: lookups near many bucket edges agree
       with the word list (known prefixes have bands, nonsense does not) */
    const char *w = "internationalization";
    size_t n = strlen(w);
    for (size_t k = 1; k <= n; k++) {
        int b = ugi_lex_band(w, k);
        ck_assert(b >= 0 && b <= 5);
    }
    ck_assert_int_gt(ugi_lex_band(w, 5), 0);        /* inter */
    ck_assert_int_gt(ugi_lex_band(w, 13), 0);       /* international */
    ck_assert_int_eq(ugi_lex_band(w, 12), 0);       /* internationa */
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("lexicon");
    TCase *tc = tcase_create("lookup");
    tcase_add_test(tc, test_memo);
    tcase_add_test(tc, test_band_avail);
    tcase_add_test(tc, test_bands);
    tcase_add_test(tc, test_unknown);
    tcase_add_test(tc, test_case_folding);
    tcase_add_test(tc, test_function_words);
    tcase_add_test(tc, test_non_ascii);
    tcase_add_test(tc, test_empty_and_long);
    tcase_add_test(tc, test_exhaustive_prefixes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
