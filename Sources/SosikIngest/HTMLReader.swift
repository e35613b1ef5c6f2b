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
    /// JSON-LD `articleBody` replaces the HTML text when it is at least this much longer (a
    /// teaser before a paywall). Neutral on the AEB pages at 1.6 and above (F1 0.960; 0.959 at 1.1–1.3).
    static let jsonLDPreference = 2.0

    public func read(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws {
        let decoded = TextDecoding.decode(file.bytes, markup: true)
        let (root, problem) = Markup.html(Array(CorpusReader.clean(decoded.text).utf8))
        if MainContent.debug, let problem { print("markup problems: \(problem.count), first at line \(problem.line): \(problem.message)") }
        guard let root else {
            try emit(.skipped(path: file.path, line: nil, reason: "empty page"))
            return
        }
        for message in [TextDecoding.warning(decoded)].compactMap({ $0 }) + root.problems {
            try emit(.warning(path: file.path, line: nil, message: message))
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
        let body = page.paragraphs.joined(separator: "\n\n")
        // The page's declared language, unless its text plainly says otherwise (a page tagged
        // `en` in Portuguese is `other`).
        let lang = LanguageDetector.resolve(declared: page.lang, title: page.title, body: body)
        var article = Article(id: CorpusReader.nfc(id), title: CorpusReader.nfc(page.title),
                              body: body, lang: lang, date: page.date,
                              source: page.source.map(CorpusReader.nfc), url: page.url, path: file.path)
        article.asides = page.captions.map { Article.Aside(kind: .caption, text: $0) }
            + page.credits.map { Article.Aside(kind: .credit, text: $0) }
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
        /// The credits after the article (Trailer): sign-off, tip line, copyright, end mark.
        public var credits: [String] = []
        /// `html` or where the script article came from.
        public var bodyFrom: String
    }

    public func extract(root: MarkupNode, path: String) -> Page {
        let meta = PageMetadata(root: root, fileURL: nil)
        var content = MainContent.extract(from: root, title: meta.title)
        var from = "html"
        var scriptArticle: ScriptArticle?
        let htmlLength = content.paragraphs.reduce(0, { $0 + $1.count })
        if let ld = meta.jsonLD?["articleBody"] as? String, Double(ld.count) > Double(htmlLength) * Self.jsonLDPreference {
            // The page's own statement of its article text, longer than what the HTML shows
            // (a teaser before a paywall or a "read more" button).
            content.paragraphs = ScriptArticle.paragraphs(ofTextOrHTML: ld)
            content.captions = []
            from = "json-ld"
        } else if content.goodLength < Self.scriptFallbackLength,
           let script = ScriptArticle.find(in: root, jsonLD: meta.jsonLD),
           script.paragraphs.reduce(0, { $0 + $1.count }) > content.paragraphs.reduce(0, { $0 + $1.count }) {
            content.paragraphs = script.paragraphs
            content.captions = []
            from = "script"
            scriptArticle = script
        }
        // A page drawn from script JSON may give its headline and date only there (Arc XP's
        // `headlines.basic` and `display_date`).
        var title = meta.title ?? scriptArticle?.title.map(PageMetadata.clean) ?? ""
        if title.isEmpty, let h = content.paragraphs.first, h.count < 200 { title = h }
        let date = meta.date ?? scriptArticle?.date.flatMap(DateNormalizer.isoPrefix)
        return Page(title: title, date: date, lang: meta.lang, url: meta.url, source: meta.source, author: meta.author,
                    translations: meta.translations, paragraphs: content.paragraphs, captions: content.captions,
                    credits: from == "html" ? content.credits : [], bodyFrom: from)
    }
}
