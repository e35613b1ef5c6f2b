import Foundation

/// What a passage is on the page. Captions, credits and footers are indexed (a caption can be
/// the only place a name appears) but weigh less than body text in the ranking.
public enum PassageKind: String, Sendable, CaseIterable {
    case body, caption, credit, footer

    /// Recognizes a paragraph by how it starts, in the forms Korean and English news pages use:
    /// `사진: …`, `[사진] …`, `▲ …`, `Photo: …`, `Caption: …` (captions); `ⓒ …`, `© …`,
    /// `Photo credit: …`, `사진 제공: …` (credits); `Read in Korean: …`, `영문 기사: …`,
    /// `More from …`, `※ …` (footers).
    ///
    /// ```swift
    /// PassageKind.of("사진: 회령시 강둑")   // .caption
    /// ```
    public static func of(_ paragraph: Substring) -> PassageKind {
        let t = paragraph.drop(while: { $0 == " " })
        // Most paragraphs start with none of the prefixes' first characters: one scalar tells.
        guard let first = t.unicodeScalars.first, firstScalars.contains(first) else { return .body }
        func starts(_ prefixes: [String]) -> Bool { prefixes.contains { t.hasPrefix($0) } }
        if starts(credits) { return .credit }
        if starts(captions) { return .caption }
        if starts(footers) { return .footer }
        return .body
    }

    static let credits = ["ⓒ", "©", "(c) ", "Photo credit", "사진 제공", "사진제공", "사진=", "Copyright "]
    static let captions = ["사진:", "사진 :", "[사진]", "▲", "Photo:", "Photo :", "Caption:", "PHOTO:", "(Photo", "[Photo]"]
    static let footers = ["Read in Korean", "Read in English", "영문 기사", "영문기사", "한국어 기사", "More from", "※"]

    /// First scalars of every prefix, composed and decomposed (hasPrefix matches NFD text too).
    static let firstScalars: Set<Unicode.Scalar> = {
        var set = Set<Unicode.Scalar>()
        for p in credits + captions + footers {
            for form in [p, p.decomposedStringWithCanonicalMapping, p.precomposedStringWithCanonicalMapping] {
                if let u = form.unicodeScalars.first { set.insert(u) }
            }
        }
        return set
    }()
}
