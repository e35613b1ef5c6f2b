import Foundation
import GRDB
import SosikText

/// One search, article by article (issue 12): which articles match, how they rank, and which
/// passages answer them.
///
/// 1. **Matching** walks each leaf of the query (`ArticlePlan`) through FTS5, newest passages
///    first, and combines them per article (`DocumentStream`): every word somewhere in the
///    article, exclusions anywhere in it, phrases inside one passage.
/// 2. **Scoring**: each positive leaf's rows carry their passage's BM25 (`sosik_rank`). An
///    article scores Σ over leaves of the leaf's best passage score (each query word counted
///    once, where it is strongest: the article's evidence) plus `passageWeight` × the best
///    passage's score (words found together), × `(words the article holds / query words)^0.5`
///    (only `--any` can lack words).
/// 3. **Answer**: the passage covering the most query words, then scoring best; the words it
///    lacks are shown from the best other passages that hold them (`fragments`).
///
/// Large indexes: with the default relevance order, at most `maxCandidates` articles are
/// matched and scored, the newest ones (see `SearchOptions.maxCandidates`).
struct ArticleRanking {
    let db: Database
    let compiled: QueryBuilder.Compiled
    let options: SearchOptions
    private var plan: ArticlePlan { compiled.plan }

    /// The best passage's share beside the per-word evidence (see the type's comment).
    let passageWeight: Double
    /// Power of the share of query words the article holds (`--any`).
    let coveragePower: Double

    /// Passages holding each phrase, for BM25's IDF (bounded walks, cached for the query).
    let counts: PhraseCounts

    init(_ db: Database, compiled: QueryBuilder.Compiled, options: SearchOptions) throws {
        self.db = db
        self.compiled = compiled
        self.options = options
        self.counts = try PhraseCounts(db, exactUpTo: options.maxCandidates > 0 ? options.maxCandidates : Int(Int32.max))
        if let tuning = ProcessInfo.processInfo.environment["SOSIK_ARTICLE_RANK"] {
            let v = tuning.split(separator: " ").compactMap { Double($0) }
            passageWeight = v.count == 2 ? v[0] : 0.5
            coveragePower = v.count == 2 ? v[1] : 0.5
        } else {
            passageWeight = 0.5
            coveragePower = 0.5
        }
    }

    struct Passage {
        var row: Int64
        var score = 0.0
        var words: Set<Int> = []
    }

    struct Article {
        var doc: Int64
        var leafRows: [LeafRows]
        var date: String? = nil
        var score = 0.0
        /// Best first: most query words, then score.
        var passages: [Passage] = []
        var leafBest: [(leaf: Int, score: Double)] = []
        var coverage = 1.0
    }

    // MARK: matching

    /// The plan's streams over FTS5 (scored: positive leaves carry BM25).
    private func streams(scored: Bool, budgets: [Int: Int] = [:]) throws -> (DocumentStream, [LeafCursor]) {
        var cursors: [LeafCursor] = []
        func build(_ node: ArticlePlan.Node) throws -> DocumentStream {
            switch node {
            case .leaf(let i):
                let leaf = plan.leaves[i]
                let hits = leaf.positive && scored ? try counts.argument(for: leaf.expression) : nil
                let c = try LeafCursor(db, leaf: i, expression: leaf.expression, positive: leaf.positive,
                                       hits: hits, budget: budgets[i])
                cursors.append(c)
                return c
            case .and(let items, let not):
                return AndStream(try items.map(build), excluded: try not.map(build))
            case .or(let items):
                return OrStream(try items.map(build))
            }
        }
        return (try build(plan.root), cursors)
    }

    /// --any on a large index: the rarest leaves whose matches add up to at most the cap are
    /// walked whole; the others share the cap, newest rows first (a word in more passages than
    /// that weighs little in BM25; the articles found without it are completed later).
    private func anyBudgets() throws -> [Int: Int] {
        let cap = options.maxCandidates
        guard options.mode == .any, cap > 0, options.sort == .relevance else { return [:] }
        var sized: [(leaf: Int, n: Double)] = []
        for (i, leaf) in plan.leaves.enumerated() where leaf.positive {
            sized.append((i, try counts.count(leaf.expression)))
        }
        sized.sort { $0.n < $1.n }
        var total = 0.0
        var common: [Int] = []
        for s in sized {
            if total + s.n <= Double(cap) { total += s.n } else { common.append(s.leaf) }
        }
        guard !common.isEmpty else { return [:] }
        let share = max(cap / common.count, 200)
        return Dictionary(uniqueKeysWithValues: common.map { ($0, share) })
    }

    /// Matching articles, newest first, filtered; at most `limit` of them (nil: all).
    private func walk(_ root: DocumentStream, limit: Int?, needDates: Bool) throws -> [Article] {
        var found: [Article] = []
        var batch: [Article] = []
        let filters = options.filters
        func flush() throws {
            guard !batch.isEmpty else { return }
            if filters.sql.isEmpty && !needDates {
                found += batch
            } else {
                let ids = batch.map { String($0.doc) }.joined(separator: ",")
                var dates: [Int64: String?] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT d.id, d.date FROM documents d WHERE d.id IN (\(ids))\(filters.sql)",
                                            arguments: StatementArguments(filters.arguments)) {
                    dates[row[0]] = row[1] as String?
                }
                for var a in batch {
                    guard let date = dates[a.doc] else { continue }
                    a.date = date
                    found.append(a)
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        try root.seek(.max)
        while root.doc >= 0 {
            var a = Article(doc: root.doc, leafRows: [])
            root.collect(into: &a.leafRows)
            batch.append(a)
            if batch.count >= 256 {
                try flush()
                if let limit, found.count >= limit { break }
            }
            try root.seek(root.doc - 1)
        }
        try flush()
        if let limit, found.count > limit { found.removeSubrange(limit...) }
        return found
    }

    // MARK: scoring

    private func score(_ a: inout Article) {
        var byRow: [Int64: Passage] = [:]
        var best: [Int: Double] = [:]
        for lr in a.leafRows {
            let words = plan.leaves[lr.leaf].words
            for (row, s) in lr.rows {
                byRow[row, default: Passage(row: row)].score += s
                byRow[row]!.words.formUnion(words)
                best[lr.leaf] = max(best[lr.leaf] ?? 0, s)
            }
        }
        a.passages = byRow.values.sorted {
            $0.words.count != $1.words.count ? $0.words.count > $1.words.count
                : $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row
        }
        a.leafBest = best.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let n = compiled.terms.count
        var covered = Set<Int>()
        for p in byRow.values { covered.formUnion(p.words) }
        a.coverage = n > 0 && covered.count < n ? pow(Double(covered.count) / Double(n), coveragePower) : 1
        let evidence = best.values.reduce(0, +)
        a.score = (evidence + passageWeight * (a.passages.first?.score ?? 0)) * a.coverage
    }

    /// Adds the rows of leaves whose walk stopped early (`anyBudgets`) to an article.
    private func complete(_ a: inout Article, truncated: [LeafCursor]) throws {
        let have = Set(a.leafRows.map(\.leaf))
        for c in truncated where !have.contains(c.leaf) {
            let leaf = plan.leaves[c.leaf]
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, \(Searcher.rankFunction(asideFactor: Searcher.asideFactor)) FROM passage_fts
                WHERE passage_fts MATCH ? AND rowid BETWEEN ? AND ?
                """, arguments: [try counts.argument(for: leaf.expression), leaf.expression,
                                 Schema.passageID(document: a.doc, ordinal: 0),
                                 Schema.passageID(document: a.doc, ordinal: Int(Schema.passagesPerDocument - 1))])
            if !rows.isEmpty {
                a.leafRows.append(LeafRows(leaf: c.leaf, rows: rows.map { ($0[0], -($0[1] as Double)) }))
            }
        }
    }

    /// Articles re-scored after completion: the best `anyCompleted`, which the figures of
    /// Scripts/eval-all did not tell apart from 50 to 300 in the passage ranking before.
    static let anyCompleted = 100

    /// The matching articles in result order, at most `options.limit` of them.
    func ranked() throws -> [Article] {
        let budgets = try anyBudgets()
        let (root, cursors) = try streams(scored: true, budgets: budgets)
        let capped = options.maxCandidates > 0 && options.sort == .relevance && options.mode == .all
        var articles = try walk(root, limit: capped ? options.maxCandidates : nil, needDates: options.sort != .relevance)
        for i in articles.indices { score(&articles[i]) }
        let order: (Article, Article) -> Bool = { $0.score != $1.score ? $0.score > $1.score : $0.doc > $1.doc }
        switch options.sort {
        case .relevance:
            articles.sort(by: order)
            let truncated = cursors.filter(\.truncated)
            if !truncated.isEmpty {
                let k = min(articles.count, max(Self.anyCompleted, options.limit))
                for i in 0..<k {
                    try complete(&articles[i], truncated: truncated)
                    score(&articles[i])
                }
                articles[..<k].sort(by: order)
                let floor = articles[..<k].last?.score ?? 0
                for i in k..<articles.count { articles[i].score = min(articles[i].score, floor) }
            }
        case .date:
            articles.sort { ($0.date ?? "\u{10FFFF}", -$0.score, -$0.doc) < ($1.date ?? "\u{10FFFF}", -$1.score, -$1.doc) }
        case .dateDescending:
            articles.sort { a, b in
                if (a.date == nil) != (b.date == nil) { return b.date == nil }
                if a.date != b.date { return a.date! > b.date! }
                return order(a, b)
            }
        }
        // Enough articles for the limit (each shows at least one passage).
        if articles.count > options.limit { articles.removeSubrange(options.limit...) }
        return articles
    }

    /// Articles (or, with `--per-doc N`, passages: at most N of each article) that match.
    func count() throws -> Int {
        let (root, _) = try streams(scored: false)
        let articles = try walk(root, limit: nil, needDates: false)
        guard options.perDocument != 1 else { return articles.count }
        return articles.reduce(0) { total, a in
            let passages = Set(a.leafRows.flatMap { $0.rows.map(\.row) }).count
            return total + (options.perDocument > 0 ? min(options.perDocument, passages) : passages)
        }
    }

    // MARK: hits

    /// Hits for ranked articles: each article's passages to show (its best one, or N best),
    /// and fragments of other passages for the query words those lack.
    func hits(for articles: [Article]) throws -> [SearchHit] {
        var shown: [(article: Int, passage: Passage, fragments: [Passage])] = []
        for (i, a) in articles.enumerated() {
            let n = options.perDocument > 0 ? options.perDocument : a.passages.count
            let chosen = Array(a.passages.prefix(n))
            var have = Set<Int>()
            for p in chosen { have.formUnion(p.words) }
            // The best other passage for each missing word, one fragment per passage.
            var fragments: [Passage] = []
            for p in a.passages.dropFirst(chosen.count).sorted(by: { $0.score > $1.score }) {
                let adds = p.words.subtracting(have)
                guard !adds.isEmpty else { continue }
                fragments.append(p)
                have.formUnion(adds)
            }
            for (j, p) in chosen.enumerated() {
                shown.append((i, p, j == 0 ? fragments : []))
                if shown.count == options.limit { break }
            }
            if shown.count == options.limit { break }
        }
        let ids = Set(shown.flatMap { [$0.passage.row] + $0.fragments.map(\.row) })
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, d.doc_key, p.ordinal, d.title, d.lang, d.date, d.source, d.url, d.path, sosik_text(p.text), p.kind,
                   \(Searcher.pairSQL)
            FROM passages p JOIN documents d ON d.id = p.document_id
            WHERE p.id IN (\(ids.map(String.init).joined(separator: ",")))
            """)
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row[0]] = row }
        let highlighter = options.snippets ? Highlighter(query: compiled.terms) : nil
        return shown.compactMap { entry in
            guard let row = byID[entry.passage.row] else { return nil }
            let a = articles[entry.article]
            let lang: String = row[4], text: String = row[9], title: String = row[3]
            // A Korean character carries about two English letters' worth: shorter snippets.
            let length = lang == "ko" ? 100 : 200
            var hit = SearchHit(docID: row[1], ordinal: row[2], score: a.score, passageScore: entry.passage.score,
                                title: highlighter?.highlight(title) ?? HighlightedText(text: title, ranges: []),
                                lang: lang, date: row[5], source: row[6], url: row[7], path: row[8],
                                snippet: highlighter?.snippet(text, maxLength: length) ?? HighlightedText(text: "", ranges: []),
                                text: text, kind: PassageKind(rawValue: row[10]) ?? .body, pairID: row[11])
            hit.fragments = entry.fragments.compactMap { f in
                guard let r = byID[f.row] else { return nil }
                return SearchHit.Fragment(docID: r[1], ordinal: r[2],
                                          snippet: highlighter?.snippet(r[9], maxLength: length / 2)
                                              ?? HighlightedText(text: "", ranges: []))
            }
            if options.explain {
                let evidence = a.leafBest.map { (term: plan.leaves[$0.leaf].label, score: $0.score) }
                hit.explanation = SearchHit.Explanation(
                    terms: evidence.sorted { $0.score > $1.score },
                    passage: passageWeight * (a.passages.first?.score ?? 0),
                    coverage: a.coverage)
            }
            return hit
        }
    }
}
