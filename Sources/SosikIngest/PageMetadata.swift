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
        // The outlet: a portal's copy (Daum's "다음뉴스", Naver's "언론사 뷰") names it in
        // og:article:author ("연합뉴스 | 네이버"); a site may name itself by its domain
        // (hankyung.com), or only in its <title>'s suffix.
        let site = meta["og:site_name"].map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
        // og:article:author names the outlet on a portal's copy ("연합뉴스 | 네이버"); elsewhere
        // it may be the reporter ("홍길동 기자").
        let byPortal = meta["og:article:author"].flatMap { value in
            value.contains("|") || site.map(Self.isPortal) == true ? Self.outletOfPortalCopy(value) : nil
        }
        if let site, !Self.isPortal(site) {
            source = site
        } else {
            source = byPortal ?? Self.name(ld["publisher"]) ?? site ?? meta["application-name"]
                ?? Self.logoName(root) ?? titleTag.flatMap(Self.siteSuffix)
        }
        author = Self.name(ld["author"]) ?? meta["author"] ?? meta["article:author"]
        // A Korean outlet that names itself by its domain, in Latin letters only, or not at all
        // gets the name its readers use (KoreanOutlets), by its web address.
        let hangulTitle = (titleTag ?? meta["og:title"] ?? "").containsHangulSyllable
        let koreanPage = lang == "ko" || hangulTitle
        if koreanPage, KoreanOutlets.needsName(source), let outlet = KoreanOutlets.name(atURL: url) { source = outlet }
        let h1 = Self.firstH1(root)
        let candidates = [meta["og:title"], ld["headline"] as? String, meta["headline"], h1, meta["twitter:title"],
                          titleTag.map { Self.withoutSiteSuffix($0, site: source) }]
        title = candidates.compactMap { $0.map(Self.clean) }.first { !$0.isEmpty }
        if let t = title, let site = source { title = Self.withoutSiteSuffix(t, site: site) }
        // "제목-정치ㅣ한국일보": the section (article:section) after the site name went.
        if let t = title, let section = meta["article:section"].map(Self.clean), !section.isEmpty {
            for separator in ["-", " - ", " | ", "|", " :: "] where t.hasSuffix(separator + section) && t.count > section.count + separator.count + 4 {
                title = String(t.dropLast(section.count + separator.count)).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        let dates = [meta["article:published_time"], ld["datePublished"] as? String, meta["og:published_time"],
                     meta["date"], meta["pubdate"], meta["publishdate"], meta["dc.date"], meta["dc.date.issued"],
                     meta["sailthru.date"], meta["parsely-pub-date"], ld["dateCreated"] as? String] + times.map { Optional($0) }
            + [meta["article:modified_time"], ld["dateModified"] as? String]
        // A Korean page's timestamps are read in Korea's time: `2023-04-19T22:53:13Z` was
        // published on the 20th, as its byline says (송고시간 2023-04-20 07:53:13).
        let offset = lang == "ko" ? 9 * 3600 : nil
        // Korean bylines are looked for on Korean pages only (an English page's Korean footer
        // is no byline).
        let koreanPageForDates = lang == "ko" || (lang == nil && hangulTitle)
        date = dates.lazy.compactMap { $0.flatMap { DateNormalizer.isoPrefix($0, localOffset: offset) } }.first
            ?? (koreanPageForDates ? Self.keywordDate(root) : nil) ?? Self.bylineDate(root)
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
            // A site's menu ("English News" in the navigation) is no link of this article.
            if (hreflang != nil && hreflang != lang) || Self.isTranslationLinkText(text), !Self.isInNavigation(node) {
                links.append(href)
            }
        }
        var seen = Set<String>()
        translations = links.compactMap { Self.absolute($0, base: url ?? fileURL) }
            .filter { $0 != url && seen.insert($0).inserted }
    }

    /// Whether a node sits in the page's navigation or footer (`isChrome`, any ancestor).
    static func isInNavigation(_ node: MarkupNode) -> Bool {
        var current = node.parent
        while let n = current {
            if isChrome(n, words: navigationWords) { return true }
            current = n.parent
        }
        return false
    }

    /// Whether an element is the page's chrome, not its article: a navigation, menu or footer
    /// by tag or ARIA role (not <header>: an article's own header holds its "Read in English"
    /// link), or by a class or id word of `words`.
    static func isChrome(_ n: MarkupNode, words: Set<String>) -> Bool {
        if n.name == "nav" || n.name == "footer" || n.name == "menu" { return true }
        if let role = n.attribute("role")?.lowercased(), role == "navigation" || role == "contentinfo" { return true }
        return MainContent.words(of: n).contains { words.contains($0) }
    }

    /// Menus (`gnb`, `lnb` on Korean sites) and footers, for language links.
    static let navigationWords: Set<String> = ["nav", "navbar", "navigation", "menu", "gnb", "lnb", "snb", "footer",
                                               "sitemap", "familysite"]

    /// Whether a link's text (lowercased) names the other-language edition: one of
    /// `translationLinkTexts`, or one followed by more words ("read in korean ›", "영문 기사 보기")
    /// when the phrase is long enough not to start unrelated links: 7 letters in English, 4 in
    /// Korean (a Hangul syllable carries about three letters; "한국어" alone would start
    /// "한국어 교육 확대").
    static func isTranslationLinkText(_ text: String) -> Bool {
        translationLinkTexts.contains { phrase in
            if text == phrase { return true }
            guard text.hasPrefix(phrase) else { return false }
            let hangul = phrase.containsHangulSyllable
            return phrase.count >= (hangul ? 4 : 7)
        }
    }

    /// The date after a Korean byline's word for "published" (`기사입력 :[ 2018-08-25 15:24 ]`,
    /// `입력 2025.05.15. 오후 8:00`, `송고시간 2023-04-20 07:53`, `등록 2023.04.05 19:50`,
    /// `승인 …`), in the first short element that has one: the date must follow the word with
    /// nothing but spaces, colons and brackets between (`등록번호`, `등록년월일 : 2012…` of a
    /// footer are no bylines).
    static func keywordDate(_ root: MarkupNode) -> String? {
        var found: String?
        // Text pieces, each with what follows it among its siblings: the date is often in the
        // next element (`기사입력 <span>2017.04.20. 오후 3:53</span>`), or the byline a bare
        // text beside the article (`기사입력 :[ 2018-08-25 15:24 ]`).
        func look(_ node: MarkupNode) {
            guard found == nil, node.name != "script", node.name != "style" else { return }
            // A footer's 등록일 / 발행일 is the publication's registration, not the article's date.
            if Self.isChrome(node, words: footerWords) { return }
            let kids = node.children
            for (i, child) in kids.enumerated() where found == nil {
                guard child.isText else { look(child); continue }
                let text = child.text
                // The words are Hangul: a text without Hangul lead bytes holds none (and
                // Foundation's `contains` on every text of a page was a fifth of extraction).
                guard text.utf8.count < 2000, text.utf8.contains(where: { $0 >= 0xEA && $0 <= 0xED }),
                      bylineWords.contains(where: { MainContent.contains(text, $0) }) else { continue }
                var window = text
                for next in kids[(i + 1)...] {
                    if window.count > text.count + 60 { break }
                    window += next.text
                }
                found = dateAfterBylineWord(window)
            }
        }
        look(root)
        return found
    }

    /// The date right after a byline word in `text` (see `keywordDate`), or nil.
    static func dateAfterBylineWord(_ text: String) -> String? {
        for word in bylineWords {
            var from = text.startIndex
            while let r = text.range(of: word, range: from..<text.endIndex) {
                from = r.upperBound
                let rest = text[r.upperBound...].drop { " \u{A0}:：[]()|\t\n\r".contains($0) }
                guard let first = rest.first, first.isASCII, first.isNumber else { continue }
                if let d = DateNormalizer.find(in: String(rest.prefix(40))), rest.hasPrefix(d.prefix(4)) { return d }
            }
        }
        return nil
    }

    /// Footers, copyright and company blocks and menus, for bylines.
    static let footerWords: Set<String> = ["footer", "foot", "copyright", "copy", "company", "corp", "address", "bottom",
                                           "sitemap", "familysite", "gnb", "lnb", "nav", "menu"]

    static let bylineWords = ["기사입력", "최초입력", "입력", "송고시간", "송고", "등록일", "등록", "승인", "게재", "발행일", "작성일"]

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

    /// The first `<h1>` that is not the site's logo: one that links to the home page (`<a
    /// href="/">` around or inside it) or is marked `logo`, `site-title`, `brand` is the
    /// outlet's name (`엔터 미디어`), not the headline.
    static func firstH1(_ root: MarkupNode) -> String? {
        var found: String?
        root.descendants { node in
            if found == nil, node.name == "h1", !isLogo(node) {
                let t = clean(node.text)
                if !t.isEmpty { found = t }
            }
        }
        return found
    }

    /// A link to the site's home page.
    static func home(_ a: MarkupNode) -> Bool {
        guard a.name == "a", let href = a.attribute("href")?.trimmingCharacters(in: .whitespaces) else { return false }
        if href == "/" || href == "./" || href == "#" { return true }
        guard let u = URL(string: href), u.host != nil else { return false }
        return u.path.isEmpty || u.path == "/" || u.path == "/index.html" || u.path == "/index.php"
    }

    /// An element marked as the site's logo or name by its class or id (`logo`, `brand`,
    /// `site-title`, `site_name`), not by any word `site` (`site-content` holds articles).
    static func marksLogo(_ node: MarkupNode) -> Bool {
        for value in [node.attribute("class"), node.attribute("id")] {
            guard let v = value?.lowercased(), !v.isEmpty else { continue }
            let squeezed = v.filter { $0 != "-" && $0 != "_" }
            if v.contains("logo") || v.contains("brand") || squeezed.contains("sitetitle") || squeezed.contains("sitename") { return true }
        }
        return false
    }

    static func isLogo(_ h1: MarkupNode) -> Bool {
        if inLogo(h1) { return true }
        var linksHome = false
        h1.descendants { if home($0) { linksHome = true } }
        return linksHome
    }

    /// Whether the node or one of its two nearest ancestors links home or is marked as a logo.
    static func inLogo(_ node: MarkupNode) -> Bool {
        var n: MarkupNode? = node
        for _ in 0..<3 {
            guard let x = n else { break }
            if home(x) || marksLogo(x) { return true }
            n = x.parent
        }
        return false
    }

    /// The outlet's name as its logo gives it: the text of a logo `<h1>` (`엔터 미디어`), else
    /// the `alt` of an image in a link to the home page or an element marked `logo` (`TV CHOSUN`).
    static func logoName(_ root: MarkupNode) -> String? {
        var found: String?
        root.descendants { node in
            guard found == nil else { return }
            if node.name == "h1", isLogo(node) {
                let t = clean(node.text)
                if !t.isEmpty && t.count <= 30 { found = t; return }
            }
            if node.name == "img", let raw = node.attribute("alt"), !raw.isEmpty, raw.utf8.count <= 120, inLogo(node) {
                let alt = clean(raw)
                if !alt.isEmpty && alt.count <= 30 { found = alt }
            }
        }
        return found
    }

    /// Portals' names, as og:site_name or in og:article:author ("연합뉴스 | 네이버").
    static let portals: Set<String> = ["다음뉴스", "다음", "daum", "daum뉴스", "언론사뷰", "네이버", "네이버뉴스", "네이버스포츠",
                                       "naver", "navernews", "네이버연예", "zum", "줌", "nate", "네이트", "네이트뉴스"]

    static func isPortal(_ name: String) -> Bool {
        portals.contains(name.lowercased().filter { !$0.isWhitespace })
    }

    /// "연합뉴스 | 네이버", "네이버 스포츠 | 스포티비뉴스" → the part that is no portal.
    static func outletOfPortalCopy(_ author: String) -> String? {
        let parts = author.split(separator: "|").map { clean(String($0)) }.filter { !$0.isEmpty && !isPortal($0) }
        return parts.count == 1 ? parts[0] : nil
    }

    /// The site named after a `<title>`'s last separator ("… - Entermedia"), when that part is
    /// short and no portal.
    static func siteSuffix(_ title: String) -> String? {
        for separator in [" | ", " - ", " :: ", " : ", "ㅣ", " < "] {
            guard let r = title.range(of: separator, options: .backwards) else { continue }
            let tail = clean(String(title[r.upperBound...])), head = clean(String(title[..<r.lowerBound]))
            if !tail.isEmpty, tail.count <= 20, head.count > tail.count, !isPortal(tail) { return tail }
            return nil
        }
        return nil
    }

    /// "Title | Site" and "Title - Site" → "Title" (when the tail is the site name, or short).
    static func withoutSiteSuffix(_ title: String, site: String?) -> String {
        // Korean CMSs (ndsoft and others): "제목 < 정치 < 기사본문 - 데일리NK".
        if let r = title.range(of: " < "), !title[..<r.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty {
            return title[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        for separator in [" | ", " - ", " – ", " — ", " :: ", " : ", " · ", "ㅣ", "|"] {
            guard let r = title.range(of: separator, options: .backwards) else { continue }
            let tail = title[r.upperBound...].trimmingCharacters(in: .whitespaces)
            let head = title[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            if head.isEmpty { continue }
            if isPortal(tail) { return head }
            if let site, tail.lowercased() == site.lowercased() || site.lowercased().contains(tail.lowercased()) { return head }
            if site == nil && tail.count <= 20 && head.count > tail.count { return head }
            // A brand or domain in Latin letters after a Korean site's own name (`엔터 미디어`
            // in its logo, `- Entermedia` in its <title>).
            if tail.count <= 20, head.count > tail.count, !tail.contains(" "),
               tail.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "." || $0 == "-") }),
               head.containsHangulSyllable { return head }
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
    /// `localOffset` (seconds east of UTC): a timestamp with a zone (`Z`, `+00:00`) is read in
    /// that time instead (a Korean page's `…T22:53:13Z` is the next day in Seoul).
    public static func isoPrefix(_ raw: String, localOffset: Int?) -> String? {
        if let localOffset, let shifted = shifted(raw.trimmingCharacters(in: .whitespacesAndNewlines), to: localOffset) { return shifted }
        return isoPrefix(raw)
    }

    /// `2023-04-19T22:53:13Z` at +09:00 → `2023-04-20`; nil when `raw` is no timestamp with a zone.
    static func shifted(_ raw: String, to offset: Int) -> String? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var date = f.date(from: raw)
        if date == nil {
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = f.date(from: raw)
        }
        guard let date else { return nil }
        let out = DateFormatter()
        out.locale = Locale(identifier: "en_US_POSIX")
        out.timeZone = TimeZone(secondsFromGMT: offset)
        out.dateFormat = "yyyy-MM-dd"
        return out.string(from: date)
    }

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
