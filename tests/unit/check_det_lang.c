/* check_det_lang.c: unit tests for the foreign_span, foreign_residue, calque and of_chain detectors (src/lib/det_lang.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "detect_int.h"
#include "ug/detect.h"
#include "ug/segment.h"
#include "ug/status.h"
#define UGI_LT_WANT_LANG
#include "lang_tables.h"
#define DET_FAMILY ugi_det_lang
#define DET_FAMILY_N ugi_det_lang_n
#include "det_fixture.h"

/* ---- helpers ---------------------------------------------------------- */

/* ---- the family table and the data -------------------------------------- */

START_TEST(test_table)
{
    ck_assert_uint_eq(ugi_det_lang_n, 5);
    for (size_t i = 0; i < ugi_det_lang_n; i++) {
        ck_assert_int_eq(ugi_det_lang[i].family, UG_DET_MT);
        ck_assert_ptr_nonnull(ugi_det_lang[i].run);
        ck_assert_ptr_nonnull(ugi_det_lang[i].summary);
    }
    det_index("foreign_span");
    det_index("foreign_residue");
    det_index("calque");
    det_index("of_chain");
    det_index("function_clash");
}
END_TEST

START_TEST(test_tables_sorted)
{
    for (size_t i = 1; i < UGI_LT_NSTOPWORDS; i++)
        ck_assert_msg(strcmp(ugi_lt_stopwords[i - 1].s, ugi_lt_stopwords[i].s) < 0,
                      "stopwords out of order at %s", ugi_lt_stopwords[i].s);
    for (size_t i = 1; i < UGI_LT_NCALQUES; i++)
        ck_assert_msg(strcmp(ugi_lt_calques[i - 1].s, ugi_lt_calques[i].s) <= 0,
                      "calques out of order at %s", ugi_lt_calques[i].s);
    /* every language has a list of about 150 words */
    size_t per[UGI_LT_NLANGS] = { 0 };
    for (size_t i = 0; i < UGI_LT_NSTOPWORDS; i++)
        for (int l = 0; l < UGI_LT_NLANGS; l++)
            per[l] += (ugi_lt_stopwords[i].attr >> l) & 1;
    for (int l = 0; l < UGI_LT_NLANGS; l++)
        ck_assert_msg(per[l] >= 100, "%s has %zu stopwords", ugi_lt_lang_name[l], per[l]);
}
END_TEST

/* ---- foreign_span ------------------------------------------------------- */

static const char SPANISH_CAPTION[] =
    "El secretario de Estado de Estados Unidos, Antony Blinken (izq.), se re\xc3\xba"
    "ne con el presidente de China, Xi Jinping, en el Gran Sal\xc3\xb3n del Pueblo de "
    "Pek\xc3\xadn el 26 de abril de 2024";

START_TEST(test_foreign_span_seed_caption)
{
    char text[1024];
    snprintf(text, sizeof text, "US secretary of state visits Beijing\n%s\n"
             "US Secretary of State Antony Blinken (L) meets with Chinese President Xi "
             "Jinping at the Great Hall of the People in Beijing on 26 April 2024.\n",
             SPANISH_CAPTION);
    assert_one("foreign_span", text, SPANISH_CAPTION, "Spanish (");
}
END_TEST

START_TEST(test_foreign_span_languages)
{
    static const struct { const char *sentence, *lang; } cases[] = {
        { "Le ministre a rencontr\xc3\xa9 son homologue chinois pour discuter des relations "
          "entre les deux pays.", "French" },
        { "Der Minister hat sich am Freitag mit dem chinesischen Pr\xc3\xa4sidenten "
          "getroffen und \xc3\xbc" "ber die Beziehungen gesprochen.", "German" },
        { "Il ministro ha incontrato il presidente cinese per discutere delle relazioni "
          "tra i due paesi.", "Italian" },
        { "O ministro encontrou-se com o presidente chin\xc3\xaas para discutir as "
          "rela\xc3\xa7\xc3\xb5" "es entre os dois pa\xc3\xad" "ses.", "Portuguese" },
        { "De minister heeft vrijdag een gesprek gehad met de Chinese president over de "
          "betrekkingen tussen de twee landen.", "Dutch" },
        { "Los dos pa\xc3\xad" "ses deben ser socios y no rivales, dijo el presidente chino "
          "durante la reuni\xc3\xb3n.", "Spanish" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024], ev[64];
        snprintf(text, sizeof text, "Blinken met Xi in Beijing on Friday. %s The talks "
                 "lasted five hours, officials said.", cases[i].sentence);
        snprintf(ev, sizeof ev, "%s (", cases[i].lang);
        assert_one("foreign_span", text, cases[i].sentence, ev);
    }
}
END_TEST

START_TEST(test_foreign_span_case)
{
    /* stopwords in any case, and at the very end of the text (where fewer
       than eight bytes are left to read): the same count and evidence */
    static const char *const forms[] = {
        "el presidente dijo que los paises de la region no pueden seguir con esta politica de las sanciones.",
        "EL PRESIDENTE DIJO QUE LOS PAISES DE LA REGION NO PUEDEN SEGUIR CON ESTA POLITICA DE LAS SANCIONES.",
        "El Presidente Dijo Que Los Paises De La Region No Pueden Seguir Con Esta Politica De Las Sanciones.",
        "eL pResidente diJo qUE lOS paises dE lA region nO pueden sEGUIR cON esta politica DE lAS sanciones.",
    };
    char first[256] = "";
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        for (int at_end = 0; at_end < 2; at_end++) {
            char text[512];
            snprintf(text, sizeof text, "The minister spoke on Monday about the talks.\n%s%s", forms[i],
                     at_end ? "" : "\nThe talks ended late.\n");
            run r;
            run_det(&r, "foreign_span", text);
            ck_assert_msg(r.f.n == 1, "form %zu: %zu findings", i, r.f.n);
            const char *ev = ug_finding_evidence(&r.f, &r.f.v[0]);
            ck_assert_msg(strstr(ev, "Spanish (9 of 18 words") != NULL, "form %zu: %s", i, ev);
            if (!first[0])
                snprintf(first, sizeof first, "%s", ev);
            ck_assert_str_eq(ev, first);
            run_free(&r);
        }
}
END_TEST

START_TEST(test_foreign_span_english)
{
    /* human English with foreign names and particles */
    assert_none("foreign_span",
                "Ursula von der Leyen met Luiz In\xc3\xa1" "cio Lula da Silva and Pedro "
                "S\xc3\xa1nchez in Bras\xc3\xad" "lia on Tuesday.\n"
                "Blinken described his talks with Wang at the Diaoyutai state guesthouse "
                "\xe2\x80\x93 which lasted more than five and a half hours \xe2\x80\x93 as "
                "\xe2\x80\x9c" "extensive and constructive.\xe2\x80\x9d\n"
                "The motto of the republic, libert\xc3\xa9, \xc3\xa9galit\xc3\xa9, "
                "fraternit\xc3\xa9, was painted on the wall of the town hall.\n"
                "Come on, son, the man said, there is more to do.\n");
    /* too short to judge */
    assert_none("foreign_span", "Viva la revoluci\xc3\xb3n!\n");
}
END_TEST

/* ---- foreign_residue ---------------------------------------------------- */

START_TEST(test_foreign_residue_glued)
{
    assert_one("foreign_residue",
               "The meeting took place on the last day of a visitadetres days to China.",
               "visitadetres", "visita + de + tres");
    assert_one("foreign_residue",
               "Those have included controls on the export of bienesdetecnolog\xc3\xad" "a "
               "that could have military uses.",
               "bienesdetecnolog\xc3\xad" "a", "de");
}
END_TEST

START_TEST(test_foreign_residue_marks_and_letters)
{
    assert_one("foreign_residue", "The two sides signed a *convenio on trade and security.",
               "*convenio", "unknown-word mark");
    assert_one("foreign_residue", "He said that the talks would #ser difficult for both of them.",
               "#ser", "generation-error mark");
    assert_one("foreign_residue", "The talks have gone on for many a\xc3\xb1os and may go on.",
               "a\xc3\xb1os", "not English");
    assert_one("foreign_residue", "It was a question of pure casualidad that they met at all.",
               "casualidad", "-idad");
}
END_TEST

START_TEST(test_foreign_residue_chunks)
{
    /* what a chunk may have around a residue word: an opening bracket or
       quote, closing punctuation, a short marked word, a short word with
       a foreign letter; and the same without the residue */
    static const struct { const char *chunk, *span, *ev; } cases[] = {
        { "(casualidad)", "casualidad", "-idad" },
        { "calidad", "calidad", "-idad" },          /* seven letters, the shortest */
        { "\"casualidad,\"", "casualidad", "-idad" },
        { "[casualidad].", "casualidad", "-idad" },
        { "*paz", "*paz", "unknown-word mark" },
        { "#ser,", "#ser", "generation-error mark" },
        { "a\xc3\xb1o", "a\xc3\xb1o", "not English" },
        { "(a\xc3\xb1os)", "a\xc3\xb1os", "not English" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "It was a question of %s that they met at all.", cases[i].chunk);
        assert_one("foreign_residue", text, cases[i].span, cases[i].ev);
    }
    assert_none("foreign_residue", "It was a question of (chance) that they met, \"Chance\" "
                "said [coincidence]. Casualidad, they say.");
}
END_TEST

START_TEST(test_foreign_residue_english)
{
    /* loanwords, names, hashtags, English glue (another detector's job),
       English derivations and emphasis */
    assert_none("foreign_residue",
                "They met at a caf\xc3\xa9 near the fa\xc3\xa7" "ade of the old theatre.\n"
                "It was a na\xc3\xafve plan, said Jos\xc3\xa9 Pe\xc3\xb1" "a of the ministry.\n"
                "The campaign used the hashtag #MeToo and the slogan was on every wall.\n"
                "They have includedUS controlson the export to China of goods.\n"
                "The misdemeanants were held in the county jail for the night.\n"
                "It is *very* important that the two sides talk, he said.\n"
                "The desolations of the war were plain to see in the city.\n");
    /* inside a foreign span nothing is residue */
    assert_none("foreign_residue",
                "Blinken met Xi in Beijing.\nLos dos pa\xc3\xad" "ses deben ser socios y no "
                "rivales, dijo el presidente chino durante la reuni\xc3\xb3n en Pek\xc3\xadn.\n");
}
END_TEST

/* ---- calque ------------------------------------------------------------- */

START_TEST(test_calque_seed)
{
    assert_one("calque", "The two sides also discussed next steps, the US Department said below.",
               "said below", "a continuaci\xc3\xb3n");
    assert_one("calque", "In one interview with CNN before leaving Beijing, Blinken said the US "
               "has seen evidence.", "In one interview", "entrevista");
    assert_one("calque", "It is not fair competition, he said, according to a reading by "
               "Chinese state media.", "according to a reading", "lectura");
    /* any run of blanks between the words; the evidence names the phrase */
    assert_one("calque", "The minister realized a  visit\tto the region last week.",
               "realized a  visit\tto", "calque \"realized a visit to\"");
}
END_TEST

START_TEST(test_calque_english)
{
    assert_none("calque",
                "In an interview with CNN, Blinken said the US has seen evidence.\n"
                "He gave one interview in 2010 and then none.\n"
                "As she said, the results are shown below.\n"
                "The readout from Chinese state media was brief.\n"
                "He realized a visit would be difficult to arrange.\n");
    /* a sentence-initial phrase inside a sentence */
    assert_none("calque", "He spoke at length, and in one interview he was candid.");
}
END_TEST

START_TEST(test_calque_name)
{
    /* a title calque before a name (Brown ca05.1 through Spanish and back) */
    assert_one("calque", "Gentleman Hawksley said yesterday he would go before the council.",
               "Gentleman Hawksley", "se\xc3\xb1or");
    assert_one("calque", "The plan would boost the payroll tax by 10 by cent next year.", "by cent",
               "por ciento");
    /* the word without a name after it, or as part of another word */
    assert_none("calque", "He was a gentleman who cared. A gentleman, Smith said, is rare.\n"
                "The gentleman. Hawksley left. Mister? No. Taxes rose by cents a day.\n");
}
END_TEST

START_TEST(test_calque_every_phrase)
{
    /* every compiled-in calque is found inside a sentence (at its start for
       a sentence-initial one), as written and title-cased, with NAME a
       name; and not when the word after its first is another */
    for (size_t i = 0; i < UGI_LT_NCALQUES; i++) {
        const ugi_lt_calque *p = &ugi_lt_calques[i];
        char phrase[128], text[256];
        size_t n = p->len;
        int name = n > 5 && strcmp(p->s + n - 5, " NAME") == 0;
        snprintf(phrase, sizeof phrase, "%.*s%s", (int)(name ? n - 5 : n), p->s, name ? " Smith" : "");
        for (int title = 0; title < 2; title++) {
            char ph[128];
            snprintf(ph, sizeof ph, "%s", phrase);
            if (title)
                for (size_t k = 0; ph[k]; k++)
                    if ((k == 0 || ph[k - 1] == ' ') && ph[k] >= 'a' && ph[k] <= 'z')
                        ph[k] = (char)(ph[k] - 'a' + 'A');
            snprintf(text, sizeof text, p->initial ? "%s and the talks ended late." :
                     "Officials said that %s and the talks ended late.", ph);
            run r;
            run_det(&r, "calque", text);
            int found = 0;
            for (size_t f = 0; f < r.f.n; f++)
                found |= strstr(ug_finding_evidence(&r.f, &r.f.v[f]), p->s) != NULL;
            ck_assert_msg(found, "calque \"%s\" not found in \"%s\"", p->s, text);
            run_free(&r);
        }
        /* the first word, then a word no calque goes on with */
        const char *sp = strchr(p->s, ' ');
        if (sp) {
            snprintf(text, sizeof text, "Officials said that %.*s qqq and the talks ended late.",
                     (int)(sp - p->s), p->s);
            assert_none("calque", text);
        }
    }
}
END_TEST

/* ---- of_chain ------------------------------------------------------------- */

START_TEST(test_of_chain)
{
    /* an Apertium round trip of Brown ca05.1: "of" is 8% of the words */
    const char *rt = "The east providence would have to organise his civil defence setup and begin "
                     "for appointing a director of full-time, Raymond H. Hawksley, the present city "
                     "CD boss, believes. The east providence now has no program of civil defence. "
                     "Gentleman Hawksley, the general treasurer of the state, has been a part-director "
                     "of CD of the time at the city for the last nine years.";
    run r;
    run_det(&r, "of_chain", rt);
    ck_assert_int_eq(r.st, UG_OK);
    ck_assert_msg(r.f.n == 1, "%zu findings", r.f.n);
    ck_assert_str_eq(span(&r, 0), "treasurer of the state, has been a part-director of CD of the");
    ck_assert_msg(strstr(ug_finding_evidence(&r.f, &r.f.v[0]), "\"of\" 3 times in 26 words") != NULL,
                  "%s", ug_finding_evidence(&r.f, &r.f.v[0]));
    run_free(&r);
}
END_TEST

START_TEST(test_of_chain_english)
{
    /* the same dense sentence in a text where "of" is under 3.5% of the words */
    assert_none("of_chain",
                "Gentleman Hawksley, the general treasurer of the state, has been a part-director of "
                "CD of the time at the city for the last nine years. East Providence should organize "
                "its civil defense setup and begin by appointing a full-time director, the present "
                "city CD head believes. Mr. Hawksley said yesterday he would be willing to go before "
                "the city council or anyone else locally to outline his proposal at the earliest "
                "possible time, and he said he was sure the council would listen to him and act soon "
                "on what he had to say about it.");
    /* the same sentence in a text where "of" is 4.7% of the words: above
       1961 press prose's mean of 3.4%, still under the 5% floor */
    assert_none("of_chain",
                "Gentleman Hawksley, the general treasurer of the state, has been a part-director of "
                "CD of the time at the city for the last nine years. East Providence should organize "
                "its civil defense setup and begin by appointing a full-time director, the present "
                "city CD head believes. Mr. Hawksley said he would be willing to go before "
                "the city council to outline his proposal soon.");
    /* a text dense in "of" whose sentences each stay under two or 8% */
    assert_none("of_chain",
                "The heads of state met today in the capital. They spoke for hours and then left the "
                "hall. Most of them were tired. A number of talks went on late into the night. The "
                "end of the day came. Reporters waited outside for news. Some of them slept there.");
    /* too short to judge */
    assert_none("of_chain", "The leader of CD of present city left.");
}
END_TEST

/* ---- function_clash ------------------------------------------------------ */

START_TEST(test_function_clash)
{
    /* Apertium round trips through Galician of Brown press samples */
    assert_one("function_clash", "Escape of hotel Bonanza the room has a real bonanza in the his "
               "new attraction.", "the his", "an article before a possessive");
    assert_one("function_clash", "They gave back many of the numbers in the bill of a the "
               "first visit.", "a the", "two articles");
    assert_one("function_clash", "It Moiseyev Company of Dance fallen in in Madison Square "
               "Garden last night.", "It Moiseyev", "\"It\" as an article before a name");
}
END_TEST

START_TEST(test_function_clash_english)
{
    static const char *const texts[] = {
        "He held the A's scoreless while the A.A.U. met in the hall.",
        "Plan A his staff wrote was dropped.",
        "It Happened One Night won five awards.",
        "It rained. It seemed the his-and-hers towels were gone.",
        "The man saw that his plan and her plan were the same.",
        "Give it the, um, the other one.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        assert_none("function_clash", texts[i]);
}
END_TEST

/* ---- allocation failure -------------------------------------------------- */

START_TEST(test_enomem)
{
    static const char *const ids[] = { "foreign_span", "foreign_residue", "calque" };
    static const char *const texts[] = {
        ("Blinken met Xi in Beijing. Los dos pa\xc3\xad" "ses deben ser socios y no rivales, "
         "dijo el presidente chino durante la reuni\xc3\xb3n."),
        "The meeting took place on the last day of a visitadetres days to China.",
        "The two sides also discussed next steps, the US Department said below.",
    };
    for (size_t i = 0; i < 3; i++) {
        run r;
        run_full(&r, ids[i], texts[i], UNKNOWN, 0);
        ck_assert_int_eq(r.st, UG_ENOMEM);
        run_free(&r);
    }
}
END_TEST

/* ---- main ----------------------------------------------------------------- */

/* The test suite of the lang detector family. */
static Suite *suite(void)
{
    Suite *s = suite_create("det_lang");
    TCase *tc = tcase_create("lang");
    tcase_add_test(tc, test_table);
    tcase_add_test(tc, test_tables_sorted);
    tcase_add_test(tc, test_foreign_span_seed_caption);
    tcase_add_test(tc, test_foreign_span_languages);
    tcase_add_test(tc, test_foreign_span_english);
    tcase_add_test(tc, test_foreign_span_case);
    tcase_add_test(tc, test_foreign_residue_glued);
    tcase_add_test(tc, test_foreign_residue_marks_and_letters);
    tcase_add_test(tc, test_foreign_residue_english);
    tcase_add_test(tc, test_foreign_residue_chunks);
    tcase_add_test(tc, test_calque_seed);
    tcase_add_test(tc, test_calque_english);
    tcase_add_test(tc, test_calque_name);
    tcase_add_test(tc, test_calque_every_phrase);
    tcase_add_test(tc, test_of_chain);
    tcase_add_test(tc, test_of_chain_english);
    tcase_add_test(tc, test_function_clash);
    tcase_add_test(tc, test_function_clash_english);
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
