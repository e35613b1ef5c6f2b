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

    public init(surface: String, alternatives: [[String]], extras: [String] = []) {
        self.surface = surface
        self.alternatives = alternatives
        self.extras = extras
    }

    /// Every distinct term this word can contribute, required or not, in order.
    public var allTerms: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for t in alternatives.joined() + extras where seen.insert(t).inserted { out.append(t) }
        return out
    }
}
