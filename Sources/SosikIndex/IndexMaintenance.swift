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

    /// Merges the FTS5 index into one segment, and VACUUMs when a tenth of the file is free pages.
    /// Returns the file size before and after.
    public static func optimize(_ index: IndexDatabase) throws -> (before: Int, after: Int, vacuumed: Bool) {
        func size() -> Int {
            ["", "-wal"].reduce(0) { total, suffix in
                total + ((try? FileManager.default.attributesOfItem(atPath: index.path + suffix)[.size] as? NSNumber)?.intValue ?? 0)
            }
        }
        let before = size()
        var vacuumed = false
        do {
            try index.pool.write { db in
                try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES ('optimize')")
            }
            let (free, pages) = try index.pool.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0, try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1)
            }
            if free * 10 >= pages {
                try index.pool.vacuum()
                vacuumed = true
            }
            try index.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "optimizing \(index.path)", message: error.message ?? "\(error.resultCode)")
        }
        return (before, size(), vacuumed)
    }
}
