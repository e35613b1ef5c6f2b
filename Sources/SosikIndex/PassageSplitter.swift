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
            if kind == .body && paragraph.unicodeScalars.count > maxLength {
                pieces += sentenceGroups(paragraph).map { ($0, .body, false) }
            } else {
                pieces.append((paragraph, kind, kind == .body && Self.isBulletList(paragraph)))
            }
        }
        // Merge: bullet items join the paragraph before them; short pieces join the next piece
        // of the same kind; a short tail joins the passage before it. Captions, credits and
        // footers never merge with body text (they are ranked below it).
        var passages: [Passage] = []
        var current: Passage? = nil
        for piece in pieces {
            if var c = current {
                let merged = body[c.text.startIndex..<piece.text.endIndex]
                let fits = merged.unicodeScalars.count <= maxLength
                if fits && c.kind == piece.kind && (piece.bullets || c.text.unicodeScalars.count < minLength) {
                    c.text = merged
                    current = c
                    continue
                }
                passages.append(c)
            }
            current = Passage(text: piece.text, kind: piece.kind)
        }
        if let c = current {
            if c.text.unicodeScalars.count < minLength, let last = passages.last, last.kind == c.kind,
               body[last.text.startIndex..<c.text.endIndex].unicodeScalars.count <= maxLength {
                passages[passages.count - 1].text = body[last.text.startIndex..<c.text.endIndex]
            } else {
                passages.append(c)
            }
        }
        return passages
    }

    public func split(_ body: String) -> [Passage] { split(body[...]) }

    /// Every line a list item (`- `, `* `, `• `).
    static func isBulletList(_ paragraph: Substring) -> Bool {
        paragraph.split(separator: "\n").allSatisfy { line in
            let t = line.drop(while: { $0 == " " })
            return t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("• ")
        }
    }

    /// Non-blank paragraphs, trimmed of surrounding whitespace.
    func paragraphs(_ body: Substring) -> [Substring] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let isBlank: (Substring) -> Bool = { $0.allSatisfy { $0.isWhitespace } }
        let hasBlankLine = lines.dropFirst().dropLast().contains(where: isBlank)
        var out: [Substring] = []
        var start: Substring.Index? = nil, end = body.startIndex
        for line in lines {
            if isBlank(line) || !hasBlankLine {
                if let s = start { out.append(trim(body[s..<end])); start = nil }
                if !hasBlankLine && !isBlank(line) { out.append(trim(line)) }
                continue
            }
            if start == nil { start = line.startIndex }
            end = line.endIndex
        }
        if let s = start { out.append(trim(body[s..<end])) }
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
                if merged.unicodeScalars.count <= maxLength { current = merged; continue }
                groups.append(trim(c))
            }
            current = sentence
        }
        if let c = current { groups.append(trim(c)) }
        return groups.filter { !$0.isEmpty }
    }

    private func hardCut(_ s: Substring) -> [Substring] {
        var out: [Substring] = []
        var rest = s
        while rest.unicodeScalars.count > maxLength {
            let limit = rest.unicodeScalars.index(rest.startIndex, offsetBy: maxLength)
            let cut = rest[..<limit].lastIndex(where: { $0 == " " }) ?? limit
            let at = cut > rest.startIndex ? cut : limit
            out.append(rest[..<at])
            rest = rest[at...]
        }
        out.append(rest)
        return out
    }

    private func trim(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
