import Foundation
import Testing

/// The analyst's own words (issue 22), through the built binary: names stay names, 북·미 finds
/// 북미, 핵 finds 북핵 after the articles that have 핵 as a word, "North Korea" finds 북한.
@Suite struct AnalystWordsTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-words-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.removeAtExit(url)
        let articles: [(String, String)] = [
            ("kju", "김정은 국무위원장이 평양에서 회의를 열었다. 김정은의 지시로 국경 순찰이 강화됐다."),
            ("kju-only", "조선중앙통신은 김정은이 현지지도를 했다고 전했다."),
            ("kji", "김정일 국방위원장은 생전에 국경을 시찰했다. 박정은 기자가 전했다."),
            ("kjt", "김정태 회장이 기자들과 만났다."),
            ("kjh", "김정훈 기자가 현장을 취재했다."),
            ("jeju", "제주도에 태풍이 상륙했다. 제주도의 피해가 컸다."),
            ("jeju-city", "제주시 공무원들이 비상근무에 들어갔다."),
            ("bukmi-dot", "북·미 정상회담이 하노이에서 열렸다. 남ㆍ북 관계도 논의됐다."),
            ("bukmi-joined", "북미 협상이 재개됐다. 남북 대화도 다뤄졌다."),
            ("bukmi-hyphen", "북-미 실무협상 대표단이 만났다."),
            ("haek-word", "핵을 포기하라는 요구가 이어졌다. 핵은 협상 대상이 아니라고 했다."),
            ("bukhaek", "북핵 문제와 비핵화 협상이 다뤄졌다."),
            ("haeksim", "이번 회의의 핵심 의제는 경제였다."),
            ("sanctions", "유엔은 북한에 대한 제재를 강화했다. 제재 위반 선박이 적발됐다."),
            ("resolution", "총회는 결의를 채택했다. 결의안은 만장일치였다. 결의는 구속력이 없다."),
            ("mul-copula", "이것은 생명의 물입니다. 깨끗한 물이지만 마실 수 없다."),
            ("mullah", "탈레반의 물라 오마르가 성명을 냈다. 물라 오마르의 행방은 모른다. 물라 오마르는 숨었다."),
            ("mul-inside", "물가 상승과 물류 대란이 겹쳤다."),
            ("bul", "공장에 불이 났다."),
            ("yeoya", "여야 지도부가 국회에서 만났다."),
            ("danyeoya", "학교에 걸어다녀야 했다. 버스를 기다려야 했다."),
            ("bulgwa", "불과 사흘 만에 합의했다. 불과 두 달 전에는 불만이 컸다."),
        ]
        var lines: [String] = []
        for (id, body) in articles {
            let object: [String: Any] = ["id": id, "body": body, "lang": "ko"]
            lines.append(String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url.appendingPathComponent("words.jsonl"))
        _ = try? SosikBinary.run(["index", "--db", url.appendingPathComponent("w.db").path, url.appendingPathComponent("words.jsonl").path])
        return url
    }()

    func ids(_ args: String...) throws -> [String] {
        let r = try SosikBinary.run(["search", "--db", Self.folder.appendingPathComponent("w.db").path, "--no-collapse",
                                     "--format", "tsv", "--fields", "doc_id", "--limit", "20"] + args)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        return Array(r.lines.dropFirst())   // the header

    }

    @Test func aNameEndingLikeAParticleFindsOnlyThatName() throws {
        for query in ["김정은", "\"김정은\"", "김정은이"] {
            let hits = try ids(query)
            #expect(Set(hits) == ["kju", "kju-only"], "\(query): \(hits)")
        }
        #expect(try ids("김정일") == ["kji"])
        let jeju = try ids("제주도")
        #expect(jeju == ["jeju"], "\(jeju)")   // not 제주시
    }

    @Test func aWordWithAParticleStillFindsItsOtherForms() throws {
        // 순찰을 is 순찰 with a particle (순찰을 never takes one of its own): found as 순찰이.
        #expect(try ids("순찰을") == ["kju"])
        #expect(Set(try ids("국경을")) == ["kju", "kji"])
    }

    @Test func compoundsWithAMiddleDotOrHyphenAreTheJoinedWord() throws {
        for query in ["북미", "북·미", "북ㆍ미", "북-미", "북・미"] {
            #expect(Set(try ids(query)) == ["bukmi-dot", "bukmi-joined", "bukmi-hyphen"], "\(query)")
        }
        #expect(Set(try ids("남북")) == ["bukmi-dot", "bukmi-joined"])
        #expect(try ids("\"북·미 정상회담\"") == ["bukmi-dot"])   // a phrase across the mark
    }

    @Test func aOneSyllableNounFindsItselfFirstThenInsideLongerWords() throws {
        let hits = try ids("핵")
        #expect(hits.first == "haek-word", "\(hits)")
        #expect(Set(hits) == ["haek-word", "bukhaek", "haeksim"])
        #expect(hits.last == "haeksim" || hits.last == "bukhaek")   // whole word first
        // Beside another word, only as a word of its own; 핵* asks for longer words too.
        #expect(try ids("핵", "협상") == ["haek-word"])
        #expect(Set(try ids("핵*", "협상")) == ["haek-word", "bukhaek"])
    }

    @Test func aOneSyllableNounBeforeTheCopulaIsAWordButNotInItsHomographs() throws {
        // 물입니다, 물이지만: 물 with the copula, a word of its own. 물라 (mullah) holds 물 only as
        // its first syllable, like 물가 and 물류: after the articles that have 물 as a word,
        // however often it occurs.
        let hits = try ids("물")
        #expect(hits.first == "mul-copula", "\(hits)")
        #expect(Set(hits) == ["mul-copula", "mullah", "mul-inside"], "\(hits)")
        #expect(try ids("물", "생명") == ["mul-copula"])
        // 불과 "merely" and 불만 "discontent" are words of their own, not 불 "fire" + 과 / 만.
        let fire = try ids("불")
        #expect(fire == ["bul", "bulgwa"], "\(fire)")
        #expect(try ids("불과") == ["bulgwa"])
    }

    @Test func theWordAsTypedBeforeItsOtherSpellings() throws {
        // 녀야 and 려야 are 여야 in North Korean spelling, and also inside 다녀야, 기다려야: an
        // article with the word as typed comes first, however many of those it holds.
        let hits = try ids("여야")
        #expect(hits.first == "yeoya", "\(hits)")
    }

    @Test func translationsAnAnalystTrusts() throws {
        #expect(try ids("--translate", "--lang", "ko", "\"North Korea\"") == ["sanctions"])
        let nuclear = try ids("--translate", "--lang", "ko", "nuclear")
        #expect(nuclear.first == "haek-word" && nuclear.contains("bukhaek"), "\(nuclear)")
        // The strong translation first: 제재 (p 0.69) before 결의 (p 0.13), however often 결의 occurs.
        let sanctions = try ids("--translate", "--lang", "ko", "sanctions")
        #expect(sanctions.first == "sanctions", "\(sanctions)")
        let explain = try SosikBinary.run(["search", "--db", Self.folder.appendingPathComponent("w.db").path, "--translate",
                                           "--explain", "--lang", "ko", "--format", "ids", "sanctions"])
        #expect(explain.stderr.contains("결의 0.130 (lexicon; weak: below 0.2 beside a strong translation"), "\(explain.stderr)")
    }
}
