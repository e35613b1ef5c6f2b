import Foundation

/// A compiled query written out as OpenSearch Query DSL (issue 26), over the fields `sosik
/// export --opensearch` writes: the second back end of the one query compiler (the first is
/// the FTS5 expression, MatchExpression.text). Clause by clause:
///
/// | FTS5 (MatchExpression)   | Query DSL, on each of title_tokens, text_tokens, aside_tokens |
/// | ------------------------ | ------------------------------------------------------------- |
/// | `"a b"`                  | `match_phrase` (the fields' search analyzer splits at spaces) |
/// | `"a"*` / `"a b"*`        | `prefix` / `span_near` of `span_term`s and a `span_multi` prefix |
/// | `NEAR("a" "b c", N)`     | `span_near`, unordered, each phrase an ordered `span_near`      |
/// | `AND`, `OR`, `NOT`       | `bool` `must`, `should` (at least one), `must_not`             |
/// | `title : (…)`            | the same, on title_tokens only                                 |
///
/// A phrase matches in any one field, as in FTS5 a phrase matches within one column; the
/// fields are boosted by sosik's column weights, which only orders the articles fetched: they
/// are ranked again by ArticleRanking. Filters (`--lang`, `--source`, dates, `--path`) are
/// `bool` filters on keyword fields that compare as SQLite does.
///
/// ```swift
/// let body = try QueryDSL.query(compiled, options: options)   // ["bool": ["must": [...]]]
/// ```
public enum QueryDSL {
    public static let titleField = "title_tokens", textField = "text_tokens", asideField = "aside_tokens"
    /// sosik's BM25 parameters and column weights (ArticleRanking), for an index made to score
    /// as sosik does.
    public static let k1 = ArticleRanking.k1, b = ArticleRanking.b
    public static let titleWeight = ArticleRanking.titleWeight, asideWeight = ArticleRanking.asideWeight

    /// The three full-text fields, each with its column weight.
    static let fields: [(name: String, boost: Double)] = [
        (titleField, ArticleRanking.titleWeight), (textField, 1), (asideField, ArticleRanking.asideWeight),
    ]

    /// The query and the search's filters, as a `bool` query.
    public static func query(_ compiled: QueryBuilder.Compiled, options: SearchOptions) throws -> [String: Any] {
        guard let match = compiled.match else { return ["match_none": [String: Any]()] }
        let f = try filters(options)
        guard !f.isEmpty else { return expression(match, fields: fields) }
        return ["bool": ["must": [expression(match, fields: fields)], "filter": f]]
    }

    /// The phrases a compiled query is scored by (BM25 needs each one's article count).
    public static func phrases(of compiled: QueryBuilder.Compiled) -> [(terms: [String], prefix: Bool)] {
        compiled.plan.phrases.map(PhraseCounts.terms(of:))
    }

    /// A phrase (index terms in a row, the last a prefix when `prefix`) in any full-text field.
    public static func phrase(_ terms: [String], prefix: Bool = false) -> [String: Any] {
        phrase(terms, prefix: prefix, fields: fields)
    }

    /// Any of these phrases, in any full-text field.
    public static func anyPhrase(_ phrases: [[String]]) -> [String: Any] {
        phrases.count == 1 ? phrase(phrases[0]) : ["bool": ["should": phrases.map { phrase($0) }, "minimum_should_match": 1]]
    }

    /// An index term as the export writes it and the fields' whitespace tokenizer reads it: the
    /// characters that tokenizer splits at (Java's Character.isWhitespace) and `|`, which
    /// separates colocated terms in the export, become U+FFFD. sosik's analyzer emits neither;
    /// this keeps a term one term whatever it holds.
    public static func token(_ term: String) -> String {
        guard term.unicodeScalars.contains(where: splits) else { return term }
        return String(String.UnicodeScalarView(term.unicodeScalars.map { splits($0) ? "\u{FFFD}" : $0 }))
    }

    static func splits(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x7C, 0x20, 0x09...0x0D, 0x1C...0x1F, 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x2028, 0x2029, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func expression(_ e: MatchExpression, fields: [(name: String, boost: Double)]) -> [String: Any] {
        switch e {
        case .phrase(let terms, let prefix):
            return phrase(terms.split(separator: " ").map(String.init), prefix: prefix, fields: fields)
        case .near(let words, let distance):
            return anyField(fields.map { near(words.map { $0.split(separator: " ").map(String.init) }, distance: distance, field: $0) })
        case .and(let parts):
            // One part is that part (Lucene rewrites a one-clause bool the same way).
            if parts.count == 1 { return expression(parts[0], fields: fields) }
            return ["bool": ["must": parts.map { expression($0, fields: fields) }]]
        case .or(let parts):
            if parts.count == 1 { return expression(parts[0], fields: fields) }
            return ["bool": ["should": parts.map { expression($0, fields: fields) }, "minimum_should_match": 1]]
        case .not(let positive, let excluded):
            return ["bool": ["must": [expression(positive, fields: fields)],
                             "must_not": excluded.map { expression($0, fields: fields) }]]
        case .title(let inner):
            return expression(inner, fields: fields.filter { $0.name == titleField })
        case .item(_, let inner):
            return expression(inner, fields: fields)
        }
    }

    static func anyField(_ clauses: [[String: Any]]) -> [String: Any] {
        clauses.count == 1 ? clauses[0] : ["bool": ["should": clauses, "minimum_should_match": 1]]
    }

    static func boosted(_ clause: [String: Any], _ boost: Double) -> [String: Any] {
        guard boost != 1 else { return clause }
        var c = clause
        c["boost"] = boost
        return c
    }

    static func phrase(_ terms: [String], prefix: Bool, fields: [(name: String, boost: Double)]) -> [String: Any] {
        let terms = terms.map(token)
        guard !terms.isEmpty else { return ["match_none": [String: Any]()] }
        return anyField(fields.map { field in
            if !prefix {
                return ["match_phrase": [field.name: boosted(["query": terms.joined(separator: " ")], field.boost)]]
            }
            if terms.count == 1 {
                return ["prefix": [field.name: boosted(["value": terms[0]], field.boost)]]
            }
            let clauses: [[String: Any]] = terms.dropLast().map { ["span_term": [field.name: $0]] }
                + [["span_multi": ["match": ["prefix": [field.name: ["value": terms.last!]]]]]]
            return ["span_near": boosted(["clauses": clauses, "slop": 0, "in_order": true], field.boost)]
        })
    }

    /// FTS5's NEAR(p1 … pk, N) holds where the last phrase to start begins at most N tokens
    /// after the first to end (fts5ExprNearIsMatch). Lucene's unordered span_near holds where
    /// the window from the first start to the last end, less the phrases' lengths, is at most
    /// its slop. For two phrases the two are the same measure; for more, Lucene also subtracts
    /// the phrases in between, so the slop is N less their lengths: exact when the phrases are
    /// equally long, else the lengths of all but the two longest (a few more matches than FTS5:
    /// the articles fetched are matched again by FTS5 in the scratch index before ranking).
    static func near(_ words: [[String]], distance: Int, field: (name: String, boost: Double)) -> [String: Any] {
        let lengths = words.map(\.count).sorted()
        let middle = words.count > 2 ? lengths.dropLast(2).reduce(0, +) : 0
        let clauses: [[String: Any]] = words.map { terms in
            let t = terms.map(token)
            if t.count == 1 { return ["span_term": [field.name: t[0]]] }
            return ["span_near": ["clauses": t.map { ["span_term": [field.name: $0]] }, "slop": 0, "in_order": true]]
        }
        return ["span_near": boosted(["clauses": clauses, "slop": max(0, distance - middle), "in_order": false], field.boost)]
    }

    /// The search's filters as `bool` filter clauses; the keyword fields compare as SQLite does.
    public static func filters(_ o: SearchOptions) throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        if let lang = o.lang { out.append(["term": ["lang": lang]]) }
        if !o.sources.isEmpty {
            // The whole name or its first words, ASCII case aside (SQLite's lower()).
            let clauses: [[String: Any]] = o.sources.flatMap { name -> [[String: Any]] in
                let n = asciiLowercased(name.precomposedStringWithCanonicalMapping)
                return [["term": ["source_folded": n]], ["prefix": ["source_folded": ["value": n + " "]]]]
            }
            out.append(["bool": ["should": clauses, "minimum_should_match": 1]])
        }
        if let since = o.since { out.append(["range": ["date": ["gte": since]]]) }
        if let until = o.untilBound { out.append(["range": ["date": ["lte": until]]]) }
        if let glob = o.pathGlob {
            guard !glob.contains("[") else { throw IndexError.unsupported("--path with [ ] over an OpenSearch index") }
            let pattern = glob.replacingOccurrences(of: "\\", with: "\\\\")
            let patterns = glob.hasPrefix("/") || glob.hasPrefix("*") ? [pattern] : [pattern, "*/" + pattern]
            out.append(["bool": ["should": patterns.map { ["wildcard": ["path": ["value": $0]]] }, "minimum_should_match": 1]])
        }
        if let run = o.sinceRun { out.append(["range": ["run": ["gte": run]]]) }
        return out
    }

    /// SQLite's lower(): ASCII letters only.
    public static func asciiLowercased(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { (0x41...0x5A).contains($0.value) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }
}
