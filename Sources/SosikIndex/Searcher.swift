import Foundation
import GRDB
import SosikText

/// Options of one search.
public struct SearchOptions: Sendable {
    public enum Sort: String, Sendable { case relevance, date, dateDescending = "-date" }

    public var mode: MatchMode = .all
    public var limit: Int = 10
    /// Only passages of documents in this language (`ko`/`en`).
    public var lang: String? = nil
    /// Only documents from these sources (exact, case-insensitive); empty: all.
    public var sources: [String] = []
    /// ISO dates (or YYYY-MM / YYYY), inclusive; undated documents are left out when set.
    public var since: String? = nil
    public var until: String? = nil
    /// SQLite GLOB on the document's file path, e.g. `*/ko/*`.
    public var pathGlob: String? = nil
    /// Passages per document (the best ones); 0 = no limit.
    public var perDocument = 1
    public var sort: Sort = .relevance
    /// Compute snippets and highlights (a second analysis of each returned passage); without,
    /// hits carry empty snippets and unmarked titles.
    public var snippets = true
    /// Attach each matched term's share of the score to the hits.
    public var explain = false
    /// At most this many matching passages are scored by BM25 (0: all of them). FTS5 scores
    /// every match before sorting, ~3 µs each, so a common word on a million passages would
    /// take a second. Past the cap, --any ranks the passages that have the query's rarer words
    /// (the common words still count in the word-coverage step), and otherwise the newest
    /// `maxCandidates` matches (highest rowids: the most recently indexed) are ranked.
    public var maxCandidates = Searcher.defaultMaxCandidates

    public init(mode: MatchMode = .all, limit: Int = 10, lang: String? = nil, snippets: Bool = true) {
        self.mode = mode
        self.limit = limit
        self.lang = lang
        self.snippets = snippets
    }

    /// SQL conditions on `d` (documents) and their arguments.
    var filters: (sql: String, arguments: [DatabaseValueConvertible?]) {
        var sql = "", args: [DatabaseValueConvertible?] = []
        if let lang { sql += " AND d.lang = ?"; args.append(lang) }
        if !sources.isEmpty {
            sql += " AND d.source COLLATE NOCASE IN (" + sources.map { _ in "?" }.joined(separator: ",") + ")"
            args += sources.map { $0.precomposedStringWithCanonicalMapping }
        }
        if let since { sql += " AND d.date >= ?"; args.append(since) }
        if let until {
            // "2025-05" means up to the end of May: pad the missing parts high.
            sql += " AND d.date <= ?"
            args.append(until.count == 4 ? until + "-99-99" : until.count == 7 ? until + "-99" : until)
        }
        if let pathGlob { sql += " AND d.path GLOB ?"; args.append(pathGlob) }
        return (sql, args)
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

    /// See `SearchOptions.maxCandidates`. Scripts/bench, all-words queries of 1–3 words: at
    /// 5,000, p50 16 ms and p95 56 ms on 931,323 passages; at 2,000, p50 7.9 ms and p95 33 ms
    /// on 1,047,811. The evaluation sets give the same figures at 2,000 as with no cap.
    public static let defaultMaxCandidates = 2_000

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        let compiled = try QueryBuilder.compile(query, mode: options.mode, analyzer: analyzer)
        let terms = compiled.terms
        do {
            return try database.pool.read { db in
                // 1. Candidates by BM25 (FTS5 rank: title 3×, body 1×, asides 0.3×), filtered,
                //    at most maxCandidates of them scored.
                let counts = try PhraseCounts(db, exactUpTo: options.maxCandidates > 0 ? options.maxCandidates : Int(Int32.max))
                var ranked = try Self.cappedCandidates(db, compiled, counts: counts, options: options,
                                                       limit: options.mode == .any ? max(options.limit, Self.anyCandidates) : options.limit)
                // 2. --any: a passage that matches more of the query's words beats one that
                //    matches few words many times: score × √(words matched / words).
                //    Scripts/eval-all, MRR@10 (power 0 / 0.5 / 1 / 3): ko-titles .934/.935/.933/.927,
                //    ko-questions .970/.982/.985/.983, en-headlines .889/.894/.890/.890.
                //    Only the best 100 are re-scored (the figures do not move between 50 and 300);
                //    any further passages follow in BM25 order.
                if options.mode == .any && options.sort == .relevance && terms.count > 1 && ranked.count > 1 {
                    let head = ranked.prefix(Self.anyCandidates)
                    let covered = try Self.wordsMatched(db, terms: terms, rowIDs: head.map(\.rowID))
                    let n = Double(terms.count)
                    var rescored = Array(head)
                    for i in rescored.indices {
                        rescored[i].coverage = (Double(covered[rescored[i].rowID, default: 0]) / n).squareRoot()
                        rescored[i].score *= rescored[i].coverage
                    }
                    rescored.sort { $0.score > $1.score }
                    let floor = rescored.last?.score ?? 0
                    ranked = rescored + ranked.dropFirst(head.count).map { var c = $0; c.score = min(c.score, floor); return c }
                }
                // 3. At most N passages per document, then the limit.
                if options.perDocument > 0 {
                    var seen: [Int64: Int] = [:]
                    ranked = ranked.filter { c in
                        seen[c.documentID, default: 0] += 1
                        return seen[c.documentID]! <= options.perDocument
                    }
                }
                ranked = Array(ranked.prefix(options.limit))
                var hits = try Self.hits(db, ranked: ranked.map { ($0.rowID, $0.score) },
                                         highlighter: options.snippets ? Highlighter(query: terms) : nil)
                if options.explain {
                    for i in hits.indices {
                        hits[i].explanation = try Self.explain(db, candidate: ranked[i], kind: hits[i].kind, counts: counts)
                    }
                }
                return hits
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "searching \(quoted(query)) in \(database.path)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }

    /// How many hits the query has (documents with the default one passage per document;
    /// passages, at most N per document, otherwise), whatever the limit.
    public func count(_ query: String, options: SearchOptions = SearchOptions()) throws -> Int {
        let (expression, _) = try QueryBuilder.expression(for: query, mode: options.mode, analyzer: analyzer)
        let filters = options.filters
        let inner = """
            SELECT p.document_id AS doc, COUNT(*) AS n FROM passage_fts
            JOIN passages p ON p.id = passage_fts.rowid JOIN documents d ON d.id = p.document_id
            WHERE passage_fts MATCH ?\(filters.sql) GROUP BY p.document_id
            """
        let sql = options.perDocument > 0 ? "SELECT COALESCE(SUM(MIN(n, \(options.perDocument))), 0) FROM (\(inner))"
                                          : "SELECT COALESCE(SUM(n), 0) FROM (\(inner))"
        do {
            return try database.pool.read { db in
                let arguments: [DatabaseValueConvertible?] = [expression] + filters.arguments
                return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "counting \(quoted(query)) in \(database.path)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }

    struct Candidate {
        var rowID: Int64
        var documentID: Int64
        var score: Double
        var coverage = 1.0
        /// The MATCH expression that scored it (--any past the cap: the rare words' one).
        var expression = ""
    }

    /// Candidates under the cap on scored matches (`SearchOptions.maxCandidates`):
    /// 1. a query with at most `cap` matches is ranked whole (one unscored pass over at most
    ///    cap + 1 rowids tells);
    /// 2. --any: the rarest words whose matches add up to at most `cap` are ranked (a word in
    ///    more passages than that weighs little in BM25 anyway: its IDF is low); should they
    ///    fill fewer than the window, the newest matches of the whole query follow them;
    /// 3. otherwise, the newest `cap` matches (rowid ≥ a floor); should filters leave fewer
    ///    than half the window of them, 4×, 16× … as many, until enough or every match is in.
    /// Sorting by date needs every match and is never capped.
    static func cappedCandidates(_ db: Database, _ compiled: QueryBuilder.Compiled, counts: PhraseCounts,
                                 options: SearchOptions, limit: Int) throws -> [Candidate] {
        let cap = options.maxCandidates
        let window = Self.window(options, limit: limit)
        guard cap > 0, options.sort == .relevance,
              let floor = try Self.floor(db, compiled.expression, newest: cap) else {
            return try candidates(db, expression: compiled.expression, counts: counts, options: options, limit: limit)
        }
        var head: [Candidate] = []
        if options.mode == .any && compiled.bag.count > 1 {
            var total = 0.0
            var rare = Set<String>()
            for c in try compiled.bag.map({ ($0, try counts.count(QueryBuilder.quote($0))) }).sorted(by: { $0.1 < $1.1 }) where c.1 > 0 {
                guard total + c.1 <= Double(cap) else { break }
                total += c.1
                rare.insert(c.0)
            }
            if !rare.isEmpty {
                head = try candidates(db, expression: compiled.anyExpression(compiled.bag.filter(rare.contains)),
                                      counts: counts, options: options, limit: limit)
                // Enough passages with the rare words for the page: the common words' newest
                // matches are not needed.
                if head.count >= Self.window(options, limit: options.limit) { return head }
            }
        }
        var newest = cap, rowFloor: Int64? = floor
        while true {
            let found = try candidates(db, expression: compiled.expression, counts: counts, options: options, limit: limit,
                                       rowFloor: rowFloor)
            if found.count >= window / 2 || rowFloor == nil {
                guard !head.isEmpty else { return found }
                let seen = Set(head.map(\.rowID))
                let lowest = head.last?.score ?? 0
                return head + found.filter { !seen.contains($0.rowID) }.map { var c = $0; c.score = min(c.score, lowest); return c }
            }
            newest *= 4
            rowFloor = try Self.floor(db, compiled.expression, newest: newest)
        }
    }

    /// The smallest rowid among the `newest` highest-rowid matches, or nil when there are no
    /// more matches than that. Walks rowids only: no scoring.
    static func floor(_ db: Database, _ expression: String, newest: Int) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """, arguments: [expression, newest]).map { $0 + 1 }
    }

    static func window(_ options: SearchOptions, limit: Int) -> Int {
        options.perDocument > 0 ? limit * (options.perDocument + 2) + 50 : limit + 50
    }

    /// Matching passages, best first (or by date), filtered, scored. A window wider than the
    /// limit leaves room for the re-ranking steps and the per-document cut.
    static func candidates(_ db: Database, expression: String, counts: PhraseCounts, options: SearchOptions, limit: Int,
                           rowFloor: Int64? = nil) throws -> [Candidate] {
        let perDoc = options.perDocument
        let window = Self.window(options, limit: limit)
        let filters = options.filters
        let hits = try counts.argument(for: expression)
        let match = "passage_fts MATCH ?" + (rowFloor == nil ? "" : " AND rowid >= ?")
        let matchArguments: [DatabaseValueConvertible?] = [hits, expression] + (rowFloor.map { [$0] } ?? [])
        if filters.sql.isEmpty && options.sort == .relevance {
            // No filter: FTS5 alone ranks (a join per match costs more than the scoring, ~4 µs
            // against ~1.4 µs on a million passages); the passages' documents are looked up
            // for the best few hundred only, and the per-document cut made here. Should the cut
            // leave fewer than half the window, four times as many are fetched.
            var fetch = window
            while true {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT rowid, \(Self.rankFunction(asideFactor: Self.asideFactor)) AS rank FROM passage_fts
                    WHERE \(match) ORDER BY rank LIMIT ?
                    """, arguments: StatementArguments(matchArguments + [fetch]))
                let ids = rows.map { $0[0] as Int64 }
                var documentOf: [Int64: Int64] = [:]
                if !ids.isEmpty {
                    for row in try Row.fetchAll(db, sql: "SELECT id, document_id FROM passages WHERE id IN (\(ids.map(String.init).joined(separator: ",")))") {
                        documentOf[row[0]] = row[1]
                    }
                }
                var seen: [Int64: Int] = [:]
                var out: [Candidate] = []
                for row in rows {
                    guard let document = documentOf[row[0]] else { continue }
                    seen[document, default: 0] += 1
                    if perDoc > 0 && seen[document]! > perDoc + 2 { continue }
                    out.append(Candidate(rowID: row[0], documentID: document, score: -(row[1] as Double), expression: expression))
                    if out.count == window { break }
                }
                if out.count >= window / 2 || rows.count < fetch { return out }
                fetch *= 4
            }
        }
        let order: String
        switch options.sort {
        case .relevance: order = "rank"
        case .date: order = "date IS NULL, date, rank"
        case .dateDescending: order = "date IS NULL, date DESC, rank"
        }
        // Each match scored once (MATERIALIZED), then the best few passages of each document
        // (rn), so one long article cannot fill the window.
        let sql = """
            WITH m AS MATERIALIZED (
                SELECT rowid AS id, \(Self.rankFunction(asideFactor: Self.asideFactor)) AS rank FROM passage_fts
                WHERE \(match))
            SELECT id, rank, document_id FROM (
                SELECT m.id AS id, m.rank AS rank, p.document_id AS document_id, d.date AS date,
                       ROW_NUMBER() OVER (PARTITION BY p.document_id ORDER BY m.rank) AS rn
                FROM m JOIN passages p ON p.id = m.id JOIN documents d ON d.id = p.document_id
                WHERE 1\(filters.sql))
            \(perDoc > 0 ? "WHERE rn <= \(perDoc + 2)" : "")
            ORDER BY \(order) LIMIT ?
            """
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(matchArguments + filters.arguments + [window]))
        var out = rows.map { Candidate(rowID: $0[0], documentID: $0[2], score: -($0[1] as Double), expression: expression) }
        if options.sort == .relevance { out.sort { $0.score > $1.score } }
        return out
    }

    /// BM25 as the index's configured rank (title 3×, body 1×, captions/credits/footers 0.3×;
    /// Schema), with the phrase counts of PhraseCounts as its first argument (a placeholder).
    /// Captions, credits and footers are short, and BM25 normalizes by passage length, so a
    /// two-word credit can outscore a paragraph even through its 0.3-weighted column: their
    /// scores are multiplied by `asideFactor` once more.
    /// `parts`: `sosik_rank_parts`, the same sum's per-phrase parts (for --explain), with the
    /// same weights, so that the two cannot drift apart.
    static func rankFunction(asideFactor: Double, parts: Bool = false) -> String {
        "\(parts ? "sosik_rank_parts" : "sosik_rank")(passage_fts, ?, \(asideFactor), 3.0, 1.0, 0.3)"
    }

    /// Score factor of captions, credits and footers against body text.
    static let asideFactor = 0.3

    /// Each phrase's share of one passage's BM25, from `sosik_rank_parts`: the same function on
    /// the same row and expression as the ranking, so the parts add up to its score whatever
    /// the expression holds (prefixes, phrases, NEAR groups, `title:`). A phrase written more
    /// than once (`년` in both alternatives of `2014년`) is shown once, with its parts added.
    static func explain(_ db: Database, candidate: Candidate, kind: PassageKind,
                        counts: PhraseCounts) throws -> SearchHit.Explanation {
        let parts = try String.fetchOne(db, sql: """
            SELECT \(Self.rankFunction(asideFactor: 1, parts: true)) FROM passage_fts WHERE passage_fts MATCH ? AND rowid = ?
            """, arguments: [try counts.argument(for: candidate.expression), candidate.expression, candidate.rowID]) ?? ""
        var terms: [(term: String, score: Double)] = []
        for (phrase, part) in zip(PhraseCounts.phrases(in: candidate.expression), parts.split(separator: " ")) {
            guard let score = Double(part), score > 0 else { continue }
            let term = Self.displayed(phrase)
            if let i = terms.firstIndex(where: { $0.term == term }) { terms[i].score += score } else { terms.append((term, score)) }
        }
        terms.sort { $0.score > $1.score }
        return SearchHit.Explanation(terms: terms, kindFactor: kind == .body ? 1 : Self.asideFactor, coverage: candidate.coverage)
    }

    /// An FTS5 phrase as the user reads it: `"polic"*` → `polic*`, `"a ""b"""` → `a "b"`.
    static func displayed(_ phrase: String) -> String {
        var s = Substring(phrase)
        let prefix = s.hasSuffix("*")
        if prefix { s = s.dropLast() }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = s.dropFirst().dropLast() }
        return s.replacingOccurrences(of: "\"\"", with: "\"") + (prefix ? "*" : "")
    }

    /// For each passage, how many query words it matches (in title or text). The candidates are
    /// analyzed again in Swift: one pass over ~100 passages costs less than asking FTS5 once per
    /// word and passage (measured: 44 ms → 8 ms per query at 300 candidates).
    static func wordsMatched(_ db: Database, terms: [QueryTerm], rowIDs: [Int64]) throws -> [Int64: Int] {
        // term bytes → query words, found by an FNV-1a hash so that no token becomes a String.
        var owners: [UInt64: [(term: [UInt8], word: Int)]] = [:]
        for (i, term) in terms.enumerated() {
            for t in term.allTerms {
                let bytes = Array(t.utf8)
                owners[FNV1a.hash(bytes), default: []].append((bytes, i))
            }
        }
        let analyzer = Analyzer()
        let idList = rowIDs.map(String.init).joined(separator: ",")
        var count: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.id, d.title, sosik_text(p.text) FROM passages p JOIN documents d ON d.id = p.document_id
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
                        guard let candidates = owners[FNV1a.hash(token)] else { return true }
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
            SELECT p.id, d.doc_key, p.ordinal, d.title, d.lang, d.date, d.source, d.url, d.path, sosik_text(p.text), p.kind,
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
