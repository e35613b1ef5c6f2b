import Foundation
import Testing
@testable import SosikIngest

/// Saved news pages: the article text without the page around it, and what the page says
/// about itself.
@Suite struct HTMLReaderTests {
    // MARK: Fixtures

    static let englishParagraphs = [
        "Police in the border city of Hoeryong have doubled their night patrols along the Tumen River, according to residents who spoke to Sosik Daily this week.",
        "The patrols, which used to pass each riverside village twice a night, now come every hour, and officers stop anyone walking near the water after dark.",
        "Residents say the change followed an order from Pyongyang in March, after several smuggling cases were uncovered in the area, and that fines have risen sharply.",
        "\"You cannot even go down to wash clothes in the evening any more,\" one woman in her fifties said, asking not to be named for fear of punishment.",
        "Local traders say the crackdown has also pushed up the price of Chinese goods in the Hoeryong market, because fewer items now cross the river at night.",
    ]

    /// Text of the page around the English article: none of it may reach the article.
    static let englishBoilerplate = [
        "Home", "Politics", "Economy", "Subscribe to our morning briefing",            // nav
        "Facebook", "Share this story",                                                // share bar
        "Related articles", "Customs officers seize smuggled phones", "Rice prices climb again",   // related list
        "Copyright 2025", "Contact the newsroom",                                      // footer
    ]

    static let englishPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Border police double night patrols in Hoeryong | Sosik Daily</title>
        <meta property="og:title" content="Border police double night patrols in Hoeryong">
        <meta property="og:site_name" content="Sosik Daily">
        <meta property="article:published_time" content="2025-05-01T09:30:00+09:00">
        <link rel="canonical" href="https://www.sosik.example/en/news/patrol-hoeryong">
        <link rel="alternate" hreflang="en" href="https://www.sosik.example/en/news/patrol-hoeryong">
        <link rel="alternate" hreflang="ko" href="https://www.sosik.example/ko/news/patrol-hoeryong">
        </head>
        <body>
        <nav class="gnb"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/economy">Economy</a></li></ul>
        <p>Subscribe to our morning briefing for the top stories from the peninsula every weekday.</p></nav>
        <main>
        <article>
        <h1>Border police double night patrols in Hoeryong</h1>
        <div class="share-buttons"><a href="https://facebook.com/share">Facebook</a> <a href="https://x.com/share">X</a>
        <p>Share this story with your friends and family, and tell them where you read it first.</p></div>
        <p>\(englishParagraphs[0])</p>
        <p>\(englishParagraphs[1])</p>
        <figure><img src="/img/patrol.jpg" alt=""><figcaption>Officers walk along the Tumen River embankment at dusk in April.</figcaption></figure>
        <p>\(englishParagraphs[2].replacingOccurrences(of: "\"", with: "&quot;"))</p>
        <p>\(englishParagraphs[3].replacingOccurrences(of: "\"", with: "&quot;"))</p>
        <p>\(englishParagraphs[4])</p>
        </article>
        <section class="related"><h2>Related articles</h2><ul>
        <li><a href="/en/news/customs-sinuiju">Customs officers seize smuggled phones at the Sinuiju crossing in a large operation</a></li>
        <li><a href="/en/news/market-prices">Rice prices climb again in Hyesan market as the spring lean season begins</a></li>
        </ul></section>
        </main>
        <footer><p>Copyright 2025 Sosik Daily. All rights reserved. Reproduction without permission is prohibited by law.</p>
        <p>Contact the newsroom at news@sosik.example or call our office in Seoul during business hours.</p></footer>
        </body>
        </html>
        """

    static let koreanParagraphs = [
        "함경북도 회령시 경찰이 두만강을 따라 야간 순찰을 두 배로 늘린 것으로 알려졌다고 현지 주민들이 이번 주 소식일보에 전했다.",
        "예전에는 강변 마을을 밤에 두 차례 지나던 순찰대가 이제는 한 시간마다 돌고 있으며, 해가 진 뒤 강가를 걷는 사람은 누구든 단속한다.",
        "주민들은 지난 3월 이 지역에서 밀수 사건이 여러 건 적발된 뒤 평양에서 지시가 내려왔으며, 벌금도 크게 올랐다고 말했다.",
        "한 50대 여성은 처벌이 두려워 이름을 밝히지 말아 달라며 \"이제는 저녁에 빨래하러 강에 내려가지도 못한다\"고 말했다.",
        "현지 상인들은 밤에 강을 건너오는 물건이 줄어들면서 회령 장마당의 중국산 물품 가격도 올랐다고 전했다.",
    ]

    static let koreanBoilerplate = [
        "홈", "정치", "경제", "뉴스레터를 구독",                               // nav
        "페이스북", "친구와 가족에게 공유",                                    // share bar
        "관련 기사", "신의주 세관", "혜산 장마당 쌀값",                         // related list
        "무단 전재", "제보는",                                                // footer
        "영문 기사 보기",                                                    // link to the English edition
    ]

    /// No og:title and no <h1>: the title is the <title>, less its " | 소식일보" suffix.
    static let koreanPage = """
        <!DOCTYPE html>
        <html lang="ko">
        <head>
        <meta charset="utf-8">
        <title>회령 국경 경찰, 야간 순찰 두 배로 늘려 | 소식일보</title>
        <meta property="og:site_name" content="소식일보">
        <meta property="article:published_time" content="2025-05-01T10:00:00+09:00">
        <link rel="canonical" href="https://www.sosik.example/ko/news/patrol-hoeryong">
        </head>
        <body>
        <nav><ul><li><a href="/">홈</a></li><li><a href="/politics">정치</a></li><li><a href="/economy">경제</a></li></ul>
        <p>매일 아침 한반도의 주요 소식을 이메일로 받아보시려면 뉴스레터를 구독해 주시기 바랍니다.</p></nav>
        <div id="article-view">
        <div class="share-buttons"><a href="https://facebook.com/share">페이스북</a> <a href="https://x.com/share">엑스</a>
        <p>이 기사를 친구와 가족에게 공유하고 어디에서 처음 읽었는지 알려 주시기 바랍니다.</p></div>
        <p>\(koreanParagraphs[0])</p>
        <p>\(koreanParagraphs[1])</p>
        <figure><img src="/img/patrol.jpg" alt=""><figcaption>4월 해 질 무렵 두만강 제방을 따라 걷는 경찰관들.</figcaption></figure>
        <p>\(koreanParagraphs[2])</p>
        <p>\(koreanParagraphs[3])</p>
        <p>\(koreanParagraphs[4])</p>
        <p><a href="https://www.sosik.example/en/news/patrol-hoeryong">영문 기사 보기</a></p>
        </div>
        <div class="related"><h3>관련 기사</h3><ul>
        <li><a href="/ko/news/customs-sinuiju">신의주 세관, 대규모 단속에서 밀수 휴대전화 압수해 관련자 조사</a></li>
        <li><a href="/ko/news/market-prices">혜산 장마당 쌀값 다시 올라, 봄철 보릿고개 시작되며 주민 불안</a></li>
        </ul></div>
        <footer><p>Copyright 2025 소식일보. 무단 전재 및 재배포를 금지합니다. 모든 권리는 소식일보에 있습니다.</p>
        <p>제보는 news@sosik.example 으로 보내 주시거나 서울 사무소로 업무 시간에 전화해 주시기 바랍니다.</p></footer>
        </body>
        </html>
        """

    /// Every text an article carries: title, body and asides.
    static func allText(_ a: Article) -> String {
        ([a.title, a.body] + a.asides.map(\.text)).joined(separator: "\n")
    }

    // MARK: Article text

    @Test func englishPageYieldsTheArticleParagraphsAndNoneOfThePageAroundThem() throws {
        let a = try Read.article("patrol-en.html", Self.englishPage)
        #expect(a.paragraphs == Self.englishParagraphs)
        for text in Self.englishBoilerplate {
            #expect(!a.body.contains(text), "boilerplate \"\(text)\" in the body")
            #expect(!a.asides.contains { $0.text.contains(text) }, "boilerplate \"\(text)\" in an aside")
        }
        // The <h1> repeats the title: it is the title, not a paragraph.
        #expect(!a.body.contains("Border police double"))
    }

    @Test func koreanPageYieldsTheArticleParagraphsAndNoneOfThePageAroundThem() throws {
        let a = try Read.article("patrol-ko.html", Self.koreanPage)
        #expect(a.paragraphs == Self.koreanParagraphs)
        for text in Self.koreanBoilerplate {
            #expect(!a.body.contains(text), "boilerplate \"\(text)\" in the body")
            #expect(!a.asides.contains { $0.text.contains(text) }, "boilerplate \"\(text)\" in an aside")
        }
    }

    @Test func figureCaptionsBecomeCaptionAsidesOutOfTheBody() throws {
        let en = try Read.article("patrol-en.html", Self.englishPage)
        #expect(en.asides == [.init(kind: .caption, text: "Officers walk along the Tumen River embankment at dusk in April.")])
        #expect(!en.body.contains("embankment at dusk"))
        let ko = try Read.article("patrol-ko.html", Self.koreanPage)
        #expect(ko.captions == ["4월 해 질 무렵 두만강 제방을 따라 걷는 경찰관들."])
        #expect(!ko.body.contains("제방을 따라"))
        // The index stores the caption as a passage of its own kind, after the body.
        let kinds = ko.passages().map(\.kind)
        #expect(kinds.first == .body && kinds.last == .caption)
    }

    // MARK: Metadata

    @Test func englishMetadataComesFromOpenGraphArticleAndCanonical() throws {
        let a = try Read.article("news/patrol-en.html", Self.englishPage)
        #expect(a.title == "Border police double night patrols in Hoeryong")   // og:title, not "… | Sosik Daily"
        #expect(a.date == "2025-05-01")
        #expect(a.lang == "en")
        #expect(a.url == "https://www.sosik.example/en/news/patrol-hoeryong")
        #expect(a.source == "Sosik Daily")
        #expect(a.id == "patrol-en")
        #expect(a.path == "news/patrol-en.html")
        // hreflang alternates in the other language (not the page's own language) are its translations.
        #expect(a.translationURLs == ["https://www.sosik.example/ko/news/patrol-hoeryong"])
    }

    @Test func koreanMetadataAndTitleWithoutTheSiteSuffix() throws {
        let a = try Read.article("patrol-ko.html", Self.koreanPage)
        #expect(a.title == "회령 국경 경찰, 야간 순찰 두 배로 늘려")
        #expect(a.date == "2025-05-01")
        #expect(a.lang == "ko")
        #expect(a.url == "https://www.sosik.example/ko/news/patrol-hoeryong")
        #expect(a.source == "소식일보")
        // "영문 기사 보기" links to the English edition.
        #expect(a.translationURLs == ["https://www.sosik.example/en/news/patrol-hoeryong"])
    }

    @Test(arguments: [
        ("<title>Rice prices climb in Hyesan | Sosik Daily</title>", "Rice prices climb in Hyesan"),
        ("<title>Rice prices climb in Hyesan - Sosik Daily</title><meta property=\"og:site_name\" content=\"Sosik Daily\">", "Rice prices climb in Hyesan"),
        ("<title>혜산 장마당 쌀값 다시 올라 : 소식일보</title><meta property=\"og:site_name\" content=\"소식일보\">", "혜산 장마당 쌀값 다시 올라"),
        // A dash inside the headline is not a site suffix.
        ("<title>North Korea - China trade resumes at Sinuiju after four years of closure</title>", "North Korea - China trade resumes at Sinuiju after four years of closure"),
    ])
    func titleTagLosesOnlyTheSiteSuffix(head: String, title: String) throws {
        let page = "<html><head>\(head)</head><body><article><p>\(String(repeating: "Traders in the market said prices had risen again this week. ", count: 3))</p></article></body></html>"
        #expect(try Read.article("t.html", page).title == title)
    }

    @Test func jsonLDSuppliesTheMetadataThePageDoesNotGiveElsewhere() throws {
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>기사 보기</title>
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "소식 웹사이트", "url": "https://www.sosik.example/"},
              {"@type": "NewsArticle", "headline": "신의주 세관, 밀수 휴대전화 대량 압수",
               "datePublished": "2025-04-20T08:00:00+09:00", "dateModified": "2025-04-22T08:00:00+09:00",
               "inLanguage": "ko-KR", "url": "https://www.sosik.example/ko/news/customs-sinuiju",
               "author": {"@type": "Person", "name": "김민지"},
               "publisher": {"@type": "Organization", "name": "소식통신"}}]}
            </script></head>
            <body><div class="article-body">
            <p>평안북도 신의주 세관이 이번 달 중국에서 들여오던 밀수 휴대전화 수백 대를 압수했다고 소식통이 전했다.</p>
            <p>소식통에 따르면 세관은 화물차 짐칸 밑에 숨겨진 휴대전화를 찾아냈으며, 운전자와 상인 여러 명이 조사를 받고 있다.</p>
            </div></body></html>
            """
        let a = try Read.article("customs.html", page)
        #expect(a.title == "신의주 세관, 밀수 휴대전화 대량 압수")   // headline, not <title>
        #expect(a.date == "2025-04-20")                              // datePublished, not dateModified
        #expect(a.source == "소식통신")                               // publisher.name
        #expect(a.author == "김민지")
        #expect(a.lang == "ko")
        #expect(a.url == "https://www.sosik.example/ko/news/customs-sinuiju")
        #expect(a.paragraphs.count == 2 && a.paragraphs[0].hasPrefix("평안북도 신의주 세관이"))
    }

    // MARK: Articles kept in script JSON

    @Test func nextDataScriptHoldsTheBodyOfAPageWithoutArticleText() throws {
        let body = [
            "Rice prices in the Hyesan market rose for a third week as the spring lean season began, traders told Sosik Daily on Monday.",
            "A kilogram of rice now sells for about 7,000 won, up from 5,800 won at the start of April, according to two merchants in the city.",
            "Traders blamed tighter controls on goods crossing from China and said corn prices had also risen.",
        ]
        let json = #"{"props":{"pageProps":{"article":{"id":91,"headline":"Rice prices climb in Hyesan market","#
            + #""body":"\#(body.joined(separator: "\\n\\n"))"}}},"page":"/article/[id]","buildId":"x1"}"#
        let page = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sosik Daily</title>
            <meta property="og:title" content="Rice prices climb in Hyesan market">
            <meta property="article:published_time" content="2025-04-28T07:00:00Z">
            </head><body><div id="__next"><p>Loading…</p></div>
            <script id="__NEXT_DATA__" type="application/json">\(json)</script>
            <script>window.dataLayer = [{"body": "analytics, not the article"}];</script>
            </body></html>
            """
        let a = try Read.article("rice.html", page)
        #expect(a.paragraphs == body)
        #expect(a.title == "Rice prices climb in Hyesan market")
        #expect(a.date == "2025-04-28")
        #expect(!a.body.contains("Loading"))
    }

    @Test func arcFusionGlobalContentHoldsTheBodyTitleAndDate() throws {
        let page = """
            <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"></head><body><div id="fusion-app"></div>
            <script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{};Fusion.arcSite="sosik";Fusion.globalContent={"_id":"ABC","headlines":{"basic":"신의주 세관, 밀수 휴대전화 대량 압수"},"display_date":"2025-04-20T08:00:00Z","content_elements":[{"type":"text","content":"평안북도 신의주 세관이 이번 달 중국에서 들여오던 밀수 휴대전화 수백 대를 압수했다고 소식통이 전했다."},{"type":"image","url":"https://www.sosik.example/a.jpg","caption":"사진 설명은 본문이 아니다"},{"type":"text","content":"소식통에 따르면 세관은 화물차 짐칸 밑에 숨겨진 휴대전화를 <b>찾아냈으며</b>, 운전자와 상인 여러 명이 조사를 받고 있다. {괄호}와 \\"따옴표\\"도 있다."},{"type":"text","content":"주민들은 단속 이후 장마당에서 중국산 휴대전화 가격이 두 배 가까이 올랐다고 말했다."}]};Fusion.globalContentConfig={"source":"content-api"};Fusion.spa=false;</script>
            </body></html>
            """
        let a = try Read.article("customs-arc.html", page)
        #expect(a.paragraphs == [
            "평안북도 신의주 세관이 이번 달 중국에서 들여오던 밀수 휴대전화 수백 대를 압수했다고 소식통이 전했다.",
            "소식통에 따르면 세관은 화물차 짐칸 밑에 숨겨진 휴대전화를 찾아냈으며, 운전자와 상인 여러 명이 조사를 받고 있다. {괄호}와 \"따옴표\"도 있다.",
            "주민들은 단속 이후 장마당에서 중국산 휴대전화 가격이 두 배 가까이 올랐다고 말했다.",
        ])
        #expect(a.lang == "ko")
        // The page itself has neither title nor date: the script article's headline and display_date.
        #expect(a.title == "신의주 세관, 밀수 휴대전화 대량 압수")
        #expect(a.date == "2025-04-20")
    }

    @Test func jsonLDArticleBodyHoldsTheBodyOfAPageWithoutArticleText() throws {
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>page</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Customs officers seize smuggled phones at Sinuiju","datePublished":"2025-04-20T08:00:00+09:00","inLanguage":"en","publisher":{"@type":"Organization","name":"Sosik Wire"},"articleBody":"Customs officers in Sinuiju seized hundreds of smuggled mobile phones this month, sources said.\\n\\nThe phones were hidden under the floor of a truck, and the driver and several traders are being questioned.\\n\\nResidents said phone prices in the market nearly doubled after the seizure."}</script>
            </head><body><div id="root"><noscript>Please enable JavaScript to read this article.</noscript></div></body></html>
            """
        let a = try Read.article("phones.html", page)
        #expect(a.paragraphs == [
            "Customs officers in Sinuiju seized hundreds of smuggled mobile phones this month, sources said.",
            "The phones were hidden under the floor of a truck, and the driver and several traders are being questioned.",
            "Residents said phone prices in the market nearly doubled after the seizure.",
        ])
        #expect(a.title == "Customs officers seize smuggled phones at Sinuiju")
        #expect(a.source == "Sosik Wire" && a.date == "2025-04-20" && a.lang == "en")
    }

    @Test func aPageWithEnoughArticleTextKeepsItsHTMLBodyOverScriptJSON() throws {
        let json = #"{"props":{"pageProps":{"teaser":{"body":"\#(String(repeating: "스크립트에만 있는 다른 글입니다. ", count: 10))"}}}}"#
        let page = Self.koreanPage.replacingOccurrences(of: "</body>",
            with: "<script id=\"__NEXT_DATA__\" type=\"application/json\">\(json)</script></body>")
        let a = try Read.article("patrol-ko.html", page)
        #expect(a.paragraphs == Self.koreanParagraphs)
        #expect(!a.body.contains("스크립트에만"))
    }

    // MARK: Encodings

    /// "경찰이 회령에서 순찰을 강화했다" in EUC-KR (`iconv -f UTF-8 -t EUC-KR`).
    static let eucKRSentence: [UInt8] = [
        0xb0, 0xe6, 0xc2, 0xfb, 0xc0, 0xcc, 0x20, 0xc8, 0xb8, 0xb7, 0xc9, 0xbf,
        0xa1, 0xbc, 0xad, 0x20, 0xbc, 0xf8, 0xc2, 0xfb, 0xc0, 0xbb, 0x20, 0xb0,
        0xad, 0xc8, 0xad, 0xc7, 0xdf, 0xb4, 0xd9,
    ]
    /// "국경 세관" in EUC-KR.
    static let eucKRTitle: [UInt8] = [0xb1, 0xb9, 0xb0, 0xe6, 0x20, 0xbc, 0xbc, 0xb0, 0xfc]

    @Test func eucKRPageDeclaredByMetaCharsetDecodesToHangul() throws {
        var bytes = Array("<html><head><meta charset=\"euc-kr\"><title>".utf8) + Self.eucKRTitle
            + Array("</title></head><body><div class=\"article\">".utf8)
        for _ in 0..<3 {
            bytes += Array("<p>".utf8)
            for _ in 0..<3 { bytes += Self.eucKRSentence + Array(". ".utf8) }
            bytes += Array("</p>\n".utf8)
        }
        bytes += Array("</div></body></html>".utf8)
        #expect(String(validating: bytes, as: UTF8.self) == nil)   // really not UTF-8
        let events = try Read.events("euc.html", bytes)
        #expect(events.allSatisfy { $0.warning == nil && $0.skipped == nil }, "\(events)")
        let a = try Read.article("euc.html", bytes)
        #expect(a.title == "국경 세관")
        let sentence = "경찰이 회령에서 순찰을 강화했다."
        #expect(a.paragraphs == Array(repeating: [sentence, sentence, sentence].joined(separator: " "), count: 3))
        #expect(a.lang == "ko")
        #expect(!a.body.contains("\u{FFFD}"))
    }

    @Test func eucKRDeclaredByHTTPEquivDecodesToo() throws {
        let bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-KR\"></head><body><p>".utf8)
            + Self.eucKRSentence + Array(" ".utf8) + Self.eucKRSentence + Array("</p></body></html>".utf8)
        let decoded = TextDecoding.decode(bytes, markup: true)
        #expect(decoded.text.contains("경찰이 회령에서 순찰을 강화했다 경찰이"))
        #expect(decoded.how.hasPrefix("declared"))
    }

    // MARK: Pages with nothing to index

    @Test func aPageWithoutTextIsSkippedNamingTheFile() throws {
        let events = try Read.events("saved/blank.html", "<!DOCTYPE html><html><head><script>var x = 1;</script></head><body><div class=\"app\"></div></body></html>")
        #expect(events.compactMap(\.article).isEmpty)
        let skipped = try #require(events.compactMap(\.skipped).first)
        #expect(skipped.path == "saved/blank.html")
        #expect(skipped.reason.contains("no article text"))
    }

    @Test func anEmptyFileIsSkippedAndATitleOnlyPageIsWarnedAbout() throws {
        let empty = try Read.events("empty.html", "")
        #expect(empty.count == 1 && empty[0].skipped?.path == "empty.html")
        let titleOnly = try Read.events("title-only.html", "<html><head><title>평양 날씨</title></head><body></body></html>")
        #expect(titleOnly.compactMap(\.warning).first?.path == "title-only.html")
        #expect(titleOnly.compactMap(\.article).map(\.title) == ["평양 날씨"])
    }

    // MARK: Korean outlets (issue 24)

    static let outletParagraphs = [
        "함경북도 회령시 경찰이 두만강을 따라 야간 순찰을 두 배로 늘렸다고 현지 주민들이 이번 주 전했다. 주민들은 강가에 나가기도 어렵다고 말했다.",
        "예전에는 강변 마을을 밤에 두 차례 지나던 순찰대가 이제는 한 시간마다 돌며 강가의 사람을 단속한다고 소식통은 설명했다.",
        "주민들은 지난 3월 밀수 사건이 여러 건 적발된 뒤 평양에서 지시가 내려왔다고 말했다. 벌금도 크게 올랐다고 한다.",
    ]

    /// A broadcaster's page: the article again in a hidden block for its e-mail button, player
    /// crumbs inside the article, and an "English News" link in the menu.
    @Test func hiddenCopiesPlayerCrumbsAndMenuLanguageLinksAreLeftOut() throws {
        let page = """
            <html lang="ko"><head><meta charset="utf-8"><title>회령 야간 순찰 강화 | 방송 뉴스</title></head><body>
            <div id="gnb"><ul><li><a href="/">홈</a></li><li><a href="https://news.example/en/">English News</a></li></ul></div>
            <div class="hide" id="mailHtmlContentsTop">\(Self.outletParagraphs.joined(separator: "<br>"))</div>
            <div class="article-body">
            <div class="player"><span>동영상영역 시작</span><button>자동재생</button><span>동영상영역 끝</span></div>
            \(Self.outletParagraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
            <div class="reporter-box"><strong>기자 정보</strong></div>
            </div></body></html>
            """
        let a = try Read.article("kbs.html", page)
        #expect(a.body == Self.outletParagraphs.joined(separator: "\n\n"))
        #expect(a.translationURLs.isEmpty)
        // A language link in the article itself still counts.
        let linked = page.replacingOccurrences(of: "</div></body>", with: "<p><a href=\"https://news.example/en/patrol\">English</a></p></div></body>")
        #expect(try Read.article("kbs.html", linked).translationURLs == ["https://news.example/en/patrol"])
    }

    /// Korean outlets' metadata (issue 24): a logo <h1>, a title with section and site after
    /// `ㅣ`, bylines with 기사입력/송고시간, timestamps in UTC, and portal copies that name the
    /// outlet in og:article:author.
    @Test func koreanOutletsMetadata() throws {
        let body = Self.outletParagraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
        // A logo <h1> linking home; the byline a bare text beside the article.
        let entermedia = try Read.article("e.html", """
            <html><head><meta charset="utf-8"><title>회령 순찰 두 배로 늘어 - Entermedia</title></head><body>
            <a href="/"><h1>엔터 미디어</h1></a>
            <div class="newsContent"><dl><dt>회령 순찰 두 배로 늘어</dt></dl>
            기사입력 :[ 2018-08-25 15:24 ]
            <div class="newsArticle">\(body)</div>
            <div class="footer">등록번호 : 서울, 아02321 등록년월일 : 2012년 11월 06일</div></div></body></html>
            """)
        #expect(entermedia.title == "회령 순찰 두 배로 늘어")
        #expect(entermedia.date == "2018-08-25")
        #expect(entermedia.source == "엔터 미디어")
        // Site and section after the title; a UTC timestamp that is the next day in Seoul.
        let hankook = try Read.article("h.html", """
            <html lang="ko"><head><meta charset="utf-8">
            <meta property="og:title" content="회령 순찰 두 배로-정치ㅣ한국일보">
            <meta property="og:site_name" content="한국일보"><meta property="article:section" content="정치">
            <meta property="article:published_time" content="2023-04-19T22:53:13Z">
            </head><body><article>\(body)</article></body></html>
            """)
        #expect(hankook.title == "회령 순찰 두 배로")
        #expect(hankook.date == "2023-04-20")
        // A portal's copy: the outlet from og:article:author; the date after 기사입력 in the next element.
        let naver = try Read.article("n.html", """
            <html><head><meta charset="utf-8"><title>회령 순찰 강화 : 네이버 뉴스</title>
            <meta property="og:site_name" content="네이버 뉴스"><meta property="og:article:author" content="연합뉴스 | 네이버">
            </head><body><div class="sponsor">기사입력 <span class="t11">2017.04.20. 오후 3:53</span> <a href="#">원문보기</a></div>
            <div id="articleBody">\(body)</div></body></html>
            """)
        #expect(naver.source == "연합뉴스")
        #expect(naver.date == "2017-04-20")
    }

    /// Articles that are not in <p> elements: a whole article in an <h4> with <br><br>
    /// paragraphs, and a Next.js app-router page that keeps it only in flight data (issue 24).
    @Test func articlesInAHeadingOrInFlightDataAreRead() throws {
        let h4 = try Read.article("h4.html", """
            <html><head><meta charset="utf-8"><title>평양 전력난 - 예시일보</title></head><body>
            <table><tr><td><h4>평양 전력난<BR><BR>\(Self.outletParagraphs.joined(separator: "<BR><BR>"))</h4></td></tr></table>
            </body></html>
            """)
        #expect(h4.body == Self.outletParagraphs.joined(separator: "\n\n"))
        // A headline of one sentence stays a heading, out of the body.
        #expect(!h4.body.contains("평양 전력난"))

        func push(_ payload: String) throws -> String {
            let literal = String(decoding: try JSONSerialization.data(withJSONObject: payload, options: [.fragmentsAllowed]), as: UTF8.self)
            return "<script>self.__next_f.push([1,\(literal)])</script>"
        }
        let tree: [Any] = ["$", "article", NSNull(), ["children": [
            ["$", "h1", NSNull(), ["children": "회령 순찰 강화"]],
            ["$", "p", NSNull(), ["children": Self.outletParagraphs[0]]],
            ["$", "p", NSNull(), ["children": [Self.outletParagraphs[1].prefix(20).description, ["$", "strong", NSNull(), ["children": String(Self.outletParagraphs[1].dropFirst(20))]]]]],
            ["$", "p", NSNull(), ["children": Self.outletParagraphs[2]]],
        ]]]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: tree), as: UTF8.self)
        let page = """
            <html lang="ko"><head><meta charset="utf-8"><title>회령 순찰 강화 | 예시</title></head><body><div id="__next"></div>
            \(try push("0:{\"P\":null}\n"))\(try push("2:" + json.prefix(60)))\(try push(json.dropFirst(60) + "\n"))
            </body></html>
            """
        let rsc = try Read.article("rsc.html", page)
        #expect(rsc.body == Self.outletParagraphs.joined(separator: "\n\n"))
    }

    /// An outlet that names itself by its domain or in Latin letters only gets its readers' name
    /// by its web address; a page naming itself in Korean, or an English page, keeps its own.
    @Test func koreanOutletsWithoutAKoreanNameGetTheirReadersName() throws {
        let body = Self.outletParagraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
        func page(_ site: String, _ url: String, lang: String = "ko", title: String = "회령 순찰 강화") -> String {
            """
            <html lang="\(lang)"><head><meta charset="utf-8"><title>\(title)</title>
            <meta property="og:site_name" content="\(site)"><link rel="canonical" href="\(url)"></head>
            <body><article>\(body)</article></body></html>
            """
        }
        #expect(try Read.article("a.html", page("hankyung.com", "https://www.hankyung.com/article/2022062274241")).source == "한국경제")
        #expect(try Read.article("b.html", page("TV CHOSUN", "http://news.tvchosun.com/site/data/html_dir/2023/04/05/1.html")).source == "TV조선")
        #expect(try Read.article("c.html", page("KBS 뉴스", "https://news.kbs.co.kr/news/view.do?ncd=1")).source == "KBS 뉴스")
        #expect(try Read.article("d.html", page("YTN", "https://www.ytn.co.kr/_ln/0104_1")).source == "YTN")
        #expect(try Read.article("e.html", page("Sosik Daily", "https://sosik.example/a", lang: "en", title: "Patrols")).source == "Sosik Daily")
        #expect(try Read.article("f.html", page("Yonhap News Agency", "https://en.yna.co.kr/view/AEN1", lang: "en", title: "Patrols")).source == "Yonhap News Agency")
    }

    /// A summary, a photo with its caption and the lede in one run of inline elements (Naver's
    /// layout): the summary does not run into the lede, and the caption is a caption.
    @Test func aSummaryBeforeAPhotoDoesNotRunIntoTheLede() throws {
        let a = try Read.article("n.html", """
            <html lang="ko"><head><meta charset="utf-8"><title>곱창 속 곱의 정체</title></head><body>
            <div id="articleBodyContents"><strong class="media_end_summary">소의 소장부위… 단백질과 효소 풍부<br>신선도가 생명… 냄새 없애기가 관건</strong><span class="end_photo_org"><img src="a.jpg" alt=""><em class="img_desc">배달업체 리뷰에 올라온 곱창 사진.</em></span><strong>“곱이라고 하지 마세요.”</strong> \(Self.outletParagraphs[0])<br><br>\(Self.outletParagraphs[1])<br><br>\(Self.outletParagraphs[2])</div>
            </body></html>
            """)
        let paragraphs = a.body.components(separatedBy: "\n\n")
        #expect(paragraphs.first == "소의 소장부위… 단백질과 효소 풍부\n신선도가 생명… 냄새 없애기가 관건")
        #expect(paragraphs.dropFirst().first?.hasPrefix("“곱이라고 하지 마세요.” 함경북도") == true)
        #expect(a.asides.map(\.text) == ["배달업체 리뷰에 올라온 곱창 사진."])
    }

    /// A broadcaster's tail after the article (sign-off, e-mail, tip line, hashtags, copyright,
    /// end mark) is kept as credits, not body; a last paragraph that only mentions 제보 stays.
    @Test func theCreditsAfterAnArticleAreNotItsBody() throws {
        var paragraphs = Self.outletParagraphs + [
            "주민들은 당국에 제보하면 보상을 받는다는 안내문이 붙었지만 아무도 신고하지 않았다고 전했다.",
            "연합뉴스TV 신새롬입니다. (romi@yna.co.kr)\n#회령 #순찰",
            "■ 제보하기\n▷ 전화 : 02-781-1234\n[저작권자(c) YTN 무단전재 및 재배포 금지]",
            "(끝)",
        ]
        let credits = Trailer.cut(&paragraphs)
        #expect(paragraphs == Self.outletParagraphs + ["주민들은 당국에 제보하면 보상을 받는다는 안내문이 붙었지만 아무도 신고하지 않았다고 전했다."])
        #expect(credits == ["연합뉴스TV 신새롬입니다. (romi@yna.co.kr)", "#회령 #순찰", "■ 제보하기", "▷ 전화 : 02-781-1234",
                            "[저작권자(c) YTN 무단전재 및 재배포 금지]", "(끝)"])
        // Through the reader: the credits are passages of their own kind.
        let a = try Read.article("ytn.html", """
            <html lang="ko"><head><meta charset="utf-8"><title>회령 순찰</title></head><body><article>
            \(Self.outletParagraphs.map { "<p>\($0)</p>" }.joined())<p>YTN 나혜인 (dglee@ytn.co.kr)</p><p>(끝)</p>
            </article></body></html>
            """)
        #expect(a.body == Self.outletParagraphs.joined(separator: "\n\n"))
        #expect(a.asides.map(\.kind) == [.credit, .credit])
    }
}
