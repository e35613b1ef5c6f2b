#if canImport(Glibc)
import Glibc
#endif

/// File names as the file system holds them: bytes, not always UTF-8 (a CP949 name from a
/// Windows zip archive). A name is decoded into a String losslessly: each byte that is not part
/// of valid UTF-8 becomes one scalar of a private-use range (U+10FF00 + the byte: U+10FF80…
/// U+10FFFF), and `withCString` turns those back into the same bytes, so such a file can be
/// opened, indexed, and found again on the next run. `display` shows them as `\xB0`.
///
/// ```swift
/// let name = RawPath.decode([0xB0, 0xE6, 0x2E, 0x6D, 0x64])   // "\u{10FFB0}\u{10FFE6}.md"
/// RawPath.display(name)                                       // "\xB0\xE6.md"
/// ```
public enum RawPath {
    /// Scalars U+10FF80…U+10FFFF stand for the raw bytes 0x80…0xFF.
    static let base: UInt32 = 0x10FF00

    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        if let valid = String(validating: array, as: UTF8.self) { return valid }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < array.count {
            let b = array[i]
            let need = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if need > 0, i + need <= array.count, let s = String(validating: array[i..<(i + need)], as: UTF8.self) {
                out.append(contentsOf: s.unicodeScalars)
                i += need
            } else {
                out.append(Unicode.Scalar(base + UInt32(b))!)
                i += 1
            }
        }
        return String(out)
    }

    /// The bytes of `path` for the file system: UTF-8, with the escaped bytes restored.
    public static func bytes(_ path: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for s in path.unicodeScalars {
            if s.value >= base + 0x80 && s.value <= base + 0xFF {
                out.append(UInt8(s.value - base))
            } else {
                out.append(contentsOf: String(s).utf8)
            }
        }
        return out
    }

    /// Calls `body` with `path` as a NUL-terminated C string of its file-system bytes.
    public static func withCString<T>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        var b = bytes(path)
        b.append(0)
        return try b.withUnsafeBufferPointer { p in
            try p.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// Text safe to print on a terminal: escaped file-name bytes as `\xB0`, control characters
    /// (the ESC of a terminal escape sequence, BEL, C1 controls) as `\x1B`, and the bidi
    /// overrides that can make text read differently from what it is as `\u{202E}`. Newlines
    /// and tabs stay.
    public static func display(_ text: String) -> String {
        func hex(_ v: UInt32, _ width: Int) -> String {
            let digits = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var needs = false
        for s in text.unicodeScalars where s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value >= base + 0x80
            || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) {
            if s != "\n" && s != "\t" { needs = true; break }
        }
        guard needs else { return text }
        var out = ""
        for s in text.unicodeScalars {
            let v = s.value
            if v >= base + 0x80 && v <= base + 0xFF {
                out += "\\x" + hex(v - base, 2)
            } else if (v < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(v) {
                out += "\\x" + hex(v, 2)
            } else if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += "\\u{" + hex(v, 4) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// The C library's words for an `errno` value, lowercased for the middle of a sentence
    /// ("permission denied", "too many levels of symbolic links").
    public static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
