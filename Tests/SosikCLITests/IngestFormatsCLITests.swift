import Foundation
import Testing

/// Web pages, feeds, CSV, JSON and .gz through the built binary: `index`, `extract`, `show`.
@Suite struct IngestFormatsCLITests {
    final class Workspace {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-formats-\(UUID().uuidString)")
        var db: String { url.appendingPathComponent("f.db").path }
        var corpus: URL { url.appendingPathComponent("corpus") }
        init() throws { try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let file = corpus.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return file.path
        }

        /// `name.gz`, compressed by the system's gzip.
        @discardableResult
        func gzip(_ name: String, _ text: String) throws -> String {
            let plain = try write(name, text)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-n", "-f", plain]   // replaces the plain file by plain.gz
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "gzip failed")
            return plain + ".gz"
        }

        func index(_ args: [String] = [], stdin: String? = nil) throws -> SosikBinary.Result {
            try SosikBinary.run(["index", "--db", db] + args + (stdin == nil ? [corpus.path] : ["-"]), stdin: stdin)
        }

        func search(_ args: String...) throws -> SosikBinary.Result {
            try SosikBinary.run(["search", "--db", db] + args)
        }

        func show(_ args: String...) throws -> SosikBinary.Result {
            try SosikBinary.run(["show", "--db", db] + args)
        }

        /// The ids of the articles matching any of `words`.
        func ids(_ words: String...) throws -> Set<String> {
            let r = try SosikBinary.run(["search", "--db", db, "--any", "--format", "json", "--limit", "100"] + words)
            return Set(try r.json().compactMap { $0["doc_id"] as? String })
        }
    }

    /// A news page: navigation, share bar, related list and footer around the article.
    static func page(lang: String, title: String, canonical: String, head: String = "", paragraphs: [String],
                     after: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang)">
        <head><meta charset="utf-8"><title>\(title) | Sosik</title>
        <meta property="og:title" content="\(title)">
        <meta property="og:site_name" content="Sosik">
        <meta property="article:published_time" content="2025-05-01T09:00:00+09:00">
        <link rel="canonical" href="\(canonical)">
        \(head)
        </head>
        <body>
        <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/ko">한국어</a></nav>
        <article>
        <div class="share-buttons"><p>Share this article with your friends and family on every network.</p></div>
        \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
        \(after)
        </article>
        <aside class="related"><ul><li><a href="/x">Unrelated story about the weather in the capital this weekend</a></li></ul></aside>
        <footer><p>Copyright 2025 Sosik. All rights reserved. Reproduction without permission is prohibited.</p></footer>
        </body></html>
        """
    }

    static let englishPatrol = [
        "Police in the border city of Hoeryong have doubled their night patrols along the Tumen River, residents said this week.",
        "The patrols used to pass each riverside village twice a night and now come every hour, stopping anyone near the water.",
        "Residents say the change followed an order from Pyongyang in March, after several smuggling cases in the area.",
        "Local traders say the crackdown has pushed up the price of Chinese goods in the Hoeryong market.",
    ]
    static let koreanPatrol = [
        "함경북도 회령시 경찰이 두만강을 따라 야간 순찰을 두 배로 늘렸다고 현지 주민들이 이번 주 전했다.",
        "예전에는 강변 마을을 밤에 두 차례 지나던 순찰대가 이제는 한 시간마다 돌며 강가의 사람을 단속한다.",
        "주민들은 지난 3월 밀수 사건이 여러 건 적발된 뒤 평양에서 지시가 내려왔다고 말했다.",
        "현지 상인들은 단속 이후 회령 장마당의 중국산 물품 가격이 올랐다고 전했다.",
    ]
    static let englishRice = [
        "Rice prices in the Hyesan market rose for a third week as the spring lean season began, traders said on Monday.",
        "A kilogram of rice now sells for about 7,000 won, up from 5,800 won at the start of April, two merchants said.",
        "Traders blamed tighter controls on goods crossing from China and said corn prices had also risen.",
        "Some families have started to mix rice with corn to make it last until the autumn harvest.",
    ]
    static let koreanRice = [
        "양강도 혜산 장마당의 쌀값이 봄철 보릿고개가 시작되면서 3주째 올랐다고 상인들이 월요일 전했다.",
        "쌀 1킬로그램은 4월 초 5,800원에서 올라 지금은 7,000원 안팎에 팔린다고 두 상인이 말했다.",
        "상인들은 중국에서 들어오는 물건에 대한 통제가 강화된 탓이라며 옥수수 값도 올랐다고 했다.",
        "일부 가정은 가을 수확까지 버티려고 쌀에 옥수수를 섞어 먹기 시작했다.",
    ]

    // MARK: Translation pairs

    @Test func pagesThatLinkToTheirOtherLanguageEditionAreIndexedAsATranslationPair() throws {
        let w = try Workspace()
        // The English page names its Korean edition in an hreflang alternate (with tracking and
        // a trailing slash); the Korean page links back with "영문 기사 보기".
        try w.write("en/patrol.html", Self.page(
            lang: "en", title: "Border police double night patrols in Hoeryong",
            canonical: "https://www.sosik.example/en/news/patrol-hoeryong",
            head: "<link rel=\"alternate\" hreflang=\"ko\" href=\"https://sosik.example/ko/news/patrol-hoeryong/?utm_source=hreflang\">",
            paragraphs: Self.englishPatrol))
        try w.write("ko/patrol.html", Self.page(
            lang: "ko", title: "회령 국경 경찰, 야간 순찰 두 배로",
            canonical: "https://www.sosik.example/ko/news/patrol-hoeryong",
            paragraphs: Self.koreanPatrol,
            after: "<p><a href=\"https://www.sosik.example/en/news/patrol-hoeryong\">영문 기사 보기</a></p>"))
        // Only the English page links, by a "Read in Korean" link in its text.
        try w.write("en/rice.html", Self.page(
            lang: "en", title: "Rice prices climb in Hyesan market",
            canonical: "https://www.sosik.example/en/news/rice-hyesan",
            paragraphs: Self.englishRice,
            after: "<p><a href=\"/ko/news/rice-hyesan\">Read in Korean</a></p>"))
        try w.write("ko/rice.html", Self.page(
            lang: "ko", title: "혜산 장마당 쌀값 3주째 올라",
            canonical: "https://www.sosik.example/ko/news/rice-hyesan", paragraphs: Self.koreanRice))
        // A page that links to no other edition has no pair.
        try w.write("en/weather.html", Self.page(
            lang: "en", title: "Cold snap in the north",
            canonical: "https://www.sosik.example/en/news/weather",
            paragraphs: ["Temperatures in the northern provinces fell below freezing again this week, forecasters said on Tuesday, and more snow is expected."]))

        let r = try w.index()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("documents 5 written"), "\(r.stderr)")

        func pair(_ id: String) throws -> String? {
            let out = try w.show("--format", "json", id)
            #expect(out.status == 0, "\(out.stderr)")
            let doc = try #require(try out.json().first)
            return doc["pair_id"] as? String
        }
        #expect(try pair("en/patrol") == "ko/patrol")
        #expect(try pair("ko/patrol") == "en/patrol")
        #expect(try pair("en/rice") == "ko/rice")
        #expect(try pair("ko/rice") == "en/rice")
        #expect(try pair("en/weather") == nil)

        // show --pair prints the article, then its translation.
        let both = try w.show("--pair", "--format", "json", "ko/patrol").json()
        #expect(both.map { $0["id"] as? String } == ["ko/patrol", "en/patrol"])
        #expect(both.map { $0["lang"] as? String } == ["ko", "en"])
        #expect(try w.show("--pair", "en/weather").status == 1)

        // Search results carry the pair too.
        let hits = try w.search("--format", "json", "--lang", "en", "patrols", "Hoeryong").json()
        #expect(hits.first?["doc_id"] as? String == "en/patrol")
        #expect(hits.first?["pair_id"] as? String == "ko/patrol")

        // The page around the article was left out.
        let patrol = try w.show("--format", "json", "en/patrol").json().first
        let texts = (patrol?["passages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined(separator: "\n")
        #expect(texts.contains("doubled their night patrols"))
        for boilerplate in ["Share this article", "Unrelated story", "Copyright 2025", "World"] {
            #expect(!texts.contains(boilerplate), "\(boilerplate)")
        }
    }

    @Test func theTranslationLinksUpWhicheverPageIsIndexedFirst() throws {
        let w = try Workspace()
        try w.write("a/ko.html", Self.page(lang: "ko", title: "혜산 장마당 쌀값 3주째 올라",
                                           canonical: "https://www.sosik.example/ko/news/rice-hyesan", paragraphs: Self.koreanRice,
                                           after: "<p><a href=\"https://www.sosik.example/en/news/rice-hyesan\">영문 기사 보기</a></p>"))
        #expect(try w.index().status == 0)
        #expect(try w.show("--format", "json", "a/ko").json().first?["pair_id"] is NSNull)
        try w.write("b/en.html", Self.page(lang: "en", title: "Rice prices climb in Hyesan market",
                                           canonical: "https://sosik.example/en/news/rice-hyesan/", paragraphs: Self.englishRice))
        #expect(try w.index().status == 0)
        #expect(try w.show("--format", "json", "a/ko").json().first?["pair_id"] as? String == "b/en")
        #expect(try w.show("--format", "json", "b/en").json().first?["pair_id"] as? String == "a/ko")
    }

    // MARK: A mixed folder

    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Sosik Feed</title><language>en</language>
        <item><title>Customs officers seize smuggled phones</title><link>https://www.sosik.example/en/news/phones</link>
        <guid>feed-phones</guid><pubDate>Sun, 20 Apr 2025 08:00:00 GMT</pubDate><dc:creator>Lee Jun</dc:creator><category>Customs</category>
        <description>&lt;p&gt;Customs officers in Sinuiju seized hundreds of smuggled phones.&lt;/p&gt;</description></item>
        <item><title>Factory workers paid in corn</title><link>https://www.sosik.example/en/news/corn-wages</link>
        <pubDate>Mon, 21 Apr 2025 08:00:00 GMT</pubDate><description>Workers at a Chongjin factory were paid in corn instead of cash.</description></item>
        </channel></rss>
        """

    static let csv = """
        id,title,body,date,lang
        csv-1,"평양 택시, 요금 인상","평양의 택시 요금이 올랐다. 기사들은 ""연료값""이 올랐다고 말했다.",2025-04-22,ko
        csv-2,Taxi fares rise in Pyongyang,"Taxi fares rose in Pyongyang, drivers said.",2025-04-22,en

        """

    static let jsonArray = """
        [{"id": "json-1", "title": "원산 관광지구 개장", "body": "원산 갈마 해안관광지구가 문을 열었다.", "date": "2025-04-23"},
         {"id": "json-2", "title": "Wonsan resort opens", "body": "The Wonsan-Kalma coastal resort opened to visitors.", "lang": "en"}]
        """

    static let jsonl = """
        {"id": "gz-1", "title": "나선 국경 무역", "body": "나선 경제특구의 국경 무역이 재개되었다."}
        {"id": "gz-2", "title": "Rason trade", "body": "Cross-border trade resumed in the Rason special economic zone."}

        """

    static func writeMixedFolder(_ w: Workspace) throws {
        try w.write("pages/patrol.html", Self.page(lang: "en", title: "Border police double night patrols in Hoeryong",
                                                   canonical: "https://www.sosik.example/en/news/patrol-hoeryong", paragraphs: Self.englishPatrol))
        try w.write("tables/taxi.csv", Self.csv)
        try w.write("dumps/resort.json", Self.jsonArray)
        try w.write("feeds/news.xml", Self.rss)
        try w.gzip("lines/rason.jsonl", Self.jsonl)
        try w.write("docs/notes.pdf", "%PDF-1.4\n% not really a pdf\n")
        try w.write("docs/report.docx", "PK\u{3}\u{4} not really a docx")
        try w.write("README.md", "# This folder\n\nNot an article.")
        try w.write(".DS_Store", "hidden")
    }

    static let mixedIDs: Set<String> = ["pages/patrol", "csv-1", "csv-2", "json-1", "json-2", "feed-phones",
                                        "https://www.sosik.example/en/news/corn-wages", "gz-1", "gz-2"]

    @Test func aMixedFolderIndexesEveryArticleAndCountsTheFilesItDoesNotRead() throws {
        let w = try Workspace()
        try Self.writeMixedFolder(w)
        let r = try w.index()
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("files 5 added"), "\(r.stderr)")
        #expect(r.stderr.contains("0 skipped, not read: 1 .docx, 1 .pdf;"), "\(r.stderr)")
        #expect(r.stderr.contains("documents 9 written"), "\(r.stderr)")
        // Without --verbose the files are counted, not listed.
        #expect(!r.stderr.contains("notes.pdf"))
        #expect(try w.ids("순찰", "patrols", "택시", "taxi", "원산", "Wonsan", "phones", "corn", "나선", "Rason") == Self.mixedIDs)

        // Each format's fields reached the index.
        let feed = try #require(try w.show("--format", "json", "feed-phones").json().first)
        #expect(feed["date"] as? String == "2025-04-20" && feed["url"] as? String == "https://www.sosik.example/en/news/phones")
        let kinds = (feed["passages"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == ["body", "credit", "footer"])
        let csv = try #require(try w.show("--format", "json", "csv-1").json().first)
        #expect(csv["title"] as? String == "평양 택시, 요금 인상" && csv["lang"] as? String == "ko")
        #expect((csv["passages"] as? [[String: Any]])?.first?["text"] as? String == "평양의 택시 요금이 올랐다. 기사들은 \"연료값\"이 올랐다고 말했다.")
        let gz = try #require(try w.show("--format", "json", "gz-1").json().first)
        #expect((gz["path"] as? String)?.contains("lines/rason.jsonl.gz") == true, "\(gz)")

        // A re-run reads nothing new, and still says what it does not read.
        let again = try w.index()
        #expect(again.status == 3)
        #expect(again.stderr.contains("5 unchanged, 0 skipped, not read: 1 .docx, 1 .pdf;"), "\(again.stderr)")
    }

    @Test func verboseListsEachFileNotRead() throws {
        let w = try Workspace()
        try Self.writeMixedFolder(w)
        let r = try w.index(["--verbose"])
        #expect(r.status == 3)
        let notRead = r.stderr.split(separator: "\n").filter { $0.contains(": not read: ") }
        #expect(notRead.count == 2, "\(r.stderr)")
        #expect(notRead.contains { $0.hasSuffix("docs/notes.pdf: not read: sosik does not read this type of file") })
        #expect(notRead.contains { $0.hasSuffix("docs/report.docx: not read: sosik does not read this type of file") })
        #expect(!r.stderr.contains("README") && !r.stderr.contains(".DS_Store"))
    }

    @Test func notReadCountsAreOrderedByCountThenExtension() throws {
        let w = try Workspace()
        try w.write("a.md", "경찰이 순찰을 돌았다.")
        for name in ["b.pdf", "c.PDF", "d.docx", "e.hwp", "f"] { try w.write(name, "x") }
        let r = try w.index()
        #expect(r.status == 3)
        #expect(r.stderr.contains("not read: 2 .pdf, 1 (no extension), 1 .docx, 1 .hwp;"), "\(r.stderr)")
    }

    // MARK: extract

    static let extractKeys: Set<String> = ["path", "id", "title", "date", "lang", "url", "source", "author", "categories",
                                           "translations", "translation_of", "body", "passages"]

    @Test func extractPrintsOneJSONObjectPerArticleWithTheDocumentedKeys() throws {
        let w = try Workspace()
        let feed = try w.write("news.xml", Self.rss)
        let r = try SosikBinary.run(["extract", "--format", "json", feed])
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try r.json()
        #expect(objects.count == 2)
        for o in objects { #expect(Set(o.keys) == Self.extractKeys) }
        let first = objects[0]
        #expect(first["path"] as? String == feed)
        #expect(first["id"] as? String == "feed-phones")
        #expect(first["title"] as? String == "Customs officers seize smuggled phones")
        #expect(first["date"] as? String == "2025-04-20" && first["lang"] as? String == "en")
        #expect(first["source"] as? String == "Sosik Feed" && first["author"] as? String == "Lee Jun")
        #expect(first["categories"] as? [String] == ["Customs"])
        #expect(first["body"] as? String == "Customs officers in Sinuiju seized hundreds of smuggled phones.")
        let passages = try #require(first["passages"] as? [[String: String]])
        #expect(passages == [["kind": "body", "text": "Customs officers in Sinuiju seized hundreds of smuggled phones."],
                             ["kind": "credit", "text": "By Lee Jun"], ["kind": "footer", "text": "Categories: Customs"]])
        #expect(objects[1]["id"] as? String == "https://www.sosik.example/en/news/corn-wages")
        #expect(objects[1]["author"] is NSNull && objects[1]["translation_of"] is NSNull)
        // Nothing is written.
        #expect(!FileManager.default.fileExists(atPath: w.db))
    }

    @Test func extractOfAPageShowsTheArticleItsCaptionAndItsTranslationLink() throws {
        let w = try Workspace()
        let path = try w.write("patrol.html", Self.page(
            lang: "ko", title: "회령 국경 경찰, 야간 순찰 두 배로", canonical: "https://www.sosik.example/ko/news/patrol-hoeryong",
            paragraphs: Self.koreanPatrol,
            after: "<figure><img src=\"a.jpg\"><figcaption>두만강 제방을 걷는 경찰관들.</figcaption></figure><p><a href=\"/en/news/patrol-hoeryong\">영문 기사 보기</a></p>"))
        let r = try SosikBinary.run(["extract", "--format", "json", path])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try r.json().first)
        #expect(Set(o.keys) == Self.extractKeys)
        #expect(o["title"] as? String == "회령 국경 경찰, 야간 순찰 두 배로")
        #expect(o["lang"] as? String == "ko" && o["date"] as? String == "2025-05-01" && o["source"] as? String == "Sosik")
        #expect(o["url"] as? String == "https://www.sosik.example/ko/news/patrol-hoeryong")
        // (The nav's "한국어" link to /ko is listed too: a language switcher; it never pairs, being
        // in the page's own language.)
        #expect((o["translations"] as? [String])?.contains("https://www.sosik.example/en/news/patrol-hoeryong") == true)
        #expect(o["body"] as? String == Self.koreanPatrol.joined(separator: "\n\n"))
        let passages = try #require(o["passages"] as? [[String: String]])
        #expect(passages.last == ["kind": "caption", "text": "두만강 제방을 걷는 경찰관들."])
        #expect(passages.dropLast().allSatisfy { $0["kind"] == "body" })
    }

    @Test func extractExitsThreeAndNamesWhatItCouldNotRead() throws {
        let w = try Workspace()
        let good = try w.write("good.json", Self.jsonArray)
        let pdf = try w.write("notes.pdf", "%PDF")
        let bad = try w.write("bad.xml", "not xml")
        let r = try SosikBinary.run(["extract", "--format", "json", good, pdf, bad])
        #expect(r.status == 3)
        #expect(try r.json().map { $0["id"] as? String } == ["json-1", "json-2"])
        #expect(r.stderr.contains("notes.pdf: not read: sosik does not read this type of file"))
        #expect(r.stderr.contains("bad.xml:1: skipped: not well-formed XML"), "\(r.stderr)")
    }

    // MARK: Standard input

    @Test func indexReadsAFeedFromStandardInput() throws {
        let w = try Workspace()
        let r = try w.index(["--stdin-format", "feed"], stdin: Self.rss)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("documents 2 written"), "\(r.stderr)")
        #expect(try w.ids("phones", "corn") == ["feed-phones", "https://www.sosik.example/en/news/corn-wages"])
        let doc = try #require(try w.show("--format", "json", "feed-phones").json().first)
        #expect(doc["path"] as? String == "-" && doc["source"] as? String == "Sosik Feed")

        // "rss" and "atom" are names for the same format; an Atom feed in Korean.
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko"><title>소식 속보</title>
            <entry><title>청진 공장 노동자, 옥수수로 임금 받아</title><id>atom-corn</id><updated>2025-04-21T08:00:00Z</updated>
            <link rel="alternate" href="https://www.sosik.example/ko/news/corn-wages"/>
            <content type="html">&lt;p&gt;청진의 한 공장 노동자들이 현금 대신 옥수수로 임금을 받았다.&lt;/p&gt;</content></entry>
            </feed>
            """
        let a = try w.index(["--stdin-format", "atom"], stdin: atom)
        #expect(a.status == 0, "\(a.stderr)")
        let hits = try w.search("--format", "json", "옥수수").json()
        #expect(hits.map { $0["doc_id"] as? String } == ["atom-corn"])
        #expect(hits.first?["lang"] as? String == "ko" && hits.first?["date"] as? String == "2025-04-21")
    }

    @Test func aFeedOnStandardInputThatIsNotXMLIsSkipped() throws {
        let w = try Workspace()
        let r = try w.index(["--stdin-format", "feed"], stdin: "{\"id\": \"x\", \"body\": \"JSON, not a feed\"}\n")
        #expect(r.status == 3)
        #expect(r.stderr.contains("-:1: skipped: not well-formed XML"), "\(r.stderr)")
    }

    @Test func anUnknownStdinFormatIsAUsageError() throws {
        let r = try SosikBinary.run(["index", "--db", FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).db").path,
                                     "--stdin-format", "pdf", "-"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--stdin-format pdf"))
    }

    // MARK: Bad rows

    @Test func aCSVRowWithTheWrongNumberOfFieldsIsReportedAndTheRestIndexed() throws {
        let w = try Workspace()
        try w.write("rows.csv", """
            id,title,body
            r1,회령 순찰,"경찰이 야간 순찰을
            두 배로 늘렸다."
            r2,필드가 둘뿐
            r3,Hyesan prices,"Rice prices rose, traders said."
            """)
        let r = try w.index()
        #expect(r.status == 3)
        #expect(r.stderr.contains("rows.csv:4: skipped: 2 fields where the header has 3"), "\(r.stderr)")
        #expect(r.stderr.contains("documents 2 written"), "\(r.stderr)")
        #expect(try w.ids("순찰", "필드가", "rice") == ["r1", "r3"])
    }

    @Test func mapNamesTheColumnsOfAnExport() throws {
        let w = try Workspace()
        try w.write("export.csv", "doc,headline,article_text\nm1,신의주 세관,세관이 밀수 휴대전화를 압수했다.\nm2,Sinuiju customs,Customs officers seized smuggled phones.\n")
        let unmapped = try w.index()
        #expect(unmapped.status == 3)
        #expect(unmapped.stderr.contains("export.csv:1: skipped: no body column"), "\(unmapped.stderr)")
        let mapped = try w.index(["--rebuild", "--map", "body=article_text,title=headline", "--map", "id=doc"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(try w.ids("세관", "customs") == ["m1", "m2"])
        #expect(try w.show("--format", "json", "m1").json().first?["title"] as? String == "신의주 세관")
        let bad = try w.index(["--map", "summary=abstract"])
        #expect(bad.status == 2 && bad.stderr.contains("is not a field"))
    }

    @Test func aFileSkippedOnAnEarlierRunIsReadAgainWithTheMapThatFixesIt() throws {
        let w = try Workspace()
        try w.write("export.csv", "doc,headline,article_text\nm1,신의주 세관,세관이 밀수 휴대전화를 압수했다.\n")
        #expect(try w.index().status == 3)
        // A file with problems is read again on the next run, here with the --map that fixes it.
        let mapped = try w.index(["--map", "body=article_text"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(try w.ids("세관") == ["export:2"])   // no id column: FILE:LINE
        // Once read cleanly it is unchanged again.
        let again = try w.index(["--map", "body=article_text"])
        #expect(again.status == 0 && again.stderr.contains("1 unchanged"), "\(again.stderr)")
    }

    /// UTF-16 with a byte-order mark (Excel's "Unicode text" export) is full of NUL bytes but is
    /// text: decoded, not skipped as binary, in either byte order.
    @Test func utf16FilesWithAByteOrderMarkAreRead() throws {
        let w = try Workspace()
        func utf16(_ text: String, bigEndian: Bool) -> Data {
            var out = Data(bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
            for unit in text.utf16 {
                let u = bigEndian ? unit.bigEndian : unit.littleEndian
                withUnsafeBytes(of: u) { out.append(contentsOf: $0) }
            }
            return out
        }
        try utf16("id\ttitle\tbody\nu1\t혜산 장마당\t혜산 장마당 쌀값이 올랐다.\n", bigEndian: false)
            .write(to: w.corpus.appendingPathComponent("export.tsv"))
        try utf16("회령 순찰 소식.\n", bigEndian: true).write(to: w.corpus.appendingPathComponent("note.txt"))
        let r = try w.index()
        #expect(r.status == 0 && r.stderr.contains("files 2 added") && r.stderr.contains("0 skipped"), "\(r.stderr)")
        #expect(try w.search("--format", "ids", "장마당").lines == ["u1#0"])
        #expect(try w.search("--format", "ids", "순찰").lines == ["note#0"])
    }
}

