import Foundation
import SosikText

/// What a news page says about itself: title, date, language, canonical URL, publisher, and the
/// URLs of the same article in other languages. Read from `<meta>` (Open Graph, article:*),
/// `<link>` (canonical, alternate hreflang), JSON-LD, `<html lang>`, `<time>`, `<title>` and
/// "Read in Korean" style links.
struct PageMetadata {
    var title: String?
    var date: String?
    var lang: String?
    var url: String?
    var source: String?
    var author: String?
    /// Other-language editions: hreflang alternates and "Read in Korean" style links.
    var translations: [String] = []
    /// The JSON-LD article object, if the page has one.
    var jsonLD: [String: Any]?

    private var meta: [String: String] = [:]

    /// Texts of links that point to the other-language edition of the page.
    static let translationLinkTexts = ["read in korean", "read in english", "korean version", "english version",
                                       "한국어로 읽기", "한국어 기사", "한국어판", "영문 기사", "영문기사", "영문 보기", "영문보기",
                                       "영어로 읽기", "영어 기사", "english", "한국어", "in korean", "in english"]

    init(root: MarkupNode, fileURL: String?) {
        var titleTag: String?
        var canonical: String?
        var alternates: [(lang: String, href: String)] = []
        var scripts: [MarkupNode] = []
        var times: [String] = []
        root.descendants { node in
            switch node.name {
            case "meta":
                let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop") ?? "").lowercased()
                if !key.isEmpty, let content = node.attribute("content"), !content.isEmpty, meta[key] == nil {
                    meta[key] = content
                }
            case "link":
                let rel = (node.attribute("rel") ?? "").lowercased()
                if rel == "canonical", let href = node.attribute("href") { canonical = href }
                if rel.contains("alternate"), let lang = node.attribute("hreflang"), let href = node.attribute("href") {
                    alternates.append((lang, href))
                }
            case "title":
                if titleTag == nil { titleTag = Self.clean(node.text) }
            case "script":
                if (node.attribute("type") ?? "").lowercased().contains("ld+json") { scripts.append(node) }
            case "time":
                if let d = node.attribute("datetime") { times.append(d) }
            default: break
            }
        }
        // JSON-LD: the first object typed as an article (inside @graph or a list too).
        for script in scripts {
            guard let data = script.text.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            if let found = Self.articleObject(in: json) { jsonLD = found; break }
        }
        let ld = jsonLD ?? [:]
        let pageLang = root.attribute("lang") ?? root.attribute("xml:lang")
        lang = (pageLang ?? meta["og:locale"] ?? (ld["inLanguage"] as? String) ?? meta["content-language"])
            .flatMap(LanguageDetector.normalize)
        url = canonical ?? meta["og:url"] ?? (ld["url"] as? String) ?? (ld["mainEntityOfPage"] as? String) ?? fileURL
        if let u = url, let absolute = Self.absolute(u, base: fileURL) { url = absolute }
        source = meta["og:site_name"] ?? Self.name(ld["publisher"]) ?? meta["application-name"]
        author = Self.name(ld["author"]) ?? meta["author"] ?? meta["article:author"]
        let h1 = Self.firstH1(root)
        let candidates = [meta["og:title"], ld["headline"] as? String, h1, meta["twitter:title"], titleTag.map { Self.withoutSiteSuffix($0, site: source) }]
        title = candidates.compactMap { $0.map(Self.clean) }.first { !$0.isEmpty }
        if let t = title, let site = source { title = Self.withoutSiteSuffix(t, site: site) }
        let dates = [meta["article:published_time"], ld["datePublished"] as? String, meta["og:published_time"],
                     meta["date"], meta["pubdate"], meta["publishdate"], meta["dc.date"], meta["dc.date.issued"],
                     meta["sailthru.date"], meta["parsely-pub-date"], ld["dateCreated"] as? String] + times.map { Optional($0) }
            + [meta["article:modified_time"], ld["dateModified"] as? String]
        date = dates.compactMap { $0.flatMap(DateNormalizer.isoPrefix) }.first ?? Self.bylineDate(root)
        // Other-language editions.
        // Translation pairs are Korean and English: an alternate in a third language is none.
        func pairLanguage(_ tag: String) -> String? { LanguageDetector.filter(tag).flatMap { $0 == "other" ? nil : $0 } }
        var links = alternates.filter { pairLanguage($0.lang) != nil && pairLanguage($0.lang) != lang }
            .map(\.href)
        root.descendants { node in
            guard node.name == "a", let href = node.attribute("href"), !href.hasPrefix("#") else { return }
            // Most links are not language links: their raw text (≤ 120 bytes) is checked before
            // any cleaning.
            let raw = node.text
            guard raw.utf8.count <= 120 else { return }
            let hreflang = node.attribute("hreflang").flatMap(pairLanguage)
            if hreflang == nil {
                // The phrases start with r, k, e, i, 한 or 영: other links go without more work.
                guard let first = raw.unicodeScalars.first(where: { $0.value > 0x20 && $0 != "\u{A0}" }),
                      "rRkKeEiI한영".unicodeScalars.contains(first) else { return }
            }
            let text = Self.clean(raw).lowercased()
            guard !text.isEmpty, text.count <= 40 else { return }
            if (hreflang != nil && hreflang != lang) || Self.isTranslationLinkText(text) {
                links.append(href)
            }
        }
        var seen = Set<String>()
        translations = links.compactMap { Self.absolute($0, base: url ?? fileURL) }
            .filter { $0 != url && seen.insert($0).inserted }
    }

    /// Whether a link's text (lowercased) names the other-language edition: one of
    /// `translationLinkTexts`, or one followed by more words ("read in korean ›", "영문 기사 보기")
    /// when the phrase is long enough not to start unrelated links: 7 letters in English, 4 in
    /// Korean (a Hangul syllable carries about three letters; "한국어" alone would start
    /// "한국어 교육 확대").
    static func isTranslationLinkText(_ text: String) -> Bool {
        translationLinkTexts.contains { phrase in
            if text == phrase { return true }
            guard text.hasPrefix(phrase) else { return false }
            let hangul = phrase.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
            return phrase.count >= (hangul ? 4 : 7)
        }
    }

    /// A date the page shows rather than declares: `data-published-time`-style attributes, or
    /// the text of a short element whose class names a date (`update-time`, `date`,
    /// `article_date`…), such as `송고2025-05-03 15:00` or `입력 2025.05.03. 오후 3:00`.
    static func bylineDate(_ root: MarkupNode) -> String? {
        var found: String?
        root.descendants { node in
            guard found == nil else { return }
            for (name, value) in node.attributes where name.hasPrefix("data-") && (name.contains("publish") || name.contains("date")) {
                if let d = DateNormalizer.find(in: value) { found = d; return }
            }
            guard let cls = node.attribute("class")?.lowercased(),
                  cls.contains("date") || cls.contains("time") || cls.contains("published") || cls.contains("byline") || cls.contains("info") else { return }
            guard node.textFits(in: 200) else { return }
            found = DateNormalizer.find(in: node.text)
        }
        return found
    }

    static func articleObject(in json: Any) -> [String: Any]? {
        if let list = json as? [Any] {
            for item in list { if let found = articleObject(in: item) { return found } }
            return nil
        }
        guard let object = json as? [String: Any] else { return nil }
        if let graph = object["@graph"], let found = articleObject(in: graph) { return found }
        let types: [String] = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        if types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" || $0 == "LiveBlogPosting" }) {
            return object
        }
        return nil
    }

    /// `publisher`/`author` as a name: a string, an object with `name`, or a list of either.
    static func name(_ value: Any?) -> String? {
        if let s = value as? String { return s.isEmpty ? nil : s }
        if let o = value as? [String: Any] { return name(o["name"]) }
        if let list = value as? [Any] {
            let names = list.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }

    static func firstH1(_ root: MarkupNode) -> String? {
        var found: String?
        root.descendants { node in
            if found == nil, node.name == "h1" {
                let t = clean(node.text)
                if !t.isEmpty { found = t }
            }
        }
        return found
    }

    /// "Title | Site" and "Title - Site" → "Title" (when the tail is the site name, or short).
    static func withoutSiteSuffix(_ title: String, site: String?) -> String {
        // Korean CMSs (ndsoft and others): "제목 < 정치 < 기사본문 - 데일리NK".
        if let r = title.range(of: " < "), !title[..<r.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty {
            return title[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        for separator in [" | ", " - ", " – ", " — ", " :: ", " : ", " · "] {
            guard let r = title.range(of: separator, options: .backwards) else { continue }
            let tail = title[r.upperBound...].trimmingCharacters(in: .whitespaces)
            let head = title[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            if head.isEmpty { continue }
            if let site, tail.lowercased() == site.lowercased() || site.lowercased().contains(tail.lowercased()) { return head }
            if site == nil && tail.count <= 20 && head.count > tail.count { return head }
        }
        return title
    }

    /// Whitespace collapsed and trimmed.
    static func clean(_ s: String) -> String {
        s.collapsingWhitespace()
    }

    static func absolute(_ href: String, base: String?) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasPrefix("javascript:") || trimmed.hasPrefix("mailto:") { return nil }
        if let base, let b = URL(string: base), let u = URL(string: trimmed, relativeTo: b) { return u.absoluteString }
        return URL(string: trimmed)?.absoluteString
    }
}

extension DateNormalizer {
    /// The date of an ISO timestamp or any form `iso` reads: `2019-11-19T10:00:00-05:00` →
    /// `2019-11-19`; RFC 822 (`Tue, 19 Nov 2019 10:00:00 GMT`, RSS) too.
    public static func isoPrefix(_ raw: String) -> String? {
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // The first 10 characters, unless they cut a number: `2025. 5. 15.` is not `2025. 5. 1`.
        if t.count >= 10, !(t.dropFirst(10).first?.isNumber ?? false), let d = iso(String(t.prefix(10))) { return d }
        if let d = iso(t) { return d }
        // The date before a time: `2025. 5. 15. 오전 9:30`, `2025년 5월 15일 오후 3시`.
        let head = t.prefix { $0.isNumber || $0 == " " || $0 == "-" || $0 == "." || $0 == "/" || $0 == "년" || $0 == "월" || $0 == "일" }
        if head.count < t.count, let d = iso(String(head)), d.count == 10 { return d }
        return rfc822(t)
    }

    /// The first date written in `text` as year, month and day (`2025-05-03`, `2025.05.03.`,
    /// `2025/5/3`, `2025년 5월 3일`, `202505031500`), or nil.
    public static func find(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        func digit(_ i: Int) -> Int? { i < scalars.count ? (scalars[i].properties.numericType == .decimal && scalars[i].isASCII ? Int(scalars[i].value) - 48 : nil) : nil }
        var i = 0
        while i + 4 <= scalars.count {
            // A year 1900–2099 not inside a longer number.
            if let a = digit(i), let b = digit(i + 1), let c = digit(i + 2), let d = digit(i + 3), (i == 0 || digit(i - 1) == nil),
               a * 10 + b == 19 || a * 10 + b == 20 {
                let year = a * 1000 + b * 100 + c * 10 + d
                var j = i + 4
                // Compact 20250503(1500): month and day follow at once.
                if let m1 = digit(j), let m2 = digit(j + 1), let d1 = digit(j + 2), let d2 = digit(j + 3) {
                    if let iso = iso("\(year)-\(m1 * 10 + m2)-\(d1 * 10 + d2)") { return iso }
                }
                func number() -> Int? {
                    while j < scalars.count, [" ", ".", "-", "/", "년", "월", "\u{A0}"].contains(Character(scalars[j])) { j += 1 }
                    var n: Int? = nil
                    while let v = digit(j) { n = (n ?? 0) * 10 + v; j += 1 }
                    return n
                }
                if let month = number(), let day = number(), let iso = iso("\(year)-\(month)-\(day)") { return iso }
            }
            i += 1
        }
        return nil
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Tue, 19 Nov 2019 10:00:00 GMT`, `19 Nov 2019`, `November 19, 2019`, `Nov. 19, 2019` → `2019-11-19`.
    static func rfc822(_ raw: String) -> String? {
        let words = raw.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        var day: Int?, month: Int?, year: Int?
        for w in words {
            if let n = Int(w) {
                if n >= 1800 && n <= 2200 && year == nil { year = n }
                else if n >= 1 && n <= 31 && day == nil && year == nil { day = n }
            } else if month == nil, w.count >= 3, let m = months.firstIndex(of: String(w.prefix(3))) {
                month = m + 1
            }
        }
        guard let year, let month, let day else { return nil }
        return iso("\(year)-\(month)-\(day)")
    }
}
