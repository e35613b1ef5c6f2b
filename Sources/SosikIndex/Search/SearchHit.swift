import Foundation

/// One hit: an article, shown by one of its passages (its best one, or with `--per-doc N` each
/// of its N best).
public struct SearchHit: Sendable {
    /// Passage id: `<document id>#<ordinal>`.
    public var id: String { "\(docID)#\(ordinal)" }
    public var docID: String
    public var ordinal: Int
    /// The article's score, higher is better (see `ArticleRanking`); the same for every passage
    /// shown of one article.
    public var score: Double
    /// This passage's own BM25 for the query words it holds (title 3×, body 1×, captions,
    /// credits and footers 0.3×).
    public var passageScore: Double = 0
    public var title: HighlightedText
    public var lang: String
    public var date: String?
    public var source: String?
    public var url: String?
    public var path: String?
    public var snippet: HighlightedText
    /// The whole passage text.
    public var text: String
    /// Body text, or a caption, credit or footer.
    public var kind: PassageKind
    /// Id of the same story in the other language, if the corpus pairs them.
    public var pairID: String?
    /// Short stretches of other passages of the article that hold the query words this
    /// passage lacks (only on the first hit of an article), best first.
    public var fragments: [Fragment] = []
    /// With `SearchOptions.explain`: how the score came about.
    public var explanation: Explanation? = nil
    /// Near-duplicates of this article that ranked below it and were collapsed into it
    /// (SearchOptions.collapse): their document ids, best first.
    public var duplicates: [String] = []

    public struct Fragment: Sendable {
        public var id: String { "\(docID)#\(ordinal)" }
        public var docID: String
        public var ordinal: Int
        public var snippet: HighlightedText
    }

    /// score = (article + Σ term scores) × coverage + passage: `article` is half the whole
    /// article's BM25; each term is a positive item of the query (a word, a phrase, a `title:`
    /// item; with `--any` an index term) with half its best passage's BM25 in the article —
    /// `term` as the user typed it (with `--any`, the word the index term comes from),
    /// `indexed` the index terms it is scored by (`inequality` → `inequ`);
    /// `coverage` is the share of the query's words the article holds, each word weighing its
    /// IDF (below 1 only with `--any` or OR); `passage` is the bonus of the best passage for the words it holds
    /// together (queries of more than three words).
    public struct Explanation: Sendable {
        public var article: Double
        public var terms: [(term: String, indexed: String, score: Double)]
        public var coverage: Double
        public var passage: Double

        /// How a term is shown to a person: the typed form, and the index form after it when
        /// that is not simply the typed word folded (`inequality (inequ)`, `순찰을 (순찰)`,
        /// but `순찰`, `patr*`, `title:순찰`, `"야간 순찰"`).
        public static func display(term: String, indexed: String) -> String {
            var plain = term.lowercased()
            if plain.hasPrefix("title:") { plain.removeFirst("title:".count) }
            plain = plain.trimmingCharacters(in: CharacterSet(charactersIn: "\"()"))
            return indexed.isEmpty || plain == indexed ? term : "\(term) (\(indexed))"
        }
    }
}
