import Testing
@testable import SosikIndex

/// One test per analysis feature of issue 3, each through a real index.
@Suite struct KoreanEnglishFeatureTests {
    let index: TestIndex

    init() throws {
        index = try TestIndex([
            Article(id: "samsung", body: "삼성전자가 새 공장을 지었다.", lang: "ko"),
            Article(id: "rights", body: "북한인권 보고서가 나왔다.", lang: "ko"),
            Article(id: "north-hanja", title: "北 미사일 발사", body: "동해상으로 쏘았다.", lang: "ko"),
            Article(id: "north-short", body: "북은 이번 발표에 침묵했다.", lang: "ko"),
            Article(id: "north-word", body: "북한 주민들이 장마당에 모였다.", lang: "ko"),
            Article(id: "us-china", title: "美中 정상회담", body: "두 정상이 만났다.", lang: "ko"),
            Article(id: "gloss", body: "이대호(李大浩) 선수가 홈런을 쳤다.", lang: "ko"),
            Article(id: "counter", body: "2025년에 주민 3명이 체포됐다.", lang: "ko"),
            Article(id: "ending", body: "보위부가 주민을 수사했다.", lang: "ko"),
            Article(id: "kim", body: "Kim's speech was broadcast.", lang: "en"),
            Article(id: "kpop", body: "K-pop videos spread in the market.", lang: "en"),
            Article(id: "anti", body: "Kpop and anti-socialist behaviour were targeted.", lang: "en"),
            Article(id: "un", body: "The U.N. Security Council met.", lang: "en"),
            Article(id: "contraction", body: "The ministry doesn’t comment; they're silent.", lang: "en"),
        ])
    }

    @Test func compoundNounsAreFoundByTheirParts() throws {
        #expect(try index.ids("삼성") == ["samsung"])
        #expect(try index.ids("인권") == ["rights"])
        #expect(try index.ids("북한인권") == ["rights"])
    }

    @Test func oneSyllableNounFindsItselfFirstThenInsideLongerWords() throws {
        // Alone, 북 is also found inside 북한 and 북한인권 (issue 22) — after the articles that
        // have it as a word of its own.
        let hits = try index.ids("북")
        #expect(Set(hits.prefix(2)) == ["north-hanja", "north-short"])
        #expect(Set(hits.dropFirst(2)) == ["rights", "north-word"])
        // Beside another word, only as a word of its own; `북*` asks for longer words too.
        #expect(try index.ids("북 보고서") == [])
        #expect(try index.ids("북* 보고서") == ["rights"])
    }

    @Test func hanjaAbbreviationsAndHangulFindEachOther() throws {
        #expect(try index.ids("北").contains("north-short"))
        #expect(try index.ids("北").contains("north-word"))
        #expect(try index.ids("북한 미사일") == ["north-hanja"])
        #expect(try index.ids("미국") == ["us-china"])
        #expect(try index.ids("中") == ["us-china"])
    }

    @Test func hanjaGlossDoesNotBreakTheWordBefore() throws {
        #expect(try index.ids("이대호") == ["gloss"])
        #expect(try index.ids("이대호가") == ["gloss"])
    }

    @Test func numbersWithCounters() throws {
        #expect(try index.ids("2025년") == ["counter"])
        #expect(try index.ids("3명") == ["counter"])
        #expect(try index.ids("2025") == ["counter"])
    }

    @Test func verbEndingsOnBothSides() throws {
        #expect(try index.ids("수사") == ["ending"])
        #expect(try index.ids("수사하는") == ["ending"])
    }

    @Test func possessivesAcronymsAndHyphens() throws {
        #expect(try index.ids("Kim") == ["kim"])
        #expect(try index.ids("Kim's") == ["kim"])
        #expect(try index.ids("UN") == ["un"])
        #expect(try index.ids("U.N.") == ["un"])
        #expect(Set(try index.ids("K-pop")) == ["kpop", "anti"])    // parts or the word written whole
        #expect(Set(try index.ids("kpop")) == ["kpop", "anti"])
        #expect(try index.ids("socialist") == ["anti"])
        #expect(try index.ids("anti-socialist") == ["anti"])
        #expect(try index.ids("antisocialist") == ["anti"])
    }

    /// A contraction is found written whole, or by the word before its apostrophe (as a query
    /// that split it there would have it), and the highlight covers that word only.
    @Test func contractionsAreFoundByTheirFirstPart() throws {
        #expect(try index.ids("doesn't") == ["contraction"])
        #expect(try index.ids("doesnt") == ["contraction"])
        #expect(try index.ids("doesn") == ["contraction"])
        #expect(try index.ids("they") == ["contraction"])
        let hit = try #require(try index.search("doesn").first)
        #expect(hit.snippet.matches == ["doesn"])
        #expect(try index.ids("does").isEmpty)
    }
}
