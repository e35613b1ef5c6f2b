#ifndef SOSIK_SQL_H
#define SOSIK_SQL_H

#include <stddef.h>

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
