/// Decodes the scalar starting at `i`. Invalid or truncated sequences decode as U+FFFD with a
/// length of 1, so every byte is visited and offsets always advance.
@inline(__always)
func decodeScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = p.count
    if b0 & 0xE0 == 0xC0, b0 >= 0xC2, i + 1 < n {
        let b1 = UInt32(p[i + 1])
        if b1 & 0xC0 == 0x80 { return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2) }
    } else if b0 & 0xF0 == 0xE0, i + 2 < n {
        let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2])
        if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
            let c = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
            if c >= 0x800 && !(0xD800...0xDFFF).contains(c) { return (c, 3) }
        }
    } else if b0 & 0xF8 == 0xF0, b0 <= 0xF4, i + 3 < n {
        let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2]), b3 = UInt32(p[i + 3])
        if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 {
            let c = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
            if c >= 0x10000 && c <= 0x10FFFF { return (c, 4) }
        }
    }
    return (0xFFFD, 1)
}

/// Appends the UTF-8 encoding of `c` to `out`.
@inline(__always)
func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
    switch c {
    case 0..<0x80:
        out.append(UInt8(c))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | c >> 6)); out.append(UInt8(0x80 | c & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | c >> 12)); out.append(UInt8(0x80 | (c >> 6) & 0x3F))
        out.append(UInt8(0x80 | c & 0x3F))
    default:
        out.append(UInt8(0xF0 | c >> 18)); out.append(UInt8(0x80 | (c >> 12) & 0x3F))
        out.append(UInt8(0x80 | (c >> 6) & 0x3F)); out.append(UInt8(0x80 | c & 0x3F))
    }
}
