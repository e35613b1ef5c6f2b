import Foundation
import Testing
@testable import SosikIngest

/// CSV, TSV and JSON arrays: one article per record, bad records reported with their place.
@Suite struct TabularReaderTests {
    // MARK: CSV and TSV

    static let csv = """
        id,title,body,date,lang,source,url
        c1,"회령 순찰, 강화","경찰이 ""야간 순찰""을 늘렸다.
        주민들이 말했다, 벌금도 올랐다.",2025-05-01,ko,소식일보,https://www.sosik.example/ko/1
        c2,Rice prices climb,"Rice prices rose, traders said.",2025.5.2,en,Sosik Daily,https://www.sosik.example/en/2

        """

    @Test func csvQuotedFieldsHoldCommasDoubledQuotesAndNewlines() throws {
        let events = try Read.events("export.csv", Self.csv)
        #expect(events.allSatisfy { $0.article != nil }, "\(events)")
        let articles = events.compactMap(\.article)
        try #require(articles.count == 2)
        let a = articles[0]
        #expect(a.id == "c1")
        #expect(a.title == "회령 순찰, 강화")
        #expect(a.body == "경찰이 \"야간 순찰\"을 늘렸다.\n주민들이 말했다, 벌금도 올랐다.")
        #expect(a.date == "2025-05-01" && a.lang == "ko" && a.source == "소식일보" && a.url == "https://www.sosik.example/ko/1")
        let b = articles[1]
        #expect(b.id == "c2" && b.title == "Rice prices climb" && b.body == "Rice prices rose, traders said.")
        #expect(b.date == "2025-05-02" && b.lang == "en")
    }

    @Test func csvWithCRLFLineEndsAndAByteOrderMark() throws {
        let text = "\u{FEFF}id,title,body\r\nw1,창문,\"첫 줄\r\n둘째 줄\"\r\nw2,Window,Second record\r\n"
        let articles = try Read.articles("windows.csv", text)
        #expect(articles.map(\.id) == ["w1", "w2"])
        #expect(articles.first?.body == "첫 줄\n둘째 줄")
    }

    @Test func mapNamesTheColumnsThatHoldTheFields() throws {
        let text = """
            doc,headline,article_text,published
            m1,"신의주 세관, 밀수 적발",세관이 휴대전화를 압수했다.,2025-04-20
            m2,Customs seize phones,Customs officers seized phones.,2025-04-21
            """
        let options = CorpusReader.Options(map: ["body": "article_text", "title": "headline", "id": "doc"])
        let articles = try Read.articles("mapped.csv", text, options: options)
        #expect(articles.map(\.id) == ["m1", "m2"])
        #expect(articles.map(\.title) == ["신의주 세관, 밀수 적발", "Customs seize phones"])
        #expect(articles.map(\.body) == ["세관이 휴대전화를 압수했다.", "Customs officers seized phones."])
        #expect(articles.map(\.date) == ["2025-04-20", "2025-04-21"])   // "published" is an alias of date

        // Without --map the file has no body column: skipped, saying how to name it.
        let unmapped = try Read.events("mapped.csv", text)
        #expect(unmapped.compactMap(\.article).isEmpty)
        let s = try #require(unmapped.first?.skipped)
        #expect(s.line == 1 && s.reason.contains("--map body="))

        // A --map naming a column the file does not have.
        let wrong = try Read.events("mapped.csv", text, options: .init(map: ["body": "no_such_column"]))
        #expect(wrong.compactMap(\.article).isEmpty)
        #expect(wrong.first?.skipped?.reason.contains("no_such_column") == true)
    }

    @Test func parseMapReadsCommaSeparatedPairsAndRejectsUnknownFields() throws {
        #expect(try CorpusReader.Options.parseMap(["body=article_text,title=headline", "Date=published"])
                == ["body": "article_text", "title": "headline", "date": "published"])
        #expect(throws: IngestError.self) { try CorpusReader.Options.parseMap(["body"]) }
        #expect(throws: IngestError.self) { try CorpusReader.Options.parseMap(["summary=abstract"]) }
    }

    @Test func tsvIsReadLikeCSVWithTabs() throws {
        let text = "id\ttitle\ttext\tlang\nt1\t혜산 장마당, 쌀값\t쌀값이 다시 올랐다. 옥수수 값도 올랐다.\tko\nt2\tHyesan market\tRice, corn and oil rose again.\ten\n"
        let articles = try Read.articles("prices.tsv", text)
        #expect(articles.map(\.id) == ["t1", "t2"])
        #expect(articles.map(\.title) == ["혜산 장마당, 쌀값", "Hyesan market"])   // commas are not separators in TSV
        #expect(articles.map(\.body) == ["쌀값이 다시 올랐다. 옥수수 값도 올랐다.", "Rice, corn and oil rose again."])
        #expect(articles.map(\.lang) == ["ko", "en"])
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsSkippedWithItsLineAndTheRestAreRead() throws {
        let text = """
            id,title,body
            r1,첫 기사,"여러 줄에 걸친
            본문입니다."
            r2,두 필드뿐
            r3,Third,"Body, with a comma"
            r4,Too,many,fields
            """
        let events = try Read.events("rows.csv", text)
        #expect(events.compactMap(\.article).map(\.id) == ["r1", "r3"])
        let skipped = events.compactMap(\.skipped)
        #expect(skipped.map(\.line) == [4, 6])   // lines of the file, the quoted line break counted
        #expect(skipped.allSatisfy { $0.path == "rows.csv" })
        #expect(skipped.first?.reason == "2 fields where the header has 3")
    }

    @Test func rowsWithoutAnIDAreNamedByFileAndLine() throws {
        let articles = try Read.articles("data/noid.csv", "title,content\n순찰,경찰이 순찰했다.\nPatrol,Police patrolled.\n")
        #expect(articles.map(\.id) == ["noid:2", "noid:3"])
    }

    // MARK: JSON arrays

    @Test func aJSONArrayOfArticleObjects() throws {
        let text = """
            [
              {"id": "j1", "title": "회령 순찰", "body": "경찰이 순찰을 강화했다.", "date": "2025년 5월 1일", "source": "소식일보"},
              {"title": "Hyesan prices", "text": "Rice prices rose.", "lang": "en", "url": "https://www.sosik.example/en/3"},
              {"id": "j3", "content": "세관 단속", "author": "김민지"}
            ]
            """
        let articles = try Read.articles("dump/list.json", text)
        #expect(articles.map(\.id) == ["j1", "list:2", "j3"])
        #expect(articles.map(\.body) == ["경찰이 순찰을 강화했다.", "Rice prices rose.", "세관 단속"])
        #expect(articles[0].date == "2025-05-01" && articles[0].source == "소식일보" && articles[0].lang == "ko")
        #expect(articles[1].lang == "en" && articles[1].url == "https://www.sosik.example/en/3")
        #expect(articles[2].author == "김민지")
    }

    @Test func anObjectHoldingArticlesAndASingleArticleObject() throws {
        let wrapped = #"{"status": "ok", "total": 2, "articles": [{"id": "a1", "title": "순찰", "body": "경찰이 순찰했다."}, {"id": "a2", "body": "Police patrolled."}]}"#
        #expect(try Read.articles("wrapped.json", wrapped).map(\.id) == ["a1", "a2"])
        let single = #"{"id": "s1", "title": "Single", "body": "One article on its own."}"#
        #expect(try Read.articles("single.json", single).map(\.body) == ["One article on its own."])
    }

    /// One --map for a folder of several kinds of file (issue 24): a file or record without
    /// the mapped column is read by the usual names, not skipped.
    @Test func aMapIsUsedWhereItsColumnExistsAndTheUsualNamesElsewhere() throws {
        let options = CorpusReader.Options(map: ["body": "article_text"], dateOrder: .dmy)
        let csv = "id,title,body,date\nc1,세관,세관이 휴대전화를 압수했다.,3/4/2020\n"
        let a = try #require(try Read.articles("plain.csv", csv, options: options).first)
        #expect(a.body == "세관이 휴대전화를 압수했다." && a.date == "2020-04-03")
        let json = #"[{"id": "j1", "body": "국경 경비가 강화됐다."}, {"id": "j2", "article_text": "장마당이 열렸다."}]"#
        #expect(try Read.articles("mixed.json", json, options: options).map(\.body) == ["국경 경비가 강화됐다.", "장마당이 열렸다."])
        let lines = #"{"id": "l1", "text": "순찰이 늘었다.", "date": "26.2.1987"}"#
        let l = try #require(try Read.articles("l.jsonl", lines, options: options).first)
        #expect(l.body == "순찰이 늘었다." && l.date == "1987-02-26")
    }

    @Test func mapAppliesToJSONKeys() throws {
        let text = #"[{"uid": "k1", "headline": "세관 단속", "article_text": "세관이 휴대전화를 압수했다."}]"#
        let a = try #require(try Read.articles("k.json", text, options: .init(map: ["id": "uid", "title": "headline", "body": "article_text"])).first)
        #expect(a.id == "k1" && a.title == "세관 단속" && a.body == "세관이 휴대전화를 압수했다.")
    }

    @Test func badElementsAreSkippedAndTheOthersRead() throws {
        let text = #"[{"id": "ok", "body": "본문"}, 42, {"id": "nobody", "title": "제목만"}]"#
        let events = try Read.events("mixed.json", text)
        #expect(events.compactMap(\.article).map(\.id) == ["ok"])
        let reasons = events.compactMap(\.skipped).map(\.reason)
        #expect(reasons.count == 2)
        #expect(reasons[0].hasPrefix("element 2"))
        #expect(reasons[1].hasPrefix("element 3") && reasons[1].contains("body"))
    }

    @Test func invalidJSONIsSkippedWithTheLineOfTheError() throws {
        // Hangul before the error: the line is counted in UTF-8 bytes, as the parser reports.
        let text = "[\n  {\"id\": \"j1\", \"title\": \"회령 국경 지역에서 경찰이 야간 순찰을 대폭 강화했다\", \"body\": \"경찰이 순찰했다.\"},\n  {\"id\": \"j2\", \"body\": oops}\n]\n"
        // A list is read an element at a time: the good element is kept, the broken one named
        // with the line it starts on.
        let events = try Read.events("broken.json", text)
        #expect(events.compactMap(\.article).map(\.id) == ["j1"])
        let s = try #require(events.compactMap(\.skipped).first)
        #expect(s.path == "broken.json")
        #expect(s.reason == "element 2 is not valid JSON")
        #expect(s.line == 3)

        let cut = try Read.events("cut.json", "[\n{\"id\": \"j1\",\n\"body\": \"본문\"")
        #expect(cut.first?.skipped?.line == 2)   // ends too soon: where the unfinished element starts
        #expect(cut.first?.skipped?.reason.hasPrefix("not valid JSON (the list is not closed") == true)

        // JSON that is not a plain list is read whole, and a syntax error named by its line.
        let object = try Read.events("object.json", "{\"articles\": [\n{\"id\": \"j1\", \"body\": oops}\n]}")
        #expect(object.compactMap(\.article).isEmpty)
        #expect(object.first?.skipped?.reason.hasPrefix("not valid JSON") == true)
        #expect(object.first?.skipped?.line == 2)
    }
}
