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

    /// Passages ranked by `--any` before the word-coverage re-ranking; the figures of
    /// Scripts/eval-all did not change between 50 and 300, so 100 leaves room.
    static let anyCandidates = 100

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        let (expression, terms) = try QueryBuilder.expression(for: query, mode: options.mode, analyzer: analyzer)
        do {
            return try database.pool.read { db in
                // 1. Candidates by BM25 (FTS5 rank: title 3×, body 1×).
                var ranked = try Self.rankedRowIDs(db, expression: expression, lang: options.lang,
                                                   limit: options.mode == .any ? max(options.limit, Self.anyCandidates) : options.limit)
                // 2. --any: a passage that matches more of the query's words beats one that
                //    matches few words many times: score × √(words matched / words).
                //    Scripts/eval-all, MRR@10 (power 0 / 0.5 / 1 / 3): ko-titles .934/.935/.933/.927,
                //    ko-questions .970/.982/.985/.983, en-headlines .889/.894/.890/.890.
                if options.mode == .any && terms.count > 1 && ranked.count > 1 {
                    let covered = try Self.wordsMatched(db, terms: terms, rowIDs: ranked.map(\.rowID))
                    let n = Double(terms.count)
                    ranked = ranked.map { ($0.rowID, $0.score * (Double(covered[$0.rowID, default: 0]) / n).squareRoot()) }
                        .sorted { $0.score > $1.score }
                }
                ranked = Array(ranked.prefix(options.limit))
                return try Self.hits(db, ranked: ranked, highlighter: options.snippets ? Highlighter(query: terms) : nil)
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "searching \(quoted(query)) in \(database.path)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }

    /// (passage rowid, score: higher is better), best first.
    static func rankedRowIDs(_ db: Database, expression: String, lang: String?, limit: Int) throws -> [(rowID: Int64, score: Double)] {
        let sql = lang == nil
            ? "SELECT rowid, rank FROM passage_fts WHERE passage_fts MATCH ? ORDER BY rank LIMIT ?"
            : """
              SELECT passage_fts.rowid, passage_fts.rank FROM passage_fts
              JOIN passages p ON p.id = passage_fts.rowid JOIN documents d ON d.id = p.document_id
              WHERE passage_fts MATCH ? AND d.lang = ? ORDER BY passage_fts.rank LIMIT ?
              """
        let arguments: StatementArguments = lang == nil ? [expression, limit] : [expression, lang, limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0], -($0[1] as Double)) }
    }

    /// For each passage, how many query words it matches (in title or text). One FTS5 lookup per
    /// word, restricted to the candidates' rowids.
    static func wordsMatched(_ db: Database, terms: [QueryTerm], rowIDs: [Int64]) throws -> [Int64: Int] {
        let idList = rowIDs.map(String.init).joined(separator: ",")
        var count: [Int64: Int] = [:]
        for term in terms {
            let expression = term.allTerms.map(QueryBuilder.quote).joined(separator: " OR ")
            for rowID in try Int64.fetchAll(db, sql: "SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? AND rowid IN (\(idList))",
                                            arguments: [expression]) {
                count[rowID, default: 0] += 1
            }
        }
        return count
    }

    /// Full hits for ranked rowids, in the given order.
    static func hits(_ db: Database, ranked: [(rowID: Int64, score: Double)], highlighter: Highlighter?) throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let idList = ranked.map { String($0.rowID) }.joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, d.doc_key, p.ordinal, d.title, d.lang, d.date, d.source, d.url, d.path, p.text
            FROM passages p JOIN documents d ON d.id = p.document_id
            WHERE p.id IN (\(idList))
            """)
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row[0]] = row }
        return ranked.compactMap { entry in
            guard let row = byID[entry.rowID] else { return nil }
            let lang: String = row[4], text: String = row[9], title: String = row[3]
            // A Korean character carries about two English letters' worth: shorter snippets.
            return SearchHit(docID: row[1], ordinal: row[2], score: entry.score,
                             title: highlighter?.highlight(title) ?? HighlightedText(text: title, ranges: []),
                             lang: lang, date: row[5], source: row[6], url: row[7], path: row[8],
                             snippet: highlighter?.snippet(text, maxLength: lang == "ko" ? 100 : 200)
                                 ?? HighlightedText(text: "", ranges: []),
                             text: text)
        }
    }
}
