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

/// The items of a query, as the ranking scores them (issue 12). FTS5 matches the whole MATCH
/// expression against whole articles (schema v5: one row per article); the ranking then looks
/// at each item — one query word (its terms), a phrase or Korean NEAR group, or a `title:` part;
/// with `--any` each index term — to find each item's best passage and the words each passage
/// holds. Excluded parts of a query are no items: they only remove articles.
struct ArticlePlan: Sendable {
    struct Item: Sendable {
        /// The query words (indices into `QueryBuilder.Compiled.terms`) this item stands for.
        var words: [Int]
        /// As the user wrote it, for explanations.
        var label: String
        /// What the item requires of the expression's phrases.
        var requirement: Requirement = .all([])
        /// It only adds to the score (`--any`'s extras): it does not stand for its words, so it
        /// neither covers them nor counts them in a passage.
        var scoresOnly = false
    }

    var items: [Item] = []
    /// The phrases of the written expression, in FTS5's numbering.
    var phrases: [String] = []
    /// Weights of phrases below 1 (`--translate`: a lexicon translation counts by its
    /// probability), by the phrase as written; every other phrase weighs 1.
    var weights: [String: Double] = [:]
    /// A query word's synonym set: the word as typed, its other spellings and the translations
    /// that are the same word (the glossary's, a name's; not the lexicon's), each an alternative
    /// (its phrases as written) with its probability. As in probabilistic structured queries (Darwish and Oard, 2003), the set
    /// counts as one word: each of its phrases weighs at most the IDF of the set, whose article
    /// count is Σ p × (articles holding the alternative; for several phrases, the fewest of
    /// theirs). So a rare spelling or rendering (녀야 for 여야, which -다녀야 holds; 안전원 for
    /// police) no longer outweighs the common one because it is rare.
    var synonymSets: [[(terms: [String], p: Double)]] = []

    /// What an item requires, phrase by phrase (indices into `phrases`).
    indirect enum Requirement: Sendable, Equatable {
        case phrase(Int)
        case all([Requirement])
        case any([Requirement])
        /// Inside `title : (…)`: in the title only.
        case title(Requirement)

        /// Whether the requirement holds, given which phrases are present (and which are in the
        /// title, for `title:` items).
        func holds(_ present: (Int) -> Bool, title: (Int) -> Bool) -> Bool {
            switch self {
            case .phrase(let i): return present(i)
            case .all(let items): return items.allSatisfy { $0.holds(present, title: title) }
            case .any(let items): return items.contains { $0.holds(present, title: title) }
            case .title(let inner): return inner.holds(title, title: title)
            }
        }

        /// The phrases that count for the item.
        var phrases: [Int] {
            switch self {
            case .phrase(let i): return [i]
            case .all(let items), .any(let items): return items.flatMap(\.phrases)
            case .title(let inner): return inner.phrases
            }
        }

        /// True when the item needs every one of its phrases, anywhere (no OR, no title).
        var needsAll: Bool {
            switch self {
            case .phrase: return true
            case .all(let items): return items.allSatisfy(\.needsAll)
            case .any, .title: return false
            }
        }
    }
}
