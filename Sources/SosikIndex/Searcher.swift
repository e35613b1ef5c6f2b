import Foundation
import GRDB
import SosikText

/// Options of one search.
public struct SearchOptions: Sendable {
    public var mode: MatchMode = .all
    public var limit: Int = 10
    /// Only passages of documents in this language (`ko`/`en`).
    public var lang: String? = nil
    /// Compute snippets and highlights (a second analysis of each returned passage); without,
    /// hits carry empty snippets and unmarked titles.
    public var snippets = true

    public init(mode: MatchMode = .all, limit: Int = 10, lang: String? = nil, snippets: Bool = true) {
        self.mode = mode
        self.limit = limit
        self.lang = lang
        self.snippets = snippets
    }
}

/// Runs queries against an index and returns ranked passages; knows nothing about output.
///
/// ```swift
/// let hits = try Searcher(database: index).search("경찰 순찰")
/// print(hits.first?.snippet.matches ?? [])   // ["경찰", "순찰"]
/// ```
public struct Searcher: Sendable {
    public let database: IndexDatabase
    private let analyzer = Analyzer()

    public init(database: IndexDatabase) {
        self.database = database
    }

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        let (expression, terms) = try QueryBuilder.expression(for: query, mode: options.mode, analyzer: analyzer)
        let highlighter = Highlighter(query: terms)
        let sql = """
            SELECT d.doc_key, p.ordinal, passage_fts.rank, d.title, d.lang, d.date, d.source, d.url, d.path, p.text
            FROM passage_fts
            JOIN passages p ON p.id = passage_fts.rowid
            JOIN documents d ON d.id = p.document_id
            WHERE passage_fts MATCH ? AND (? IS NULL OR d.lang = ?)
            ORDER BY passage_fts.rank
            LIMIT ?
            """
        do {
            return try database.pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: [expression, options.lang, options.lang, options.limit]).map { row in
                    let lang: String = row[4], text: String = row[9], title: String = row[3]
                    // A Korean character carries about two English letters' worth: shorter snippets.
                    let snippets = options.snippets
                    return SearchHit(docID: row[0], ordinal: row[1], score: -(row[2] as Double),
                                     title: snippets ? highlighter.highlight(title) : HighlightedText(text: title, ranges: []),
                                     lang: lang, date: row[5], source: row[6], url: row[7], path: row[8],
                                     snippet: snippets ? highlighter.snippet(text, maxLength: lang == "ko" ? 100 : 200)
                                                       : HighlightedText(text: "", ranges: []),
                                     text: text)
                }
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "searching \(quoted(query)) in \(database.path)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }
}
