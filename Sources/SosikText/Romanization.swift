/// Korean names in Latin letters (`sosik search --translate`): a name that neither the lexicon
/// nor the glossary knows is matched through its romanization. Hoeryong, Hoeryŏng and Hoeryeong
/// are all 회령; 청진 is Chongjin or Cheongjin; 김정은 is Kim Jong Un or Kim Jong-un.
///
/// Both sides are brought to one *key*: the Revised Romanization (RR, Seoul's system) of the
/// Hangul, or the Latin spelling as typed, lowercased and folded so that the differences between
/// RR, McCune–Reischauer (MR, with its breves and apostrophes) and the usual English spellings
/// vanish: ŏ/eo, ŭ/eu, u, oo and ou are all o (names are written Myung, Jung, Sung for 명, 정, 성,
/// and Young, Joon for 영, 준), ae → e; g/k, d/t, b/p, j/ch, r/l are one letter each; doubled
/// consonants count once; hyphens, apostrophes and spaces are dropped.
///
/// ```swift
/// Romanization.key(latin: "Hoeryŏng") == Romanization.key(hangul: "회령")   // true
/// Romanization.hangulSpellings(of: "Chongjin") { _ in true }.contains("청진")  // true
/// Romanization.latinSpellings(of: "회령").prefix(2)                     // ["hoeryeong", "hoeryong"]
/// ```
public enum Romanization {
    // RR of the 19 initials, 21 vowels and 28 finals of a precomposed syllable.
    static let initials = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
    static let vowels = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
                         "wi", "yu", "eu", "ui", "i"]
    static let finals = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
                         "t", "t", "ng", "t", "t", "k", "t", "p", "t"]

    // Spelling variants of each part, RR first (latinSpellings): MR and common English forms.
    static let initialVariants: [[String]] = [["g", "k"], ["kk", "k"], ["n"], ["d", "t"], ["tt", "t"], ["r", "l"], ["m"],
        ["b", "p"], ["pp", "p"], ["s"], ["ss", "s"], [""], ["j", "ch"], ["jj", "tch"], ["ch"], ["k"], ["t"], ["p"], ["h"]]
    static let vowelVariants: [[String]] = [["a"], ["ae"], ["ya"], ["yae"], ["eo", "o", "ŏ"], ["e"], ["yeo", "yo", "yŏ"],
        ["ye"], ["o"], ["wa"], ["wae"], ["oe"], ["yo"], ["u", "oo"], ["wo", "wŏ"], ["we"], ["wi"], ["yu"], ["eu", "u", "ŭ"],
        ["ui", "ŭi"], ["i"]]
    static let finalVariants: [[String]] = finals.map { f in
        switch f {
        case "k": return ["k", "g"]
        case "l": return ["l", "r"]
        case "p": return ["p", "b"]
        default: return [f]
        }
    }

    /// Family names in the spellings English-language news uses (Lee, Park, Choi), which no
    /// romanization system gives. Written for sosik.
    static let familyNames: [String: [String]] = [
        "김": ["kim"], "이": ["lee", "yi", "rhee"], "리": ["ri", "lee"], "박": ["park", "pak"], "최": ["choi", "choe"],
        "정": ["jung", "jeong", "chung", "chong"], "강": ["kang"], "조": ["cho", "jo"], "윤": ["yoon", "yun"],
        "장": ["jang", "chang"], "임": ["lim", "im", "rim"], "림": ["rim", "lim"], "한": ["han"], "오": ["oh", "o"],
        "서": ["seo", "suh", "so"], "신": ["shin", "sin"], "권": ["kwon", "gwon"], "황": ["hwang"], "안": ["ahn", "an"],
        "송": ["song"], "류": ["ryu", "yoo", "yu"], "유": ["yoo", "yu"], "홍": ["hong"], "전": ["jeon", "jun", "chon"],
        "고": ["ko", "go"], "문": ["moon", "mun"], "손": ["son", "sohn"], "양": ["yang"], "량": ["ryang", "yang"],
        "배": ["bae", "pae"], "백": ["baek", "paek"], "허": ["heo", "hur", "ho"], "노": ["roh", "noh", "no"],
        "로": ["ro", "roh"], "남": ["nam"], "심": ["shim", "sim"], "하": ["ha"], "주": ["joo", "ju", "chu"],
        "구": ["koo", "ku", "gu"], "곽": ["kwak"], "성": ["sung", "seong", "song"], "차": ["cha"], "우": ["woo", "u"],
        "민": ["min"], "현": ["hyun", "hyon"], "태": ["tae", "thae"], "변": ["byun", "pyon"], "염": ["yeom", "yom"],
        "여": ["yeo", "yo"], "려": ["ryo"], "방": ["bang", "pang"], "공": ["kong", "gong"], "진": ["jin", "chin"],
    ]

    static func isHangulSyllable(_ v: UInt32) -> Bool { (0xAC00...0xD7A3).contains(v) }

    /// The RR spelling of a run of Hangul syllables (anything else is skipped).
    public static func revised(_ hangul: String) -> String {
        var out = ""
        for u in hangul.unicodeScalars where isHangulSyllable(u.value) {
            let i = Int(u.value - 0xAC00)
            out += initials[i / 588] + vowels[(i % 588) / 28] + finals[i % 28]
        }
        return out
    }

    /// The key of a Hangul word (its RR spelling, folded); nil when it holds no Hangul syllable.
    public static func key(hangul: String) -> String? {
        let rr = revised(hangul)
        return rr.isEmpty ? nil : key(latin: rr)
    }

    /// The key of a Latin spelling: lowercase ASCII letters folded as described above; empty when
    /// the word has anything but letters, hyphens, apostrophes and spaces.
    public static func key(latin: String) -> String {
        var letters: [UInt8] = []
        for u in latin.unicodeScalars {
            switch u.value {
            case 0x41...0x5A: letters.append(UInt8(u.value) | 0x20)
            case 0x61...0x7A: letters.append(UInt8(u.value))
            case 0x2D, 0x27, 0x2019, 0x2BC, 0x2BB, 0x60, 0x20: continue   // - ' ’ ʼ ʻ ` space
            case 0x14F, 0x14E, 0xF6, 0xD6, 0xF4, 0xD4, 0xF3, 0xD3, 0xF2: letters.append(0x6F)   // ŏ ö ô ó ò → o
            case 0x16D, 0x16C, 0xFC, 0xDC, 0xFB, 0xFA, 0xF9: letters.append(0x75)                // ŭ ü û ú ù → u
            case 0xE9, 0xC9, 0xE8, 0xEA, 0xEB: letters.append(0x65)                              // é è ê ë → e
            case 0xE1, 0xE0, 0xE2, 0xE4: letters.append(0x61)                                    // á à â ä → a
            case 0xED, 0xEC, 0xEE, 0xEF: letters.append(0x69)                                    // í ì î ï → i
            default: return ""
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(letters.count)
        var i = 0
        func at(_ k: Int) -> UInt8 { k < letters.count ? letters[k] : 0 }
        while i < letters.count {
            let c = letters[i], n = at(i + 1)
            var emit: UInt8 = c, step = 1
            switch c {
            case UInt8(ascii: "t") where n == UInt8(ascii: "c") && at(i + 2) == UInt8(ascii: "h"): emit = UInt8(ascii: "c"); step = 3
            case UInt8(ascii: "c") where n == UInt8(ascii: "h"): emit = UInt8(ascii: "c"); step = 2
            case UInt8(ascii: "s") where n == UInt8(ascii: "h"): emit = UInt8(ascii: "s"); step = 2
            case UInt8(ascii: "e") where n == UInt8(ascii: "o") || n == UInt8(ascii: "u"): emit = n; step = 2
            case UInt8(ascii: "a") where n == UInt8(ascii: "e"): emit = UInt8(ascii: "e"); step = 2
            case UInt8(ascii: "o") where n == UInt8(ascii: "o") || n == UInt8(ascii: "u"): emit = UInt8(ascii: "o"); step = 2
            case UInt8(ascii: "u"): emit = UInt8(ascii: "o")
            case UInt8(ascii: "j"), UInt8(ascii: "z"): emit = UInt8(ascii: "c")
            case UInt8(ascii: "c"), UInt8(ascii: "q"), UInt8(ascii: "g"): emit = UInt8(ascii: "k")
            case UInt8(ascii: "d"): emit = UInt8(ascii: "t")
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "v"): emit = UInt8(ascii: "p")
            case UInt8(ascii: "r"): emit = UInt8(ascii: "l")
            default: break
            }
            // A doubled consonant counts once (kk, ss, ll; tt and pp of RR's tense ones).
            if let last = out.last, last == emit, !"aeiouwy".utf8.contains(emit) {
                i += step
                continue
            }
            out.append(emit)
            i += step
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every Hangul syllable by its key, for hangulSpellings.
    private static let syllablesByKey: [String: [String]] = {
        var table: [String: [String]] = [:]
        for v in UInt32(0xAC00)...UInt32(0xD7A3) {
            let s = String(Unicode.Scalar(v)!)
            table[key(hangul: s)!, default: []].append(s)
        }
        return table
    }()
    private static let longestSyllableKey = syllablesByKey.keys.map(\.utf8.count).max() ?? 0

    /// The Hangul words of two syllables or more whose key is the key of `latin`, best-ordered by
    /// the search (left to right), at most `limit`. `accept` is asked about every growing word of
    /// two syllables or more (its last two syllables are new): return false to prune it, e.g.
    /// when the index holds no such bigram. `complete` is asked about each whole candidate.
    public static func hangulSpellings(of latin: String, limit: Int = 8, maxSteps: Int = 20_000,
                                       accept: (String) -> Bool,
                                       complete: (String) -> Bool = { _ in true }) -> [String] {
        // A name of several words may start with a family name in its English spelling (Lee
        // Myung-bak): that word is then read through the family-name table.
        var starts: [(prefix: [String], rest: String)] = [([], latin)]
        let words = latin.split(separator: " ")
        if words.count >= 2 {
            let first = words[0].lowercased()
            let rest = words.dropFirst().joined(separator: " ")
            for (syllable, spellings) in familyNames.sorted(by: { $0.key < $1.key }) where spellings.contains(first) {
                starts.append(([syllable], rest))
            }
        }
        var found: [String] = []
        var steps = 0
        for (start, rest) in starts {
            let target = Array(key(latin: rest).utf8)
            guard !target.isEmpty else { continue }
            let targetKey = String(decoding: target, as: UTF8.self)
            var prefix = start
            func search(_ at: Int) {
                if found.count >= limit || steps >= maxSteps { return }
                if at == target.count {
                    let word = prefix.joined()
                    // The key must be the whole target (keys are joined per syllable here;
                    // folding across a boundary, as in 해오 → "heo", can differ).
                    if prefix.count >= 2, key(hangul: prefix.dropFirst(start.count).joined()) == targetKey,
                       !found.contains(word), complete(word) {
                        found.append(word)
                    }
                    return
                }
                for length in stride(from: min(longestSyllableKey, target.count - at), through: 1, by: -1) {
                    let piece = String(decoding: target[at..<(at + length)], as: UTF8.self)
                    guard let syllables = syllablesByKey[piece] else { continue }
                    for s in syllables {
                        steps += 1
                        if steps >= maxSteps || found.count >= limit { return }
                        if let last = prefix.last, !accept(last + s) { continue }
                        prefix.append(s)
                        search(at + length)
                        prefix.removeLast()
                    }
                }
            }
            search(0)
        }
        return found
    }

    /// Latin spellings of a Hangul word, RR first, then MR (folded, and with its breves) and the
    /// usual English variants, at most `limit`; each one word (Hoeryong) and, for a name of three
    /// syllables, also a family name and a given name (Kim Jongun, Kim Jong-un → `kim jongun`).
    public static func latinSpellings(of hangul: String, limit: Int = 48) -> [String] {
        let syllables = hangul.unicodeScalars.filter { isHangulSyllable($0.value) }.map { Int($0.value - 0xAC00) }
        guard !syllables.isEmpty else { return [] }
        // Each syllable's variants, RR first.
        var perSyllable: [[String]] = syllables.map { i in
            var out: [String] = []
            for a in initialVariants[i / 588] {
                for b in vowelVariants[(i % 588) / 28] {
                    for c in finalVariants[i % 28] where !out.contains(a + b + c) { out.append(a + b + c) }
                }
            }
            return out
        }
        if syllables.count == 3, let family = familyNames[String(hangul.unicodeScalars.first { isHangulSyllable($0.value) }!)] {
            perSyllable[0] = family + perSyllable[0].filter { !family.contains($0) }
        }
        // Breadth first over the number of non-RR choices, so that the likeliest come first.
        var forms: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if forms.count < limit, seen.insert(s).inserted { forms.append(s) } }
        var frontier: [[Int]] = [Array(repeating: 0, count: syllables.count)]
        var visited = Set(frontier)
        while !frontier.isEmpty && forms.count < limit {
            var next: [[Int]] = []
            for choice in frontier {
                let parts = choice.enumerated().map { perSyllable[$0.offset][$0.element] }
                add(parts.joined())
                if parts.count == 3 { add(parts[0] + " " + parts[1] + parts[2]) }
                for k in choice.indices where choice[k] + 1 < perSyllable[k].count {
                    var c = choice
                    c[k] += 1
                    if visited.insert(c).inserted { next.append(c) }
                }
            }
            frontier = next
        }
        return forms
    }
}
