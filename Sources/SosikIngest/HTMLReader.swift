import Foundation

/// Reads a saved news page (`.html`, `.htm`, `.xhtml`): its metadata, its article text (see
/// `MainContent`) and figure captions; the article held in script JSON when the HTML has none.
///
/// ```swift
/// HTMLReader().read(InputFile(path: "page.html", bytes: bytes)) { event in … }
/// ```
public struct HTMLReader: ArticleReader {
    public static let extensions: Set<String> = ["html", "htm", "xhtml", "shtml"]
    public init() {}

    /// Below this much prose in the HTML, the article in script JSON is taken when it has more.
    static let scriptFallbackLength = 400

    public func read(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws {
        let decoded = TextDecoding.decode(file.bytes, markup: true)
        let (root, problem) = Markup.html(Array(CorpusReader.clean(decoded.text).utf8))
        guard let root else {
            try emit(.skipped(path: file.path, line: nil, reason: "empty page"))
            return
        }
        if decoded.how.hasPrefix("invalid") {
            try emit(.warning(path: file.path, line: nil, message: "not valid UTF-8 and no charset declared or detected; read with replacement characters"))
        }
        let page = extract(root: root, path: file.path)
        // libxml2 repairs broken markup as browsers do; a page it had to repair heavily and that
        // yields no text is reported with the line of the first problem.
        guard !page.paragraphs.isEmpty || !page.title.isEmpty else {
            let at = problem.map { " (markup broken from line \($0.line): \($0.message))" } ?? ""
            try emit(.skipped(path: file.path, line: problem?.line, reason: "no article text found in the page\(at)"))
            return
        }
        if page.paragraphs.isEmpty {
            try emit(.warning(path: file.path, line: problem?.line, message: "no article text found; indexed by its title only"))
        }
        let id = file.id ?? CorpusReader.defaultID(path: file.path, root: file.root)
        var article = Article(id: CorpusReader.nfc(id), title: CorpusReader.nfc(page.title),
                              body: page.paragraphs.joined(separator: "\n\n"), lang: page.lang, date: page.date,
                              source: page.source.map(CorpusReader.nfc), url: page.url, path: file.path)
        article.asides = page.captions.map { Article.Aside(kind: .caption, text: $0) }
        article.translationURLs = page.translations
        article.author = page.author
        try emit(.article(article))
    }

    /// Everything sosik takes from a page.
    public struct Page {
        public var title: String
        public var date: String?
        public var lang: String?
        public var url: String?
        public var source: String?
        public var author: String?
        public var translations: [String]
        public var paragraphs: [String]
        public var captions: [String]
        /// `html` or where the script article came from.
        public var bodyFrom: String
    }

    public func extract(root: MarkupNode, path: String) -> Page {
        let meta = PageMetadata(root: root, fileURL: nil)
        var content = MainContent.extract(from: root, title: meta.title)
        var from = "html"
        if content.goodLength < Self.scriptFallbackLength,
           let script = ScriptArticle.find(in: root, jsonLD: meta.jsonLD),
           script.paragraphs.reduce(0, { $0 + $1.count }) > content.paragraphs.reduce(0, { $0 + $1.count }) {
            content.paragraphs = script.paragraphs
            content.captions = []
            from = "script"
        }
        var title = meta.title ?? ""
        if title.isEmpty, let h = content.paragraphs.first, h.count < 200 { title = h }
        return Page(title: title, date: meta.date, lang: meta.lang, url: meta.url, source: meta.source, author: meta.author,
                    translations: meta.translations, paragraphs: content.paragraphs, captions: content.captions, bodyFrom: from)
    }
}
