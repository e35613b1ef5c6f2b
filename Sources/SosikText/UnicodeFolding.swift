import CSosikICU

/// ICU's NFKC_Casefold: full-width → ASCII, compatibility ideographs → unified, case folded,
/// default-ignorables removed. Used only for words that are not plain ASCII; ASCII is folded by
/// hand because it is most of English text and needs nothing but lowercasing.
enum UnicodeFolding {
    /// Appends the NFKC_Casefold form of `scalars` to `out` as UTF-8.
    static func fold(_ scalars: ArraySlice<UInt32>, into out: inout [UInt8]) {
        var utf16: [UInt16] = []
        utf16.reserveCapacity(scalars.count * 2)
        for c in scalars {
            if c < 0x10000 { utf16.append(UInt16(c)) } else {
                let v = c - 0x10000
                utf16.append(UInt16(0xD800 + (v >> 10))); utf16.append(UInt16(0xDC00 + (v & 0x3FF)))
            }
        }
        var capacity = utf16.count * 2 + 16
        while true {
            var dest = [UInt16](repeating: 0, count: capacity)
            var status: Int32 = 0
            let length = Int(sosik_icu_nfkc_casefold(utf16, Int32(utf16.count), &dest, Int32(capacity), &status))
            if status == Int32(SOSIK_ICU_BUFFER_OVERFLOW) { capacity = length + 16; continue }
            // No ICU data, or another failure: the text is kept as it is.
            if status > 0 { for c in scalars { appendUTF8(c, to: &out) }; return }
            for scalar in String(decoding: dest[0..<length], as: UTF16.self).unicodeScalars {
                appendUTF8(scalar.value, to: &out)
            }
            return
        }
    }

    /// The folded form of one scalar, as scalars (a compatibility ideograph folds to one).
    static func foldScalar(_ c: UInt32) -> [UInt32] {
        var bytes: [UInt8] = []
        fold([c][...], into: &bytes)
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
    }
}
