@_implementationOnly import CICU

/// Word boundaries for scripts written without spaces (Thai, Lao, Khmer, Myanmar), from ICU's
/// dictionary-based word break. Hangul, Han and alphabetic scripts never come here: the scanner
/// handles them by hand, which is several times faster than ICU's rule engine.
enum ComplexScriptBreaker {
    /// Calls `body` with the byte range of each word inside `text[from..<to]`.
    /// Returns false if `body` asked to stop.
    static func words(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                      _ body: (Int, Int) -> Bool) -> Bool {
        guard let base = text.baseAddress, to > from else { return true }
        var status = U_ZERO_ERROR
        let start = UnsafeRawPointer(base + from).assumingMemoryBound(to: CChar.self)
        guard let ut = icu_utext_openUTF8(nil, start, Int64(to - from), &status), status.rawValue <= 0 else {
            return body(from, to)
        }
        defer { _ = icu_utext_close(ut) }
        status = U_ZERO_ERROR
        guard let bi = icu_ubrk_open_word("", &status), status.rawValue <= 0 else { return body(from, to) }
        defer { icu_ubrk_close(bi) }
        icu_ubrk_setUText(bi, ut, &status)
        guard status.rawValue <= 0 else { return body(from, to) }
        var previous = icu_ubrk_first(bi)
        while true {
            let next = icu_ubrk_next(bi)
            if next < 0 { break }   // UBRK_DONE
            // Rule status 0..<100 is "none" (spaces, punctuation); numbers, letters, kana, ideographs above.
            if icu_ubrk_getRuleStatus(bi) >= 100, !body(from + Int(previous), from + Int(next)) { return false }
            previous = next
        }
        return true
    }
}
