#ifndef SOSIK_RANK_H
#define SOSIK_RANK_H

/// Registers the FTS5 auxiliary function sosik_rank on the connection `db` (an `sqlite3 *`;
/// `void *` here so that this header does not bring sqlite3.h into a second Swift module next
/// to GRDB's). Returns an SQLite result code.
int sosik_register_rank(void *db);

#endif
