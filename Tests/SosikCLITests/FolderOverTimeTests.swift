import Foundation
import Testing

/// A news folder indexed by one command, again and again (issue 24): pages, a feed, a CSV that
/// needs a map, JSON Lines and a PDF left out by `.sosikignore`; each file keeps the options it
/// was read with, a folder's `.sosik.conf` gives them too, and a file that fails on a later run
/// keeps its articles.
@Suite struct FolderOverTimeTests {
    typealias W = IngestFormatsCLITests.Workspace

    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>국경 소식</title><language>ko</language>
        <item><guid>feed-1</guid><title>회령 야간 순찰 강화</title><description>회령시 경찰이 두만강을 따라 야간 순찰을 늘렸다.</description><pubDate>Tue, 06 May 2025 09:00:00 +0900</pubDate></item>
        <item><guid>feed-2</guid><title>혜산 쌀값 상승</title><description>혜산 장마당의 쌀값이 3주째 올랐다.</description><pubDate>Wed, 07 May 2025 09:00:00 +0900</pubDate></item>
        <item><guid>feed-1</guid><title>회령 야간 순찰 강화</title><description>회령시 경찰이 두만강을 따라 야간 순찰을 늘렸다.</description><pubDate>Tue, 06 May 2025 09:00:00 +0900</pubDate></item>
        </channel></rss>
        """

    static let csv = """
        doc,headline,article_text,published
        csv-1,신의주 세관 단속,신의주 세관이 밀수 휴대전화를 압수했다.,2/26/2025
        csv-2,Customs seize phones,Customs officers in Sinuiju seized smuggled phones.,3/4/2025
        """

    func makeFolder() throws -> W {
        let w = try W()
        try w.write("pages/patrol.html", IngestFormatsCLITests.page(
            lang: "en", title: "Border police double night patrols in Hoeryong",
            canonical: "https://www.sosik.example/en/news/patrol", paragraphs: IngestFormatsCLITests.englishPatrol))
        try w.write("feeds/border.xml", Self.feed)
        try w.write("export.csv", Self.csv)
        try w.write("lines.jsonl", """
            {"id": "jl-1", "title": "평양 전력난", "body": "평양의 전력 공급이 하루 네 시간으로 줄었다.", "date": "2025-05-02"}
            {"id": "jl-2", "title": "원산 관광지구", "body": "원산 갈마 관광지구가 외국인 관광객을 받았다.", "date": "sometime in May"}
            """)
        try w.write("report.pdf", "%PDF-1.4\n%\u{00E2}\u{00E3}\n1 0 obj << /Type /Catalog >> endobj\n")
        try w.write(".sosikignore", "# not news\n*.pdf\n")
        return w
    }

    func date(_ w: W, _ id: String) throws -> String? {
        let r = try SosikBinary.run(["show", "--db", w.db, "--format", "json", id])
        return try r.json().first?["date"] as? String
    }

    @Test func aMixedFolderIndexesByOneCommandAgainAndAgain() throws {
        let w = try makeFolder()
        // The first run names the CSV's columns and its date order; the JSON Lines file has none
        // of the mapped columns and is read by the usual names.
        let first = try w.index(["--map", "id=doc,title=headline,body=article_text", "--date-order", "mdy"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("report.pdf"))                        // left out, not "not read"
        #expect(first.stderr.contains("0 replaced") && first.stderr.contains("1 repeated in the input"), "\(first.stderr)")
        #expect(first.stderr.contains("sometime in May"))                    // a date problem, said
        #expect(try w.ids("순찰", "patrols", "세관", "customs", "전력", "원산") ==
                ["feed-1", "csv-1", "csv-2", "jl-1", "jl-2", "pages/patrol"])
        #expect(try date(w, "csv-1") == "2025-02-26" && date(w, "csv-2") == "2025-03-04")

        // Again, with no options: the CSV is read as last time; the date problem is said again.
        let second = try w.index()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("sometime in May"))
        #expect(try w.ids("세관", "customs") == ["csv-1", "csv-2"])

        // The CSV is edited: a row changed, a row added. Still no options.
        try w.write("export.csv", Self.csv.replacingOccurrences(of: "휴대전화를", with: "휴대전화 300대를")
                    + "\ncsv-3,혜산 세관,혜산 세관이 국경 검사를 강화했다.,12/1/2025\n")
        let third = try w.index()
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try w.ids("세관", "customs") == ["csv-1", "csv-2", "csv-3"])
        #expect(try w.ids("300대") == ["csv-1"])
        #expect(try date(w, "csv-3") == "2025-12-01")
    }

    @Test func aFileThatFailsOnALaterRunKeepsItsArticles() throws {
        let w = try makeFolder()
        #expect(try w.index(["--map", "id=doc,title=headline,body=article_text"]).status == 0)
        // The export is replaced by one without a body column: nothing of it can be read.
        try w.write("export.csv", "doc,headline,summary\ncsv-9,요약만,내용 없음\n")
        let failed = try w.index()
        #expect(failed.status == 3)
        #expect(failed.stderr.contains("export.csv") && failed.stderr.contains("skipped"), "\(failed.stderr)")
        #expect(try w.ids("세관", "customs") == ["csv-1", "csv-2"])           // kept
        // A JSON Lines file with a line that is not JSON keeps the article of that line too.
        try w.write("lines.jsonl", """
            {"id": "jl-1", "title": "평양 전력난", "body": "평양의 전력 공급이 하루 네 시간으로 줄었다.", "date": "2025-05-02"}
            {"id": "jl-2", "title": "원산 관광지구", "body": "원산 갈마 관광지구가 외국인 관광객을
            """)
        #expect(try w.index().status == 3)
        #expect(try w.ids("전력", "원산") == ["jl-1", "jl-2"])
        // Mended, the files are read again; what they no longer hold goes.
        try w.write("export.csv", Self.csv.components(separatedBy: "\n").dropLast().joined(separator: "\n") + "\n")
        try w.write("lines.jsonl", #"{"id": "jl-1", "title": "평양 전력난", "body": "평양의 전력 공급이 하루 네 시간으로 줄었다."}"# + "\n")
        let mended = try w.index()
        #expect(mended.status == 0, "\(mended.stderr)")
        #expect(try w.ids("세관", "customs", "전력", "원산") == ["csv-1", "jl-1"])
    }

    @Test func aFolderSaysHowItsFilesAreReadAndWhichToLeaveOut() throws {
        let w = try makeFolder()
        try w.write("exports/other.csv", "id,title,story,when\nx-1,청진 항구,청진 항구에 화물선이 들어왔다.,4.3.2025\n")
        try w.write("exports/.sosik.conf", """
            # how sosik reads the exports
            [*.csv]
            map = body=story,date=when
            date-order = dmy
            """)
        try w.write("drafts/notes.txt", "초안: 청진 항구 취재 메모")
        let run = try w.index(["--map", "id=doc,title=headline,body=article_text", "--exclude", "drafts/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try w.ids("청진") == ["x-1"])                                  // drafts/ left out
        #expect(try date(w, "x-1") == "2025-03-04")
        // Without --exclude the draft is read; .sosikignore's *.pdf still holds.
        #expect(try w.index().status == 0)
        #expect(try w.ids("청진").count == 2)
        // --exclude wins over the ignore file's order too, and what it leaves out goes.
        #expect(try w.index(["--exclude", "drafts/notes.txt"]).status == 0)
        #expect(try w.ids("청진") == ["x-1"])
        // A bad setting names the file and the line.
        try w.write("exports/.sosik.conf", "[*.csv]\nmapp = body=story\n")
        let bad = try w.index()
        #expect(bad.status == 3)
        #expect(bad.stderr.contains(".sosik.conf:2"), "\(bad.stderr)")
    }

    /// `index` and `extract` read a file through the same check (FileCheck, issue 25): they
    /// say the same of a binary file, and both read the same page.
    @Test func indexAndExtractAgreeAboutAFile() throws {
        let w = try W()
        let binary = try w.write("notes.txt", "제목\u{0}\u{0}\u{1}바이너리")
        let page = try w.write("pages/patrol.html", IngestFormatsCLITests.page(
            lang: "en", title: "Border police double night patrols in Hoeryong",
            canonical: "https://www.sosik.example/en/news/patrol", paragraphs: IngestFormatsCLITests.englishPatrol))
        let index = try w.index()
        let extract = try SosikBinary.run(["extract", "--format", "json", binary, page])
        #expect(index.status == 3 && extract.status == 3)
        #expect(index.stderr.contains("notes.txt: skipped: binary file (NUL bytes)"), "\(index.stderr)")
        #expect(extract.stderr.contains("notes.txt: skipped: binary file (NUL bytes)"), "\(extract.stderr)")
        func texts(_ object: [String: Any]?) -> [String] {
            (object?["passages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
        let extracted = try extract.json().first
        let shown = try SosikBinary.run(["show", "--db", w.db, "--format", "json", "pages/patrol"]).json().first
        #expect(!texts(extracted).isEmpty)
        #expect(texts(shown) == texts(extracted))
        #expect(shown?["title"] as? String == extracted?["title"] as? String)
    }

    /// A file an ignore rule leaves out of a folder, named on the command line too, is read and
    /// stays, run after run (it flipped in and out of the index).
    @Test func aFileLeftOutButNamedStaysRunAfterRun() throws {
        let w = try W()
        try w.write("a.txt", "회령 경찰이 순찰을 늘렸다.")
        let draft = try w.write("drafts/d.txt", "초안: 청진 항구 취재 메모")
        try w.write(".sosikignore", "drafts/\n")
        for _ in 0..<3 {
            let run = try SosikBinary.run(["index", "--db", w.db, w.corpus.path, draft])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try w.ids("청진").count == 1)
        }
    }
}
