import Foundation
import GRDB
import SosikText

/// Names matched through their romanization (`search --translate`, Romanization): a capitalized
/// English word that neither the lexicon nor the glossary knows finds the Hangul words of the
/// index whose romanization it is (Hoeryong → 회령), and a Korean word the English spellings of
/// it that the index holds (회령 → Hoeryong, Hoeryŏng). Candidates are checked against the index
/// (FTS5 term look-ups), so only words that occur are added, and the search stays bounded.
///
/// Short words are left alone (`minimumKey`): a short capitalized word (Sun, Han, Mine) is far
/// more often English than a Korean name, and a short Korean word (하나, 사람) is not a name.
public final class NameMatcher {
    /// Fewest letters of a word's romanization key (Romanization.key) for it to be matched:
    /// measured with Scripts/measure-names on the held-out cross-lingual dev sets (docs/commands.md,
    /// "Cross-lingual search"). `SOSIK_MIN_KEY` overrides it, for that script.
    public static let minimumKey = ProcessInfo.processInfo.environment["SOSIK_MIN_KEY"].flatMap(Int.init) ?? 6
    /// At most this many spellings per word.
    public static let maxSpellings = 2

    private let exists: ([String]) -> Bool
    private var memo: [[String]: Bool] = [:]
    /// Words found to sound alike in the best articles of a first search (soundAlikes), by the
    /// query word as typed (bare).
    var soundAlikes: [String: [Translator.Translation]] = [:]

    /// `exists`: whether these index terms occur, in this order, as a phrase.
    public init(exists: @escaping ([String]) -> Bool) {
        self.exists = exists
    }

    /// Over an index: FTS5 look-ups on the article index (one row is enough).
    public convenience init(_ db: Database) {
        let statement = try? db.makeStatement(sql: "SELECT 1 FROM article_fts WHERE article_fts MATCH ? LIMIT 1")
        self.init { terms in
            guard let statement else { return false }
            let phrase = QueryBuilder.quote(terms.joined(separator: " "))
            return ((try? Int.fetchOne(statement, arguments: [phrase])) ?? nil) != nil
        }
    }

    private func occurs(_ terms: [String]) -> Bool {
        if let known = memo[terms] { return known }
        let found = !terms.isEmpty && exists(terms)
        memo[terms] = found
        return found
    }

    /// A word as typed, without the punctuation around it.
    static func bare(_ word: some StringProtocol) -> String {
        let punctuation: Set<Character> = [",", ".", ";", ":", "!", "?", "\"", "(", ")", "'", "’", "“", "”"]
        var w = Substring(word)
        while let f = w.first, punctuation.contains(f) { w = w.dropFirst() }
        while let l = w.last, punctuation.contains(l) { w = w.dropLast() }
        return String(w)
    }

    /// A capitalized word of Latin letters (hyphens and apostrophes inside; MR's breves allowed).
    static func isCapitalizedLatin(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, (0x41...0x5A).contains(first.value) else { return false }
        return !Romanization.key(latin: word).isEmpty
    }

    /// Runs of two or more capitalized words in the query (`Kim Jong Un`): each word → the run.
    static func runs(in query: String) -> [String: String] {
        var out: [String: String] = [:]
        var run: [String] = []
        func flush() {
            if run.count >= 2 { for w in run { out[w] = run.joined(separator: " ") } }
            run = []
        }
        for raw in query.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let w = bare(raw)
            if isCapitalizedLatin(w) && !w.isEmpty { run.append(w) } else { flush() }
            if raw.last.map({ ",.;:!?)\"".contains($0) }) == true { flush() }   // Hoeryong, Chongjin
        }
        flush()
        return out
    }

    /// The Hangul words of the index that a capitalized name (one word, or several: Kim Jong Un)
    /// romanizes (source "romanization").
    public func translations(ofName name: String) -> [Translator.Translation] {
        guard Romanization.key(latin: name).utf8.count >= Self.minimumKey else { return [] }
        let words = Romanization.hangulSpellings(of: name, limit: Self.maxSpellings,
                                                 accept: { self.occurs([$0]) },
                                                 complete: { self.occurs(Self.bigrams($0)) })
        return words.map { Translator.Translation(terms: Self.bigrams($0), weight: 1, source: "romanization", label: $0) }
    }

    /// A query word's translations completed: when the lexicon and glossary found none, by
    /// romanization (a capitalized Latin word → the Hangul words it romanizes; a Korean word →
    /// its English spellings in the index); and the words found to sound alike, if any (only
    /// words without a glossary or romanization translation get some: Searcher).
    public func completed(_ found: [Translator.Translation], for term: QueryTerm, analyzer: Analyzer) -> [Translator.Translation] {
        let found = found.isEmpty ? translations(ofRomanized: term, analyzer: analyzer) : found
        return found + (soundAlikes[Self.bare(term.surface)] ?? [])
    }

    private func translations(ofRomanized term: QueryTerm, analyzer: Analyzer) -> [Translator.Translation] {
        let surface = Self.bare(term.surface)
        if Self.isCapitalizedLatin(surface) { return translations(ofName: surface) }
        // A Korean word: its stem (the bigrams a query word requires), whole, or without a last
        // syllable of three or more (회령시 → 회령).
        guard let stem = Self.hangulStem(term.alternatives[0]) else { return [] }
        var stems = [stem]
        if stem.count >= 3 { stems.append(String(stem.dropLast())) }
        var out: [Translator.Translation] = []
        for s in stems where Romanization.key(hangul: s).map({ $0.utf8.count >= Self.minimumKey }) == true {
            for form in Romanization.latinSpellings(of: s) {
                let terms = analyzer.queryTerms(in: form).flatMap { $0.alternatives[0] }
                if occurs(terms) {
                    out.append(Translator.Translation(terms: terms, weight: 1, source: "romanization", label: form))
                    if out.count >= Self.maxSpellings { return out }
                }
            }
            if !out.isEmpty { return out }
        }
        return out
    }

    /// 회령 → ["회령"]; 신의주 → ["신의", "의주"]: the terms a Korean word of the index requires.
    static func bigrams(_ word: String) -> [String] {
        let s = Array(word)
        guard s.count >= 2 else { return [word] }
        return (0..<(s.count - 1)).map { String(s[$0]) + String(s[$0 + 1]) }
    }

    /// The word back from its consecutive Hangul bigrams (["회령", "령시"] → 회령시); nil otherwise.
    static func hangulStem(_ terms: [String]) -> String? {
        guard let first = terms.first, terms.allSatisfy(QueryBuilder.isHangulBigram) else { return nil }
        var word = first
        for (a, b) in zip(terms, terms.dropFirst()) {
            guard a.last == b.first else { return nil }
            word.append(b.last!)
        }
        return word
    }

    // MARK: - Loanwords and foreign names (Transliteration)

    /// Fewest consonant classes of a skeleton for a word to be matched by sound.
    /// (Held-out MRR@10 en→ko / ko→en: 2 classes .702 / .675, 3 .712 / .676, 4 .709 / .674.)
    static let minimumSkeleton = 3
    /// A sound-alike's weight, as a lexicon probability (0.25 and 1 measured within .003 of it).
    static let soundWeight = 0.5

    /// Whether a query word that found no translation may be matched by sound.
    static func soundsMatchable(_ term: QueryTerm) -> Bool {
        let surface = bare(term.surface)
        if let stem = hangulStem(term.alternatives[0]) { return Transliteration.skeleton(hangul: stem).count >= minimumSkeleton }
        return Transliteration.skeletons(english: surface).contains { $0.count >= minimumSkeleton }
    }

    /// For each word (query words that found no translation), the words of `texts` (the best
    /// articles of a first search) that sound alike: an English word → the Hangul words (or their
    /// first syllables, before a particle) with one of its skeletons; a Korean word → the
    /// English words with its skeleton. At most `maxSpellings` each, the most frequent first.
    func findSoundAlikes(of words: [QueryTerm], in texts: [String], analyzer: Analyzer) {
        var hangulWords: [String: Int] = [:], latinWords: [String: Int] = [:]
        for text in texts {
            var seenHere = Set<String>()
            var current = "", hangul = false
            func flush() {
                if !current.isEmpty, seenHere.insert(current).inserted {
                    if hangul { hangulWords[current, default: 0] += 1 } else { latinWords[current, default: 0] += 1 }
                }
                current = ""
            }
            for ch in text {
                let v = ch.unicodeScalars.first!.value
                let isHangul = (0xAC00...0xD7A3).contains(v)
                let isLatin = ch.isASCII && ch.isLetter
                if isHangul || isLatin {
                    if !current.isEmpty && isHangul != hangul { flush() }
                    hangul = isHangul
                    current.append(ch)
                } else if ch == "'" || ch == "’" {
                    continue
                } else {
                    flush()
                }
            }
            flush()
        }
        for term in words {
            let surface = Self.bare(term.surface)
            var found: [String: Int] = [:]
            if let stem = Self.hangulStem(term.alternatives[0]) {
                let key = Transliteration.skeleton(hangul: stem)
                for (w, n) in latinWords where w.count >= 3 && Transliteration.skeletons(english: w).contains(key) {
                    found[w.lowercased(), default: 0] += n
                }
            } else {
                let keys = Set(Transliteration.skeletons(english: surface).filter { $0.count >= Self.minimumSkeleton })
                for (w, n) in hangulWords {
                    // The longest first syllables with the skeleton (스터리지가 → 스터리지).
                    let s = Array(w)
                    guard s.count >= 2 else { continue }
                    for length in stride(from: s.count, through: 2, by: -1) {
                        let prefix = String(s[0..<length])
                        if keys.contains(Transliteration.skeleton(hangul: prefix)) {
                            found[prefix, default: 0] += n
                            break
                        }
                    }
                }
            }
            let best = found.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.maxSpellings)
            let translations = best.compactMap { (w, _) -> Translator.Translation? in
                let terms = Self.hangulStem(Self.bigrams(w)) != nil ? Self.bigrams(w)
                    : analyzer.queryTerms(in: w).flatMap { $0.alternatives[0] }
                return terms.isEmpty ? nil : Translator.Translation(terms: terms, weight: Self.soundWeight, source: "sound", label: w)
            }
            if !translations.isEmpty { soundAlikes[surface] = translations }
        }
    }
}
