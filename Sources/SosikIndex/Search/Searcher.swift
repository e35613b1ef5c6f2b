import Foundation
import GRDB
import SosikText

/// Runs queries against an index and returns ranked passages; knows nothing about output.
///
/// ```swift
/// let hits = try Searcher(database: index).search("경찰 순찰")
/// print(hits.first?.snippet.matches ?? [])   // ["경찰", "순찰"]
/// ```
public struct Searcher: Sendable {
    public let database: IndexDatabase
    /// When `database` holds only the articles fetched for each search (a scratch index):
    /// the corpus they come from (`sosik search --opensearch`).
    public let corpus: WholeCorpus?
    private let analyzer = Analyzer()

    public init(database: IndexDatabase, corpus: WholeCorpus? = nil) {
        self.database = database
        self.corpus = corpus
    }

    /// What compiling a query asks of the corpus: of the index, or of the whole corpus.
    struct Lookups {
        /// Whether some article holds one of these phrases (index terms in a row).
        var holdsAny: ([[String]]) throws -> Bool
        var compounds: (String) throws -> [String]
        var names: () -> NameMatcher
        /// The title and text of the best articles of a first search (sound-alike names).
        var bestTexts: (QueryBuilder.Compiled, SearchOptions) throws -> [String]
    }

    /// Look-ups in the index itself, inside a read.
    private func lookups(_ db: Database) -> Lookups {
        Lookups(
            holdsAny: { phrases in
                let statement = try db.cachedStatement(sql: "SELECT 1 FROM article_fts WHERE article_fts MATCH ? LIMIT 1")
                let forms = phrases.map { QueryBuilder.quote($0.joined(separator: " ")) }
                return try Int.fetchOne(statement, arguments: [forms.joined(separator: " OR ")]) != nil
            },
            compounds: { try CompoundLookup.compounds(of: $0, db) },
            names: { NameMatcher(db) },
            bestTexts: { compiled, options in try Self.bestTexts(compiled, options: options, corpus: nil, db) })
    }

    /// Look-ups in the whole corpus, outside any read: a first search gathers its articles into
    /// the scratch index before ranking them there.
    func lookups(_ corpus: WholeCorpus) -> Lookups {
        Lookups(
            holdsAny: { try corpus.holdsAny($0) },
            compounds: { try corpus.compounds(of: $0) },
            names: { NameMatcher { terms in (try? corpus.holdsAny([terms])) ?? false } },
            bestTexts: { compiled, options in
                let keys = try corpus.gather(compiled, options: options)
                return try database.pool.read { db in
                    try Self.bestTexts(compiled, options: try Self.scratchOptions(options, only: keys, db), corpus: corpus, db)
                }
            })
    }

    /// `options` for ranking in a scratch index: only the articles gathered for the query
    /// (`keys`, their ids), and no run filter (the corpus applied it while gathering; the
    /// scratch index's runs are its own).
    static func scratchOptions(_ options: SearchOptions, only keys: [String], _ db: Database) throws -> SearchOptions {
        var o = options
        o.sinceRun = nil
        o.only = keys.isEmpty ? [] : try Int64.fetchAll(
            db, sql: "SELECT id FROM documents WHERE doc_key IN (\(keys.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(keys))
        return o
    }

    /// The query as it will run: its FTS5 expression and, with a translator, the translations
    /// of its words (including names found in this index by their romanization).
    public func compiled(_ query: String, options: SearchOptions = SearchOptions()) throws -> QueryBuilder.Compiled {
        do {
            if let corpus { return try compile(query, options: options, lookups(corpus)) }
            return try database.pool.read { db in try compile(query, options: options, db) }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "reading \(database.path)", message: error.message ?? "\(error.resultCode)")
        }
    }

    /// Articles of a first search whose text is read for words that sound like the query's
    /// untranslated ones (NameMatcher.findSoundAlikes).
    static let soundAlikeArticles = 10

    /// The query compiled as every reader uses it (counts, facets, trends): with a one-syllable
    /// noun also inside longer words.
    func compile(_ query: String, options: SearchOptions, _ db: Database) throws -> QueryBuilder.Compiled {
        try compile(query, options: options, lookups(db))
    }

    /// The same, with the look-ups of a whole corpus or of the index.
    func compile(_ query: String, options: SearchOptions, _ lookups: Lookups) throws -> QueryBuilder.Compiled {
        try tiers(query, options: options, lookups).last!
    }

    /// The query as `search` ranks it, in tiers: one, or — for a one-syllable noun alone (핵),
    /// or written with * (핵*) — two: the noun as a word of its own, then also inside longer
    /// words (CompoundLookup), whose matches rank after the first tier's. The index is asked
    /// once; the tiers differ in what is compiled from the answers.
    func tiers(_ query: String, options: SearchOptions, _ lookups: Lookups) throws -> [QueryBuilder.Compiled] {
        let tree = try QueryParser.parse(query, lenient: options.mode == .any)
        let words = try Self.wordsOfTheirOwn(in: tree, analyzer: analyzer, lookups.holdsAny)
        // Not for a word the index shows as a word of its own (회의: 회의를, 회의에서 are there).
        // (A translation that is a one-syllable noun, nuclear → 핵, is not looked up: the look-up
        // of every bigram that ends with it took up to 0.5 s on a million passages, Scripts/bench.)
        var inside: [String: [String]] = [:]
        for s in CompoundLookup.syllables(in: tree, analyzer: analyzer, except: words) {
            inside[s] = try lookups.compounds(s)
        }
        let names = options.translator != nil ? lookups.names() : nil
        func build(_ inside: [String: [String]]) throws -> QueryBuilder.Compiled {
            try QueryBuilder.compile(query, mode: options.mode, analyzer: analyzer, translator: options.translator,
                                     names: names, inside: inside, words: words)
        }
        var compiled = try build(inside)
        if let names, try findSoundAlikes(compiled, names: names, options: options, lookups) { compiled = try build(inside) }
        // The first tier: an empty list of longer words keeps only the noun as a word of its own.
        return inside.isEmpty ? [compiled] : [try build(inside.mapValues { _ in [] }), compiled]
    }

    /// Words that found no translation (a foreign name: Sturridge, 스터리지): the query is run
    /// with the others, and the best articles are read for words that sound alike (into
    /// `names`). True when some were found, so that the query is compiled again.
    private func findSoundAlikes(_ compiled: QueryBuilder.Compiled, names: NameMatcher, options: SearchOptions,
                                 _ lookups: Lookups) throws -> Bool {
        // A Korean word is tried too when only the lexicon translated it: the lexicon translates
        // Korean by its bigrams, which a loanword shares with unrelated words (다니엘 → rode,
        // 스터리지 → manchest). (Held-out MRR@10 ko→en .700 → .705; the same for English words
        // lowered en→ko from .729 to .705, so it is not done.)
        let untranslated = compiled.terms.filter { term in
            let korean = NameMatcher.hangulStem(term.alternatives[0]) != nil
            return compiled.translations.contains { entry in
                entry.word == term.surface
                    && (entry.translations.isEmpty || (korean && entry.translations.allSatisfy { $0.source == "lexicon" }))
            } && NameMatcher.soundsMatchable(term)
        }
        guard !untranslated.isEmpty, compiled.translations.contains(where: { !$0.translations.isEmpty }) else { return false }
        var first = options
        first.limit = Self.soundAlikeArticles
        first.sort = .relevance
        first.snippets = false
        first.explain = false
        names.findSoundAlikes(of: untranslated, in: try lookups.bestTexts(compiled, first), analyzer: analyzer)
        return !names.soundAlikes.isEmpty
    }

    /// The title and text of the best articles for `compiled`, best first.
    private static func bestTexts(_ compiled: QueryBuilder.Compiled, options: SearchOptions, corpus: WholeCorpus?,
                                  _ db: Database) throws -> [String] {
        let ranking = try ArticleRanking(db, compiled: compiled, options: options, corpus: corpus)
        let statement = try db.cachedStatement(sql: "SELECT title || ' ' || text FROM article_content WHERE id = ?")
        return try ranking.ranked().compactMap { try String.fetchOne(statement, arguments: [$0.doc]) }
    }

    /// The Korean words of the query, as typed, that the index shows taking a particle of
    /// their own (김정은이, 김정은의, 제주도에, 회의를): words, not a stem with a particle
    /// (QueryTerm.exact). One FTS5 look-up per such word: its bigrams followed by the bigram of
    /// its last syllable and a particle, in a row.
    static func wordsOfTheirOwn(in tree: QueryParser.Node, analyzer: Analyzer,
                                _ holdsAny: ([[String]]) throws -> Bool) throws -> Set<String> {
        var nodes = Set<QueryParser.Node>()
        tree.collectWords(into: &nodes)
        let leaves = nodes.compactMap { node -> String? in
            switch node {
            case .word(let w, _): return w
            case .phrase(let p): return p   // "김정은" is still one word
            default: return nil
            }
        }
        var out = Set<String>()
        for w in leaves {
            for t in analyzer.queryTerms(in: w) where !out.contains(t.surface) {
                // 김정은 → 김정 정은; a one-syllable stem's word, 회의 → 회의.
                var bigrams: [String] = []
                if let exact = t.exact {
                    bigrams = exact.split(separator: " ").map(String.init)
                } else if t.alternatives.count >= 2, t.alternatives[0].count == 1, CompoundLookup.isSyllable(t.alternatives[0][0]),
                          !t.alternatives[1].isEmpty, t.alternatives[1].allSatisfy(QueryBuilder.isHangulBigram) {
                    bigrams = t.alternatives[1]   // 회의, 전라도 (전 + 라도)
                }
                guard let last = bigrams.last?.unicodeScalars.last else { continue }
                // Particles that would only lengthen the word's own ending (군에서 + 는 = 군 +
                // 에서는) are no evidence.
                let stemLength = t.exact != nil ? t.alternatives[0].count + 1 : 1
                let ending = String(String.UnicodeScalarView(t.surface.unicodeScalars.filter { (0xAC00...0xD7A3).contains($0.value) }.dropFirst(stemLength)))
                let particles = Self.particles.filter { !Analyzer.isKnownSuffix(ending + $0) }
                guard !particles.isEmpty else { continue }
                if try holdsAny(particles.map { p in bigrams + [String(last) + p] }) { out.insert(t.surface) }
            }
        }
        return out
    }

    /// Case particles that follow a noun (the evidence that a word is a noun of its own).
    static let particles = ["이", "가", "은", "는", "을", "를", "의", "에", "와", "과", "도", "로"]

    /// Two articles are near-duplicates when about this share of the smaller one's word
    /// 3-shingles is in the other (Signature.containment): measured with
    /// Scripts/measure-duplicates (docs/measurements.md, "Near-duplicates").
    public static let duplicateThreshold = 0.6
    /// Articles of fewer shingles than this are never collapsed (a two-line notice is no copy).
    public static let duplicateMinimumShingles = 12

    /// Ranked articles with each near-duplicate folded into the first (best-ranked) article it
    /// resembles: the articles kept, in order, and each kept article's duplicates (document ids,
    /// by the kept article's document id).
    static func collapse(_ articles: [ArticleRanking.Article], _ db: Database) throws
        -> (kept: [ArticleRanking.Article], duplicates: [String: [String]]) {
        guard articles.count > 1 else { return (articles, [:]) }
        var signatures: [Int64: Signature] = [:], keys: [Int64: String] = [:]
        let ids = articles.map { String($0.doc) }.joined(separator: ",")
        for row in try Row.fetchAll(db, sql: "SELECT id, doc_key, signature FROM documents WHERE id IN (\(ids))") {
            keys[row[0]] = row[1]
            if let data = row[2] as Data?, let s = Signature(blob: data), s.shingles >= duplicateMinimumShingles {
                signatures[row[0]] = s
            }
        }
        var kept: [ArticleRanking.Article] = [], duplicates: [String: [String]] = [:]
        for a in articles {
            if let s = signatures[a.doc],
               let original = kept.first(where: { k in signatures[k.doc].map { $0.containment(s) >= duplicateThreshold } ?? false }),
               let key = keys[original.doc], let copy = keys[a.doc] {
                duplicates[key, default: []].append(copy)
            } else {
                kept.append(a)
            }
        }
        return (kept, duplicates)
    }

    /// See `SearchOptions.maxCandidates`.
    public static let defaultMaxCandidates = 2_000

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        do {
            if let corpus {
                // The whole corpus is asked while compiling; each tier's best articles are
                // brought into the scratch index, and ranked there.
                let tiers = try tiers(query, options: options, lookups(corpus))
                var keys: [String] = []
                for tier in tiers { keys += try corpus.gather(tier, options: options) }
                return try database.pool.read { db in try rank(tiers, options: try Self.scratchOptions(options, only: keys, db), db) }
            }
            return try database.pool.read { db in
                // A one-syllable noun alone: the articles with it as a word of its own first,
                // ranked among themselves; then those with it only inside longer words.
                try rank(try tiers(query, options: options, lookups(db)), options: options, db)
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "searching \(quoted(query)) in \(database.path)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }

    /// The hits of a query compiled in tiers (`tiers`).
    private func rank(_ tiers: [QueryBuilder.Compiled], options: SearchOptions, _ db: Database) throws -> [SearchHit] {
        var wider = options
        if options.collapse { wider.limit = options.limit * 3 + 20 }   // collapsing: keep the page full
        var rankings: [ArticleRanking] = []
        var ranked: [[ArticleRanking.Article]] = []   // per tier, in order
        var seen = Set<Int64>()
        for tier in tiers where seen.count < wider.limit {
            var o = wider
            o.limit = wider.limit + seen.count
            let ranking = try ArticleRanking(db, compiled: tier, options: o, corpus: corpus)
            rankings.append(ranking)
            ranked.append(try ranking.ranked().filter { seen.count < wider.limit && seen.insert($0.doc).inserted })
        }
        func hits(keeping kept: Set<Int64>? = nil) throws -> [SearchHit] {
            try zip(rankings, ranked).flatMap { ranking, articles in
                try ranking.hits(for: kept.map { k in articles.filter { k.contains($0.doc) } } ?? articles)
            }
        }
        guard options.collapse else { return try hits() }
        let (kept, duplicates) = try Self.collapse(Array(ranked.joined()), db)
        var hits = try hits(keeping: Set(kept.prefix(options.limit).map(\.doc)))
        // By document id: with --per-doc an article has several hits.
        for i in hits.indices { hits[i].duplicates = duplicates[hits[i].docID] ?? [] }
        return hits
    }

    /// How many hits the query has (articles with the default one passage per article;
    /// passages, at most N per article, otherwise), whatever the limit.
    public func count(_ query: String, options: SearchOptions = SearchOptions()) throws -> Int {
        do {
            if let corpus {
                // Articles, counted by the corpus (passages per article would need them all).
                guard options.perDocument == 1 else { throw IndexError.unsupported("--per-doc with --count over a remote index") }
                return try corpus.count(try compile(query, options: options, lookups(corpus)), options: options)
            }
            return try database.pool.read { db in
                let compiled = try compile(query, options: options, db)
                return try ArticleRanking(db, compiled: compiled, options: options).count()
            }
        } catch let error as DatabaseError {
            throw IndexError.database(context: "counting \(quoted(query)) in \(database.path)",
                                      message: error.message ?? "\(error.resultCode)")
        }
    }

    /// The other side of a translation pair of document `d`: its own `translation_of`, or a
    /// document that names it (pairs may be declared on one side only).
    static let pairSQL = """
        COALESCE(d.translation_of, (SELECT x.doc_key FROM documents x WHERE x.translation_of = d.doc_key LIMIT 1))
        """
}
