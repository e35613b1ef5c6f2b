import CSosikFormats
#if canImport(Glibc)
import Glibc
#endif

/// Streamed gunzip (zlib): a `.gz` of any supported format is read 1 MB at a time. Every
/// member is checked (header, CRC-32, length) and bytes after a member that are not another
/// member are an error: a damaged file is never read as a shorter one.
public enum Gzip {
    /// Calls `body` with the decompressed bytes in chunks. Throws `.unreadable` when the file
    /// cannot be opened or its data is corrupt or truncated. A corrupt file may have given
    /// chunks before the error: `verify` first when nothing of a damaged file may be used.
    public static func chunks(_ path: String, chunk: Int = 1 << 20, _ body: ([UInt8]) throws -> Void) throws {
        guard let file = RawPath.withCString(path, { sosik_gzip_open($0) }) else {
            throw IngestError.unreadable(path: path, reason: RawPath.reason(errno))
        }
        defer { sosik_gzip_close(file) }
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { sosik_gzip_read(file, $0.baseAddress, chunk) }
            if n < 0 {
                throw IngestError.unreadable(path: path, reason: "corrupt gzip data (\(String(cString: sosik_gzip_error(file))))")
            }
            if n == 0 { return }
            try body(Array(buffer[..<n]))
        }
    }
}
