/// How one word of a query must match: any one of `alternatives` (each a list of index terms that
/// must all be present) — plus `extras`, terms that only add to the score when ranking by any word.
///
/// ```swift
/// let terms = Analyzer().queryTerms(in: "순찰을")
/// // terms[0].alternatives == [["순찰"]], terms[0].extras == ["찰을"]
/// ```
public struct QueryTerm: Equatable, Sendable {
    /// The word as the user typed it (for messages and explanations).
    public var surface: String
    /// OR of AND-groups of index terms. Never empty; no group is empty.
    public var alternatives: [[String]]
    /// Terms of the full surface form that are not required (e.g. a bigram spanning a particle).
    public var extras: [String]
    /// For a Korean word whose last syllables read as a particle or ending (김정은, 순찰을, 제주도):
    /// the word as typed, a phrase of its bigrams (`김정 정은`). Its first alternative is its
    /// stem (김정); when the index shows the word as typed taking particles of its own (김정은이,
    /// 김정은의: a word, not a stem with a particle), the search asks for `exact` alone, so that
    /// 김정은 never finds 김정일 or 김정태 (QueryBuilder, Searcher.wordsOfTheirOwn).
    public var exact: String?

    public init(surface: String, alternatives: [[String]], extras: [String] = [], exact: String? = nil) {
        self.surface = surface
        self.alternatives = alternatives
        self.extras = extras
        self.exact = exact
    }

    /// Every distinct term this word can contribute, required or not, in order.
    public var allTerms: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for t in alternatives.joined() + extras where seen.insert(t).inserted { out.append(t) }
        return out
    }
}
