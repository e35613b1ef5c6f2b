import Foundation
import SosikText

/// Turns the user's query text into an FTS5 MATCH expression.
///
/// User text never reaches FTS5: it goes through the analyzer, and only its terms, each one
/// double-quoted, are joined with AND/OR. So `K-pop`, `"`, `(`, `AND`, `NEAR` or `*` can never be
/// read as FTS5 syntax; a query without any searchable word is an error that names the query.
///
/// ```swift
/// try QueryBuilder.expression(for: "순찰을 patrols", mode: .all).expression
/// // (("순찰") AND ("patrol"))
/// ```
public enum QueryBuilder {
    /// A query ready for FTS5.
    public struct Compiled: Sendable {
        /// The whole MATCH expression.
        public var expression: String
        /// The query's positive words, analyzed (highlighting, word coverage, explanations).
        public var terms: [QueryTerm]
        /// `--any` only: the OR-ed index terms (the searcher reads the rarer ones first).
        public var bag: [String] = []
        /// The query's items and the expression's phrases, as the ranking reads them.
        var plan = ArticlePlan()
        /// With a translator: each query word (as typed) and the translations it was given.
        public var translations: [(word: String, translations: [Translator.Translation])] = []
        /// Question words left out of the search (`withoutQuestionWords`), as typed.
        public var questionWords: [String] = []
        /// The expression as a tree, for other back ends (QueryDSL).
        var match: MatchExpression? = nil

        /// `--any`'s rarer words: the bag's terms, rarest first, whose articles (`articles`)
        /// add up to at most `cap`; none when that is none or all of them. Every article holding
        /// one of them is scored (ArticleRanking.cappedCandidates; a corpus on OpenSearch,
        /// RemoteCorpus): a word in more articles than that weighs little anyway.
        public func rareWords(upTo cap: Int, articles: (String) throws -> Double) rethrows -> [String] {
            guard bag.count > 1 else { return [] }
            var total = 0.0
            var rare: [String] = []
            for (term, n) in try bag.map({ ($0, try articles($0)) }).sorted(by: { $0.1 < $1.1 }) where n > 0 {
                guard total + n <= Double(cap) else { break }
                total += n
                rare.append(term)
            }
            return rare.count < bag.count ? rare : []
        }
    }

    public static func expression(for query: String, mode: MatchMode,
                                  analyzer: Analyzer = Analyzer()) throws -> (expression: String, terms: [QueryTerm]) {
        let c = try compile(query, mode: mode, analyzer: analyzer)
        return (c.expression, c.terms)
    }

    /// `names`: with a translator, the index's terms, for names matched by romanization
    /// (NameMatcher); nil matches none.
    /// `inside`: for a one-syllable noun, the bigrams of the index's longer words that hold it
    /// (CompoundLookup), matched as alternatives at a small weight.
    public static func compile(_ query: String, mode: MatchMode, analyzer: Analyzer = Analyzer(),
                               translator: Translator? = nil, names: NameMatcher? = nil,
                               inside: [String: [String]] = [:], words: Set<String> = []) throws -> Compiled {
        let (tree, questionWords) = withoutQuestionWords(try QueryParser.parse(query, lenient: mode == .any), analyzer: analyzer)
        var compiler = Compiler(query: query, analyzer: analyzer, makesItems: mode == .all)
        compiler.translator = translator
        compiler.inside = inside
        compiler.words = words
        if translator != nil, let names {
            compiler.names = names
            compiler.nameRuns = NameMatcher.runs(in: query)
        }
        let match: MatchExpression?
        var bag: [String] = []
        switch mode {
        case .all:
            match = try compiler.compile(tree).map { Self.byLanguage($0, items: compiler.items) ?? $0 }
        case .any:
            // A bag of words: every positive term OR-ed, each its own item (so that a word
            // counts wherever one of its terms is); exclusions still exclude.
            let (positives, negatives) = split(tree)
            for node in positives { _ = try compiler.compile(node) }
            // Translations of several terms (경찰청 → 경찰 찰청; Ministry of State Security) are
            // items of their own that need all their terms: 안전 alone is not 안전부.
            let grouped = compiler.translatedGroups
            let words = compiler.positive
            let bagWords = grouped.isEmpty ? words : words.map { w in
                var w = w
                w.alternatives = w.alternatives.filter { !grouped.contains($0) }
                return w
            }
            let terms = anyTerms(bagWords)
            bag = terms.core
            for term in bag {
                compiler.items.append(ArticlePlan.Item(words: words.indices.filter { bagWords[$0].alternatives.joined().contains(term) }, label: term))
            }
            let groups = grouped.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
            for g in groups {
                compiler.items.append(ArticlePlan.Item(words: words.indices.filter { words[$0].alternatives.contains(g) },
                                                       label: g.joined(separator: " ")))
            }
            // Extras (the bigram across a stem and its particle: 찰을 of 순찰을, 정은 of 김정은)
            // add to the score of an article that holds the word, but neither match alone nor
            // stand for the word: 에서 of 서울시에서는 is in nearly every Korean article, 정은 in
            // 결정은, 균의 of a mistyped 펭균의 in 세균의 (issue 23).
            let extras = terms.extras
            let extraItems = extras.indices.map { bag.count + groups.count + $0 }
            for term in extras {
                compiler.items.append(ArticlePlan.Item(words: words.indices.filter { bagWords[$0].extras.contains(term) },
                                                       label: term, scoresOnly: true))
            }
            var negated: [MatchExpression] = []
            for node in negatives {
                var excluded = Compiler(query: query, analyzer: analyzer)
                if let e = try excluded.compile(node) { negated.append(e) }
            }
            let core = bag.indices.map { MatchExpression.item($0, .phrase(bag[$0])) }
                + groups.indices.map { .item(bag.count + $0, .and(groups[$0].map { .phrase($0) })) }
            // FTS5 has no optional phrase: the extras are OR-ed with the core terms again, under
            // an AND that the core terms alone satisfy, so that their positions are reported.
            let any = extras.isEmpty ? MatchExpression.or(core)
                : .and([.or(core), .or(bag.map { .phrase($0) } + groups.map { .and($0.map { .phrase($0) }) }
                                         + extras.indices.map { .item(extraItems[$0], .phrase(extras[$0])) })])
            match = bag.isEmpty ? nil : negated.isEmpty ? any : .not(any, excluded: negated)
        }
        guard let match, !compiler.positive.isEmpty, !compiler.items.isEmpty else {
            if case .not = tree { throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for") }
            throw IndexError.emptyQuery(query)
        }
        var plan = ArticlePlan(items: compiler.items)
        for (term, weight) in compiler.weights where weight < 1 { plan.weights[quote(term)] = weight }
        plan.synonymSets = compiler.synonymSets.map { set in set.map { (terms: $0.terms.map(quote), p: $0.p) } }
        var requirements: [Int: ArticlePlan.Requirement] = [:]
        let expression = match.write(&plan.phrases, &requirements).text
        for (i, r) in requirements { plan.items[i].requirement = r }
        return Compiled(expression: expression, terms: compiler.positive, bag: bag, plan: plan,
                        translations: compiler.translations, questionWords: questionWords, match: match)
    }

    /// The query without its question words (QuestionWords: 왜, 무엇인가, what), when it has other
    /// words to search for: a top-level word, not quoted, not in `title:`, not excluded. Alone
    /// (`sosik search 무엇`) or quoted (`"무엇인가"`) a question word is searched like any other.
    static func withoutQuestionWords(_ tree: QueryParser.Node, analyzer: Analyzer) -> (QueryParser.Node, [String]) {
        guard case .and(let items) = tree else { return (tree, []) }
        var kept: [QueryParser.Node] = [], dropped: [String] = []
        for node in items {
            if case .word(let text, prefix: false) = node, QuestionWords.areQuestion(analyzer.queryTerms(in: text)) {
                dropped.append(text)
            } else {
                kept.append(node)
            }
        }
        // Something else to search for: a word or phrase with index terms (not `…` or `?`), or
        // a group, OR or title: part.
        func searchable(_ node: QueryParser.Node) -> Bool {
            switch node {
            case .not: return false
            case .word(let text, _), .phrase(let text): return !analyzer.queryTerms(in: text).isEmpty
            default: return true
            }
        }
        guard !dropped.isEmpty, kept.contains(where: searchable) else {
            return (tree, [])
        }
        return (kept.count == 1 ? kept[0] : .and(kept), dropped)
    }

    /// A query that mixes Korean and English words (`순찰 patrols`) asks for the story in either
    /// language: an article is in one. Its top-level words are grouped by script, and an article
    /// matches when it holds every Korean word or every English word (words in neither script,
    /// or in both, such as `2025` or `LG전자`, belong to both groups; exclusions still apply to
    /// the whole article). An article with all the words is in both groups, and the ranking's
    /// word coverage puts it first. Queries in one script are unchanged.
    static func byLanguage(_ match: MatchExpression, items: [ArticlePlan.Item]) -> MatchExpression? {
        var positive = match
        var excluded: [MatchExpression] = []
        if case .not(let p, let e) = match { positive = p; excluded = e }
        guard case .and(let parts) = positive, parts.count >= 2 else { return nil }
        var korean: [MatchExpression] = [], english: [MatchExpression] = [], both: [MatchExpression] = []
        for part in parts {
            guard case .item(let i, _) = part, items.indices.contains(i) else { return nil }
            var hangul = false, latin = false
            var label = Substring(items[i].label)
            while label.hasPrefix("title:") { label = label.dropFirst(6) }   // not an English word
            for u in label.unicodeScalars {
                let v = u.value
                if (0xAC00...0xD7A3).contains(v) || (0x1100...0x11FF).contains(v) || (0x3130...0x318F).contains(v) { hangul = true }
                if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { latin = true }
            }
            if hangul && !latin { korean.append(part) } else if latin && !hangul { english.append(part) } else { both.append(part) }
        }
        guard !korean.isEmpty, !english.isEmpty else { return nil }
        let either = MatchExpression.or([.and(korean + both), .and(english + both)])
        return excluded.isEmpty ? either : .not(either, excluded: excluded)
    }

    /// Top-level positive items and excluded items.
    static func split(_ node: QueryParser.Node) -> (positive: [QueryParser.Node], negative: [QueryParser.Node]) {
        let items: [QueryParser.Node]
        if case .and(let list) = node { items = list } else { items = [node] }
        var pos: [QueryParser.Node] = [], neg: [QueryParser.Node] = []
        for item in items {
            if case .not(let inner) = item { neg.append(inner) } else { pos.append(item) }
        }
        return (pos, neg)
    }

    /// The terms an --any query scores by: `core`, those that match (a word's alternatives), and
    /// `extras`, those that only add to the score (QueryTerm.extras), each term once.
    static func anyTerms(_ terms: [QueryTerm]) -> (core: [String], extras: [String]) {
        var seen = Set<String>()
        let core = terms.flatMap { term -> [String] in
            // A long word (5+ syllables: 4+ bigrams) scores by every other bigram: with all
            // of them, 조선민주주의인민공화국 outweighs the rest of a headline nine to one.
            // (ko-titles MRR@10 .935 → .939; other sets unchanged.)
            // Proximity (NEAR groups of neighbouring words) and whole-word phrases were tried
            // too and dropped: they lost 0.004–0.01 MRR@10 on ko-titles and en-headlines.
            let required = term.alternatives[0]
            guard required.count >= 4, required.allSatisfy({ Self.isHangulBigram($0) }) else { return Array(term.alternatives.joined()) }
            var kept = stride(from: 0, to: required.count, by: 2).map { required[$0] }
            if required.count % 2 == 0 { kept.append(required[required.count - 1]) }
            return kept + Array(term.alternatives.dropFirst().joined())
        }.filter { seen.insert($0).inserted }
        let extras = terms.flatMap(\.extras).filter { seen.insert($0).inserted }
        return (core, extras)
    }

    /// Compiles a query tree for "all words" matching, collecting the positive terms (for
    /// highlighting and word coverage) and, with `makesItems`, the query's items: each word,
    /// phrase or `title:` part outside an exclusion (ArticlePlan).
    struct Compiler {
        let query: String
        let analyzer: Analyzer
        let makesItems: Bool
        var positive: [QueryTerm] = []
        var items: [ArticlePlan.Item] = []
        var translator: Translator?
        var names: NameMatcher?
        /// Each capitalized word of a run of them (`Kim Jong Un`) → the whole run.
        var nameRuns: [String: String] = [:]
        /// Each translated term's weight: the best of the translations it is in (1 for a term of
        /// a word as typed); see `translationWeight`.
        var weights: [String: Double] = [:]
        /// One-syllable nouns → bigrams of longer words that hold them.
        var inside: [String: [String]] = [:]
        /// Korean query words (as typed) that the index shows taking particles of their own.
        var words: Set<String> = []
        /// Translations of several index terms (with --any, each an item that needs them all).
        var translatedGroups = Set<[String]>()
        /// Each query word that has other spellings or translations: its alternatives with their
        /// probabilities (ArticlePlan.synonymSets).
        var synonymSets: [[(terms: [String], p: Double)]] = []
        var translations: [(word: String, translations: [Translator.Translation])] = []
        private var inItem = false

        init(query: String, analyzer: Analyzer, makesItems: Bool = false) {
            self.query = query
            self.analyzer = analyzer
            self.makesItems = makesItems
        }

        /// nil when the node holds nothing searchable (only punctuation).
        mutating func compile(_ node: QueryParser.Node) throws -> MatchExpression? {
            switch node {
            case .word, .phrase, .title:
                guard makesItems && !inItem else { return try part(node) }
                let before = positive.count
                inItem = true
                defer { inItem = false }
                guard let e = try part(node) else { return nil }
                items.append(ArticlePlan.Item(words: Array(before..<positive.count), label: Self.label(node)))
                return .item(items.count - 1, e)
            case .and(let parts):
                var pos: [MatchExpression] = [], neg: [MatchExpression] = []
                for item in parts {
                    if case .not(let inner) = item {
                        var excluded = Compiler(query: query, analyzer: analyzer)
                        if let e = try excluded.compile(inner) { neg.append(e) }
                    } else if let e = try compile(item) {
                        pos.append(e)
                    }
                }
                guard !pos.isEmpty else {
                    if neg.isEmpty { return nil }
                    throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for")
                }
                return neg.isEmpty ? .and(pos) : .not(.and(pos), excluded: neg)
            case .or(let parts):
                var compiled: [MatchExpression] = []
                for item in parts {
                    if case .not = item {
                        throw IndexError.badQuery(query: query, column: 1, message: "cannot exclude inside OR; exclude outside it")
                    }
                    if let e = try compile(item) { compiled.append(e) }
                }
                if compiled.isEmpty { return nil }
                return compiled.count == 1 ? compiled[0] : .or(compiled)
            case .not:
                throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for")
            }
        }

        /// A word, a phrase or a `title:` part.
        private mutating func part(_ node: QueryParser.Node) throws -> MatchExpression? {
            switch node {
            case .word(let w, let prefix):
                var terms = analyzer.queryTerms(in: w)
                guard !terms.isEmpty else { return nil }
                if !prefix { terms = terms.map { expand($0) } }
                if !inside.isEmpty { terms = terms.map { withCompounds($0) } }
                positive += terms
                if prefix, let p = Self.prefixTerm(w, terms) { return .phrase(p, prefix: true) }
                return Self.all(terms, words: words)
            case .phrase(let text):
                var terms = analyzer.queryTerms(in: text)
                guard !terms.isEmpty else { return nil }
                if terms.count == 1 {
                    if translator != nil { terms = terms.map { expand($0) } }
                    positive += terms
                    return Self.all(terms, words: words)
                }
                let original = Self.phraseExpression(terms.map { $0.alternatives[0] })
                guard let translator else {
                    positive += terms
                    return original
                }
                // Translated: the phrase as typed, or its glossary entry as a whole (home visits
                // → 가정방문), or the words' translations in a NEAR group, word by word.
                // Each word also gets its translations as alternatives, for --any (a bag of
                // words), highlighting and word coverage.
                var alternatives = [original]
                let whole = translator.translations(ofTerms: terms.flatMap { $0.alternatives[0] }, surface: text)
                    .filter { $0.source != "lexicon" }
                for t in whole {
                    alternatives.append(.phrase(t.terms.joined(separator: " ")))
                    for x in t.terms { weights[x] = max(weights[x] ?? 0, 1) }
                }
                if !whole.isEmpty { translations.append(("\"" + text + "\"", whole)) }
                // Each word's two best translations; a NEAR group for each combination (at most 8).
                var combinations: [[[String]]] = [[]]
                for term in terms {
                    let expanded = expand(term)
                    positive.append(expanded)
                    let best = (translations.last?.translations ?? []).prefix(2).map(\.terms)
                    combinations = combinations.flatMap { c in best.map { c + [$0] } }.prefix(8).map { $0 }
                }
                for c in combinations where c.count == terms.count { alternatives.append(Self.phraseExpression(c)) }
                return alternatives.count == 1 ? original : .or(alternatives)
            case .title(let inner):
                return try compile(inner).map { .title($0) }
            default:
                return try compile(node)
            }
        }

        /// A one-syllable noun with the longer words that hold it, at CompoundLookup.weight.
        mutating func withCompounds(_ term: QueryTerm) -> QueryTerm {
            guard let s = term.alternatives.first(where: { $0.count == 1 && CompoundLookup.isSyllable($0[0]) })?[0],
                  let compounds = inside[s] else { return term }
            var term = term
            if compounds.isEmpty {
                // The first tier of such a search (Searcher.search): the noun as a word of its own
                // only — not 핵이 or 군에 에서 as bigrams, which 탄핵이 and 미군에서 also hold.
                term.alternatives = [[s]]
                return term
            }
            for b in compounds where !term.alternatives.contains([b]) {
                term.alternatives.append([b])
                weights[b] = min(weights[b] ?? 1, CompoundLookup.weight)
            }
            return term
        }

        /// A query word with its other spellings and, with a translator, its translations, as
        /// alternatives: `여성` also matches `녀성`; with --translate `police` also `경찰`.
        mutating func expand(_ term: QueryTerm) -> QueryTerm {
            var term = term
            var seen = Set(term.alternatives)
            // North Korean spelling (query side only): the first term's first syllable. Always
            // when every word must match (an alternative that is absent costs nothing); with
            // --any only when translating, since the bag of words has no alternatives: variant
            // terms that never occur were taken for the query's rarest words (ko-titles MRR@10
            // 0.942 → 0.939 with them in the bag).
            let typed = term.alternatives[0]
            var spellings: [String] = []   // first terms of the other spellings
            if makesItems || translator != nil, let first = typed.first, first.unicodeScalars.count >= 2 {
                for variant in NorthKoreanSpelling.variants(of: first) {
                    let alternative = [variant] + typed.dropFirst()
                    if seen.insert(alternative).inserted {
                        term.alternatives.append(alternative)
                        spellings.append(variant)
                    }
                }
            }
            var synonyms: [Translator.Translation] = []
            if let translator {
                var found: [Translator.Translation] = []
                if let run = nameRuns[NameMatcher.bare(term.surface)] {
                    // A word of a name in several words (Kim Jong Un): the whole name's glossary
                    // entry, else its romanization, stands for each of its words (Un alone is
                    // the UN).
                    let runTerms = analyzer.queryTerms(in: run).flatMap { $0.alternatives[0] }
                    found = translator.translations(ofTerms: runTerms, surface: run).filter { $0.source != "lexicon" }
                    if found.isEmpty, let names { found = names.translations(ofName: run) }
                }
                if found.isEmpty { found = translator.translations(of: term) }
                // A name neither the lexicon nor the glossary knows (romanization), and what
                // sounds alike (Searcher's second compile).
                if let names { found = names.completed(found, for: term, analyzer: analyzer) }
                for own in term.alternatives.joined() { weights[own] = 1 }
                // The set takes the renderings that are the same word (the glossary's, a name's),
                // not the lexicon's: learned from bigrams, those are often part of the word
                // (수퍼컴퓨터 → comput, supercomput), where the rarer one is the better evidence
                // (with them in the set, held-out ko→en R@10 .827 → .819).
                synonyms = found.filter { $0.source != "lexicon" }
                for t in found {
                    // A word that must match (all words): its weak translations rank after its
                    // strong ones. In a bag of words (--any) every translation is evidence by its
                    // probability (demoting the weak ones there cost held-out cross-lingual MRR@10
                    // .729 → .724 en→ko, .705 → .690 ko→en).
                    let weight = t.weak && makesItems ? QueryBuilder.weakTranslationWeight : QueryBuilder.translationWeight(t.weight)
                    for x in t.terms { weights[x] = max(weights[x] ?? 0, weight) }
                    if seen.insert(t.terms).inserted {
                        term.alternatives.append(t.terms)
                        if t.terms.count > 1 { translatedGroups.insert(t.terms) }
                    }
                }
                translations.append((term.surface, found))
            }
            // The word as typed and what stands for it: one synonym set (ArticlePlan.synonymSets).
            // Another spelling differs in the first term only, so without translations the set
            // compares first terms.
            let own = synonyms.isEmpty ? Array(typed.prefix(1)) : typed
            let set = [(terms: own, p: 1.0)] + spellings.map { ([$0], 1.0) } + synonyms.map { ($0.terms, $0.weight) }
            if set.count > 1 { synonymSets.append(set) }
            // An article with the word only in another spelling ranks after those with it as
            // typed: the user's own words first (a North Korean spelling is only ever right at
            // the start of a word, which bigrams cannot tell: 녀야 for 여야 is in 다녀야).
            for v in spellings where !typed.contains(v) {
                weights[v] = min(weights[v] ?? 1, QueryBuilder.otherSpellingWeight)
            }
            return term
        }

        /// An item as the user wrote it, near enough for an explanation.
        static func label(_ node: QueryParser.Node) -> String {
            switch node {
            case .word(let w, let prefix): return w + (prefix ? "*" : "")
            case .phrase(let p): return "\"" + p + "\""
            case .title(let inner): return "title:" + label(inner)
            case .not(let inner): return "-" + label(inner)
            case .and(let items): return "(" + items.map(label).joined(separator: " ") + ")"
            case .or(let items): return "(" + items.map(label).joined(separator: " OR ") + ")"
            }
        }

        /// Words (each its index terms) as a phrase: English and other spaced scripts an exact
        /// phrase; Korean, where particles and endings sit between the words, the words within
        /// a window, narrower than the boundary between two passages (ArticleText), so that a
        /// phrase never matches across a paragraph break.
        static func phraseExpression(_ words: [[String]]) -> MatchExpression {
            if words.allSatisfy({ $0.count == 1 && !$0[0].unicodeScalars.contains { $0.value >= 0x1100 } }) {
                return .phrase(words.map { $0[0] }.joined(separator: " "))
            }
            return .near(words.map { $0.joined(separator: " ") },
                         distance: min(3 * (words.count - 1), ArticleText.boundaryWidth - 1))
        }

        /// Every word's alternatives, AND-ed.
        /// `words`: query words (as typed) that the index shows as words of their own.
        static func all(_ terms: [QueryTerm], words: Set<String> = []) -> MatchExpression {
            let groups = terms.map { term -> MatchExpression in
                var alternatives = term.alternatives.map { MatchExpression.and($0.map { .phrase($0) }) }
                if let exact = term.exact {
                    // A word of its own in this index (김정은: 김정은이, 김정은의 are there): as
                    // typed, its bigrams in a row — not its stem 김정, which 김정일 holds. Else its
                    // stem, the stem's bigrams in a row (김정은이: 김정 정은, not 김정일 … 박정은).
                    alternatives[0] = .phrase(words.contains(term.surface) ? exact : term.alternatives[0].joined(separator: " "))
                    if words.contains(term.surface) {
                        // Its other spellings (리지은 for 이지은) as whole words too, not as the
                        // lone bigram 리지 or 니지 (아니지만).
                        let typed = exact.split(separator: " ").map(String.init)
                        let rest = Array(term.alternatives[0].dropFirst())
                        for (i, alt) in term.alternatives.enumerated().dropFirst() where alt.count == term.alternatives[0].count
                            && Array(alt.dropFirst()) == rest && !typed.isEmpty {
                            alternatives[i] = .phrase(([alt[0]] + typed.dropFirst()).joined(separator: " "))
                        }
                    }
                }
                return alternatives.count == 1 ? alternatives[0] : .or(alternatives)
            }
            return groups.count == 1 ? groups[0] : .and(groups)
        }

        /// `polic` (a prefix) for police*: the longest common start of the typed word and its stem, so that
        /// the prefix still matches the stems the index holds. Only for single Latin words;
        /// Korean bigrams match inside longer words anyway.
        static func prefixTerm(_ word: String, _ terms: [QueryTerm]) -> String? {
            guard terms.count == 1, terms[0].alternatives.count == 1, terms[0].alternatives[0].count == 1 else { return nil }
            let stem = terms[0].alternatives[0][0]
            guard stem.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
            let typed = word.lowercased()
            let common = zip(typed, stem).prefix { $0 == $1 }.map { $0.0 }
            guard !common.isEmpty else { return nil }
            return String(common)
        }
    }

    /// How much a translated term counts (its IDF is multiplied by this), from the translation's
    /// weight (lexicon probability; 1 for the glossary and romanization).
    /// (Held-out MRR@10 en→ko / ko→en: every translation 1, as before, .663 / .644; √p .682 /
    /// .659; p .680 / .653; p^0.3 and p^0.7 lower than √p.)
    static func translationWeight(_ p: Double) -> Double {
        p.squareRoot()
    }

    /// The weight of a weak translation (Translator.Translation.weak): an article found only by
    /// it ranks below the articles that have a strong one.
    static let weakTranslationWeight = 0.02
    /// The weight of another spelling of a query word (North Korean 녀성 for 여성): an article
    /// found only by it ranks below the articles with the word as typed (as weak translations
    /// and the longer words that hold a one-syllable noun do).
    static let otherSpellingWeight = 0.02

    static func isHangulBigram(_ term: String) -> Bool {
        let scalars = term.unicodeScalars
        return scalars.count == 2 && scalars.allSatisfy { (0xAC00...0xD7A3).contains($0.value) }
    }

    /// An FTS5 string literal: double quotes doubled inside.
    static func quote(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
