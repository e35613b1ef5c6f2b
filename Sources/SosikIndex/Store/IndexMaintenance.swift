import Foundation
import GRDB

/// `sosik check` and `sosik optimize`.
///
/// ```swift
/// let report = try IndexMaintenance.check(index)   // report.problems.isEmpty when healthy
/// ```
public enum IndexMaintenance {
    public struct CheckReport: Sendable {
        /// One line per check that was run, e.g. "sqlite integrity: ok".
        public var lines: [String] = []
        public var problems: [String] = []
    }

    public static func check(_ index: IndexDatabase) throws -> CheckReport {
        var r = CheckReport()
        do {
            try index.pool.write { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity == ["ok"] { r.lines.append("sqlite integrity: ok") }
                else { r.problems += integrity.prefix(10).map { "sqlite integrity: \($0)" } }
                let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                if keys.isEmpty { r.lines.append("foreign keys: ok") }
                else { r.problems.append("foreign keys: \(keys.count) rows point at nothing") }
                do {
                    // rank = 1: also compares the index with the stored text.
                    try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)")
                    r.lines.append("full-text index: ok")
                } catch let error as DatabaseError {
                    r.problems.append("full-text index: \(error.message ?? "corrupt") (run `sosik index --rebuild`)")
                }
                let incomplete = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files WHERE hash IS NULL") ?? 0
                r.lines.append("files: \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0) indexed"
                               + (incomplete > 0 ? ", \(incomplete) interrupted (the next `sosik index` finishes them)" : ""))
                let orphans = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)
                    """) ?? 0
                if orphans > 0 { r.problems.append("documents without passages: \(orphans)") }
                let meta = try Row.fetchAll(db, sql: "SELECT key, value FROM sosik_meta WHERE key IN ('analyzer', 'schema') ORDER BY key")
                    .map { "\($0[0] as String) \($0[1] as String)" }.joined(separator: ", ")
                r.lines.append("schema: \(meta)")
            }
        } catch let error as DatabaseError {
            r.problems.append("cannot check \(index.path): \(error.message ?? "\(error.resultCode)")")
        }
        return r
    }

    /// The bytes of a database file and of its `-wal` (0 when there is none).
    public static func sizeOnDisk(_ path: String) -> (file: Int, wal: Int) {
        func size(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p)[.size] as? NSNumber)?.intValue) ?? 0 }
        return (size(path), size(path + "-wal"))
    }

    /// What `optimize` did, in bytes on disk: the database file and its `-wal` before, and after.
    public struct Optimized: Sendable {
        public var fileBefore: Int
        public var walBefore: Int
        public var fileAfter: Int
        public var walAfter: Int
        public var vacuumed: Bool
    }

    /// Merges the FTS5 index into one segment, then VACUUMs if that left free pages (FTS5's
    /// merge writes the new segment before it frees the old ones, so without it a freshly built
    /// index grew: 376,832 → 393,216 bytes on the sample corpus), and empties the WAL.
    ///
    /// `before`: the sizes measured before the database was opened (`sizeOnDisk`).
    public static func optimize(_ index: IndexDatabase, before: (file: Int, wal: Int)) throws -> Optimized {
        var r = Optimized(fileBefore: before.file, walBefore: before.wal, fileAfter: 0, walAfter: 0, vacuumed: false)
        do {
            try index.pool.write { db in
                try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES ('optimize')")
            }
            let free = try index.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0 }
            if free > 0 {
                try index.pool.vacuum()
                r.vacuumed = true
            }
            try index.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "optimizing \(index.path)", message: error.message ?? "\(error.resultCode)")
        }
        (r.fileAfter, r.walAfter) = sizeOnDisk(index.path)
        return r
    }
}
