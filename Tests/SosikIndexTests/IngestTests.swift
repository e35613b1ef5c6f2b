import Foundation
import Testing
@testable import SosikIndex

@Suite struct IngestTests {
    @Test func frontMatterFieldsAndBody() {
        let (fields, body) = FrontMatter.split("---\nid: a-1\ntitle: \"경찰 순찰\"\nlang: ko\nextra: kept?\n---\n본문입니다.\n")
        #expect(fields["id"] == "a-1" && fields["title"] == "경찰 순찰" && fields["lang"] == "ko")
        #expect(body == "본문입니다.\n")
        let (none, all) = FrontMatter.split("---\nnot closed\n본문")
        #expect(none.isEmpty && all.hasPrefix("---"))
    }

    @Test func languageIsDetectedByScript() {
        #expect(LanguageDetector.detect("LG전자가 새 텔레비전을 발표했다") == "ko")
        #expect(LanguageDetector.detect("Police patrols in Hoeryong, 회령") == "en")
        #expect(LanguageDetector.normalize("KO") == "ko" && LanguageDetector.normalize("english") == "en")
        #expect(LanguageDetector.normalize("fr") == "other" && LanguageDetector.normalize("français") == nil)
    }

    @Test func passagesFollowParagraphsMergingShortOnes() {
        let splitter = PassageSplitter(minLength: 40, maxLength: 200)
        let long1 = String(repeating: "경찰이 순찰을 돌았다. ", count: 3)
        let body = "## 소제목\n\n\(long1)\n\n사진 설명\n\n\(long1)"
        let passages = splitter.split(body).map(\.text)
        #expect(passages.count == 2)
        #expect(passages[0].hasPrefix("## 소제목") && passages[0].hasSuffix("돌았다."))
        #expect(passages[1].hasPrefix("사진 설명"))
    }

    @Test func longParagraphsAreCutAtSentenceEnds() {
        let splitter = PassageSplitter(minLength: 10, maxLength: 120)
        let sentence = "Police patrols doubled in the border city this spring. "
        let passages = splitter.split(String(repeating: sentence, count: 6)).map(\.text)
        #expect(passages.count == 3)
        #expect(passages.allSatisfy { $0.hasSuffix("spring.") && $0.unicodeScalars.count <= 120 })
    }

    @Test func linesArePargraphsWhenThereIsNoBlankLine() {
        let text = String(repeating: "a", count: 50) + "\n" + String(repeating: "b", count: 50)
        #expect(PassageSplitter(minLength: 10, maxLength: 200).split(text).count == 2)
    }

    @Test func readsFoldersAndJSONLinesReportingBadLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-ingest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "---\nid: one\ntitle: 하나\ndate: 2025-05-01\n---\n경찰이 왔다.\r\n".write(
            to: folder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try "# Heading title\n\nPolice came.".write(to: folder.appendingPathComponent("sub/b.txt"), atomically: true, encoding: .utf8)
        try "about this folder".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "ignored".write(to: folder.appendingPathComponent("notes.pdf"), atomically: true, encoding: .utf8)
        try """
            {"id": "j1", "title": "T", "body": "Body one", "lang": "en"}
            {broken json
            {"id": 7, "text": "숫자 id", "date": "2025년 5월 1일", "translation_of": "en-7"}

            {"title": "no body"}
            {"id": "d", "body": "bad date", "date": "someday"}
            """.write(to: folder.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        var articles: [Article] = []
        var skipped: [String] = []
        try CorpusReader().read(paths: [folder.path]) { event in
            switch event {
            case .article(let a): articles.append(a)
            case .skipped(let path, let line, let reason):
                skipped.append("\((path as NSString).lastPathComponent):\(line ?? 0): \(reason)")
            case .warning(let path, let line, let message):
                skipped.append("warning \((path as NSString).lastPathComponent):\(line ?? 0): \(message)")
            case .unsupported(let path):
                skipped.append("not read \((path as NSString).lastPathComponent)")
            }
        }
        #expect(articles.map(\.id) == ["one", "j1", "7", "d", "sub/b"])
        #expect(articles[2].date == "2025-05-01" && articles[2].translationOf == "en-7")
        #expect(articles[3].date == nil)
        articles.remove(at: 3)
        #expect(articles[0].title == "하나" && articles[0].date == "2025-05-01" && articles[0].lang == "ko")
        #expect(articles[0].body == "경찰이 왔다.\n")          // CRLF folded
        #expect(articles[2].lang == "ko")
        #expect(articles[3].title == "Heading title" && articles[3].lang == "en")
        #expect(skipped == ["c.jsonl:2: not a JSON object", "c.jsonl:5: no \"body\", \"text\" or \"content\" field",
                            "warning c.jsonl:6: date \"someday\" not understood (use 2025-05-01, 2025.5.1, 2025년 5월 1일, 5/1/2025 or 1.5.2025); indexed without a date",
                            "not read notes.pdf"])
        #expect(throws: IngestError.self) { try CorpusReader().read(paths: [folder.path + "/missing"]) { _ in } }
    }

    @Test(arguments: [("2025-05-01", "2025-05-01"), ("2025.5.1", "2025-05-01"), ("2025. 5. 1.", "2025-05-01"),
                      ("2025/05/01", "2025-05-01"), ("2025년 5월 1일", "2025-05-01"), ("2025-05-01T09:30:00Z", "2025-05-01"),
                      ("2025-05", "2025-05"), ("2025", "2025"), ("２０２５년 ５월 １일", "2025-05-01")])
    func datesInTheFormsNewsUses(raw: String, iso: String) {
        #expect(DateNormalizer.iso(raw) == iso)
    }

    @Test(arguments: ["someday", "2025-13-01", "2025-02-30", "1 May 2025", "", "12345"])
    func notDates(raw: String) {
        #expect(DateNormalizer.iso(raw) == nil)
    }

    @Test func captionsCreditsAndFootersAreTheirOwnPassages() {
        let body = """
            첫 문단은 본문이다. 경찰이 순찰을 돌았다.

            - 첫째 항목
            - 둘째 항목

            사진: 회령시 강둑을 걷는 주민들

            ⓒ 소식 샘플

            ## 소제목

            둘째 본문 문단이다.

            Read in Korean: ko-x
            """
        let passages = PassageSplitter(minLength: 300, maxLength: 1500).split(body)
        #expect(passages.map(\.kind) == [.body, .caption, .credit, .body, .footer])
        #expect(passages[0].text.hasSuffix("- 둘째 항목"))            // bullets stay with their paragraph
        #expect(passages[1].text == "사진: 회령시 강둑을 걷는 주민들")
        #expect(passages[3].text.hasPrefix("## 소제목\n\n둘째 본문"))   // a subheading joins its paragraph
        #expect(PassageKind.of("Photo: a checkpoint") == .caption && PassageKind.of("© sosik") == .credit)
        #expect(PassageKind.of("More from sosik sample: …") == .footer && PassageKind.of("Police came.") == .body)
    }

    @Test func foreignFilesAreRefusedAndLeftAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-foreign-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let garbage = folder.appendingPathComponent("garbage.db")
        try Data("this is not a database at all".utf8).write(to: garbage)
        #expect(throws: IndexError.self) { _ = try IndexDatabase(path: garbage.path) }
        #expect(try Data(contentsOf: garbage) == Data("this is not a database at all".utf8))
        #expect(throws: IndexError.noIndex(path: folder.path + "/none.db")) {
            _ = try IndexDatabase(path: folder.path + "/none.db", create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.db"))
    }
}
