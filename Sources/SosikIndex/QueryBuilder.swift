import Foundation
import SosikText

/// How query words combine.
public enum MatchMode: String, Sendable {
    /// Every query word must match (the default, like a web search engine).
    case all
    /// Any word may match; passages are ranked by how many and how rare (natural-language questions).
    case any
}

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
        /// `--any` only: the OR-ed index terms, and the exclusions appended to them
        /// (` NOT (…)`, or empty). The searcher can rank a subset of the terms with them.
        public var bag: [String] = []
        public var exclusions = ""
        /// The query as the searcher evaluates it: per article (ArticlePlan).
        var plan = ArticlePlan(root: .or([]), leaves: [])

        /// The --any expression over some of the bag's terms.
        func anyExpression(_ subset: [String]) -> String {
            "(" + subset.map(QueryBuilder.quote).joined(separator: " OR ") + ")" + exclusions
        }
    }

    public static func expression(for query: String, mode: MatchMode,
                                  analyzer: Analyzer = Analyzer()) throws -> (expression: String, terms: [QueryTerm]) {
        let c = try compile(query, mode: mode, analyzer: analyzer)
        return (c.expression, c.terms)
    }

    public static func compile(_ query: String, mode: MatchMode, analyzer: Analyzer = Analyzer()) throws -> Compiled {
        let tree = try QueryParser.parse(query, lenient: mode == .any)
        var compiler = Compiler(query: query, analyzer: analyzer)
        let expression: String?
        var bag: [String] = [], exclusions = ""
        var plan = ArticlePlan(root: .or([]), leaves: [])
        switch mode {
        case .all:
            expression = try compiler.compile(tree)
            var builder = PlanBuilder(query: query, analyzer: analyzer)
            if let root = try builder.node(tree, positive: true) {
                plan = ArticlePlan(root: root, leaves: builder.leaves)
            }
        case .any:
            // A bag of words: every positive term OR-ed; exclusions still exclude.
            let (positives, negatives) = split(tree)
            for node in positives { _ = try compiler.compile(node) }
            bag = anyTerms(compiler.positive)
            var negated: [String] = []
            for node in negatives {
                var excluded = Compiler(query: query, analyzer: analyzer)
                if let e = try excluded.compile(node) { negated.append(e) }
            }
            exclusions = negated.map { " NOT (\($0))" }.joined()
            expression = bag.isEmpty ? nil : "(" + bag.map(quote).joined(separator: " OR ") + ")" + exclusions
            // Per article: any bag term, each its own leaf (so that a word counts wherever one
            // of its terms is), minus the articles that hold an excluded item anywhere.
            var builder = PlanBuilder(query: query, analyzer: analyzer)
            let words = compiler.positive
            let any = ArticlePlan.Node.or(bag.map { term in
                builder.leaf(quote(term), positive: true,
                             words: words.indices.filter { words[$0].allTerms.contains(term) }, label: term)
            })
            var excluded: [ArticlePlan.Node] = []
            for node in negatives { if let n = try builder.node(node, positive: false) { excluded.append(n) } }
            plan = ArticlePlan(root: excluded.isEmpty ? any : .and([any], not: excluded), leaves: builder.leaves)
        }
        guard expression != nil, !compiler.positive.isEmpty, !plan.leaves.isEmpty else {
            if case .not = tree { throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for") }
            throw IndexError.emptyQuery(query)
        }
        // The MATCH expression as the plan writes it (the same structure), so that each item
        // knows its phrases in it (ArticlePlan.rendered).
        return Compiled(expression: plan.rendered().expression, terms: compiler.positive, bag: bag, exclusions: exclusions, plan: plan)
    }

    /// Builds the article-level plan of a query tree: each word, phrase or `title:` item is a
    /// leaf, an FTS5 expression that one passage must match (a word's terms, a phrase's words in
    /// order, a Korean NEAR group); AND, OR and NOT combine the articles the leaves find.
    /// Positive leaves know which query words (indices into `Compiler.positive`) they stand for.
    struct PlanBuilder {
        let query: String
        let analyzer: Analyzer
        /// The positive words, numbered as the Compiler of the whole query numbers them.
        var compiler: Compiler
        var leaves: [ArticlePlan.Leaf] = []

        init(query: String, analyzer: Analyzer) {
            self.query = query
            self.analyzer = analyzer
            self.compiler = Compiler(query: query, analyzer: analyzer)
        }

        mutating func leaf(_ expression: String, positive: Bool, words: [Int], label: String) -> ArticlePlan.Node {
            leaves.append(ArticlePlan.Leaf(expression: expression, positive: positive, words: words, label: label))
            return .leaf(leaves.count - 1)
        }

        mutating func node(_ node: QueryParser.Node, positive: Bool) throws -> ArticlePlan.Node? {
            switch node {
            case .word, .phrase, .title:
                let label: String
                switch node {
                case .word(let w, let prefix): label = w + (prefix ? "*" : "")
                case .phrase(let p): label = "\"" + p + "\""
                default: label = "title:" + Self.label(node)
                }
                if positive {
                    let before = compiler.positive.count
                    guard let e = try compiler.compile(node) else { return nil }
                    return leaf(e, positive: true, words: Array(before..<compiler.positive.count), label: label)
                }
                var excluded = Compiler(query: query, analyzer: analyzer)
                guard let e = try excluded.compile(node) else { return nil }
                return leaf(e, positive: false, words: [], label: label)
            case .and(let items):
                var pos: [ArticlePlan.Node] = [], neg: [ArticlePlan.Node] = []
                for item in items {
                    if case .not(let inner) = item {
                        if let n = try self.node(inner, positive: false) { neg.append(n) }
                    } else if let n = try self.node(item, positive: positive) {
                        pos.append(n)
                    }
                }
                guard !pos.isEmpty else {
                    if neg.isEmpty { return nil }
                    throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for")
                }
                return pos.count == 1 && neg.isEmpty ? pos[0] : .and(pos, not: neg)
            case .or(let items):
                var parts: [ArticlePlan.Node] = []
                for item in items {
                    if case .not = item {
                        throw IndexError.badQuery(query: query, column: 1, message: "cannot exclude inside OR; exclude outside it")
                    }
                    if let n = try self.node(item, positive: positive) { parts.append(n) }
                }
                if parts.isEmpty { return nil }
                return parts.count == 1 ? parts[0] : .or(parts)
            case .not:
                throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for")
            }
        }

        /// A `title:` item as the user wrote it, near enough for an explanation.
        static func label(_ node: QueryParser.Node) -> String {
            switch node {
            case .word(let w, let prefix): return w + (prefix ? "*" : "")
            case .phrase(let p): return "\"" + p + "\""
            case .title(let inner): return label(inner)
            case .not(let inner): return "-" + label(inner)
            case .and(let items): return "(" + items.map(label).joined(separator: " ") + ")"
            case .or(let items): return "(" + items.map(label).joined(separator: " OR ") + ")"
            }
        }
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

    /// The terms an --any query scores by.
    static func anyTerms(_ terms: [QueryTerm]) -> [String] {
        var seen = Set<String>()
        return terms.flatMap { term -> [String] in
            // A long word (5+ syllables: 4+ bigrams) scores by every other bigram: with all
            // of them, 조선민주주의인민공화국 outweighs the rest of a headline nine to one.
            // (ko-titles MRR@10 .935 → .939; other sets unchanged.)
            // Proximity (NEAR groups of neighbouring words) and whole-word phrases were tried
            // too and dropped: they lost 0.004–0.01 MRR@10 on ko-titles and en-headlines.
            let required = term.alternatives[0]
            guard required.count >= 4, required.allSatisfy({ Self.isHangulBigram($0) }) else { return term.allTerms }
            var kept = stride(from: 0, to: required.count, by: 2).map { required[$0] }
            if required.count % 2 == 0 { kept.append(required[required.count - 1]) }
            return kept + Array(term.alternatives.dropFirst().joined()) + term.extras
        }.filter { seen.insert($0).inserted }
    }

    /// Compiles a query tree for "all words" matching, collecting the positive terms (for
    /// highlighting and word coverage).
    struct Compiler {
        let query: String
        let analyzer: Analyzer
        var positive: [QueryTerm] = []

        init(query: String, analyzer: Analyzer) {
            self.query = query
            self.analyzer = analyzer
        }

        /// nil when the node holds nothing searchable (only punctuation).
        mutating func compile(_ node: QueryParser.Node) throws -> String? {
            switch node {
            case .word(let w, let prefix):
                let terms = analyzer.queryTerms(in: w)
                guard !terms.isEmpty else { return nil }
                positive += terms
                if prefix, let p = Self.prefixTerm(w, terms) { return p }
                return Self.all(terms)
            case .phrase(let text):
                let terms = analyzer.queryTerms(in: text)
                guard !terms.isEmpty else { return nil }
                positive += terms
                if terms.count == 1 { return Self.all(terms) }
                let words = terms.map { $0.alternatives[0] }
                if words.allSatisfy({ $0.count == 1 && !$0[0].unicodeScalars.contains { $0.value >= 0x1100 } }) {
                    // English (and other spaced scripts): an exact phrase.
                    return quote(words.map { $0[0] }.joined(separator: " "))
                }
                // Korean: particles and endings sit between the words, so the words must appear
                // in a window rather than side by side.
                // The window stays narrower than the boundary between two passages (ArticleText),
                // so that a phrase never matches across a paragraph break.
                return "NEAR(" + words.map { quote($0.joined(separator: " ")) }.joined(separator: " ")
                    + ", \(min(3 * (words.count - 1), ArticleText.boundaryWidth - 1)))"
            case .and(let items):
                var pos: [String] = [], neg: [String] = []
                for item in items {
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
                return "(" + pos.joined(separator: " AND ") + ")" + neg.map { " NOT (\($0))" }.joined()
            case .or(let items):
                var parts: [String] = []
                for item in items {
                    if case .not = item {
                        throw IndexError.badQuery(query: query, column: 1, message: "cannot exclude inside OR; exclude outside it")
                    }
                    if let e = try compile(item) { parts.append(e) }
                }
                if parts.isEmpty { return nil }
                return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
            case .not:
                throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for")
            case .title(let inner):
                guard let e = try compile(inner) else { return nil }
                return "title : (\(e))"
            }
        }

        /// Every word's alternatives, AND-ed.
        static func all(_ terms: [QueryTerm]) -> String {
            let groups = terms.map { term -> String in
                let alternatives = term.alternatives.map { $0.map(quote).joined(separator: " AND ") }
                if alternatives.count == 1 { return "(" + alternatives[0] + ")" }
                return "((" + alternatives.joined(separator: ") OR (") + "))"
            }
            return groups.count == 1 ? groups[0] : "(" + groups.joined(separator: " AND ") + ")"
        }

        /// `polic*` for police*: the longest common start of the typed word and its stem, so that
        /// the prefix still matches the stems the index holds. Only for single Latin words;
        /// Korean bigrams match inside longer words anyway.
        static func prefixTerm(_ word: String, _ terms: [QueryTerm]) -> String? {
            guard terms.count == 1, terms[0].alternatives.count == 1, terms[0].alternatives[0].count == 1 else { return nil }
            let stem = terms[0].alternatives[0][0]
            guard stem.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
            let typed = word.lowercased()
            let common = zip(typed, stem).prefix { $0 == $1 }.map { $0.0 }
            guard !common.isEmpty else { return nil }
            return quote(String(common)) + "*"
        }
    }

    static func isHangulBigram(_ term: String) -> Bool {
        let scalars = term.unicodeScalars
        return scalars.count == 2 && scalars.allSatisfy { (0xAC00...0xD7A3).contains($0.value) }
    }

    /// An FTS5 string literal: double quotes doubled inside.
    static func quote(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
