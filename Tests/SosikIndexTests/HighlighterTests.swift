import Foundation
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

    // MARK: text as a reader sees it (issue 14)

    @Test func markdownMarkersAreDroppedAndItemsKeptApart() {
        let ko = "소식통에 따르면 질문은  주로 다음과 같다.\n\n- 그 주에 산 고기나 쌀의 값\n- 해외 친척이 돈을 보냈는지 여부\n\n## 문 앞에서 이어지는 질문\n\n명단에 오른 가정"
        #expect(ReadableText.oneLine(ko)
            == "소식통에 따르면 질문은 주로 다음과 같다. 그 주에 산 고기나 쌀의 값 · 해외 친척이 돈을 보냈는지 여부 · 문 앞에서 이어지는 질문 · 명단에 오른 가정")
        let en = "Travellers must show the permit at checkpoints such as:\r\n\r\n* the entrance to every border city\r\n* railway stations\r\n\r\n“I paid,” he said."
        #expect(ReadableText.oneLine(en) == "Travellers must show the permit at checkpoints such as: the entrance to every border city · railway stations · “I paid,” he said.")
        #expect(ReadableText.blocks("## Permits ##\n\n1. first\n2. second\n   continued\n\n---\n\nText\nmore text") == [
            .heading("Permits"), .list(["first", "second continued"]), .paragraph(["Text", "more text"]),
        ])
        // Not markers: a hyphen inside a line, one numbered line alone, # without a space, K-pop.
        #expect(ReadableText.oneLine("K-pop - not a list\n2025. 5. 1. 발표\n#hashtag") == "K-pop - not a list 2025. 5. 1. 발표 #hashtag")
    }

    @Test func snippetsOfTheReadableTextMarkTheWordsShown() {
        let text = "## 검열 때만 자리를 지킨다\n\n- 경찰관들이  순찰을 돈다\n- 北 경비대"
        let s = highlighter("경찰관 순찰 검열").snippet(ReadableText.oneLine(text), maxLength: 200)
        #expect(s.text == "검열 때만 자리를 지킨다 · 경찰관들이 순찰을 돈다 · 北 경비대")
        #expect(s.matches == ["검열", "경찰관", "순찰"])
        #expect(s.ranges == [0..<2, 16..<19, 22..<24])   // Unicode scalars of the text shown
        let nfd = "- 전파 탐지".decomposedStringWithCanonicalMapping
        let d = highlighter("탐지").snippet(ReadableText.oneLine(nfd), maxLength: 200)
        #expect(d.matches.map { $0.precomposedStringWithCanonicalMapping } == ["탐지"] && d.ranges == [6..<11])   // 전파 is five jamo, and a space
    }
}
