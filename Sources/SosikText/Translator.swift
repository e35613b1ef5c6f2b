/// Query words in one language turned into index terms of the other (`sosik search
/// --translate`): a learned bilingual lexicon of sosik's own index terms (Scripts/train-lexicon,
/// shipped in the binary), a curated glossary of North Korean institutions, terms and places
/// (Resources/glossary.txt, extendable with the user's own), and North Korean spelling.
///
/// A translation is an alternative of the query word: `police` matches `police` or `경찰`.
/// Loaded on first use, so searches that do not translate pay nothing.
///
/// ```swift
/// let t = Translator(userGlossary: "")
/// t.translations(of: Analyzer().queryTerms(in: "patrols")[0]).map(\.terms)   // [["순찰"], …]
/// ```
public final class Translator: Sendable {
    /// One translation of a query word: the index terms that must all be present, its weight
    /// (lexicon probability; 1 for the glossary) and where it comes from.
    public struct Translation: Sendable, Equatable {
        public let terms: [String]
        public let weight: Double
        public let source: String
        /// The glossary's words, for explanations (`Ministry of State Security`); else the terms.
        public let label: String

        public init(terms: [String], weight: Double, source: String, label: String) {
            self.terms = terms
            self.weight = weight
            self.source = source
            self.label = label
        }
    }

    /// At most this many lexicon translations per word, each at least this probable.
    public static let maxTranslations = 3
    public static let minProbability = 0.1

    private let lexicon: [String: [(target: String, p: Double)]]   // key: "en-ko\tpolic"
    private let glossary: [[String]: [(terms: [String], label: String, source: String)]]   // analyzed words → other side
    private let analyzer: Analyzer

    /// `userGlossary`: more entries in the glossary's format (`--glossary FILE`).
    public init(userGlossary: String = "", analyzer: Analyzer = Analyzer()) {
        self.analyzer = analyzer
        var lexicon: [String: [(target: String, p: Double)]] = [:]
        for line in EmbeddedResources.lexicon.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 4, let p = Double(f[3]) else { continue }
            lexicon[f[0] + "\t" + f[1], default: []].append((String(f[2]), p))
        }
        for key in lexicon.keys { lexicon[key]!.sort { $0.p > $1.p } }
        self.lexicon = lexicon
        var glossary: [[String]: [(terms: [String], label: String, source: String)]] = [:]
        for (text, source) in [(EmbeddedResources.glossary, "glossary"), (userGlossary, "your glossary")] {
            for entry in Self.parseGlossary(text) {
                let korean = entry.korean.map { (analyzer.queryTerms(in: $0).flatMap { $0.alternatives[0] }, $0) }
                let english = entry.english.map { (analyzer.queryTerms(in: $0).flatMap { $0.alternatives[0] }, $0) }
                for (k, kLabel) in korean where !k.isEmpty {
                    for (e, eLabel) in english where !e.isEmpty {
                        glossary[k, default: []].append((e, eLabel, source))
                        glossary[e, default: []].append((k, kLabel, source))
                    }
                }
            }
        }
        self.glossary = glossary
    }

    /// The glossary's entries: `korean; variant = english; other english`. Lines starting with
    /// `#` and blank lines are skipped; malformed lines are returned by `glossaryProblems`.
    public static func parseGlossary(_ text: String) -> [(korean: [String], english: [String])] {
        var out: [(korean: [String], english: [String])] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let sides = line.split(separator: "=", maxSplits: 1).map { String($0) }
            guard sides.count == 2 else { continue }
            let k = sides[0].split(separator: ";").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            let e = sides[1].split(separator: ";").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            if !k.isEmpty && !e.isEmpty { out.append((k, e)) }
        }
        return out
    }

    /// Line numbers (1-based) of glossary lines that are not `korean = english`.
    public static func glossaryProblems(_ text: String) -> [Int] {
        var bad: [Int] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let sides = line.split(separator: "=", maxSplits: 1)
            if sides.count != 2 || sides[0].trimmingWhitespace().isEmpty || sides[1].trimmingWhitespace().isEmpty { bad.append(i + 1) }
        }
        return bad
    }

    /// The translations of one query word (or phrase: its words' terms in order), best first.
    public func translations(of term: QueryTerm) -> [Translation] {
        translations(ofTerms: term.alternatives[0], surface: term.surface)
    }

    public func translations(ofTerms terms: [String], surface: String) -> [Translation] {
        var out: [Translation] = []
        var seen = Set<[String]>()
        for g in glossary[terms] ?? [] where seen.insert(g.terms).inserted {
            out.append(Translation(terms: g.terms, weight: 1, source: g.source, label: g.label))
        }
        let korean = surface.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
        let direction = korean ? "ko-en" : "en-ko"
        // Each target scored by its mean probability over the word's terms (a Korean word of
        // several bigrams: a translation all of them support).
        var scores: [String: Double] = [:]
        for t in terms {
            for (target, p) in lexicon[direction + "\t" + t] ?? [] { scores[target, default: 0] += p / Double(terms.count) }
        }
        let ranked = scores.filter { $0.value >= Self.minProbability }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (target, p) in ranked.prefix(Self.maxTranslations) where seen.insert([target]).inserted {
            out.append(Translation(terms: [target], weight: (p * 1000).rounded() / 1000, source: "lexicon", label: target))
        }
        return out
    }
}

/// North Korean spelling: the initial-sound rule (두음법칙) that South Korean spelling applies
/// and North Korean does not. 로동/노동, 리용/이용, 녀성/여성, 력사/역사, 련합/연합. Applied to
/// query words only: the index keeps the text as written, and a query in either spelling gets
/// the other as an alternative of its first syllable.
public enum NorthKoreanSpelling {
    /// The other spellings of a Korean word (whole words, no particle handling).
    public static func variants(of word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first, (0xAC00...0xD7A3).contains(first.value), scalars.count >= 2 else { return [] }
        let index = first.value - 0xAC00
        let initial = index / 588, vowel = (index % 588) / 28, final = index % 28
        // Initials: ㄴ 2, ㄹ 5, ㅇ 11. Vowels that make ㄹ → ㅇ (and ㄴ → ㅇ): ㅑ2 ㅕ6 ㅖ7 ㅛ12 ㅠ17 ㅣ20.
        let iotized: Set<UInt32> = [2, 6, 7, 12, 17, 20]
        var initials: [UInt32] = []
        switch initial {
        case 5: initials = iotized.contains(vowel) ? [11] : [2]          // 리→이, 로→노
        case 2: if !iotized.contains(vowel) { initials = [5] } else { initials = [11] }   // 노→로, 녀→여
        case 11 where iotized.contains(vowel): initials = [5, 2]         // 여→려, 녀
        default: return []
        }
        return initials.map { i in
            var out = String.UnicodeScalarView()
            out.append(Unicode.Scalar(0xAC00 + i * 588 + vowel * 28 + final)!)
            out.append(contentsOf: scalars.dropFirst())
            return String(out)
        }
    }
}

extension StringProtocol {
    /// Spaces, tabs and line ends trimmed from both ends (no Foundation here).
    func trimmingWhitespace() -> String { trimming { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" } }
    /// Quotes trimmed from both ends (a charset label written `"euc-kr"`).
    func trimmingQuotes() -> String { trimming { $0 == "\"" || $0 == "'" } }

    private func trimming(_ skip: (Character) -> Bool) -> String {
        guard let s = firstIndex(where: { !skip($0) }), let e = lastIndex(where: { !skip($0) }) else { return "" }
        return String(self[s...e])
    }
}
