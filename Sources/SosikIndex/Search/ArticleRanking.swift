import SosikIngest
import Foundation
import GRDB
import CSosikSQL
import SosikText

/// One search, article by article (issue 12): which articles match, how they rank, and which
/// passages answer them.
///
/// 1. **Matching**: the index holds one FTS5 row per article (schema v5, ArticleText), so FTS5
///    evaluates the query over the whole article: every word somewhere in it, exclusions
///    anywhere in it, phrases inside one passage (boundary tokens between passages).
/// 2. **Scoring**: `sosik_evidence` (Sources/CSosikSQL) hands over, per matching article, each
///    phrase's frequency in the article and in each of its passages (found from the match
///    positions and the passages' first token positions). BM25 (k1 1.2, b 0.75) is computed here
///    for the whole article (title 3×, body 1×, captions/credits/footers 0.3×) and for each
///    passage (its own words plus the title's, asides 0.3× and × 0.3 again). An article scores
///
///        (0.5 × article BM25 + 0.5 × Σ each item's best passage score) × coverage
///          + λ × best passage score × share of query words in that passage,
///
///    coverage being the share of the query's words the article holds, each word weighing its
///    IDF (below 1 with `--any` or OR),
///    λ = 2 × (n − 3) / n for n query words (0 up to three words). The weights and the
///    three-word threshold were measured with Scripts/eval-all (docs/measurements.md, "Ranking articles").
/// 3. **Answer**: the passage covering the most query words, then scoring best; the words it
///    lacks are shown from the best other passages that hold them (`fragments`).
///
/// Large indexes: with the default relevance order, at most `maxCandidates` articles are
/// scored, the newest ones (see `SearchOptions.maxCandidates`).
struct ArticleRanking {
    let db: Database
    let compiled: QueryBuilder.Compiled
    let options: SearchOptions
    private var plan: ArticlePlan { compiled.plan }

    static let articleWeight = 0.5, bestPassagesWeight = 0.5
    /// The best passage's bonus (words found together), for queries of more than
    /// `keywordQuery` words: two or three keywords are usually remembered from anywhere in an
    /// article; a longer query (a question, a headline) is a sentence whose words sit together.
    static let passageWeight = 2.0, keywordQuery = 3.0
    static let k1 = 1.2, b = 0.75
    /// Column weights: a title match counts 3×, a caption/credit/footer match 0.3×; and a passage
    /// of captions, credits or footers scores × `asideFactor` again (they are short, and BM25
    /// normalizes by length).
    static let titleWeight = 3.0, asideWeight = 0.3, asideFactor = 0.3

    /// Articles holding each phrase, for BM25's IDF (bounded walks, cached for the query).
    let counts: PhraseCounts
    /// The phrases of the MATCH expression, in FTS5's numbering; evidence comes in this order.
    private var phrases: [String] { plan.phrases }
    /// The items' phrases grouped by their text: a phrase written twice (in `"야간 순찰"` and as
    /// the word 순찰) counts once, by its larger figure.
    let phraseGroups: [[Int]]
    /// The synonym sets (ArticlePlan.synonymSets) each phrase is in.
    let setsOf: [String: [Int]]
    /// All the items' phrases.
    let positive: [Int]
    /// Item i's phrases are `flat[itemStart[i]..<itemStart[i + 1]]`; `needsAll[i]`: it simply
    /// requires them all (no OR, no `title:`), checked without its requirement tree.
    let flat: [Int]
    let itemStart: [Int]
    let needsAll: [Bool]
    /// Each item's query words, one bit each (words past the 64th are not told apart).
    let itemWords: [UInt64]
    /// Passages in the index (`sosik_meta`, refreshed by every `sosik index` run).
    let passagesInIndex: Double
    private let idfCache = IDFCache()

    /// When the index holds only the articles fetched for this search (WholeCorpus), N and the
    /// average row length of BM25 are the whole corpus's, not the index's (sosik_evidence's);
    /// so are its passages (`passagesInIndex`).
    let corpusRows: Double?, corpusAverageLength: Double?

    init(_ db: Database, compiled: QueryBuilder.Compiled, options: SearchOptions, corpus: WholeCorpus? = nil) throws {
        self.db = db
        self.compiled = compiled
        self.options = options
        self.counts = try PhraseCounts(db, exactUpTo: options.maxCandidates > 0 ? options.maxCandidates : Int(Int32.max),
                                       corpus: corpus)
        let totals = try corpus?.totals()
        if let totals, totals.articles > 0 {
            corpusRows = totals.articles
            corpusAverageLength = max(1, totals.tokens / totals.articles)
        } else {
            corpusRows = nil
            corpusAverageLength = nil
        }
        let plan = compiled.plan
        let itemPhrases = plan.items.map(\.requirement.phrases)
        var groups: [String: [Int]] = [:], order: [String] = []
        for i in Set(itemPhrases.joined()).sorted() {
            if groups[plan.phrases[i]] == nil { order.append(plan.phrases[i]) }
            groups[plan.phrases[i], default: []].append(i)
        }
        phraseGroups = order.map { groups[$0]! }
        var setsOf: [String: [Int]] = [:]
        for (k, set) in plan.synonymSets.enumerated() {
            for phrase in Set(set.flatMap(\.terms)) { setsOf[phrase, default: []].append(k) }
        }
        self.setsOf = setsOf
        positive = phraseGroups.flatMap { $0 }
        flat = itemPhrases.flatMap { $0 }
        itemStart = itemPhrases.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        needsAll = plan.items.map(\.requirement.needsAll)
        itemWords = plan.items.map { $0.scoresOnly ? 0 : Self.bits($0.words) }
        if let totals {
            passagesInIndex = max(1, totals.passages)
        } else {
            let stored = try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = 'passages'").flatMap(Double.init)
            passagesInIndex = max(1, try stored ?? Double.fetchOne(db, sql: "SELECT COUNT(*) FROM passages") ?? 1)
        }
    }

    final class IDFCache: @unchecked Sendable {   // used by one search on one thread
        var idfs: IDFs? = nil
        var rows = 0.0
    }

    /// What `sosik_evidence` said of one article, with its phrases in `phrases` order.
    struct Evidence {
        var rows = 0.0, averageLength = 1.0, length = 0.0, titleLength = 0.0
        var frequency: [Double] = []
        var titleCount: [Double] = []
        /// Per passage: aside or not, its length, and its count of each phrase (`phrases`
        /// order) at `counts[passage * phrases.count + phrase]`.
        var aside: [Bool] = []
        var passageLength: [Double] = []
        var counts: [Double] = []
        var passageCount: Int { aside.count }

        init() {}

        /// The BLOB of sosik_evidence, in sosik_sql.h's layout (SOSIK_EVIDENCE_…), with the
        /// first `g` phrases kept (the --any head appends more); empty evidence when it is
        /// shorter than its header says.
        init(blob raw: UnsafeRawBufferPointer, phrases g: Int) {
            let size = MemoryLayout<Double>.size
            func at(_ i: Int) -> Double { raw.loadUnaligned(fromByteOffset: i * size, as: Double.self) }
            let count = raw.count / size
            let header = Int(SOSIK_EVIDENCE_HEADER), passageHeader = Int(SOSIK_EVIDENCE_PASSAGE_HEADER)
            guard count >= header else { return }
            let nPassages = Int(at(Int(SOSIK_EVIDENCE_PASSAGES))), nPhrases = Int(at(Int(SOSIK_EVIDENCE_PHRASES)))
            guard nPhrases >= g else { return }
            let stride = passageHeader + nPhrases
            guard count >= header + 2 * nPhrases + nPassages * stride else { return }
            rows = at(Int(SOSIK_EVIDENCE_ROWS))
            averageLength = at(Int(SOSIK_EVIDENCE_AVERAGE_LENGTH)) > 0 ? at(Int(SOSIK_EVIDENCE_AVERAGE_LENGTH)) : 1
            length = at(Int(SOSIK_EVIDENCE_LENGTH))
            titleLength = at(Int(SOSIK_EVIDENCE_TITLE_LENGTH))
            frequency = (0..<g).map { at(header + $0) }
            titleCount = (0..<g).map { at(header + nPhrases + $0) }
            let base = header + 2 * nPhrases
            aside.reserveCapacity(nPassages)
            passageLength.reserveCapacity(nPassages)
            counts.reserveCapacity(nPassages * g)
            for i in 0..<nPassages {
                let p = base + i * stride
                aside.append(at(p + Int(SOSIK_EVIDENCE_PASSAGE_COLUMN)) == Double(SOSIK_COLUMN_ASIDE))
                passageLength.append(at(p + Int(SOSIK_EVIDENCE_PASSAGE_LENGTH)))
                for k in 0..<g { counts.append(at(p + passageHeader + k)) }
            }
        }
    }

    struct Passage {
        var ordinal: Int
        var score = 0.0
        /// The query words it holds, one bit each (words past the 64th are not told apart).
        var words: UInt64 = 0
        var wordCount: Int { words.nonzeroBitCount }

        /// The better answer first: more query words, then a higher score, then earlier.
        static func before(_ x: Passage, _ y: Passage) -> Bool {
            x.wordCount != y.wordCount ? x.wordCount > y.wordCount : x.score != y.score ? x.score > y.score : x.ordinal < y.ordinal
        }
    }

    /// Query word `i` as a bit (words past the 64th share the last one).
    static func bit(_ i: Int) -> UInt64 { 1 << UInt64(min(i, 63)) }

    static func bits(_ words: [Int]) -> UInt64 {
        words.reduce(0) { $0 | bit($1) }
    }

    /// A matching article (a class: sorting moves references, not evidence).
    final class Article {
        var doc: Int64
        var date: String?
        var evidence: Evidence
        var score = 0.0
        /// Passages with a query word, in order.
        var passages: [Passage] = []
        /// The best of them: most query words, then score.
        var best: Passage?
        /// Each item's best passage score (items found in no passage left out).
        var itemBest: [(item: Int, score: Double)] = []
        /// The parts of `score`: (articleScore + bestPassages) × coverage + passageBonus.
        var articleScore = 0.0, bestPassages = 0.0, passageBonus = 0.0
        var coverage = 1.0

        init(doc: Int64, date: String?, evidence: Evidence) {
            self.doc = doc
            self.date = date
            self.evidence = evidence
        }

        /// Passages best first.
        var ordered: [Passage] { passages.sorted(by: Passage.before) }
    }

    // MARK: matching

    /// Matching articles with their evidence: rowid ≥ `floor` if given, filtered.
    private func candidates(_ expression: String, floor: Int64? = nil, only: [Int64]? = nil) throws -> [Article] {
        // The expression starts with the query's own (the --any head appends more): its first
        // `g` phrases are the query's, in the same order.
        let g = phrases.count
        let (sql, arguments) = MatchSQL(expression: expression, options: options).select(
            "article_fts.rowid, sosik_evidence(article_fts, d.passage_starts, \(ArticleText.boundaryWidth), \(Self.titleWeight), 1.0, \(Self.asideWeight)), d.date",
            and: (floor == nil ? "" : " AND article_fts.rowid >= ?")
                + (only.map { " AND article_fts.rowid IN (" + $0.map(String.init).joined(separator: ",") + ")" } ?? ""),
            andArguments: floor.map { [$0] } ?? [])
        var out: [Article] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            // Read in place (no copy of the blob).
            let e = try row.withUnsafeData(atIndex: 1) { data in
                data?.withUnsafeBytes { Evidence(blob: $0, phrases: g) } ?? Evidence()
            }
            out.append(Article(doc: row[0], date: row[2], evidence: e))
        }
        return out
    }

    /// The newest `newest` matches of an expression start at the returned rowid; nil when there
    /// are no more matches than that. Walks rowids only.
    private func floor(_ expression: String, newest: Int) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """, arguments: [expression, newest]).map { $0 + 1 }
    }

    /// The articles to score, under the cap on scored matches (`SearchOptions.maxCandidates`):
    /// 1. a query with at most `cap` matching articles is scored whole;
    /// 2. otherwise the newest `cap` matches (rowid ≥ a floor), and should filters leave fewer
    ///    than the page needs, 4×, 16× … as many until enough or every match is in;
    /// 3. --any also scores every article with the query's rarer words (those whose matches
    ///    add up to at most `cap`): a word in more articles than that weighs little anyway.
    /// Sorting by date takes its own way (`datedCandidates`).
    private func cappedCandidates() throws -> [Article] {
        if let only = options.only { return only.isEmpty ? [] : try candidates(compiled.expression, only: only) }
        if options.sort != .relevance { return try datedCandidates() }
        let cap = options.maxCandidates
        let expression = compiled.expression
        guard cap > 0, let first = try floor(expression, newest: cap) else {
            return try candidates(expression)
        }
        var found: [Article] = []
        var seen = Set<Int64>()
        if options.mode == .any {
            let rare = try compiled.rareWords(upTo: cap) { try counts.count(QueryBuilder.quote($0)) }
            if !rare.isEmpty {
                // The whole expression first, so that the common words' evidence is there too.
                let head = "(\(expression)) AND (" + rare.map(QueryBuilder.quote).joined(separator: " OR ") + ")"
                for a in try candidates(head) where seen.insert(a.doc).inserted { found.append(a) }
            }
        }
        let needed = options.limit + 50
        var newest = cap
        var rowFloor: Int64? = first
        while true {
            let batch = try candidates(expression, floor: rowFloor)
            let fresh = batch.filter { !seen.contains($0.doc) }
            if batch.count >= needed / 2 || rowFloor == nil {
                return found + fresh
            }
            newest *= 4
            rowFloor = try floor(expression, newest: newest)
        }
    }

    /// Sorting by date: the first articles in date order (every match is walked, but only its
    /// date is read), then their evidence. Articles of the same date are ordered by score, so a
    /// few more than the page are taken (`limit + 100`); past that, ties are cut newest first.
    private func datedCandidates() throws -> [Article] {
        let direction = options.sort == .date ? "" : " DESC"
        let (sql, arguments) = MatchSQL(expression: compiled.expression, options: options).select(
            "article_fts.rowid", tail: "ORDER BY d.date IS NULL, d.date\(direction), article_fts.rowid DESC LIMIT ?",
            tailArguments: [options.limit + 100])
        let ids = try Int64.fetchAll(db, sql: sql, arguments: arguments)
        guard !ids.isEmpty else { return [] }
        return try candidates(compiled.expression, only: ids)
    }

    // MARK: scoring

    /// Lucene's BM25 IDF, ln(1 + (N − n + 0.5) / (n + 0.5)), never zero: now that N counts
    /// articles (763 on ko-questions, most of them long), FTS5's ln((N − n + 0.5) / (n + 0.5))
    /// clipped at 1e-6 gave nothing to every bigram in half the articles or more, and lost
    /// ko-questions MRR@10 .982 → .979 (docs/measurements.md, "Ranking articles").
    /// BM25's term part: `idf × f(k1 + 1) / (f + k1(1 − b + b · length / average))`.
    static func bm25(idf: Double, frequency f: Double, length: Double, average: Double) -> Double {
        f > 0 ? idf * f * (k1 + 1) / (f + k1 * (1 - b + b * length / average)) : 0
    }

    static func idf(_ n: Double, rows: Double) -> Double {
        log(1 + (rows - n + 0.5) / (n + 0.5))
    }

    /// Each phrase's IDF and each query word's weight in coverage (the same for all the articles
    /// of one query: one N).
    struct IDFs {
        var phrases: [Double]
        var words: [Double]
    }

    /// The IDFs for N = `rows`, computed once per query.
    private func idfs(rows: Double) throws -> IDFs {
        if let known = idfCache.idfs, idfCache.rows == rows { return known }
        // A synonym set (ArticlePlan.synonymSets) counts as one word: its phrases weigh at most
        // the IDF of Σ p × articles of each alternative (for several phrases, the fewest of theirs).
        let sets = try plan.synonymSets.map { set -> Double in
            var n = 0.0
            for alternative in set {
                if let fewest = try alternative.terms.map({ try counts.count($0) }).min() { n += alternative.p * fewest }
            }
            return Self.idf(min(n, rows), rows: rows)
        }
        var v = [Double](repeating: 0, count: phrases.count)
        for group in phraseGroups {
            let phrase = phrases[group[0]]
            var x = Self.idf(try counts.count(phrase), rows: rows)
            for k in setsOf[phrase] ?? [] { x = min(x, sets[k]) }
            x *= plan.weights[phrase] ?? 1
            for i in group { v[i] = x }
        }
        // Each query word's weight in coverage: the largest IDF among its phrases that some
        // article holds (0 for a word no article holds: it tells no article from another).
        var words = [Double](repeating: 0, count: min(compiled.terms.count, 64))
        for (l, item) in plan.items.enumerated() {
            var best = 0.0
            for i in item.requirement.phrases where try counts.count(phrases[i]) > 0 { best = max(best, v[i]) }
            for w in words.indices where itemWords[l] & Self.bit(w) != 0 { words[w] = max(words[w], best) }
        }
        let computed = IDFs(phrases: v, words: words)
        idfCache.idfs = computed
        idfCache.rows = rows
        return computed
    }

    /// The share of the query's weight that the article holds, each word weighing its IDF
    /// (issue 23): a question's rare word counts for more than its common ones, and a word no
    /// article holds (a question word, a typo) for nothing. With every word counting one, an
    /// article holding only the rarest of four words scored a quarter of its BM25 (Lucene's old
    /// `coord`, which Lucene 7 dropped), below articles sharing two common words.
    static func coverage(_ covered: UInt64, words: [Double]) -> Double {
        var total = 0.0, held = 0.0
        for (w, x) in words.enumerated() {
            total += x
            if covered & bit(w) != 0 { held += x }
        }
        return total > 0 ? min(1, held / total) : 1
    }

    /// Scores an article; `part` is scratch space (each phrase's share of a passage's score).
    private func score(_ a: Article, part: inout [Double]) throws {
        let e = a.evidence
        let g = phrases.count
        guard e.frequency.count == g else { return }
        let rows = corpusRows ?? e.rows, averageRow = corpusAverageLength ?? e.averageLength
        let idfs = try idfs(rows: rows), idf = idfs.phrases
        // 24 boundary tokens per join of two passages are in FTS5's lengths, not in the text.
        let joins = max(0, passagesInIndex - rows) / max(1, rows)
        let averageLength = max(1, averageRow - Double(ArticleText.boundaryWidth) * joins)
        // Whole article: each phrase once (the larger figure of a phrase written twice).
        var article = 0.0
        for group in phraseGroups {
            var f = 0.0
            for i in group where e.frequency[i] > f { f = e.frequency[i] }
            article += Self.bm25(idf: idf[group[0]], frequency: f, length: e.length, average: averageLength)
        }
        // Passages that hold a query word themselves; their score counts the title's words too
        // (body), or theirs at 0.3 (asides). An article that matched by its title alone
        // (`title:` items) is answered by its body passages, the title's words in each.
        let averagePassage = max(1, averageLength * rows / passagesInIndex)
        var passages: [Passage] = []
        var best = [Double](repeating: 0, count: itemWords.count)
        if part.count < g { part = [Double](repeating: 0, count: g) }
        for titleOnly in [false, true] {
            for ordinal in 0..<e.passageCount {
                let aside = e.aside[ordinal]
                let row = ordinal * g
                if titleOnly {
                    guard !aside else { continue }
                } else {
                    guard positive.contains(where: { e.counts[row + $0] > 0 }) else { continue }
                }
                let length = aside ? e.passageLength[ordinal] : e.passageLength[ordinal] + e.titleLength
                for i in 0..<g {
                    let f = aside ? Self.asideWeight * e.counts[row + i] : Self.titleWeight * e.titleCount[i] + e.counts[row + i]
                    part[i] = Self.bm25(idf: idf[i], frequency: f, length: length, average: averagePassage) * (aside ? Self.asideFactor : 1)
                }
                var total = 0.0
                for group in phraseGroups {
                    var m = 0.0
                    for i in group where part[i] > m { m = part[i] }
                    total += m
                }
                guard total > 0 else { continue }
                var passage = Passage(ordinal: ordinal, score: total)
                for l in 0..<itemWords.count where itemStart[l] < itemStart[l + 1] {
                    var holds = true, sum = 0.0
                    if needsAll[l] {
                        for k in itemStart[l]..<itemStart[l + 1] {
                            let i = flat[k]
                            guard e.counts[row + i] > 0 || (!aside && e.titleCount[i] > 0) else { holds = false; break }
                            sum += part[i]
                        }
                    } else {
                        holds = plan.items[l].requirement.holds({ i in e.counts[row + i] > 0 || (!aside && e.titleCount[i] > 0) },
                                                                title: { i in e.titleCount[i] > 0 })
                        if holds { for k in itemStart[l]..<itemStart[l + 1] { sum += part[flat[k]] } }
                    }
                    guard holds else { continue }
                    passage.words |= itemWords[l]
                    best[l] = max(best[l], sum)
                }
                passages.append(passage)
            }
            if !passages.isEmpty { break }
        }
        a.passages = passages
        a.best = passages.min(by: Passage.before)
        a.itemBest = best.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element) }
        // Words the article holds: each item whose requirement the article meets.
        let n = compiled.terms.count
        var covered: UInt64 = 0
        for l in 0..<itemWords.count where itemStart[l] < itemStart[l + 1] {
            let holds = needsAll[l] ? flat[itemStart[l]..<itemStart[l + 1]].allSatisfy { e.frequency[$0] > 0 }
                                    : plan.items[l].requirement.holds({ e.frequency[$0] > 0 }, title: { e.titleCount[$0] > 0 })
            if holds { covered |= itemWords[l] }
        }
        // IDF-weighted (issue 23): on the natural questions of Scripts/eval-all MRR@10 ko-nq
        // .837 → .862, en-nq .734 → .797 against one-per-word; without coverage docsearch --any
        // fell .904 → .825 (docs/measurements.md, "Ranking articles").
        a.coverage = Self.coverage(covered, words: idfs.words)
        a.articleScore = Self.articleWeight * article
        a.bestPassages = Self.bestPassagesWeight * best.reduce(0, +)
        let together = a.best.map { n > 0 ? $0.score * Double($0.wordCount) / Double(min(n, 64)) : 0 } ?? 0
        a.passageBonus = n > 0 ? Self.passageWeight * max(0, Double(n) - Self.keywordQuery) / Double(n) * together : 0
        a.score = (a.articleScore + a.bestPassages) * a.coverage + a.passageBonus
    }

    private func scoreAll(_ articles: [Article]) throws {
        var part: [Double] = []
        for a in articles { try score(a, part: &part) }
    }

    /// The matching articles in result order, at most `options.limit` of them.
    func ranked() throws -> [Article] {
        var articles = try cappedCandidates()
        try scoreAll(articles)
        let order: (Article, Article) -> Bool = { $0.score != $1.score ? $0.score > $1.score : $0.doc > $1.doc }
        if options.sort == .relevance {
            articles.sort(by: order)
        } else {
            // By date (undated last), then by score.
            let newest = options.sort == .dateDescending
            articles.sort { a, b in
                switch (a.date, b.date) {
                case let (x?, y?): return x != y ? (newest ? x > y : x < y) : order(a, b)
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return order(a, b)
                }
            }
        }
        if articles.count > options.limit { articles.removeSubrange(options.limit...) }
        return articles
    }

    /// Articles (or, with `--per-doc N`, passages: at most N of each article, among those with
    /// a query word) that match.
    func count() throws -> Int {
        guard options.perDocument == 1 else {
            let articles = try candidates(compiled.expression)
            try scoreAll(articles)
            return articles.reduce(0) { total, a in
                total + (options.perDocument > 0 ? min(options.perDocument, a.passages.count) : a.passages.count)
            }
        }
        let (sql, arguments) = MatchSQL(expression: compiled.expression, options: options).select("COUNT(*)", documents: false)
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    // MARK: hits

    /// An item as the user typed it: the word, phrase or `title:` part (`inequality`,
    /// `"police patrols"`); with `--any`, whose items are index terms, the typed word(s) the
    /// term comes from (`inequality` for `inequ`, `순찰을` for `순찰` and `찰을`).
    func label(_ item: ArticlePlan.Item) -> String {
        guard options.mode == .any else { return item.label }
        var surfaces: [String] = []
        for w in item.words where compiled.terms.indices.contains(w) && !surfaces.contains(compiled.terms[w].surface) {
            surfaces.append(compiled.terms[w].surface)
        }
        return surfaces.isEmpty ? item.label : surfaces.joined(separator: ", ")
    }

    /// The index terms an item is scored by, as `sosik analyze --query` writes them: terms
    /// that must all be present separated by spaces, alternatives by ` | ` (`inequ`,
    /// `polic patrol`, `북 | 북한`, `patr*`).
    func indexForm(_ requirement: ArticlePlan.Requirement) -> String {
        switch requirement {
        case .phrase(let i):
            guard plan.phrases.indices.contains(i) else { return "" }
            let (terms, prefix) = PhraseCounts.terms(of: plan.phrases[i])
            return terms.joined(separator: " ") + (prefix ? "*" : "")
        case .all(let parts):
            return parts.map { part in
                if case .any(let alternatives) = part, alternatives.count > 1 { return "(" + indexForm(part) + ")" }
                return indexForm(part)
            }.filter { !$0.isEmpty }.joined(separator: " ")
        case .any(let parts):
            return parts.map(indexForm).filter { !$0.isEmpty }.joined(separator: " | ")
        case .title(let inner):
            return indexForm(inner)
        }
    }

    /// Hits for ranked articles: each article's passages to show (its best one, or N best),
    /// and fragments of other passages for the query words those lack.
    func hits(for articles: [Article]) throws -> [SearchHit] {
        // Each shown passage, with (on an article's first) the fragments: other passages and the
        // query words each is there for.
        var shown: [(article: Int, passage: Passage, fragments: [(passage: Passage, words: UInt64)])] = []
        for (i, a) in articles.enumerated() {
            let ordered = a.ordered
            let n = options.perDocument > 0 ? options.perDocument : ordered.count
            var chosen = Array(ordered.prefix(n))
            if chosen.isEmpty { chosen = [Passage(ordinal: 0)] }   // matched by the title alone
            var have: UInt64 = 0
            for p in chosen { have |= p.words }
            // The best other passage for each missing word, one fragment per passage.
            var fragments: [(passage: Passage, words: UInt64)] = []
            for p in ordered.dropFirst(chosen.count).sorted(by: { $0.score > $1.score }) {
                let adds = p.words & ~have
                guard adds != 0 else { continue }
                fragments.append((p, adds))
                have |= adds
            }
            for (j, p) in chosen.enumerated() {
                shown.append((i, p, j == 0 ? fragments : []))
                if shown.count == options.limit { break }
            }
            if shown.count == options.limit { break }
        }
        guard !shown.isEmpty else { return [] }
        // Only the passages shown, by the (document_id, ordinal) index: a row-value IN over
        // (document, ordinal) pairs is not searched by that index, and read every passage.
        let docs = Set(shown.map { articles[$0.article].doc })
        let ordinals = Set(shown.flatMap { [$0.passage.ordinal] + $0.fragments.map(\.passage.ordinal) })
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.document_id, p.ordinal, d.doc_key, d.title, d.lang, d.date, d.source, d.url, d.path, sosik_text(p.text), p.kind,
                   \(Searcher.pairSQL)
            FROM passages p JOIN documents d ON d.id = p.document_id
            WHERE p.document_id IN (\(docs.map(String.init).joined(separator: ","))) AND p.ordinal IN (\(ordinals.map(String.init).joined(separator: ",")))
            """)
        struct Key: Hashable { var doc: Int64; var ordinal: Int }
        var byKey: [Key: Row] = [:]
        for row in rows { byKey[Key(doc: row[0], ordinal: row[1])] = row }
        let highlighter = options.snippets ? Highlighter(query: compiled.terms) : nil
        return shown.compactMap { entry in
            let a = articles[entry.article]
            guard let row = byKey[Key(doc: a.doc, ordinal: entry.passage.ordinal)] else { return nil }
            let lang: String = row[4], text: String = row[9], title: String = row[3]
            // A Korean character carries about two English letters' worth: shorter snippets.
            // Snippets are cut from the passage as a reader sees it (ReadableText: no Markdown
            // markers, whitespace runs as one space), so their highlight offsets point into the
            // text shown.
            let length = lang == "ko" ? 100 : 200
            var hit = SearchHit(docID: row[2], ordinal: row[1], score: a.score, passageScore: entry.passage.score,
                                title: highlighter?.highlight(title) ?? HighlightedText(text: title, ranges: []),
                                lang: lang, date: row[5], source: row[6], url: row[7], path: row[8],
                                snippet: highlighter?.snippet(ReadableText.oneLine(text), maxLength: length)
                                    ?? HighlightedText(text: "", ranges: []),
                                text: text, kind: PassageKind(rawValue: row[10]) ?? .body, pairID: row[11])
            // Each fragment is cut around, and marks, the words it is there for.
            hit.fragments = entry.fragments.compactMap { f in
                guard let r = byKey[Key(doc: a.doc, ordinal: f.passage.ordinal)] else { return nil }
                let terms = compiled.terms.indices.filter { f.words & Self.bit($0) != 0 }.map { compiled.terms[$0] }
                let marker = options.snippets ? Highlighter(query: terms.isEmpty ? compiled.terms : terms) : nil
                return SearchHit.Fragment(docID: r[2], ordinal: r[1],
                                          snippet: marker?.snippet(ReadableText.oneLine(r[9]), maxLength: length / 2)
                                              ?? HighlightedText(text: "", ranges: []))
            }
            if options.explain {
                let evidence = a.itemBest.map {
                    (term: label(plan.items[$0.item]), indexed: indexForm(plan.items[$0.item].requirement),
                     score: Self.bestPassagesWeight * $0.score)
                }
                hit.explanation = SearchHit.Explanation(
                    article: a.articleScore, terms: evidence.sorted { $0.score > $1.score },
                    coverage: a.coverage, passage: a.passageBonus)
            }
            return hit
        }
    }
}
