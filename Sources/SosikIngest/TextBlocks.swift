/// The text of a piece of HTML as a reader sees it: a list of blocks (paragraphs, headings,
/// list items, captions), each with the element it came from and how much of it is link text.
///
/// Block elements start a new block; `<br>` is a line break and two or more in a row a new
/// block; whitespace is collapsed as a browser collapses it (except inside `<pre>`).
///
/// ```swift
/// TextBlocks(of: root).blocks.map(\.text)   // ["첫 문단", "둘째 문단"]
/// ```
struct TextBlocks {
    enum Role { case paragraph, heading, item, quote, preformatted, caption, cell }

    struct Block {
        var text: String
        /// Characters (Unicode scalars, spaces excluded) of text, and of text inside links.
        var length: Int
        var linkLength: Int
        var role: Role
        /// The block element the text belongs to.
        unowned var owner: MarkupNode
        var linkDensity: Double { length == 0 ? 0 : Double(linkLength) / Double(length) }
    }

    private(set) var blocks: [Block] = []
    private var text: [UInt8] = []
    private var length = 0
    private var linkLength = 0
    private var pendingSpace = false
    private var breaks = 0

    /// Elements that end one block and start another.
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "figcaption", "form", "fieldset", "legend", "address", "center", "details", "summary",
        "hr", "body", "html", "hgroup", "menu", "dialog", "option", "label", "button", "textarea", "input", "picture",
    ]

    /// Characters from which a heading with two sentence ends is read as a paragraph.
    static let proseInHeading = 40

    /// Full stops, question and exclamation marks (ASCII, fullwidth, ideographic) followed by a
    /// space or the end: sentence ends.
    static func sentenceEnds(_ bytes: [UInt8]) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        var count = 0
        var previous: Character? = nil
        for c in text + " " {
            if let p = previous, ".?!。？！".contains(p), c == " " || c == "\n" { count += 1 }
            previous = c
        }
        return count
    }

    /// Text-bearing elements whose text is never content.
    static let skipped: Set<String> = ["script", "style", "head", "title", "noscript", "button", "select", "textarea", "input",
                                       "svg", "iframe", "template", "meta", "link"]

    init(of node: MarkupNode, skip: (MarkupNode) -> Bool = { _ in false }) {
        walk(node, owner: node, role: .paragraph, inLink: false, pre: false, skip: skip)
        flush(owner: node, role: .paragraph)
    }

    private mutating func walk(_ node: MarkupNode, owner: MarkupNode, role: Role, inLink: Bool, pre: Bool,
                               skip: (MarkupNode) -> Bool) {
        for child in node.children {
            if child.isText {
                append(child.ownText, inLink: inLink, pre: pre)
                continue
            }
            let name = child.name
            if Self.skipped.contains(name) { continue }
            // What the caller leaves out (a photo caption, a share bar) stands between texts:
            // the text before it is a block of its own (`<strong>summary</strong><span><img><em
            // class="img_desc">caption</em></span><strong>lede</strong>…` on Naver).
            if skip(child) { flush(owner: owner, role: role); continue }
            if name == "br" {
                breaks += 1
                if breaks >= 2 { flush(owner: owner, role: role) } else { text.append(0x0A); pendingSpace = false }
                continue
            }
            if Self.blockElements.contains(name) {
                flush(owner: owner, role: role)
                let childRole = Self.role(of: name) ?? role
                walk(child, owner: child, role: childRole, inLink: inLink, pre: pre || name == "pre", skip: skip)
                flush(owner: child, role: childRole)
            } else {
                if name == "img" { continue }
                walk(child, owner: owner, role: role, inLink: inLink || name == "a", pre: pre, skip: skip)
            }
        }
    }

    static func role(of name: String) -> Role? {
        switch name {
        case "p": return .paragraph
        case "h1", "h2", "h3", "h4", "h5", "h6": return .heading
        case "li", "dt", "dd": return .item
        case "blockquote": return .quote
        case "pre": return .preformatted
        case "figcaption", "caption": return .caption
        case "td", "th": return .cell
        default: return nil
        }
    }

    private mutating func append(_ s: String, inLink: Bool, pre: Bool) {
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if pre && v == 0x0A { text.append(0x0A); pendingSpace = false; continue }
            let space = v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0C
                || (!pre && (v == 0xA0 || v == 0x3000 || v == 0x200B || v == 0xFEFF || v == 0x2028 || v == 0x2029))
            if space {
                if !text.isEmpty { pendingSpace = true }
                continue
            }
            if pendingSpace, let last = text.last, last != 0x0A { text.append(0x20) }
            pendingSpace = false
            breaks = 0
            if v < 0x80 {
                text.append(UInt8(v))
            } else {
                text.append(contentsOf: String(scalar).utf8)
            }
            length += 1
            if inLink { linkLength += 1 }
        }
    }

    private mutating func flush(owner: MarkupNode, role: Role) {
        breaks = 0
        pendingSpace = false
        defer { text.removeAll(keepingCapacity: true); length = 0; linkLength = 0 }
        guard length > 0 else { return }
        while text.last == 0x0A || text.last == 0x20 { text.removeLast() }
        // A "heading" that holds sentences is prose: some Korean sites wrap a whole article in
        // an <h4>, its paragraphs split by <br><br>; no headline runs to two sentences.
        var role = role
        if role == .heading && length >= Self.proseInHeading && Self.sentenceEnds(text) >= 2 { role = .paragraph }
        blocks.append(Block(text: String(decoding: text, as: UTF8.self), length: length, linkLength: linkLength, role: role, owner: owner))
    }
}
