import Testing
@testable import SosikText

/// Asserts the token list of `text`: (folded text, original substring, position) per token.
/// The original substring is checked through the byte range, which proves offsets are exact.
private func assertTokens(_ text: String, _ expected: [(String, String, Int)],
                          sourceLocation: SourceLocation = #_sourceLocation) {
    let tokens = Analyzer().tokens(in: text)
    let bytes = Array(text.utf8)
    let actual = tokens.map { t -> (String, String, Int) in
        (t.text, String(decoding: bytes[t.start..<t.end], as: UTF8.self), t.position)
    }
    #expect(actual.map(\.0) == expected.map(\.0), sourceLocation: sourceLocation)
    #expect(actual.map(\.1) == expected.map(\.1), sourceLocation: sourceLocation)
    #expect(actual.map(\.2) == expected.map(\.2), sourceLocation: sourceLocation)
}

private func terms(_ text: String) -> [String] { Analyzer().tokens(in: text).map(\.text) }

@Suite struct AnalyzerTests {
    @Test func koreanWordsBecomeBigramsWithOriginalOffsets() {
        assertTokens("경찰이 회령에서", [("경찰", "경찰", 0), ("찰이", "찰이", 1),
                                       ("회령", "회령", 2), ("령에", "령에", 3), ("에서", "에서", 4)])
    }

    @Test func oneSyllableStemIsStoredAtTheSamePosition() {
        let tokens = Analyzer().tokens(in: "북은 군이")
        #expect(tokens.map(\.text) == ["북은", "북", "군이", "군"])
        #expect(tokens.map(\.position) == [0, 0, 1, 1])
        #expect(tokens.map(\.colocated) == [false, true, false, true])
        #expect(tokens[1].start == 0 && tokens[1].end == 3)
        #expect(terms("북") == ["북"])
    }

    @Test func scriptChangesSplitWords() {
        assertTokens("LG전자 2025년 3명", [("lg", "LG", 0), ("전자", "전자", 1), ("2025", "2025", 2),
                                           ("년", "년", 3), ("2025년", "2025년", 3),
                                           ("3", "3", 4), ("명", "명", 5), ("3명", "3명", 5)])
    }

    @Test func englishIsCaseFoldedAndStemmed() {
        #expect(terms("Patrol patrols PATROLLING patrolled") == ["patrol", "patrol", "patrol", "patrol"])
        #expect(terms("Kim's U.N. don’t") == ["kim", "un", "dont"])
        // A contraction is also stored by its part before the apostrophe (colocated), unless
        // that part is a word of its own that the contraction does not mean (don, won, can).
        #expect(terms("doesn’t they're won't") == ["doesnt", "doesn", "theyr", "thei", "wont"])   // thei: Porter's stem of they
        #expect(terms("3.5 1,000 COVID-19") == ["3.5", "1,000", "covid", "19", "covid19"])
    }

    @Test func fullWidthLettersFoldToASCII() {
        assertTokens("ＰＯＬＩＣＥ ｐａｔｒｏｌｓ", [("polic", "ＰＯＬＩＣＥ", 0), ("patrol", "ｐａｔｒｏｌｓ", 1)])
        #expect(terms("２０２５년") == ["2025", "년", "2025년"])
    }

    @Test func decomposedHangulIsComposedAndOffsetsCoverAllJamo() {
        let nfd = "경찰이".decomposedStringWithCompatibilityMappingIfAvailable
        #expect(nfd.unicodeScalars.count == 8)   // ㄱ ㅕ ㅇ ㅊ ㅏ ㄹ ㅇ ㅣ as conjoining jamo
        let tokens = Analyzer().tokens(in: nfd)
        #expect(tokens.map(\.text) == ["경찰", "찰이"])
        #expect(tokens[0].start == 0 && tokens[0].end == 18)   // 6 jamo × 3 bytes
        #expect(tokens[1].start == 9 && tokens[1].end == 24)
    }

    @Test func zeroWidthCharactersAndBOMDoNotSplitWords() {
        let text = "\u{FEFF}경\u{200B}찰이 pa\u{200D}trols"
        let tokens = Analyzer().tokens(in: text)
        #expect(tokens.map(\.text) == ["경찰", "찰이", "patrol"])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[tokens[0].start..<tokens[0].end], as: UTF8.self) == "경\u{200B}찰")
    }

    @Test func compatibilityIdeographFoldsToUnified() {
        #expect(terms("\u{F981}") == ["\u{5973}"])
    }

    @Test func invalidUTF8NeverProducesOffsetsOffBoundaries() {
        let bytes: [UInt8] = [0xEA, 0xB2, 0xBD, 0xFF, 0xEC, 0xB0, 0xB0, 0xC3, 0x28, 0x61, 0x62, 0x63]
        var seen: [(Int, Int)] = []
        bytes.withUnsafeBufferPointer { p in
            Analyzer().analyze(p) { _, s, e, _ in seen.append((s, e)); return true }
        }
        #expect(seen.map(\.0) == [0, 4, 9] && seen.map(\.1) == [3, 7, 12])
    }

    @Test func thaiUsesICUWordBreak() {
        #expect(terms("ภาษาไทย").count >= 2)
    }

    @Test func queryWordsAreMatchedByTheirStem() {
        let a = Analyzer()
        #expect(a.queryTerms(in: "순찰을")[0].alternatives == [["순찰"]])
        #expect(a.queryTerms(in: "순찰을")[0].extras == ["찰을"])
        #expect(a.queryTerms(in: "경찰")[0].alternatives == [["경찰"]])
        #expect(a.queryTerms(in: "경찰관이")[0].alternatives == [["경찰", "찰관"]])
        #expect(a.queryTerms(in: "북은")[0].alternatives == [["북"], ["북은"]])
        #expect(a.queryTerms(in: "북")[0].alternatives == [["북"]])
        #expect(a.queryTerms(in: "LG전자").map(\.alternatives) == [[["lg"]], [["전자"]]])
        #expect(a.queryTerms(in: "K-pop \"(AND) NEAR *").map(\.surface) == ["K-pop", "AND", "NEAR"])
        #expect(a.queryTerms(in: "K-pop")[0].alternatives == [["k", "pop"], ["kpop"]])
    }

    @Test func questionWordsAreTheInterrogativesWithTheirParticles() {
        for w in ["왜", "무엇", "무엇인가", "무엇을", "누가", "누구의", "어디서", "어디에서", "언제부터", "얼마나", "어떻게",
                  "What", "why", "How", "whom"] {
            #expect(QuestionWords.contains(w), "\(w)")
        }
        // False friends: words that start like a question word but are words of their own.
        for w in ["왜곡", "왜구", "누각", "어디쯤", "무엇무엇", "언제쯤이면", "whatever", "however", "Whitman", "wha", "WHO"] {
            #expect(!QuestionWords.contains(w), "\(w)")
        }
    }
}

extension String {
    /// NFD without Foundation: decompose precomposed Hangul syllables into conjoining jamo.
    var decomposedStringWithCompatibilityMappingIfAvailable: String {
        var scalars = String.UnicodeScalarView()
        for s in unicodeScalars {
            let v = s.value
            if (0xAC00...0xD7A3).contains(v) {
                let i = v - 0xAC00
                scalars.append(Unicode.Scalar(0x1100 + i / 588)!)
                scalars.append(Unicode.Scalar(0x1161 + (i % 588) / 28)!)
                if i % 28 != 0 { scalars.append(Unicode.Scalar(0x11A7 + i % 28)!) }
            } else { scalars.append(s) }
        }
        return String(scalars)
    }
}

@Suite struct CounterTests {
    @Test func numberWithCounterIsAlsoOneTerm() {
        let tokens = Analyzer().tokens(in: "2025년에 3명이")
        #expect(tokens.map(\.text) == ["2025", "년에", "년", "2025년", "3", "명이", "명", "3명"])
        let bytes = Array("2025년에 3명이".utf8)
        let combined = tokens.first { $0.text == "2025년" }!
        #expect(String(decoding: bytes[combined.start..<combined.end], as: UTF8.self) == "2025년")
        #expect(combined.colocated && combined.position == 1)
    }

    @Test func numberAndCounterApartAreNotCombined() {
        #expect(!Analyzer().tokens(in: "2025 년").map(\.text).contains("2025년"))
        #expect(!Analyzer().tokens(in: "LG전자").map(\.text).contains("lg전"))
    }

    @Test func queryNumberWithCounterMatchesEitherForm() {
        let terms = Analyzer().queryTerms(in: "2일에")
        #expect(terms.map(\.surface) == ["2일에"])
        #expect(terms[0].alternatives == [["2일", "일"], ["2", "일"]])
        #expect(terms[0].extras.isEmpty)
    }
}

@Suite struct HanjaAndHyphenTests {
    @Test func hanjaAbbreviationsAreStoredAsTheirReadingAndWord() {
        let tokens = Analyzer().tokens(in: "北 美中")
        #expect(tokens.map(\.text) == ["북", "북한", "미", "미국", "중", "중국"])
        #expect(tokens.map(\.position) == [0, 0, 1, 1, 2, 2])
        #expect(tokens.map(\.start) == [0, 0, 4, 4, 7, 7])
    }

    @Test func longerHanRunsAreNamesNotAbbreviations() {
        #expect(Analyzer().tokens(in: "李大浩").map(\.text) == ["李大", "大浩"])
        #expect(Analyzer().tokens(in: "이대호(李大浩)").map(\.text) == ["이대", "대호", "李大", "大浩"])
    }

    @Test func hyphenatedWordsAreStoredWholeToo() {
        let tokens = Analyzer().tokens(in: "anti-socialist K-pop")
        #expect(tokens.map(\.text) == ["anti", "socialist", "antisocialist", "k", "pop", "kpop"])
        #expect(tokens[2].colocated && tokens[2].start == 0 && tokens[2].end == 14)
        #expect(Analyzer().tokens(in: "K - pop").map(\.text) == ["k", "pop"])
    }
}

/// Issue 22: words joined by a middle dot or hyphen, and query words whose last syllable reads
/// as a particle.
@Suite struct JoinedWordTests {
    @Test func wordsJoinedByAMiddleDotOrHyphenAreAlsoOneWord() {
        for text in ["북·미", "북ㆍ미", "북-미", "북・미", "북･미"] {
            let tokens = Analyzer().tokens(in: text)
            let across = tokens.first { $0.text == "북미" }
            #expect(across?.colocated == true, "\(text): \(tokens.map(\.text))")
            // Its offsets cover both syllables and the mark.
            if let across { #expect(String(decoding: Array(text.utf8)[across.start..<across.end], as: UTF8.self) == text) }
            let q = Analyzer().queryTerms(in: text)
            #expect(q.count == 1 && q[0].alternatives == [["북미"]] && q[0].surface == text, "\(text): \(q)")
        }
        let tokens = Analyzer().tokens(in: "남·북·미 정상")
        #expect(tokens.filter { ["남북", "북미"].contains($0.text) }.count == 2)
        #expect(Analyzer().queryTerms(in: "한·미·일")[0].alternatives == [["한미", "미일"]])
        // With spaces around the mark: two words; and ㆍ and ・ are marks, not letters.
        #expect(!Analyzer().tokens(in: "북 · 미").map(\.text).contains("북미"))
        #expect(Analyzer().queryTerms(in: "북 · 미").count == 2)
        #expect(Analyzer().tokens(in: "남ㆍ").map(\.text) == ["남"])
    }

    @Test func aWordWithAParticleLikeEndingKeepsItsWholeFormAsAPhrase() {
        let t = Analyzer().queryTerms(in: "김정은")[0]
        #expect(t.alternatives == [["김정"]] && t.extras == ["정은"] && t.exact == "김정 정은")
        #expect(Analyzer().queryTerms(in: "대통령이")[0].exact == "대통 통령 령이")
        #expect(Analyzer().queryTerms(in: "순찰")[0].exact == nil)
        #expect(Analyzer().queryTerms(in: "북은")[0].exact == nil)   // a one-syllable stem: 북 | 북은, as before
    }
}
