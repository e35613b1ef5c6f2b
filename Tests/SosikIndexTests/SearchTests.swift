import Foundation
import Testing
@testable import SosikIndex

/// NFD without relying on Foundation's normalization: precomposed syllables → conjoining jamo.
func decomposeHangul(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        let v = u.value
        guard (0xAC00...0xD7A3).contains(v) else { out.append(u); continue }
        let i = v - 0xAC00
        out.append(Unicode.Scalar(0x1100 + i / 588)!)
        out.append(Unicode.Scalar(0x1161 + (i % 588) / 28)!)
        if i % 28 != 0 { out.append(Unicode.Scalar(0x11A7 + i % 28)!) }
    }
    return String(out)
}

@Suite struct SearchTests {
    let articles = [
        Article(id: "ko-police", title: "국경 소식", body: "회령에서 경찰이 야간에 주민을 검문했다.", lang: "ko"),
        Article(id: "ko-patrol", title: "야간 순찰", body: "두만강 일대 순찰 인원이 두 배로 늘었다.", lang: "ko"),
        Article(id: "ko-lg", title: "단속", body: "단속반은 LG전자 텔레비전을 압수했다.", lang: "ko"),
        Article(id: "ko-north", title: "분석", body: "북은 이번 조치에 대해 침묵했다.", lang: "ko"),
        Article(id: "en-patrol", title: "Border report", body: "Patrol numbers doubled along the river.", lang: "en"),
        Article(id: "en-fullwidth", title: "Notice", body: "Ｔｈｅ ＰＯＬＩＣＥ ｃａｍｅ at night.", lang: "en"),
        Article(id: "en-kpop", title: "Markets", body: "Traders sold K-pop USB sticks in the market.", lang: "en"),
    ]

    @Test func twoSyllableKoreanQueryFindsWordWithParticle() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("경찰") == ["ko-police"])
    }

    @Test func queryParticlesNeverBlockAMatch() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("순찰을") == ["ko-patrol"])
        #expect(try index.ids("순찰이") == ["ko-patrol"])
        #expect(try index.ids("경찰은 회령에서") == ["ko-police"])
    }

    @Test func oneSyllableNounIsFindable() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("북") == ["ko-north"])
    }

    @Test func englishStemsMatchAcrossForms() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("patrols") == ["en-patrol"])
        #expect(try index.ids("PATROLLING") == ["en-patrol"])
    }

    @Test func hangulAfterLatinIsItsOwnWord() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("전자") == ["ko-lg"])
        #expect(try index.ids("lg") == ["ko-lg"])
    }

    @Test func fullWidthDocumentFoundByASCIIQueryAndBack() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("police") == ["en-fullwidth"])
        #expect(try index.ids("ｐｏｌｉｃｅ") == ["en-fullwidth"])
    }

    @Test func nfdAndNfcFindEachOther() throws {
        let nfdBody = decomposeHangul("평양에서 경찰이 순찰을 돌았다.")
        #expect(nfdBody.unicodeScalars.count > 30)
        let index = try TestIndex([
            Article(id: "nfd", title: "", body: nfdBody, lang: "ko"),
            Article(id: "nfc", title: "", body: "신의주 세관이 문을 닫았다.", lang: "ko"),
        ])
        #expect(try index.ids("평양") == ["nfd"])
        #expect(try index.ids(decomposeHangul("세관")) == ["nfc"])
        let hit = try #require(try index.search("평양").first)
        #expect(hit.snippet.matches == [decomposeHangul("평양")])
    }

    @Test func snippetsHighlightExactlyTheMatchedCharacters() throws {
        let index = try TestIndex(articles)
        let ko = try #require(try index.search("경찰 회령").first)
        #expect(ko.snippet.matches == ["회령", "경찰"])
        let en = try #require(try index.search("patrols river").first)
        #expect(en.snippet.matches == ["Patrol", "river"])
        let full = try #require(try index.search("police").first)
        #expect(full.snippet.matches == ["ＰＯＬＩＣＥ"])
        // Overlapping bigrams of one word are marked as one stretch.
        let long = try TestIndex([Article(id: "x", body: "경찰관들이 순찰했다.", lang: "ko")])
        #expect(try #require(try long.search("경찰관").first).snippet.matches == ["경찰관"])
        // Title matches are highlighted too.
        #expect(try #require(try index.search("순찰").first).title.matches == ["순찰"])
    }

    @Test(arguments: ["K-pop", "\"", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(a b)", "*", "a*", "^x",
                      "title:x", "\"unbalanced", "-", "''", "a AND", "(((", "::", "{}", "\u{0}", "경찰\"", "\u{200B}"])
    func hostileQueriesNeverReachSQLite(query: String) throws {
        let index = try TestIndex(articles)
        for mode in [MatchMode.all, .any] {
            do {
                _ = try index.search(query, mode)
            } catch let error as IndexError {
                switch error {
                case .emptyQuery, .badQuery: continue   // a clear message, never SQLite's
                default: Issue.record("unexpected error for \(query): \(error)")
                }
            }
        }
    }

    @Test func hyphenatedWordsMatchByParts() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("K-pop") == ["en-kpop"])
    }

    @Test func anyModeRanksPassagesMatchingSomeWords() throws {
        let index = try TestIndex(articles)
        #expect(try index.ids("경찰 순찰").isEmpty)
        #expect(Set(try index.ids("경찰 순찰", .any)) == ["ko-police", "ko-patrol"])
    }

    @Test func anyModePrefersPassagesMatchingMoreOfTheWords() throws {
        // 장마당 is common (little BM25 weight), 밀수 rare: 밀수 three times in "twice" outscores
        // 밀수 + 장마당 in "both" on BM25 alone. Word coverage reverses that.
        let index = try TestIndex([
            Article(id: "twice", body: "밀수 조직이 밀수 물품을 밀수 했다.", lang: "ko"),
            Article(id: "both", body: "밀수 조직이 장마당 물품을 넘겼다.", lang: "ko"),
            Article(id: "f1", body: "장마당 가격이 올랐다.", lang: "ko"),
            Article(id: "f2", body: "장마당 상인이 늘었다.", lang: "ko"),
            Article(id: "f3", body: "장마당 단속이 심하다.", lang: "ko"),
            Article(id: "g1", body: "국경 경비가 강화됐다.", lang: "ko"),
            Article(id: "g2", body: "주민 이동이 막혔다.", lang: "ko"),
            Article(id: "g3", body: "전기 공급이 줄었다.", lang: "ko"),
            Article(id: "g4", body: "학교 수업이 멈췄다.", lang: "ko"),
        ])
        #expect(try index.ids("밀수 장마당", .any).prefix(2) == ["both", "twice"])
    }

    @Test func anyModeExtrasAddToTheScoreButNeverMatchAlone() throws {
        // 김정은 is matched by its stem 김정; the bigram across stem and particle, 정은, is an
        // extra: it ranks 김정은 above 김정일 but does not find 결정은. Likewise 에서 of
        // 서울시에서는 does not find 부산에서는.
        let index = try TestIndex([
            Article(id: "decision", body: "최종 결정은 내일 나온다.", lang: "ko"),
            Article(id: "father", body: "김정일 위원장이 현지 지도를 했다.", lang: "ko"),
            Article(id: "son", body: "김정은 위원장이 현지 지도를 했다.", lang: "ko"),
            Article(id: "busan", body: "부산에서는 축제가 열렸다.", lang: "ko"),
            Article(id: "seoul", body: "서울시가 단속을 늘렸다.", lang: "ko"),
        ])
        #expect(try index.ids("김정은", .any) == ["son", "father"])
        #expect(try index.ids("서울시에서는", .any) == ["seoul"])
        #expect(Set(try index.ids("서울시에서는 김정은", .any)) == ["seoul", "son", "father"])
    }

    @Test func questionWordsBesideOtherWordsAreNotSearched() throws {
        // 무엇인가 is rare in news, so to BM25 a strong word: the hip-hop article that asks it in
        // its title outranked the World Cup one the question is about (issue 23).
        let index = try TestIndex([
            Article(id: "hiphop", title: "힙합이란 무엇인가?", body: "힙합 3인조가 긍정적인 메시지를 담았다.", lang: "ko"),
            Article(id: "cup", title: "월드컵 유치 후보 확정", body: "벨기에와 네덜란드가 공동 개최 후보들이다.", lang: "ko"),
            Article(id: "distortion", title: "역사 왜곡 논란", body: "교과서 왜곡 보도가 나왔다.", lang: "ko"),
            Article(id: "en", title: "Why the border closed", body: "Guards closed the border crossing.", lang: "en"),
        ])
        #expect(try index.ids("후보들의 벨기에는 무엇인가?", .any) == ["cup"])
        #expect(try index.ids("벨기에 무엇인가") == ["cup"])                   // not required either
        #expect(try index.ids("무엇인가") == ["hiphop"])                        // alone it is searched
        #expect(try index.ids("\"무엇인가\" 힙합") == ["hiphop"])             // and quoted
        #expect(try index.ids("왜 왜곡") == ["distortion"])                     // 왜곡 is no question word
        #expect(try index.ids("why guards closed the crossing", .any) == ["en"])
        #expect(try index.ids("why guards") == ["en"])
        let compiled = try QueryBuilder.compile("왜 왜곡 보도 -what", mode: .all)
        #expect(compiled.questionWords == ["왜"])
        // Beside nothing searchable (punctuation), a question word is searched.
        #expect(try QueryBuilder.compile("왜 …", mode: .all).questionWords.isEmpty)
        #expect(try QueryBuilder.compile("why ?", mode: .any).questionWords.isEmpty)
    }

    @Test func longWordsDoNotDrownTheRestOfAnAnyQuery() throws {
        let expression = try QueryBuilder.expression(for: "조선민주주의인민공화국 내각 개편", mode: .any).expression
        #expect(expression.components(separatedBy: " OR ").count == 6 + 2)   // 10 bigrams → 6 kept
        #expect(try QueryBuilder.expression(for: "state-of-the-art", mode: .any).expression.contains("\"of\""))
    }

    @Test func titleWeighsMoreThanBody() throws {
        let index = try TestIndex([
            Article(id: "body", title: "시장 소식", body: "장마당 단속 이야기. 순찰 이야기도 나왔다. 그 밖의 소식.", lang: "ko"),
            Article(id: "title", title: "순찰 강화", body: "장마당 단속 이야기. 그 밖의 소식이 많았다. 순찰 이야기도.", lang: "ko"),
        ])
        #expect(try index.ids("순찰") == ["title", "body"])
    }

    @Test func languageFilter() throws {
        let index = try TestIndex(articles)
        #expect(try index.search("patrol", lang: "ko").isEmpty)
        #expect(try index.search("patrol", lang: "en").map(\.docID) == ["en-patrol"])
    }

    @Test func reindexingAnIdReplacesTheDocument() throws {
        let index = try TestIndex(articles)
        try index.add([Article(id: "ko-police", title: "국경 소식", body: "이번에는 세관 이야기만 있다.", lang: "ko")])
        #expect(try index.ids("경찰").isEmpty)
        #expect(try index.ids("세관") == ["ko-police"])
        #expect(try index.count("SELECT count(*) FROM documents") == articles.count)
        #expect(try index.count("SELECT count(*) FROM passages") == articles.count)
        // The FTS5 index agrees with its content (external-content delete done right).
        try index.database.pool.write { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func passageIdsAndFieldsComeBack() throws {
        let index = try TestIndex([Article(id: "doc-1", title: "제목", body: "경찰이 왔다.", lang: "ko",
                                           date: "2025-05-01", source: "샘플", url: "https://example.org/1", path: "a/b.md")])
        let hit = try #require(try index.search("경찰").first)
        #expect(hit.id == "doc-1#0")
        #expect(hit.date == "2025-05-01" && hit.source == "샘플" && hit.path == "a/b.md" && hit.lang == "ko")
        #expect(hit.text == "경찰이 왔다." && hit.score > 0)
    }
}
