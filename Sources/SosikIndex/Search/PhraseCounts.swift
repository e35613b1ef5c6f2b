import Foundation
import GRDB

/// How many articles hold each phrase of a query: the n of BM25's IDF (ArticleRanking), counted
/// so that no phrase's whole doclist is walked on each query (as FTS5's bm25() would).
///
/// Up to `exactUpTo` the count is exact (one walk over at most that many rowids, newest first,
/// no scoring). Past it, it is estimated from where the (exactUpTo + 1)-th newest match lies:
/// n ≈ (exactUpTo + 1) × (rowids in the index) / (rowids from that match to the newest). The
/// estimate assumes the phrase is spread evenly over the index; a word that is suddenly frequent
/// in the newest articles is overestimated, i.e. weighs a little less. Either way it is a word
/// in thousands of articles, whose IDF is low and moves slowly with n.
///
/// ```swift
/// let counts = try PhraseCounts(db, exactUpTo: 5000)
/// let n = try counts.count(#""경찰""#)   // 812
/// ```
final class PhraseCounts {
    let exactUpTo: Int
    private let db: Database
    private let minID: Int64, maxID: Int64
    private var cache: [String: Double] = [:]
    /// When the index holds only the articles fetched for a search: the counts are the whole
    /// corpus's (always exact).
    private let corpus: WholeCorpus?

    init(_ db: Database, exactUpTo: Int, corpus: WholeCorpus? = nil) throws {
        self.db = db
        self.exactUpTo = exactUpTo
        self.corpus = corpus
        // Two subqueries: min() and max() together would scan the table; each alone reads one end.
        let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(id) FROM documents), (SELECT max(id) FROM documents)")
        minID = row?[0] ?? 0
        maxID = row?[1] ?? 0
    }

    /// Articles holding `phrase` (an FTS5 phrase as written in an expression, e.g. `"경찰"` or
    /// `"polic"*`), exact or estimated.
    func count(_ phrase: String) throws -> Double {
        if let n = cache[phrase] { return n }
        if let corpus {
            let (terms, prefix) = Self.terms(of: phrase)
            let n = try corpus.articles(holding: terms, prefix: prefix)
            cache[phrase] = n
            return n
        }
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*), MIN(rowid) FROM (
                SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
            """, arguments: [phrase, exactUpTo + 1])
        let seen: Int = row?[0] ?? 0
        var n = Double(seen)
        if seen > exactUpTo, let lowest: Int64 = row?[1] {
            let span = Double(maxID - minID + 1), covered = Double(maxID - lowest + 1)
            n = min(span, n * span / max(covered, 1))
        }
        cache[phrase] = n
        return n
    }

    /// The phrases of an expression sosik built (QueryBuilder): each double-quoted string, with
    /// a following `*`, in the order FTS5 numbers them (as written, left to right). The tests
    /// check QueryBuilder's own numbering (ArticlePlan.phrases) against it.
    static func phrases(in expression: String) -> [String] {
        var out: [String] = []
        let chars = Array(expression.unicodeScalars)
        var i = 0
        while i < chars.count {
            guard chars[i] == "\"" else { i += 1; continue }
            var j = i + 1
            while j < chars.count {
                if chars[j] == "\"" {
                    if j + 1 < chars.count && chars[j + 1] == "\"" { j += 2; continue }   // "" inside
                    break
                }
                j += 1
            }
            var end = min(j + 1, chars.count)
            if end < chars.count && chars[end] == "*" { end += 1 }
            var phrase = String.UnicodeScalarView()
            phrase.append(contentsOf: chars[i..<end])
            out.append(String(phrase))
            i = end
        }
        return out
    }

    /// A phrase as written in an expression (`"김정 정은"`, `"polic"*`): its index terms, and
    /// whether the last one is a prefix.
    static func terms(of phrase: String) -> (terms: [String], prefix: Bool) {
        var p = Substring(phrase)
        let prefix = p.hasSuffix("*")
        if prefix { p = p.dropLast() }
        if p.hasPrefix("\"") && p.hasSuffix("\"") && p.count >= 2 { p = p.dropFirst().dropLast() }
        let text = p.replacingOccurrences(of: "\"\"", with: "\"")
        return (text.split(separator: " ").map(String.init), prefix)
    }
}
