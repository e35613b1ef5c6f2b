import SosikText

/// Passage text as a reader sees it (issue 14): stored passages are ranges of the original file,
/// Markdown markers included (`## 검열`, `- item`, `1. item`), with line breaks and runs of
/// spaces. Snippets and `sosik show` print it without the markers: heading words kept, list
/// items as items, whitespace runs collapsed. The stored text itself is never changed (JSON
/// `text` is the passage as stored).
///
/// ```swift
/// ReadableText.oneLine("다음과 같다.\n\n- 고기 값\n- 쌀 값\n\n## 검열\n\n명단에  오른 가정")
/// // "다음과 같다. 고기 값 · 쌀 값 · 검열 · 명단에 오른 가정"
/// ```
public enum ReadableText {
    public enum Block: Equatable, Sendable {
        /// Lines of one paragraph (line breaks kept: plain-text bodies put one paragraph on a
        /// line), whitespace collapsed.
        case paragraph([String])
        /// A `#`…`######` heading, without its markers.
        case heading(String)
        /// List items (`- `, `* `, `+ `, `• `; `1. `/`1) ` when two or more items are numbered
        /// like that in one block), without their markers; continuation lines joined.
        case list([String])
    }

    /// The text's blocks, in order; blank lines and thematic breaks (`---`, `***`) dropped.
    public static func blocks(_ text: String) -> [Block] {
        var out: [Block] = []
        var rawBlock: [String] = []
        func flush() {
            guard !rawBlock.isEmpty else { return }
            out += blocks(ofLines: rawBlock)
            rawBlock.removeAll()
        }
        // "\r\n" is one Character: split on it too (Windows line endings).
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let l = collapsed(line)
            if l.isEmpty { flush() } else { rawBlock.append(l) }
        }
        flush()
        return out
    }

    /// The text on one line: blocks joined by a space, or by ` · ` after a heading or list
    /// item that does not end a sentence (so that items do not run into each other).
    public static func oneLine(_ text: String) -> String {
        var segments: [(text: String, plain: Bool)] = []
        for block in blocks(text) {
            switch block {
            case .paragraph(let lines): segments.append((lines.joined(separator: " "), true))
            case .heading(let h): segments.append((h, false))
            case .list(let items): segments += items.map { ($0, false) }
            }
        }
        var out = ""
        for (i, s) in segments.enumerated() {
            if i > 0 {
                let previous = segments[i - 1]
                out += !previous.plain && !endsSentence(previous.text) ? " · " : " "
            }
            out += s.text
        }
        return out
    }

    /// Whether a stretch ends with sentence punctuation (or a closing quote or bracket).
    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.unicodeScalars.last else { return true }
        return ".!?。？！:;…”’\"')]」』".unicodeScalars.contains(last)
    }

    /// The blocks of one run of non-blank lines (already collapsed).
    private static func blocks(ofLines lines: [String]) -> [Block] {
        var out: [Block] = []
        var paragraph: [String] = []
        var items: [String] = []
        func flushParagraph() { if !paragraph.isEmpty { out.append(.paragraph(paragraph)); paragraph.removeAll() } }
        func flushList() { if !items.isEmpty { out.append(.list(items)); items.removeAll() } }
        let numbered = lines.filter { orderedItem($0) != nil }.count >= 2
        for line in lines {
            if isThematicBreak(line) { flushParagraph(); flushList(); continue }
            if let h = heading(line) {
                flushParagraph(); flushList()
                if !h.isEmpty { out.append(.heading(h)) }
            } else if let item = bulletItem(line) ?? (numbered ? orderedItem(line) : nil) {
                flushParagraph()
                items.append(item)
            } else if !items.isEmpty {
                items[items.count - 1] += " " + line   // a continuation line of the item
            } else {
                paragraph.append(line)
            }
        }
        flushParagraph(); flushList()
        return out
    }

    /// Whitespace runs (any Unicode white space) as one space, trimmed.
    static func collapsed(_ s: Substring) -> String {
        s.collapsingWhitespace(byteOrderMarks: true)
    }

    /// `## Heading ##` → `Heading`; nil when the line is no ATX heading.
    static func heading(_ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        var n = 0
        while n < scalars.count && scalars[n] == "#" { n += 1 }
        guard (1...6).contains(n), n == scalars.count || scalars[n] == " " else { return nil }
        var rest = Array(scalars[n...])
        // A closing run of #s after a space goes too.
        var end = rest.count
        while end > 0 && rest[end - 1] == "#" { end -= 1 }
        if end < rest.count && (end == 0 || rest[end - 1] == " ") { rest.removeSubrange(end...) }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: rest)
        return collapsed(Substring(String(v)))
    }

    static func bulletItem(_ line: String) -> String? {
        for marker in ["- ", "* ", "+ ", "• "] where line.hasPrefix(marker) {
            let rest = line.dropFirst(marker.count)
            return rest.isEmpty ? nil : String(rest)
        }
        return nil
    }

    /// `1. item`, `12) item` → `item`.
    static func orderedItem(_ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        var n = 0
        while n < scalars.count && n < 4 && ("0"..."9").contains(scalars[n]) { n += 1 }
        guard (1...3).contains(n), n + 1 < scalars.count, scalars[n] == "." || scalars[n] == ")", scalars[n + 1] == " " else { return nil }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[(n + 2)...])
        let rest = String(v)
        return rest.isEmpty ? nil : rest
    }

    /// `---`, `***`, `___` (spaces allowed): a horizontal rule, no text.
    static func isThematicBreak(_ line: String) -> Bool {
        let marks = line.unicodeScalars.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".unicodeScalars.contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }
}
