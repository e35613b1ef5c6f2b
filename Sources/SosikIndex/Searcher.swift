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

    /// Passages re-ranked by word coverage in `--any` mode; the figures of Scripts/eval-all did
    /// not change between 50 and 300, so 100 leaves room.
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
                //    Only the best 100 are re-scored (the figures do not move between 50 and 300);
                //    any further passages follow in BM25 order.
                if options.mode == .any && terms.count > 1 && ranked.count > 1 {
                    let head = ranked.prefix(Self.anyCandidates)
                    let covered = try Self.wordsMatched(db, terms: terms, rowIDs: head.map(\.rowID))
                    let n = Double(terms.count)
                    let rescored = head.map { ($0.rowID, $0.score * (Double(covered[$0.rowID, default: 0]) / n).squareRoot()) }
                        .sorted { $0.1 > $1.1 }
                    let floor = rescored.last?.1 ?? 0
                    ranked = rescored.map { (rowID: $0.0, score: $0.1) }
                        + ranked.dropFirst(head.count).map { (rowID: $0.rowID, score: min($0.score, floor)) }
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
        // Captions, credits and footers are short, and BM25 normalizes by passage length, so a
        // two-word credit can outscore a paragraph even through its 0.3-weighted column. Their
        // scores are scaled down once more here, over a window wide enough to refill the list.
        let window = limit + 50
        let sql = """
            SELECT passage_fts.rowid, passage_fts.rank, p.kind FROM passage_fts
            JOIN passages p ON p.id = passage_fts.rowid\(lang == nil ? "" : " JOIN documents d ON d.id = p.document_id")
            WHERE passage_fts MATCH ?\(lang == nil ? "" : " AND d.lang = ?") ORDER BY passage_fts.rank LIMIT ?
            """
        let arguments: StatementArguments = lang == nil ? [expression, window] : [expression, lang, window]
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row -> (rowID: Int64, score: Double) in
            let score = -(row[1] as Double)
            return (row[0], (row[2] as String) == PassageKind.body.rawValue ? score : score * Self.asideFactor)
        }
        return Array(rows.sorted { $0.score > $1.score }.prefix(limit))
    }

    /// Score factor of captions, credits and footers against body text.
    static let asideFactor = 0.3

    /// For each passage, how many query words it matches (in title or text). The candidates are
    /// analyzed again in Swift: one pass over ~100 passages costs less than asking FTS5 once per
    /// word and passage (measured: 44 ms → 8 ms per query at 300 candidates).
    static func wordsMatched(_ db: Database, terms: [QueryTerm], rowIDs: [Int64]) throws -> [Int64: Int] {
        // term bytes → query words, found by an FNV-1a hash so that no token becomes a String.
        var owners: [UInt64: [(term: [UInt8], word: Int)]] = [:]
        for (i, term) in terms.enumerated() {
            for t in term.allTerms {
                let bytes = Array(t.utf8)
                owners[fnv1a(bytes[...]), default: []].append((bytes, i))
            }
        }
        let analyzer = Analyzer()
        let idList = rowIDs.map(String.init).joined(separator: ",")
        var count: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.id, d.title, p.text FROM passages p JOIN documents d ON d.id = p.document_id
            WHERE p.id IN (\(idList))
            """)
        var seen = [Bool](repeating: false, count: terms.count)
        while let row = try rows.next() {
            for i in seen.indices { seen[i] = false }
            var matched = 0
            for column in [row[1] as String, row[2] as String] where matched < terms.count {
                var text = column
                text.withUTF8 { bytes in
                    analyzer.analyze(bytes) { token, _, _, _ in
                        guard let candidates = owners[fnv1a(token)] else { return true }
                        for c in candidates where !seen[c.word] && c.term.elementsEqual(token) {
                            seen[c.word] = true
                            matched += 1
                        }
                        return matched < terms.count
                    }
                }
            }
            count[row[0]] = matched
        }
        return count
    }

    @inline(__always)
    static func fnv1a<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The other side of a translation pair of document `d`: its own `translation_of`, or a
    /// document that names it (pairs may be declared on one side only).
    static let pairSQL = """
        COALESCE(d.translation_of, (SELECT x.doc_key FROM documents x WHERE x.translation_of = d.doc_key LIMIT 1))
        """

    /// Full hits for ranked rowids, in the given order.
    static func hits(_ db: Database, ranked: [(rowID: Int64, score: Double)], highlighter: Highlighter?) throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let idList = ranked.map { String($0.rowID) }.joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, d.doc_key, p.ordinal, d.title, d.lang, d.date, d.source, d.url, d.path, p.text, p.kind,
                   \(Self.pairSQL)
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
                             text: text, kind: PassageKind(rawValue: row[10]) ?? .body, pairID: row[11])
        }
    }
}
