import GRDB
import SosikText

/// The longer words of the index that hold a one-syllable noun: 핵 is in 북핵, 비핵화, 핵합의.
/// Asked for when a query is that one noun alone (`핵`, `핵을`) or when a one-syllable word is
/// written with `*` (`핵*`) anywhere in a query. The index stores Korean as bigrams, so the
/// words are found as the bigrams that start or end with the syllable (핵X by a range of the
/// vocabulary, X핵 by a look-up of every syllable before it), the most frequent first. They
/// match at a small weight: an article with the noun as a word of its own ranks above one that
/// has it only inside a longer word (핵심 "core" is a false friend of 핵 "nuclear").
///
/// ```swift
/// try CompoundLookup.compounds(of: "핵", db)   // ["북핵", "핵무", "비핵", "핵실", …]
/// ```
public enum CompoundLookup {
    /// At most this many bigrams per syllable (the most frequent).
    static let maximum = 48
    /// The weight of a compound's bigram (its IDF is multiplied by this): low enough that the
    /// noun as a word of its own outranks it (Scripts/eval-words, "whole words first").
    static let weight = 0.02

    /// The syllables looked up before the noun: the 2,350 of KS X 1001 (EUC-KR's Hangul rows,
    /// the syllables Korean text is written with), not all 11,172 that Unicode can compose.
    /// Each look-up is a seek in the vocabulary: all of them took 0.35 s a query on a million
    /// passages (Scripts/bench, one-word queries p95 333 ms).
    static let commonSyllables: [UInt32] = {
        var bytes: [UInt8] = []
        for row in UInt8(0xB0)...UInt8(0xC8) {
            for column in UInt8(0xA1)...UInt8(0xFE) { bytes += [row, column] }
        }
        let decoded = Charset.decode(bytes, from: "windows-949") ?? ""
        let syllables = decoded.unicodeScalars.map(\.value).filter { (0xAC00...0xD7A3).contains($0) }
        return syllables.count >= 2000 ? syllables : Array(UInt32(0xAC00)...UInt32(0xD7A3))
    }()

    /// A single Hangul syllable (U+AC00…U+D7A3).
    static func isSyllable(_ s: String) -> Bool {
        let u = s.unicodeScalars
        return u.count == 1 && (0xAC00...0xD7A3).contains(u.first!.value)
    }

    static func compounds(of syllable: String, _ db: Database) throws -> [String] {
        guard isSyllable(syllable), let scalar = syllable.unicodeScalars.first else { return [] }
        // temp.sosik_vocab: fts5vocab over article_fts, made as each reader connection opens.
        var found: [(term: String, docs: Int)] = []
        let next = String(Unicode.Scalar(scalar.value + 1)!)
        for row in try Row.fetchAll(db, sql: "SELECT term, doc FROM temp.sosik_vocab WHERE term >= ? AND term < ?",
                                    arguments: [syllable, next]) {
            let term: String = row["term"]
            if term.unicodeScalars.count == 2, isSyllable(String(term.unicodeScalars.last!)) { found.append((term, row["doc"])) }
        }
        let lookup = try db.cachedStatement(sql: "SELECT doc FROM temp.sosik_vocab WHERE term = ?")
        for first in commonSyllables {
            let term = String(Unicode.Scalar(first)!) + syllable
            if let docs = try Int.fetchOne(lookup, arguments: [term]), docs > 0 { found.append((term, docs)) }
        }
        return chosen(found)
    }

    /// The syllables of `tree` to look up: the one noun of a one-word query, and every
    /// one-syllable word written with `*`.
    static func syllables(in tree: QueryParser.Node, analyzer: Analyzer, except words: Set<String> = []) -> Set<String> {
        var out = Set<String>()
        func oneSyllable(_ word: String) -> String? {
            let terms = analyzer.queryTerms(in: word)
            guard terms.count == 1, !words.contains(terms[0].surface) else { return nil }
            return terms[0].alternatives.first { $0.count == 1 && isSyllable($0[0]) }?[0]
        }
        if case .word(let w, _) = tree, let s = oneSyllable(w) { out.insert(s) }
        func walk(_ node: QueryParser.Node) {
            switch node {
            case .word(let w, let prefix): if prefix, let s = oneSyllable(w) { out.insert(s) }
            case .phrase: break
            case .not, .title: break
            case .and(let parts), .or(let parts): parts.forEach(walk)
            }
        }
        walk(tree)
        return out
    }

    /// For a corpus the index cannot list (WholeCorpus.compounds): the two-syllable terms to
    /// ask about, the syllable after or before each of the 2,350 common ones.
    public static func candidates(of syllable: String) -> [String] {
        guard isSyllable(syllable) else { return [] }
        let common = commonSyllables.compactMap { Unicode.Scalar($0).map { String($0) } }
        return common.map { syllable + $0 } + common.map { $0 + syllable }
    }

    /// The terms that count, with their article counts: the most frequent first, at most `maximum`.
    public static func chosen(_ found: [(term: String, docs: Int)]) -> [String] {
        found.filter { $0.docs > 0 }.sorted { $0.docs != $1.docs ? $0.docs > $1.docs : $0.term < $1.term }.prefix(maximum).map(\.term)
    }
}
