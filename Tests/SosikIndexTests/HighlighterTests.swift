import Testing
@testable import SosikIndex
import SosikText

@Suite struct HighlighterTests {
    func highlighter(_ query: String) -> Highlighter {
        Highlighter(query: Analyzer().queryTerms(in: query))
    }

    @Test func overlappingBigramsAreOneStretch() {
        #expect(highlighter("경찰관").highlight("북한 경찰관들이 왔다").matches == ["경찰관"])
        #expect(highlighter("경찰").highlight("경찰이 왔다").matches == ["경찰"])
    }

    @Test func englishMatchesCoverTheOriginalWord() {
        #expect(highlighter("patrols").highlight("Patrol and PATROLLING").matches == ["Patrol", "PATROLLING"])
    }

    @Test func snippetIsCutAroundTheMatchesAndOffsetsFollow() {
        let filler = String(repeating: "가나다라 ", count: 40)
        let text = filler + "국경 경찰이 순찰을 돌았다. " + filler
        let s = highlighter("경찰 순찰").snippet(text, maxLength: 60)
        #expect(s.text.unicodeScalars.count <= 62)
        #expect(s.text.hasPrefix("…") && s.text.hasSuffix("…"))
        #expect(s.matches == ["경찰", "순찰"])
    }

    @Test func shortTextIsWhole() {
        let s = highlighter("police").snippet("The police came.", maxLength: 200)
        #expect(s.text == "The police came." && s.ranges == [4..<10])
    }
}
