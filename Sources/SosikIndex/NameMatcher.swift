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
    /// measured with Scripts/measure-romanization on the held-out cross-lingual dev sets.
    public static let minimumKey = 6
    /// At most this many spellings per word.
    public static let maxSpellings = 2

    private let exists: ([String]) -> Bool
    private var memo: [[String]: Bool] = [:]

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

    /// The translations of one query word found by romanization: a capitalized Latin word → the
    /// Hangul words it romanizes; a Korean word → its English spellings in the index.
    public func translations(of term: QueryTerm, analyzer: Analyzer) -> [Translator.Translation] {
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
}
