import Foundation
import Testing
@testable import SosikIngest

/// Walking folders: formats by file name, .gz, files sosik does not read; dates and URL keys.
@Suite struct CorpusReaderTests {
    static let jsonl = """
        {"id": "l1", "title": "회령 순찰", "body": "경찰이 순찰을 강화했다.", "date": "2025-05-01"}
        {"id": "l2", "title": "Hyesan prices", "body": "Rice prices rose again.", "lang": "en"}

        """

    /// What a test compares between a plain file and its .gz.
    static func summary(_ a: Article) -> [String?] {
        [a.id, a.title, a.body, a.lang, a.date, a.source, a.url] + a.asides.map(\.text)
    }

    @Test func gzipFilesAreReadLikeThePlainFile() throws {
        let plain = try Folder(), zipped = try Folder()
        try plain.write("pages/patrol-en.html", HTMLReaderTests.englishPage)
        try plain.write("lines.jsonl", Self.jsonl)
        try zipped.gzip("pages/patrol-en.html", HTMLReaderTests.englishPage)
        try zipped.gzip("lines.jsonl", Self.jsonl)
        #expect(FileManager.default.fileExists(atPath: zipped.url.appendingPathComponent("pages/patrol-en.html.gz").path))

        let fromPlain = try Read.paths([plain.path])
        let fromZipped = try Read.paths([zipped.path])
        #expect(fromZipped.allSatisfy { $0.article != nil }, "\(fromZipped)")
        let a = fromPlain.compactMap(\.article), b = fromZipped.compactMap(\.article)
        #expect(b.count == 3)
        #expect(a.map(Self.summary) == b.map(Self.summary))
        // The page's id loses both extensions; JSON Lines records keep their own ids.
        #expect(b.map(\.id) == ["l1", "l2", "pages/patrol-en"])
        #expect(b.last?.paragraphs == HTMLReaderTests.englishParagraphs)
        #expect(b.last?.path?.hasSuffix("pages/patrol-en.html.gz") == true)
    }

    @Test func aCorruptGzipIsSkippedNamingTheFile() throws {
        let folder = try Folder()
        let path = try folder.write("feed.xml.gz", [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xff, 0xff, 0x00])
        let events = try Read.paths([path])
        #expect(events.count == 1)
        #expect(events.first?.skipped?.path == path)
        #expect(events.first?.skipped?.reason.contains("gzip") == true)
    }

    @Test func unsupportedFilesAreReportedHiddenFilesAndReadmesAreNot() throws {
        let folder = try Folder()
        try folder.write("a.md", "---\nid: a\n---\n경찰이 순찰을 돌았다.")
        try folder.write("notes.pdf", "%PDF-1.4 not really")
        try folder.write("sub/a.docx", "PK not really")
        try folder.write("sub/b.md", "# Patrols\n\nPolice patrols doubled.")
        try folder.write("image.JPG", [0xFF, 0xD8, 0xFF])
        try folder.write(".hidden.pdf", "hidden")
        try folder.write(".cache/page.html", "<p>hidden folder</p>")
        try folder.write(".cache/old.pdf", "hidden folder")
        try folder.write("README.md", "# About this folder\n\nNot an article.")
        try folder.write("sub/README.txt", "Not an article either.")
        try folder.write("sub/readme.pdf", "a README of another type is not reported either")

        let events = try Read.paths([folder.path])
        let root = folder.path
        #expect(events.compactMap(\.article).map(\.id) == ["a", "sub/b"])
        #expect(events.compactMap(\.unsupported) == [root + "/image.JPG", root + "/notes.pdf", root + "/sub/a.docx"])
        #expect(events.allSatisfy { $0.skipped == nil && $0.warning == nil }, "\(events)")

        // Named on the command line, an unsupported file is reported too, and a README is read.
        let named = try Read.paths([root + "/notes.pdf", root + "/README.md"])
        #expect(named.compactMap(\.unsupported) == [root + "/notes.pdf"])
        #expect(named.compactMap(\.article).map(\.title) == ["About this folder"])
    }

    @Test func formatsAreChosenByFileName() {
        let cases: [(String, CorpusReader.Format?, Bool)] = [
            ("a.html", .html, false), ("a.HTM", .html, false), ("a.xhtml", .html, false), ("feed.xml", .feed, false),
            ("feed.rss", .feed, false), ("feed.atom", .feed, false), ("a.csv", .csv, false), ("a.tsv", .tsv, false),
            ("a.json", .json, false), ("a.jsonl", .jsonl, false), ("a.ndjson", .jsonl, false), ("a.md", .text, false),
            ("page.html.gz", .html, true), ("lines.jsonl.gz", .jsonl, true), ("a.pdf", nil, false), ("a.docx", nil, false),
            ("a.tgz", nil, false), ("a.gz", nil, false),
        ]
        for (name, format, gzip) in cases {
            let found = CorpusReader.Format.of(path: "dir/" + name)
            #expect(found?.format == format, "\(name)")
            if format != nil { #expect(found?.gzip == gzip, "\(name)") }
        }
    }

    @Test func aMissingPathThrows() throws {
        #expect(throws: IngestError.self) { try Read.paths(["/nonexistent/sosik-\(UUID().uuidString)"]) }
    }

    // MARK: Dates

    @Test(arguments: [
        ("Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19"),
        ("2019-11-19T10:00:00-05:00", "2019-11-19"),
        ("November 19, 2019", "2019-11-19"),
        ("Nov. 19, 2019", "2019-11-19"),
        ("19 Nov 2019", "2019-11-19"),
        ("2019-11-19", "2019-11-19"),
        ("2019-11-19 10:00:00", "2019-11-19"),
        ("2025.5.1", "2025-05-01"),
        ("2025년 5월 1일", "2025-05-01"),
        ("2025년 5월 15일 오후 3시", "2025-05-15"),
        ("2025. 5. 15. 오전 9:30", "2025-05-15"),
        ("2025.05.15 09:30", "2025-05-15"),
    ])
    func isoPrefixReadsTimestampsAndNewsDates(raw: String, iso: String) {
        #expect(DateNormalizer.isoPrefix(raw) == iso)
    }

    @Test(arguments: ["yesterday", "어제 오후", "", "Tue, 31 Feb 2019", "2019-13-01T00:00:00Z"])
    func isoPrefixRejectsWhatIsNotADate(raw: String) {
        #expect(DateNormalizer.isoPrefix(raw) == nil)
    }

    /// Dates with the year last (issue 24): a number over 12 decides; otherwise the file's
    /// --date-order, or the separator (/ month first, . and - day first).
    @Test(arguments: [
        ("2/26/1987", nil, "1987-02-26"),
        ("26/2/1987", nil, "1987-02-26"),
        ("26.2.1987", nil, "1987-02-26"),
        ("26-02-1987", nil, "1987-02-26"),
        ("3/4/2020", nil, "2020-03-04"),
        ("3.4.2020", nil, "2020-04-03"),
        ("3-4-2020", nil, "2020-04-03"),
        ("3/4/2020", DateNormalizer.Order.dmy, "2020-04-03"),
        ("3.4.2020", DateNormalizer.Order.mdy, "2020-03-04"),
        ("2/26/1987", DateNormalizer.Order.dmy, "1987-02-26"),    // 26 can only be the day
        ("3/4/2020 10:00 AM", nil, "2020-03-04"),
        ("12/31/1999, 23:59", nil, "1999-12-31"),
    ] as [(String, DateNormalizer.Order?, String)])
    func yearLastDates(raw: String, order: DateNormalizer.Order?, iso: String) {
        #expect(DateNormalizer.yearLast(raw, order: order) == iso)
    }

    @Test(arguments: ["13/13/2020", "2/30/2020", "31.4.2020", "2020/3/4", "3/4/20", "3/4", "1/2/3/2020", "3/4/2020x", "a3/4/2020"])
    func yearLastRejects(raw: String) {
        #expect(DateNormalizer.yearLast(raw, order: nil) == nil)
    }

    // MARK: URL keys

    @Test(arguments: [
        ("https://www.DailyNK.com/a/?utm_source=x#top", "dailynk.com/a"),
        ("http://sosik.example/en/news/1", "sosik.example/en/news/1"),
        ("//www.sosik.example/en/news/1/", "sosik.example/en/news/1"),
        ("https://sosik.example/en/news/1#comments", "sosik.example/en/news/1"),
        ("https://sosik.example/view?id=7&utm_medium=social&utm_campaign=x", "sosik.example/view?id=7"),
        ("https://sosik.example/view/?id=7&utm_source=rss", "sosik.example/view?id=7"),
        ("https://www.sosik.example/?p=123", "sosik.example?p=123"),
        ("  https://SOSIK.example/KO/News  ", "sosik.example/KO/News"),   // only the host is lowercased
    ])
    func urlKeyDropsWhatDoesNotNameThePage(url: String, key: String) {
        #expect(Article.urlKey(url) == key)
    }

    @Test func urlKeyMakesTheFormsOfOneURLEqual() {
        let forms = ["https://www.sosik.example/ko/news/patrol-hoeryong", "http://sosik.example/ko/news/patrol-hoeryong/",
                     "https://sosik.example/ko/news/patrol-hoeryong?utm_source=newsletter#top"]
        #expect(Set(forms.map(Article.urlKey)) == ["sosik.example/ko/news/patrol-hoeryong"])
        #expect(Article.urlKey("https://sosik.example/ko/news/1") != Article.urlKey("https://sosik.example/en/news/1"))
    }
}

/// Korean, English, and `other` (issue 24): pages in Portuguese, Italian or Indonesian were
/// tagged `en`; a feed declaring `en-us` whose items are Korean tagged them all `en`.
@Suite struct LanguageTests {
    static let portuguese = "O governo anunciou nesta segunda-feira um novo pacote de medidas para conter a inflação, que atingiu o maior nível em dois anos, segundo dados divulgados pelo instituto de estatística."
    static let italian = "Il governo ha approvato ieri sera il decreto sulle nuove misure per le famiglie, che secondo il ministro dell'economia entreranno in vigore entro la fine del mese prossimo."
    static let indonesian = "Pemerintah mengumumkan kebijakan baru untuk menekan harga beras yang terus naik dalam tiga bulan terakhir, kata menteri perdagangan kepada wartawan di Jakarta pada hari Senin."
    static let english = "The government announced a new package of measures on Monday to curb inflation, which reached its highest level in two years, according to figures released by the statistics office."
    static let korean = "함경북도 회령시 경찰이 두만강을 따라 야간 순찰을 두 배로 늘렸다고 현지 주민들이 이번 주 전했다."

    @Test func detectsOtherLanguagesBesideKoreanAndEnglish() {
        #expect(LanguageDetector.detect(Self.portuguese) == "other")
        #expect(LanguageDetector.detect(Self.italian) == "other")
        #expect(LanguageDetector.detect(Self.indonesian) == "other")
        #expect(LanguageDetector.detect("中国外交部发言人今天在例行记者会上表示，双方将继续保持沟通，推动关系稳定发展。") == "other")
        #expect(LanguageDetector.detect(Self.english) == "en")
        #expect(LanguageDetector.detect("Customs seize phones") == "en")          // too short to tell: English
        #expect(LanguageDetector.detect(Self.korean) == "ko")
        #expect(LanguageDetector.detect("LG전자가 OLED TV 신제품을 발표했다") == "ko")
    }

    @Test func theTextOverrulesADeclaredLanguageOnlyWhenItIsPlain() {
        #expect(LanguageDetector.resolve(declared: "en", title: "회령 순찰 강화", body: Self.korean) == "ko")
        #expect(LanguageDetector.resolve(declared: "en", title: "", body: Self.portuguese) == "other")
        #expect(LanguageDetector.resolve(declared: "ko", title: "BTS 새 앨범", body: "BTS releases a new album") == "ko")
        #expect(LanguageDetector.resolve(declared: "en", title: "K-pop", body: "케이팝") == "en")     // too little
        #expect(LanguageDetector.resolve(declared: nil, title: "", body: Self.english) == "en")
    }

    @Test func languageTagsAndFilters() {
        #expect(LanguageDetector.normalize("ko-KR") == "ko" && LanguageDetector.normalize("en-us") == "en")
        #expect(LanguageDetector.normalize("pt-BR") == "other" && LanguageDetector.normalize("it") == "other")
        #expect(LanguageDetector.normalize("x-default") == nil && LanguageDetector.normalize("") == nil)
        #expect(LanguageDetector.filter("other") == "other" && LanguageDetector.filter("fr") == nil)
    }

    @Test func aFeedDeclaringEnglishWithKoreanItemsTagsThemKorean() throws {
        let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>연합뉴스</title><language>en-us</language>
            <item><guid>k1</guid><title>회령 야간 순찰 강화</title><description>\(Self.korean)</description></item>
            <item><guid>e1</guid><title>Border patrols doubled</title><description>\(Self.english)</description></item>
            </channel></rss>
            """
        #expect(try Read.articles("f.xml", feed).map(\.lang) == ["ko", "en"])
    }
}
