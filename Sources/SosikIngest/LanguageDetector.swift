import Foundation

/// Tells Korean from English, and both from other languages (`other`).
///
/// By script: a Hangul syllable carries about three letters' worth of text, and Korean news
/// quotes English names freely, so a text is Korean when its Hangul is at least a third of its
/// Latin letters. Latin text is another language when English function words (the, of, to…)
/// are under 5% of its words (a sixth of English news prose) and another language's (de, la,
/// que, yang…) at least 5%. Text mostly in other scripts (Chinese, Japanese,
/// Cyrillic…) is `other`. Too little text to tell (under 20 words) is English.
///
/// ```swift
/// LanguageDetector.detect("LG전자가 발표했다")   // "ko"
/// ```
public enum LanguageDetector {
    public static func detect(_ text: String) -> String {
        detect(title: "", body: text)
    }

    /// The title and the start of the body (4,096 characters in all), without joining them:
    /// bodies can be megabytes long.
    public static func detect(title: String, body: String) -> String {
        Evidence(title: title, body: body).language
    }

    /// The language of an item whose page or feed declares `declared`: the declared one, unless
    /// the item's own text plainly says otherwise (a feed declaring `en-us` whose items are
    /// Korean; a page tagged `en` in Portuguese).
    public static func resolve(declared: String?, title: String, body: String) -> String {
        let e = Evidence(title: title, body: body)
        guard let declared else { return e.language }
        let detected = e.language
        if detected != declared && e.isPlain { return detected }
        return declared
    }

    /// Letters by script, and English function words among the Latin words.
    struct Evidence {
        var hangul = 0, latin = 0, others = 0, words = 0, english = 0, foreign = 0

        /// Function words of other languages written in Latin letters (Romance, Germanic,
        /// Indonesian): the positive evidence that Latin text is not English.
        static let foreignWords: Set<String> = ["de", "la", "le", "les", "el", "los", "las", "del", "der", "die", "das", "und",
                                                "que", "di", "il", "della", "per", "con", "una", "uno", "et", "est", "du", "des",
                                                "au", "por", "com", "da", "do", "dos", "em", "um", "uma", "het", "een", "van",
                                                "och", "yang", "dan", "dengan", "untuk", "ini", "itu", "dari", "pada", "ke", "tidak"]

        static let functionWords: Set<String> = ["the", "of", "and", "to", "is", "that", "for", "with", "was", "by", "at", "a", "in",
                                                  "it", "from", "be", "are", "has", "have", "said", "were", "will", "this",
                                                  "an", "his", "her", "their", "not", "but", "or", "been", "after", "who",
                                                  "which", "they", "he", "she", "its", "on"]

        init(title: String, body: String) {
            var seen = 0
            var word: [UInt8] = []
            func endWord() {
                if !word.isEmpty {
                    words += 1
                    if word.count <= 6 {
                        let w = String(decoding: word, as: UTF8.self)
                        if Self.functionWords.contains(w) { english += 1 } else if Self.foreignWords.contains(w) { foreign += 1 }
                    }
                    word.removeAll(keepingCapacity: true)
                }
            }
            for part in [title, body] {
                for s in part.unicodeScalars {
                    if seen == 4096 { break }
                    seen += 1
                    let v = s.value
                    if (0xAC00...0xD7A3).contains(v) || (0x1100...0x11FF).contains(v) { hangul += 1; endWord() }
                    else if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { latin += 1; word.append(UInt8(v | 0x20)) }
                    else if v >= 0xC0 && s.properties.isAlphabetic {
                        // Accented Latin letters belong to the word (não, città); other scripts count apart.
                        if (0xC0...0x24F).contains(v) { latin += 1; word.append(0x80) } else { others += 1; endWord() }
                    } else { endWord() }
                }
                endWord()
            }
        }

        var language: String {
            if hangul > 0 && hangul * 3 >= latin && hangul * 3 >= others { return "ko" }
            if others > latin + hangul * 3 { return "other" }
            // Latin text is another language only on evidence of it: its own function words
            // (a sports table or a list of names has neither kind, and stays English).
            if words >= 20 && english * 20 < words && foreign * 20 >= words { return "other" }
            return "en"
        }

        /// Enough text, and one language clearly ahead, to overrule a declared language.
        var isPlain: Bool {
            switch language {
            case "ko": return hangul >= 20 && hangul >= latin
            case "other": return (others >= 40 && others > 4 * latin) || (words >= 20 && english * 20 < words && foreign * 10 >= words && hangul == 0)
            default: return hangul == 0 && others == 0 && words >= 20 && english * 10 >= words
            }
        }
    }

    /// A language as `--lang` and watch files name it: `ko`, `en` (any tag normalize reads as
    /// them) or `other`; nil for anything else.
    public static func filter(_ value: String) -> String? {
        if value.lowercased() == "other" { return "other" }
        let n = normalize(value)
        return n == "other" ? nil : n
    }

    /// Normalizes a language tag (`KO`, `kor`, `ko-KR`, `English`, `pt-BR`) to `ko`, `en` or
    /// `other` (any other language tag: two or three letters, with a region or not), or nil
    /// for what is no language tag.
    public static func normalize(_ tag: String) -> String? {
        let t = tag.lowercased().trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("ko") || t == "kr" || t == "kor" || t == "한국어" || t == "korean" { return "ko" }
        if t.hasPrefix("en") { return "en" }
        if t == "other" { return "other" }
        let primary = t.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? ""
        if (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) { return "other" }
        return nil
    }
}
