import Foundation

/// Reads a `---` … `---` block of `key: value` lines at the top of a text or Markdown file.
///
/// ```swift
/// let (fields, body) = FrontMatter.split("---\ntitle: 순찰\n---\n본문")
/// // fields == ["title": "순찰"], body == "본문"
/// ```
public enum FrontMatter {
    /// The fields (keys lowercased, values unquoted) and the body after the block. Text without
    /// a block (or with an unclosed one) is all body.
    public static func split(_ text: String) -> (fields: [String: String], body: Substring) {
        var rest = text[...]
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        guard rest.hasPrefix("---") else { return ([:], rest) }
        var lines = rest.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingCharacters(in: .whitespacesAndNewlines) == "---" else {
            return ([:], rest)
        }
        lines = lines.dropFirst()
        var fields: [String: String] = [:]
        var consumed = first.utf8.count + 1
        for line in lines {
            consumed += line.utf8.count + 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed == "---" || trimmed == "..." {
                let bodyStart = rest.utf8.index(rest.utf8.startIndex, offsetBy: min(consumed, rest.utf8.count))
                return (fields, rest[bodyStart...])
            }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            if !key.isEmpty { fields[key] = value }
        }
        return ([:], rest)   // no closing line: not front matter after all
    }
}
