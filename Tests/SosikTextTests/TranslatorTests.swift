import Testing
@testable import SosikText

@Suite struct TranslatorTests {
    @Test(arguments: [("로동", ["노동"]), ("노동", ["로동"]), ("리용", ["이용"]), ("이용", ["리용", "니용"]), ("녀성", ["여성"]),
                      ("여성", ["려성", "녀성"]), ("력사", ["역사"]), ("련합", ["연합"]), ("경찰", []), ("police", [])])
    func northKoreanSpellingGivesTheOtherInitialSound(word: String, expected: [String]) {
        #expect(NorthKoreanSpelling.variants(of: word) == expected)
    }

    @Test func aUserGlossaryTranslatesBothWaysThroughTheAnalyzer() {
        let t = Translator(userGlossary: "# test\n소식샘플단 = sosiksampleband; sample watch unit\n")
        let a = Analyzer()
        // Particles and case do not matter: the glossary is matched on index terms.
        let fromKorean = t.translations(of: a.queryTerms(in: "소식샘플단이")[0])
        #expect(fromKorean.contains { $0.label == "sosiksampleband" && $0.terms == ["sosiksampleband"] && $0.source == "your glossary" })
        #expect(fromKorean.contains { $0.label == "sample watch unit" && $0.terms.count == 3 })
        let fromEnglish = t.translations(of: a.queryTerms(in: "SOSIKSAMPLEBAND")[0])
        #expect(fromEnglish.contains { $0.label == "소식샘플단" && $0.source == "your glossary" })
        #expect(t.translations(of: a.queryTerms(in: "unrelated")[0]).allSatisfy { $0.source != "your glossary" })
    }

    @Test func theShippedGlossaryKnowsTheField() {
        let t = Translator()
        let a = Analyzer()
        #expect(t.translations(of: a.queryTerms(in: "인민반에서")[0]).contains { $0.label == "inminban" })
        #expect(t.translations(of: a.queryTerms(in: "Hoeryong")[0]).contains { $0.label == "회령" })
        #expect(t.translations(of: a.queryTerms(in: "장마당")[0]).contains { $0.label == "jangmadang" })
    }

    @Test func glossaryLinesThatAreNotEntriesAreFound() {
        #expect(Translator.glossaryProblems("# c\n\n인민반 = inminban\nno equals sign\n = empty left\n") == [4, 5])
    }
}
