import Foundation

/// Finds an HTML page's article text: the part a reader came for, without navigation, share
/// bars, related-article lists, comments and footers.
///
/// The page is first pruned of elements that are never article text (by tag, ARIA role, and
/// class or id words such as `share`, `related`, `comment`). Its text is then cut into blocks
/// (`TextBlocks`). A block is *good* when it is prose: long enough and mostly not link text;
/// every other block is *noise*. The article is the element whose blocks hold the most good
/// text less the noise — a container that takes in the sidebar gains its noise too, one that
/// leaves out half the article loses its good text — and its blocks, link lists dropped, are the
/// body. Figure captions inside it become caption passages. This is the idea of readability and
/// trafilatura (text and link density over one parsed tree), reduced to one score.
struct MainContent {
    struct Result {
        /// Paragraphs of the article body, in order.
        var paragraphs: [String]
        /// Captions of figures inside the article.
        var captions: [String]
        /// The credits, tip lines and sign-off after the article's last paragraph (`Trailer`).
        var credits: [String] = []
        /// Characters of good text found (how sure the extraction is).
        var goodLength: Int
    }

    /// Tags that are never article text.
    static let prunedTags: Set<String> = ["nav", "footer", "aside", "form", "header", "menu", "dialog", "button",
                                          "select", "textarea", "input", "label", "noscript", "script", "style"]
    static let prunedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "menu", "menubar",
                                           "dialog", "alert", "search", "toolbar", "tablist"]

    /// Words in class or id that mark boilerplate. Matched against the parts of the attribute
    /// split at non-letters (`article-share-bar` → article, share, bar).
    static let boilerplateWords: Set<String> = [
        "recommend", "recommended", "newsletter", "subscribe", "subscription", "signup", "promo", "promotion", "advert",
        "advertisement", "ad", "ads", "adsense", "sponsor", "sponsored", "pagination", "pager", "trending", "popular",
        "mostread", "sidebar", "nav", "navbar", "navigation", "menu", "footer", "masthead", "banner", "toolbar", "byline",
        "author", "tags", "keywords", "copyright", "widget", "rail", "hidden", "dateline", "timestamp", "header",
        "reporter", "journalist", "writer", "adv", "advertising", "sponsorship", "ranking", "관련기사", "많이본",
    ]

    /// Words in class or id that mark the article; a node that also carries one is not pruned
    /// for a boilerplate word (readability's "maybe a candidate").
    static let articleWords: Set<String> = ["article", "body", "content", "entry", "main", "post", "story", "text",
                                            "articlebody", "storybody", "news", "view", "txt", "detail", "cont"]

    /// Words that mark boilerplate whatever its size: comment threads can be longer than the
    /// article, and are still not it.
    static let strongWords: Set<String> = ["comment", "comments", "disqus", "share", "sharing", "social", "sns", "related",
                                           "relatedlinks", "newsletter", "cookie", "cookies", "gdpr", "outbrain", "taboola",
                                           "breadcrumb", "breadcrumbs", "popup", "modal", "recirc", "recirculation",
                                           "reply", "replies", "cmt", "댓글", "dable", "adsbygoogle"]

    /// Whether `node` is left out whatever it holds: marked by a strong word (comment threads can be longer than the article, and are still not it),
    /// or hidden by a class of its own (`hide`, `blind`, `sr-only`): a broadcaster repeats the
    /// whole article in `<div class="hide" id="mailHtmlContentsTop">` for its e-mail button.
    static func isAlwaysPruned(_ node: MarkupNode) -> Bool {
        let c = classes(of: node)
        return c.hidden || (c.strong && !c.article)
    }

    /// Classes that hide an element, whole class names only (`hidden-xs` hides it on phones only).
    static let hiddenClasses: Set<String> = ["hide", "hidden", "blind", "sr-only", "screen_out", "screen-out", "visually-hidden",
                                             "visuallyhidden", "a11y-hidden", "is-hidden", "d-none", "display-none"]

    /// Whether a short text is only furniture phrases, run together or apart (`동영상영역
    /// 시작동영상영역 끝`).
    static func isFurniture(_ text: String) -> Bool {
        // Phrase after phrase from the start, on bytes (Foundation's search was a tenth of
        // extraction time).
        var rest = Array(text.lowercased().utf8)[...]
        while true {
            while let b = rest.first, b < 0x80, !(b >= 0x30 && b <= 0x39) && !(b >= 0x61 && b <= 0x7A) { rest = rest.dropFirst() }
            if rest.isEmpty { return true }
            guard let phrase = furnitureBytes.first(where: { rest.starts(with: $0) }) else { return false }
            rest = rest.dropFirst(phrase.count)
        }
    }
    static let furnitureBytes: [[UInt8]] = furniture.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        .map { Array($0.utf8) }

    /// Short lines of video players and page furniture that sit inside Korean articles:
    /// `자동재생`, `동영상영역 시작`, `기자 정보`. A block that is exactly one of them is no text.
    static let furniture: Set<String> = ["자동재생", "동영상영역 시작", "동영상영역 끝", "동영상 영역 시작", "동영상 영역 끝",
                                         "기자 정보", "기자정보", "재생", "일시정지", "음소거", "음소거 해제", "전체화면",
                                         "본문 영역", "기사 본문", "광고", "닫기", "이전", "다음", "글자크기", "글자 크기",
                                         "인쇄", "스크랩", "공유", "공유하기", "기사 공유", "좋아요", "구독", "구독하기",
                                         "play", "pause", "mute", "unmute", "fullscreen", "advertisement"]

    /// Whether `node` looks like boilerplate by its tag, role or class words. It is left out
    /// only when it holds little of the page's prose: themes wrap the whole article in
    /// `container penci_sidebar`, Blogger in `widget Blog`, Next.js in `#__next`, ASP.NET in
    /// a `<form>`, CNN in `nav__plain-header`.
    static func looksLikeBoilerplate(_ node: MarkupNode) -> Bool {
        if prunedTags.contains(node.name) { return true }
        if let role = node.attribute("role")?.lowercased(), prunedRoles.contains(role) { return true }
        if hiddenIsBoilerplate {
            if node.attribute("hidden") != nil || node.attribute("aria-hidden") == "true" { return true }
            if let style = node.attribute("style")?.lowercased().filter({ $0 != " " }),
               style.contains("display:none") || style.contains("visibility:hidden") { return true }
        }
        let c = classes(of: node)
        return c.weak && !c.article
    }

    /// What a node's class and id words say: article, strong boilerplate, weak boilerplate.
    /// Computed once per node.
    static func classes(of node: MarkupNode) -> (article: Bool, strong: Bool, weak: Bool, hidden: Bool) {
        if let c = node.classVerdict { return c }
        var c = (article: false, strong: false, weak: false, hidden: false)
        for w in words(of: node) {
            if isArticleWord(w) { c.article = true }
            if strongWords.contains(w) { c.strong = true }
            if boilerplateWords.contains(w) { c.weak = true }
        }
        // Whole class names that hide the element (`hide`, not `hidden-xs`).
        if let cls = node.attribute("class"), cls.utf8.count < 200 {
            for token in cls.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) where token.count <= 16 {
                if hiddenClasses.contains(String(decoding: token, as: UTF8.self).lowercased()) { c.hidden = true; break }
            }
        }
        node.classVerdict = c
        return c
    }

    /// An article word, or a word made with one (`viewcontent`, `articlebodycontents`, `newsbody`).
    static func isArticleWord(_ w: String) -> Bool {
        articleWords.contains(w) || contains(w, "article") || contains(w, "content") || contains(w, "story")
            || w.hasSuffix("body") || contains(w, "본문") || contains(w, "기사")
    }

    /// Substring test on UTF-8 bytes (Foundation's `contains` compares with locale rules and
    /// was a tenth of extraction time).
    static func contains(_ s: String, _ part: String) -> Bool {
        let a = s.utf8, b = part.utf8
        guard b.count <= a.count, let first = b.first else { return b.isEmpty }
        var i = a.startIndex
        var remaining = a.count
        while remaining >= b.count {
            if a[i] == first && a[i...].starts(with: b) { return true }
            i = a.index(after: i)
            remaining -= 1
        }
        return false
    }

    /// `article-share_bar` → ["article", "share", "bar"]: class and id split at ASCII
    /// punctuation and spaces, ASCII lowercased, on bytes. (`classes(of:)` caches its verdict.)
    static func words(of node: MarkupNode) -> [String] {
        var out: [String] = []
        for value in [node.attribute("class"), node.attribute("id")] {
            guard let value else { continue }
            var current: [UInt8] = []
            for b in value.utf8 {
                let isWordByte = b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                if isWordByte {
                    current.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
                } else if !current.isEmpty {
                    out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true)
                }
            }
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        }
        return out
    }

    /// Photo captions that are not `<figcaption>`: Korean portals mark them by class
    /// (`<em class="img_desc">` inside the article text, `photo_caption`, `caption`).
    static func isCaption(_ node: MarkupNode) -> Bool {
        guard let classes = node.attribute("class") else { return false }
        for c in classes.lowercased().split(separator: " ") {
            if captionClasses.contains(String(c)) { return true }
        }
        return false
    }
    static let captionClasses: Set<String> = ["caption", "img_desc", "imgdesc", "photo_desc", "photo_caption", "img_caption",
                                              "image-caption", "photo-caption", "wp-caption-text", "caption-text", "cap"]

    /// A block is prose when it has this many characters and little link text.
    static let goodLength = 40
    /// SOSIK_DEBUG_EXTRACT=1: print what was pruned and chosen (development only).
    static let debug = getenv("SOSIK_DEBUG_EXTRACT") != nil
    static let goodLinkDensity = 0.3

    static func extract(from root: MarkupNode, title: String?) -> Result {
        var body = root.child("body") ?? root
        if body.name == "html", let b = root.children.first(where: { $0.name == "body" }) { body = b }
        let captionsSeen = CaptionCollector()
        let all = TextBlocks(of: body, skip: { node in
            if node.name == "figcaption" || isCaption(node) { captionsSeen.add(node); return true }
            let pruned = isAlwaysPruned(node)
            if pruned && debug && node.text.count > 150 { print("pruned <\(node.name) class=\(node.attribute("class") ?? "") id=\(node.attribute("id") ?? "")> \(node.text.count) chars") }
            return pruned
        }).blocks
        // Prose per element: the good blocks below it.
        var prose: [ObjectIdentifier: Int] = [:]
        var totalProse = 0
        for block in all where isGood(block) {
            totalProse += block.length
            var node: MarkupNode? = block.owner
            while let n = node { prose[ObjectIdentifier(n), default: 0] += block.length; node = n.parent }
        }
        // Blocks inside boilerplate-looking elements that hold less than half the prose go.
        var verdict: [ObjectIdentifier: Bool] = [:]
        func dropped(_ node: MarkupNode) -> Bool {
            let id = ObjectIdentifier(node)
            if let v = verdict[id] { return v }
            var v = false
            if node !== body {
                v = (looksLikeBoilerplate(node) && (prose[id] ?? 0) * 2 <= totalProse) || (node.parent.map(dropped) ?? false)
                if v && debug && !(node.parent.map(dropped) ?? false) && node.text.count > 150 {
                    print("dropped <\(node.name) class=\(node.attribute("class") ?? "") id=\(node.attribute("id") ?? "")> prose \(prose[id] ?? 0) of \(totalProse)")
                }
            }
            verdict[id] = v
            return v
        }
        let blocks = all.filter { !dropped($0.owner) }
        guard !blocks.isEmpty else { return Result(paragraphs: [], captions: [], goodLength: 0) }

        var goodTotal = 0
        for block in blocks where isGood(block) { goodTotal += block.length }
        guard let chosen = choose(blocks) else { return Result(paragraphs: [], captions: [], goodLength: 0) }
        let inArticle: (MarkupNode) -> Bool = { node in chosen.contains { isInside(node, $0) } }
        if debug {
            for c in chosen { print("chosen <\(c.name) class=\(c.attribute("class") ?? "") id=\(c.attribute("id") ?? "")> good \(goodTotal)") }
        }
        let article = chosen[0]
        _ = article
        var paragraphs: [String] = []
        var captions: [String] = []
        for block in blocks where inArticle(block.owner) {
            if block.linkDensity > 0.5 { continue }
            if block.role == .item && block.linkDensity > 0.25 { continue }
            if let title, block.role == .heading, block.text == title { continue }
            if block.length <= 48 && isFurniture(block.text) { continue }
            paragraphs.append(block.text)
        }
        for caption in captionsSeen.nodes where inArticle(caption) && !dropped(caption) {
            let text = TextBlocks(of: caption).blocks.map(\.text).joined(separator: " ")
            if !text.isEmpty { captions.append(text) }
        }
        let credits = Trailer.cut(&paragraphs)
        return Result(paragraphs: paragraphs, captions: captions, credits: credits, goodLength: goodTotal)
    }

    /// The article's container(s): the best-scored element and those of its siblings that
    /// score near it (an article split over sibling containers). Paragraphs give their
    /// parent a score for being prose (1, plus its commas, plus a point per 100 characters up to
    /// 3), their grandparent half of it, and further ancestors less (readability's scheme); an
    /// element's score is then cut by its link density, and weighed by its class words.
    static func choose(_ blocks: [TextBlocks.Block]) -> [MarkupNode]? {
        var scores: [ObjectIdentifier: (node: MarkupNode, score: Double)] = [:]
        var text: [ObjectIdentifier: (length: Int, links: Int)] = [:]
        for block in blocks {
            var node: MarkupNode? = block.owner
            while let n = node {
                let id = ObjectIdentifier(n)
                let t = text[id] ?? (0, 0)
                text[id] = (t.length + block.length, t.links + block.linkLength)
                node = n.parent
            }
            guard block.length >= 25, block.role != .heading, block.linkDensity < 0.5 else { continue }
            let commas = block.text.unicodeScalars.reduce(0) { $0 + ($1 == "," || $1 == "，" || $1 == "、" ? 1 : 0) }
            let value = 1 + Double(commas) + Double(min(block.length / 100, 3))
            var level = 0
            var ancestor: MarkupNode? = block.owner.parent
            if block.owner.name != "p" && block.owner.name != "pre" && block.owner.name != "blockquote" {
                // Text directly in a <div> or <td>: the element is its own paragraph's parent.
                ancestor = block.owner
            }
            while let n = ancestor, level < 5 {
                let id = ObjectIdentifier(n)
                let start = scores[id]?.score ?? initialScore(n)
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level) * 3
                scores[id] = (n, start + value / divider)
                ancestor = n.parent
                level += 1
            }
        }
        func final(_ id: ObjectIdentifier, _ s: Double) -> Double {
            let t = text[id] ?? (0, 0)
            return s * (1 - (t.length == 0 ? 0 : Double(t.links) / Double(t.length)))
        }
        guard let top = scores.max(by: { final($0.key, $0.value.score) < final($1.key, $1.value.score) }) else { return nil }
        let topScore = final(top.key, top.value.score)
        guard topScore > 0 else { return nil }
        var best = top.value.node
        // Readability's step up: when the parent holds most of the best node's score, the
        // article is spread over the parent's children.
        while let parent = best.parent, parent.name != "body", parent.name != "html",
              let p = scores[ObjectIdentifier(parent)], final(ObjectIdentifier(parent), p.score) >= topScore * 0.9 {
            best = parent
        }
        // An article split over several containers (NYT's story-body columns, cards of one
        // story): step up to an ancestor that adds more prose than noise and a good part more.
        var net: [ObjectIdentifier: (good: Int, noise: Int)] = [:]
        for block in blocks {
            let good = isGood(block)
            var node: MarkupNode? = block.owner
            while let n = node {
                let id = ObjectIdentifier(n)
                let v = net[id] ?? (0, 0)
                net[id] = good ? (v.good + block.length, v.noise) : (v.good, v.noise + (block.role == .heading ? 0 : block.length))
                node = n.parent
            }
        }
        var ancestor = best.parent
        var levels = 0
        while let up = ancestor, up.name != "html", levels < stepLevels {
            let a = net[ObjectIdentifier(best)] ?? (0, 0), b = net[ObjectIdentifier(up)] ?? (0, 0)
            let addedGood = b.good - a.good, addedNoise = b.noise - a.noise
            if addedGood > addedNoise * stepNoise && Double(addedGood) >= Double(a.good) * stepGain { best = up }
            ancestor = up.parent
            levels += 1
        }
        guard let parent = best.parent else { return [best] }
        let threshold = max(10, topScore * 0.2)
        var chosen: [MarkupNode] = []
        for sibling in parent.children where !sibling.isText {
            if sibling === best { chosen.append(sibling); continue }
            let id = ObjectIdentifier(sibling)
            var score = scores[id].map { final(id, $0.score) } ?? 0
            if let c = best.attribute("class"), !c.isEmpty, sibling.attribute("class") == c { score += topScore * 0.2 }
            let t = text[id] ?? (0, 0)
            let density = t.length == 0 ? 1 : Double(t.links) / Double(t.length)
            if score >= threshold || (sibling.name == "p" && t.length > 80 && density < 0.25) {
                chosen.append(sibling)
            }
        }
        return chosen
    }

    /// A container's starting score by its tag and class words.
    static func initialScore(_ node: MarkupNode) -> Double {
        var s: Double
        switch node.name {
        case "div", "article", "section", "main": s = 5
        case "pre", "td", "blockquote": s = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": s = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": s = -5
        default: s = 0
        }
        let c = classes(of: node)
        if c.article { s += 25 }
        if c.weak || c.strong { s -= 25 }
        return s
    }

    /// Step up to an ancestor when it adds more prose than noise (× 1) and at least 30% more
    /// prose. Measured on the 181 AEB pages (Scripts/extract-eval, parent only): noise × 1 and
    /// gain 0.1–0.6 F1 0.955; × 2 or × 3 0.950–0.951; no step 0.951.
    /// Hidden elements (`hidden`, `aria-hidden`, `display:none`) count as boilerplate unless
    /// they hold half the prose: 0.960 against 0.959 when they do not (AEB pages).
    static let hiddenIsBoilerplate = true
    static let stepNoise = 1
    /// Ancestors looked at, up to 4 levels: 1 level 0.958, 2–6 levels 0.960 (AEB pages).
    static let stepLevels = 4
    static let stepGain = 0.3

    static func isGood(_ block: TextBlocks.Block) -> Bool {
        block.length >= goodLength && block.linkDensity <= goodLinkDensity && block.role != .heading
    }

    static func isInside(_ node: MarkupNode, _ ancestor: MarkupNode) -> Bool {
        var n: MarkupNode? = node
        while let c = n {
            if c === ancestor { return true }
            n = c.parent
        }
        return false
    }
}

/// Figure captions met while walking the page (they are kept out of the body text).
final class CaptionCollector {
    var nodes: [MarkupNode] = []
    func add(_ node: MarkupNode) { nodes.append(node) }
}
