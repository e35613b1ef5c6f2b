import Foundation

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
    /// Passages that are not body text, kept apart from it: figure captions of a web page, a
    /// feed item's author (credit) and categories (footer).
    public var asides: [Aside] = []
    /// URLs of the same article in other languages (hreflang alternates, "Read in Korean"
    /// links). The index links the two as `translation_of` when the other page is indexed.
    public var translationURLs: [String] = []
    /// Byline, when the format gives one.
    public var author: String?
    /// Categories or tags, when the format gives them.
    public var categories: [String] = []

    /// A passage of a kind other than body text.
    public struct Aside: Sendable, Equatable {
        public var kind: PassageKind
        public var text: String
        public init(kind: PassageKind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

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

extension Article {
    /// A URL as the index compares it: scheme, `www.`, fragment, trailing `/` and tracking
    /// parameters (`utm_*`) dropped, host lowercased. `https://www.DailyNK.com/a/?utm_source=x#top`
    /// → `dailynk.com/a`.
    public static func urlKey(_ url: String) -> String {
        var s = url.trimmingCharacters(in: .whitespacesAndNewlines)
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        for scheme in ["https://", "http://", "//"] where s.lowercased().hasPrefix(scheme) { s.removeFirst(scheme.count); break }
        var host = s.prefix { $0 != "/" && $0 != "?" }.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let rest = s.dropFirst(s.prefix { $0 != "/" && $0 != "?" }.count)
        // The path's trailing `/` goes whether or not a query follows (`/view/?id=7` = `/view?id=7`).
        var path = rest.prefix { $0 != "?" }
        while path.hasSuffix("/") { path.removeLast() }
        var query = ""
        if let q = rest.firstIndex(of: "?") {
            let kept = rest[rest.index(after: q)...].split(separator: "&").filter { !$0.lowercased().hasPrefix("utm_") }
            if !kept.isEmpty { query = "?" + kept.joined(separator: "&") }
        }
        return host + path + query
    }
}

extension Article {
    /// The passages the index stores for this article, in order: the body split by `splitter`,
    /// then the asides (captions; the author as a credit; categories as a footer). A title-only
    /// article has one empty body passage, so that it stays findable by its title.
    public func passages(splitter: PassageSplitter = PassageSplitter()) -> [(kind: PassageKind, text: String)] {
        var out = splitter.split(body).map { (kind: $0.kind, text: String($0.text)) }
        if out.isEmpty { out = [(.body, "")] }
        var extra = asides
        if let author, !author.isEmpty { extra.append(.init(kind: .credit, text: "By " + author)) }
        if !categories.isEmpty { extra.append(.init(kind: .footer, text: "Categories: " + categories.joined(separator: ", "))) }
        out += extra.map { (kind: $0.kind, text: $0.text) }
        return out
    }
}
