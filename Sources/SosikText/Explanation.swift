/// Each stage of the analysis of one word, for `sosik analyze --explain`.
///
/// ```swift
/// Analyzer().explain("경찰이")[0].stages
/// // [("script", "hangul"), ("syllables", "경 찰 이"), ("suffix", "이 → stem 경찰"), ("bigrams", "경찰 찰이")]
/// ```
public struct Explanation: Sendable, Equatable {
    public var surface: String
    public var start: Int
    public var end: Int
    /// (stage, result) in order.
    public var stages: [Stage]
    /// The tokens the index stores for this word.
    public var tokens: [Token]

    public struct Stage: Sendable, Equatable {
        public var name: String
        public var result: String
    }
}

extension Analyzer {
    /// The stages of the analysis, word by word, with the tokens each word yields.
    public func explain(_ text: String) -> [Explanation] {
        let all = tokens(in: text)
        var out: [Explanation] = []
        var text = text
        text.withUTF8 { bytes in
            var scanner = Scanner()
            scanner.scan(bytes) { run in
                let start = run.starts[0], end = run.ends[run.ends.count - 1]
                let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                var stages: [Explanation.Stage] = []
                func stage(_ name: String, _ result: String) { stages.append(.init(name: name, result: result)) }
                func string(_ scalars: some Sequence<UInt32>, separator: String = "") -> String {
                    scalars.map { String(Unicode.Scalar($0).map(Character.init) ?? "?") }.joined(separator: separator)
                }
                switch run.kind {
                case .word:
                    stage("script", "letters/digits")
                    var folded: [UInt8] = []
                    Self.foldWord(run.units[...], into: &folded, finish: false)
                    stage("fold (NFKC casefold)", String(decoding: folded, as: UTF8.self))
                    let stemmable = Self.dropPunctuation(&folded)
                    stage("english ('s, dots)", String(decoding: folded, as: UTF8.self))
                    if stemmable {
                        PorterStemmer.stem(&folded)
                        stage("porter stem", String(decoding: folded, as: UTF8.self))
                    }
                case .hangul:
                    stage("script", "hangul")
                    stage("syllables (NFC)", string(run.units, separator: " "))
                    let suffix = run.units.withUnsafeBufferPointer { KoreanSuffixes.suffixLength($0) }
                    stage("suffix", suffix == 0 ? "none"
                          : "\(string(run.units.suffix(suffix))) → stem \(string(run.units.prefix(run.units.count - suffix)))")
                    stage("bigrams", run.units.count == 1 ? "(one syllable, kept whole)" : "overlapping pairs")
                case .han:
                    stage("script", "han")
                    stage("abbreviations", HanjaAbbreviations.applies(to: run.units)
                          ? run.units.map { c in
                              let e = HanjaAbbreviations.table[c]!
                              return "\(string([c])) → \(string([e.reading]))" + (e.word.isEmpty ? "" : ", \(string(e.word))")
                          }.joined(separator: "; ")
                          : "none (bigrams)")
                case .kana:
                    stage("script", "kana (bigrams)")
                case .complex:
                    stage("script", "complex (ICU dictionary word break)")
                }
                let mine = all.filter { $0.end > start && $0.end <= end }
                out.append(Explanation(surface: surface, start: start, end: end, stages: stages, tokens: mine))
                return true
            }
        }
        return out
    }
}
