import Foundation
import GRDB
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
///    coverage being the share of query words the article holds (below 1 with `--any` or OR),
///    λ = 2 × (n − 3) / n for n query words (0 up to three words). The weights and the
///    three-word threshold were measured with Scripts/eval-all (README, "Ranking articles").
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

    /// Articles holding each phrase, for BM25's IDF (bounded walks, cached for the query).
    let counts: PhraseCounts
    /// The phrases of the MATCH expression, in FTS5's numbering; evidence comes in this order.
    let phrases: [String]
    /// What each leaf requires, by phrase index (ArticlePlan.Requirement).
    let requirements: [ArticlePlan.Requirement]
    /// Each positive leaf's phrases that count for it (none for excluded leaves).
    let leafPhrases: [[Int]]
    /// The positive phrases grouped by their text: a phrase written twice (in `"야간 순찰"`
    /// and as the word 순찰) counts once, by its larger figure.
    let phraseGroups: [[Int]]
    /// All positive phrases, and per leaf whether it simply requires all its phrases.
    let positive: [Int]
    let simple: [Bool]
    /// `leafPhrases` flattened: leaf l's phrases are `flat[leafStart[l]..<leafStart[l + 1]]`.
    let flat: [Int]
    let leafStart: [Int]
    /// Passages in the index (`sosik_meta`, refreshed by every `sosik index` run).
    let passagesInIndex: Double
    private let idfCache = IDFCache()

    init(_ db: Database, compiled: QueryBuilder.Compiled, options: SearchOptions) throws {
        self.db = db
        self.compiled = compiled
        self.options = options
        self.counts = try PhraseCounts(db, exactUpTo: options.maxCandidates > 0 ? options.maxCandidates : Int(Int32.max))
        let (expression, offsets) = compiled.plan.rendered()
        phrases = PhraseCounts.phrases(in: expression)
        let leaves = compiled.plan.leaves
        let requirements = leaves.indices.map { ArticlePlan.Requirement.parse(leaves[$0].expression, offset: offsets[$0]) }
        let leafPhrases = leaves.indices.map { leaves[$0].positive ? requirements[$0].positivePhrases : [] }
        self.requirements = requirements
        self.leafPhrases = leafPhrases
        let phrases = self.phrases
        var groups: [String: [Int]] = [:], order: [String] = []
        for i in Set(leafPhrases.joined()).sorted() where i < phrases.count {
            if groups[phrases[i]] == nil { order.append(phrases[i]) }
            groups[phrases[i], default: []].append(i)
        }
        phraseGroups = order.map { groups[$0]! }
        positive = phraseGroups.flatMap { $0 }
        flat = leafPhrases.flatMap { $0 }
        leafStart = leafPhrases.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        simple = requirements.map { r in
            switch r {
            case .phrase: return true
            case .all(let items): return items.allSatisfy { if case .phrase = $0 { return true } else { return false } }
            default: return false
            }
        }
        let stored = try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = 'passages'").flatMap(Double.init)
        passagesInIndex = max(1, try stored ?? Double.fetchOne(db, sql: "SELECT COUNT(*) FROM passages") ?? 1)
    }

    final class IDFCache: @unchecked Sendable {   // used by one search on one thread
        var vector: [Double]? = nil
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
    }

    struct Passage {
        var ordinal: Int
        var score = 0.0
        /// The query words it holds, one bit each (words past the 64th are not told apart).
        var words: UInt64 = 0
        var wordCount: Int { words.nonzeroBitCount }
    }

    static func bits(_ words: [Int]) -> UInt64 {
        words.reduce(0) { $0 | 1 << UInt64(min($1, 63)) }
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
        var leafBest: [(leaf: Int, score: Double)] = []
        /// The parts of `score`: (articleScore + bestPassages) × coverage + passageBonus.
        var articleScore = 0.0, bestPassages = 0.0, passageBonus = 0.0
        var coverage = 1.0

        init(doc: Int64, date: String?, evidence: Evidence) {
            self.doc = doc
            self.date = date
            self.evidence = evidence
        }

        /// Passages best first: most query words, then score.
        var ordered: [Passage] {
            passages.sorted {
                $0.wordCount != $1.wordCount ? $0.wordCount > $1.wordCount
                    : $0.score != $1.score ? $0.score > $1.score : $0.ordinal < $1.ordinal
            }
        }
    }

    // MARK: matching

    /// Matching articles with their evidence: rowid ≥ `floor` if given, filtered.
    private func candidates(_ expression: String, floor: Int64? = nil, only: [Int64]? = nil) throws -> [Article] {
        // The expression starts with the query's own (the --any head appends more): its first
        // `phrases.count` phrases are the query's, in the same order.
        let map: [Int?] = Array(0..<phrases.count)
        let filters = options.filters
        let sql = """
            SELECT article_fts.rowid, sosik_evidence(article_fts, d.passage_starts, \(ArticleText.boundaryWidth), 3.0, 1.0, 0.3), d.date
            FROM article_fts JOIN documents d ON d.id = article_fts.rowid
            WHERE article_fts MATCH ?\(floor == nil ? "" : " AND article_fts.rowid >= ?")\(filters.sql)\(
                only.map { " AND article_fts.rowid IN (" + $0.map(String.init).joined(separator: ",") + ")" } ?? "")
            """
        let arguments: [DatabaseValueConvertible?] = [expression] + (floor.map { [$0] } ?? []) + filters.arguments
        var out: [Article] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            var e = Evidence()
            // Read in place (no copy of the blob).
            try row.withUnsafeData(atIndex: 1) { data in data?.withUnsafeBytes { raw in
                let size = MemoryLayout<Double>.size
                func at(_ i: Int) -> Double { raw.loadUnaligned(fromByteOffset: i * size, as: Double.self) }
                let count = raw.count / size
                guard count >= 6 else { return }
                e.rows = at(0)
                e.averageLength = at(1) > 0 ? at(1) : 1
                e.length = at(2)
                e.titleLength = at(3)
                let nPassages = Int(at(4)), nPhrases = Int(at(5))
                guard nPhrases >= map.count else { return }
                let stride = 2 + nPhrases
                guard count >= 6 + 2 * nPhrases + nPassages * stride else { return }
                e.frequency = map.map { $0.map { at(6 + $0) } ?? 0 }
                e.titleCount = map.map { $0.map { at(6 + nPhrases + $0) } ?? 0 }
                let base = 6 + 2 * nPhrases
                e.aside.reserveCapacity(nPassages)
                e.passageLength.reserveCapacity(nPassages)
                e.counts.reserveCapacity(nPassages * map.count)
                for i in 0..<nPassages {
                    let p = base + i * stride
                    e.aside.append(at(p) == 2)
                    e.passageLength.append(at(p + 1))
                    for m in map { e.counts.append(m.map { at(p + 2 + $0) } ?? 0) }
                }
            } }
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
    /// Sorting by date needs every match and is never capped.
    private func cappedCandidates() throws -> [Article] {
        let cap = options.maxCandidates
        let expression = compiled.expression
        if options.sort != .relevance { return try datedCandidates() }
        guard cap > 0, let first = try floor(expression, newest: cap) else {
            return try candidates(expression)
        }
        var found: [Article] = []
        var seen = Set<Int64>()
        if options.mode == .any && compiled.bag.count > 1 {
            var total = 0.0
            var rare: [String] = []
            for c in try compiled.bag.map({ ($0, try counts.count(QueryBuilder.quote($0))) }).sorted(by: { $0.1 < $1.1 }) where c.1 > 0 {
                guard total + c.1 <= Double(cap) else { break }
                total += c.1
                rare.append(c.0)
            }
            if !rare.isEmpty && rare.count < compiled.bag.count {
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
        let filters = options.filters
        let direction = options.sort == .date ? "" : " DESC"
        let ids = try Int64.fetchAll(db, sql: """
            SELECT article_fts.rowid FROM article_fts JOIN documents d ON d.id = article_fts.rowid
            WHERE article_fts MATCH ?\(filters.sql)
            ORDER BY d.date IS NULL, d.date\(direction), article_fts.rowid DESC LIMIT ?
            """, arguments: StatementArguments([compiled.expression] + filters.arguments + [options.limit + 100]))
        guard !ids.isEmpty else { return [] }
        return try candidates(compiled.expression, only: ids)
    }

    // MARK: scoring

    /// Lucene's BM25 IDF, ln(1 + (N − n + 0.5) / (n + 0.5)), never zero: now that N counts
    /// articles (763 on ko-questions, most of them long), FTS5's ln((N − n + 0.5) / (n + 0.5))
    /// clipped at 1e-6 gave nothing to every bigram in half the articles or more, and lost
    /// ko-questions MRR@10 .982 → .979 (README, "Ranking articles").
    static func idf(_ n: Double, rows: Double) -> Double {
        log(1 + (rows - n + 0.5) / (n + 0.5))
    }

    /// Each phrase's IDF (the same for all the articles of one query: one N).
    private func idfVector(rows: Double) throws -> [Double] {
        if let v = idfCache.vector, idfCache.rows == rows { return v }
        var v = [Double](repeating: 0, count: phrases.count)
        for group in phraseGroups {
            let x = Self.idf(try counts.count(phrases[group[0]]), rows: rows)
            for i in group { v[i] = x }
        }
        idfCache.vector = v
        idfCache.rows = rows
        return v
    }

    /// Leaves' words as bits, positive leaves only.
    private var leafWords: [UInt64] { plan.leaves.map { $0.positive ? Self.bits($0.words) : 0 } }

    private func score(_ a: Article, leafWords: [UInt64], part: inout [Double]) throws {
        let e = a.evidence
        let g = phrases.count
        guard e.frequency.count == g else { return }
        let idf = try idfVector(rows: e.rows)
        // 24 boundary tokens per join of two passages are in FTS5's lengths, not in the text.
        let joins = max(0, passagesInIndex - e.rows) / max(1, e.rows)
        let averageLength = max(1, e.averageLength - Double(ArticleText.boundaryWidth) * joins)
        // Whole article: each phrase once (the larger figure of a phrase written twice).
        var article = 0.0
        let articleNorm = Self.k1 * (1 - Self.b + Self.b * e.length / averageLength)
        for group in phraseGroups {
            var f = 0.0
            for i in group where e.frequency[i] > f { f = e.frequency[i] }
            if f > 0 { article += idf[group[0]] * f * (Self.k1 + 1) / (f + articleNorm) }
        }
        // Passages that hold a query word themselves; their score counts the title's words too
        // (body), or theirs at 0.3 (asides). An article that matched by its title alone
        // (`title:` items) is answered by its body passages, the title's words in each.
        let averagePassage = max(1, averageLength * e.rows / passagesInIndex)
        var passages: [Passage] = []
        var best = [Double](repeating: 0, count: leafPhrases.count)
        if part.count < g { part = [Double](repeating: 0, count: g) }
        for titleOnly in [false, true] {
            for ordinal in 0..<e.passageCount {
                let aside = e.aside[ordinal]
                let row = ordinal * g
                if titleOnly {
                    guard !aside else { continue }
                } else {
                    var own = false
                    for i in positive where e.counts[row + i] > 0 {
                        own = true
                        break
                    }
                    guard own else { continue }
                }
                let length = aside ? e.passageLength[ordinal] : e.passageLength[ordinal] + e.titleLength
                let norm = Self.k1 * (1 - Self.b + Self.b * length / averagePassage)
                for i in 0..<g {
                    let f = aside ? 0.3 * e.counts[row + i] : 3 * e.titleCount[i] + e.counts[row + i]
                    part[i] = f > 0 ? idf[i] * f * (Self.k1 + 1) / (f + norm) * (aside ? Searcher.asideFactor : 1) : 0
                }
                var total = 0.0
                for group in phraseGroups {
                    var m = 0.0
                    for i in group where part[i] > m { m = part[i] }
                    total += m
                }
                guard total > 0 else { continue }
                var passage = Passage(ordinal: ordinal, score: total)
                for l in 0..<leafWords.count where leafStart[l] < leafStart[l + 1] {
                    var holds = true, sum = 0.0
                    if simple[l] {
                        for k in leafStart[l]..<leafStart[l + 1] {
                            let i = flat[k]
                            guard e.counts[row + i] > 0 || (!aside && e.titleCount[i] > 0) else { holds = false; break }
                            sum += part[i]
                        }
                    } else {
                        holds = requirements[l].holds({ i in e.counts[row + i] > 0 || (!aside && e.titleCount[i] > 0) },
                                                      title: { i in e.titleCount[i] > 0 })
                        if holds { for k in leafStart[l]..<leafStart[l + 1] { sum += part[flat[k]] } }
                    }
                    guard holds else { continue }
                    passage.words |= leafWords[l]
                    best[l] = max(best[l], sum)
                }
                passages.append(passage)
            }
            if !passages.isEmpty { break }
        }
        a.passages = passages
        a.best = passages.max { x, y in
            x.wordCount != y.wordCount ? x.wordCount < y.wordCount
                : x.score != y.score ? x.score < y.score : x.ordinal > y.ordinal
        }
        a.leafBest = best.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element) }
        // Words the article holds: each positive leaf whose requirement the article meets.
        let n = compiled.terms.count
        var covered: UInt64 = 0
        for l in 0..<leafWords.count where leafStart[l] < leafStart[l + 1] {
            let holds = simple[l] ? flat[leafStart[l]..<leafStart[l + 1]].allSatisfy { e.frequency[$0] > 0 }
                                  : requirements[l].holds({ e.frequency[$0] > 0 }, title: { e.titleCount[$0] > 0 })
            if holds { covered |= leafWords[l] }
        }
        // Linear: with the square root (as the passage ranking had), en-headlines MRR@10 fell
        // from .893 to .889 and ko-questions from .982 to .981 (README, "Ranking articles").
        let held = min(n, covered.nonzeroBitCount)
        a.coverage = n > 0 && held < min(n, 64) ? Double(held) / Double(min(n, 64)) : 1
        a.articleScore = Self.articleWeight * article
        a.bestPassages = Self.bestPassagesWeight * best.reduce(0, +)
        let together = a.best.map { n > 0 ? $0.score * Double($0.wordCount) / Double(min(n, 64)) : 0 } ?? 0
        a.passageBonus = n > 0 ? Self.passageWeight * max(0, Double(n) - Self.keywordQuery) / Double(n) * together : 0
        a.score = (a.articleScore + a.bestPassages) * a.coverage + a.passageBonus
    }

    private func scoreAll(_ articles: [Article]) throws {
        let words = leafWords
        var part: [Double] = []
        for a in articles { try score(a, leafWords: words, part: &part) }
    }

    /// The matching articles in result order, at most `options.limit` of them.
    func ranked() throws -> [Article] {
        var articles = try cappedCandidates()
        try scoreAll(articles)
        let order: (Article, Article) -> Bool = { $0.score != $1.score ? $0.score > $1.score : $0.doc > $1.doc }
        switch options.sort {
        case .relevance:
            articles.sort(by: order)
        case .date:
            articles.sort { a, b in
                if (a.date == nil) != (b.date == nil) { return b.date == nil }
                if a.date != b.date { return a.date! < b.date! }
                return order(a, b)
            }
        case .dateDescending:
            articles.sort { a, b in
                if (a.date == nil) != (b.date == nil) { return b.date == nil }
                if a.date != b.date { return a.date! > b.date! }
                return order(a, b)
            }
        }
        if articles.count > options.limit { articles.removeSubrange(options.limit...) }
        return articles
    }

    /// Articles (or, with `--per-doc N`, passages: at most N of each article, among those with
    /// a query word) that match.
    func count() throws -> Int {
        let filters = options.filters
        guard options.perDocument == 1 else {
            let articles = try candidates(compiled.expression)
            try scoreAll(articles)
            return articles.reduce(0) { total, a in
                total + (options.perDocument > 0 ? min(options.perDocument, a.passages.count) : a.passages.count)
            }
        }
        let join = filters.sql.isEmpty ? "" : " JOIN documents d ON d.id = article_fts.rowid"
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_fts\(join) WHERE article_fts MATCH ?\(filters.sql)",
                                arguments: StatementArguments([compiled.expression] + filters.arguments)) ?? 0
    }

    // MARK: hits

    /// Hits for ranked articles: each article's passages to show (its best one, or N best),
    /// and fragments of other passages for the query words those lack.
    func hits(for articles: [Article]) throws -> [SearchHit] {
        var shown: [(article: Int, passage: Passage, fragments: [Passage])] = []
        for (i, a) in articles.enumerated() {
            let ordered = a.ordered
            let n = options.perDocument > 0 ? options.perDocument : ordered.count
            var chosen = Array(ordered.prefix(n))
            if chosen.isEmpty { chosen = [Passage(ordinal: 0)] }   // matched by the title alone
            var have: UInt64 = 0
            for p in chosen { have |= p.words }
            // The best other passage for each missing word, one fragment per passage.
            var fragments: [Passage] = []
            for p in ordered.dropFirst(chosen.count).sorted(by: { $0.score > $1.score }) {
                let adds = p.words & ~have
                guard adds != 0 else { continue }
                fragments.append(p)
                have |= adds
            }
            for (j, p) in chosen.enumerated() {
                shown.append((i, p, j == 0 ? fragments : []))
                if shown.count == options.limit { break }
            }
            if shown.count == options.limit { break }
        }
        guard !shown.isEmpty else { return [] }
        let docs = Set(shown.map { articles[$0.article].doc })
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.document_id, p.ordinal, d.doc_key, d.title, d.lang, d.date, d.source, d.url, d.path, sosik_text(p.text), p.kind,
                   \(Searcher.pairSQL)
            FROM passages p JOIN documents d ON d.id = p.document_id
            WHERE p.document_id IN (\(docs.map(String.init).joined(separator: ",")))
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
            let length = lang == "ko" ? 100 : 200
            var hit = SearchHit(docID: row[2], ordinal: row[1], score: a.score, passageScore: entry.passage.score,
                                title: highlighter?.highlight(title) ?? HighlightedText(text: title, ranges: []),
                                lang: lang, date: row[5], source: row[6], url: row[7], path: row[8],
                                snippet: highlighter?.snippet(text, maxLength: length) ?? HighlightedText(text: "", ranges: []),
                                text: text, kind: PassageKind(rawValue: row[10]) ?? .body, pairID: row[11])
            // Each fragment is cut around, and marks, the words it is there for.
            var shownWords = entry.passage.words
            hit.fragments = entry.fragments.compactMap { f in
                guard let r = byKey[Key(doc: a.doc, ordinal: f.ordinal)] else { return nil }
                let missing = f.words & ~shownWords
                shownWords |= f.words
                let terms = compiled.terms.indices.filter { missing & 1 << UInt64(min($0, 63)) != 0 }.map { compiled.terms[$0] }
                let marker = options.snippets ? Highlighter(query: terms.isEmpty ? compiled.terms : terms) : nil
                return SearchHit.Fragment(docID: r[2], ordinal: r[1],
                                          snippet: marker?.snippet(r[9], maxLength: length / 2)
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
