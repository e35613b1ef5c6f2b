/// Foreign names and loanwords written in Hangul (리버풀 Liverpool, 스터리지 Sturridge, 캐버노
/// Kavanaugh): the English spelling and the Hangul are compared by their *consonant skeletons*,
/// which Korean loanword spelling keeps while it changes the vowels (London → 런던) and adds its
/// own (Trump → 트럼프).
///
/// A skeleton is a string of consonant classes: K (g k c q; ㄱ ㄲ ㅋ), T (d t th; ㄷ ㄸ ㅌ and a
/// final ㅅ), P (b p f v ph; ㅂ ㅃ ㅍ), S (s sh; ㅅ ㅆ), C (j ch z, g before e/i; ㅈ ㅉ ㅊ), L (l r;
/// ㄹ), M, N, G (ng; a final ㅇ). Vowels, h, w and y are left out, and a class repeated at once
/// counts once. English letters that sound two ways give several skeletons (th: T or S; ch: C or
/// K; g before e/i: C or K; a final s: S or C), and an r before a consonant or at the end of a
/// word is silent, as in the Korean spelling of English (Porter 포터, Liverpool 리버풀).
///
/// ```swift
/// Transliteration.skeleton(hangul: "스터리지") == "STLC"                 // true
/// Transliteration.skeletons(english: "Sturridge").contains("STLC")     // true
/// ```
public enum Transliteration {
    /// Classes of the 19 initials (ㅇ and ㅎ none) and the 28 finals.
    static let initialClass: [Character?] = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", nil, "C", "C", "C", "K", "T", "P", nil]
    static let finalClass: [Character?] = [nil, "K", "K", "K", "N", "N", "N", "T", "L", "L", "L", "L", "L", "L", "L", "L",
                                           "M", "P", "P", "T", "T", "G", "T", "T", "K", "T", "P", nil]

    /// The skeleton of a run of Hangul syllables (other characters skipped).
    public static func skeleton(hangul: String) -> String {
        var out: [Character] = []
        func add(_ c: Character?) { if let c, out.last != c { out.append(c) } }
        for u in hangul.unicodeScalars where (0xAC00...0xD7A3).contains(u.value) {
            let i = Int(u.value - 0xAC00)
            add(initialClass[i / 588])
            add(finalClass[i % 28])
        }
        return String(out)
    }

    /// The skeletons an English word may have (at most `limit`); empty when it holds anything but
    /// ASCII letters (an apostrophe and a possessive `'s` are dropped).
    public static func skeletons(english: String, limit: Int = 16) -> [String] {
        var word = english.lowercased()
        if word.hasSuffix("'s") || word.hasSuffix("’s") { word.removeLast(2) }
        let letters = Array(word.unicodeScalars.filter { $0 != "'" && $0 != "’" && $0 != "-" })
        guard !letters.isEmpty, letters.allSatisfy({ ("a"..."z").contains($0) }) else { return [] }
        var chars = letters.map { Character($0) }
        // Doubled letters count once (Sturridge, Morrisey, Glenn).
        chars = chars.enumerated().filter { $0.offset == 0 || $0.element != chars[$0.offset - 1] }.map(\.element)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        func at(_ i: Int) -> Character? { i >= 0 && i < chars.count ? chars[i] : nil }
        func front(_ c: Character?) -> Bool { c == "e" || c == "i" || c == "y" }
        // Each position: the classes it may give (one or two choices), and how many letters it takes.
        var options: [[String]] = []
        var i = 0
        while i < chars.count {
            let c = chars[i], n = at(i + 1)
            var choice: [String] = [""], step = 1
            switch c {
            case "a", "e", "i", "o", "u", "y", "h", "w": choice = [""]
            case "s" where n == "c" && at(i + 2) == "h": choice = ["S", "SK"]; step = 3
            case "t" where n == "c" && at(i + 2) == "h": choice = ["C"]; step = 3
            case "c" where n == "h": choice = ["C", "K"]; step = 2
            case "s" where n == "h": choice = ["S"]; step = 2
            case "p" where n == "h": choice = ["P"]; step = 2
            case "t" where n == "h": choice = ["T", "S"]; step = 2
            case "g" where n == "h": choice = i == 0 ? ["K"] : [""]; step = 2
            case "c" where n == "k": choice = ["K"]; step = 2
            case "q" where n == "u": choice = ["K"]; step = 2
            case "k" where n == "n" && i == 0: choice = ["N"]; step = 2
            case "w" where n == "r" && i == 0: choice = ["L"]; step = 2
            case "d" where n == "g" && front(at(i + 2)): choice = ["C"]; step = 2
            case "n" where n == "g":
                if front(at(i + 2)) { choice = ["NC", "G"] } else { choice = ["G"] }
                step = 2
            case "n" where n == "k": choice = ["G"]
            case "x": choice = ["KS"]
            case "c": choice = front(n) ? ["S"] : ["K"]
            case "g": choice = front(n) ? ["C", "K"] : ["K"]
            case "j", "z": choice = ["C"]
            case "s": choice = i == chars.count - 1 && i > 0 ? ["S", "C"] : ["S"]
            case "b", "p", "f", "v": choice = ["P"]
            case "d", "t": choice = ["T"]
            case "k", "q": choice = ["K"]
            case "l": choice = ["L"]
            case "r":
                // Silent before a consonant and at the end (non-rhotic, as Korean spells English).
                choice = n.map { vowels.contains($0) } == true ? ["L"] : [""]
            case "m": choice = ["M"]
            case "n": choice = ["N"]
            default: choice = [""]
            }
            options.append(choice)
            i += step
        }
        var results: [String] = [""]
        for choice in options where choice != [""] {
            results = results.flatMap { r in choice.map { r + $0 } }
            if results.count > limit { results = Array(results.prefix(limit)) }
        }
        var seen = Set<String>()
        return results.map { r in
            var out: [Character] = []
            for c in r where out.last != c { out.append(c) }
            return String(out)
        }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
