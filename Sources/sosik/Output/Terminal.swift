import Foundation
import SosikIngest

/// What the process is attached to, and messages on stderr.
enum Terminal {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Width of the terminal: $COLUMNS, the terminal's own size, else 80.
    static let columns = columns(of: STDOUT_FILENO, isTerminal: stdoutIsTerminal)

    /// Width of the terminal stderr is on (the progress bar's line), else 80.
    static let stderrColumns = columns(of: STDERR_FILENO, isTerminal: stderrIsTerminal)

    private static func columns(of fd: Int32, isTerminal: Bool) -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c >= 20 { return c }
        var size = winsize()
        if isTerminal, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        return 80
    }

    /// Columns a string takes on a terminal: Hangul, Han, Kana and full-width forms take two.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
                || (0x20000...0x3FFFD).contains(v)
            let zero = (0x0300...0x036F).contains(v) || (0x1160...0x11FF).contains(v) || v == 0x200B || v == 0xFEFF
            return w + (zero ? 0 : wide ? 2 : 1)
        }
    }

    // Every message is escaped (RawPath.display): file names and queries come from outside,
    // and a title holding ESC [ 2 J must not clear the user's terminal.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("sosik: error: \(RawPath.display(message))\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("sosik: warning: \(RawPath.display(message))\n".utf8))
    }

    static func info(_ message: String) {
        FileHandle.standardError.write(Data("\(RawPath.display(message))\n".utf8))
    }
}

/// Buffered standard output (print() through stdio is slow for many small writes).
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                // The reader went away (`| head -1`): the output is no longer wanted; end
                // quietly and successfully, as grep does.
                if n < 0 && errno == EPIPE { Foundation.exit(0) }
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
