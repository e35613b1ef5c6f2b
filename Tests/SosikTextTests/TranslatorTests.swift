import Foundation
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

    @Test(arguments: [("Hoeryŏng", "회령"), ("Hoeryong", "회령"), ("Hoeryeong", "회령"), ("Ch'ŏngjin", "청진"), ("Cheongjin", "청진"),
                      ("Chongjin", "청진"), ("Sinuiju", "신의주"), ("Kaesong", "개성"), ("Gaeseong", "개성"), ("Pyongyang", "평양")])
    func romanizationsShareTheKeyOfTheirHangul(latin: String, hangul: String) {
        #expect(Romanization.key(latin: latin) == Romanization.key(hangul: hangul))
    }

    @Test func romanizationKeysTellDifferentNamesApart() {
        #expect(Romanization.key(latin: "Hoeryong") != Romanization.key(hangul: "요령"))
        #expect(Romanization.key(latin: "Hyesan") != Romanization.key(hangul: "혜령"))
        #expect(Romanization.key(latin: "Hoeryong-2") == "")   // not a name
    }

    @Test func hangulSpellingsAreSearchedAndPrunedByTheCallerSaying() {
        // Every bigram accepted: several spellings, 회령 among them.
        #expect(Romanization.hangulSpellings(of: "Hoeryong", limit: 50, accept: { _ in true }).contains("회령"))
        // The caller knows only 회령 (as an index would): only it survives.
        #expect(Romanization.hangulSpellings(of: "Hoeryong", accept: { $0 == "회령" }) == ["회령"])
        // A family name in its English spelling, then the given name: Lee Myung-bak → 이명박.
        let known: Set<String> = ["이명", "명박"]
        #expect(Romanization.hangulSpellings(of: "Lee Myung-bak", accept: { known.contains($0) }) == ["이명박"])
    }

    @Test func latinSpellingsStartWithRevisedRomanization() {
        let forms = Romanization.latinSpellings(of: "회령")
        #expect(forms.first == "hoeryeong")
        #expect(forms.contains("hoeryong") && forms.contains("hoeryŏng"))
        #expect(Romanization.latinSpellings(of: "김정은").contains("kim jongun"))
    }

    @Test(arguments: [("Sturridge", "스터리지"), ("Liverpool", "리버풀"), ("Chelsea", "첼시"), ("London", "런던"), ("Trump", "트럼프"),
                      ("Kavanaugh", "캐버노"), ("Virginia", "버지니아"), ("Rangers", "레인저스"), ("Craig", "크레이그"), ("Smith", "스미스")])
    func foreignNamesShareASkeletonWithTheirHangul(english: String, hangul: String) {
        #expect(Transliteration.skeletons(english: english).contains(Transliteration.skeleton(hangul: hangul)),
                "\(Transliteration.skeletons(english: english)) vs \(Transliteration.skeleton(hangul: hangul))")
    }

    @Test func skeletonsTellDifferentNamesApart() {
        #expect(!Transliteration.skeletons(english: "Sturridge").contains(Transliteration.skeleton(hangul: "첼시")))
        #expect(Transliteration.skeletons(english: "naïve").isEmpty)   // not ASCII letters
    }
}

/// The lexicon and glossary compiled into the binary are the files of the repository, byte for
/// byte (issue 25): one copy in git, embedded by CSosikData's #embed, which a change to either
/// file rebuilds. A stale build, or a second copy that drifted, fails here.
@Suite struct EmbeddedDataTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/SosikText/Resources").standardized

    @Test(arguments: ["lexicon.tsv", "glossary.txt"])
    func theShippedFileIsTheDataFile(name: String) throws {
        let onDisk = try String(contentsOf: Self.resources.appendingPathComponent(name), encoding: .utf8)
        let shipped = name == "lexicon.tsv" ? EmbeddedData.lexicon : EmbeddedData.glossary
        #expect(shipped.utf8.count == onDisk.utf8.count)
        #expect(shipped == onDisk)
        #expect(shipped.utf8.count > 10_000)
    }
}
