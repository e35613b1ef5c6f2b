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
/// // ("순찰") AND ("patrol")
/// ```
public enum QueryBuilder {
    public static func expression(for query: String, mode: MatchMode,
                                  analyzer: Analyzer = Analyzer()) throws -> (expression: String, terms: [QueryTerm]) {
        let terms = analyzer.queryTerms(in: query)
        guard !terms.isEmpty else { throw IndexError.emptyQuery(query) }
        switch mode {
        case .all:
            let groups = terms.map { term -> String in
                let alternatives = term.alternatives.map { $0.map(quote).joined(separator: " AND ") }
                if alternatives.count == 1 { return "(" + alternatives[0] + ")" }
                return "((" + alternatives.joined(separator: ") OR (") + "))"
            }
            return (groups.joined(separator: " AND "), terms)
        case .any:
            // Proximity (NEAR groups of neighbouring words) and whole-word phrases were tried
            // here and dropped: they lost 0.004–0.01 MRR@10 on ko-titles and en-headlines.
            var seen = Set<String>()
            let all = terms.flatMap { term -> [String] in
                // A long word (5+ syllables: 4+ bigrams) scores by every other bigram: with all
                // of them, 조선민주주의인민공화국 outweighs the rest of a headline nine to one.
                // (ko-titles MRR@10 .935 → .939; other sets unchanged.)
                let required = term.alternatives[0]
                guard required.count >= 4, required.allSatisfy({ Self.isHangulBigram($0) }) else { return term.allTerms }
                var kept = stride(from: 0, to: required.count, by: 2).map { required[$0] }
                if required.count % 2 == 0 { kept.append(required[required.count - 1]) }
                return kept + Array(term.alternatives.dropFirst().joined()) + term.extras
            }.filter { seen.insert($0).inserted }
            return (all.map(quote).joined(separator: " OR "), terms)
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
