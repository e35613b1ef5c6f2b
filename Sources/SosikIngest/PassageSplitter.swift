/// Splits an article body into passages: the units that are indexed, ranked and shown.
///
/// Paragraphs are blocks separated by blank lines (or single lines, when the text has no blank
/// line at all, as in JSON bodies). A paragraph shorter than `minLength` characters (a subheading,
/// a one-line caption) is merged with the next; one longer than `maxLength` is cut at sentence
/// ends. Passages are ranges of the body, so their text is exactly the original text.
///
/// The defaults (300–1500 characters) were chosen on ko_titles_eval (Scripts/eval, --any):
/// MRR@10 0.910 at 160–1200, 0.912 at 250–1000, 0.921 at 300–1500, 0.920 at 400–2000, and 0.921
/// with whole articles: passages this long lose nothing against whole articles and still point
/// the reader at one or two paragraphs.
///
/// ```swift
/// PassageSplitter().split("첫 문단.\n\n둘째 문단.")   // one passage: both are short
/// ```
public struct PassageSplitter: Sendable {
    public var minLength: Int
    public var maxLength: Int

    public init(minLength: Int = 300, maxLength: Int = 1500) {
        self.minLength = minLength
        self.maxLength = maxLength
    }

    /// One passage: a range of the body and what kind of text it is.
    public struct Passage: Sendable, Equatable {
        public var text: Substring
        public var kind: PassageKind
    }

    public func split(_ body: Substring) -> [Passage] {
        var pieces: [(text: Substring, kind: PassageKind, bullets: Bool)] = []
        for paragraph in paragraphs(body) {
            let kind = PassageKind.of(paragraph)
            if kind == .body && Self.length(paragraph) > maxLength {
                pieces += sentenceGroups(paragraph).map { ($0, .body, false) }
            } else {
                pieces.append((paragraph, kind, kind == .body && Self.isBulletList(paragraph)))
            }
        }
        // Merge: bullet items join the paragraph before them; short pieces join the next piece
        // of the same kind; a short tail joins the passage before it. Captions, credits and
        // footers never merge with body text (they are ranked below it). Lengths are kept
        // alongside (a merged range = the two pieces and the blank between them).
        var passages: [(passage: Passage, length: Int)] = []
        var current: (passage: Passage, length: Int)? = nil
        let lengths = pieces.map { Self.length($0.text) }
        for (piece, pieceLength) in zip(pieces, lengths) {
            if let c = current {
                let merged = body[c.passage.text.startIndex..<piece.text.endIndex]
                let mergedLength = c.length + Self.length(body[c.passage.text.endIndex..<piece.text.startIndex]) + pieceLength
                if mergedLength <= maxLength && c.passage.kind == piece.kind && (piece.bullets || c.length < minLength) {
                    current = (Passage(text: merged, kind: c.passage.kind), mergedLength)
                    continue
                }
                passages.append(c)
            }
            current = (Passage(text: piece.text, kind: piece.kind), pieceLength)
        }
        if let c = current {
            if c.length < minLength, let last = passages.last, last.passage.kind == c.passage.kind,
               last.length + Self.length(body[last.passage.text.endIndex..<c.passage.text.startIndex]) + c.length <= maxLength {
                passages[passages.count - 1].passage.text = body[last.passage.text.startIndex..<c.passage.text.endIndex]
            } else {
                passages.append(c)
            }
        }
        return passages.map(\.passage)
    }

    public func split(_ body: String) -> [Passage] { split(body[...]) }

    /// Length in Unicode scalars (what minLength and maxLength count), from the UTF-8 bytes:
    /// every byte that does not continue a sequence starts a scalar. (Perf: Character-level
    /// String work here was a quarter of all indexing time.)
    static func length(_ s: Substring) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Lines of `text` (split at LF, empty ones kept), as ranges of it.
    static func lines(_ text: Substring) -> [Substring] {
        var out: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex, i = bytes.startIndex
        while i != bytes.endIndex {
            if bytes[i] == 0x0A {
                out.append(text[start..<i])
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        out.append(text[start..<text.endIndex])
        return out
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.isASCII ? (u == " " || (u.value >= 0x09 && u.value <= 0x0D)) : u.properties.isWhitespace
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy(isSpace)
    }

    /// Every line a list item (`- `, `* `, `• `).
    static func isBulletList(_ paragraph: Substring) -> Bool {
        lines(paragraph).allSatisfy { line in
            let t = line.utf8.drop(while: { $0 == 0x20 })
            return t.starts(with: [0x2D, 0x20]) || t.starts(with: [0x2A, 0x20]) || t.starts(with: [0xE2, 0x80, 0xA2, 0x20])
        }
    }

    /// Non-blank paragraphs, trimmed of surrounding whitespace.
    func paragraphs(_ body: Substring) -> [Substring] {
        let lines = Self.lines(body)
        let blank = lines.map(Self.isBlank)
        let hasBlankLine = blank.dropFirst().dropLast().contains(true)
        var out: [Substring] = []
        var start: Substring.Index? = nil, end = body.startIndex
        for (line, isBlank) in zip(lines, blank) {
            if isBlank || !hasBlankLine {
                if let s = start { out.append(Self.trimmed(body[s..<end])); start = nil }
                if !hasBlankLine && !isBlank { out.append(Self.trimmed(line)) }
                continue
            }
            if start == nil { start = line.startIndex }
            end = line.endIndex
        }
        if let s = start { out.append(Self.trimmed(body[s..<end])) }
        return out.filter { !$0.isEmpty }
    }

    /// Consecutive sentences grouped up to `maxLength`; a sentence longer than that is cut at a space.
    func sentenceGroups(_ paragraph: Substring) -> [Substring] {
        var sentences: [Substring] = []
        var start = paragraph.startIndex
        var i = paragraph.startIndex
        let scalars = paragraph.unicodeScalars
        while i < paragraph.endIndex {
            let c = scalars[i]
            let next = scalars.index(after: i)
            let ends = ".!?。？！".unicodeScalars.contains(c)
            if ends && (next == paragraph.endIndex || scalars[next].properties.isWhitespace) {
                sentences.append(paragraph[start..<next])
                start = next
            }
            i = next
        }
        if start < paragraph.endIndex { sentences.append(paragraph[start..<paragraph.endIndex]) }
        var groups: [Substring] = []
        var current: Substring? = nil
        for sentence in sentences.flatMap(hardCut) {
            if let c = current {
                let merged = paragraph[c.startIndex..<sentence.endIndex]
                if Self.length(merged) <= maxLength { current = merged; continue }
                groups.append(Self.trimmed(c))
            }
            current = sentence
        }
        if let c = current { groups.append(Self.trimmed(c)) }
        return groups.filter { !$0.isEmpty }
    }

    private func hardCut(_ s: Substring) -> [Substring] {
        var out: [Substring] = []
        var rest = s
        // Only the next maxLength scalars are counted each time (counting the whole rest made a
        // 3 MB sentence without a full stop take seconds: quadratic).
        while let limit = rest.unicodeScalars.index(rest.startIndex, offsetBy: maxLength, limitedBy: rest.endIndex),
              limit < rest.endIndex {
            let cut = rest[..<limit].lastIndex(where: { $0 == " " }) ?? limit
            let at = cut > rest.startIndex ? cut : limit
            out.append(rest[..<at])
            rest = rest[at...]
        }
        out.append(rest)
        return out
    }

    /// `s` without leading and trailing whitespace (Unicode), scalar by scalar: no Character
    /// work, and no Foundation (its trimmingCharacters bridges to NSString).
    static func trimmed(_ s: Substring) -> Substring {
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi && Self.isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo {
            let before = scalars.index(before: hi)
            guard Self.isSpace(scalars[before]) else { break }
            hi = before
        }
        return s[lo..<hi]
    }
}
