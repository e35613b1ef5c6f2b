// Passage text is stored compressed (raw DEFLATE, zlib level 1) when that makes it smaller:
// ~40% smaller for Korean and English news, which brings the index from 2.2× to ~1.8× the
// text (Scripts/bench). A passage that does not shrink stays TEXT.
//
//   sosik_text(x)     TEXT x as is; a BLOB inflated to TEXT; NULL stays NULL.
//   sosik_deflate(x)  TEXT x compressed to a BLOB, or x itself when that is not smaller.
//
// The view passage_content (FTS5's external content) reads passages through sosik_text, so
// every connection registers these functions (IndexDatabase), as it registers the tokenizer.
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "sosik_sql.h"

size_t sosik_deflate(const unsigned char *in, size_t n, unsigned char *out, size_t capacity) {
    if (n == 0 || capacity == 0) return 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)(capacity < n ? capacity : n - 1);
    int rc = deflate(&z, Z_FINISH);
    size_t size = (rc == Z_STREAM_END) ? z.total_out : 0;
    deflateEnd(&z);
    return size;
}

static void text_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    switch (sqlite3_value_type(argv[0])) {
    case SQLITE_NULL:
        sqlite3_result_null(ctx);
        return;
    case SQLITE_BLOB: {
        const unsigned char *in = sqlite3_value_blob(argv[0]);
        int n = sqlite3_value_bytes(argv[0]);
        size_t capacity = (size_t)n * 4 + 64;
        for (int attempt = 0; attempt < 6; attempt++) {
            unsigned char *out = sqlite3_malloc64(capacity);
            if (!out) { sqlite3_result_error_nomem(ctx); return; }
            z_stream z;
            memset(&z, 0, sizeof z);
            if (inflateInit2(&z, -15) != Z_OK) { sqlite3_free(out); sqlite3_result_error(ctx, "sosik_text: inflateInit failed", -1); return; }
            z.next_in = (Bytef *)in;
            z.avail_in = (uInt)n;
            z.next_out = out;
            z.avail_out = (uInt)capacity;
            int rc = inflate(&z, Z_FINISH);
            size_t size = z.total_out;
            inflateEnd(&z);
            if (rc == Z_STREAM_END) {
                sqlite3_result_text64(ctx, (const char *)out, size, sqlite3_free, SQLITE_UTF8);
                return;
            }
            sqlite3_free(out);
            if (rc != Z_BUF_ERROR && !(rc == Z_OK && z.avail_out == 0)) {
                sqlite3_result_error(ctx, "sosik_text: stored passage text is corrupt", -1);
                return;
            }
            capacity *= 4;
        }
        sqlite3_result_error(ctx, "sosik_text: stored passage text is too large", -1);
        return;
    }
    default:
        sqlite3_result_value(ctx, argv[0]);
    }
}

static void deflate_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) { sqlite3_result_value(ctx, argv[0]); return; }
    const unsigned char *in = sqlite3_value_text(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    unsigned char *out = n ? sqlite3_malloc64(n) : NULL;
    size_t size = out ? sosik_deflate(in, n, out, n) : 0;
    if (size == 0) { sqlite3_free(out); sqlite3_result_value(ctx, argv[0]); return; }
    sqlite3_result_blob64(ctx, out, size, sqlite3_free);
}

int sosik_register_text_functions(void *connection) {
    sqlite3 *db = (sqlite3 *)connection;
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function(db, "sosik_text", 1, flags, NULL, text_function, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sosik_deflate", 1, flags, NULL, deflate_function, NULL, NULL);
    return rc;
}
