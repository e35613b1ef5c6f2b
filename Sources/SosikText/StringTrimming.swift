extension StringProtocol {
    /// Whether the text holds a Hangul syllable (U+AC00…U+D7A3): Korean text.
    public var containsHangulSyllable: Bool {
        unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    /// Spaces, tabs and line ends trimmed from both ends (no Foundation here); with `quotes`,
    /// quotes too, in the same pass (a charset label written `" euc-kr"`).
    func trimmingWhitespace(quotes: Bool = false) -> String {
        trimming { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || (quotes && ($0 == "\"" || $0 == "'")) }
    }

    private func trimming(_ skip: (Character) -> Bool) -> String {
        guard let s = firstIndex(where: { !skip($0) }), let e = lastIndex(where: { !skip($0) }) else { return "" }
        return String(self[s...e])
    }

    /// Each run of whitespace as one space, none at either end; with `byteOrderMarks`, U+FEFF
    /// counts as whitespace too.
    public func collapsingWhitespace(byteOrderMarks: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for u in unicodeScalars {
            if u.properties.isWhitespace || (byteOrderMarks && u == "\u{FEFF}") {
                space = !out.isEmpty
            } else {
                if space { out.append(" "); space = false }
                out.append(u)
            }
        }
        return String(out)
    }
}
