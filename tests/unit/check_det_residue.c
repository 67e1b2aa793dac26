/* check_det_residue.c: unit tests for the style_mixed, typography_flattened, repeated_ngram, duplicate_line and boilerplate detectors (src/lib/det_residue.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "detect_int.h"
#include "ug/detect.h"
#include "ug/segment.h"
#include "ug/status.h"
#define DET_FAMILY ugi_det_residue
#define DET_FAMILY_N ugi_det_residue_n
#include "det_fixture.h"

/* ---- helpers ---------------------------------------------------------- */

/* Asserts that detector @p id makes exactly one document finding on
 * @p text with typography @p ty, whose evidence contains @p ev. */
static void assert_doc(const char *id, const char *text, typo ty, const char *ev)
{
    run r;
    run_full(&r, id, text, ty, -1);
    ck_assert_int_eq(r.st, UG_OK);
    ck_assert_msg(r.f.n == 1, "%s: %zu findings", id, r.f.n);
    ck_assert_int_eq(r.f.v[0].doc, 1);
    ck_assert_msg(strstr(ug_finding_evidence(&r.f, &r.f.v[0]), ev) != NULL,
                  "evidence \"%s\" lacks \"%s\"", ug_finding_evidence(&r.f, &r.f.v[0]), ev);
    run_free(&r);
}

/* Asserts that detector @p id finds nothing on @p text with typography @p ty. */
static void assert_none_typo(const char *id, const char *text, typo ty)
{
    run r;
    run_full(&r, id, text, ty, -1);
    ck_assert_int_eq(r.st, UG_OK);
    ck_assert_msg(r.f.n == 0, "%s fired: %s", id,
                  r.f.n ? ug_finding_evidence(&r.f, &r.f.v[0]) : "");
    run_free(&r);
}

/* ---- the family table ----------------------------------------------------- */

START_TEST(test_table)
{
    ck_assert_uint_eq(ugi_det_residue_n, 5);
    for (size_t i = 0; i < ugi_det_residue_n; i++) {
        ck_assert_ptr_nonnull(ugi_det_residue[i].run);
        ck_assert_ptr_nonnull(ugi_det_residue[i].summary);
        ug_det_family want = strcmp(ugi_det_residue[i].id, "typography_flattened") == 0
                           ? UG_DET_MT : UG_DET_RESIDUE;
        ck_assert_int_eq(ugi_det_residue[i].family, want);
    }
}
END_TEST

/* ---- style_mixed -------------------------------------------------------- */

START_TEST(test_style_mixed)
{
    assert_doc("style_mixed",
               "The US was committed to talks, Blinken said.\n"
               "He raised concerns about the U.S. in. growing relations with allies.\n"
               "The US and China should be partners.\n",
               UNKNOWN, "US twice and U.S. once");
    assert_doc("style_mixed",
               "Relations can really stabilise, Xi said.\n"
               "Both sides hope ties will stabilize soon.\n",
               UNKNOWN, "\"stabilise\" and \"stabilize\"");
    /* one house style, U.S.A., the pronoun in capitals, different stems */
    assert_none("style_mixed",
                "The US and China should be partners, not rivals.\n"
                "He was born in the U.S.A. and moved to the US later.\n"
                "JOIN US FOR THE LIVE BLOG\n"
                "They organised the summit and will realize their plans.\n");
    assert_none("style_mixed", "The U.S. and the U.K. signed; U.S. officials said so.\n");
    /* EU and UN too, the byte of the first minority form, across sentences */
    assert_doc("style_mixed", "The EU and the E.U. talked.\nThe EU agreed.\n", UNKNOWN,
               "EU twice and E.U. once (first minority form at byte 15)");
    assert_doc("style_mixed", "The U.N. met.\nThe UN and the U.N. spoke.\n", UNKNOWN,
               "UN once and U.N. twice (first minority form at byte 18)");
    /* a mostly capitals sentence does not count, whatever it holds */
    assert_none("style_mixed", "The EU met.\nTHE E.U. SUMMIT ENDED\n");
    /* every ending, in any case; one spelling of each is no finding */
    static const char *const pairs[][2] = {
        { "organise", "organize" }, { "Organised", "organized" }, { "organises", "ORGANIZES" },
        { "organising", "organizing" }, { "organisation", "organization" },
        { "organisations", "organizations" }, { "organiser", "organizer" },
        { "organisers", "organizers" }, { "analyse", "analyze" }, { "analysed", "analyzed" },
        { "analysing", "analyzing" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "They spoke of %s at length.\nOthers spoke of %s.\n",
                 pairs[i][0], pairs[i][1]);
        assert_doc("style_mixed", text, UNKNOWN, "both");
        snprintf(text, sizeof text, "They spoke of %s at length.\nOthers spoke of %s.\n",
                 pairs[i][0], pairs[i][0]);
        assert_none("style_mixed", text);
    }
}
END_TEST

/* ---- Gopher repetition against a plain reference ------------------------ */

/* A small deterministic generator (an LCG; the high bits). */
static unsigned gen_next(unsigned long long *g)
{
    *g = *g * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(*g >> 33);
}

/* Word k of a vocabulary: 2 to 9 lowercase letters, distinct for every k
 * below 26^2. */
static void vocab_word(unsigned k, char *w)
{
    size_t n = 2 + k % 8;
    w[0] = (char)('a' + k % 26);
    w[1] = (char)('a' + k / 26 % 26);
    for (size_t i = 2; i < n; i++)
        w[i] = (char)('a' + (k * 7 + i) % 26);
    w[n] = 0;
}

/* The document findings Gopher's rules give for the words idx[0..nt) of a
 * text whose words are separated by single spaces, worked out plainly: an
 * n-gram is its word indices, counted in a table searched from start to
 * end (the same counting order as the detector: the top n-gram is the
 * first to reach the largest count times characters; the repeated
 * 5-grams are counted left to right, skipping past each repeat). Writes
 * the evidence strings, one per line, into out. */
static void gopher_reference(const unsigned *idx, size_t nt, char *out, size_t cap)
{
    static const double limit[6] = { 0, 0, 0.20, 0.18, 0.16, 0.15 };
    static unsigned keys[400][5];
    static size_t count[400], first[400];
    char w[16];
    size_t len[400], at[401], total = 0;
    out[0] = 0;
    at[0] = 0;
    for (size_t i = 0; i < nt; i++) {
        vocab_word(idx[i], w);
        len[i] = strlen(w);
        total += len[i];
        at[i + 1] = at[i] + len[i] + 1;    /* text offset of word i + 1 */
    }
    for (size_t n = 2; n <= 5; n++) {
        size_t nk = 0, best = 0, best_i = 0, dup = 0;
        for (size_t i = 0; i + n <= nt; ) {
            size_t k;
            for (k = 0; k < nk && memcmp(keys[k], idx + i, n * sizeof *idx) != 0; k++)
                ;
            if (k == nk) {
                memcpy(keys[nk], idx + i, n * sizeof *idx);
                count[nk] = 0;
                first[nk++] = i;
            }
            count[k]++;
            size_t chars = 0;
            for (size_t m = 0; m < n; m++)
                chars += len[i + m];
            if (n < 5) {
                if (count[k] > 1 && count[k] * chars > best) {
                    best = count[k] * chars;
                    best_i = first[k];
                }
                i++;
            } else if (count[k] > 1) {
                dup += chars;
                i += n;
            } else {
                i++;
            }
        }
        size_t o = strlen(out);
        if (n < 5 && (double)best > limit[n] * (double)total)
            snprintf(out + o, cap - o, "the %zu-gram \"%s\" covers %.0f%% of the text (limit %.0f%%)\n",
                     n, "", 100.0 * (double)best / (double)total, 100.0 * limit[n]);
        else if (n == 5 && (double)dup > limit[5] * (double)total)
            snprintf(out + o, cap - o, "repeated 5-grams cover %.0f%% of the text (limit 15%%)\n",
                     100.0 * (double)dup / (double)total);
        /* the quoted n-gram: the words from best_i, put in afterwards */
        if (n < 5 && (double)best > limit[n] * (double)total) {
            char *q = strstr(out + o, "\"\"");
            char gram[128] = "";
            for (size_t m = 0; m < n; m++) {
                vocab_word(idx[best_i + m], w);
                if (m)
                    strcat(gram, " ");
                strcat(gram, w);
            }
            char tail[256];
            snprintf(tail, sizeof tail, "%s", q + 1);
            snprintf(q + 1, cap - (size_t)(q + 1 - out), "%s%s", gram, tail);
        }
    }
    (void)at;
}

/* The document findings of repeated_ngram on thousands of texts built to
 * sit near Gopher's limits (a vocabulary of 6 to 400 words, phrases of 2 to
 * 10 words planted 2 to 12 times) equal those of the plain reference: the
 * detector's shortcuts (lengths skipped by bounds) change no result. */
START_TEST(test_repeated_ngram_gopher_reference)
{
    static const unsigned vocab[] = { 6, 12, 30, 80, 150, 400 };
    unsigned long long g = 20261207;
    static char text[8192], want[1024], got[1024];
    unsigned idx[400];
    size_t fired = 0;
    for (int doc = 0; doc < 3000; doc++) {
        unsigned v = vocab[gen_next(&g) % 6];
        size_t nt = 50 + gen_next(&g) % 250;
        for (size_t i = 0; i < nt; i++)
            idx[i] = gen_next(&g) % v;
        /* a planted phrase */
        size_t plen = 2 + gen_next(&g) % 9, times = 2 + gen_next(&g) % 11;
        unsigned phrase[10];
        for (size_t m = 0; m < plen; m++)
            phrase[m] = gen_next(&g) % 400;
        for (size_t t = 0; t < times; t++) {
            size_t at = gen_next(&g) % (nt - plen + 1);
            memcpy(idx + at, phrase, plen * sizeof *phrase);
        }
        size_t o = 0;
        char w[16];
        for (size_t i = 0; i < nt; i++) {
            vocab_word(idx[i], w);
            o += (size_t)snprintf(text + o, sizeof text - o, "%s%s", i ? " " : "", w);
        }
        gopher_reference(idx, nt, want, sizeof want);
        run r;
        run_det(&r, "repeated_ngram", text);
        ck_assert_int_eq(r.st, UG_OK);
        got[0] = 0;
        for (size_t i = 0; i < r.f.n; i++)
            if (r.f.v[i].doc) {
                size_t n = strlen(got);
                snprintf(got + n, sizeof got - n, "%s\n", ug_finding_evidence(&r.f, &r.f.v[i]));
            }
        ck_assert_msg(strcmp(got, want) == 0, "document %d (%zu words of %u):\n%s\n"
                      "detector:\n%sreference:\n%s", doc, nt, v, text, got, want);
        fired += want[0] != 0;
        run_free(&r);
    }
    /* the texts reach the limits often, but not always */
    ck_assert_uint_gt(fired, 300);
    ck_assert_uint_lt(fired, 2700);
}
END_TEST

/* ---- typography_flattened ------------------------------------------------- */

/* Appends @p n copies of @p s to buf[0..cap). */
static void repeat(char *buf, size_t cap, const char *s, int n)
{
    for (int i = 0; i < n; i++)
        strncat(buf, s, cap - strlen(buf) - 1);
}

START_TEST(test_typography_flattened)
{
    static char text[16384];
    text[0] = 0;
    /* 20 words a paragraph, 20 paragraphs: 400 words, straight apostrophes */
    repeat(text, sizeof text, "China's leader said the two countries should be partners "
           "and that Washington's measures were not fair competition at all.\n", 20);
    assert_doc("typography_flattened", text, UNKNOWN, "no curly quote");
    /* normalize's counts win over the text */
    assert_doc("typography_flattened", text, (typo){ 0, 40, 0, 0 }, "40 straight");
    assert_none_typo("typography_flattened", text, (typo){ 12, 40, 0, 0 });
    assert_none_typo("typography_flattened", text, (typo){ 0, 40, 0, 1 });
    /* a dash in running text keeps it quiet; a dash in a dateline does not */
    static char dashed[16384];
    snprintf(dashed, sizeof dashed, "%sBlinken's trip \xe2\x80\x93 his second in a year "
             "\xe2\x80\x93 comes as ties improve.\n", text);
    assert_none("typography_flattened", dashed);
    assert_none_typo("typography_flattened", dashed, (typo){ 0, 41, 2, 0 });
    static char dateline[16384];
    snprintf(dateline, sizeof dateline, "Beijing\n\nCNN\n\n\xe2\x80\x93\n\n%s", text);
    assert_doc("typography_flattened", dateline, (typo){ 0, 40, 1, 0 }, "no dash");
    /* curly quotes in the text */
    static char curly[16384];
    snprintf(curly, sizeof curly, "%s\xe2\x80\x9cWe hope so,\xe2\x80\x9d he said.\n", text);
    assert_none("typography_flattened", curly);
    /* too short */
    assert_none("typography_flattened", "China's leader said the two countries should be "
                "partners.\n");
}
END_TEST

START_TEST(test_typography_dash_every_offset)
{
    /* the scan for dashes reads sixteen bytes at a time: an en dash, an em
       dash and a typed " - " at 40 offsets in the last sentence, after a
       non-ASCII letter, each enough to keep the document quiet */
    static char text[16384], doc[16384];
    static const char pad[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static const char *const dashes[] = { "\xe2\x80\x93", "\xe2\x80\x94", "-" };
    text[0] = 0;
    repeat(text, sizeof text, "China's leader said the two countries should be partners "
           "and that Washington's measures were not fair competition at all.\n", 20);
    for (size_t k = 0; k < sizeof dashes / sizeof dashes[0]; k++)
        for (int off = 0; off < 40; off++) {
            snprintf(doc, sizeof doc, "%sThe caf\xc3\xa9 %.*sb trip %s his second in a year "
                     "comes as ties improve.\n", text, off, pad, dashes[k]);
            assert_none_typo("typography_flattened", doc, (typo){ 0, 40, 1, 0 });
            snprintf(doc, sizeof doc, "%sThe caf\xc3\xa9 %.*sb trip %s his second in a year "
                     "comes as ties improve.\n", text, off, pad, k == 2 ? "-x" : "\xe2\x80\x98");
            assert_doc("typography_flattened", doc, (typo){ 0, 40, 1, 0 }, "no dash");
        }
}
END_TEST

/* ---- repeated_ngram ----------------------------------------------------- */

START_TEST(test_repeated_ngram)
{
    assert_one("repeated_ngram", "He said that the the the meeting was long.",
               "the the the", "3 times in a row");
    assert_one("repeated_ngram", "They talked of the state of the state of the state of the "
               "state for hours.", "of the state of the state of the state of the state",
               "(3 words) 4 times");
    assert_one("repeated_ngram", "The agency accepts applications from prospective students "
               "applications from prospective students every year.",
               "applications from prospective students applications from prospective students",
               "(4 words) 2 times");
    /* ordinary doubling and rhetoric */
    assert_none("repeated_ngram", "What he had had was not enough. That that is is that that "
                "is not.\n"
                "No, no, no, he said.\n"
                "Why did I come here, why did I come here, she asked.\n"
                "The numbers were 0 0 0 0 in every row.\n");
}
END_TEST

/* Words are compared lower-cased, whatever their length against the
 * 8-byte chunks the hash reads, with U+2019 as an apostrophe and the
 * lowercase of non-ASCII letters (KELVIN SIGN is k, U+0130 is i). */
START_TEST(test_repeated_ngram_case)
{
    assert_one("repeated_ngram", "He said The THE the meeting was long.", "The THE the",
               "3 times in a row");
    assert_one("repeated_ngram", "It was Internationalization internationalization "
               "INTERNATIONALIZATION all day.",
               "Internationalization internationalization INTERNATIONALIZATION",
               "3 times in a row");
    assert_one("repeated_ngram", "I don\u2019t DON'T don't know.", "don\u2019t DON'T don't",
               "3 times in a row");
    assert_one("repeated_ngram", "The \u212Aing king KING spoke.", "\u212Aing king KING",
               "3 times in a row");
    assert_one("repeated_ngram", "\u0130T it It was.", "\u0130T it It", "3 times in a row");
    assert_one("repeated_ngram", "Una se\u00F1ora SE\u00D1ORA Se\u00F1ora vino.",
               "se\u00F1ora SE\u00D1ORA Se\u00F1ora", "3 times in a row");
    /* one letter apart, in the first or the ninth byte */
    assert_none("repeated_ngram", "It was Internationalization internationalizatiom "
                "INTERNATIONALIZATION all day.\n"
                "He saw the king kind king.\n"
                "Then abcdefghij bbcdefghij abcdefghij came.\n"
                "Una se\u00F1ora senora Se\u00F1ora vino.\n");
}
END_TEST

START_TEST(test_repeated_ngram_gopher)
{
    static char text[8192];
    text[0] = 0;
    /* the same ten-word line twenty times in one paragraph */
    repeat(text, sizeof text, "click the button below to claim your free prize now. ", 20);
    run r;
    run_det(&r, "repeated_ngram", text);
    ck_assert_int_eq(r.st, UG_OK);
    int doc = 0;
    for (size_t i = 0; i < r.f.n; i++)
        doc += r.f.v[i].doc;
    ck_assert_msg(doc >= 1, "no document finding");
    run_free(&r);
}
END_TEST

/* Appends the i-th of 676 distinct eight-letter words and a space. */
static void filler(char *buf, size_t cap, int i)
{
    char w[10] = { 'f', 'i', 'l', (char)('a' + i / 26 % 26), (char)('a' + i % 26), 'e', 'r', 's',
                   ' ', 0 };
    strncat(buf, w, cap - strlen(buf) - 1);
}

/* Gopher's lengths one at a time: a 4-gram covering 20% of the characters
   while its 2- and 3-grams stay under their limits, and repeated 5-grams
   whose 2- to 4-grams are each seen only twice */
START_TEST(test_repeated_ngram_gopher_lengths)
{
    static char text[8192];
    for (int per = 16; per <= 24; per += 8) {
        text[0] = 0;
        for (int b = 0, f = 0; b < 10; b++) {
            for (int k = 0; k < per; k++)
                filler(text, sizeof text, f++);
            strncat(text, "internationals of an administrators ", sizeof text - strlen(text) - 1);
        }
        if (per == 16)  /* 320 of 1,600 characters: 20% */
            assert_doc("repeated_ngram", text, UNKNOWN, "the 4-gram \"internationals of an "
                       "administrators\" covers 20%");
        else            /* 320 of 2,240: 14% */
            assert_none("repeated_ngram", text);
    }
    for (int again = 4; again <= 20; again += 16) {
        text[0] = 0;
        for (int i = 0; i < 60; i++)
            filler(text, sizeof text, i);
        for (int i = 0; i < again; i++)
            filler(text, sizeof text, i);
        if (again == 20)    /* the last 20 words of 80 */
            assert_doc("repeated_ngram", text, UNKNOWN, "repeated 5-grams cover 25%");
        else                /* four words again make no 5-gram */
            assert_none("repeated_ngram", text);
    }
}
END_TEST

/* ---- duplicate_line ----------------------------------------------------- */

START_TEST(test_duplicate_line)
{
    static const char text[] =
        "Speaking to reporters after his meetings, Blinken said the two countries would "
        "hold talks.\n\n"
        "US Secretary of State Antony Blinken shakes hands with China's Foreign Minister Wang "
        "Yi in Beijing on April 26, 2024. - Mark Schiefelbein/Pool/AFP/Getty Images\n"
        "US Secretary of State Antony Blinken shakes hands with China's Foreign Minister Wang "
        "Yi in Beijing on April 26, 2024. - Mark Schiefelbein/Pool/AFP/Getty Images\n\n"
        "Peace and stability\n";
    run r;
    run_det(&r, "duplicate_line", text);
    ck_assert_int_eq(r.st, UG_OK);
    ck_assert_uint_eq(r.f.n, 1);
    const char *first = strstr(text, "US Secretary");
    const char *second = strstr(first + 1, "US Secretary");
    ck_assert_uint_eq(r.f.v[0].start, (size_t)(second - text));
    ck_assert_uint_eq(r.f.v[0].end, (size_t)(strstr(second, "Images") + 6 - text));
    char want[64];
    snprintf(want, sizeof want, "at byte %zu", (size_t)(first - text));
    ck_assert_ptr_nonnull(strstr(ug_finding_evidence(&r.f, &r.f.v[0]), want));
    run_free(&r);
    /* white space differences do not matter */
    assert_one("duplicate_line", "The meeting lasted five hours in all.\n"
               "Other text here for the body.\n"
               "The meeting  lasted five hours in all.\n",
               "The meeting  lasted five hours in all.", "at byte 0");
    /* short lines and distinct paragraphs */
    assert_none("duplicate_line", "Read more\nThe meeting lasted five hours.\nRead more\n"
                "The meeting lasted six hours.\n");
    /* white space of any kind and length between the words of a copy, after
       a first word of 1 to 12 letters; the same letters with the spaces
       elsewhere are another paragraph */
    static const char *const gaps[] = { " ", "  ", "\t", " \t ", "   " };
    for (size_t k = 0; k < 12; k++)
        for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
            char buf[512], word[16];
            snprintf(word, sizeof word, "%.*s", (int)(k + 1), "Internationally");
            snprintf(buf, sizeof buf, "%s met the delegates of the council today.\n"
                     "Other text here for the body.\n"
                     "%s%smet the%sdelegates of%sthe council today.\n"
                     "%s me tthe delegates oft he council today.\n",
                     word, word, gaps[g], gaps[g], gaps[g], word);
            run dr;
            run_det(&dr, "duplicate_line", buf);
            ck_assert_int_eq(dr.st, UG_OK);
            ck_assert_msg(dr.f.n == 1, "%zu findings in \"%s\"", dr.f.n, buf);
            ck_assert_ptr_nonnull(strstr(ug_finding_evidence(&dr.f, &dr.f.v[0]), "at byte 0"));
            ck_assert_uint_eq(dr.f.v[0].start, (size_t)(strchr(strchr(buf, '\n') + 1, '\n') + 1 - buf));
            run_free(&dr);
        }
    /* a copy whose only difference is one space doubled, at each space of
       the line in turn, after a first word of 1 to 8 letters (so at every
       offset from the paragraph's start modulo eight, across each 8-byte
       boundary and into the last bytes), and a copy with that space
       dropped (another paragraph) */
    for (size_t w = 1; w <= 8; w++) {
        char line[128];
        snprintf(line, sizeof line, "%.*s council met the delegates of the city today and they "
                 "all talked at length about it.", (int)w, "Counters");
        for (size_t at = 0; line[at]; at++) {
            if (line[at] != ' ')
                continue;
            for (int drop = 0; drop < 2; drop++) {
                char buf[512];
                size_t o = (size_t)snprintf(buf, sizeof buf, "%s\nOther text here for the "
                                            "body.\n", line);
                memcpy(buf + o, line, at);
                o += at;
                if (!drop)
                    buf[o++] = ' ';
                snprintf(buf + o, sizeof buf - o, "%s\n", line + at + drop);
                run dr;
                run_det(&dr, "duplicate_line", buf);
                ck_assert_msg(dr.f.n == (size_t)!drop, "%zu findings in \"%s\"", dr.f.n, buf);
                run_free(&dr);
            }
        }
    }
    /* spans given by the caller may hold white space at their ends: the
       reading keeps one space for any at the start and drops it at the
       end */
    static const char spaced[] = "The council met the delegates of the city today.\n"
                                 " The council met the delegates of the city today. \n"
                                 "  The council met the delegates of the city today.\n"
                                 "\tThe council met the delegates of the city today.\n";
    const char *l2 = strchr(spaced, '\n') + 1, *l3 = strchr(l2, '\n') + 1,
               *l4 = strchr(l3, '\n') + 1;
    ug_sentence ps[4] = {
        { 0, 0, 0, (size_t)(l2 - 1 - spaced), UG_SEG_BODY, 0 },
        { 1, 0, (size_t)(l2 + 1 - spaced), (size_t)(l3 - 1 - spaced), UG_SEG_BODY, 0 },
        { 2, 0, (size_t)(l3 - spaced), (size_t)(l4 - 1 - spaced), UG_SEG_BODY, 0 },
        { 3, 0, (size_t)(l4 - spaced), strlen(spaced) - 1, UG_SEG_BODY, 0 },
    };
    ug_doc sd = { spaced, strlen(spaced), ps, 4, -1, -1, -1, -1 };
    ug_findings sf = { 0 };
    unsigned dk = det_index("duplicate_line");
    ck_assert_int_eq(DET_FAMILY[dk].run(&sd, dk, &sf), UG_OK);
    /* the second line (its trailing space dropped) copies the first; the
       third and fourth (one space for their leading white space) copy
       each other, not the first */
    ck_assert_uint_eq(sf.n, 2);
    ck_assert_uint_eq(sf.v[0].start, ps[1].start);
    ck_assert_uint_eq(sf.v[1].start, ps[3].start);
    ck_assert_ptr_nonnull(strstr(ug_finding_evidence(&sf, &sf.v[1]), "at byte"));
    ug_findings_free(&sf);
    /* words of 1 to 24 bytes, the copy last in the text with no line break
       after it: a copy is found, and a copy with any one byte of the long
       word changed is another paragraph */
    static const char long_word[] = "Counterrevolutionariesxy";
    for (size_t k = 1; k <= 24; k++) {
        char buf[512];
        snprintf(buf, sizeof buf, "The %.*s met the delegates today.\nOther text here for the "
                 "body.\nThe  %.*s\tmet the delegates\ttoday.", (int)k, long_word, (int)k, long_word);
        run dr;
        run_det(&dr, "duplicate_line", buf);
        ck_assert_msg(dr.f.n == 1, "%zu findings in \"%s\"", dr.f.n, buf);
        run_free(&dr);
        for (size_t at = 0; at < k; at++) {
            char *copy = strrchr(buf, '\n') + 6;       /* the long word of the copy */
            char keep = copy[at];
            copy[at] = keep == 'z' ? 'y' : 'z';
            run_det(&dr, "duplicate_line", buf);
            ck_assert_msg(dr.f.n == 0, "changed byte %zu: %zu findings in \"%s\"", at, dr.f.n, buf);
            run_free(&dr);
            copy[at] = keep;
        }
    }
}
END_TEST

/* ---- boilerplate -------------------------------------------------------- */

START_TEST(test_boilerplate_seed_lines)
{
    assert_one("boilerplate", "  1. Skip to content\n\nUS and China should be partners, Xi "
               "tells Blinken in a meeting on Friday in Beijing.\n",
               "1. Skip to content", "Skip to content");
    assert_one("boilerplate", " date 2024-04-27 BEIJING \xe2\x80\x93 Chinese President Xi "
               "Jinping on Friday told top US diplomat Antony Blinken that the world's biggest "
               "economies should be partners.", "date 2024-04-27", "metadata line");
    assert_one("boilerplate", "He said so at the end of the meeting on Friday.\n\n"
               "rm,km/sms (Reuters, AFP, AP)", "rm,km/sms (Reuters, AFP, AP)", "sign-off");
    assert_one("boilerplate", "He said so at the end of the meeting on Friday.\n\n"
               "(Reuters, AFP)", "(Reuters, AFP)", "agencies");
    assert_one("boilerplate", "This story and headline have been updated.\n\n"
               "For more CNN news and newsletters create an account at",
               "For more CNN news and newsletters create an account at", "cut off");
    assert_one("boilerplate", "Relations between US and China improved the last year, but a "
               "number of issues separate the countries\nImage: Mark Schiefelbein/AP "
               "Photo/picture alliance\n", "Image: Mark Schiefelbein/AP Photo/picture alliance",
               "photo credit");
    assert_one("boilerplate", "He left.\n\nAdvertisement\n\nShe stayed for the talks on "
               "Friday.\n", "Advertisement", "page furniture");
}
END_TEST

START_TEST(test_boilerplate_dateline)
{
    assert_one("boilerplate", "Beijing\n\nCNN\n\n\xe2\x80\x93\n\n\n\nChinese leader Xi Jinping "
               "said the US and China should be partners, not adversaries.\n",
               "Beijing\n\nCNN\n\n\xe2\x80\x93", "dateline split over 3 lines");
}
END_TEST

/* the phrase and note lists are matched in any case, up to the last byte of
   the sentence, and a phrase one letter short is not matched */
START_TEST(test_boilerplate_phrase_case)
{
    assert_one("boilerplate", "This story and headline have been updated.\n\n"
               "For more news CREATE AN ACCOUNT AT",
               "For more news CREATE AN ACCOUNT AT", "cut off");
    assert_none("boilerplate", "This story and headline have been updated.\n\n"
                "For more news create an accoun");
    /* a call to action inside an editor's note is the note, not furniture */
    assert_none("boilerplate", "He said so at the end of the meeting on Friday.\n\n"
                "EDITOR'S NOTE: create an account at the site to read the full story.\n");
    assert_one("boilerplate", "He said so at the end of the meeting on Friday.\n\n"
               "EDITORS NOTE: create an account at the site to read the full story.\n",
               "EDITORS NOTE: create an account at the site to read the full story.",
               "create an account at");
}
END_TEST

START_TEST(test_boilerplate_clean)
{
    assert_none("boilerplate",
                "US Secretary of State Antony Blinken met Chinese President Xi Jinping in "
                "Beijing on Friday.\n\n"
                "He said he would read more of the reports before deciding anything.\n\n"
                "The date of the next meeting has not been set, officials said.\n\n"
                "This story has been updated to reflect additional developments.\n\n"
                "CNN\xe2\x80\x99s Wayne Chang contributed to this report.\n");
}
END_TEST

START_TEST(test_boilerplate_editorial_note)
{
    /* an editorial note is never flagged, whatever else the line is */
    static const char *const base = "He said so at the end of the meeting on Friday.\n\n%s\n";
    static const struct { const char *flagged, *note, *ev; } cases[] = {
        { "(Reuters, AFP)", "(Reuters, AFP) contributed reporting", "agencies" },
        { "date 2024-04-26", "date 2024-04-26 correction: the date", "metadata line" },
        { "Photo: AP", "Photo: AP has been updated", "photo credit" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        run r;
        snprintf(text, sizeof text, base, cases[i].flagged);
        run_det(&r, "boilerplate", text);
        ck_assert_msg(r.f.n == 1 && strstr(ug_finding_evidence(&r.f, &r.f.v[0]), cases[i].ev),
                      "%s: %zu findings", cases[i].flagged, r.f.n);
        run_free(&r);
        snprintf(text, sizeof text, base, cases[i].note);
        assert_none("boilerplate", text);
    }
    /* a note among the items of a navigation list at the top */
    run r;
    run_det(&r, "boilerplate", "- Home\n- World\n- Correction: Business\n- Sport\n\n"
            "US Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing "
            "on Friday for talks.\n");
    size_t nav = 0;
    for (size_t f = 0; f < r.f.n; f++) {
        ck_assert_ptr_null(strstr(span(&r, f), "Correction"));
        nav += strstr(ug_finding_evidence(&r.f, &r.f.v[f]), "navigation list") != NULL;
    }
    ck_assert_uint_eq(nav, 2);
    run_free(&r);
}
END_TEST

/* ---- allocation failure -------------------------------------------------- */

START_TEST(test_enomem)
{
    static const char *const ids[] = { "repeated_ngram", "duplicate_line", "boilerplate",
                                       "style_mixed" };
    static const char *const texts[] = {
        ("He said that the the the meeting was long, and that was all he would say about "
         "the talks with the minister on Friday in the capital city of the country."),
        "The meeting lasted five hours in all.\nThe meeting lasted five hours in all.\n",
        "1. Skip to content\n",
        "The US and the U.S. are one.\n",
    };
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        for (long k = 0; k < 3; k++) {
            run r;
            run_full(&r, ids[i], texts[i], UNKNOWN, k);
            ck_assert_msg(r.st == UG_OK || r.st == UG_ENOMEM, "%s: status %d", ids[i], r.st);
            run_free(&r);
        }
    run r;
    run_full(&r, "duplicate_line", texts[1], UNKNOWN, 0);
    ck_assert_int_eq(r.st, UG_ENOMEM);
    run_free(&r);
}
END_TEST

/* ---- main ----------------------------------------------------------------- */

/* The test suite of the residue detector family. */
static Suite *suite(void)
{
    Suite *s = suite_create("det_residue");
    TCase *tc = tcase_create("residue");
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_style_mixed);
    tcase_add_test(tc, test_typography_flattened);
    tcase_add_test(tc, test_typography_dash_every_offset);
    tcase_add_test(tc, test_repeated_ngram);
    tcase_add_test(tc, test_repeated_ngram_case);
    tcase_add_test(tc, test_repeated_ngram_gopher);
    tcase_add_test(tc, test_repeated_ngram_gopher_lengths);
    tcase_add_test(tc, test_repeated_ngram_gopher_reference);
    tcase_add_test(tc, test_duplicate_line);
    tcase_add_test(tc, test_boilerplate_seed_lines);
    tcase_add_test(tc, test_boilerplate_dateline);
    tcase_add_test(tc, test_boilerplate_phrase_case);
    tcase_add_test(tc, test_boilerplate_clean);
    tcase_add_test(tc, test_boilerplate_editorial_note);
    tcase_add_test(tc, test_enomem);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
