import CSosikFormats
import Foundation

/// The bytes of one input, a chunk at a time, pulled with `next()`: a file, a `.gz` (every
/// member checked: header, CRC-32, length, and that what follows a member is another one, so a
/// damaged file is never read as a shorter one), standard input, or bytes already in memory.
/// The readers that stream (JSON Lines, JSON lists, CSV) loop over it and hold one record at a
/// time; the file is closed when the source goes.
///
/// ```swift
/// let source = try ByteSource.file("news.jsonl.gz", gzip: true)
/// while let chunk = try source.next() { … }
/// ```
public final class ByteSource {
    /// The input's name in messages (`-` for standard input).
    public let path: String
    private enum Kind {
        case descriptor(Int32, owned: Bool)
        case gzip(UnsafeMutableRawPointer)
        case memory([UInt8]?)
    }
    private var kind: Kind
    private var buffer: [UInt8]

    private init(path: String, kind: Kind, chunk: Int) {
        self.path = path
        self.kind = kind
        self.buffer = [UInt8](repeating: 0, count: chunk)
    }

    /// A file, decompressed when `gzip`. Throws `.unreadable` with the C library's reason.
    public static func file(_ path: String, gzip: Bool = false, chunk: Int = 1 << 20) throws -> ByteSource {
        if gzip {
            guard let g = RawPath.withCString(path, { sosik_gzip_open($0) }) else {
                throw IngestError.unreadable(path: path, reason: RawPath.reason(errno))
            }
            return ByteSource(path: path, kind: .gzip(g), chunk: chunk)
        }
        // O_NONBLOCK keeps a FIFO from hanging the open; regular files ignore it.
        let fd = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { throw IngestError.unreadable(path: path, reason: RawPath.reason(errno)) }
        return ByteSource(path: path, kind: .descriptor(fd, owned: true), chunk: chunk)
    }

    /// Standard input, as `-`.
    public static func standardInput() -> ByteSource {
        ByteSource(path: "-", kind: .descriptor(0, owned: false), chunk: 1 << 20)
    }

    /// Bytes already read (a reader's `read(InputFile)`): one chunk.
    public convenience init(bytes: [UInt8], path: String) {
        self.init(path: path, kind: .memory(bytes), chunk: 0)
    }

    /// The next chunk, or nil at the end.
    public func next() throws -> [UInt8]? {
        let capacity = buffer.count
        switch kind {
        case .memory(let bytes):
            kind = .memory(nil)
            return bytes
        case .descriptor(let fd, _):
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, capacity) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw IngestError.unreadable(path: path, reason: RawPath.reason(errno)) }
                return n == 0 ? nil : Array(buffer[..<n])
            }
        case .gzip(let g):
            let n = buffer.withUnsafeMutableBytes { sosik_gzip_read(g, $0.baseAddress, capacity) }
            if n < 0 {
                throw IngestError.unreadable(path: path, reason: "corrupt gzip data (\(String(cString: sosik_gzip_error(g))))")
            }
            return n == 0 ? nil : Array(buffer[..<n])
        }
    }

    /// Calls `body` with every chunk, to the end.
    public func forEach(_ body: ([UInt8]) throws -> Void) throws {
        while let chunk = try next() { try body(chunk) }
    }

    deinit {
        switch kind {
        case .descriptor(let fd, let owned): if owned { close(fd) }
        case .gzip(let g): sosik_gzip_close(g)
        case .memory: break
        }
    }
}
