import SosikText

/// Turns the bytes of a page or feed into text: a byte-order mark first, then what the
/// document declares (`<meta charset>`, `http-equiv` Content-Type, `<?xml encoding?>`), then
/// UTF-8 if the bytes are valid UTF-8, then ICU's detector. Legacy charsets (EUC-KR, CP949,
/// Latin-1…) are converted by ICU.
///
/// ```swift
/// TextDecoding.decode(eucKRBytes, markup: true).charset   // "windows-949"
/// ```
public enum TextDecoding {
    public struct Decoded {
        public var text: String
        /// The charset used (ICU's name), and how it was chosen.
        public var charset: String
        public var how: String
    }

    /// Whether the bytes start with UTF-16's byte-order mark (either endianness).
    public static func hasUTF16ByteOrderMark(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }

    /// Validates UTF-8 across chunk boundaries: `carry` holds an incomplete trailing sequence
    /// for the next chunk (at the end of the input, a non-empty `carry` is invalid).
    public static func validUTF8(_ carry: inout [UInt8], _ chunk: [UInt8]) -> Bool {
        var bytes = carry + chunk
        carry = []
        if bytes.isEmpty { return true }
        // Keep back up to 3 bytes of a sequence that may continue in the next chunk.
        var cut = bytes.count
        for back in 1...min(3, bytes.count) {
            let b = bytes[bytes.count - back]
            if b & 0xC0 == 0x80 { continue }
            let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if need > back { cut = bytes.count - back }
            break
        }
        carry = Array(bytes[cut...])
        bytes.removeLast(bytes.count - cut)
        return String(validating: bytes, as: UTF8.self) != nil
    }

    public static func decode(_ bytes: [UInt8], markup: Bool) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(text: String(decoding: bytes.dropFirst(3), as: UTF8.self), charset: "UTF-8", how: "byte-order mark")
        }
        if hasUTF16ByteOrderMark(bytes) {
            let name = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
            if let t = Charset.decode(Array(bytes.dropFirst(2)), from: name) { return Decoded(text: t, charset: name, how: "byte-order mark") }
        }
        if markup, let label = declaredCharset(bytes), let name = Charset.canonical(label) {
            if name == "UTF-8" {
                // A page that says UTF-8 but is not (saved from an EUC-KR site by a tool that
                // added the tag) is decoded by what the bytes are.
                if String(validating: bytes, as: UTF8.self) != nil {
                    return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: name, how: "declared")
                }
                // Only a Korean, Japanese or Chinese legacy charset overrides the declaration:
                // a detector's Latin-1 guess on mostly-ASCII text with a stray byte is weaker
                // evidence than what the document says.
                if !isMostlyUTF8(bytes), let (guess, _) = Charset.detect(bytes), let detected = Charset.canonical(guess),
                   Self.eastAsian.contains(where: { detected.lowercased().contains($0) }), let t = Charset.decode(bytes, from: detected) {
                    return Decoded(text: t, charset: detected, how: "detected (declared \(label))")
                }
                return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8", how: "invalid UTF-8 (declared \(label)), replaced")
            } else if name != "windows-1252", bytes.contains(where: { $0 >= 0x80 }), let utf8 = String(validating: bytes, as: UTF8.self) {
                // Declared legacy, but the bytes are valid UTF-8 with non-ASCII text: a page saved
                // as UTF-8 that kept its old <meta charset>. (Valid UTF-8 by chance is rare in
                // EUC-KR Korean text.)
                return Decoded(text: utf8, charset: "UTF-8", how: "valid UTF-8 (declared \(label))")
            } else if let t = Charset.decode(bytes, from: name) {
                return Decoded(text: t, charset: name, how: "declared \(label)")
            }
        }
        if let valid = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: valid, charset: "UTF-8", how: "valid UTF-8")
        }
        if isMostlyUTF8(bytes) {
            // UTF-8 with a few damaged bytes (a cut file, a stray Latin-1 byte): not a legacy
            // charset, whatever a detector would guess.
            return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8", how: "invalid UTF-8, replaced")
        }
        if let (guess, _) = Charset.detect(bytes), let name = Charset.canonical(guess), name != "UTF-8",
           let t = Charset.decode(bytes, from: name) {
            return Decoded(text: t, charset: name, how: "detected")
        }
        return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: "UTF-8", how: "invalid UTF-8, replaced")
    }

    /// Charsets that a detector may prefer over a UTF-8 declaration (ICU's names, lowercased parts).
    static let eastAsian = ["949", "euc-kr", "euc-jp", "shift_jis", "gb", "big5", "iso-2022"]

    /// What to tell the user about how the text was decoded, or nil when nothing went wrong.
    public static func warning(_ decoded: Decoded) -> String? {
        if decoded.how.hasPrefix("invalid UTF-8 (declared") {
            return "declared UTF-8 but holds invalid UTF-8; read with replacement characters (U+FFFD)"
        }
        if decoded.how.hasPrefix("invalid") {
            return "not valid UTF-8, and no charset was declared or detected; read with replacement characters (U+FFFD)"
        }
        if decoded.how.hasPrefix("detected (declared") {
            return "declared UTF-8 but is not; read as \(decoded.charset) (detected)"
        }
        return nil
    }

    /// Whether the bytes hold at least as many well-formed multi-byte UTF-8 sequences as bytes
    /// that are not part of one.
    static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        var valid = 0, invalid = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : -1
            if need > 0 && i + need < n + 0 && (1...need).allSatisfy({ i + $0 < n && bytes[i + $0] & 0xC0 == 0x80 }) {
                valid += 1
                i += need + 1
            } else {
                invalid += 1
                i += 1
            }
        }
        return valid >= invalid
    }

    /// The charset a document declares in its first 4,096 bytes: `<meta charset=…>`,
    /// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
    /// This is the HTML standard's pre-scan: it reads bytes before the document can be parsed
    /// (the parser needs to know the encoding first), looking only for those attribute names.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        for key in ["charset=", "encoding="] {
            var search = head[...]
            while let r = search.range(of: key) {
                let before = head[..<r.lowerBound]
                // Only inside a <meta …> or <?xml …?> tag.
                if let open = before.lastIndex(of: "<"), before.lastIndex(of: ">").map({ $0 < open }) ?? true,
                   head[open...].hasPrefix("<meta") || head[open...].hasPrefix("<?xml") {
                    var value = head[r.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
                    value = value.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." })
                    if !value.isEmpty { return String(value) }
                }
                search = head[r.upperBound...]
            }
        }
        return nil
    }
}
