/* check_det_speech.c: unit tests for the speech detectors (src/lib/det_speech.c). */
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

/* The index of detector @p id in the speech family. */
static unsigned det_index(const char *id)
{
    return det_index_in(ugi_det_speech, ugi_det_speech_n, id);
}

/* Runs detector @p id over @p text (every line a paragraph; typography
 * unknown) and leaves its findings in @p f (zeroed by the caller). */
static void run(const char *id, const char *text, ug_findings *f)
{
    ug_segmenter *sg = ug_segmenter_new(NULL);
    ck_assert_ptr_nonnull(sg);
    sents ss = { 0 };
    ck_assert_int_eq(ug_segment(sg, text, strlen(text), collect, &ss), UG_OK);
    ug_doc d = { text, strlen(text), ss.v, ss.n, -1, -1, -1, -1 };
    unsigned k = det_index(id);
    ck_assert_int_eq(ugi_det_speech[k].run(&d, k, f), UG_OK);
    for (size_t i = 0; i < f->n; i++) {
        ck_assert_uint_eq(f->v[i].det, k);
        ck_assert(f->v[i].doc || f->v[i].end <= d.len);
    }
    ug_segmenter_free(sg);
    free(ss.v);
}

/* Number of findings of detector @p id on @p text. */
static size_t count(const char *id, const char *text)
{
    ug_findings f = { 0 };
    run(id, text, &f);
    size_t n = f.n;
    ug_findings_free(&f);
    return n;
}

/* Checks that detector @p id finds exactly one span on @p text, the text
 * @p span, and that its evidence contains @p ev (when not NULL). */
static void expect_span(const char *id, const char *text, const char *span, const char *ev)
{
    ug_findings f = { 0 };
    run(id, text, &f);
    ck_assert_msg(f.n == 1, "%s: %zu findings, expected 1", id, f.n);
    const ug_finding *x = &f.v[0];
    ck_assert_int_eq(x->doc, 0);
    ck_assert_uint_eq(x->end - x->start, strlen(span));
    ck_assert_msg(memcmp(text + x->start, span, strlen(span)) == 0, "%s: span \"%.*s\"", id,
                  (int)(x->end - x->start), text + x->start);
    if (ev)
        ck_assert_msg(strstr(ug_finding_evidence(&f, x), ev) != NULL, "%s: evidence \"%s\"", id,
                      ug_finding_evidence(&f, x));
    ug_findings_free(&f);
}

/* ---- fixtures (excerpts of the seeds, some adapted) ------------------- */

static const char MT_SPEECH[] =
    "China would like to see a safe, open and prosperous United States. We hope the United "
    "States will see China's development in a positive light, Xi told Blinken.\n"
    "Once this fundamental problem is resolved, relations will truly improve, he said.\n"
    "I hope we can make some progress on the issues that our presidents agreed we need to "
    "cooperate on, Blinken said.\n";

static const char HUMAN_SPEECH[] =
    "\xe2\x80\x9c" "China would like to see a confident, open and prosperous United States. We hope "
    "that the United States will view China\xe2\x80\x99s development in a positive light,"
    "\xe2\x80\x9d Xi told Blinken.\n"
    "\xe2\x80\x9c" "I hope we can make some progress on the issues that our presidents agreed we "
    "need to cooperate on,\xe2\x80\x9d Blinken said.\n";

/* ---- the table ---------------------------------------------------------- */

START_TEST(test_table)
{
    static const char *const ids[] = { "quotes_missing", "unquoted_speech", "quote_unbalanced",
                                       "possessive_loss", "pronoun_mismatch", "dropped_subject",
                                       "quote_stripped", "pronoun_orphan", "quotes_absent",
                                       "pronoun_unanchored", "case_bleed", "pronoun_switch" };
    ck_assert_uint_eq(ugi_det_speech_n, 12);
    for (size_t i = 0; i < 12; i++) {
        ck_assert_str_eq(ugi_det_speech[i].id, ids[i]);
        ck_assert_int_eq(ugi_det_speech[i].family, UG_DET_MT);
        ck_assert_ptr_nonnull(ugi_det_speech[i].summary);
        ck_assert_ptr_nonnull(ugi_det_speech[i].run);
    }
}
END_TEST

START_TEST(test_empty)
{
    for (size_t i = 0; i < ugi_det_speech_n; i++) {
        ck_assert_uint_eq(count(ugi_det_speech[i].id, ""), 0);
        ck_assert_uint_eq(count(ugi_det_speech[i].id, "   \n\n  "), 0);
    }
}
END_TEST

/* ---- quotes_missing ------------------------------------------------------ */

START_TEST(test_quotes_missing_fires)
{
    ug_findings f = { 0 };
    run("quotes_missing", MT_SPEECH, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_int_eq(f.v[0].doc, 1);
    ck_assert_ptr_nonnull(strstr(ug_finding_evidence(&f, &f.v[0]), "2 sentences"));
    ug_findings_free(&f);
}
END_TEST

START_TEST(test_quotes_missing_quoted)
{
    ck_assert_uint_eq(count("quotes_missing", HUMAN_SPEECH), 0);
    /* one straight quote anywhere is enough */
    char buf[sizeof MT_SPEECH + 32];
    snprintf(buf, sizeof buf, "%sHe called it \"fair\".\n", MT_SPEECH);
    ck_assert_uint_eq(count("quotes_missing", buf), 0);
}
END_TEST

START_TEST(test_quotes_missing_one_sentence)
{
    ck_assert_uint_eq(count("quotes_missing",
                            "I hope we can make some progress, Blinken said.\n"
                            "Blinken arrived on Friday.\n"),
                      0);
}
END_TEST

START_TEST(test_quotes_missing_narrator)
{
    /* a first-person narrator: speech cannot be told from narration */
    ck_assert_uint_eq(count("quotes_missing",
                            "I went to the hall on Monday. My visit was short.\n"
                            "I think we should wait, he said.\n"
                            "We can leave tomorrow, she said.\n"
                            "I did not answer. My mind was elsewhere.\n"),
                      0);
}
END_TEST

START_TEST(test_quotes_missing_typography)
{
    /* typography counts of 0 from normalize are trusted */
    ug_segmenter *sg = ug_segmenter_new(NULL);
    sents ss = { 0 };
    ck_assert_int_eq(ug_segment(sg, MT_SPEECH, strlen(MT_SPEECH), collect, &ss), UG_OK);
    ug_doc d = { MT_SPEECH, strlen(MT_SPEECH), ss.v, ss.n, 0, 0, 0, 0 };
    ug_findings f = { 0 };
    unsigned k = det_index("quotes_missing");
    ck_assert_int_eq(ugi_det_speech[k].run(&d, k, &f), UG_OK);
    ck_assert_uint_eq(f.n, 1);
    ug_findings_free(&f);
    ug_segmenter_free(sg);
    free(ss.v);
}
END_TEST

/* ---- unquoted_speech --------------------------------------------------- */

START_TEST(test_unquoted_speech_trailing)
{
    const char *t = "Blinken spoke after the talks.\n"
                    "I hope we can make some progress on the issues that our presidents agreed "
                    "we need to cooperate on, Blinken said.\n";
    expect_span("unquoted_speech", t,
                "I hope we can make some progress on the issues that our presidents agreed "
                "we need to cooperate on, Blinken said.",
                "\"Blinken said\"");
    expect_span("unquoted_speech",
                "This is a big question before our two countries, Wang told Blinken during "
                "a meeting.\n",
                "This is a big question before our two countries, Wang told Blinken during "
                "a meeting.",
                "\"our\"");
    expect_span("unquoted_speech", "We will not give up, said Zelensky.\n",
                "We will not give up, said Zelensky.", "said Zelensky");
}
END_TEST

/* The only first- or second-person word is each of the pronouns at the
 * ends of the range find_attribution() looks for before anything else. */
START_TEST(test_unquoted_speech_every_person)
{
    static const char *const t[] = {
        "I am ready to work with anyone, Zelensky said.\n",
        "It is up to them to help us now, Zelensky said.\n",
        "You can count on it in the coming months, Blinken told reporters.\n",
        "That decision is mine and nobody else's, Blinken said.\n",
        "Your country has a choice to make this year, Blinken told Wang.\n",
        "The hard work is still ahead of ourselves, Blinken said.\n",
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t n = strlen(t[i]) - 1;
        char span[128];
        memcpy(span, t[i], n);
        span[n] = 0;
        expect_span("unquoted_speech", t[i], span, NULL);
    }
}
END_TEST

START_TEST(test_unquoted_speech_leading)
{
    const char *t = "Blinken told Xi that the US was committed to dealing responsibly with our "
                    "differences, so we would have no miscommunications.\n";
    expect_span("unquoted_speech", t,
                "Blinken told Xi that the US was committed to dealing responsibly with our "
                "differences, so we would have no miscommunications.",
                "\"Blinken told\"");
}
END_TEST

START_TEST(test_unquoted_speech_negative)
{
    ck_assert_uint_eq(count("unquoted_speech", HUMAN_SPEECH), 0);
    /* no first person */
    ck_assert_uint_eq(count("unquoted_speech",
                            "Russia would struggle to sustain its attack on Ukraine without "
                            "China's support, he said.\n"),
                      0);
    /* "US" is no pronoun */
    ck_assert_uint_eq(count("unquoted_speech",
                            "The US is ready to take further action, Blinken said.\n"),
                      0);
    /* an attribution in mid-sentence, followed by the rest of the clause */
    ck_assert_uint_eq(count("unquoted_speech",
                            "The unsatisfactory expansion, he said, was not due to weak forces "
                            "in our economy.\n"),
                      0);
    /* a sentence in parentheses; a verb that is no attribution */
    ck_assert_uint_eq(count("unquoted_speech",
                            "(Leave off the ham and you call it a classic, says Ramsey.)\n"
                            "In 1995, Guido continued his work with us at the institute.\n"),
                      0);
    /* inside a quotation opened in an earlier sentence of the paragraph */
    ck_assert_uint_eq(count("unquoted_speech",
                            "\xe2\x80\x9c" "We are ready. We hope for progress, Xi told Blinken. "
                            "That is all,\xe2\x80\x9d the aide said.\n"),
                      0);
    /* ... with guillemets, and with straight marks */
    ck_assert_uint_eq(count("unquoted_speech",
                            "\xc2\xab" "We are ready. We hope for progress, Xi told Blinken. "
                            "That is all,\xc2\xbb the aide said.\n"),
                      0);
    ck_assert_uint_eq(count("unquoted_speech",
                            "\"We are ready. We hope for progress, Xi told Blinken. "
                            "That is all,\" the aide said.\n"),
                      0);
}
END_TEST

/* ---- quote_unbalanced --------------------------------------------------- */

START_TEST(test_quote_unbalanced_open)
{
    const char *t = "He said \xe2\x80\x9cwe will go to the talks.\nThen he left.\n";
    expect_span("quote_unbalanced", t, "\xe2\x80\x9c", "not closed");
    expect_span("quote_unbalanced", "He said \"we will go to the talks.\nThen he left.\n", "\"",
                "not closed");
}
END_TEST

START_TEST(test_quote_unbalanced_close)
{
    expect_span("quote_unbalanced",
                "He said we will go to the talks.\xe2\x80\x9d Then he left.\n",
                "\xe2\x80\x9d", "without an opening");
    /* a second opening mark before the first one closes */
    expect_span("quote_unbalanced",
                "\xe2\x80\x9c" "We will go, he said. \xe2\x80\x9c" "And we will win.\xe2\x80\x9d\n",
                "\xe2\x80\x9c", "another opens");
}
END_TEST

START_TEST(test_quote_unbalanced_negative)
{
    ck_assert_uint_eq(count("quote_unbalanced", HUMAN_SPEECH), 0);
    /* a quotation over several paragraphs: each opens, only the last closes */
    ck_assert_uint_eq(count("quote_unbalanced",
                            "\xe2\x80\x9c" "We will go to the talks.\n"
                            "\xe2\x80\x9c" "And we will win them,\xe2\x80\x9d he said.\n"),
                      0);
    ck_assert_uint_eq(count("quote_unbalanced",
                            "\"We will go to the talks.\n"
                            "\"And we will win them,\" he said.\n"),
                      0);
    /* inch marks, quotes inside words, German quotes, apostrophes */
    ck_assert_uint_eq(count("quote_unbalanced",
                            "They laid a 12\" pipe. He set CFLAGS=\"+O2\" and ran it.\n"
                            "Er sagte \xe2\x80\x9e" "ja\xe2\x80\x9c. China's and Blinken's "
                            "\xe2\x80\x98" "downward spiral\xe2\x80\x99 remarks.\n"),
                      0);
    /* no quotes at all */
    ck_assert_uint_eq(count("quote_unbalanced", MT_SPEECH), 0);
}
END_TEST

START_TEST(test_quote_unbalanced_last_paragraph)
{
    /* the document ends inside a quotation */
    expect_span("quote_unbalanced", "Blinken arrived.\n\xe2\x80\x9c" "We hope for progress.\n",
                "\xe2\x80\x9c", NULL);
}
END_TEST

START_TEST(test_quote_unbalanced_every_offset)
{
    /* the scan for quotation marks reads sixteen bytes at a time: each mark
       (straight, curly, guillemet) at 40 offsets, unpaired and paired */
    static const char pad[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static const char *const marks[][2] = {
        { "\"", "\"" }, { "\xe2\x80\x9c", "\xe2\x80\x9d" }, { "\xc2\xab", "\xc2\xbb" }
    };
    char text[256];
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++)
        for (int off = 0; off < 40; off++) {
            snprintf(text, sizeof text, "He %.*sb said \xc3\xa9t\xc3\xa9 %swe will go to the "
                     "talks.\nThen he left.\n", off, pad, marks[m][0]);
            expect_span("quote_unbalanced", text, marks[m][0], "not closed");
            snprintf(text, sizeof text, "He %.*sb said \xc3\xa9t\xc3\xa9 %swe will go to the "
                     "talks.%s\nThen he left.\n", off, pad, marks[m][0], marks[m][1]);
            ck_assert_uint_eq(count("quote_unbalanced", text), 0);
        }
}
END_TEST

/* ---- possessive_loss ---------------------------------------------------- */

static const char MT_POSSESSIVE[] =
    "Chinese leader Xi Jinping met top US diplomat Antony Blinken in Beijing on Friday.\n"
    "The meeting took place on the last day of Blinkens' three-day visit to China.\n"
    "Blinken said the two countries will hold talks.\n"
    "Blinkens ride on China also comes as the two countries navigate a host of issues.\n";

START_TEST(test_possessive_loss_fires)
{
    ug_findings f = { 0 };
    run("possessive_loss", MT_POSSESSIVE, &f);
    ck_assert_uint_eq(f.n, 2);
    const char *a = MT_POSSESSIVE + f.v[0].start, *b = MT_POSSESSIVE + f.v[1].start;
    ck_assert_uint_eq(f.v[0].end - f.v[0].start, strlen("Blinkens'"));
    ck_assert(strncmp(a, "Blinkens'", 9) == 0);
    ck_assert_uint_eq(f.v[1].end - f.v[1].start, strlen("Blinkens"));
    ck_assert(strncmp(b, "Blinkens ride", 13) == 0);
    ck_assert_str_eq(ug_finding_evidence(&f, &f.v[1]), "\"Blinkens\" where \"Blinken\" occurs 2 times");
    ug_findings_free(&f);
}
END_TEST

START_TEST(test_possessive_loss_surnames)
{
    /* a surname ending in s, even when the s-less form occurs */
    ck_assert_uint_eq(count("possessive_loss",
                            "Serena Williams beat Prince William's favourite on Monday.\n"
                            "Williams said she was tired.\n"
                            "Prince William said the match was long. Williams game was sharp.\n"),
                      0);
    /* a surname in s whose s-less form never occurs */
    ck_assert_uint_eq(count("possessive_loss",
                            "Diana Ross sang. Ross said she was happy. Ross fans cheered.\n"),
                      0);
}
END_TEST

START_TEST(test_possessive_loss_titled)
{
    /* after a title or a first name, when the document names the person
       (Brown a-section samples with their possessives dropped) */
    expect_span("possessive_loss", "Gov. Hughes named Mr. Nugent to the post on Monday. He will "
                "appoint the committee with Mr. Nugents cooperation, the governor said.\n",
                "Nugents", "where \"Nugent\" occurs 1 time");
    expect_span("possessive_loss", "Frank Cipriani hit a double in the third. A wild pitch and Frank "
                "Ciprianis single under the glove won it.\n", "Ciprianis", NULL);
    /* after a title, with the stem titled elsewhere: the possessive even
       where the family is named in the plural (Brown cb09) */
    expect_span("possessive_loss", "Mr. Podger sat down. The Podgers were holding a party. The "
                "question stayed in Mr. Podgers mind.\n", "Podgers", "where \"Podger\" occurs");
    /* a given name of the wider list (data/en/given-names.txt) */
    expect_span("possessive_loss", "Lester Lanins orchestra will take over during the dancing.\n",
                "Lanins", "after a first name or title");
    /* a bare s-form opening its sentence before a verb in -ed: a plural */
    ck_assert_uint_eq(count("possessive_loss", "Mr. House slept. Houses winked as the cars "
                            "rolled beside a field. Mr. House woke.\n"), 0);
    /* the family plural alone, with no Mr. Podger: Podgers may be the name */
    ck_assert_uint_eq(count("possessive_loss", "The Podgers were holding a party. The question "
                            "stayed in Mr. Podgers mind.\n"), 0);
    /* a titled surname in s whose stem is a first name, or never occurs */
    ck_assert_uint_eq(count("possessive_loss", "Prince William spoke. Mr. Williams team won. "
                            "Mr. Jones left early.\n"), 0);
    /* a place of the gazetteer with a bare s, before any word */
    /* the stem is a person's: after an initial, or before had, was, who */
    expect_span("possessive_loss", "Chief Stanton M. Gladden, 42, was hurt. Guards were posted at "
                "Gladdens home.\n", "Gladdens", "where \"Gladden\" occurs 1 time");
    expect_span("possessive_loss", "The target was Gladden who spoke. Guards were posted at "
                "Gladdens home.\n", "Gladdens", NULL);
    expect_span("possessive_loss", "He threw it over first baseman Throneberrys head. Then "
                "Throneberry rapped into a double play.\n", "Throneberrys", NULL);
    ck_assert_uint_eq(count("possessive_loss", "Then Throneberry rapped into a double play. The "
                            "Throneberrys home is near. Throneberrys team won.\n"), 0);
    ck_assert_uint_eq(count("possessive_loss", "Chief Stanton M. Gladden, 42, was hurt. The news "
                            "gladdens no one. Guards were posted at Gladdens home.\n"), 0);
    /* one of a kind: no plural in capitals */
    expect_span("possessive_loss", "It will do no good to seek Gods forgiveness until we "
                "forgive.\n", "Gods", "one of a kind");
    expect_span("possessive_loss", "He offered a resolution to change the Senates notorious "
                "Rule 22.\n", "Senates", NULL);
    ck_assert_uint_eq(count("possessive_loss", "The Gods of Olympus were angry. The Gods are "
                            "angry. We seek God's forgiveness.\n"), 0);
    /* a saint's first name with the apostrophe after its s */
    expect_span("possessive_loss", "He appeared to win the St. Patricks' Day Purse with speed.\n",
                "Patricks'", "a saint's name");
    ck_assert_uint_eq(count("possessive_loss", "The rector of St. James' Church spoke. He "
                            "studied at St. Johns College. St. Patrick's Day came.\n"), 0);
    /* before a title in quotation marks */
    expect_span("possessive_loss", "We expect to see newer productions of Racines \xe2\x80\x9c"
                "Phedre\xe2\x80\x9d soon.\n", "Racines", NULL);
    ck_assert_uint_eq(count("possessive_loss", "He sang the Beatles \xe2\x80\x9cYesterday"
                            "\xe2\x80\x9d well. They played Brahms \"Lullaby\" twice.\n"), 0);
    /* a place of two words (New Jersey), or one after a capital (West
       Berlin, Nationalist China) */
    expect_span("possessive_loss", "He cannot answer any questions about New Jerseys problems.\n",
                "Jerseys", "the place \"New Jersey\"");
    expect_span("possessive_loss", "Nearly 18 per cent of West Berlins' 2,200,000 residents are "
                "old.\n", "Berlins'", NULL);
    expect_span("possessive_loss", "In talks with Nationalist Chinas dapper Vice President, he "
                "spoke.\n", "Chinas", NULL);
    ck_assert_uint_eq(count("possessive_loss", "The two Carolinas voted. Both Dakotas voted. He "
                            "sold New Yorks and Chicagos.\n"), 0);
    expect_span("possessive_loss", "He was named as Marylands Secretary of State on Monday.\n",
                "Marylands", "the place \"Maryland\" with a bare s");
    /* plural places, places after a determiner, at the end of a phrase */
    ck_assert_uint_eq(count("possessive_loss", "The Americas summit met. The Koreas talks failed. "
                            "Both Carolinas voted. The two Georgias differ. He toured the "
                            "Dakotas.\n"), 0);
    /* a surname in s after a first name, the stem never a name of the text */
    ck_assert_uint_eq(count("possessive_loss", "The nugent was small. Frank Nugents team won.\n"),
                      0);
}
END_TEST

/* a name the lexicon knows (as a name only) with an s it does not list:
   no other mention needed */
START_TEST(test_possessive_loss_lexicon)
{
    expect_span("possessive_loss", "He resigned on Monday.\n\nCaldwells resignation had been "
                "expected for some time.\n", "Caldwells", "a proper noun of the lexicon");
    expect_span("possessive_loss", "He left to work for Lt. Gov. Garland Byrds campaign.\n",
                "Byrds", "the name \"Byrd\"");
    expect_span("possessive_loss", "He was critical of President Kennedys tendency to agree.\n",
                "Kennedys", NULL);
    expect_span("possessive_loss", "An investigation of Atlantas' recent primary election "
                "produced no evidence.\n", "Atlantas'", NULL);
    /* before a capital too (a title or name of a work follows) */
    expect_span("possessive_loss", "The program opened with a big score, Schumanns Overture to "
                "Manfred.\n", "Schumanns", "the name \"Schumann\"");
    expect_span("possessive_loss", "Mrs. Kennedys Social Secretary, Letitia Baldrige, spoke.\n",
                "Kennedys", NULL);
    /* listed surnames in s, lowercase words, plural subjects before verbs */
    static const char *const texts[] = {
        "He met Frank Williams plan to win.\n",
        "Catcher Frank Houses throw was late.\n",
        "Midwesterners taking long weekends can travel south.\n",
        "In 1949 the Dixiecrats escaped unscathed.\n",
        "In 1949 Dixiecrats escaped unscathed.\n",
        "The Kennedys arrived.\n",
        /* a name in s before a word that makes it a place */
        "The esplanade eliminates Grovers Ave., which ran north.\n",
        "They drove to Wisconsin's Vilas County for the colors.\n",
        /* after a first name or title, s' may be a surname's possessive */
        "See Arthur Laurents' clever but empty comedy.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_msg(count("possessive_loss", texts[i]) == 0, "flagged: %s", texts[i]);
}
END_TEST

/* a surname no list holds, with a bare s after a first name or title, once
   in the text, before a word no verb form would be */
START_TEST(test_possessive_loss_unlisted)
{
    expect_span("possessive_loss", "It was a fragile ballad like Bob Brookmeyers arrangement of the "
                "tune.\n", "Brookmeyers", "a surname no list holds");
    expect_span("possessive_loss", "The high spots are in Frank Loessers score.\n", "Loessers",
                NULL);
    /* twice, each time before a word no verb form would be */
    ck_assert_uint_eq(count("possessive_loss", "Mrs. Reaveys work is written for the stage. "
                            "Somewhere in Mrs. Reaveys play there is protest.\n"), 2);
    static const char *const texts[] = {
        "Captain Rickards began taxiing at 8 a.m.\n",       /* a verb after the surname */
        "Then Jim Kimmells plays the lead.\n",
        "Then Jim Kimmells quickly left.\n",
        "Then Jim Kimmells signed.\n",
        "Then Jim Kimmells says no.\n",
        /* twice, once before a verb: a surname */
        "Bob Brookmeyers arrangement. Bob Brookmeyers played.\n",
        /* three times: a surname used attributively */
        "Bob Brookmeyers arrangement. Bob Brookmeyers band. Bob Brookmeyers fans.\n",
        "Then Edward Weeks column ran.\n",                   /* a surname of the lexicon */
        "See Arthur Laurents' clever but empty comedy.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_msg(count("possessive_loss", texts[i]) == 0, "flagged: %s", texts[i]);
}
END_TEST

START_TEST(test_possessive_loss_plurals)
{
    /* "States" after "State", family plurals, demonyms, titles, plurals before verbs */
    ck_assert_uint_eq(count("possessive_loss",
                            "The State Department said the United States would act.\n"
                            "The Obamas arrived. Barack Obama said the Obamas were tired.\n"
                            "Republican senators met. Republicans want a vote, a Republican said.\n"
                            "President Biden spoke. Presidents usually speak.\n"
                            "Juniors were present. Junior said so.\n"
                            "Mr. Packard said so. There were enough Packards to fill a county.\n"),
                      0);
    /* a plural of a common noun is never a name */
    ck_assert_uint_eq(count("possessive_loss", "Cats sleep. The cat sleeps. Dogs bark.\n"), 0);
}
END_TEST

/* ---- pronoun_mismatch ---------------------------------------------------- */

static const char MT_PRONOUN_PLACE[] =
    "Blinken spoke to reporters in Beijing.\n"
    "Among the main concerns for the US is what Washington has described as China's support "
    "for Russia's defense industrial base, which she says has enabled Moscow to continue its war "
    "against Ukraine.\n";

static const char MT_PRONOUN_GENDER[] =
    "Wang said China and the US face a choice between stability and a downward spiral.\n"
    "During a closed-door meeting later, Wang accused the US of taking endless measures to "
    "suppress China's economy.\n"
    "It is not fair competition but containment, he said.\n"
    "China's readout states that the two sides exchanged views on the Ukraine issue.\n"
    "Wang called on the United States to stop forcing countries in the region to choose sides "
    "and said the Asia-Pacific region should not become a battleground, in a possible allusion "
    "to her concerns about the US.\n";

START_TEST(test_pronoun_place_speaker)
{
    expect_span("pronoun_mismatch", MT_PRONOUN_PLACE, "she", "Washington");
}
END_TEST

START_TEST(test_pronoun_other_gender)
{
    expect_span("pronoun_mismatch", MT_PRONOUN_GENDER, "her", "\"Wang\"");
}
END_TEST

START_TEST(test_pronoun_woman_named_earlier)
{
    /* a woman named earlier: "she" after a place is hers */
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "Angela Merkel visited Washington on Monday.\n"
                            "In Washington, she said the talks went well, and Berlin welcomed "
                            "her remarks.\n"),
                      0);
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "The spokeswoman for the ministry spoke in Beijing.\n"
                            "China says the tariffs are unfair, which she says will hurt trade.\n"),
                      0);
    /* Kylie is a woman's name; Blinken is a man */
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "Antony Blinken met Kylie Atwood in Beijing. Atwood asked about "
                            "Taiwan, where she had reported before.\n"),
                      0);
}
END_TEST

START_TEST(test_pronoun_speaker_own)
{
    /* a flipped pronoun right after its speaker (Brown ca05.1, he -> she) */
    expect_span("pronoun_mismatch", "Mr. Raymond Hawksley heads civil defense in the city. Hawksley "
                "said yesterday he would go before the council. Mr. Hawksley said she believed "
                "there are qualified people in the city.\n", "she", "who is male");
    /* and he for she, in a text with no she or her at all */
    expect_span("pronoun_mismatch", "Mrs. Margaret Hawksley heads civil defense in the city. "
                "Mrs. Hawksley said he believed there are qualified people in the city.\n", "he",
                "who is female");
    /* a woman near: she may be her */
    ck_assert_uint_eq(count("pronoun_mismatch", "Mrs. Smith met Mr. Jones. Mr. Jones said she "
                            "was right.\n"), 0);
    ck_assert_uint_eq(count("pronoun_mismatch", "Mr. Jones called his wife. Mr. Jones said she "
                            "was right.\n"), 0);
    /* the pronoun of the speaker's own gender */
    ck_assert_uint_eq(count("pronoun_mismatch", "Mr. Jones left early. Mr. Jones said he was "
                            "tired.\n"), 0);
}
END_TEST

START_TEST(test_pronoun_name_not_pronoun)
{
    /* a capitalized pronoun is no part of a name, so no speaker is named
       here; other capitalized words (even pronoun-like ones) are */
    static const char *const pron[] = { "He", "Her", "His", "It", "Its", "My", "Our", "She",
                                        "Their", "They", "We", "You", "Your" };
    static const char *const name[] = { "Hawksley", "Him", "Us", "Me", "Mine", "Ith", "Thei" };
    char text[512];
    for (size_t k = 0; k < sizeof pron / sizeof pron[0] + sizeof name / sizeof name[0]; k++) {
        int is_pron = k < sizeof pron / sizeof pron[0];
        const char *w = is_pron ? pron[k] : name[k - sizeof pron / sizeof pron[0]];
        snprintf(text, sizeof text, "Mr. Raymond %s heads civil defense in the city. %s said "
                 "yesterday he would go before the council. Mr. %s said she believed there are "
                 "qualified people in the city.\n", w, w, w);
        ck_assert_msg(count("pronoun_mismatch", text) == (is_pron ? 0u : 1u), "%s", w);
    }
}
END_TEST

START_TEST(test_pronoun_negative)
{
    /* a pronoun opening its sentence may refer further back */
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "Jane Doe runs the firm.\n"
                            "The company was founded in Ohio.\n"
                            "She said it would grow.\n"),
                      0);
    /* "he" with a man as the antecedent, places in between */
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "Wang Yi met Antony Blinken in Beijing, where he said China wants "
                            "stability.\n"),
                      0);
    /* an unknown name may be the referent */
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "Mr. Smith traveled with Sato to France, where she spoke.\n"),
                      0);
    /* an attribution at the end of the sentence refers to the earlier speaker */
    ck_assert_uint_eq(count("pronoun_mismatch",
                            "Mao Ning spoke on Monday. Beijing says the tariffs are unfair, "
                            "she said.\n"),
                      0);
}
END_TEST

/* ---- allocation failures ------------------------------------------------ */

START_TEST(test_quotes_missing_passage)
{
    /* a quotation of two sentences with its marks removed (Brown a-section
       sample, quotes variant): speech verbs around, no attribution inside */
    static const char doc[] =
        "The governor spoke to reporters on Monday. He said the campaign had been hard.\n"
        "We have witnessed in this campaign the effort to project a false image. Our opponents "
        "will fail.\n"
        "Mitchell added that the vote would be close.\n";
    ug_findings f = { 0 };
    run("quotes_missing", doc, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_int_eq(f.v[0].doc, 1);
    ck_assert_msg(strstr(ug_finding_evidence(&f, &f.v[0]), "2 sentences speak in the first person") != NULL,
                  "%s", ug_finding_evidence(&f, &f.v[0]));
    ug_findings_free(&f);
    /* the same with its quotation marks */
    ck_assert_uint_eq(count("quotes_missing",
                            "The governor spoke to reporters on Monday. He said the campaign had "
                            "been hard.\n\xe2\x80\x9cWe have witnessed in this campaign the effort "
                            "to project a false image. Our opponents will fail.\xe2\x80\x9d\n"
                            "Mitchell added that the vote would be close.\n"), 0);
    /* one speech verb only */
    ck_assert_uint_eq(count("quotes_missing",
                            "The governor spoke to reporters on Monday.\nWe have witnessed in this "
                            "campaign the effort to project a false image. Our opponents will fail.\n"
                            "Mitchell added that the vote would be close.\n"), 0);
}
END_TEST

/* ---- dropped_subject -------------------------------------------------- */

START_TEST(test_dropped_subject)
{
    /* Apertium round trips of Brown ca10.1 (Spanish) and cb10.1 (Catalan) */
    expect_span("dropped_subject", "Ierulli has been practising in Portland since November, 1959. "
                "It is married and the father of three boys.\n", "It is married", "for a person");
    expect_span("dropped_subject", "Paul Richards was asked if it thought that his club would be "
                "improved this year.\n", "it thought", "for a person");
    expect_span("dropped_subject", "\xe2\x80\x9cIt is a more whole plot easy\xe2\x80\x9d, said, "
                "\xe2\x80\x9cto increase the populace of Nevada\xe2\x80\x9d.\n", "said",
                "with no speaker");
    expect_span("dropped_subject", "\"It is easy,\" said. \"Then go.\"\n", "said", "no speaker");
}
END_TEST

START_TEST(test_dropped_subject_negatives)
{
    /* a speaker after the verb, or before it */
    ck_assert_uint_eq(count("dropped_subject", "\xe2\x80\x9cNo,\xe2\x80\x9d said Smith. "
                            "\"Yes,\" he said. \"Go\", said the minister.\n"), 0);
    /* it for things: feelings, ideas, organisations */
    ck_assert_uint_eq(count("dropped_subject", "It felt good. It said in a statement that it is "
                            "married to the plan. It writes off the debt and wrote down the rest.\n"),
                      0);
    ck_assert_uint_eq(count("dropped_subject", "It felt good. It said in a statement that it is "
                            "married to the plan. Its writers smiled. Item: laughed.\n"), 0);
    /* a straight quotation mark that opens, not closes */
    ck_assert_uint_eq(count("dropped_subject", "He wrote \" said, and more\" in the margin.\n"), 0);
    /* not running text: a headline */
    ck_assert_uint_eq(count("dropped_subject", "It Is Married\n\nThe couple left.\n"), 0);
}
END_TEST

START_TEST(test_dropped_subject_every_offset)
{
    /* the scan for candidates reads sixteen places at a time: "It ", a
       straight and a curly closing quotation mark at 40 offsets each */
    static const char pad[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    char text[256];
    for (int off = 0; off < 40; off++) {
        snprintf(text, sizeof text, "We met %.*sb on Monday. It is married and the father of "
                 "three boys.\n", off, pad);
        expect_span("dropped_subject", text, "It is married", "for a person");
        snprintf(text, sizeof text, "We met %.*sb on Monday. Its marriage is the father of "
                 "three boys.\n", off, pad);
        ck_assert_uint_eq(count("dropped_subject", text), 0);
        snprintf(text, sizeof text, "\"We %.*sb go,\" said. \"Then go.\"\n", off, pad);
        expect_span("dropped_subject", text, "said", "no speaker");
        snprintf(text, sizeof text, "\xe2\x80\x9cWe %.*sb go\xe2\x80\x9d, said, \xe2\x80\x9cto "
                 "go\xe2\x80\x9d.\n", off, pad);
        expect_span("dropped_subject", text, "said", "no speaker");
        snprintf(text, sizeof text, "\xe2\x80\x9cWe %.*sb go\xe2\x80\x9d, said Smith.\n", off, pad);
        ck_assert_uint_eq(count("dropped_subject", text), 0);
    }
}
END_TEST

/* ---- quote_stripped ----------------------------------------------------- */

START_TEST(test_quote_stripped)
{
    /* Brown corpus sentences (press reportage, 1961) with their quotation
       marks removed */
    expect_span("quote_stripped", "We met on Friday. Fulton County should receive some "
                "portion of these available funds, the jurors said.\n",
                "Fulton County should receive some portion of these available funds, the jurors "
                "said.", "\"the jurors said\"");
    expect_span("quote_stripped", "He left at noon.\n\nI've had it with the whole business, he "
                "told a newsman.\n", "I've had it with the whole business, he told a newsman.",
                "no quotation mark");
    expect_span("quote_stripped", "Molly already has her cotillion gown, and it's fitted, says "
                "her mother.\n\nWe are proud of her.\n", "Molly already has her cotillion gown, "
                "and it's fitted, says her mother.", "\"says her\"");
    expect_span("quote_stripped", "That is not the function of this court, said Karns, who is a "
                "city judge.\n\nI will appeal.\n", "That is not the function of this court, "
                "said Karns, who is a city judge.", NULL);
}
END_TEST

/* the first-person sentences of a text that reports speech: quotations */
START_TEST(test_quote_stripped_first_person)
{
    static const char text[] =
        "The governor said he would name a committee on Monday.\n\n"
        "We have witnessed in this campaign the effort to project a new image.\n\n"
        "That, too, will fail, Hughes told reporters.\n";
    ug_findings f = { 0 };
    run("quote_stripped", text, &f);
    ck_assert_uint_eq(f.n, 2);
    ck_assert(strstr(ug_finding_evidence(&f, &f.v[0]), "first person (\"We\")") != NULL);
    ck_assert(strstr(ug_finding_evidence(&f, &f.v[1]), "\"Hughes told") != NULL);
    ug_findings_free(&f);
    /* a narrator in the first person, one speech verb: a column */
    ck_assert_uint_eq(count("quote_stripped", "I went to the lake on Monday. My brother came "
                            "along, and we fished. He said little all day.\n"), 0);
}
END_TEST

START_TEST(test_unquoted_speech_narrator_count)
{
    /* three sentences narrated with we/our make a narrator unless the
       attributed sentences are more, those inside a quotation too */
    static const char narration[] =
        "We went to the market on Monday with our friends from the village.\n"
        "We saw the old bridge and we crossed it before noon with our guide.\n"
        "Our guide told us about the history of the town and we listened.\n"
        "We will defend our rights, the mayor said at the meeting.\n";
    char text[1024];
    snprintf(text, sizeof text, "%s\"The talks were long. We will win this fight, the minister "
             "said. We will not stop, the deputy said. We agree on this, the governor said.\"\n",
             narration);
    expect_span("unquoted_speech", text, "We will defend our rights, the mayor said at the meeting.",
                "the mayor said");
    snprintf(text, sizeof text, "%s\"The talks were long. We will win this fight, the minister "
             "said.\"\n", narration);
    ck_assert_uint_eq(count("unquoted_speech", text), 0);
}
END_TEST

START_TEST(test_quote_stripped_negatives)
{
    /* a quotation mark anywhere in the document: the marks are there */
    ck_assert_uint_eq(count("quote_stripped", "The funds should go to the county, the jurors "
                            "said.\n\n\"We agree,\" the mayor said.\n"), 0);
    /* attribution first, or in the middle of the clause */
    ck_assert_uint_eq(count("quote_stripped", "The jurors said the funds should go to the county."
                            "\n\nThe plan, he said, would cost more.\n"), 0);
    /* a clause goes on after the verb */
    ck_assert_uint_eq(count("quote_stripped", "In the morning, officials said the company had "
                            "failed to pay its taxes.\n"), 0);
    /* no sentence in the first person: wire copy paraphrasing */
    ck_assert_uint_eq(count("quote_stripped", "The jury met on Friday. Fulton County should "
                            "receive some portion of these available funds, the jurors said.\n"
                            "The car was struck by the Pezza car, police said.\n"), 0);
    /* a first-person word inside a name is no speaker */
    ck_assert_uint_eq(count("quote_stripped", "He was taken to Our Lady of Fatima Hospital. "
                            "The car was struck by the Pezza car, police said.\n"), 0);
    /* a relative clause, not a speaker */
    ck_assert_uint_eq(count("quote_stripped", "We met. The ministers agreed to meet again in "
                            "March, a step that Calvera described.\n"), 0);
    /* fewer than three words before the comma */
    ck_assert_uint_eq(count("quote_stripped", "Thirteen, said Long Jim.\nI was there.\n"), 0);
}
END_TEST

/* ---- pronoun_orphan ----------------------------------------------------- */

START_TEST(test_pronoun_orphan)
{
    expect_span("pronoun_orphan", "Mr. Podger opened the door. Then she sat down by the fire and "
                "read her paper.\n", "she", "2 female pronouns with no woman in view");
    expect_span("pronoun_orphan", "Mr. Smith left early. Her plan was dropped.\n", "Her",
                "no woman named or referred to in the 3 sentences before");
    /* a woman named long before is no referent any more; one just named is */
    expect_span("pronoun_orphan", "Mrs. Smith left. One. Two. Three. Four. Five. Six.\n\n"
                "Mr. Jones stayed, and her car was towed.\n", "her", NULL);
    ck_assert_uint_eq(count("pronoun_orphan", "Mrs. Smith left. One. Two.\n\n"
                            "Mr. Jones stayed, and her car was towed.\n"), 0);
    /* four sentences back is out of view once a man is mentioned */
    expect_span("pronoun_orphan", "Mrs. Smith left. One. Two. Three.\n\n"
                "Mr. Jones stayed, and her car was towed.\n", "her", NULL);
    /* a woman named only after the pronoun, in a later sentence */
    expect_span("pronoun_orphan", "The mayor, William Hartsfield, gave his age as 71 and her "
                "occupation as attorney.\n\nHis wife Mary left.\n", "her", NULL);
    /* three or more: a referent the text genders throughout */
    ck_assert_uint_eq(count("pronoun_orphan", "Mr. Podger came in with the cat. She purred; "
                            "he put her down by her bowl.\n"), 0);
    /* a ship or a country is flagged too (old usage) */
    ck_assert_uint_eq(count("pronoun_orphan", "Mr. Burke spoke. The navy's future depends "
                            "upon her, he said.\n"), 1);
}
END_TEST

START_TEST(test_pronoun_orphan_negatives)
{
    static const char *const texts[] = {
        /* no man just before: a woman whose name no list holds */
        "Vicky Kowalski learned that several of her fellow students had collected $25.\n",
        /* named later in the same sentence */
        "He stood up. In her speech, Mrs. Smith thanked him.\n",
        "Mrs. Podger opened the door. Then she sat down by the fire.\n",
        "Mildred opened the door. Then she sat down by the fire.\n",
        "The senator thanked his wife. She sat down by the fire.\n",
        "Three women opened the door. One of them said she was tired.\n",
        "The ladies left. She stayed.\n",
        "The actresses left. She stayed.\n",
        "The wives left. She stayed.\n",
        "Two daughters came. She stayed.\n",
        "He opened the door. Then he sat down by the fire.\n",
        "The shepherd watched the sheep. Shells lay on the shore.\n",
        /* a ship, a church, a nation: the traditional she (Brown press) */
        "Mr. Smith bought a sailboat. She may have a bone in her teeth one minute.\n",
        "Mr. Brandt spoke. The church's ability to change her methods will decide.\n",
        "He made the first flight in a missile. She flew beautifully, he said.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_msg(count("pronoun_orphan", texts[i]) == 0, "flagged: %s", texts[i]);
    /* the same shape with no such thing is flagged */
    ck_assert_uint_eq(count("pronoun_orphan", "Mr. Smith bought a house. She may have a bone in "
                            "her teeth one minute.\n"), 1);
}
END_TEST

/* ---- quotes_absent ------------------------------------------------------ */

/* @p head, then @p n times @p filler, in a static buffer. */
static const char *long_text(const char *head, const char *filler, int n)
{
    static char b[8192];
    size_t k = (size_t)snprintf(b, sizeof b, "%s", head);
    for (int i = 0; i < n && k < sizeof b; i++)
        k += (size_t)snprintf(b + k, sizeof b - k, "%s", filler);
    ck_assert_uint_lt(k, sizeof b);
    return b;
}

START_TEST(test_quotes_absent)
{
    static const char filler[] = "The council met on Monday and voted on the budget for the "
                                 "new school year.\n";      /* 15 words */
    ug_findings f = { 0 };
    run("quotes_absent", long_text("The mayor said the plan would pass.\n", filler, 10), &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_int_eq(f.v[0].doc, 1);
    ck_assert_ptr_nonnull(strstr(ug_finding_evidence(&f, &f.v[0]), "1 speech verb (\"said\""));
    ug_findings_free(&f);
    /* a quotation mark anywhere, straight or curly */
    ck_assert_uint_eq(count("quotes_absent", long_text("The mayor said \"yes\".\n", filler, 10)), 0);
    ck_assert_uint_eq(count("quotes_absent", long_text("The mayor said \xe2\x80\x9cyes\xe2\x80\x9d.\n",
                                                       filler, 10)), 0);
    /* no speech verb: nothing reported */
    ck_assert_uint_eq(count("quotes_absent", long_text("The mayor left.\n", filler, 10)), 0);
    /* too short to tell */
    ck_assert_uint_eq(count("quotes_absent", long_text("The mayor said the plan would pass.\n",
                                                       filler, 5)), 0);
}
END_TEST

/* Inside ug_detect() the quotation-mark answer is remembered per call: a
   second call on the same ug_doc, now with other text, is not answered
   from the first. */
START_TEST(test_quote_memo_per_call)
{
    static const char filler[] = "The council met on Monday and voted on the budget for the "
                                 "new school year.\n";
    char quoted[4096], bare[4096];
    snprintf(quoted, sizeof quoted, "%s", long_text("The mayor said \"yes\".\n", filler, 10));
    snprintf(bare, sizeof bare, "%s", long_text("The mayor said yes.\n", filler, 10));
    long k = ug_detector_find("quotes_absent");
    ck_assert_int_ge(k, 0);
    const char *texts[] = { quoted, bare, quoted };
    const size_t want[] = { 0, 1, 0 };
    ug_doc d;
    for (int r = 0; r < 3; r++) {
        ug_segmenter *sg = ug_segmenter_new(NULL);
        sents ss = { 0 };
        ck_assert_int_eq(ug_segment(sg, texts[r], strlen(texts[r]), collect, &ss), UG_OK);
        ug_doc x = { texts[r], strlen(texts[r]), ss.v, ss.n, -1, -1, -1, -1 };
        d = x;                          /* the same address every time */
        ug_findings f = { 0 };
        ck_assert_int_eq(ug_detect(&d, NULL, &f), UG_OK);
        size_t n = 0;
        for (size_t i = 0; i < f.n; i++)
            n += f.v[i].det == (unsigned)k;
        ck_assert_uint_eq(n, want[r]);
        ug_findings_free(&f);
        ug_segmenter_free(sg);
        free(ss.v);
    }
}
END_TEST

/* ---- pronoun_switch ----------------------------------------------------- */

START_TEST(test_pronoun_switch)
{
    /* a woman just named, no man in view: a flipped she */
    expect_span("pronoun_switch", "Mrs. Knauer spoke at the hearing on Monday. The fees would "
                "rise, he said.\n", "he", "after \"Mrs\" (female), with no man mentioned");
    /* and the other way: a man just named, no woman in view */
    expect_span("pronoun_switch", "Secretary of State Christian Herter made her final report to "
                "the committee.\n", "her", "(male)");
    /* each such pronoun */
    ck_assert_uint_eq(count("pronoun_switch", "Mr. Hansen checked in at 200 pounds. Her weight "
                            "was down. She hopes to lose more.\n"), 1);
    /* four sentences back, the woman is out of view: the man named next to
       the pronoun wins */
    expect_span("pronoun_switch", "Mary Smith left. One. Two. Three. Four.\n\n"
                "Mr. Jones stayed, and her car was towed.\n", "her", NULL);
    /* the counterparts of the negatives: a girl, not girls; Marsh with no
       title; a car, not a ship */
    expect_span("pronoun_switch", "A girl came in. His plan failed.\n", "His", NULL);
    expect_span("pronoun_switch", "Mrs. Smith met Marsh in the doorway, his face set.\n", "his",
                NULL);
    expect_span("pronoun_switch", "Mr. Burke bought the car. She sails at noon.\n", "She", NULL);
    expect_span("pronoun_switch", "Elizabeth Warren spoke. One. Two. Three.\n\nMr. Jones "
                "spoke. Then she disagreed.\n", "she", NULL);
}
END_TEST

/* Every form of he and she, in either case, reaches the three gender
 * detectors (which look at a text only when it has one of them). */
START_TEST(test_pronoun_every_form)
{
    static const char *const male[] = { "he", "him", "his", "himself" };
    static const char *const female[] = { "she", "her", "hers", "herself" };
    char t[256];
    for (size_t k = 0; k < 4; k++) {
        /* a man's pronoun after a woman: pronoun_switch */
        snprintf(t, sizeof t, "Mrs. Knauer spoke at the hearing. The fees were a matter for %s "
                 "alone.\n", male[k]);
        expect_span("pronoun_switch", t, male[k], "(female)");
        /* a woman's pronoun in a text that names none: pronoun_unanchored,
           and after a man: pronoun_orphan */
        snprintf(t, sizeof t, "The fees were a matter for %s alone.\n", female[k]);
        expect_span("pronoun_unanchored", t, female[k], NULL);
        snprintf(t, sizeof t, "Mr. Podger spoke at the hearing. The fees were a matter for %s "
                 "alone.\n", female[k]);
        expect_span("pronoun_orphan", t, female[k], NULL);
        /* capitalized, opening a sentence */
        snprintf(t, sizeof t, "%c%s alone knew the fees.\n", female[k][0] - 32, female[k] + 1);
        ck_assert_msg(count("pronoun_unanchored", t) == 1, "not flagged: %s", t);
    }
}
END_TEST

START_TEST(test_pronoun_switch_negatives)
{
    static const char *const texts[] = {
        /* the pronoun's own gender in view */
        "Mary Smith left. Mr. Jones stayed, and her car was towed.\n",
        "Mr. Jones met Mrs. Smith. He said she was right.\n",
        /* no person of the other gender near: a new referent */
        "Mr. Jones spoke. One. Two.\n\nShe was there too.\n",
        /* a plural is no one the pronoun was meant for */
        "Two girls came in. His plan failed.\n",
        /* a person of unknown gender named since */
        "Mrs. Smith met Colonel Marsh in the doorway, his face set.\n",
        /* a speaker of unknown gender named since: the woman named four
           sentences back, by her surname */
        "Elizabeth Warren spoke. One. Two. Three.\n\nMr. Jones spoke. Warren said she "
        "disagreed.\n",
        /* a ship */
        "Mr. Burke bought the ship. She sails at noon.\n",
        /* a text that refers to people by pronoun far more than it names
           them (fiction) */
        "Mary smiled. He looked at the door. He said nothing. He waited. He left.\n",
        /* Her as a title */
        "Mr. Smith met Her Majesty.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_msg(count("pronoun_switch", texts[i]) == 0, "flagged: %s", texts[i]);
}
END_TEST

/* ---- pronoun_unanchored ------------------------------------------------- */

START_TEST(test_pronoun_unanchored)
{
    /* a text that names no woman: every female pronoun, one or two */
    expect_span("pronoun_unanchored", "Kennan recalls how, in 1941, she penned a private note.\n",
                "she", "names no woman");
    ck_assert_uint_eq(count("pronoun_unanchored", "Kennan wrote. She left. Then her plan failed.\n"), 2);
    /* more than two female pronouns and no woman: a ship or a country */
    ck_assert_uint_eq(count("pronoun_unanchored", "The ship sailed. She was fast; her crew loved "
                            "her.\n"), 0);
    /* a woman named anywhere, before or after */
    ck_assert_uint_eq(count("pronoun_unanchored", "Mary Smith came in.\n\nHe greeted her warmly.\n"), 0);
    /* but a name inside an institution's is no woman's */
    expect_span("pronoun_unanchored", "Mr. Stone was taken to Our Lady of Fatima Hospital in the "
                "morning. She was hurt.\n", "She", NULL);
    ck_assert_uint_eq(count("pronoun_unanchored", "Mary Smith was taken to the hospital. She was "
                            "hurt.\n"), 0);
    ck_assert_uint_eq(count("pronoun_unanchored", "He thanked his wife and she smiled.\n"), 0);
    ck_assert_uint_eq(count("pronoun_unanchored", "Then her drawings sold. One. Two. Three.\n\n"
                            "Mrs. Low was pleased.\n"), 0);
    /* Her as a title inside a sentence is no pronoun */
    ck_assert_uint_eq(count("pronoun_unanchored", "He bowed to Her Majesty at noon.\n"), 0);
}
END_TEST

/* ---- case_bleed --------------------------------------------------------- */

START_TEST(test_case_bleed)
{
    expect_span("case_bleed", "The jury found him guilty. Pohl Received the verdict calmly.\n",
                "Received", "after \"Pohl\"");
    expect_span("case_bleed", "Since then Hengesbach Has been living under a cloud.\n", "Has",
                "before \"been\"");
    static const char *const texts[] = {
        "He joined the United States delegation.\n",        /* a name goes on */
        "Sports Illustrated tapped him for the cover.\n",   /* a common word before */
        "The Associated Press reported it.\n",
        "Pohl. Received the verdict calmly.\n",             /* another sentence */
        "Pohl, Received in the end, left.\n",               /* punctuation between */
        "Pohl Redd said so.\n",                             /* no -ed word of the lexicon */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_msg(count("case_bleed", texts[i]) == 0, "flagged: %s", texts[i]);
}
END_TEST

START_TEST(test_oom)
{
    static const char *const texts[] = { MT_SPEECH, MT_POSSESSIVE, MT_PRONOUN_GENDER,
                                         "He said \xe2\x80\x9cwe will go.\nThen he left.\n" };
    for (size_t di = 0; di < ugi_det_speech_n; di++)
        for (size_t ti = 0; ti < sizeof texts / sizeof texts[0]; ti++) {
            const char *t = texts[ti];
            ug_segmenter *sg = ug_segmenter_new(NULL);
            sents ss = { 0 };
            ck_assert_int_eq(ug_segment(sg, t, strlen(t), collect, &ss), UG_OK);
            ug_doc d = { t, strlen(t), ss.v, ss.n, -1, -1, -1, -1 };
            ug_status st = UG_ENOMEM;
            for (long n = 0; n < 1000 && st == UG_ENOMEM; n++) {
                ug_findings f = { 0 };
                ug_alloc_fail_after(n);
                st = ugi_det_speech[di].run(&d, (unsigned)di, &f);
                ug_alloc_fail_after(-1);
                ck_assert(st == UG_OK || st == UG_ENOMEM);
                ug_findings_free(&f);
            }
            ck_assert_int_eq(st, UG_OK);
            ug_segmenter_free(sg);
            free(ss.v);
        }
}
END_TEST

/* Invalid UTF-8 and odd bytes never crash a detector. */
START_TEST(test_garbage)
{
    static const char t[] = "\xff\xfe Blinkens\xe2\x80 \"\xc3\x28 ride, she \x80said.\n"
                            "\xe2\x80\x9d\xe2\x80\x9c" " Washington says \xf0\x9f\x98 she says.";
    for (size_t di = 0; di < ugi_det_speech_n; di++) {
        ug_findings f = { 0 };
        run(ugi_det_speech[di].id, t, &f);
        ug_findings_free(&f);
    }
}
END_TEST

/* ---- suite --------------------------------------------------------------- */

/* The test suite of the speech detectors. */
static Suite *suite(void)
{
    Suite *s = suite_create("det_speech");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_quotes_missing_fires);
    tcase_add_test(tc, test_quotes_missing_quoted);
    tcase_add_test(tc, test_quotes_missing_one_sentence);
    tcase_add_test(tc, test_quotes_missing_narrator);
    tcase_add_test(tc, test_quotes_missing_typography);
    tcase_add_test(tc, test_unquoted_speech_trailing);
    tcase_add_test(tc, test_unquoted_speech_leading);
    tcase_add_test(tc, test_unquoted_speech_every_person);
    tcase_add_test(tc, test_unquoted_speech_negative);
    tcase_add_test(tc, test_quote_unbalanced_open);
    tcase_add_test(tc, test_quote_unbalanced_close);
    tcase_add_test(tc, test_quote_unbalanced_negative);
    tcase_add_test(tc, test_quote_unbalanced_last_paragraph);
    tcase_add_test(tc, test_quote_unbalanced_every_offset);
    tcase_add_test(tc, test_possessive_loss_fires);
    tcase_add_test(tc, test_possessive_loss_surnames);
    tcase_add_test(tc, test_possessive_loss_titled);
    tcase_add_test(tc, test_possessive_loss_lexicon);
    tcase_add_test(tc, test_possessive_loss_plurals);
    tcase_add_test(tc, test_possessive_loss_unlisted);
    tcase_add_test(tc, test_pronoun_place_speaker);
    tcase_add_test(tc, test_pronoun_other_gender);
    tcase_add_test(tc, test_pronoun_woman_named_earlier);
    tcase_add_test(tc, test_pronoun_negative);
    tcase_add_test(tc, test_pronoun_name_not_pronoun);
    tcase_add_test(tc, test_pronoun_speaker_own);
    tcase_add_test(tc, test_quotes_missing_passage);
    tcase_add_test(tc, test_dropped_subject);
    tcase_add_test(tc, test_dropped_subject_negatives);
    tcase_add_test(tc, test_dropped_subject_every_offset);
    tcase_add_test(tc, test_quote_stripped);
    tcase_add_test(tc, test_quote_stripped_first_person);
    tcase_add_test(tc, test_quote_stripped_negatives);
    tcase_add_test(tc, test_unquoted_speech_narrator_count);
    tcase_add_test(tc, test_pronoun_orphan);
    tcase_add_test(tc, test_pronoun_orphan_negatives);
    tcase_add_test(tc, test_quotes_absent);
    tcase_add_test(tc, test_pronoun_switch);
    tcase_add_test(tc, test_pronoun_switch_negatives);
    tcase_add_test(tc, test_pronoun_every_form);
    tcase_add_test(tc, test_quote_memo_per_call);
    tcase_add_test(tc, test_pronoun_unanchored);
    tcase_add_test(tc, test_case_bleed);
    tcase_add_test(tc, test_oom);
    tcase_add_test(tc, test_garbage);
    suite_add_tcase(s, tc);
    return s;
}

/* Runs the suite; the exit status says whether every test passed. */
int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
