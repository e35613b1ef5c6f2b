/// One news article as read from the corpus, before it is split into passages.
///
/// ```swift
/// let a = Article(id: "ko-1", title: "순찰 강화", body: "경찰이 ...", lang: "ko")
/// ```
public struct Article: Sendable, Equatable {
    /// Stable document id: front-matter `id`, JSON `id`, or the file's path without extension.
    public var id: String
    public var title: String
    public var body: String
    /// `ko` or `en`: given, or detected from the script of the text.
    public var lang: String
    public var date: String?
    public var source: String?
    public var url: String?
    /// Id of the same story in the other language (front matter / JSON `translation_of`).
    public var translationOf: String?
    /// The file the article came from (`-` for standard input), `path:line` for JSON Lines.
    public var path: String?

    public init(id: String, title: String = "", body: String, lang: String? = nil, date: String? = nil,
                source: String? = nil, url: String? = nil, path: String? = nil, translationOf: String? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.lang = lang ?? LanguageDetector.detect(title: title, body: body)
        self.date = date
        self.source = source
        self.url = url
        self.path = path
        self.translationOf = translationOf
    }
}
