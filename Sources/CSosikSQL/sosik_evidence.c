// FTS5 auxiliary functions of sosik's ranking (registered on every connection).
//
// sosik_evidence (below) reports, for one matching row of the article index, what BM25 is made
// of — each phrase's frequency in the article, its title and each of its passages, the lengths —
// and the searcher (SosikIndex/ArticleRanking) computes the article's and the passages' scores
// from it. FTS5's bm25() would first walk each phrase's whole doclist to count its rows (~30 ms
// for a word in 300,000 rows, however few rows are then scored); sosik counts them itself with a
// bounded walk (PhraseCounts).
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "sosik_sql.h"

// What is the same for every row of one query: computed on its first row, kept as aux data.
typedef struct {
    int nPhrase;
    double avgdl;   // average row length in tokens, all columns
} RankData;

static void rank_data_free(void *p) {
    free(p);
}

static RankData *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc) {
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
    *rc = api->xSetAuxdata(fts, d, rank_data_free);
    if (*rc != SQLITE_OK) return NULL;   // xSetAuxdata freed it
    return d;
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
    RankData *d = rank_data(api, fts, &rc);
    if (!d) { sqlite3_result_error_code(ctx, rc); return; }
    const unsigned char *blob = (const unsigned char *)sqlite3_value_blob(apVal[0]);
    int nBlob = sqlite3_value_bytes(apVal[0]);
    const int nPass = blob ? nBlob / SOSIK_STARTS_ENTRY_BYTES : 0;
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
    const int stride = SOSIK_EVIDENCE_PASSAGE_HEADER + nPhrase;
    const int n = SOSIK_EVIDENCE_HEADER + 2 * nPhrase + nPass * stride;
    double *out = (double *)sqlite3_malloc64(sizeof(double) * (sqlite3_uint64)n);
    int *column = (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(nPass ? nPass : 1));
    int *start = (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(nPass ? nPass : 1));
    if (!out || !column || !start) {
        sqlite3_free(out); sqlite3_free(column); sqlite3_free(start);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    memset(out, 0, sizeof(double) * (size_t)n);
    out[SOSIK_EVIDENCE_ROWS] = (double)nRow;
    out[SOSIK_EVIDENCE_AVERAGE_LENGTH] = d->avgdl;
    out[SOSIK_EVIDENCE_LENGTH] = total;
    out[SOSIK_EVIDENCE_TITLE_LENGTH] = (double)sizes[SOSIK_COLUMN_TITLE];
    out[SOSIK_EVIDENCE_PASSAGES] = (double)nPass;
    out[SOSIK_EVIDENCE_PHRASES] = (double)nPhrase;
    double *rowFreq = out + SOSIK_EVIDENCE_HEADER, *titleCount = rowFreq + nPhrase, *passages = titleCount + nPhrase;
    for (int i = 0; i < nPass; i++) {
        uint32_t c, st;
        sosik_starts_get(blob + SOSIK_STARTS_ENTRY_BYTES * i, &c, &st);
        column[i] = (int)c;
        start[i] = (int)st;
    }
    // The boundary tokens between passages are in FTS5's column sizes, not in the text.
    int joins[3] = {0, 0, 0};
    for (int i = 0; i < nPass; i++) {
        if (column[i] >= 1 && column[i] <= 2) joins[column[i]] += 1;
    }
    for (int c = 1; c <= 2; c++) {
        if (joins[c] > 1) out[2] -= (double)boundary * (joins[c] - 1);
    }
    // Each column's passages, in order.
    int *order[3] = {NULL, NULL, NULL};
    int count[3] = {0, 0, 0};
    int *orderBuffer = (int *)sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(nPass ? nPass : 1));
    if (!orderBuffer) {
        sqlite3_free(out); sqlite3_free(column); sqlite3_free(start);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    order[1] = orderBuffer;
    order[2] = orderBuffer + joins[1];
    for (int i = 0; i < nPass; i++) {
        if (column[i] == 1 || column[i] == 2) order[column[i]][count[column[i]]++] = i;
    }
    // Passage lengths: up to the next passage of the same column (less the boundary), or to
    // the end of the column.
    for (int i = 0; i < nPass; i++) {
        passages[i * stride + SOSIK_EVIDENCE_PASSAGE_COLUMN] = (double)column[i];
    }
    for (int c = 1; c <= 2; c++) {
        for (int k = 0; k < count[c]; k++) {
            int i = order[c][k];
            int end = k + 1 < count[c] ? start[order[c][k + 1]] - boundary : sizes[c];
            passages[i * stride + SOSIK_EVIDENCE_PASSAGE_LENGTH] = end > start[i] ? (double)(end - start[i]) : 0.0;
        }
    }
    int nInst = 0;
    rc = api->xInstCount(fts, &nInst);
    for (int k = 0; rc == SQLITE_OK && k < nInst; k++) {
        int ip, ic, io;
        rc = api->xInst(fts, k, &ip, &ic, &io);
        if (rc != SQLITE_OK || ip < 0 || ip >= nPhrase) continue;
        rowFreq[ip] += ic + 2 < nVal ? sqlite3_value_double(apVal[ic + 2]) : 1.0;
        if (ic == 0) { titleCount[ip] += 1; continue; }
        if (ic > 2) continue;
        // The passage of this column that starts last at or before the offset: passages of
        // one column are in order (passage_starts), so a binary search over `order[ic]`.
        int lo = 0, hi = count[ic] - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (start[order[ic][mid]] <= io) { found = order[ic][mid]; lo = mid + 1; } else hi = mid - 1;
        }
        if (found >= 0) passages[found * stride + SOSIK_EVIDENCE_PASSAGE_HEADER + ip] += 1;
    }
    sqlite3_free(orderBuffer);
    sqlite3_free(column);
    sqlite3_free(start);
    if (rc != SQLITE_OK) { sqlite3_free(out); sqlite3_result_error_code(ctx, rc); return; }
    sqlite3_result_blob(ctx, out, (int)(sizeof(double) * (size_t)n), sqlite3_free);
}

int sosik_register_evidence(void *connection) {
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
    return api->xCreateFunction(api, "sosik_evidence", NULL, sosik_evidence, NULL);
}
