#ifndef SOSIK_SQL_H
#define SOSIK_SQL_H

#include <stddef.h>

#include <stdint.h>

// Byte layouts shared by C and Swift, defined here once (issue 25). SosikIndexTests'
// LayoutTests writes each with one side and reads it with the other.

/// `documents.passage_starts`: per passage, in order, two little-endian UInt32: its column
/// (SOSIK_COLUMN_TEXT or SOSIK_COLUMN_ASIDE) and its first token position in that column.
/// Written by ArticleText.layout (Swift), read by sosik_evidence (C).
enum {
    SOSIK_STARTS_ENTRY_BYTES = 8,
    SOSIK_COLUMN_TITLE = 0, SOSIK_COLUMN_TEXT = 1, SOSIK_COLUMN_ASIDE = 2,
};

static inline void sosik_starts_put(unsigned char *entry, uint32_t column, uint32_t start) {
    for (int b = 0; b < 4; b++) {
        entry[b] = (unsigned char)(column >> (8 * b));
        entry[4 + b] = (unsigned char)(start >> (8 * b));
    }
}

static inline void sosik_starts_get(const unsigned char *entry, uint32_t *column, uint32_t *start) {
    *column = (uint32_t)entry[0] | (uint32_t)entry[1] << 8 | (uint32_t)entry[2] << 16 | (uint32_t)entry[3] << 24;
    *start = (uint32_t)entry[4] | (uint32_t)entry[5] << 8 | (uint32_t)entry[6] << 16 | (uint32_t)entry[7] << 24;
}

/// The BLOB sosik_evidence returns: native doubles. A header of SOSIK_EVIDENCE_HEADER values
/// (at the indices below), then N (phrases) × the phrase's frequency in the whole row (each
/// instance weighted by its column's weight), N × its count in the title, then per passage
/// SOSIK_EVIDENCE_PASSAGE_HEADER values (its column, its length) and N × the phrase's count in
/// the passage. Written by sosik_evidence (C), read by ArticleRanking (Swift).
enum {
    SOSIK_EVIDENCE_ROWS = 0,            // rows (articles) in the index
    SOSIK_EVIDENCE_AVERAGE_LENGTH = 1,  // their average length, in tokens
    SOSIK_EVIDENCE_LENGTH = 2,          // this row's length (boundary tokens excluded)
    SOSIK_EVIDENCE_TITLE_LENGTH = 3,
    SOSIK_EVIDENCE_PASSAGES = 4,        // P
    SOSIK_EVIDENCE_PHRASES = 5,         // N
    SOSIK_EVIDENCE_HEADER = 6,
    SOSIK_EVIDENCE_PASSAGE_COLUMN = 0,  // within a passage's values
    SOSIK_EVIDENCE_PASSAGE_LENGTH = 1,
    SOSIK_EVIDENCE_PASSAGE_HEADER = 2,
};

/// Registers the FTS5 auxiliary function sosik_evidence (sosik_evidence.c) on the connection
/// `db` (an `sqlite3 *`; `void *` here so that this header does not bring sqlite3.h into a
/// second Swift module next to GRDB's). Returns an SQLite result code.
int sosik_register_evidence(void *db);

/// Registers the SQL functions sosik_text(stored) and sosik_deflate(text) on `db`
/// (sosik_text.c). Returns an SQLite result code.
int sosik_register_text_functions(void *db);

/// Compresses `n` bytes into `out` (capacity `capacity`) as raw DEFLATE; returns the
/// compressed size, or 0 when it would not be smaller than the input or does not fit.
size_t sosik_deflate(const unsigned char *in, size_t n, unsigned char *out, size_t capacity);

#endif
