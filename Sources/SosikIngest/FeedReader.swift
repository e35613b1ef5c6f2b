/// Reads RSS 2.0, 0.9x and 1.0 (RDF) and Atom feeds: each item or entry is an article, with
/// title, link (its URL, and its id when there is no guid), `pubDate`/`published`/`updated`,
/// `content:encoded` or `description` (Atom `content` or `summary`; HTML turned into text),
/// author and categories; the feed's language; feeds in EUC-KR and other declared charsets.
/// A file that is not well-formed XML is skipped, naming the line of the first problem.
///
/// ```swift
/// try FeedReader().read(InputFile(path: "feed.xml", bytes: bytes)) { print($0) }
/// ```
public struct FeedReader: ArticleReader {
    public static let extensions: Set<String> = ["xml", "rss", "atom", "rdf"]
    public init() {}

    public func read(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws {
        let decoded = TextDecoding.decode(file.bytes, markup: true)
        let root: MarkupNode
        switch Markup.xml(Array(CorpusReader.clean(decoded.text).utf8)) {
        case .success(let r): root = r
        case .failure(let problem):
            try emit(.skipped(path: file.path, line: problem.line, reason: "not well-formed XML: \(problem.message)"))
            return
        }
        for message in [TextDecoding.warning(decoded)].compactMap({ $0 }) + root.problems {
            try emit(.warning(path: file.path, line: nil, message: message))
        }
        let channel: MarkupNode
        let items: [MarkupNode]
        let atom: Bool
        switch root.name {
        case "rss":
            guard let c = root.child("channel") else {
                try emit(.skipped(path: file.path, line: root.line, reason: "RSS without a <channel>"))
                return
            }
            channel = c; items = c.elements("item"); atom = false
        case "RDF":
            channel = root.child("channel") ?? root; items = root.elements("item"); atom = false
        case "feed":
            channel = root; items = root.elements("entry"); atom = true
        default:
            try emit(.skipped(path: file.path, line: root.line, reason: "XML, but not an RSS or Atom feed (root element <\(root.name)>)"))
            return
        }
        let feedLang = (channel.child("language")?.text ?? root.attribute("lang") ?? root.attribute("xml:lang"))
            .flatMap(LanguageDetector.normalize)
        let feedTitle = Self.plain(channel.child("title"))
        let base = CorpusReader.defaultID(path: file.path, root: file.root)
        if items.isEmpty {
            try emit(.skipped(path: file.path, line: nil, reason: "feed has no items"))
            return
        }
        for (n, item) in items.enumerated() {
            let title = Self.plain(item.child("title"))
            let link: String? = atom ? Self.atomLink(item) : item.child("link").map { PageMetadata.clean($0.text) }
            let guid = (atom ? item.child("id") : item.child("guid")).map { PageMetadata.clean($0.text) }
            // The first of the text elements that holds text: an empty <content:encoded/> or an
            // Atom <content src=…/> must not hide the description or summary.
            let candidates = atom ? [item.child("content").flatMap { $0.attribute("src") == nil ? $0 : nil }, item.child("summary")]
                : [item.children.first { $0.name == "encoded" && $0.prefix == "content" }, item.child("description")]
            let paragraphs = candidates.compactMap { $0 }.lazy.map(Self.paragraphs).first { !$0.isEmpty } ?? []
            guard !title.isEmpty || !paragraphs.isEmpty else {
                try emit(.skipped(path: file.path, line: item.line, reason: "item \(n + 1) has neither a title nor text"))
                continue
            }
            let rawDate = ["pubDate", "published", "updated", "date", "issued", "modified"].lazy
                .compactMap { name in item.children.first { $0.name == name }.map { PageMetadata.clean($0.text) } }.first
            var date: String?
            if let rawDate, !rawDate.isEmpty {
                date = DateNormalizer.isoPrefix(rawDate)
                if date == nil {
                    try emit(.warning(path: file.path, line: item.line, message: "item \(n + 1): date \(quoted(rawDate)) not understood; indexed without a date"))
                }
            }
            let id = [guid, link].compactMap { $0 }.first { !$0.isEmpty } ?? "\(base):\(n + 1)"
            // The feed's declared language, unless the item's own text plainly says otherwise (a
            // feed declaring en-us whose items are Korean).
            let body = paragraphs.joined(separator: "\n\n")
            var article = Article(id: CorpusReader.nfc(id), title: CorpusReader.nfc(title), body: body,
                                  lang: LanguageDetector.resolve(declared: feedLang, title: title, body: body), date: date, source: feedTitle.isEmpty ? nil : CorpusReader.nfc(feedTitle),
                                  url: link.flatMap { $0.isEmpty ? nil : $0 }, path: file.path)
            let authors = item.children.filter { $0.name == "author" || $0.name == "creator" }
                .map { a in PageMetadata.clean(a.child("name")?.text ?? a.text) }.filter { !$0.isEmpty }
            article.author = authors.isEmpty ? nil : authors.joined(separator: ", ")
            article.categories = item.elements("category").map { c in
                PageMetadata.clean(c.attribute("label") ?? c.attribute("term") ?? c.text)
            }.filter { !$0.isEmpty }
            try emit(.article(article))
        }
    }

    /// Atom's `<link rel="alternate" href>` (or a link without rel).
    static func atomLink(_ entry: MarkupNode) -> String? {
        let links = entry.elements("link")
        let chosen = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        return chosen?.attribute("href")
    }

    /// Text of an element that may hold escaped HTML (RSS titles sometimes do).
    static func plain(_ node: MarkupNode?) -> String {
        guard let node else { return "" }
        let text = node.text
        if text.contains("<") && text.contains(">") { return paragraphs(ofHTML: text).joined(separator: " ") }
        return PageMetadata.clean(text)
    }

    /// The paragraphs of `description`, `content:encoded` or Atom `content`: escaped HTML or
    /// CDATA (RSS, Atom type="html"), inline XHTML (Atom type="xhtml"), or plain text.
    static func paragraphs(_ node: MarkupNode) -> [String] {
        if node.children.contains(where: { !$0.isText }) {
            return TextBlocks(of: node).blocks.map(\.text)   // inline XHTML
        }
        let text = node.text
        let type = node.attribute("type") ?? ""
        if type == "text" || !(text.contains("<") && text.contains(">")) {
            return text.components(separatedBy: "\n\n").map(PageMetadata.clean).filter { !$0.isEmpty }
        }
        return paragraphs(ofHTML: text)
    }

    static func paragraphs(ofHTML html: String) -> [String] {
        let (root, _) = Markup.html(Array(html.utf8))
        guard let root else { return [] }
        return TextBlocks(of: root).blocks.map(\.text)
    }
}
