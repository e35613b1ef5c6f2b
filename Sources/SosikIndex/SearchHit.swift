/// Text with the matched parts marked, as ranges of Unicode scalar offsets (the unit in which
/// jq and Python index strings).
public struct HighlightedText: Sendable, Equatable {
    public var text: String
    public var ranges: [Range<Int>]

    public init(text: String, ranges: [Range<Int>]) {
        self.text = text
        self.ranges = ranges
    }

    /// The highlighted substrings, in order.
    public var matches: [String] {
        let scalars = Array(text.unicodeScalars)
        return ranges.map { r in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[r])
            return String(v)
        }
    }
}

/// One ranked passage.
public struct SearchHit: Sendable {
    /// Passage id: `<document id>#<ordinal>`.
    public var id: String { "\(docID)#\(ordinal)" }
    public var docID: String
    public var ordinal: Int
    /// Higher is better (negated FTS5 bm25 with the title weighted above the body).
    public var score: Double
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
    /// With `SearchOptions.explain`: how the score came about.
    public var explanation: Explanation? = nil

    /// score = (Σ term scores) × kind factor × coverage, where each term's score is its BM25
    /// share in this passage (title 3×, body 1×, captions and credits 0.3×).
    public struct Explanation: Sendable {
        public var terms: [(term: String, score: Double)]
        /// 1 for body text, 0.3 for captions, credits and footers.
        public var kindFactor: Double
        /// √(share of query words matched) with --any, else 1.
        public var coverage: Double
    }
}
