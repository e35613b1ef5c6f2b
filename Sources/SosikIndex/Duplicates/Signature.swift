import Foundation

/// An article's MinHash signature, for near-duplicates (wire copies, reposts with a new headline
/// or an outlet's own boilerplate, truncated copies): computed at index time from the body's word
/// 3-shingles (words: runs of letters and digits, lowercased), stored in `documents.signature`
/// (4 bytes of shingle count, then `count` 32-bit minimums: 132 bytes an article).
///
/// Two signatures compare by estimated *containment*: the share of the smaller article's
/// shingles that the other holds (a truncated copy is contained in its original). From the
/// MinHash Jaccard estimate J and the two shingle counts a and b: |A ∩ B| ≈ J (a + b) / (1 + J),
/// divided by min(a, b).
///
/// ```swift
/// let a = Signature(text: story), b = Signature(text: story + " Reporting by Kim.")
/// a.containment(b) > 0.9   // true
/// ```
public struct Signature: Sendable, Equatable {
    public static let count = 32
    public var minimums: [UInt32]
    public var shingles: Int

    public init(text: String) {
        // Words: runs of letters and digits. ASCII (lowercased) and Hangul syllables are told
        // by range; only other scalars ask Unicode's properties (slower to ask).
        var words: [UInt64] = []
        words.reserveCapacity(text.utf8.count / 4)
        let basis: UInt64 = 0xcbf29ce484222325
        var h = basis, inWord = false
        for scalar in text.unicodeScalars {
            var v = scalar.value
            let isWordScalar: Bool
            switch v {
            case 0x30...0x39, 0x61...0x7A: isWordScalar = true
            case 0x41...0x5A: isWordScalar = true; v |= 0x20
            case 0...0x7F: isWordScalar = false
            case 0xAC00...0xD7A3: isWordScalar = true
            default: isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if isWordScalar {
                if !inWord { h = basis; inWord = true }
                while true {
                    h = (h ^ UInt64(v & 0xFF)) &* 0x100000001b3
                    v >>= 8
                    if v == 0 { break }
                }
            } else if inWord {
                words.append(h)
                inWord = false
            }
        }
        if inWord { words.append(h) }
        var minimums = [UInt32](repeating: .max, count: Self.count)
        var shingles = Set<UInt64>(minimumCapacity: words.count)
        if !words.isEmpty {
            let k = min(3, words.count)
            for i in 0...(words.count - k) {
                var s: UInt64 = 0x9E3779B97F4A7C15
                for w in words[i..<(i + k)] { s = Self.mix(s ^ w) }
                guard shingles.insert(s).inserted else { continue }
                // 32 hash functions from two (Kirsch and Mitzenmacher): h1 + j·h2.
                let h1 = s, h2 = Self.mix(s) | 1
                for j in 0..<Self.count {
                    let v = UInt32(truncatingIfNeeded: (h1 &+ UInt64(j) &* h2) >> 32)
                    if v < minimums[j] { minimums[j] = v }
                }
            }
        }
        self.minimums = minimums
        self.shingles = shingles.count
    }

    public init?(blob: Data) {
        guard blob.count == 4 * (Self.count + 1) else { return nil }
        var values = [UInt32](repeating: 0, count: Self.count + 1)
        blob.withUnsafeBytes { raw in
            for i in 0...Self.count { values[i] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        }
        shingles = Int(values[0])
        minimums = Array(values[1...])
    }

    public var blob: Data {
        var data = Data(capacity: 4 * (Self.count + 1))
        for v in [UInt32(clamping: shingles)] + minimums {
            withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// MinHash's estimate of the Jaccard similarity of the two shingle sets.
    public func jaccard(_ other: Signature) -> Double {
        guard shingles > 0, other.shingles > 0 else { return 0 }
        var same = 0
        for i in 0..<Self.count where minimums[i] == other.minimums[i] { same += 1 }
        return Double(same) / Double(Self.count)
    }

    /// The estimated share of the smaller article's shingles that the other holds.
    public func containment(_ other: Signature) -> Double {
        let j = jaccard(other)
        guard j > 0 else { return 0 }
        let a = Double(shingles), b = Double(other.shingles)
        return min(1, j * (a + b) / (1 + j) / min(a, b))
    }

    /// splitmix64's finalizer.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E3779B97F4A7C15
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
