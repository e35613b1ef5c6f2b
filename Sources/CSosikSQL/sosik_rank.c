// sosik_rank(fts, hits, aside_factor, w0, w1, ...): FTS5's own BM25 (k1 = 1.2, b = 0.75,
// column weights w0, w1, …; negated like bm25() so that smaller is better), with two changes:
//
// 1. The number of rows holding each phrase (the n of its IDF) is given by the caller in
//    `hits`, text with one number per phrase of the MATCH expression, in the order the phrases
//    appear, separated by spaces. bm25() counts them itself on its first row: a walk over each
//    phrase's whole doclist, ~30 ms for a word in 300,000 passages however few rows are then
//    scored. sosik counts (or, for very common words, estimates) them with a bounded walk.
// 2. A row whose tokens are all in the last column (sosik: a caption, credit or footer, whose
//    title and text columns are empty) has its score multiplied by `aside_factor`. Doing it
//    here spares a join with the passages table for every match.
//
// Everything else follows fts5_aux.c's fts5Bm25Function. sosik_rank_parts (below) returns the
// per-phrase parts of the same sum, for `search --explain`.
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "sosik_sql.h"

typedef struct {
    int nPhrase;
    double avgdl;
    double *idf;    // nPhrase
    double *freq;   // nPhrase, scratch
} RankData;

static void rank_data_free(void *p) {
    RankData *d = (RankData *)p;
    if (d) { free(d->idf); free(d->freq); free(d); }
}

static RankData *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, const char *hits, int *rc) {
    RankData *d = (RankData *)api->xGetAuxdata(fts, 0);
    if (d) return d;
    sqlite3_int64 nRow = 0, nToken = 0;
    *rc = api->xRowCount(fts, &nRow);
    if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &nToken);
    if (*rc != SQLITE_OK) return NULL;
    d = (RankData *)calloc(1, sizeof(RankData));
    if (!d) { *rc = SQLITE_NOMEM; return NULL; }
    d->nPhrase = api->xPhraseCount(fts);
    d->avgdl = nRow > 0 ? (double)nToken / (double)nRow : 1.0;
    d->idf = (double *)calloc((size_t)(d->nPhrase ? d->nPhrase : 1), sizeof(double));
    d->freq = (double *)calloc((size_t)(d->nPhrase ? d->nPhrase : 1), sizeof(double));
    if (!d->idf || !d->freq) { rank_data_free(d); *rc = SQLITE_NOMEM; return NULL; }
    const char *p = hits ? hits : "";
    for (int i = 0; i < d->nPhrase; i++) {
        char *end = NULL;
        double nHit = strtod(p, &end);
        if (end == p) nHit = (double)nRow;   // missing: weighs nothing, like a word in every row
        else p = end;
        // As bm25(): a phrase in half the rows or more still counts a little.
        double idf = log(((double)nRow - nHit + 0.5) / (nHit + 0.5));
        d->idf[i] = idf > 0.0 ? idf : 1e-6;
    }
    *rc = api->xSetAuxdata(fts, d, rank_data_free);
    if (*rc != SQLITE_OK) return NULL;   // xSetAuxdata freed it
    return d;
}

// Each phrase's BM25 part for the current row into d->freq (its frequencies are read into the
// same array first), and whether the row is an aside. Returns an SQLite result code.
static int phrase_parts(const Fts5ExtensionApi *api, Fts5Context *fts, RankData *d,
                        sqlite3_value **weights, int nWeight, int *isAside) {
    memset(d->freq, 0, sizeof(double) * (size_t)d->nPhrase);
    int nInst = 0;
    int rc = api->xInstCount(fts, &nInst);
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int ip, ic, io;
        rc = api->xInst(fts, i, &ip, &ic, &io);
        if (rc == SQLITE_OK) {
            double w = ic < nWeight ? sqlite3_value_double(weights[ic]) : 1.0;
            d->freq[ip] += w;
        }
    }
    // Column sizes: one docsize record, read once per row by FTS5 and then served from it.
    const int nCol = api->xColumnCount(fts);
    int total = 0, lastColumn = 0;
    for (int c = 0; rc == SQLITE_OK && c < nCol; c++) {
        int n = 0;
        rc = api->xColumnSize(fts, c, &n);
        total += n;
        if (c == nCol - 1) lastColumn = n;
    }
    if (rc != SQLITE_OK) return rc;
    const double k1 = 1.2, b = 0.75;
    const double D = (double)total;
    for (int i = 0; i < d->nPhrase; i++) {
        d->freq[i] = d->idf[i] * (d->freq[i] * (k1 + 1.0)) / (d->freq[i] + k1 * (1 - b + b * D / d->avgdl));
    }
    *isAside = nCol > 1 && lastColumn > 0 && lastColumn == total;
    return SQLITE_OK;
}

// The common arguments of sosik_rank and sosik_rank_parts; NULL (and an error set) if unusable.
static RankData *prepare(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                         int nVal, sqlite3_value **apVal, int *isAside) {
    if (nVal < 2) {
        sqlite3_result_error(ctx, "sosik_rank: expected the phrase row counts, the aside factor and column weights", -1);
        return NULL;
    }
    int rc = SQLITE_OK;
    RankData *d = rank_data(api, fts, (const char *)sqlite3_value_text(apVal[0]), &rc);
    if (d) rc = phrase_parts(api, fts, d, apVal + 2, nVal - 2, isAside);
    if (rc != SQLITE_OK) { sqlite3_result_error_code(ctx, rc); return NULL; }
    return d;
}

static void sosik_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                       int nVal, sqlite3_value **apVal) {
    int isAside = 0;
    RankData *d = prepare(api, fts, ctx, nVal, apVal, &isAside);
    if (!d) return;
    double score = 0.0;
    for (int i = 0; i < d->nPhrase; i++) score += d->freq[i];
    if (isAside) score *= sqlite3_value_double(apVal[1]);
    sqlite3_result_double(ctx, -1.0 * score);
}

// sosik_rank_parts(fts, hits, aside_factor, w0, w1, ...): the same row's score as the parts that
// sosik_rank adds up, one per phrase of the MATCH expression in order, as text ("1.25 0 3.5"),
// before the aside factor and not negated. `search --explain` reads it, so that its parts add
// up to the score whatever the expression holds (prefixes, phrases, NEAR, title:).
static void sosik_rank_parts(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                             int nVal, sqlite3_value **apVal) {
    int isAside = 0;
    RankData *d = prepare(api, fts, ctx, nVal, apVal, &isAside);
    if (!d) return;
    sqlite3_str *out = sqlite3_str_new(NULL);
    for (int i = 0; i < d->nPhrase; i++) sqlite3_str_appendf(out, i ? " %!.17g" : "%!.17g", d->freq[i]);
    int n = sqlite3_str_length(out);
    char *text = sqlite3_str_finish(out);
    if (!text) {   // NULL: out of memory, or nothing was written (no phrase)
        if (n > 0) sqlite3_result_error_nomem(ctx); else sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    sqlite3_result_text(ctx, text, n, sqlite3_free);
}

// sosik_evidence(fts, starts, boundary, w0, w1, w2): what the searcher scores an article and
// each of its passages from (SosikIndex/ArticleRanking), for one row of the article index
// (schema v5: columns title, text, aside; passages joined in text and aside, `boundary`
// tokens between two of them). `starts` is the document's passage_starts: per passage, in
// order, UInt32 column (1 text, 2 aside) and UInt32 first token position (little-endian).
// Returns a BLOB of native doubles:
//   [rows in the index, their average length, this row's length, its title's length,
//    passages P, phrases N,
//    N × the phrase's frequency in the whole row, each instance weighted by its column's weight,
//    N × the phrase's count in the title,
//    P × (the passage's column, 1 text or 2 aside, its length, then N × the phrase's count in
//    the passage)].
static void sosik_evidence(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                           int nVal, sqlite3_value **apVal) {
    if (nVal < 2) {
        sqlite3_result_error(ctx, "sosik_evidence: expected passage starts, the boundary width and column weights", -1);
        return;
    }
    int rc = SQLITE_OK;
    RankData *d = rank_data(api, fts, "", &rc);
    if (!d) { sqlite3_result_error_code(ctx, rc); return; }
    const unsigned char *blob = (const unsigned char *)sqlite3_value_blob(apVal[0]);
    int nBlob = sqlite3_value_bytes(apVal[0]);
    const int nPass = blob ? nBlob / 8 : 0;
    const int boundary = sqlite3_value_int(apVal[1]);
    const int nPhrase = d->nPhrase;
    const int nCol = api->xColumnCount(fts);
    int sizes[3] = {0, 0, 0};
    double total = 0;
    for (int c = 0; rc == SQLITE_OK && c < nCol; c++) {
        int n = 0;
        rc = api->xColumnSize(fts, c, &n);
        if (c < 3) sizes[c] = n;
        total += n;
    }
    sqlite3_int64 nRow = 0;
    if (rc == SQLITE_OK) rc = api->xRowCount(fts, &nRow);
    if (rc != SQLITE_OK) { sqlite3_result_error_code(ctx, rc); return; }
    const int stride = 2 + nPhrase;
    const int n = 6 + 2 * nPhrase + nPass * stride;
    double *out = (double *)sqlite3_malloc64(sizeof(double) * (sqlite3_uint64)n);
    int *column = (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(nPass ? nPass : 1));
    int *start = (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(nPass ? nPass : 1));
    if (!out || !column || !start) {
        sqlite3_free(out); sqlite3_free(column); sqlite3_free(start);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    memset(out, 0, sizeof(double) * (size_t)n);
    out[0] = (double)nRow;
    out[1] = d->avgdl;
    out[2] = total;
    out[3] = (double)sizes[0];
    out[4] = (double)nPass;
    out[5] = (double)nPhrase;
    double *rowFreq = out + 6, *titleCount = out + 6 + nPhrase, *passages = out + 6 + 2 * nPhrase;
    for (int i = 0; i < nPass; i++) {
        const unsigned char *e = blob + 8 * i;
        column[i] = (int)(e[0] | e[1] << 8 | e[2] << 16 | (unsigned)e[3] << 24);
        start[i] = (int)(e[4] | e[5] << 8 | e[6] << 16 | (unsigned)e[7] << 24);
    }
    // Passage lengths: up to the next passage of the same column (less the boundary), or to
    // the end of the column.
    for (int i = 0; i < nPass; i++) {
        int end = (column[i] >= 1 && column[i] <= 2) ? sizes[column[i]] : start[i];
        for (int j = i + 1; j < nPass; j++) {
            if (column[j] == column[i]) { end = start[j] - boundary; break; }
        }
        passages[i * stride] = (double)column[i];
        passages[i * stride + 1] = end > start[i] ? (double)(end - start[i]) : 0.0;
    }
    int nInst = 0;
    rc = api->xInstCount(fts, &nInst);
    for (int k = 0; rc == SQLITE_OK && k < nInst; k++) {
        int ip, ic, io;
        rc = api->xInst(fts, k, &ip, &ic, &io);
        if (rc != SQLITE_OK || ip < 0 || ip >= nPhrase) continue;
        rowFreq[ip] += ic + 2 < nVal ? sqlite3_value_double(apVal[ic + 2]) : 1.0;
        if (ic == 0) { titleCount[ip] += 1; continue; }
        // The passage of this column that starts last at or before the offset.
        int found = -1;
        for (int i = 0; i < nPass; i++) {
            if (column[i] == ic && start[i] <= io) found = i;
        }
        if (found >= 0) passages[found * stride + 2 + ip] += 1;
    }
    sqlite3_free(column);
    sqlite3_free(start);
    if (rc != SQLITE_OK) { sqlite3_free(out); sqlite3_result_error_code(ctx, rc); return; }
    sqlite3_result_blob(ctx, out, (int)(sizeof(double) * (size_t)n), sqlite3_free);
}

int sosik_register_rank(void *connection) {
    sqlite3 *db = (sqlite3 *)connection;
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) return rc;
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    rc = api->xCreateFunction(api, "sosik_rank", NULL, sosik_rank, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = api->xCreateFunction(api, "sosik_evidence", NULL, sosik_evidence, NULL);
    if (rc != SQLITE_OK) return rc;
    return api->xCreateFunction(api, "sosik_rank_parts", NULL, sosik_rank_parts, NULL);
}
