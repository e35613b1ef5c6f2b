import CSosikICU

/// Legacy character sets through ICU's converters: what SosikIngest uses to read EUC-KR and
/// CP949 pages and feeds (still common in Korean news) and anything else a page declares.
///
/// ```swift
/// Charset.decode([0xC7, 0xD1], from: "euc-kr")   // "한"
/// ```
public enum Charset {
    /// ICU's name for a label found in a page or feed, or nil when ICU has no such converter.
    /// Korean labels map to windows-949 (CP949/UHC), the superset browsers use for all of them:
    /// pages labelled EUC-KR routinely hold its extra syllables.
    public static func canonical(_ label: String) -> String? {
        let l = label.lowercased().trimmingWhitespace(quotes: true)
        if l.isEmpty { return nil }
        if koreanLabels.contains(l) { return "windows-949" }
        if l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8" { return "UTF-8" }
        // WHATWG: latin-1 labels mean windows-1252.
        if l == "iso-8859-1" || l == "latin1" || l == "us-ascii" || l == "ascii" { return "windows-1252" }
        var name = [CChar](repeating: 0, count: 128)
        guard sosik_icu_converter_name(l, &name, Int32(name.count)) == 0 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static let koreanLabels: Set<String> = ["euc-kr", "euckr", "cp949", "ms949", "windows-949", "uhc", "ks_c_5601-1987",
                                             "ks_c_5601-1989", "ksc5601", "ksc_5601", "iso-ir-149", "korean", "csksc56011987",
                                             "x-windows-949", "euc_kr"]

    /// The text of `bytes` in charset `name` (a canonical name), invalid sequences replaced by
    /// U+FFFD; nil when ICU has no converter by that name.
    public static func decode(_ bytes: [UInt8], from name: String) -> String? {
        if bytes.isEmpty { return "" }
        // ICU's one-shot conversion takes Int32 lengths: (3 × bytes) must fit.
        guard bytes.count < 600_000_000 else { return nil }
        var capacity = bytes.count * 3 + 16
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            var status: Int32 = 0
            let n = bytes.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    src.withMemoryRebound(to: CChar.self) { s in
                        dst.withMemoryRebound(to: CChar.self) { d in
                            sosik_icu_convert("UTF-8", name, d.baseAddress, Int32(capacity), s.baseAddress, Int32(bytes.count), &status)
                        }
                    }
                }
            }
            if status == Int32(SOSIK_ICU_BUFFER_OVERFLOW) { capacity = Int(n) + 16; continue }
            guard status <= 0 else { return nil }
            return String(decoding: out[..<Int(n)], as: UTF8.self)
        }
    }

    /// ICU's guess at the charset of bytes that carry no declaration, with its confidence
    /// (0–100), or nil.
    public static func detect(_ bytes: [UInt8]) -> (name: String, confidence: Int)? {
        let sample = Array(bytes.prefix(64 << 10))
        var name = [CChar](repeating: 0, count: 128)
        let confidence = sample.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { sosik_icu_detect_charset($0.baseAddress, Int32(sample.count), &name, Int32(name.count)) }
        }
        guard confidence >= 0 else { return nil }
        return (String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(confidence))
    }
}
