import Foundation
import Testing
@testable import SosikIngest

/// Cases a review of issues 23–25's changes found wrong, each kept right here.
@Suite struct ReviewFixesTests {
    @Test func aTrailingDoubleStarIsWhatIsInsideNotTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["logs/l.txt", "logs/m.txt", "a.txt"] {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("본문".utf8).write(to: url)
        }
        // CRLF line ends and a byte-order mark, as Windows editors write them.
        try Data("\u{FEFF}logs/**\r\n!logs/l.txt\r\n".utf8).write(to: root.appendingPathComponent(".sosikignore"))
        let listed = InputFiles.list(root.path, supported: { _ in true }).supported.map { ($0 as NSString).lastPathComponent }
        #expect(listed.sorted() == ["a.txt", "l.txt"])
    }

    @Test func settingsWithCRLFAndAByteOrderMarkAreRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-conf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("본문".utf8).write(to: root.appendingPathComponent("e.csv"))
        try Data("\u{FEFF}[*.csv]\r\nmap = body=story\r\n".utf8).write(to: root.appendingPathComponent(".sosik.conf"))
        let listing = InputFiles.list(root.path, supported: { _ in true })
        #expect(listing.problems.isEmpty, "\(listing.problems)")
        #expect(listing.settings.values.first == ["map": "body=story"])
    }

    @Test func languagesNeedEvidence() {
        #expect(LanguageDetector.normalize("KR") == "ko")
        #expect(LanguageDetector.detect("Arsenal 2 Chelsea 1; Liverpool 3 Everton 0; Tottenham 1 Newcastle 1; Brighton 2 Fulham 2; Leeds 0 Wolves 3; Burnley 1 Watford 0") == "en")
        #expect(LanguageDetector.detect("Coach Kim Pan-gon named Son Heung-min, Lee Kang-in, Kim Min-jae and Hwang Hee-chan in the starting eleven against Bahrain on Tuesday night at Khalifa Stadium") == "en")
    }

    @Test func aMapAlternativeThatIsNullGivesWayToTheNext() throws {
        let a = try #require(try Read.articles("n.jsonl", #"{"id": "4", "nope": null, "story": "순찰이 늘었다."}"#,
                                               options: .init(map: ["body": "nope|story"])).first)
        #expect(a.body == "순찰이 늘었다.")
    }

    @Test func pageMetadataFalseFriends() throws {
        let body = String(repeating: "<p>서울 경찰이 강남 지역의 야간 순찰을 크게 늘렸다고 밝혔다. 주민들은 반겼다.</p>", count: 4)
        // A footer's registration date is not the article's.
        let footer = try Read.article("f.html", """
            <html lang="ko"><head><meta charset="utf-8"><title>강남 순찰 확대</title></head><body>
            <article>\(body)</article><div class="footer">등록번호 서울 아00001 등록일 : 2010.03.02 발행인 홍길동</div></body></html>
            """)
        #expect(footer.date == nil)
        // A reporter in og:article:author is no source; a site-content <h1> is the headline.
        let reporter = try Read.article("r.html", """
            <html lang="ko"><head><meta charset="utf-8"><meta property="og:article:author" content="홍길동 기자"></head><body>
            <div class="site-content"><h1>강남 순찰 확대</h1><article>\(body)</article></div></body></html>
            """)
        #expect(reporter.source == nil)
        #expect(reporter.title == "강남 순찰 확대")
    }
}
