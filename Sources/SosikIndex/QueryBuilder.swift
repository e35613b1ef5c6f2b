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
        switch mode {
        case .all:
            expression = try compiler.compile(tree)
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
        }
        guard let expression, !compiler.positive.isEmpty else {
            if case .not = tree { throw IndexError.badQuery(query: query, column: 1, message: "it only excludes; add a word to search for") }
            throw IndexError.emptyQuery(query)
        }
        return Compiled(expression: expression, terms: compiler.positive, bag: bag, exclusions: exclusions)
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
                return "NEAR(" + words.map { quote($0.joined(separator: " ")) }.joined(separator: " ")
                    + ", \(3 * (words.count - 1)))"
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
