/// One indexed term: the folded text the index stores, the UTF-8 byte range it came from in the
/// *original* text, and its position.
///
/// ```swift
/// let t = Analyzer().tokens(in: "경찰이")[0]
/// // t.text == "경찰", t.start == 0, t.end == 6, t.position == 0
/// ```
public struct Token: Equatable, Sendable, CustomStringConvertible {
    /// Folded (normalized, lowercased, stemmed) text as stored in the index.
    public var text: String
    /// Byte offset of the first byte of the token in the original UTF-8 text.
    public var start: Int
    /// Byte offset one past the last byte of the token in the original UTF-8 text.
    public var end: Int
    /// Token position; colocated tokens share the position of the token before them.
    public var position: Int
    /// True when this token is an alternative form at the same position as the previous one
    /// (FTS5_TOKEN_COLOCATED).
    public var colocated: Bool

    public init(text: String, start: Int, end: Int, position: Int, colocated: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.position = position
        self.colocated = colocated
    }

    public var description: String {
        "\(text)[\(start)..<\(end)]@\(position)\(colocated ? "+" : "")"
    }
}
