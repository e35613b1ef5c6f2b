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
