/// Porter (1980) stemmer over lowercase ASCII bytes.
///
/// This is a port of Martin Porter's reference ANSI C implementation
/// (tartarus.org/martin/PorterStemmer), including its two documented departures from the
/// paper in step 2 (`-bli` → `-ble` instead of `-abli` → `-able`, and the extra `-logi` → `-log`).
/// SQLite FTS5's `porter` tokenizer and Lucene's `PorterStemFilter` make the same choices,
/// so our stems match what those engines produce.
///
///     var word = Array("generalizations".utf8)
///     PorterStemmer.stem(&word)   // word == Array("gener".utf8)
enum PorterStemmer {
    /// Stems `word` in place. `word` holds lowercase ASCII letters a-z only (caller guarantees);
    /// words of length <= 2 are returned unchanged.
    static func stem(_ word: inout [UInt8]) {
        guard word.count > 2 else { return }
        var state = State()
        // Move the buffer into the state rather than copying it, so it stays uniquely
        // referenced and the in-place writes below never trigger a copy-on-write.
        swap(&state.buffer, &word)
        state.k = state.buffer.count - 1
        state.run()
        swap(&state.buffer, &word)
        // Stemming never lengthens a word (the only letter-adding rewrites, in step 1b, follow the
        // removal of a longer -ed/-ing), so the stem fits in the original storage; removeLast
        // keeps the capacity, so there is no reallocation.
        word.removeLast(word.count - (state.k + 1))
    }

    /// Working state, mirroring the reference implementation's `b`, `k` and `j`.
    private struct State {
        var buffer: [UInt8] = []
        /// Index of the last byte of the word as stemmed so far.
        var k = 0
        /// Set by `ends(_:)`: index of the last byte before the matched suffix (-1 if none).
        var j = 0

        mutating func run() {
            step1ab()
            // The reference code stops if step 1 left a single letter (e.g. "ies" → "i"):
            // the later steps look at `buffer[k - 1]`.
            if k > 0 {
                step1c()
                step2()
                step3()
                step4()
                step5()
            }
        }

        // MARK: - Letter classes

        private static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
        private static let o = UInt8(ascii: "o"), u = UInt8(ascii: "u"), y = UInt8(ascii: "y")

        @inline(__always)
        private static func isPlainVowel(_ ch: UInt8) -> Bool {
            ch == a || ch == e || ch == i || ch == o || ch == u
        }

        /// Consonant-ness of a byte given the previous byte's classification.
        /// "y" is a consonant at the start of a word or after a vowel, and a vowel after a consonant.
        @inline(__always)
        private static func isConsonant(_ ch: UInt8, atStart: Bool, previousIsConsonant: Bool) -> Bool {
            if isPlainVowel(ch) { return false }
            if ch == y { return atStart || !previousIsConsonant }
            return true
        }

        /// Whether `buffer[index]` is a consonant.
        ///
        /// The reference code recurses for every "y"; walking back over the run of y's instead
        /// keeps this O(run length) with no recursion, since classification alternates along a
        /// run of y's, anchored on whatever precedes it.
        private func isConsonant(_ index: Int) -> Bool {
            var p = index
            var ys = 0
            while buffer[p] == Self.y {
                if p == 0 { return ys % 2 == 0 }  // word-initial y is a consonant
                p -= 1
                ys += 1
            }
            let anchorIsConsonant = !Self.isPlainVowel(buffer[p])
            return ys % 2 == 1 ? !anchorIsConsonant : anchorIsConsonant
        }

        /// m(): the number of VC sequences in `buffer[0...j]`, where the stem has the form
        /// [C](VC)^m[V]. Counting vowel→consonant transitions in one pass is equivalent and linear.
        private func measure() -> Int {
            var n = 0
            var previousIsConsonant = false
            var index = 0
            while index <= j {
                let c = Self.isConsonant(buffer[index], atStart: index == 0, previousIsConsonant: previousIsConsonant)
                if c && index > 0 && !previousIsConsonant { n += 1 }
                previousIsConsonant = c
                index += 1
            }
            return n
        }

        /// *v*: `buffer[0...j]` contains a vowel.
        private func vowelInStem() -> Bool {
            var previousIsConsonant = false
            var index = 0
            while index <= j {
                let c = Self.isConsonant(buffer[index], atStart: index == 0, previousIsConsonant: previousIsConsonant)
                if !c { return true }
                previousIsConsonant = c
                index += 1
            }
            return false
        }

        /// *d: `buffer[index - 1...index]` is a double consonant.
        private func doubleConsonant(_ index: Int) -> Bool {
            index >= 1 && buffer[index] == buffer[index - 1] && isConsonant(index)
        }

        /// *o: `buffer[index - 2...index]` is consonant-vowel-consonant and the last consonant is
        /// not w, x or y. Used to restore an "e" on short words (hop(e), fil(e)) and keep one in rate.
        private func cvc(_ index: Int) -> Bool {
            guard index >= 2, isConsonant(index), !isConsonant(index - 1), isConsonant(index - 2) else {
                return false
            }
            let ch = buffer[index]
            return ch != UInt8(ascii: "w") && ch != UInt8(ascii: "x") && ch != Self.y
        }

        // MARK: - Suffix helpers

        /// Whether `buffer[0...k]` ends with `suffix`; on success sets `j` to just before it.
        /// `StaticString` keeps the suffix tables in static storage (no array allocations).
        private mutating func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            if length > k + 1 { return false }
            let start = k - length + 1
            let bytes = suffix.utf8Start
            for t in 0..<length where buffer[start + t] != bytes[t] { return false }
            j = k - length
            return true
        }

        /// Replaces `buffer[j + 1...k]` with `replacement` and moves `k` accordingly.
        private mutating func setTo(_ replacement: StaticString) {
            let length = replacement.utf8CodeUnitCount
            let bytes = replacement.utf8Start
            for t in 0..<length { buffer[j + 1 + t] = bytes[t] }
            k = j + length
        }

        /// `setTo` guarded by m() > 0, the condition used throughout steps 2 and 3.
        private mutating func replaceIfMeasured(_ replacement: StaticString) {
            if measure() > 0 { setTo(replacement) }
        }

        // MARK: - Steps

        /// Step 1a/1b: plurals and -ed / -ing, plus the clean-up that restores a final "e"
        /// or undoubles a consonant after -ed / -ing is removed.
        private mutating func step1ab() {
            if buffer[k] == UInt8(ascii: "s") {
                if ends("sses") {
                    k -= 2
                } else if ends("ies") {
                    setTo("i")
                } else if buffer[k - 1] != UInt8(ascii: "s") {
                    k -= 1
                }
            }
            if ends("eed") {
                if measure() > 0 { k -= 1 }
            } else if (ends("ed") || ends("ing")) && vowelInStem() {
                k = j
                if ends("at") {
                    setTo("ate")
                } else if ends("bl") {
                    setTo("ble")
                } else if ends("iz") {
                    setTo("ize")
                } else if doubleConsonant(k) {
                    // hopp(ing) → hop, but fall(ing), hiss(ing), fizz(ed) keep the double letter.
                    let ch = buffer[k]
                    if ch != UInt8(ascii: "l") && ch != UInt8(ascii: "s") && ch != UInt8(ascii: "z") {
                        k -= 1
                    }
                } else if measure() == 1 && cvc(k) {
                    // j == k here (the failed ends() calls above leave j alone), so measure()
                    // covers the whole stem and setTo appends: fil(ing) → file.
                    setTo("e")
                }
            }
        }

        /// Step 1c: terminal "y" → "i" when there is another vowel in the stem (happy → happi).
        private mutating func step1c() {
            if ends("y") && vowelInStem() { buffer[k] = UInt8(ascii: "i") }
        }

        /// Step 2: double suffixes to single ones, when m() > 0. Like the reference code, the first
        /// suffix that matches wins even if its m() condition then fails. Dispatches on the
        /// penultimate letter to avoid testing every suffix.
        private mutating func step2() {
            switch buffer[k - 1] {
            case UInt8(ascii: "a"):
                if ends("ational") { replaceIfMeasured("ate"); break }
                if ends("tional") { replaceIfMeasured("tion"); break }
            case UInt8(ascii: "c"):
                if ends("enci") { replaceIfMeasured("ence"); break }
                if ends("anci") { replaceIfMeasured("ance"); break }
            case UInt8(ascii: "e"):
                if ends("izer") { replaceIfMeasured("ize"); break }
            case UInt8(ascii: "l"):
                if ends("bli") { replaceIfMeasured("ble"); break }  // departure: paper has abli → able
                if ends("alli") { replaceIfMeasured("al"); break }
                if ends("entli") { replaceIfMeasured("ent"); break }
                if ends("eli") { replaceIfMeasured("e"); break }
                if ends("ousli") { replaceIfMeasured("ous"); break }
            case UInt8(ascii: "o"):
                if ends("ization") { replaceIfMeasured("ize"); break }
                if ends("ation") { replaceIfMeasured("ate"); break }
                if ends("ator") { replaceIfMeasured("ate"); break }
            case UInt8(ascii: "s"):
                if ends("alism") { replaceIfMeasured("al"); break }
                if ends("iveness") { replaceIfMeasured("ive"); break }
                if ends("fulness") { replaceIfMeasured("ful"); break }
                if ends("ousness") { replaceIfMeasured("ous"); break }
            case UInt8(ascii: "t"):
                if ends("aliti") { replaceIfMeasured("al"); break }
                if ends("iviti") { replaceIfMeasured("ive"); break }
                if ends("biliti") { replaceIfMeasured("ble"); break }
            case UInt8(ascii: "g"):
                if ends("logi") { replaceIfMeasured("log"); break }  // departure: not in the paper
            default:
                break
            }
        }

        /// Step 3: -ic-, -full, -ness etc., when m() > 0. Dispatches on the last letter.
        private mutating func step3() {
            switch buffer[k] {
            case UInt8(ascii: "e"):
                if ends("icate") { replaceIfMeasured("ic"); break }
                if ends("ative") { replaceIfMeasured(""); break }
                if ends("alize") { replaceIfMeasured("al"); break }
            case UInt8(ascii: "i"):
                if ends("iciti") { replaceIfMeasured("ic"); break }
            case UInt8(ascii: "l"):
                if ends("ical") { replaceIfMeasured("ic"); break }
                if ends("ful") { replaceIfMeasured(""); break }
            case UInt8(ascii: "s"):
                if ends("ness") { replaceIfMeasured(""); break }
            default:
                break
            }
        }

        /// Step 4: strips -ant, -ence etc. when m() > 1 for the remaining stem.
        /// As in the reference code, only the first matching suffix is considered.
        private mutating func step4() {
            let matched: Bool
            switch buffer[k - 1] {
            case UInt8(ascii: "a"):
                matched = ends("al")
            case UInt8(ascii: "c"):
                matched = ends("ance") || ends("ence")
            case UInt8(ascii: "e"):
                matched = ends("er")
            case UInt8(ascii: "i"):
                matched = ends("ic")
            case UInt8(ascii: "l"):
                matched = ends("able") || ends("ible")
            case UInt8(ascii: "n"):
                matched = ends("ant") || ends("ement") || ends("ment") || ends("ent")
            case UInt8(ascii: "o"):
                // -ion only after s or t (adoption → adopt); "ou" takes care of -ous.
                if ends("ion") && j >= 0 && (buffer[j] == UInt8(ascii: "s") || buffer[j] == UInt8(ascii: "t")) {
                    matched = true
                } else {
                    matched = ends("ou")
                }
            case UInt8(ascii: "s"):
                matched = ends("ism")
            case UInt8(ascii: "t"):
                matched = ends("ate") || ends("iti")
            case UInt8(ascii: "u"):
                matched = ends("ous")
            case UInt8(ascii: "v"):
                matched = ends("ive")
            case UInt8(ascii: "z"):
                matched = ends("ize")
            default:
                matched = false
            }
            if matched && measure() > 1 { k = j }
        }

        /// Step 5: removes a final "e" (5a) and undoubles a final "ll" (5b) on long enough stems.
        private mutating func step5() {
            // j stays at the original end for both measures; a trailing "e" is a vowel and
            // never changes m(), so 5b sees the same measure whether or not 5a fired.
            j = k
            if buffer[k] == Self.e {
                let m = measure()
                // cvc keeps the "e" of short words like rate/hope where it marks a long vowel.
                if m > 1 || (m == 1 && !cvc(k - 1)) { k -= 1 }
            }
            // 5b runs after 5a, so "-lle" can lose both the "e" and one "l".
            if buffer[k] == UInt8(ascii: "l") && doubleConsonant(k) && measure() > 1 { k -= 1 }
        }
    }
}
