import Foundation
import GRDB
import SosikText

/// Options of one search.
public struct SearchOptions: Sendable {
    public enum Sort: String, Sendable { case relevance, date, dateDescending = "-date" }

    public var mode: MatchMode = .all
    public var limit: Int = 10
    /// Only documents in this language (`ko`/`en`).
    public var lang: String? = nil
    /// Only documents from these sources (the whole name or its first words, case-insensitive:
    /// KBS finds KBS 뉴스); empty: all.
    public var sources: [String] = []
    /// ISO dates (or YYYY-MM / YYYY), inclusive; undated documents are left out when set.
    public var since: String? = nil
    public var until: String? = nil
    /// SQLite GLOB on the document's file path, e.g. `*/ko/*`; a relative one (`ko/*`) also
    /// matches the end of the path from any folder down.
    public var pathGlob: String? = nil
    /// Only documents written by this `sosik index` run or a later one (`runs.id`; `--new`,
    /// `--added-since`). Documents indexed before runs were recorded (schema 6) have none.
    public var sinceRun: Int64? = nil
    /// Passages shown per article (the best ones); 0 = every passage with a query word.
    public var perDocument = 1
    public var sort: Sort = .relevance
    /// Compute snippets and highlights (a second analysis of each returned passage); without,
    /// hits carry empty snippets and unmarked titles.
    public var snippets = true
    /// Attach the parts of each hit's score (SearchHit.Explanation).
    public var explain = false
    /// At most this many matching articles are scored (0: all of them): a common word in most
    /// of a million passages would otherwise take a second. Past the cap, the newest
    /// `maxCandidates` matches (highest rowids: the most recently indexed) are ranked, and with
    /// --any also every article with one of the query's rarer words (ArticleRanking).
    public var maxCandidates = Searcher.defaultMaxCandidates
    /// `--translate`: each query word also matches its translations (and the North Korean or
    /// South Korean spelling, which every query gets). nil: no translation.
    public var translator: Translator? = nil
    /// Near-duplicate articles (Signature containment ≥ `Searcher.duplicateThreshold`) shown
    /// as one hit, the best-ranked, with the others in `SearchHit.duplicates`.
    public var collapse = false
    /// Only these articles (row ids) are ranked: those gathered from a WholeCorpus for the query.
    var only: [Int64]? = nil

    public init(mode: MatchMode = .all, limit: Int = 10, lang: String? = nil, snippets: Bool = true) {
        self.mode = mode
        self.limit = limit
        self.lang = lang
        self.snippets = snippets
    }

    /// SQL conditions on `d` (documents) and their arguments.
    /// The last date `until` lets in, as dates compare (strings): "2025-05" means up to the
    /// end of May, its missing parts padded high.
    var untilBound: String? {
        until.map { $0.count == 4 ? $0 + "-99-99" : $0.count == 7 ? $0 + "-99" : $0 }
    }

    var filters: (sql: String, arguments: [DatabaseValueConvertible?]) {
        var sql = "", args: [DatabaseValueConvertible?] = []
        if let lang { sql += " AND d.lang = ?"; args.append(lang) }
        if !sources.isEmpty {
            // The whole name or its first words, case aside: KBS finds KBS and KBS 뉴스, not KBSN
            // or SBS (issue 25).
            sql += " AND (" + sources.map { _ in
                "(lower(d.source) = lower(?) OR substr(lower(d.source), 1, length(?) + 1) = lower(?) || ' ')"
            }.joined(separator: " OR ") + ")"
            for name in sources {
                let n = name.precomposedStringWithCanonicalMapping
                args += [n, n, n]
            }
        }
        if let since { sql += " AND d.date >= ?"; args.append(since) }
        if let until = untilBound {
            sql += " AND d.date <= ?"
            args.append(until)
        }
        if let pathGlob {
            // Paths are stored absolute; a relative pattern also matches from any folder down
            // (ko/* finds …/Corpus/ko/a.md), as the user sees the indexed folder (issue 25).
            if pathGlob.hasPrefix("/") || pathGlob.hasPrefix("*") {
                sql += " AND d.path GLOB ?"; args.append(pathGlob)
            } else {
                sql += " AND (d.path GLOB ? OR d.path GLOB ?)"; args += [pathGlob, "*/" + pathGlob]
            }
        }
        if let sinceRun { sql += " AND d.run_id >= ?"; args.append(sinceRun) }
        return (sql, args)
    }
}
