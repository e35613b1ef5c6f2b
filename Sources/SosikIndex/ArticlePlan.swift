
/// The items of a query, as the ranking scores them (issue 12). FTS5 matches the whole MATCH
/// expression against whole articles (schema v5: one row per article); the ranking then looks
/// at each positive item — a leaf: one query word (its terms), a phrase or Korean NEAR group,
/// or a `title:` item — to find each item's best passage and the words each passage holds.
struct ArticlePlan: Sendable {
    indirect enum Node: Sendable {
        case leaf(Int)
        case and([Node], not: [Node])
        case or([Node])
    }

    struct Leaf: Sendable {
        /// FTS5 MATCH expression for one passage.
        var expression: String
        /// False inside an exclusion: such leaves only remove articles and are never scored.
        var positive: Bool
        /// The query words (indices into `QueryBuilder.Compiled.terms`) this leaf stands for.
        var words: [Int]
        /// As the user wrote it, for explanations.
        var label: String
    }

    var root: Node
    var leaves: [Leaf]
}
