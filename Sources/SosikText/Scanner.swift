/// Splits UTF-8 text into runs of one kind — a word of letters and digits, a run of Hangul
/// syllables, of Han, of Kana, of a complex script — remembering the original byte range of every
/// unit. Analyzer turns runs into tokens. Zero-width characters are skipped without ending a run;
/// conjoining jamo (NFD Hangul) are composed into syllables whose range covers all their bytes.
struct Scanner {
    enum Kind { case word, hangul, han, kana, complex }

    /// Units of the current run: for Hangul/Han/Kana one per (composed) character, for words one
    /// per scalar. `starts[i]..<ends[i]` is the unit's range in the original text.
    private(set) var kind: Kind = .word
    private(set) var units: [UInt32] = []
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []

    init() {
        units.reserveCapacity(64); starts.reserveCapacity(64); ends.reserveCapacity(64)
    }

    /// Calls `flush` with each run in order; stops early when it returns false.
    mutating func scan(_ text: UnsafeBufferPointer<UInt8>, _ flush: (inout Scanner) -> Bool) {
        let n = text.count
        var i = 0
        units.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        while i < n {
            let (c, len) = decodeScalar(text, i)
            let cls = CharClass.of(c)
            switch cls {
            case .ignorable:
                break
            case .extend:
                // A mark belongs to the character before it: part of a word's text, or widening
                // the range of a syllable (never a unit of its own, which would break bigrams).
                if !units.isEmpty {
                    if kind == .word { append(c, i, i + len) } else { ends[ends.count - 1] = i + len }
                }
            case .separator:
                if kind == .word, !units.isEmpty, joinsWord(c, text, i + len) {
                    append(c, i, i + len)
                } else if !units.isEmpty {
                    if !flush(&self) { return }
                    clear()
                }
            case .letter, .digit:
                guard begin(.word, flush: flush) else { return }
                append(c, i, i + len)
            case .hangul:
                guard begin(.hangul, flush: flush) else { return }
                appendHangul(c, i, i + len)
            case .han:
                guard begin(.han, flush: flush) else { return }
                if (0xF900...0xFAFF).contains(c) || (0x2F800...0x2FA1F).contains(c) {
                    append(UnicodeFolding.foldScalar(c).first ?? c, i, i + len)
                } else {
                    append(c, i, i + len)
                }
            case .kana:
                guard begin(.kana, flush: flush) else { return }
                append(c, i, i + len)
            case .complex:
                guard begin(.complex, flush: flush) else { return }
                append(c, i, i + len)
            }
            i += len
        }
        if !units.isEmpty { _ = flush(&self) }
        clear()
    }

    /// Ends the current run if it is of another kind. False when the consumer asked to stop.
    @inline(__always)
    private mutating func begin(_ k: Kind, flush: (inout Scanner) -> Bool) -> Bool {
        if kind != k {
            if !units.isEmpty {
                if !flush(&self) { clear(); return false }
                clear()
            }
            kind = k
        }
        return true
    }

    @inline(__always)
    private mutating func append(_ c: UInt32, _ s: Int, _ e: Int) {
        units.append(c); starts.append(s); ends.append(e)
    }

    private mutating func clear() {
        units.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// NFD Hangul: L + V (+ T) jamo compose into one syllable, as NFC would.
    @inline(__always)
    private mutating func appendHangul(_ c: UInt32, _ s: Int, _ e: Int) {
        if let last = units.last {
            if (0x1161...0x1175).contains(c), (0x1100...0x1112).contains(last) {
                units[units.count - 1] = 0xAC00 + ((last - 0x1100) * 21 + (c - 0x1161)) * 28
                ends[ends.count - 1] = e
                return
            }
            if (0x11A8...0x11C2).contains(c), (0xAC00...0xD7A3).contains(last), (last - 0xAC00) % 28 == 0 {
                units[units.count - 1] = last + (c - 0x11A7)
                ends[ends.count - 1] = e
                return
            }
        }
        append(c, s, e)
    }

    /// Punctuation that stays inside a word, as in ICU's word rules: U.S, 3.5, 1,000, Kim's, don’t.
    @inline(__always)
    private func joinsWord(_ c: UInt32, _ text: UnsafeBufferPointer<UInt8>, _ next: Int) -> Bool {
        guard c == 0x2E || c == 0x2C || c == 0x27 || c == 0x2019, next < text.count,
              let prev = units.last else { return false }
        let (n, _) = decodeScalar(text, next)
        let prevDigit = CharClass.of(prev) == .digit, nextClass = CharClass.of(n)
        switch c {
        case 0x2C: return prevDigit && nextClass == .digit
        case 0x2E: return prevDigit ? nextClass == .digit : (CharClass.of(prev) == .letter && nextClass == .letter)
        default: return !prevDigit && CharClass.of(prev) == .letter && nextClass == .letter
        }
    }
}
