import CSosikICU

/// The scanner's view of one Unicode scalar. Plain ASCII and Hangul are decided by range checks
/// (they are nearly all of the text); only other scalars ask ICU for their properties.
enum CharClass: UInt8 {
    case separator   // spaces, punctuation, symbols: end a word
    case ignorable   // zero-width space/joiners, BOM, soft hyphen: invisible, never split a word
    case extend      // combining marks: belong to the character before them
    case letter      // Latin and other alphabetic scripts (Cyrillic, Greek, ...)
    case digit
    case hangul      // syllables and jamo (conjoining, compatibility)
    case han
    case kana
    case complex     // Thai, Lao, Khmer, Myanmar: no spaces between words, ICU dictionary break

    @inline(__always)
    static func of(_ c: UInt32) -> CharClass {
        if c < 0x80 {
            if c >= 0x61 && c <= 0x7A || c >= 0x41 && c <= 0x5A { return .letter }
            if c >= 0x30 && c <= 0x39 { return .digit }
            return .separator
        }
        if c >= 0xAC00 && c <= 0xD7A3 { return .hangul }
        return ofNonASCII(c)
    }

    static func ofNonASCII(_ c: UInt32) -> CharClass {
        switch c {
        // ㆍ (U+318D) and ・ (U+30FB) are how Korean news writes a middle dot (남ㆍ북, 한・미):
        // marks between words, not letters (Analyzer joins the words around them).
        case 0x318D, 0x30FB: return .separator
        case 0x1100...0x11FF, 0x3131...0x318E, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .hangul
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return .han
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0xFF10...0xFF19: return .digit          // full-width digits (NFKC folds them)
        case 0xFF21...0xFF3A, 0xFF41...0xFF5A: return .letter
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: return .ignorable
        case 0xFFFD: return .separator                // invalid UTF-8 stands here
        default: break
        }
        let c32 = Int32(bitPattern: c)
        if sosik_icu_is_default_ignorable(c32) != 0 { return .ignorable }
        switch sosik_icu_char_type(c32) {
        case 6, 7, 8: return .extend              // Mn, Me, Mc
        case 9: return .digit                     // Nd
        case 1, 2, 3, 4, 5, 10:                   // letters and letter numbers
            switch sosik_icu_script(c32) {
            case 38, 24, 23, 28: return .complex  // Thai, Lao, Khmer, Myanmar
            case 18: return .hangul
            case 17: return .han
            case 20, 22: return .kana             // Hiragana, Katakana
            default: return .letter
            }
        default: return .separator
        }
    }
}
