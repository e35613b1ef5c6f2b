/// 64-bit FNV-1a: small, fast and good enough to tell changed content from unchanged (files,
/// articles) and to look tokens up without turning them into Strings. Not for security.
///
/// ```swift
/// var h = FNV1a(); h.add("경찰".utf8); h.hex   // "…"
/// ```
public struct FNV1a {
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable public init() {}

    // Inlinable: the byte loop is specialized where it is used (Indexer's per-article hash
    // ran 25% slower when it was a generic call into this module).
    @inlinable @inline(__always)
    public mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
    }

    public var hex: String { String(value, radix: 16) }

    @inlinable @inline(__always)
    public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a()
        h.add(bytes)
        return h.value
    }
}
