import GRDB

/// A document as stored in the index, with its passages in order.
///
/// ```swift
/// let doc = try StoredDocument.fetch("ko-patrol-hoeryong", in: index)
/// print(doc?.passages.first?.text ?? "")
/// ```
public struct StoredDocument: Sendable {
    public var id: String
    public var title: String
    public var lang: String
    public var date: String?
    public var source: String?
    public var url: String?
    public var path: String?
    /// The other side of its translation pair, if any.
    public var pairID: String?
    public var passages: [(ordinal: Int, kind: PassageKind, text: String)]

    /// The document with this id, or nil.
    public static func fetch(_ id: String, in index: IndexDatabase) throws -> StoredDocument? {
        try index.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT d.id, d.doc_key, d.title, d.lang, d.date, d.source, d.url, d.path, \(Searcher.pairSQL)
                FROM documents d WHERE d.doc_key = ?
                """, arguments: [id]) else { return nil }
            let passages = try Row.fetchAll(db, sql: "SELECT ordinal, kind, sosik_text(text) FROM passages WHERE document_id = ? ORDER BY ordinal",
                                            arguments: [row[0] as Int64])
                .map { (ordinal: $0[0] as Int, kind: PassageKind(rawValue: $0[1]) ?? .body, text: $0[2] as String) }
            return StoredDocument(id: row[1], title: row[2], lang: row[3], date: row[4], source: row[5], url: row[6],
                                  path: row[7], pairID: row[8], passages: passages)
        }
    }

    /// Ids starting like `prefix`, for "did you mean" messages.
    public static func similarIDs(to id: String, in index: IndexDatabase, limit: Int = 3) throws -> [String] {
        try index.pool.read { db in
            try String.fetchAll(db, sql: "SELECT doc_key FROM documents WHERE doc_key LIKE ? ORDER BY doc_key LIMIT ?",
                                arguments: [String(id.prefix(4)) + "%", limit])
        }
    }
}
