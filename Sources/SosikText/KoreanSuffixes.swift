/// Particles (josa) and a few verb endings (eomi) that may end a Korean word (eojeol).
///
/// Why a suffix list and not a morphological dictionary: sosik indexes Hangul as overlapping
/// syllable bigrams (the CJK-bigram method, which measured as well as Nori on headlines), so a
/// particle never hides a noun from the index — 경찰이 stores 경찰 and 찰이. What the list buys is
/// on the *query* side: 순찰을 must not require the bigram 찰을, so a query word is matched by its
/// stem; and on the document side, a one-syllable noun with a particle (북은, 군이) also stores the
/// bare syllable so that 북 and 군 are findable. Stripping errs both ways (회의 → 회), which is why
/// a one-syllable stem is only ever an *alternative* to the whole word, never a replacement.
enum KoreanSuffixes {
    /// Longest first within each final syllable, so 에서는 wins over 는.
    static let list: [String] = [
        // case particles and their combinations
        "이", "가", "은", "는", "을", "를", "의", "에", "와", "과", "도", "만", "로", "으로",
        "에서", "에게", "께서", "한테", "까지", "부터", "처럼", "보다", "마다", "조차", "밖에",
        "에는", "에도", "에서는", "에서도", "에서의", "에게는", "에게도", "으로는", "로는", "으로도",
        "로도", "으로의", "로의", "로서", "으로서", "로써", "으로써", "과의", "와의", "에의", "과는",
        "와는", "까지는", "까지도", "부터는", "만을", "만이", "만은", "이나", "나", "이라", "라",
        "이란", "란", "이라고", "라고", "이라는", "라는", "이며", "며", "이고", "이다", "였다",
        "이었다", "였던", "이었던", "이자", "이든", "든", "이라도", "라도", "이야", "야",
        // plural 들 with a particle
        "들", "들이", "들은", "들을", "들의", "들에게", "들과", "들도", "들만", "들에", "들로",
        "들에서", "들이다",
    ] + verbEndings

    /// 하다 / 되다 verbs made from nouns (수사했다 → 수사); one-syllable endings like 한 are
    /// left out on purpose: too many nouns end in them (북한, 제한, 권한). After one syllable
    /// they make a verb of its own (당했다, 통하는 — 당하다, 통하다), not a noun with an
    /// ending, so a one-syllable stem is never taken from them (Scripts/eval-words, "whole
    /// words first").
    static let verbEndings: [String] = [
        "하다", "했다", "한다", "하는", "하고", "하며", "하여", "해서", "했던", "하기", "하면",
        "하지", "하던", "했고", "했으며", "했으나", "하였다", "하였고", "하였으며", "하겠다",
        "된다", "됐다", "되었다", "되는", "되어", "되고", "되며", "됐던", "되었던", "되기",
        "시켰다", "시키는", "시켜",
    ]

    static let set = Set(list)

    /// Suffixes as scalar arrays, grouped by their last scalar, longest first, each marked when
    /// it is a verb ending.
    static let byLastScalar: [UInt32: [(scalars: [UInt32], verb: Bool)]] = {
        let verbs = Set(verbEndings)
        var table: [UInt32: [(scalars: [UInt32], verb: Bool)]] = [:]
        for s in list {
            let scalars = s.unicodeScalars.map(\.value)
            table[scalars.last!, default: []].append((scalars, verbs.contains(s)))
        }
        for key in table.keys { table[key]!.sort { $0.scalars.count > $1.scalars.count } }
        return table
    }()

    /// Number of trailing syllables of `word` that form the longest known suffix, leaving a stem
    /// of at least one syllable (0 when none applies), and whether that suffix is a verb ending.
    /// No allocation: the tokenizer asks this of every Korean word.
    static func longestSuffix(_ word: UnsafeBufferPointer<UInt32>) -> (length: Int, verb: Bool) {
        guard word.count >= 2, let candidates = byLastScalar[word[word.count - 1]] else { return (0, false) }
        for suffix in candidates where suffix.scalars.count < word.count {
            let offset = word.count - suffix.scalars.count
            var same = true
            for i in 0..<suffix.scalars.count where word[offset + i] != suffix.scalars[i] { same = false; break }
            if same { return (suffix.scalars.count, suffix.verb) }
        }
        return (0, false)
    }

    static func suffixLength(_ word: UnsafeBufferPointer<UInt32>) -> Int { longestSuffix(word).length }
}
