import Foundation
import GRDB

/// What an index holds: counts per language and source, dates, size on disk.
///
/// ```swift
/// let stats = try IndexStatistics.read(index)
/// print(stats.documents, stats.passages)
/// ```
public struct IndexStatistics: Sendable {
    public struct Group: Sendable {
        public var name: String
        public var documents: Int
        public var passages: Int
        public var bytes: Int
    }

    public var documents = 0
    public var passages = 0
    /// Bytes of article text (bodies) indexed.
    public var bytes = 0
    public var byLanguage: [Group] = []
    public var bySource: [Group] = []
    public var byKind: [(kind: String, passages: Int)] = []
    public var pairs = 0
    public var undated = 0
    public var firstDate: String?
    public var lastDate: String?
    /// Database file plus its WAL.
    public var fileBytes = 0
    public var analyzer = ""

    public static func read(_ index: IndexDatabase) throws -> IndexStatistics {
        var s = IndexStatistics()
        try index.pool.read { db in
            func groups(_ column: String) throws -> [Group] {
                try Row.fetchAll(db, sql: """
                    SELECT COALESCE(d.\(column), '(none)'), COUNT(DISTINCT d.id), COUNT(p.id), (SELECT 0)
                    FROM documents d LEFT JOIN passages p ON p.document_id = d.id
                    GROUP BY 1 ORDER BY 2 DESC, 1
                    """).map { Group(name: $0[0], documents: $0[1], passages: $0[2], bytes: 0) }
            }
            s.documents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0
            s.passages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passages") ?? 0
            s.bytes = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(bytes), 0) FROM documents") ?? 0
            s.byLanguage = try groups("lang")
            s.bySource = try groups("source")
            s.byKind = try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) FROM passages GROUP BY kind ORDER BY 2 DESC")
                .map { ($0[0], $0[1]) }
            s.pairs = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM documents a JOIN documents b ON b.doc_key = a.translation_of
                WHERE a.doc_key < b.doc_key OR b.translation_of IS NOT a.doc_key
                """) ?? 0
            s.undated = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents WHERE date IS NULL") ?? 0
            s.firstDate = try String.fetchOne(db, sql: "SELECT MIN(date) FROM documents")
            s.lastDate = try String.fetchOne(db, sql: "SELECT MAX(date) FROM documents")
            s.analyzer = try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = 'analyzer'") ?? "?"
        }
        let onDisk = IndexMaintenance.sizeOnDisk(index.path)
        s.fileBytes = onDisk.file + onDisk.wal
        return s
    }
}
