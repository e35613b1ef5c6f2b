import Foundation
import GRDB

/// A query as evaluated per article (issue 12): an article matches when the boolean combination
/// of its leaves holds over the article as a whole. A leaf is an FTS5 expression that one
/// passage must match: one query word (its terms; Korean bigrams of one word stay in one
/// passage), a phrase or Korean NEAR group (never across two passages), or a `title:` item.
///
/// `a b` finds the articles where some passage has `a` and some passage (the same or another)
/// has `b`; `-c` drops the articles that have `c` in any passage.
struct ArticlePlan: Sendable {
    indirect enum Node: Sendable {
        case leaf(Int)
        case and([Node], not: [Node])
        case or([Node])
    }

    struct Leaf: Sendable {
        /// FTS5 MATCH expression for one passage.
        var expression: String
        /// False inside an exclusion: such leaves only remove articles and are never scored.
        var positive: Bool
        /// The query words (indices into `QueryBuilder.Compiled.terms`) this leaf stands for.
        var words: [Int]
        /// As the user wrote it, for explanations.
        var label: String
    }

    var root: Node
    var leaves: [Leaf]
}

/// The matches of one leaf, document by document, newest (highest rowid) first.
///
/// A passage's rowid is `document << 16 | ordinal` (Schema v5), so the rows of one FTS5 query
/// ordered by rowid descending come grouped by document without any join. With `evidence` the
/// rows carry `sosik_tf` (each phrase's frequency and the passage's length, from which the
/// searcher computes BM25 for the passage and for the article); without, they are only walked
/// (exclusions, counting).
///
/// `seek(d)` moves to the newest document ≤ d: it steps a few rows, and past that asks FTS5
/// again with `rowid <= …` (FTS5 seeks its doclists), so that an intersection with a rare
/// word does not walk every row of a common one.
final class LeafCursor: DocumentStream {
    let leaf: Int
    let positive: Bool
    private let statement: Statement
    private let fixed: [DatabaseValueConvertible?]
    private let scored: Bool
    private var cursor: RowCursor?
    private var ahead: LeafRow?
    /// Rows to read at most (then the cursor ends early, `truncated`); nil: no limit.
    private let budget: Int?
    private(set) var doc: Int64 = .max
    private(set) var rows: [LeafRow] = []
    /// Rows read so far.
    private(set) var read = 0
    /// Stopped by its budget: documents below the last one seen were not looked at.
    private(set) var truncated = false

    /// Steps taken before asking FTS5 to seek instead.
    static let stepsBeforeSeek = 8

    init(_ db: Database, leaf: Int, expression: String, positive: Bool, evidence: Bool, budget: Int? = nil) throws {
        self.leaf = leaf
        self.positive = positive
        self.scored = evidence
        self.budget = budget
        if evidence {
            statement = try db.makeStatement(sql: """
                SELECT rowid, \(LeafRow.function) FROM passage_fts
                WHERE passage_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC
                """)
            fixed = [expression]
        } else {
            statement = try db.makeStatement(sql: """
                SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC
                """)
            fixed = [expression]
        }
    }

    private static func bound(_ document: Int64) -> Int64 {
        document >= Int64.max >> 16 ? .max : document << 16 | 0xFFFF
    }

    private func open(below document: Int64) throws {
        cursor = try Row.fetchCursor(statement, arguments: StatementArguments(fixed + [Self.bound(document)]))
        ahead = try fetch()
    }

    private func fetch() throws -> LeafRow? {
        if let budget, read >= budget {
            truncated = true
            return nil
        }
        guard let row = try cursor?.next() else { return nil }
        read += 1
        return scored ? LeafRow(row) : LeafRow(row: row[0])
    }

    func seek(_ target: Int64) throws {
        if cursor == nil { try open(below: target) } else if doc <= target { return }
        var steps = 0
        while let a = ahead, Schema.document(ofPassage: a.row) > target {
            steps += 1
            if steps > Self.stepsBeforeSeek {
                if let budget, read >= budget { ahead = nil; truncated = true; break }
                try open(below: target)
                steps = 0
                continue
            }
            ahead = try fetch()
        }
        guard let first = ahead else {
            doc = -1
            rows = []
            return
        }
        doc = Schema.document(ofPassage: first.row)
        rows = [first]
        ahead = try fetch()
        while let a = ahead, Schema.document(ofPassage: a.row) == doc {
            rows.append(a)
            ahead = try fetch()
        }
    }

    func collect(into out: inout [LeafRows]) {
        if positive && !rows.isEmpty { out.append(LeafRows(leaf: leaf, rows: rows)) }
    }
}

/// One positive leaf's matching passages in one article.
struct LeafRows {
    var leaf: Int
    var rows: [LeafRow]
}

/// One matching passage of a leaf: what `sosik_tf` tells of it (Sources/CSosikSQL).
struct LeafRow {
    /// `sosik_tf` with the column weights of the ranking: title 3×, body 1×, asides 0.3×.
    static let function = "sosik_tf(passage_fts, 3.0, 1.0, 0.3)"

    var row: Int64
    /// Passages in the index and their average length (the same for every row of a query).
    var rows = 0.0, averageLength = 1.0
    /// This passage's length in tokens (all columns).
    var length = 0.0
    /// A caption, credit or footer.
    var aside = false
    /// Each phrase's column-weighted frequency, in the leaf expression's order.
    var frequencies: [Double] = []
    /// The passage's BM25 for this leaf (set by the ranking).
    var score = 0.0

    init(row: Int64) {
        self.row = row
    }

    init(_ r: Row) {
        row = r[0]
        if let blob = r[1] as Data? {
            blob.withUnsafeBytes { raw in
                let n = raw.count / MemoryLayout<Double>.size
                guard n >= 4 else { return }
                let d = (0..<n).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<Double>.size, as: Double.self) }
                rows = d[0]
                averageLength = d[1] > 0 ? d[1] : 1
                length = d[2]
                aside = d[3] != 0
                frequencies = Array(d[4...])
            }
        }
    }
}

/// Documents in descending order; `doc` is the current one, -1 when there are no more; the
/// first `seek` (usually to `.max`) starts the stream.
protocol DocumentStream: AnyObject {
    var doc: Int64 { get }
    /// Moves to the newest matching document ≤ target (nothing if already there).
    func seek(_ target: Int64) throws
    /// The positive leaves' rows of the current document.
    func collect(into out: inout [LeafRows])
}

/// Documents that every child matches and no exclusion does.
final class AndStream: DocumentStream {
    let children: [DocumentStream]
    let excluded: [DocumentStream]
    private(set) var doc: Int64 = .max

    init(_ children: [DocumentStream], excluded: [DocumentStream]) {
        self.children = children
        self.excluded = excluded
    }

    private var started = false

    func seek(_ target: Int64) throws {
        guard doc > target || !started else { return }
        started = true
        var t = target
        while true {
            for c in children { try c.seek(t) }
            let low = children.map(\.doc).min() ?? -1
            if low < 0 { doc = -1; return }
            if children.allSatisfy({ $0.doc == low }) {
                var out = false
                for e in excluded {
                    try e.seek(low)
                    if e.doc == low { out = true; break }
                }
                if !out { doc = low; return }
                t = low - 1
            } else {
                t = low
            }
        }
    }

    func collect(into out: inout [LeafRows]) {
        for c in children { c.collect(into: &out) }
    }
}

/// Documents that any child matches.
final class OrStream: DocumentStream {
    let children: [DocumentStream]
    private(set) var doc: Int64 = .max

    init(_ children: [DocumentStream]) {
        self.children = children
    }

    private var started = false

    func seek(_ target: Int64) throws {
        guard doc > target || !started else { return }
        started = true
        for c in children { try c.seek(target) }
        doc = children.map(\.doc).max() ?? -1
    }

    func collect(into out: inout [LeafRows]) {
        for c in children where c.doc == doc { c.collect(into: &out) }
    }
}
