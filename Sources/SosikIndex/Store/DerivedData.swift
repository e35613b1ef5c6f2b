import Foundation
import GRDB
import SosikIngest
import SosikText

/// What the index derives from its stored text with sosik's own code (issue 25): each
/// passage's first token position (ArticleText.layout), each URL's key (Article.urlKey), each
/// article's MinHash signature (Signature), the full-text index itself (the analyzer), and the
/// statistics. Migrations only change tables and mark a derived part stale (`sosik_meta`
/// `derived.*`); this step, run by every writer after the migrations, recomputes what is
/// stale from the stored text with the code of this build. So a later change to that code
/// never silently changes what an old migration did (GRDB's migration guide: migrations must
/// not depend on application code), and a change of meaning is one version bump here.
enum DerivedData {
    /// Each derived part and the version of the code that computes it. Bump a version when
    /// that code changes what it computes: the next `sosik index` recomputes the part for every
    /// article, from the stored text; readers refuse the index until then.
    static let parts: [(key: String, version: String)] = [
        ("derived.passage_starts", "1"),    // ArticleText.layout
        ("derived.url_key", "1"),           // Article.urlKey
        ("derived.signature", "1"),         // Signature
        ("derived.fts", Analyzer.name),     // the full-text index, as the analyzer tokenizes
    ]

    /// A migration's way to say that a part must be recomputed.
    static func markStale(_ db: Database, _ key: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO sosik_meta(key, value) VALUES (?, 'stale')", arguments: [key])
    }

    /// The parts whose stored version is not this build's.
    static func stale(_ db: Database) throws -> [String] {
        var stored: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM sosik_meta WHERE key LIKE 'derived.%'") { stored[row[0]] = row[1] }
        return parts.filter { stored[$0.key] != $0.version }.map(\.key)
    }

    /// Recomputes the stale parts (none on an index this build wrote), in one transaction.
    static func refresh(_ db: Database) throws {
        let stale = Set(try stale(db))
        guard !stale.isEmpty else { return }
        let hasDocuments = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents)") == 1
        if hasDocuments && stale.contains("derived.passage_starts") {
            // Each passage's first token position, from the stored text.
            let analyzer = Analyzer()
            let passages = try db.makeStatement(sql: "SELECT kind, sosik_text(text) FROM passages WHERE document_id = ? ORDER BY ordinal")
            let update = try db.makeStatement(sql: "UPDATE documents SET passage_starts = ? WHERE id = ?")
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM documents") {
                let rows = try Row.fetchAll(passages, arguments: [id]).map { row -> (kind: PassageKind, text: String) in
                    (PassageKind(rawValue: row[0]) ?? .body, row[1])
                }
                try update.execute(arguments: [ArticleText.layout(rows, with: analyzer).starts, id])
            }
        }
        if hasDocuments && stale.contains("derived.url_key") {
            let update = try db.makeStatement(sql: "UPDATE documents SET url_key = ? WHERE id = ?")
            for row in try Row.fetchAll(db, sql: "SELECT id, url FROM documents WHERE url IS NOT NULL") {
                try update.execute(arguments: [Article.urlKey(row[1]), row[0] as Int64])
            }
        }
        if hasDocuments && stale.contains("derived.signature") {
            let update = try db.makeStatement(sql: "UPDATE documents SET signature = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.id, COALESCE((SELECT group_concat(t, char(10)) FROM (
                    SELECT sosik_text(p.text) AS t FROM passages p
                    WHERE p.document_id = d.id AND p.kind = 'body' ORDER BY p.ordinal)), '')
                FROM documents d
                """)
            var signatures: [(Int64, Data)] = []
            while let row = try rows.next() { signatures.append((row[0], Signature(text: row[1]).blob)) }
            for (id, blob) in signatures { try update.execute(arguments: [blob, id]) }
        }
        if hasDocuments && (stale.contains("derived.fts") || stale.contains("derived.passage_starts")) {
            // Positions and tokens as this build's analyzer gives them (a new index has nothing
            // to rebuild: its schema must stay small, see RobustnessTests' full disk).
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES ('rebuild')")
        }
        try db.execute(sql: "UPDATE sosik_meta SET value = ? WHERE key = 'analyzer'", arguments: [Analyzer.name])
        for part in parts {
            try db.execute(sql: "INSERT OR REPLACE INTO sosik_meta(key, value) VALUES (?, ?)", arguments: [part.key, part.version])
        }
        try Indexer.refreshStatistics(db)
    }
}
