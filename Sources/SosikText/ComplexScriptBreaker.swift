import CSosikICU

/// Word boundaries for scripts written without spaces (Thai, Lao, Khmer, Myanmar), from ICU's
/// dictionary-based word break. Hangul, Han and alphabetic scripts never come here: the scanner
/// handles them by hand, which is several times faster than ICU's rule engine.
enum ComplexScriptBreaker {
    /// Calls `body` with the byte range of each word inside `text[from..<to]`.
    /// Returns false if `body` asked to stop.
    static func words(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                      _ body: (Int, Int) -> Bool) -> Bool {
        guard let base = text.baseAddress, to > from else { return true }
        let start = UnsafeRawPointer(base + from).assumingMemoryBound(to: CChar.self)
        guard let words = sosik_icu_words_open(start, Int64(to - from)) else { return body(from, to) }
        defer { sosik_icu_words_close(words) }
        var previous = sosik_icu_words_first(words)
        while true {
            let next = sosik_icu_words_next(words)
            if next < 0 { break }   // UBRK_DONE
            // Rule status 0..<100 is "none" (spaces, punctuation); numbers, letters, kana, ideographs above.
            if sosik_icu_words_rule_status(words) >= 100, !body(from + Int(previous), from + Int(next)) { return false }
            previous = next
        }
        return true
    }
}
