/* det_words.c: the words of a document, tokenized once per ug_detect() call and lent to the detectors. */
#include "config.h"
#include <string.h>
#include "det_words.h"

/* Builds the words of @p d into @p w (zeroed by the caller; release with
 * ugi_words_free() also on failure). @return UG_OK or UG_ENOMEM. */
static ug_status build(const ug_doc *d, ugi_words *w)
{
    /* room for a word every four bytes, more than running text has, so
       that the array is seldom grown (and copied) */
    size_t cap = d->len / 4 + 16;
    w->d = d;
    w->v = ug_malloc(cap * sizeof *w->v);
    if (!w->v)
        return UG_ENOMEM;
    w->sfirst = ug_malloc((d->nsents + 1) * 2 * sizeof *w->sfirst);
    if (!w->sfirst)
        return UG_ENOMEM;
    w->nalpha = w->sfirst + d->nsents + 1;
    for (size_t k = 0; k < d->nsents; k++) {
        size_t pos = d->sents[k].start, e = d->sents[k].end > d->len ? d->len : d->sents[k].end;
        size_t na = 0;
        word x;
        w->sfirst[k] = w->nw;
        while (next_word(d->text, &pos, e, &x)) {
            if (w->nw == cap) {
                size_t nc = cap * 2;
                word *nv = ug_realloc(w->v, nc * sizeof *nv);
                if (!nv)
                    return UG_ENOMEM;
                w->v = nv;
                cap = nc;
            }
            w->v[w->nw++] = x;
            na += (size_t)x.alpha;
        }
        w->nalpha[k] = na;
    }
    w->sfirst[d->nsents] = w->nw;
    return UG_OK;
}

void ugi_words_free(ugi_words *w)
{
    if (!w->borrowed) {
        ug_free(w->v);
        ug_free(w->sfirst);
    }
    memset(w, 0, sizeof *w);
}

/* The words of the document of the running ug_detect() call. */
static _Thread_local struct {
    int on, built;
    ugi_words w;
} shared;

void ugi_det_words_begin(void)
{
    shared.on = 1;
    shared.built = 0;
}

void ugi_det_words_end(void)
{
    if (shared.built)
        ugi_words_free(&shared.w);
    memset(&shared, 0, sizeof shared);
}

ug_status ugi_words_get(const ug_doc *d, ugi_words *w)
{
    memset(w, 0, sizeof *w);
    if (!shared.on) {
        ug_status st = build(d, w);
        if (st)
            ugi_words_free(w);
        return st;
    }
    if (shared.built && shared.w.d != d) {
        ugi_words_free(&shared.w);
        shared.built = 0;
    }
    if (!shared.built) {
        memset(&shared.w, 0, sizeof shared.w);
        ug_status st = build(d, &shared.w);
        if (st) {
            ugi_words_free(&shared.w);
            return st;
        }
        shared.built = 1;
    }
    *w = shared.w;
    w->borrowed = 1;
    return UG_OK;
}
