import GRDB

/// How many articles hold each phrase of a MATCH expression: the n of BM25's IDF, handed to
/// `sosik_rank` (Sources/CSosikSQL) so that FTS5 does not walk every phrase's whole doclist
/// for it on each query.
///
/// Up to `exactUpTo` the count is exact (one walk over at most that many rowids, newest first,
/// no scoring). Past it, it is estimated from where the (exactUpTo + 1)-th newest match lies:
/// n ≈ (exactUpTo + 1) × (rowids in the index) / (rowids from that match to the newest). The
/// estimate assumes the phrase is spread evenly over the index; a word that is suddenly frequent
/// in the newest articles is overestimated, i.e. weighs a little less. Either way it is a word
/// in thousands of passages, whose IDF is low and moves slowly with n.
///
/// ```swift
/// let counts = try PhraseCounts(db, exactUpTo: 5000)
/// let hits = try counts.argument(for: #"("경찰" AND "순찰")"#)   // "812 4031"
/// ```
final class PhraseCounts {
    let exactUpTo: Int
    private let db: Database
    private let minID: Int64, maxID: Int64
    private var cache: [String: Double] = [:]

    init(_ db: Database, exactUpTo: Int) throws {
        self.db = db
        self.exactUpTo = exactUpTo
        // Two subqueries: min() and max() together would scan the table; each alone reads one end.
        let row = try Row.fetchOne(db, sql: "SELECT (SELECT min(id) FROM documents), (SELECT max(id) FROM documents)")
        minID = row?[0] ?? 0
        maxID = row?[1] ?? 0
    }

    /// Articles holding `phrase` (an FTS5 phrase as written in an expression, e.g. `"경찰"` or
    /// `"polic"*`), exact or estimated.
    func count(_ phrase: String) throws -> Double {
        if let n = cache[phrase] { return n }
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

    /// The last argument of `sosik_rank`: the count of every phrase of `expression`, in order.
    func argument(for expression: String) throws -> String {
        try Self.phrases(in: expression).map { phrase in
            let n = try count(phrase)
            return n == n.rounded() ? String(Int(n)) : String(n)
        }.joined(separator: " ")
    }

    /// The phrases of an expression sosik built (QueryBuilder): each double-quoted string, with
    /// a following `*`, in the order FTS5 numbers them (as written, left to right).
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
}
