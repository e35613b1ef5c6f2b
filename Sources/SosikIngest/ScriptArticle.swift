import Foundation
import SosikText

/// The article a page keeps in script JSON instead of its HTML (pages that draw themselves in
/// the browser): JSON-LD `articleBody`, Arc XP's `fusion-metadata` (`Fusion.globalContent`),
/// Next.js `__NEXT_DATA__`, other `application/json` scripts, and state objects such as
/// `window.__INITIAL_STATE__ = {…}`.
struct ScriptArticle {
    var title: String?
    var date: String?
    var paragraphs: [String]

    /// The script article with the most text, or nil.
    static func find(in root: MarkupNode, jsonLD: [String: Any]?) -> ScriptArticle? {
        var found: [ScriptArticle] = []
        if let ld = jsonLD, let body = ld["articleBody"] as? String, !body.isEmpty {
            found.append(ScriptArticle(title: ld["headline"] as? String, date: ld["datePublished"] as? String,
                                       paragraphs: Self.paragraphs(ofTextOrHTML: body)))
        }
        var flight: [String] = []
        root.descendants { node in
            guard node.name == "script" else { return }
            let id = node.attribute("id") ?? ""
            let text = node.text
            if text.contains("self.__next_f.push(") {
                flight += Self.flightChunks(text)
                return
            }
            let type = (node.attribute("type") ?? "").lowercased()
            if id == "__NEXT_DATA__" || (type.contains("json") && !type.contains("ld+json")) {
                if let json = Self.json(text) { found += Self.generic(json) }
            } else if let marker = Self.stateMarkers.first(where: { text.contains($0) }),
                      let r = text.range(of: marker), let object = Self.balancedObject(in: text[r.upperBound...]),
                      let json = Self.json(String(object)) {
                found += Self.generic(json)
            } else if id == "fusion-metadata" || text.contains("Fusion.globalContent=") || text.contains("Fusion.globalContent =") {
                if let r = text.range(of: "globalContent"), let object = Self.balancedObject(in: text[r.upperBound...]),
                   let json = Self.json(String(object)) as? [String: Any] {
                    if let a = Self.arc(json) { found.append(a) } else { found += Self.generic(json) }
                }
            }
        }
        if !flight.isEmpty {
            let paragraphs = Self.flightParagraphs(flight.joined())
            if !paragraphs.isEmpty { found.append(ScriptArticle(title: nil, date: nil, paragraphs: paragraphs)) }
        }
        return found.max { $0.paragraphs.reduce(0) { $0 + $1.count } < $1.paragraphs.reduce(0) { $0 + $1.count } }
    }

    /// Next.js app-router pages keep their React tree as "flight data" in scripts,
    /// `self.__next_f.push([1,"…"])`: the strings pushed, decoded.
    static func flightChunks(_ script: String) -> [String] {
        var out: [String] = []
        var rest = Substring(script)
        while let r = rest.range(of: "self.__next_f.push([1,") {
            rest = rest[r.upperBound...]
            guard rest.first == "\"" else { continue }
            // The JSON string literal: up to the first quote not escaped.
            var i = rest.index(after: rest.startIndex)
            var escaped = false
            while i < rest.endIndex {
                let c = rest[i]
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break }
                i = rest.index(after: i)
            }
            guard i < rest.endIndex else { break }
            let literal = String(rest[rest.startIndex...i])
            if let decoded = try? JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed]) as? String {
                out.append(decoded)
            }
            rest = rest[rest.index(after: i)...]
        }
        return out
    }

    /// The paragraphs of a flight payload: each line is `id:JSON`; React elements are
    /// `["$", tag, key, props]`, and the text of every `<p>` (its children's strings, inner
    /// elements included) is a paragraph, in order.
    static func flightParagraphs(_ payload: String) -> [String] {
        var paragraphs: [String] = []
        func text(_ node: Any) -> String {
            if let s = node as? String { return s.hasPrefix("$") ? "" : s }
            if let list = node as? [Any] {
                if list.count == 4, (list[0] as? String) == "$", let props = list[3] as? [String: Any] {
                    if (list[1] as? String) == "br" { return "\n" }
                    return props["children"].map(text) ?? ""
                }
                return list.map(text).joined()
            }
            return ""
        }
        func walk(_ node: Any) {
            if let list = node as? [Any] {
                if list.count == 4, (list[0] as? String) == "$", let tag = list[1] as? String, let props = list[3] as? [String: Any] {
                    if tag == "p" {
                        let t = text(props["children"] ?? "").collapsingWhitespace()
                        if !t.isEmpty { paragraphs.append(t) }
                        return
                    }
                    if ["script", "style", "nav", "header", "footer", "aside"].contains(tag) { return }
                    if let children = props["children"] { walk(children) }
                    return
                }
                list.forEach(walk)
            } else if let object = node as? [String: Any] {
                object.values.forEach(walk)
            }
        }
        for line in payload.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), line[..<colon].allSatisfy({ $0.isHexDigit }) else { continue }
            let body = line[line.index(after: colon)...]
            guard body.first == "[" || body.first == "{", let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) else { continue }
            walk(json)
        }
        return paragraphs
    }

    /// Global state objects that single-page apps (React/Redux, Apollo, Vue) leave in the page.
    static let stateMarkers = ["__INITIAL_STATE__", "__PRELOADED_STATE__", "__APOLLO_STATE__", "__INITIAL_DATA__", "__DATA__"]

    /// Arc XP's ANS: `content_elements` of type text/header/list, `headlines.basic`, `display_date`.
    static func arc(_ g: [String: Any]) -> ScriptArticle? {
        guard let elements = g["content_elements"] as? [[String: Any]] else { return nil }
        var paragraphs: [String] = []
        for e in elements {
            let type = e["type"] as? String ?? ""
            if type == "text" || type == "header", let c = e["content"] as? String {
                paragraphs += Self.paragraphs(ofTextOrHTML: c)
            } else if type == "list", let items = e["items"] as? [[String: Any]] {
                for item in items { if let c = item["content"] as? String { paragraphs += Self.paragraphs(ofTextOrHTML: c) } }
            }
        }
        guard !paragraphs.isEmpty else { return nil }
        return ScriptArticle(title: (g["headlines"] as? [String: Any])?["basic"] as? String,
                             date: (g["display_date"] ?? g["first_publish_date"]) as? String, paragraphs: paragraphs)
    }

    static let bodyKeys: Set<String> = ["articleBody", "body", "content", "contents", "text", "html", "bodyHtml", "body_html",
                                        "articleText", "article_body", "story", "storyBody", "fullText", "paragraphs"]

    /// Anywhere in the JSON: the longest string (or list of strings / of `{text|content}` objects)
    /// under a body-like key.
    static func generic(_ json: Any) -> [ScriptArticle] {
        var best: [String] = []
        var bestLength = 0
        func consider(_ paragraphs: [String]) {
            let n = paragraphs.reduce(0) { $0 + $1.count }
            if n > bestLength { best = paragraphs; bestLength = n }
        }
        func visit(_ value: Any, key: String?, depth: Int) {
            guard depth < 40 else { return }
            if let s = value as? String, let key, bodyKeys.contains(key), s.count > 200 {
                consider(paragraphs(ofTextOrHTML: s))
            } else if let list = value as? [Any] {
                if let key, bodyKeys.contains(key) || key.lowercased().contains("block") || key.lowercased().contains("element") {
                    let texts = list.compactMap { item -> String? in
                        if let s = item as? String { return s }
                        if let o = item as? [String: Any] { return (o["text"] ?? o["content"] ?? o["html"]) as? String }
                        return nil
                    }
                    consider(texts.flatMap { paragraphs(ofTextOrHTML: $0) })
                }
                for item in list { visit(item, key: nil, depth: depth + 1) }
            } else if let o = value as? [String: Any] {
                for (k, v) in o { visit(v, key: k, depth: depth + 1) }
            }
        }
        visit(json, key: nil, depth: 0)
        return best.isEmpty ? [] : [ScriptArticle(title: nil, date: nil, paragraphs: best)]
    }

    static func json(_ text: String) -> Any? {
        guard let data = text.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// The `{…}` that starts at the first `{` of `text`, braces inside strings ignored.
    static func balancedObject(in text: Substring) -> Substring? {
        guard let start = text.firstIndex(of: "{") else { return nil }
        var depth = 0
        var inString = false, escaped = false
        var i = start
        while i < text.endIndex {
            let c = text[i]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "{" {
                depth += 1
            } else if c == "}" {
                depth -= 1
                if depth == 0 { return text[start...i] }
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// Plain text split at blank lines / newlines, or HTML through the block walker.
    static func paragraphs(ofTextOrHTML s: String) -> [String] {
        if s.contains("<") && s.contains(">") {
            let (root, _) = Markup.html(Array(s.utf8))
            if let root { return TextBlocks(of: root).blocks.map(\.text) }
        }
        return s.split(separator: "\n").map { PageMetadata.clean(String($0)) }.filter { !$0.isEmpty }
    }
}
