/// An FTS5 MATCH expression as QueryBuilder builds it: a tree that is written out once as FTS5
/// syntax, and whose query items (each word, phrase or `title:` part, and with `--any` each
/// index term) the ranking finds again in it, with their phrases numbered as FTS5 numbers them.
indirect enum MatchExpression: Sendable {
    /// One FTS5 phrase: index terms separated by spaces (quoted when written), `*` for a prefix.
    case phrase(String, prefix: Bool = false)
    /// Korean phrase words within a window (particles sit between them).
    case near([String], distance: Int)
    case and([MatchExpression])
    case or([MatchExpression])
    /// `a NOT b NOT c`.
    case not(MatchExpression, excluded: [MatchExpression])
    case title(MatchExpression)
    /// Query item `i` (ArticlePlan.items): written as its expression.
    case item(Int, MatchExpression)

    /// FTS5 syntax; each group parenthesized, phrases quoted.
    var text: String {
        var phrases: [String] = []
        var items: [Int: ArticlePlan.Requirement] = [:]
        return write(&phrases, &items).text
    }

    /// Writes the expression, numbering its phrases left to right as FTS5 does, and returns with
    /// the text what each part requires of those phrases.
    func write(_ phrases: inout [String], _ items: inout [Int: ArticlePlan.Requirement])
        -> (text: String, requirement: ArticlePlan.Requirement) {
        func number(_ p: String) -> ArticlePlan.Requirement {
            phrases.append(p)
            return .phrase(phrases.count - 1)
        }
        switch self {
        case .phrase(let terms, let prefix):
            let p = QueryBuilder.quote(terms) + (prefix ? "*" : "")
            return (p, number(p))
        case .near(let words, let distance):
            let quoted = words.map(QueryBuilder.quote)
            return ("NEAR(" + quoted.joined(separator: " ") + ", \(distance))", .all(quoted.map(number)))
        case .and(let parts):
            let written = parts.map { $0.write(&phrases, &items) }
            return ("(" + written.map(\.text).joined(separator: " AND ") + ")", .all(written.map(\.requirement)))
        case .or(let parts):
            let written = parts.map { $0.write(&phrases, &items) }
            return ("(" + written.map(\.text).joined(separator: " OR ") + ")", .any(written.map(\.requirement)))
        case .not(let positive, let excluded):
            let kept = positive.write(&phrases, &items)
            // The excluded parts are numbered (FTS5 counts them) but required of nothing.
            let text = kept.text + excluded.map { " NOT (" + $0.write(&phrases, &items).text + ")" }.joined()
            return (text, kept.requirement)
        case .title(let inner):
            let written = inner.write(&phrases, &items)
            return ("title : (" + written.text + ")", .title(written.requirement))
        case .item(let i, let inner):
            let written = inner.write(&phrases, &items)
            items[i] = written.requirement
            return written
        }
    }
}
