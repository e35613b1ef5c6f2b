import Foundation
import GRDB
import SosikText

/// One search, article by article (issue 12): which articles match, how they rank, and which
/// passages answer them.
///
/// 1. **Matching** walks each leaf of the query (`ArticlePlan`) through FTS5, newest passages
///    first, and combines them per article (`DocumentStream`): every word somewhere in the
///    article, exclusions anywhere in it, phrases inside one passage.
/// 2. **Scoring**: each positive leaf's rows carry `sosik_tf` (phrase frequencies, passage
///    length), from which BM25 is computed here for each passage (exactly `sosik_rank`: title
///    3×, body 1×, asides 0.3× and × 0.3 again) and for the whole article (the frequencies
///    summed over its passages, its length in bytes against the average). An article scores
///
///        0.5 × article BM25 + 0.5 × Σ each item's best passage score
///          [× (share of query words the article holds), `--any` and OR only]
///          + λ × best passage score × share of query words in that passage,
///
///    λ = 2 × (n − 3) / n for n query words (0 up to three words). The weights and the
///    three-word threshold were measured with Scripts/eval-all (README, "Ranking articles").
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

    static let articleWeight = 0.5, bestPassagesWeight = 0.5
    /// BM25's length normalization for whole articles.
    static let articleB = 0.75
    /// The best passage's bonus (words found together), for queries of more than
    /// `keywordQuery` words: two or three keywords are usually remembered from anywhere in an
    /// article; a longer query (a question, a headline) is a sentence whose words sit together.
    static let passageWeight = 2.0, keywordQuery = 3.0

    /// Passages holding each phrase, for BM25's IDF (bounded walks, cached for the query).
    let counts: PhraseCounts
    /// Each leaf's phrases, in the order FTS5 numbers them in its expression.
    let phrases: [[String]]
    /// Average article body in bytes (`sosik_meta`, refreshed by every `sosik index` run).
    let averageBytes: Double

    init(_ db: Database, compiled: QueryBuilder.Compiled, options: SearchOptions) throws {
        self.db = db
        self.compiled = compiled
        self.options = options
        self.counts = try PhraseCounts(db, exactUpTo: options.maxCandidates > 0 ? options.maxCandidates : Int(Int32.max))
        let stored = try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = 'average_bytes'").flatMap(Double.init)
        self.averageBytes = max(1, try stored ?? Double.fetchOne(db, sql: "SELECT avg(bytes) FROM documents") ?? 1)
        self.phrases = compiled.plan.leaves.map { PhraseCounts.phrases(in: $0.expression) }
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
        var length = 1.0
        var score = 0.0
        /// Best first: most query words, then score.
        var passages: [Passage] = []
        var leafBest: [(leaf: Int, score: Double)] = []
        /// The parts of `score`: (articleScore + bestPassages) × coverage + passageBonus.
        var articleScore = 0.0, bestPassages = 0.0, passageBonus = 0.0
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
                let c = try LeafCursor(db, leaf: i, expression: leaf.expression, positive: leaf.positive,
                                       evidence: leaf.positive && scored, budget: budgets[i])
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

    /// Matching articles, newest first, filtered; at most `limit` of them (nil: all). With
    /// `details`, each carries its date and length (one lookup per 256 articles).
    private func walk(_ root: DocumentStream, limit: Int?, details: Bool) throws -> [Article] {
        var found: [Article] = []
        var batch: [Article] = []
        let filters = options.filters
        func flush() throws {
            guard !batch.isEmpty else { return }
            defer { batch.removeAll(keepingCapacity: true) }
            guard details || !filters.sql.isEmpty else {
                found += batch
                return
            }
            let ids = batch.map { String($0.doc) }.joined(separator: ",")
            var known: [Int64: (date: String?, bytes: Double)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT d.id, d.date, d.bytes FROM documents d WHERE d.id IN (\(ids))\(filters.sql)",
                                        arguments: StatementArguments(filters.arguments)) {
                known[row[0]] = (row[1], row[2])
            }
            for var a in batch {
                guard let k = known[a.doc] else { continue }
                a.date = k.date
                a.length = k.bytes / averageBytes
                found.append(a)
            }
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

    static let k1 = 1.2, b = 0.75

    static func idf(_ n: Double, rows: Double) -> Double {
        // As FTS5's bm25(): a phrase in half the rows or more still counts a little.
        let v = log((rows - n + 0.5) / (n + 0.5))
        return v > 0 ? v : 1e-6
    }

    private func score(_ a: inout Article) throws {
        var byRow: [Int64: Passage] = [:]
        var best: [Int: Double] = [:]
        // Article-level frequencies: each phrase counted once per passage.
        var seen = Set<String>()
        var frequency: [String: Double] = [:]
        var idfOf: [String: Double] = [:]
        for j in a.leafRows.indices {
            let leaf = a.leafRows[j].leaf
            let words = plan.leaves[leaf].words
            var top = 0.0
            for k in a.leafRows[j].rows.indices {
                let r = a.leafRows[j].rows[k]
                let norm = Self.k1 * (1 - Self.b + Self.b * r.length / r.averageLength)
                var s = 0.0
                for (i, f) in r.frequencies.enumerated() where i < phrases[leaf].count && f > 0 {
                    let phrase = phrases[leaf][i]
                    let idf: Double
                    if let known = idfOf[phrase] { idf = known } else {
                        idf = Self.idf(try counts.count(phrase), rows: r.rows)
                        idfOf[phrase] = idf
                    }
                    s += idf * f * (Self.k1 + 1) / (f + norm)
                    if seen.insert("\(r.row)\u{1}\(phrase)").inserted { frequency[phrase, default: 0] += f }
                }
                if r.aside { s *= Searcher.asideFactor }
                a.leafRows[j].rows[k].score = s
                byRow[r.row, default: Passage(row: r.row)].score += s
                byRow[r.row]!.words.formUnion(words)
                top = max(top, s)
            }
            best[leaf] = max(best[leaf] ?? 0, top)
        }
        a.passages = byRow.values.sorted {
            $0.words.count != $1.words.count ? $0.words.count > $1.words.count
                : $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row
        }
        a.leafBest = best.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let n = compiled.terms.count
        var covered = Set<Int>()
        for p in byRow.values { covered.formUnion(p.words) }
        // Linear: with the square root (as the passage ranking had), en-headlines MRR@10 fell
        // from .893 to .889 and ko-questions from .982 to .981 (README, "Ranking articles").
        a.coverage = n > 0 && covered.count < n ? Double(covered.count) / Double(n) : 1
        var article = 0.0
        let norm = Self.k1 * (1 - Self.articleB + Self.articleB * a.length)
        for (phrase, f) in frequency {
            article += (idfOf[phrase] ?? 0) * f * (Self.k1 + 1) / (f + norm)
        }
        a.articleScore = Self.articleWeight * article
        a.bestPassages = Self.bestPassagesWeight * best.values.reduce(0, +)
        let together = a.passages.first.map { n > 0 ? $0.score * Double($0.words.count) / Double(n) : 0 } ?? 0
        a.passageBonus = n > 0 ? Self.passageWeight * max(0, Double(n) - Self.keywordQuery) / Double(n) * together : 0
        a.score = (a.articleScore + a.bestPassages) * a.coverage + a.passageBonus
    }

    /// Adds the rows of leaves whose walk stopped early (`anyBudgets`) to an article.
    private func complete(_ a: inout Article, truncated: [LeafCursor]) throws {
        let have = Set(a.leafRows.map(\.leaf))
        for c in truncated where !have.contains(c.leaf) {
            let leaf = plan.leaves[c.leaf]
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, \(LeafRow.function) FROM passage_fts
                WHERE passage_fts MATCH ? AND rowid BETWEEN ? AND ?
                """, arguments: [leaf.expression,
                                 Schema.passageID(document: a.doc, ordinal: 0),
                                 Schema.passageID(document: a.doc, ordinal: Int(Schema.passagesPerDocument - 1))])
            if !rows.isEmpty {
                a.leafRows.append(LeafRows(leaf: c.leaf, rows: rows.map(LeafRow.init)))
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
        var articles = try walk(root, limit: capped ? options.maxCandidates : nil, details: true)
        for i in articles.indices { try score(&articles[i]) }
        let order: (Article, Article) -> Bool = { $0.score != $1.score ? $0.score > $1.score : $0.doc > $1.doc }
        switch options.sort {
        case .relevance:
            articles.sort(by: order)
            let truncated = cursors.filter(\.truncated)
            if !truncated.isEmpty {
                let k = min(articles.count, max(Self.anyCompleted, options.limit))
                for i in 0..<k {
                    try complete(&articles[i], truncated: truncated)
                    try score(&articles[i])
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
        let articles = try walk(root, limit: nil, details: false)
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
                let evidence = a.leafBest.map { (term: plan.leaves[$0.leaf].label, score: Self.bestPassagesWeight * $0.score) }
                hit.explanation = SearchHit.Explanation(
                    article: a.articleScore, terms: evidence.sorted { $0.score > $1.score },
                    coverage: a.coverage, passage: a.passageBonus)
            }
            return hit
        }
    }
}
