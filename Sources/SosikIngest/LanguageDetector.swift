import Foundation

/// Tells Korean from English by script: Hangul syllables against Latin letters.
///
/// A Hangul syllable carries about three letters' worth of text, and Korean news quotes English
/// names freely, so a text is Korean when its Hangul is at least a third of its Latin letters.
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
        var hangul = 0, latin = 0, seen = 0
        for part in [title, body] {
            for s in part.unicodeScalars {
                if seen == 4096 { break }
                seen += 1
                let v = s.value
                if (0xAC00...0xD7A3).contains(v) || (0x1100...0x11FF).contains(v) { hangul += 1 }
                else if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { latin += 1 }
            }
        }
        return hangul > 0 && hangul * 3 >= latin ? "ko" : "en"
    }

    /// Normalizes a user-given language tag (`KO`, `kor`, `ko-KR`, `English`) to `ko`/`en`, or nil.
    public static func normalize(_ tag: String) -> String? {
        let t = tag.lowercased().trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("ko") || t == "kor" || t == "한국어" { return "ko" }
        if t.hasPrefix("en") { return "en" }
        return nil
    }
}
