import SosikText

/// Marks query terms in passage text and cuts snippets around them.
///
/// Why not FTS5's highlight() and snippet(): Korean bigrams overlap (경찰관 → 경찰 [0,6) and 찰관
/// [3,9)), and FTS5 copies text between token offsets assuming they never overlap, so it repeats
/// characters ("경찰관찰관"). Here the passage is analyzed again (a few passages per query, cheap)
/// and overlapping or touching matches are merged into one stretch.
///
/// ```swift
/// let h = Highlighter(terms: ["경찰", "찰관"])
/// h.highlight("경찰관들이").matches   // ["경찰관"]
/// ```
public struct Highlighter: Sendable {
    public let terms: Set<String>
    private let analyzer = Analyzer()

    public init(terms: Set<String>) {
        self.terms = terms
    }

    public init(query: [QueryTerm]) {
        self.init(terms: Set(query.flatMap(\.allTerms)))
    }

    /// The whole text with every query term marked.
    public func highlight(_ text: String) -> HighlightedText {
        HighlightedText(text: text, ranges: matches(in: text).map(\.range))
    }

    /// At most `maxLength` characters of `text` around the stretch with the most distinct matched
    /// terms, cut at spaces where possible, with "…" where text was left out.
    public func snippet(_ text: String, maxLength: Int) -> HighlightedText {
        let found = matches(in: text)
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > maxLength else { return HighlightedText(text: text, ranges: found.map(\.range)) }
        // Best window: starts a little before some match, covers the most distinct terms.
        let lead = maxLength / 5
        var bestStart = 0, bestScore = -1
        for m in found {
            let start = max(0, min(m.range.lowerBound - lead, scalars.count - maxLength))
            let end = start + maxLength
            let covered = Set(found.filter { $0.range.lowerBound >= start && $0.range.upperBound <= end }.flatMap(\.terms))
            if covered.count > bestScore { bestScore = covered.count; bestStart = start }
        }
        // Starting a few characters into the passage only to cut off its first word helps nobody.
        if bestStart <= lead { bestStart = 0 }
        var start = bestStart, end = min(scalars.count, bestStart + maxLength)
        let firstMatch = found.first { $0.range.lowerBound >= start }?.range.lowerBound ?? end
        // Snap to spaces so words are not cut, but never past a match.
        if start > 0, let space = (start..<min(firstMatch, start + 12)).first(where: { scalars[$0].properties.isWhitespace }) {
            start = space + 1
        }
        let lastMatch = found.last { $0.range.upperBound <= end }?.range.upperBound ?? start
        if end < scalars.count, let space = (max(lastMatch, end - 12)..<end).reversed().first(where: { scalars[$0].properties.isWhitespace }) {
            end = space
        }
        var out = String.UnicodeScalarView()
        let prefix = start > 0 ? 1 : 0
        if prefix == 1 { out.append("…") }
        out.append(contentsOf: scalars[start..<end])
        if end < scalars.count { out.append("…") }
        let ranges = found.map(\.range).filter { $0.lowerBound >= start && $0.upperBound <= end }
            .map { ($0.lowerBound - start + prefix)..<($0.upperBound - start + prefix) }
        return HighlightedText(text: String(out), ranges: ranges)
    }

    /// Matched stretches in scalar offsets, overlapping and touching tokens merged, with the
    /// distinct terms in each.
    func matches(in text: String) -> [(range: Range<Int>, terms: Set<String>)] {
        guard !terms.isEmpty else { return [] }
        // Byte offset → scalar offset, for the token ranges.
        var scalarAt: [Int] = []
        scalarAt.reserveCapacity(text.utf8.count + 1)
        var scalarIndex = -1
        for b in text.utf8 {
            if b & 0xC0 != 0x80 { scalarIndex += 1 }
            scalarAt.append(scalarIndex)
        }
        scalarAt.append(scalarIndex + 1)
        var out: [(range: Range<Int>, terms: Set<String>)] = []
        for token in analyzer.tokens(in: text) where terms.contains(token.text) {
            let r = scalarAt[token.start]..<scalarAt[token.end]
            if let last = out.last, r.lowerBound <= last.range.upperBound {
                out[out.count - 1] = (last.range.lowerBound..<max(last.range.upperBound, r.upperBound),
                                      last.terms.union([token.text]))
            } else {
                out.append((r, [token.text]))
            }
        }
        return out
    }
}
