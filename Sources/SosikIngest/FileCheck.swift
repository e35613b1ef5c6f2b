/// What a file holds before its articles are read: one pass over its bytes, the same for
/// `sosik index` (which also needs the hash, to tell a touched file from a changed one) and
/// `sosik extract` (issue 25: before, `index` did this pass itself and `extract` did not, so the
/// two could disagree about one file). Compressed files are checked whole first: every gzip
/// member, so that a damaged file gives nothing rather than damaged records.
///
/// ```swift
/// let check = try FileCheck(path: "a.html.gz", format: .html, gzip: true)   // or IngestError.unreadable
/// ```
public struct FileCheck: Sendable {
    /// FNV-1a of the bytes as stored (compressed, for a `.gz`).
    public var hash: String
    /// The (decompressed) bytes are valid UTF-8.
    public var validUTF8 = true
    /// Formats read whole (pages, text, feeds): the decompressed bytes, for the reader.
    public var whole: [UInt8]?

    public static let binaryReason = "binary file (NUL bytes)"

    /// Reads the file once. Throws IngestError.unreadable, with the reason, when nothing of it
    /// is to be used: a file over its format's limit (before reading it, or once decompressed),
    /// a damaged `.gz`, NUL bytes in text that is not UTF-16 nor a web page (`binaryReason`).
    public init(path: String, format: CorpusReader.Format, gzip: Bool) throws {
        let limit = CorpusReader.wholeLimit(format)
        if let limit, !gzip, case .success(let info) = InputFiles.info(path), info.size > limit {
            throw IngestError.unreadable(path: path, reason: Limits.over(limit, what: "this kind of file"))
        }
        var hasher = FNV1a()
        var utf16: Bool? = nil   // decided by the first chunk
        var validUTF8 = true
        var carry: [UInt8] = []
        var whole: [UInt8] = []
        struct Binary: Error {}
        func scan(_ chunk: [UInt8]) throws {
            // UTF-16 text (a byte-order mark first: Excel's "Unicode text" exports) is full of
            // NUL bytes and is not binary; its reader decodes it.
            if utf16 == nil { utf16 = TextDecoding.hasUTF16ByteOrderMark(chunk) }
            if utf16 != true && format != .html && chunk.contains(0) { throw Binary() }
            if validUTF8 { validUTF8 = TextDecoding.validUTF8(&carry, chunk) }
            if let limit {
                whole += chunk
                if whole.count > limit {
                    throw IngestError.unreadable(path: path, reason: Limits.over(limit, what: "this kind of file") + (gzip ? " once decompressed" : ""))
                }
            }
        }
        do {
            if gzip {
                try ByteSource.file(path).forEach { hasher.add($0) }
                try ByteSource.file(path, gzip: true).forEach(scan)
            } else {
                try ByteSource.file(path).forEach { hasher.add($0); try scan($0) }
            }
        } catch is Binary {
            // NUL bytes: the rest need not be read.
            throw IngestError.unreadable(path: path, reason: Self.binaryReason)
        }
        if !carry.isEmpty { validUTF8 = false }
        self.hash = hasher.hex
        self.validUTF8 = validUTF8
        self.whole = limit == nil ? nil : whole
    }
}
