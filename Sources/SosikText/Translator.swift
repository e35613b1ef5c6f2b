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
        /// A lexicon translation below `floor` beside a strong one (`strong`): kept, so that an
        /// article that has only it is still found, but at a weight that never ranks it above an
        /// article with the strong translation (sanctions → 제재 0.689, not 결의 0.130).
        public var weak = false

        public init(terms: [String], weight: Double, source: String, label: String, weak: Bool = false) {
            self.terms = terms
            self.weight = weight
            self.source = source
            self.label = label
            self.weak = weak
        }
    }

    /// At most this many lexicon translations per word, each at least this probable.
    /// (Held-out MRR@10 en→ko / ko→en, translations weighted by √p: 3 of ≥ 0.1, the earlier
    /// setting, .684 / .661; 8 of ≥ 0.02 .725 / .680. Later, with the rest as shipped, 8 of ≥ 0.02
    /// .729 / .700 and 12 of ≥ 0.01 .738 / .699 from a lexicon 15% larger. Scripts/train-lexicon
    /// prunes at the same figures.)
    public static let maxTranslations = 8
    public static let minProbability = 0.02
    /// A translation at least this probable (or from the glossary) is strong; beside a strong
    /// one, lexicon translations below `floor` are weak.
    public static let strong = 0.5
    public static let floor = 0.2

    private let lexicon: [String: [(target: String, p: Double)]]   // key: "en-ko\tpolic"
    private let glossary: [[String]: [(terms: [String], label: String, source: String)]]   // analyzed words → other side
    private let analyzer: Analyzer

    /// `userGlossary`: more entries in the glossary's format (`--glossary FILE`).
    public init(userGlossary: String = "", analyzer: Analyzer = Analyzer()) {
        self.analyzer = analyzer
        self.lexicon = Self.parseLexicon(EmbeddedData.lexicon)
        var glossary: [[String]: [(terms: [String], label: String, source: String)]] = [:]
        for (text, source) in [(EmbeddedData.glossary, "glossary"), (userGlossary, "your glossary")] {
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

    /// `dir<TAB>source<TAB>target<TAB>prob` lines (`#` comments) → "dir<TAB>source" → targets,
    /// likeliest first. Read as bytes: splitting the 28,000 lines as Characters took most of
    /// the 90 ms the translator took to load.
    static func parseLexicon(_ text: String) -> [String: [(target: String, p: Double)]] {
        var lexicon: [String: [(target: String, p: Double)]] = [:]
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                guard end > start, bytes[start] != 0x23 else { continue }   // blank or # comment
                var tabs: [Int] = []
                for i in start..<end where bytes[i] == 0x09 { tabs.append(i) }
                guard tabs.count == 3 else { continue }
                // The probability, as written: digits with one decimal point.
                var p = 0.0, scale = 0.0
                for i in (tabs[2] + 1)..<end {
                    let b = bytes[i]
                    if b == 0x2E { scale = 1; continue }
                    guard (0x30...0x39).contains(b) else { p = -1; break }
                    p = p * 10 + Double(b - 0x30)
                    if scale > 0 { scale *= 10 }
                }
                guard p >= 0 else { continue }
                if scale > 0 { p /= scale }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tabs[1]]), as: UTF8.self)
                let target = String(decoding: UnsafeBufferPointer(rebasing: bytes[(tabs[1] + 1)..<tabs[2]]), as: UTF8.self)
                lexicon[key, default: []].append((target, p))
            }
        }
        for key in lexicon.keys { lexicon[key]!.sort { $0.p > $1.p } }
        return lexicon
    }

    /// The glossary's entries: `korean; variant = english; other english`. Lines starting with
    /// `#` and blank lines are skipped; malformed lines are returned by `glossaryProblems`.
    public static func parseGlossary(_ text: String) -> [(korean: [String], english: [String])] {
        readGlossary(text).entries
    }

    /// Line numbers (1-based) of glossary lines that are not `korean = english`.
    public static func glossaryProblems(_ text: String) -> [Int] {
        readGlossary(text).problems
    }

    /// One pass over a glossary: its entries, and the lines that are not `korean = english`.
    static func readGlossary(_ text: String) -> (entries: [(korean: [String], english: [String])], problems: [Int]) {
        var entries: [(korean: [String], english: [String])] = [], problems: [Int] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let sides = line.split(separator: "=", maxSplits: 1)
            guard sides.count == 2, !sides[0].trimmingWhitespace().isEmpty, !sides[1].trimmingWhitespace().isEmpty else {
                problems.append(i + 1)
                continue
            }
            let k = sides[0].split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            let e = sides[1].split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            if !k.isEmpty && !e.isEmpty { entries.append((k, e)) }
        }
        return (entries, problems)
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
        var scores: [String: Double] = [:]
        // Each target scored by its probabilities summed over the word's terms, over the square
        // root of their number (a Korean word of several bigrams: a translation most of them
        // support; the mean, as before, held-out MRR@10 ko→en .680 vs .685).
        let scale = Double(terms.count).squareRoot()
        for t in terms {
            for (target, p) in lexicon[direction + "\t" + t] ?? [] { scores[target, default: 0] += p / scale }
        }
        for (target, score) in scores where score > 1 { scores[target] = 1 }
        let ranked = scores.filter { $0.value >= Self.minProbability }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (target, p) in ranked.prefix(Self.maxTranslations) where seen.insert([target]).inserted {
            out.append(Translation(terms: [target], weight: (p * 1000).rounded() / 1000, source: "lexicon", label: target))
        }
        if out.contains(where: { $0.weight >= Self.strong }) {
            for k in out.indices where out[k].source == "lexicon" && out[k].weight < Self.floor { out[k].weak = true }
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
