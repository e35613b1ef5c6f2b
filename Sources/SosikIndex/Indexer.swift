import Foundation
import GRDB

/// Writes articles into an index in batched transactions: each article replaces any earlier
/// article with the same id, its passages go into the FTS5 table.
///
/// ```swift
/// let indexer = Indexer(database: index)
/// try indexer.add(Article(id: "a", body: "경찰이 순찰을 돌았다."))
/// let summary = try indexer.finish()
/// ```
public final class Indexer {
    /// What one run did.
    public struct Summary: Sendable {
        public var documents = 0
        /// Documents that replaced an earlier one with the same id (in this run or before).
        public var replaced = 0
        public var passages = 0
        /// Bytes of title and body text indexed.
        public var bytes = 0
        public var skipped: [(path: String, line: Int?, reason: String)] = []
    }

    public let database: IndexDatabase
    public let splitter: PassageSplitter
    /// Articles per transaction; one transaction per article is ~100× slower in SQLite.
    public var batchSize: Int
    /// Called after each committed batch with the running summary.
    public var onProgress: ((Summary) -> Void)?

    public private(set) var summary = Summary()
    private var pending: [PreparedArticle] = []
    private var pendingBytes = 0

    struct PreparedArticle: Sendable {
        var article: Article
        var passages: [(text: String, kind: PassageKind)]
    }

    public init(database: IndexDatabase, splitter: PassageSplitter = PassageSplitter(), batchSize: Int = 500) {
        self.database = database
        self.splitter = splitter
        self.batchSize = batchSize
    }

    public func add(_ article: Article) throws {
        var passages = splitter.split(article.body).map { (text: String($0.text), kind: $0.kind) }
        if passages.isEmpty { passages = [("", .body)] }   // title-only article: one empty passage keeps it findable by title
        pending.append(PreparedArticle(article: article, passages: passages))
        pendingBytes += article.body.utf8.count + article.title.utf8.count
        if pending.count >= batchSize || pendingBytes >= 8 << 20 { try flush() }
    }

    public func skip(path: String, line: Int?, reason: String) {
        summary.skipped.append((path, line, reason))
    }

    /// Commits what is pending and returns the summary of the run.
    @discardableResult
    public func finish() throws -> Summary {
        try flush()
        return summary
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        let (replaced, passages) = try write(batch)
        summary.documents += batch.count
        summary.replaced += replaced
        summary.passages += passages
        summary.bytes += batch.reduce(0) { $0 + $1.article.body.utf8.count + $1.article.title.utf8.count }
        onProgress?(summary)
    }

    private func write(_ batch: [PreparedArticle]) throws -> (replaced: Int, passages: Int) {
        do {
            return try database.pool.write { db in
                var replaced = 0, passages = 0
                for prepared in batch {
                    if try Self.delete(key: prepared.article.id, db) { replaced += 1 }
                    let a = prepared.article
                    try db.cachedStatement(sql: """
                        INSERT INTO documents(doc_key, title, lang, date, source, url, path, bytes, translation_of)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [a.id, a.title, a.lang, a.date, a.source, a.url, a.path,
                                                 a.body.utf8.count, a.translationOf])
                    let documentID = db.lastInsertedRowID
                    for (ordinal, passage) in prepared.passages.enumerated() {
                        try db.cachedStatement(sql: "INSERT INTO passages(document_id, ordinal, text, kind) VALUES (?, ?, ?, ?)")
                            .execute(arguments: [documentID, ordinal, passage.text, passage.kind.rawValue])
                        let body = passage.kind == .body
                        try db.cachedStatement(sql: "INSERT INTO passage_fts(rowid, title, text, aside) VALUES (?, ?, ?, ?)")
                            .execute(arguments: [db.lastInsertedRowID, body ? a.title : "", body ? passage.text : "", body ? "" : passage.text])
                        passages += 1
                    }
                }
                return (replaced, passages)
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "writing documents \(batch.first!.article.id) … \(batch.last!.article.id)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }

    /// Removes a document, its passages and their FTS5 entries. External-content FTS5 tables
    /// need the old values to delete, so they are read before the rows go.
    static func delete(key: String, _ db: Database) throws -> Bool {
        guard let documentID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM documents WHERE doc_key = ?"),
                                                  arguments: [key]) else { return false }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, title, text, aside FROM passage_content
            WHERE id IN (SELECT id FROM passages WHERE document_id = ?)
            """), arguments: [documentID])
        for row in rows {
            try db.cachedStatement(sql: "INSERT INTO passage_fts(passage_fts, rowid, title, text, aside) VALUES ('delete', ?, ?, ?, ?)")
                .execute(arguments: [row[0], row[1], row[2], row[3]])
        }
        try db.cachedStatement(sql: "DELETE FROM passages WHERE document_id = ?").execute(arguments: [documentID])
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [documentID])
        return true
    }
}
