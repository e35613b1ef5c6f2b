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
        // the copula 이다 in the forms news prints after a noun (법입니다, 법이지만)
        "입니다", "이지만", "이므로", "이어서", "이었고", "이었으며", "이라며", "이라면", "이었지만", "라며", "라면",
        "에게서", "로부터", "으로부터", "에서부터", "만큼", "보다는",
        // plural 들 with a particle
        "들", "들이", "들은", "들을", "들의", "들에게", "들과", "들도", "들만", "들에", "들로",
        "들에서", "들이다",
    ] + verbEndings

    /// The copula's contracted forms after a vowel (바다라, 바다며): after one syllable they
    /// are far more often the second syllable of another word (물라 mullah, 세라, 부나), so
    /// they give no one-syllable stem (Scripts/eval-words, "whole words first").
    static let contractedCopula: [String] = ["라", "나", "야", "며", "란", "든", "라도", "라고", "라는", "라며", "라면"]

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

    /// Two-syllable words that look like a one-syllable noun with a particle but, in news, are
    /// nearly always words of their own: 불과 "merely" (not 불 "fire" + 과), 불만 "discontent",
    /// 물가 "prices", 세로 "vertical", 주로 "mainly", 대로 "as". They give no one-syllable stem,
    /// so 불 finds 불과 only among the longer words, after the articles with 불 as a word.
    /// Kept short on purpose: only forms whose other reading is rare in news (법도, 군도, 당도,
    /// 세는 are as often 법 + 도 "the law too" ... and stay noun + particle).
    static let homographs: Set<UInt64> = Set(["불과", "불만", "물가", "세로", "주로", "대로"].map { w in
        let u = w.unicodeScalars.map(\.value)
        return UInt64(u[0]) << 32 | UInt64(u[1])
    })

    /// Whether a two-syllable word is one of `homographs`.
    static func isHomograph(_ word: UnsafeBufferPointer<UInt32>) -> Bool {
        word.count == 2 && homographs.contains(UInt64(word[0]) << 32 | UInt64(word[1]))
    }

    /// Suffixes as scalar arrays, grouped by their last scalar, longest first, each marked when
    /// it gives no one-syllable stem (a verb ending or a contracted copula).
    static let byLastScalar: [UInt32: [(scalars: [UInt32], noStem: Bool)]] = {
        let noStem = Set(verbEndings + contractedCopula)
        var table: [UInt32: [(scalars: [UInt32], noStem: Bool)]] = [:]
        for s in list {
            let scalars = s.unicodeScalars.map(\.value)
            table[scalars.last!, default: []].append((scalars, noStem.contains(s)))
        }
        for key in table.keys { table[key]!.sort { $0.scalars.count > $1.scalars.count } }
        return table
    }()

    /// Number of trailing syllables of `word` that form the longest known suffix, leaving a stem
    /// of at least one syllable (0 when none applies), and whether that suffix gives no one-syllable
    /// stem (`noStem`: a verb ending, a contracted copula, or the word is one of `homographs`).
    /// No allocation: the tokenizer asks this of every Korean word.
    static func longestSuffix(_ word: UnsafeBufferPointer<UInt32>) -> (length: Int, noStem: Bool) {
        guard word.count >= 2, let candidates = byLastScalar[word[word.count - 1]] else { return (0, false) }
        if isHomograph(word) { return (1, true) }
        for suffix in candidates where suffix.scalars.count < word.count {
            let offset = word.count - suffix.scalars.count
            var same = true
            for i in 0..<suffix.scalars.count where word[offset + i] != suffix.scalars[i] { same = false; break }
            if same { return (suffix.scalars.count, suffix.noStem) }
        }
        return (0, false)
    }

    static func suffixLength(_ word: UnsafeBufferPointer<UInt32>) -> Int { longestSuffix(word).length }
}
