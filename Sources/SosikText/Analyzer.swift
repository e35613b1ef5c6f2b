/// sosik's one analyzer, used for documents (through the FTS5 tokenizer) and for queries alike.
///
/// - Text is read as UTF-8; invalid bytes separate words and never shift offsets.
/// - Words: runs of letters and digits (Latin and other alphabets, with ICU's in-word punctuation:
///   U.S, 3.5, 1,000, Kim's), runs of Hangul, of Han, of Kana; a change between them splits
///   (LG전자 → lg + 전자, 2025년 → 2025 + 년). Thai-like scripts use ICU's dictionary word break.
/// - Folding: ICU NFKC_Casefold (ＰＯＬＩＣＥ → police, 女 U+F981 → 女), ASCII by hand;
///   zero-width characters and BOMs are ignored inside words; NFD Hangul is composed.
/// - English: dots and apostrophes dropped (U.N. → un, Kim's → kim), Porter stemming
///   (patrols, patrolling → patrol).
/// - Korean (and Han, Kana): overlapping bigrams of the run (경찰이 → 경찰 찰이); a one-syllable
///   run is kept whole. When the word ends in a known particle or ending that leaves a
///   one-syllable stem (북은, 군이), that syllable is stored too, at the same position.
///
/// Every token's range points into the original text on UTF-8 boundaries, so FTS5's highlight()
/// and snippet() mark exactly the matched characters.
///
/// ```swift
/// Analyzer().tokens(in: "LG전자 patrols").map(\.text)   // ["lg", "전자", "patrol"]
/// Analyzer().queryTerms(in: "순찰을")[0].alternatives     // [["순찰"]]
/// ```
public struct Analyzer: Sendable {
    /// Stored with every index: an index built by another analyzer must be rebuilt.
    public static let name = "sosik-v5"

    public init() {}

    /// The tokens the index stores for `text`, with positions.
    public func tokens(in text: String) -> [Token] {
        var text = text
        var out: [Token] = []
        var position = -1
        text.withUTF8 { bytes in
            analyze(bytes) { token, start, end, colocated in
                if !colocated { position += 1 }
                out.append(Token(text: String(decoding: token, as: UTF8.self), start: start, end: end,
                                 position: max(position, 0), colocated: colocated))
                return true
            }
        }
        return out
    }

    /// Document analysis, the hot path: calls `emit(folded, start, end, colocated)` for every
    /// token; stops when `emit` returns false.
    public func analyze(_ text: UnsafeBufferPointer<UInt8>,
                        _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) -> Bool) {
        var scanner = Scanner()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        // A number directly followed by Hangul (2025년, 3명이): remembered for the counter token.
        var number: [UInt8] = []
        var numberStart = 0, numberEnd = -1
        // Words joined by hyphens (K-pop, anti-socialist): where the first part began. Only
        // offsets are kept; the joined word is folded from the text when a hyphen turns up.
        var compoundStart = 0, wordEnd = -1
        // The last Korean run: where it ended, its last syllable and where that began (북·미).
        var hangulEnd = -1, hangulLast: UInt32 = 0, hangulLastStart = 0
        scanner.scan(text) { run in
            switch run.kind {
            case .word:
                buffer.removeAll(keepingCapacity: true)
                Self.foldWord(run.units[...], into: &buffer)
                if buffer.isEmpty { return true }
                let start = run.starts[0], end = run.ends[run.ends.count - 1]
                let hyphenated = wordEnd >= 0 && start == wordEnd + 1 && text[wordEnd] == 0x2D
                if !hyphenated { compoundStart = start }
                wordEnd = end
                if Self.isNumber(buffer) {
                    number = buffer; numberStart = start; numberEnd = end
                }
                guard buffer.withUnsafeBufferPointer({ emit($0, start, end, false) }) else { return false }
                if let head = Self.contractionHead(run.units) {
                    // doesn't → doesnt, and doesn at the same position: a word split at its
                    // apostrophe (as many tokenizers and people do) still finds it.
                    buffer.removeAll(keepingCapacity: true)
                    Self.foldWord(run.units[..<head], into: &buffer)
                    if buffer.count >= 2, !buffer.withUnsafeBufferPointer({ emit($0, start, run.ends[head - 1], true) }) { return false }
                }
                if hyphenated {
                    // The whole compound too, so that kpop finds K-pop and K-pop finds Kpop.
                    buffer.removeAll(keepingCapacity: true)
                    Self.foldJoined(text, compoundStart, end, into: &buffer)
                    return buffer.withUnsafeBufferPointer { emit($0, compoundStart, end, true) }
                }
                return true
            case .hangul:
                wordEnd = -1
                let counter = numberEnd == run.starts[0] ? number : nil
                let joined = Self.joiner(text, hangulEnd, run.starts[0]) ? (hangulLast, hangulLastStart) : nil
                hangulEnd = run.ends[run.ends.count - 1]
                hangulLast = run.units[run.units.count - 1]
                hangulLastStart = run.starts[run.starts.count - 1]
                return Self.emitBigrams(run, korean: true, counterPrefix: counter, counterStart: numberStart,
                                        joined: joined.map { (scalar: $0.0, start: $0.1) }, &buffer, emit)
            case .han where HanjaAbbreviations.applies(to: run.units):
                wordEnd = -1
                for (i, c) in run.units.enumerated() {
                    let entry = HanjaAbbreviations.table[c]!
                    buffer.removeAll(keepingCapacity: true)
                    appendUTF8(entry.reading, to: &buffer)
                    guard buffer.withUnsafeBufferPointer({ emit($0, run.starts[i], run.ends[i], false) }) else { return false }
                    for bigram in Self.bigrams(entry.word) {
                        guard bigram.withUnsafeBufferPointer({ emit($0, run.starts[i], run.ends[i], true) }) else { return false }
                    }
                }
                return true
            case .han, .kana:
                wordEnd = -1
                return Self.emitBigrams(run, korean: false, counterPrefix: nil, counterStart: 0, &buffer, emit)
            case .complex:
                wordEnd = -1
                return ComplexScriptBreaker.words(text, from: run.starts[0], to: run.ends[run.ends.count - 1]) { s, e in
                    buffer.removeAll(keepingCapacity: true)
                    let scalars = Self.scalars(text, s, e)
                    UnicodeFolding.fold(scalars[...], into: &buffer)
                    return buffer.isEmpty || buffer.withUnsafeBufferPointer { emit($0, s, e, false) }
                }
            }
        }
    }

    /// Query analysis: one `QueryTerm` per word of `text`, saying which index terms match it.
    public func queryTerms(in text: String) -> [QueryTerm] {
        var text = text
        var terms: [QueryTerm] = []
        text.withUTF8 { bytes in
            var scanner = Scanner()
            var buffer: [UInt8] = []
            var number = "", numberEnd = -1, numberSurface = ""
            var compoundStart = 0, wordEnd = -1
            // The last Korean word: where it started and ended, its syllables and surface.
            var hangulStart = 0, hangulEnd = -1, hangulUnits: [UInt32] = [], hangulSurface = ""
            scanner.scan(bytes) { run in
                let start = run.starts[0], end = run.ends[run.ends.count - 1]
                let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                if run.kind != .word { wordEnd = -1 }
                switch run.kind {
                case .word:
                    buffer.removeAll(keepingCapacity: true)
                    Self.foldWord(run.units[...], into: &buffer)
                    if buffer.isEmpty { return true }
                    let hyphenated = wordEnd >= 0 && start == wordEnd + 1 && bytes[wordEnd] == 0x2D && !terms.isEmpty
                    if !hyphenated { compoundStart = start }
                    wordEnd = end
                    let word = String(decoding: buffer, as: UTF8.self)
                    if hyphenated {
                        // K-pop: both parts, or the parts written as one word.
                        var joined: [UInt8] = []
                        Self.foldJoined(bytes, compoundStart, end, into: &joined)
                        let whole = String(decoding: UnsafeBufferPointer(rebasing: bytes[compoundStart..<end]), as: UTF8.self)
                        terms[terms.count - 1] = QueryTerm(surface: whole,
                            alternatives: [terms[terms.count - 1].alternatives[0] + [word], [String(decoding: joined, as: UTF8.self)]])
                    } else {
                        if Self.isNumber(buffer) { number = word; numberEnd = end; numberSurface = surface }
                        terms.append(QueryTerm(surface: surface, alternatives: [[word]]))
                    }
                case .han where HanjaAbbreviations.applies(to: run.units):
                    for (i, c) in run.units.enumerated() {
                        let entry = HanjaAbbreviations.table[c]!
                        var reading: [UInt8] = []
                        appendUTF8(entry.reading, to: &reading)
                        var alternatives = [[String(decoding: reading, as: UTF8.self)]]
                        if !entry.word.isEmpty { alternatives.append(Self.bigrams(entry.word).map { String(decoding: $0, as: UTF8.self) }) }
                        let one = String(decoding: UnsafeBufferPointer(rebasing: bytes[run.starts[i]..<run.ends[i]]), as: UTF8.self)
                        terms.append(QueryTerm(surface: one, alternatives: alternatives))
                    }
                case .hangul, .han, .kana:
                    var term = Self.cjkQueryTerm(run.units, surface: surface, korean: run.kind == .hangul)
                    if run.kind == .hangul {
                        // 북·미, 남ㆍ북, 북-미: one word, as written without the mark (북미).
                        if Self.joiner(bytes, hangulEnd, start), let last = terms.last, last.surface == hangulSurface {
                            terms.removeLast()
                            hangulUnits += run.units
                            hangulSurface = String(decoding: UnsafeBufferPointer(rebasing: bytes[hangulStart..<end]), as: UTF8.self)
                            term = Self.cjkQueryTerm(hangulUnits, surface: hangulSurface, korean: true)
                        } else {
                            hangulUnits = run.units
                            hangulStart = start
                            hangulSurface = surface
                        }
                        hangulEnd = end
                    }
                    if run.kind == .hangul && numberEnd == start, terms.last?.surface == numberSurface {
                        // 2014년에 → one word: the number with its counter, or both apart.
                        var bytes: [UInt8] = Array(number.utf8)
                        appendUTF8(run.units[0], to: &bytes)
                        let counter = String(decoding: bytes, as: UTF8.self)
                        let stem = term.alternatives[0]
                        terms[terms.count - 1] = QueryTerm(
                            surface: numberSurface + surface, alternatives: [[counter] + stem, [number] + stem],
                            extras: term.extras)
                    } else {
                        terms.append(term)
                    }
                case .complex:
                    _ = ComplexScriptBreaker.words(bytes, from: start, to: end) { s, e in
                        buffer.removeAll(keepingCapacity: true)
                        UnicodeFolding.fold(Self.scalars(bytes, s, e)[...], into: &buffer)
                        if !buffer.isEmpty {
                            let word = String(decoding: buffer, as: UTF8.self)
                            let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
                            terms.append(QueryTerm(surface: surface, alternatives: [[word]]))
                        }
                        return true
                    }
                }
                return true
            }
        }
        return terms
    }

    // MARK: - Words of letters and digits

    /// Folds a word: lowercase (ASCII by hand, the rest through ICU), then the English steps.
    static func foldWord(_ units: ArraySlice<UInt32>, into out: inout [UInt8], finish: Bool = true) {
        var ascii = true
        for c in units where c >= 0x80 && c != 0x2019 { ascii = false; break }
        if ascii {
            for c in units {
                if c == 0x2019 { out.append(0x27) }                      // ’ → '
                else if c >= 0x41 && c <= 0x5A { out.append(UInt8(c + 32)) }
                else { out.append(UInt8(c)) }
            }
        } else {
            UnicodeFolding.fold(units.map { $0 == 0x2019 ? 0x27 : $0 }[...], into: &out)
        }
        if finish { finishEnglish(&out) }
    }

    /// For an English contraction, the number of characters before the apostrophe: they're,
    /// we've, you'll, it'd (the head is a word of its own), and the n't forms whose head has
    /// four letters or more (doesn't, didn't, wasn't, couldn't: doesn, didn …) — not don't,
    /// won't, can't, whose heads would find Don, won and can. nil otherwise (possessive 's is
    /// dropped by the English steps anyway).
    static func contractionHead(_ u: [UInt32]) -> Int? {
        guard let i = u.lastIndex(where: { $0 == 0x27 || $0 == 0x2019 }), i >= 2 else { return nil }
        let tail = u[(i + 1)...].map { $0 | 0x20 }   // ASCII lowercase
        if tail.elementsEqual([0x74]) {   // 't
            return i >= 4 && (u[i - 1] | 0x20) == 0x6E ? i : nil
        }
        let suffixes: [[UInt32]] = [[0x72, 0x65], [0x76, 0x65], [0x6C, 0x6C], [0x64], [0x6D]]
        return suffixes.contains(where: { $0.elementsEqual(tail) }) ? i : nil
    }

    /// The hyphenated word in `text[start..<end]` written as one (K-pop → kpop), folded and
    /// stemmed like any word. Rare, so it re-reads the text instead of tracking every word.
    static func foldJoined(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        foldWord(scalars(text, start, end).filter { $0 != 0x2D }[...], into: &out)
    }

    /// UTF-8 bigrams of a word (the word itself when it has one character).
    static func bigrams(_ u: [UInt32]) -> [[UInt8]] {
        if u.isEmpty { return [] }
        if u.count == 1 { var b: [UInt8] = []; appendUTF8(u[0], to: &b); return [b] }
        return (0..<(u.count - 1)).map { i in
            var b: [UInt8] = []
            appendUTF8(u[i], to: &b); appendUTF8(u[i + 1], to: &b)
            return b
        }
    }

    /// Possessive 's dropped, dots and apostrophes dropped from words without digits
    /// (U.N → un, don't → dont), then Porter stemming of plain a–z words.
    static func finishEnglish(_ word: inout [UInt8]) {
        if dropPunctuation(&word) { PorterStemmer.stem(&word) }
    }

    /// The first English step: possessive 's and in-word dots/apostrophes dropped (words with
    /// digits are left alone). True when the result is a plain a–z word that Porter may stem.
    static func dropPunctuation(_ word: inout [UInt8]) -> Bool {
        var hasDigit = false, hasPunct = false
        for b in word {
            if b >= 0x30 && b <= 0x39 { hasDigit = true } else if b == 0x2E || b == 0x27 { hasPunct = true }
        }
        if hasDigit { return false }
        if hasPunct {
            let n = word.count
            if n > 2, word[n - 2] == 0x27, word[n - 1] == 0x73 { word.removeLast(2) }
            word.removeAll { $0 == 0x2E || $0 == 0x27 }
        }
        guard word.count > 2 else { return false }
        for b in word where b < 0x61 || b > 0x7A { return false }
        return true
    }

    // MARK: - Hangul, Han, Kana

    /// Whether `s` is one of the particles and endings the analyzer strips (에서는, 을).
    public static func isKnownSuffix(_ s: String) -> Bool { KoreanSuffixes.set.contains(s) }

    /// Characters that join two Korean words into one, as news writes 남·북, 한ㆍ미, 북-미, 북・미:
    /// the pair is also indexed (and queried) as the word written without the mark (남북, 북미).
    static func isJoiner(_ c: UInt32) -> Bool {
        c == 0xB7 || c == 0x318D || c == 0x30FB || c == 0xFF65 || c == 0x2027 || c == 0x2D || c == 0x2010
            || c == 0x2011 || c == 0xFF0D || c == 0x2219 || c == 0x22C5
    }

    /// The scalar in `text[from..<to]` when that is exactly one joiner.
    static func joiner(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard from >= 0, to > from, to - from <= 3 else { return false }
        let (c, len) = decodeScalar(text, from)
        return len == to - from && isJoiner(c)
    }

    @inline(__always)
    /// Bigrams of a run (a lone character is kept whole). Korean runs also get, at the first
    /// position: the one-syllable stem when a particle follows it (북은 → 북), and the number
    /// with its counter when the run follows a number directly (2014년 → 2014년, 3명이 → 3명):
    /// "2일" says far more than "2" and "일" apart (measured: dates in headlines). A Korean run
    /// joined to the one before it by a middle dot or hyphen (`joined`: that run's last syllable
    /// and where it starts) also gets the bigram across the mark (북·미 → 북미).
    private static func emitBigrams(_ run: Scanner, korean: Bool, counterPrefix: [UInt8]?, counterStart: Int,
                                    joined: (scalar: UInt32, start: Int)? = nil,
                                    _ buffer: inout [UInt8],
                                    _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) -> Bool) -> Bool {
        let u = run.units, n = u.count
        /// The bigram across the mark (북·미 → 북미), with the token of the syllable after it.
        func across() -> Bool {
            guard let joined else { return true }
            buffer.removeAll(keepingCapacity: true)
            appendUTF8(joined.scalar, to: &buffer)
            appendUTF8(u[0], to: &buffer)
            return buffer.withUnsafeBufferPointer { emit($0, joined.start, run.ends[0], true) }
        }
        /// Everything colocated with the run's first token.
        func extras() -> Bool {
            if n > 1 && korean {
                let suffix = u.withUnsafeBufferPointer { KoreanSuffixes.longestSuffix($0) }
                if suffix.length == n - 1 && !suffix.noStem {
                    buffer.removeAll(keepingCapacity: true)
                    appendUTF8(u[0], to: &buffer)
                    guard buffer.withUnsafeBufferPointer({ emit($0, run.starts[0], run.ends[0], true) }) else { return false }
                }
            }
            if let counterPrefix {
                buffer.removeAll(keepingCapacity: true)
                buffer.append(contentsOf: counterPrefix)
                appendUTF8(u[0], to: &buffer)
                guard buffer.withUnsafeBufferPointer({ emit($0, counterStart, run.ends[0], true) }) else { return false }
            }
            return !korean || across()
        }
        if n == 1 {
            buffer.removeAll(keepingCapacity: true)
            appendUTF8(u[0], to: &buffer)
            return buffer.withUnsafeBufferPointer { emit($0, run.starts[0], run.ends[0], false) } && extras()
        }
        for i in 0..<(n - 1) {
            buffer.removeAll(keepingCapacity: true)
            appendUTF8(u[i], to: &buffer)
            appendUTF8(u[i + 1], to: &buffer)
            guard buffer.withUnsafeBufferPointer({ emit($0, run.starts[i], run.ends[i + 1], false) }) else { return false }
            if i == 0 && !extras() { return false }
        }
        return true
    }

    /// Digits with in-number punctuation only (2025, 3.5, 1,000).
    static func isNumber(_ folded: [UInt8]) -> Bool {
        guard let first = folded.first, first >= 0x30 && first <= 0x39 else { return false }
        return folded.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C }
    }

    /// 경찰 → [[경찰]]; 순찰을 → [[순찰]] + extra 찰을; 북은 → [[북], [북은]]; 북 → [[북]].
    /// A one-syllable stem is an alternative to the whole word, never a replacement, because the
    /// suffix may be part of the noun (회의, 국가).
    static func cjkQueryTerm(_ u: [UInt32], surface: String, korean: Bool) -> QueryTerm {
        func text(_ s: ArraySlice<UInt32>) -> String {
            var b: [UInt8] = []
            for c in s { appendUTF8(c, to: &b) }
            return String(decoding: b, as: UTF8.self)
        }
        func bigrams(_ count: Int) -> [String] {
            count == 1 ? [text(u[0..<1])] : (0..<(count - 1)).map { text(u[$0...($0 + 1)]) }
        }
        let whole = bigrams(u.count)
        guard korean, u.count >= 2 else { return QueryTerm(surface: surface, alternatives: [whole]) }
        let (suffix, noStem) = u.withUnsafeBufferPointer { KoreanSuffixes.longestSuffix($0) }
        let stem = u.count - suffix
        if suffix == 0 { return QueryTerm(surface: surface, alternatives: [whole]) }
        if stem == 1 {
            // 당했다 is the verb 당하다, 불과 a word of its own: no stem (as in the index).
            return QueryTerm(surface: surface, alternatives: noStem ? [whole] : [[text(u[0..<1])], whole])
        }
        let required = bigrams(stem)
        return QueryTerm(surface: surface, alternatives: [required], extras: whole.filter { !required.contains($0) },
                         exact: whole.joined(separator: " "))
    }

    static func scalars(_ text: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> [UInt32] {
        var out: [UInt32] = []
        var i = s
        while i < e {
            let (c, len) = decodeScalar(text, i)
            if CharClass.of(c) != .ignorable { out.append(c) }
            i += len
        }
        return out
    }
}
