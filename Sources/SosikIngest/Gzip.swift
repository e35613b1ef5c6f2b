import CSosikFormats

/// Streamed gunzip (zlib): a `.gz` of any supported format is read 1 MB at a time.
public enum Gzip {
    /// Calls `body` with the decompressed bytes in chunks. Throws `.unreadable` when the file
    /// cannot be opened or its data is corrupt or truncated.
    public static func chunks(_ path: String, chunk: Int = 1 << 20, _ body: ([UInt8]) throws -> Void) throws {
        guard let file = sosik_gzip_open(path) else {
            throw IngestError.unreadable(path: path, reason: "cannot open file (permission denied?)")
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
