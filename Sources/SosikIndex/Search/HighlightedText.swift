import Foundation

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
