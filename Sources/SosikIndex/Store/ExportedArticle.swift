import Foundation
import GRDB

/// An article as the index holds it, for other indexes to be built from (`sosik export
/// --opensearch`, issue 26): the stored document (metadata and passages in order), and what
/// only an export needs: its row id, signature, run, and the sizes FTS5 counts for its columns.
///
/// ```swift
/// try ExportedArticle.forEach(in: index) { article in print(article.document.id); return true }
/// ```
public struct ExportedArticle: Sendable {
    /// The document's row id: the order of export, and where an interrupted push goes on.
    public var rowid: Int64
    public var document: StoredDocument
    /// Its near-duplicate signature (Signature.blob), when it has one.
    public var signature: Data?
    /// The `sosik index` run that last wrote it, and when that run started (ISO 8601).
    public var run: Int64?
    public var runStarted: String?
    /// Tokens per full-text column (title, body text, asides) as FTS5 counts them: positions,
    /// with `boundaryWidth` boundary tokens between two passages of a column.
    public var sizes: (title: Int, text: Int, aside: Int)

    /// Boundary tokens between two passages of a column (ArticleText).
    public static let boundaryWidth = ArticleText.boundaryWidth

    /// Calls `body` with every article whose row id is above `after` (and, with `runAbove`, that a
    /// run after that one wrote), in row-id order, until it returns false. One read: a consistent
    /// snapshot of the index.
    public static func forEach(in index: IndexDatabase, after: Int64 = 0, runAbove: Int64 = 0,
                               _ body: (ExportedArticle) throws -> Bool) throws {
        try index.read("exporting") { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.id, d.doc_key, d.title, d.lang, d.date, d.source, d.url, d.path, \(Searcher.pairSQL),
                       d.signature, d.run_id, s.sz, p.ordinal, p.kind, sosik_text(p.text), r.started
                FROM documents d JOIN passages p ON p.document_id = d.id
                LEFT JOIN article_fts_docsize s ON s.id = d.id LEFT JOIN runs r ON r.id = d.run_id
                WHERE d.id > ? AND COALESCE(d.run_id, 0) > ? ORDER BY d.id, p.ordinal
                """, arguments: [after, runAbove])
            var current: ExportedArticle? = nil
            while let row = try rows.next() {
                let rowid: Int64 = row[0]
                if current?.rowid != rowid {
                    if let done = current, try !body(done) { return }
                    let sizes = decodeSizes(row[11] as Data?)
                    let document = StoredDocument(id: row[1], title: row[2], lang: row[3], date: row[4], source: row[5], url: row[6],
                                                  path: row[7], pairID: row[8], passages: [])
                    current = ExportedArticle(rowid: rowid, document: document, signature: row[9], run: row[10],
                                              runStarted: row[15], sizes: (sizes[0], sizes[1], sizes[2]))
                }
                current!.document.passages.append((row[12], PassageKind(rawValue: row[13]) ?? .body, row[14]))
            }
            if let done = current { _ = try body(done) }
        }
    }

    /// The ids of the articles a run after `runAbove` removed, and that the index does not hold
    /// again.
    public static func removed(in index: IndexDatabase, runAbove: Int64 = 0) throws -> [String] {
        try index.read("reading the removed articles of") { db in
            try String.fetchAll(db, sql: """
                SELECT doc_key FROM removed_documents
                WHERE run_id > ? AND doc_key NOT IN (SELECT doc_key FROM documents) ORDER BY doc_key
                """, arguments: [runAbove])
        }
    }

    /// FTS5's docsize record: one varint per column (SQLite's varint: big-endian groups of 7
    /// bits, the high bit set on all but the last; a ninth byte holds 8).
    static func decodeSizes(_ data: Data?) -> [Int] {
        var out: [Int] = []
        if let data {
            var value = 0, count = 0
            for byte in data {
                count += 1
                if count == 9 {
                    value = (value << 8) | Int(byte)
                } else {
                    value = (value << 7) | Int(byte & 0x7F)
                    if byte & 0x80 != 0 { continue }
                }
                out.append(value)
                value = 0
                count = 0
            }
        }
        while out.count < 3 { out.append(0) }
        return out
    }
}
