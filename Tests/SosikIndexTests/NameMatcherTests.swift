import Testing
import SosikText
@testable import SosikIndex

/// Names matched by romanization, on their own (issue 25): an index stands in as the set of
/// phrases it holds, so each rule is seen without building one.
@Suite struct NameMatcherTests {
    /// A matcher over an "index" holding these Hangul words and English words (as index terms).
    func matcher(hangul: [String] = [], english: [String] = []) -> NameMatcher {
        let phrases = Set(hangul.map { NameMatcher.bigrams($0) } + english.map { [$0] })
        return NameMatcher { phrases.contains($0) }
    }

    @Test func runsOfCapitalizedWordsStandForEachWord() {
        let runs = NameMatcher.runs(in: "Kim Jong Un visited Hoeryong, Chongjin")
        #expect(runs["Jong"] == "Kim Jong Un" && runs["Un"] == "Kim Jong Un")
        #expect(runs["visited"] == nil)
        #expect(runs["Hoeryong"] == nil && runs["Chongjin"] == nil)   // the comma ends a run; alone, no run
    }

    @Test func bareWordsAndBigrams() {
        #expect(NameMatcher.bare("(Hoeryong),") == "Hoeryong")
        #expect(NameMatcher.bigrams("신의주") == ["신의", "의주"] && NameMatcher.bigrams("북") == ["북"])
        #expect(NameMatcher.hangulStem(["회령", "령시"]) == "회령시")
        #expect(NameMatcher.hangulStem(["회령", "경찰"]) == nil)   // not consecutive
    }

    @Test func aCapitalizedNameFindsTheHangulWordTheIndexHolds() {
        let m = matcher(hangul: ["회령", "혜산"])
        let found = m.translations(ofName: "Hoeryong")
        #expect(found.map(\.label) == ["회령"], "\(found.map(\.label))")
        #expect(found.allSatisfy { $0.source == "romanization" })
        // A word the index does not hold is not offered, however it romanizes.
        #expect(matcher(hangul: ["혜산"]).translations(ofName: "Hoeryong").isEmpty)
    }

    @Test func aShortNameIsNotMatched() {
        // Fewer than minimumKey letters of key: Hana is no 하나, however common 하나 is.
        let m = matcher(hangul: ["하나"])
        #expect(m.translations(ofName: "Hana").isEmpty)
    }

    @Test func aKoreanWordFindsItsEnglishSpellingInTheIndex() {
        let analyzer = Analyzer()
        let m = matcher(english: ["hoeryong"])
        let term = analyzer.queryTerms(in: "회령시")[0]
        let found = m.completed([], for: term, analyzer: analyzer)
        #expect(found.map(\.label).contains { $0.lowercased() == "hoeryong" }, "\(found.map(\.label))")
        // Found translations are kept as they are.
        let given = [Translator.Translation(terms: ["x"], weight: 1, source: "glossary", label: "x")]
        #expect(m.completed(given, for: term, analyzer: analyzer).map(\.label) == ["x"])
    }
}
