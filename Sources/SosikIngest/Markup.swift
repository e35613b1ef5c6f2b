import CSosikFormats

/// One node of a parsed HTML page or XML feed: an element with its attributes and children, or
/// a run of text. Built once from libxml2's tree (through CSosikFormats), then read by the
/// readers in Swift. Comments and processing instructions are dropped.
///
/// ```swift
/// let page = Markup.html(Array("<p>순찰 <b>강화</b></p>".utf8))
/// page.root?.text   // "순찰 강화"
/// ```
public final class MarkupNode {
    /// Element name, lowercased for HTML, without namespace prefix; "" for text.
    public let name: String
    /// Namespace prefix of an XML element (`content` of `content:encoded`), or nil.
    public let prefix: String?
    /// The text of a text node; "" for elements.
    public let ownText: String
    public internal(set) var attributes: [(name: String, value: String)] = []
    public internal(set) var children: [MarkupNode] = []
    /// Unowned: the tree is owned from its root down; a node is used while its root is alive.
    public internal(set) unowned var parent: MarkupNode?
    /// Line in the source (1-based; 0 when unknown).
    public let line: Int

    /// On the root: what building the tree could not keep as it was (elements nested deeper
    /// than `Markup.maxDepth` read as text; entity references past the document's own size left
    /// out), for the readers to report.
    public internal(set) var problems: [String] = []

    /// Scratch space for the content extractor (scores), per node.
    var classVerdict: (article: Bool, strong: Bool, weak: Bool, hidden: Bool)?

    init(name: String, prefix: String?, text: String, line: Int) {
        self.name = name
        self.prefix = prefix
        self.ownText = text
        self.line = line
    }

    public var isText: Bool { name.isEmpty }

    /// The value of attribute `name` (lowercase), or nil.
    public func attribute(_ name: String) -> String? {
        for a in attributes where a.name == name { return a.value }
        return nil
    }

    /// All text below this node, as written (whitespace untouched).
    public var text: String {
        if isText { return ownText }
        var out = ""
        appendText(to: &out)
        return out
    }

    func appendText(to out: inout String) {
        if isText { out += ownText; return }
        for c in children { c.appendText(to: &out) }
    }

    /// Whether `text` is at most `limit` UTF-8 bytes, without building it (stops counting past
    /// the limit: a check on a wrapper of the whole article costs no more than a short one).
    func textFits(in limit: Int) -> Bool {
        var left = limit
        func walk(_ node: MarkupNode) -> Bool {
            if node.isText {
                left -= node.ownText.utf8.count
                return left >= 0
            }
            return node.children.allSatisfy(walk)
        }
        return walk(self)
    }

    /// The first child element named `name` (any prefix), or nil.
    public func child(_ name: String) -> MarkupNode? {
        children.first { $0.name == name }
    }

    public func elements(_ name: String) -> [MarkupNode] {
        children.filter { $0.name == name }
    }

    /// Every element below this node, depth first, in document order.
    public func descendants(_ visit: (MarkupNode) -> Void) {
        for c in children where !c.isText {
            visit(c)
            c.descendants(visit)
        }
    }
}

/// Parsing entry points: HTML (never refused, repaired like a browser does) and XML (refused
/// when it is not well-formed, with the line of the first problem).
public enum Markup {
    /// The first problem a parser met: line and message.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
        public var count: Int
    }

    /// A parsed HTML page: its root element (nil only for an empty document) and the first
    /// markup problem, if any.
    public static func html(_ utf8: [UInt8]) -> (root: MarkupNode?, problem: Problem?) {
        var problem = sosik_markup_problem()
        let doc = utf8.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { sosik_html_parse($0.baseAddress, $0.count, &problem) }
        }
        defer { sosik_markup_free(doc) }
        return (doc.flatMap { build(sosik_markup_root($0), html: true, size: utf8.count) }, Problem(problem))
    }

    /// A parsed XML document, or the problem that made it unreadable.
    public static func xml(_ utf8: [UInt8]) -> Result<MarkupNode, Problem> {
        var problem = sosik_markup_problem()
        let doc = utf8.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { sosik_xml_parse($0.baseAddress, $0.count, &problem) }
        }
        defer { sosik_markup_free(doc) }
        guard let doc, let root = build(sosik_markup_root(doc), html: false, size: utf8.count) else {
            return .failure(Problem(problem) ?? Problem(line: 1, message: "not XML", count: 1))
        }
        return .success(root)
    }

    /// Elements whose text is never content; their text is not even copied (a page's scripts
    /// can be most of its bytes). Scripts that carry the article as JSON are kept.
    static let dropped: Set<String> = ["style", "noscript", "svg", "template", "iframe", "object", "embed", "canvas",
                                       "math", "select", "option", "map", "audio", "video", "source", "picture"]

    /// Elements deeper than this are not kept as elements: their text goes to their ancestor
    /// at this depth, in document order. Every walk over the tree (text, content extraction,
    /// the release of the nodes) recurses by depth, and 40,000 nested `<div>`s overflowed the
    /// stack; real pages nest less than 100 deep.
    public static let maxDepth = 256

    /// Builds the tree without recursion: a stack of (next sibling to visit, parent, depth).
    private static func build(_ root: UnsafeRawPointer?, html: Bool, size: Int) -> MarkupNode? {
        guard let root else { return nil }
        var entityBytes = 0
        var flattened = false, entitiesCut = false
        let entityBudget = max(size, 1 << 20)
        let top = element(root, html: html)
        var stack: [(next: UnsafeRawPointer?, parent: MarkupNode, depth: Int)] = [(sosik_node_first_child(root), top, 1)]
        while !stack.isEmpty {
            guard let c = stack[stack.count - 1].next else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next = sosik_node_next(c)
            let (parent, depth) = (stack[stack.count - 1].parent, stack[stack.count - 1].depth)
            switch Int(sosik_node_kind(c)) {
            case Int(SOSIK_ELEMENT):
                let e = element(c, html: html)
                if html && dropped.contains(e.name) { break }
                if html && e.name == "script" && !keepsJSON(e) { break }
                if depth >= maxDepth {
                    if !flattened {
                        flattened = true
                        top.problems.append("elements nested more than \(maxDepth) deep; the deeper ones are read as plain text")
                    }
                    stack.append((sosik_node_first_child(c), parent, depth))
                    break
                }
                e.parent = parent
                parent.children.append(e)
                stack.append((sosik_node_first_child(c), e, depth + 1))
            case Int(SOSIK_ENTITY_REF):
                // An entity the document declares itself: its text, as written in the
                // declaration. Bounded in all by the document's own size (a declaration of a
                // megabyte referenced a million times must not make a terabyte).
                if let t = sosik_node_entity_text(c) {
                    let value = String(cString: t)
                    entityBytes += value.utf8.count
                    if entityBytes > entityBudget {
                        if !entitiesCut {
                            entitiesCut = true
                            top.problems.append("entities declared in the document expand to more text than it holds; the references past that are left out")
                        }
                        break
                    }
                    let text = MarkupNode(name: "", prefix: nil, text: value, line: Int(sosik_node_line(c)))
                    text.parent = parent
                    parent.children.append(text)
                }
            case Int(SOSIK_TEXT), Int(SOSIK_CDATA):
                if let t = sosik_node_text(c) {
                    let text = MarkupNode(name: "", prefix: nil, text: String(cString: t), line: Int(sosik_node_line(c)))
                    text.parent = parent
                    parent.children.append(text)
                }
            default:
                break
            }
        }
        return top
    }

    private static func keepsJSON(_ script: MarkupNode) -> Bool {
        let type = script.attribute("type")?.lowercased() ?? ""
        let id = script.attribute("id") ?? ""
        return type.contains("json") || id == "fusion-metadata" || id == "__NEXT_DATA__"
            || type.isEmpty || type.contains("javascript")   // `Fusion.globalContent = {…}`, `window.__INITIAL_STATE__ = {…}`
    }

    private static func element(_ pointer: UnsafeRawPointer, html: Bool) -> MarkupNode {
        let rawName = String(cString: sosik_node_name(pointer))
        let node = MarkupNode(name: html ? rawName.lowercased() : rawName,
                              prefix: sosik_node_prefix(pointer).map { String(cString: $0) },
                              text: "", line: Int(sosik_node_line(pointer)))
        var attribute = sosik_node_first_attribute(pointer)
        while let a = attribute {
            if let value = sosik_attribute_value(a) {
                let name = String(cString: sosik_attribute_name(a))
                node.attributes.append((html ? name.lowercased() : name, String(cString: value)))
                sosik_free(value)
            }
            attribute = sosik_attribute_next(a)
        }
        return node
    }
}

extension Markup.Problem {
    init?(_ p: sosik_markup_problem) {
        guard p.count > 0 else { return nil }
        var m = p.message
        let message = withUnsafeBytes(of: &m) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        self.init(line: Int(p.line), message: message, count: Int(p.count))
    }
}
