/* check_det_glue.c: unit tests for the glued_words, stray_period and fragment detectors (src/lib/det_glue.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "detect_int.h"
#include "ug/detect.h"
#include "ug/segment.h"
#include "ug/status.h"
#include "det_fixture.h"

/* ---- helpers ---------------------------------------------------------- */

/* One detector run over a text: the segmentation and the findings. */
typedef struct {
    const char *text;
    sents ss;
    ug_findings f;
} run;

/* The index of detector @p id in the glue family. */
static unsigned det_index(const char *id)
{
    return det_index_in(ugi_det_glue, ugi_det_glue_n, id);
}

/* Segments @p text (@p flags: UG_SEG_* options); when @p kind >= 0 every
 * sentence is relabelled as that kind. */
static void segment(run *r, const char *text, unsigned flags, int kind)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    ug_seg_opts o = { flags, "en", 0 };
    ug_segmenter *sg = ug_segmenter_new(&o);
    ck_assert_ptr_nonnull(sg);
    ck_assert_int_eq(ug_segment(sg, text, strlen(text), collect, &r->ss), UG_OK);
    ug_segmenter_free(sg);
    if (kind >= 0)
        for (size_t i = 0; i < r->ss.n; i++)
            r->ss.v[i].kind = (ug_seg_kind)kind;
}

/* Runs detector @p id over the segmented text of @p r. */
static void detect(run *r, const char *id)
{
    unsigned d = det_index(id);
    ug_doc doc = { r->text, strlen(r->text), r->ss.v, r->ss.n, -1, -1, -1, -1 };
    ug_findings_clear(&r->f);
    ck_assert_int_eq(ugi_det_glue[d].run(&doc, d, &r->f), UG_OK);
    for (size_t i = 0; i < r->f.n; i++) {
        ck_assert_uint_eq(r->f.v[i].det, d);
        ck_assert_int_eq(r->f.v[i].doc, 0);
        ck_assert_uint_lt(r->f.v[i].start, r->f.v[i].end);
        ck_assert_uint_le(r->f.v[i].end, doc.len);
    }
}

static void run_free(run *r)
{
    free(r->ss.v);
    ug_findings_free(&r->f);
}

/* Index of the finding whose span is exactly @p span, or -1. */
static long find_span(const run *r, const char *span)
{
    size_t n = strlen(span);
    for (size_t i = 0; i < r->f.n; i++) {
        const ug_finding *x = &r->f.v[i];
        if (x->end - x->start == n && memcmp(r->text + x->start, span, n) == 0)
            return (long)i;
    }
    return -1;
}

/* Prints the findings of @p r into @p buf (for failure messages). */
static const char *dump(const run *r, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < r->f.n && k + 1 < size; i++) {
        const ug_finding *x = &r->f.v[i];
        int w = snprintf(buf + k, size - k, "[%.*s] ", (int)(x->end - x->start), r->text + x->start);
        if (w < 0)
            break;
        k += (size_t)w;
    }
    return buf;
}

/* Asserts that detector @p id finds exactly the spans @p spans (NULL-ended)
 * in @p text, segmented with @p flags, each with evidence containing the
 * matching entry of @p ev (when not NULL). */
static void expect(const char *id, const char *text, unsigned flags, const char *const *spans,
                   const char *const *ev)
{
    run r;
    char buf[1024];
    segment(&r, text, flags, -1);
    detect(&r, id);
    size_t n = 0;
    for (; spans[n]; n++) {
        long i = find_span(&r, spans[n]);
        ck_assert_msg(i >= 0, "%s: no finding [%s] in \"%s\"; got %s", id, spans[n], text,
                      dump(&r, buf, sizeof buf));
        if (ev && ev[n]) {
            const char *e = ug_finding_evidence(&r.f, &r.f.v[i]);
            ck_assert_msg(strstr(e, ev[n]) != NULL, "%s: evidence \"%s\" lacks \"%s\"", id, e, ev[n]);
        }
    }
    ck_assert_msg(r.f.n == n, "%s: %zu findings, expected %zu in \"%s\": %s", id, r.f.n, n, text,
                  dump(&r, buf, sizeof buf));
    run_free(&r);
}

/* Asserts that detector @p id finds nothing in @p text. */
static void expect_none(const char *id, const char *text, unsigned flags)
{
    static const char *const none[] = { NULL };
    expect(id, text, flags, none, NULL);
}

/* ---- the table -------------------------------------------------------- */

START_TEST(test_table)
{
    ck_assert_uint_eq(ugi_det_glue_n, 4);
    static const char *const ids[] = { "glued_words", "stray_period", "fragment", "spacing_gap" };
    for (size_t i = 0; i < 4; i++) {
        ck_assert_str_eq(ugi_det_glue[i].id, ids[i]);
        ck_assert_int_eq(ugi_det_glue[i].family, UG_DET_MT);
        ck_assert_ptr_nonnull(ugi_det_glue[i].summary);
        ck_assert_ptr_nonnull(ugi_det_glue[i].run);
    }
}
END_TEST

START_TEST(test_empty_doc)
{
    for (size_t i = 0; i < ugi_det_glue_n; i++) {
        ug_findings f = { 0 };
        ug_doc doc = { "", 0, NULL, 0, -1, -1, -1, -1 };
        ck_assert_int_eq(ugi_det_glue[i].run(&doc, (unsigned)i, &f), UG_OK);
        ck_assert_uint_eq(f.n, 0);
        ug_findings_free(&f);
    }
}
END_TEST

/* ---- glued_words ------------------------------------------------------ */

START_TEST(test_glued_seed_003)
{
    /* excerpts of seed 003 */
    static const char *const s1[] = { "includedUS", "controlson", NULL };
    static const char *const e1[] = { "\"includedUS\" = \"included\" + \"US\"",
                                      "\"controlson\" = \"controls\" + \"on\"", NULL };
    expect("glued_words",
           "They have includedUS controlson the export to China of high-tech goods that could "
           "have military uses, as well as curbing US investment in certain high-tech sectors.",
           0, s1, e1);
    static const char *const s2[] = { "anationwide", "TikTokunless", NULL };
    static const char *const e2[] = { "\"a\" + \"nationwide\"", "\"TikTok\" + \"unless\"", NULL };
    expect("glued_words",
           "On Wednesday, US President Joe Biden signed a bill that could lead to anationwide ban "
           "on social media platform TikTokunless Chinese parent company ByteDance sells the "
           "legislation Beijing has previously condemned.",
           0, s2, e2);
    static const char *const s3[] = { "ChinaIt", NULL };
    static const char *const e3[] = { "\"China\" + \"It\"", NULL };
    expect("glued_words",
           "The meeting, which took place on the last day of Blinkens' three-day visit ChinaIt "
           "comes as the two countries seek to continue to stabilize strained relations.",
           0, s3, e3);
    static const char *const s4[] = { "Atwoodbefore", NULL };
    static const char *const e4[] = { "\"Atwood\" + \"before\"", NULL };
    expect("glued_words",
           "In one interview with CNN Kylie Atwoodbefore leaving Beijing, Blinken said the US has "
           "seen evidence of Chinese efforts to influence the upcoming US election.",
           0, s4, e4);
}
END_TEST

START_TEST(test_glued_function_words)
{
    /* function word + determiner, article + word, preposition + word */
    static const char *const s[] = { "Inthe", "ofthe", "thecouncil", "ofhighway", NULL };
    static const char *const e[] = { "\"In\" + \"the\"", "\"of\" + \"the\"",
                                     "\"the\" + \"council\"", "\"of\" + \"highway\"", NULL };
    expect("glued_words",
           "Inthe morning the mayor ofthe city met thecouncil to discuss the cost ofhighway "
           "repairs.",
           0, s, e);
}
END_TEST

/* a capitalized word and a function word (Brown press samples with the
   space removed) */
START_TEST(test_glued_capitalized_function_words)
{
    static const char *const s[] = { "Mantleand", "Designedfor", "Districtof", "Thisis",
                                     "Palmerhad", NULL };
    static const char *const e[] = { "\"Mantle\" + \"and\"", "\"Designed\" + \"for\"",
                                     "\"District\" + \"of\"", "\"This\" + \"is\"",
                                     "\"Palmer\" + \"had\"", NULL };
    expect("glued_words",
           "Mantle hit two. Mantleand Maris led the club. Designedfor speed, the car won. The "
           "Districtof Columbia voted. Thisis the end. Arnold Palmer won; Palmerhad a 68.",
           0, s, e);
    /* names that end in a function word; "and", "has" and the like only
       count after a word that also stands alone */
    expect_none("glued_words",
                "Mr. Marchand met Wheaton and Formby at the Forand office. The Linhas and "
                "Landis spoke. Fortin and Appleby agreed with Mr. Volare.", 0);
}
END_TEST

/* a common word and a closed-list function word (Brown press samples with
   spaces removed at word boundaries) */
START_TEST(test_glued_closed_lists)
{
    static const char *const s[] = { "saidin", "willbe", "morethan", "cityin", "theUnited",
                                     NULL };
    static const char *const e[] = { "\"said\" + \"in\"", "\"will\" + \"be\"",
                                     "\"more\" + \"than\"", "\"city\" + \"in\"",
                                     "\"the\" + \"United\"", NULL };
    expect("glued_words",
           "The mayor saidin the morning that it willbe ready, with morethan ten people "
           "from the cityin charge of theUnited effort.",
           0, s, e);
    /* compounds, elisions and prefixes: no function word of the lists */
    expect_none("glued_words", "The winless letterman hit a homerun in leftfield, countin' "
                "on the proto plan and the hasher.", 0);
}
END_TEST

START_TEST(test_glued_caption_credit)
{
    /* seed 000: a caption glued to its credit (segment marks UG_SEG_GLUED) */
    static const char *const s[] = { "countriesImage", NULL };
    static const char *const e[] = { "\"countries\" + \"Image\"", NULL };
    expect("glued_words",
           "Relations between US and China improved the last year, but a number of issues "
           "separate the countriesImage: Mark Schiefelbein/AP Photo/picture alliance\n\n"
           "US Secretary of State Antony Blinken met Chinese President Xi Jinping.",
           0, s, e);
}
END_TEST

START_TEST(test_glued_sentences)
{
    /* "here.Next": a sentence glued to the next one */
    static const char *const s[] = { "well.The", NULL };
    static const char *const e[] = { "\"well.\" + \"The\"", NULL };
    expect("glued_words", "The talks went well.The next round is planned for May in Beijing.", 0,
           s, e);
    /* ...but not in a document that quotes code */
    expect_none("glued_words",
                "Use Option.Builder to build options. Call make_option() and read_value() first.",
                0);
}
END_TEST

START_TEST(test_glued_brands)
{
    expect_none("glued_words",
                "TikTok and its parent ByteDance, the iPhone maker, eBay, McDonald's, YouTube, "
                "PayPal, LinkedIn, WhatsApp, the PlayStation, JPMorgan, BlackRock and "
                "GlaxoSmithKline all reported results. OpenAI and DeepMind did not.",
                0);
    expect_none("glued_words",
                "MacArthur, McCain, DeSantis, DiCaprio, LeBron James and O'Neill met the CEOs "
                "of NGOs, MTAs and the IDs office.",
                0);
    /* a brand followed by an ordinary word is fine too */
    expect_none("glued_words", "The TikTokers and YouTubers were there.", 0);
}
END_TEST

START_TEST(test_glued_seen_elsewhere)
{
    /* a surname that looks glued fires once... */
    static const char *const s[] = { "Fairbefore", NULL };
    expect("glued_words", "Rosamund Fairbefore wrote the report for the council.", 0, s, NULL);
    /* ...but not when the document uses it again unchanged */
    expect_none("glued_words",
                "Rosamund Fairbefore wrote the report for the council. Fairbefore said it was final.",
                0);
}
END_TEST

START_TEST(test_glued_negatives)
{
    /* ordinary words, compounds, hyphens, possessives */
    expect_none("glued_words",
                "The nationwide controls on exports included US chips, a long-standing dispute "
                "over the US-China trade balance and China's industrial overcapacity.",
                0);
    /* handles, hashtags, URLs, e-mail, code */
    expect_none("glued_words",
                "Follow @TikTokunless and #ChinaIt at www.anationwide.com or mail "
                "controlson@example.org and call getElementById() today.",
                0);
    /* identifiers in a document about code */
    expect_none("glued_words",
                "Set majorVersion and minorVersion with set_version() and the userID field with "
                "set_user() before calling includeIf.",
                0);
    /* elided and misspelt words are not glue */
    expect_none("glued_words", "He was countin' the votes and marchin' on, said the interpretor.",
                0);
    /* foreign words and names with accents */
    expect_none("glued_words",
                "El secretario de Estado se re\xc3\xbane con Wang Yi en Pek\xc3\xadn y "
                "M\xc3\xbcllerbefore no es una palabra.",
                0);
}
END_TEST

/* ---- stray_period ----------------------------------------------------- */

START_TEST(test_stray_seed_003)
{
    static const char *const s1[] = { "dangerous.", NULL };
    static const char *const e1[] = { "\"dangerous\" and \"behavior\"", NULL };
    expect("stray_period",
           "It encouraged China to put pressure on North Korea to end its dangerous. behavior and "
           "engaging in dialogue.",
           0, s1, e1);
    static const char *const s2[] = { "in.", NULL };
    static const char *const e2[] = { "\"in\" and \"growing\"", NULL };
    expect("stray_period",
           "It was a possible allusion to her concerns about the U.S. in. growing protection "
           "relations with old Asian allies.",
           0, s2, e2);
    static const char *const s3[] = { "below.", NULL };
    static const char *const e3[] = { "\"below\" and \"of\"", NULL };
    expect("stray_period",
           "The two sides also discussed next steps on commitments, the US Department said "
           "below. of the State. The meeting.",
           0, s3, e3);
}
END_TEST

START_TEST(test_stray_negatives)
{
    /* abbreviations, titles, initials */
    expect_none("stray_period",
                "The cost was approx. ten dollars, paid to Gen. and Mrs. Smith, Calif. officials "
                "and Acme Inc. and its partners, apples, pears, etc. and more.",
                0);
    expect_none("stray_period", "The book by J. and his friend, vs. the others, cf. the notes.", 0);
    /* U.S., a.m., e.g., decimals, numbers and units */
    expect_none("stray_period",
                "The U.S. and China met at 9 a.m. on Friday, e.g. at the hall, and growth was 3.5 "
                "percent. He grew 5 in. taller than the No. 2 player.",
                0);
    /* URLs and files */
    expect_none("stray_period", "See the page at www.example.com. then read README.txt. now.", 0);
    /* ellipses */
    expect_none("stray_period", "He paused... and then he spoke. . . and stopped.", 0);
    /* two spaces or a line break end a sentence on purpose */
    expect_none("stray_period", "The file is deprecated now.  it will not be read.", 0);
    expect_none("stray_period", "The file is deprecated now.\nit will not be read.",
                UG_SEG_SOFT_NEWLINES);
    /* a writer who does not capitalize sentence starts */
    expect_none("stray_period",
                "The file is deprecated now. it will not be read. count is the number of items.",
                0);
    /* ... but no sentence ends in an article, a possessive or "and": the
       period is stray even before what would read as a new sentence */
    static const char *const dangling[] = { "the.", "and.", NULL };
    expect("stray_period",
           "The calls were heard days after the. five were arrested. Orange and. lemon are "
           "important.",
           0, dangling, NULL);
    /* list numbering with roman numerals */
    expect_none("stray_period", "The steps are i. open the box and ii. read the manual.", 0);
    /* outside body text */
    run r;
    segment(&r, "It wanted to end its dangerous. behavior and engaging in dialogue.", 0,
            UG_SEG_CAPTION);
    detect(&r, "stray_period");
    ck_assert_uint_eq(r.f.n, 0);
    run_free(&r);
}
END_TEST

/* ---- fragment --------------------------------------------------------- */

START_TEST(test_fragment_seed_003)
{
    static const char *const s[] = { "of the State.", "The meeting.", NULL };
    static const char *const e[] = { "verbless 3-word sentence inside a paragraph",
                                     "verbless 2-word sentence inside a paragraph", NULL };
    expect("fragment",
           "The two sides also discussed next steps on commitments made by both leaders, the US "
           "Department said below. of the State. The meeting.",
           0, s, e);
}
END_TEST

START_TEST(test_fragment_negatives)
{
    /* a sentence with a verb */
    expect_none("fragment", "The talks were long. The meeting ended. The sides spoke.", 0);
    expect_none("fragment", "The talks were long. The meeting broke up. The sides agreed.", 0);
    /* stock phrases */
    expect_none("fragment", "The talks were long. Of course. The sides agreed.", 0);
    /* alone in its paragraph */
    expect_none("fragment", "The meeting.\n\nThe talks were long.", 0);
    /* a name or a content word first, a title-case label */
    expect_none("fragment", "The talks were long. Great news. In the File menu.", 0);
    expect_none("fragment", "The talks were long. In the File. From Nordic mythology.", 0);
    /* a lowercase list item that follows no stray period */
    {
        const char *t = "The talks were long. and the others.";
        ug_sentence sv[2] = { { 0, 0, 0, 20, UG_SEG_BODY, 0 }, { 0, 1, 21, 36, UG_SEG_BODY, 0 } };
        ug_doc doc = { t, strlen(t), sv, 2, -1, -1, -1, -1 };
        ug_findings f = { 0 };
        unsigned d = det_index("fragment");
        ck_assert_int_eq(ugi_det_glue[d].run(&doc, d, &f), UG_OK);
        ck_assert_uint_eq(f.n, 0);
        ug_findings_free(&f);
    }
    /* numbers */
    expect_none("fragment", "The talks were long. In 2024. The sides agreed.", 0);
    /* headlines, captions, datelines */
    static const int kinds[] = { UG_SEG_HEADLINE, UG_SEG_CAPTION, UG_SEG_DATELINE,
                                 UG_SEG_LIST, UG_SEG_BOILERPLATE, UG_SEG_BYLINE };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        run r;
        segment(&r, "The talks were long. The meeting. The sides agreed.", 0, kinds[i]);
        detect(&r, "fragment");
        ck_assert_msg(r.f.n == 0, "kind %d", kinds[i]);
        run_free(&r);
    }
    /* a headline line as the segmenter labels it */
    expect_none("fragment", "Peace and stability\n\nThe meeting was long. The talks ended.", 0);
}
END_TEST

/* ---- spacing_gap ------------------------------------------------------ */

START_TEST(test_spacing_gap_roundtrip)
{
    /* the blanks an Apertium round trip left (Brown ca05.1 through Spanish
       and Catalan) */
    static const char *const s1[] = { "yesterday  would", NULL };
    static const char *const e1[] = { "2 spaces between \"yesterday\" and \"would\"", NULL };
    expect("spacing_gap", "Gentleman Hawksley said yesterday  would be had to go before the council.",
           0, s1, e1);
    static const char *const s2[] = { "state ,", "hears   named", NULL };
    static const char *const e2[] = { "a space before \",\" after \"state\"", "3 spaces", NULL };
    expect("spacing_gap", "The general treasurer of the state , has been here. It is not interested "
           "hears   named a director.", 0, s2, e2);
    static const char *const s3[] = { "early .", ",  and", NULL };
    expect("spacing_gap", "He left early . Then he came back,  and stayed.", 0, s3, NULL);
}
END_TEST

START_TEST(test_spacing_gap_negatives)
{
    /* two spaces after a sentence, before a capital, around digits */
    expect_none("spacing_gap", "He left.  Then he came back. Mr.  Smith  Jones met 3  people.", 0);
    /* an ellipsis, a decimal, a tab, a line break */
    expect_none("spacing_gap", "He paused ... and went on. The rate is .5 percent.\tIt rose.", 0);
    expect_none("spacing_gap", "He paused\n  and went on, as planned.", 0);
    /* an emoticon-like colon before a digit, a space before a colon in a time */
    expect_none("spacing_gap", "The score was 3 :2 at the break; the game went on.", 0);
    /* not running text */
    static const int kinds[] = { UG_SEG_HEADLINE, UG_SEG_CAPTION, UG_SEG_LIST, UG_SEG_BOILERPLATE };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        run r;
        segment(&r, "He said yesterday  would be fine , it seems.", 0, kinds[i]);
        detect(&r, "spacing_gap");
        ck_assert_msg(r.f.n == 0, "kind %d", kinds[i]);
        run_free(&r);
    }
}
END_TEST

START_TEST(test_spacing_gap_every_offset)
{
    /* the scan for candidates reads sixteen places at a time: each kind of
       gap at 40 offsets, so every one falls on each place of a block and
       across its end */
    static const char *const s1[] = { "yesterday  would", "state ,", "early .", "area ;",
                                       "said :", NULL };
    char text[256], clean[256];
    for (int off = 0; off < 40; off++) {
        snprintf(text, sizeof text, "He %.*sb said yesterday  would go and the state , has been "
                 "here early . Then the area ; it said : go.", off,
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        expect("spacing_gap", text, 0, s1, NULL);
        snprintf(clean, sizeof clean, "He %.*sb said yesterday would go and the state, has been "
                 "here early. Then the area; it said: go.", off,
                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        expect_none("spacing_gap", clean, 0);
    }
}
END_TEST

/* ---- robustness ------------------------------------------------------- */

START_TEST(test_out_of_memory)
{
    const char *text = "They have includedUS controlson the export , the US said below. of the "
                       "State. The meeting.";
    for (size_t d = 0; d < ugi_det_glue_n; d++) {
        run r;
        segment(&r, text, 0, -1);
        ug_doc doc = { text, strlen(text), r.ss.v, r.ss.n, -1, -1, -1, -1 };
        ug_alloc_fail_after(0);
        ug_status st = ugi_det_glue[d].run(&doc, (unsigned)d, &r.f);
        ug_alloc_fail_after(-1);
        ck_assert_int_eq(st, UG_ENOMEM);
        run_free(&r);
    }
}
END_TEST

START_TEST(test_adversarial)
{
    /* many candidates and periods: bounded time, valid spans */
    size_t n = 200000;
    char *t = malloc(n + 1);
    ck_assert_ptr_nonnull(t);
    static const char *const pieces[] = { "controlson ", "Xyzbefore ", "its. behavior ",
                                          "ChinaIt ", "a.b. ", "The meeting. ", "\xc3\xa9. x " };
    size_t k = 0, i = 0;
    while (k < n) {
        const char *p = pieces[i++ % 7];
        size_t m = strlen(p);
        if (k + m > n)
            break;
        memcpy(t + k, p, m);
        k += m;
    }
    t[k] = 0;
    for (size_t d = 0; d < ugi_det_glue_n; d++) {
        run r;
        segment(&r, t, 0, -1);
        detect(&r, ugi_det_glue[d].id);
        run_free(&r);
    }
    free(t);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("det_glue");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_empty_doc);
    suite_add_tcase(s, tc);
    tc = tcase_create("glued_words");
    tcase_add_test(tc, test_glued_seed_003);
    tcase_add_test(tc, test_glued_capitalized_function_words);
    tcase_add_test(tc, test_glued_function_words);
    tcase_add_test(tc, test_glued_closed_lists);
    tcase_add_test(tc, test_glued_caption_credit);
    tcase_add_test(tc, test_glued_sentences);
    tcase_add_test(tc, test_glued_brands);
    tcase_add_test(tc, test_glued_seen_elsewhere);
    tcase_add_test(tc, test_glued_negatives);
    suite_add_tcase(s, tc);
    tc = tcase_create("stray_period");
    tcase_add_test(tc, test_stray_seed_003);
    tcase_add_test(tc, test_stray_negatives);
    suite_add_tcase(s, tc);
    tc = tcase_create("fragment");
    tcase_add_test(tc, test_fragment_seed_003);
    tcase_add_test(tc, test_fragment_negatives);
    suite_add_tcase(s, tc);
    tc = tcase_create("robustness");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_spacing_gap_roundtrip);
    tcase_add_test(tc, test_spacing_gap_negatives);
    tcase_add_test(tc, test_spacing_gap_every_offset);
    tcase_add_test(tc, test_out_of_memory);
    tcase_add_test(tc, test_adversarial);
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
