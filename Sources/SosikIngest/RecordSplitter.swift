/// Cuts a stream of bytes, fed a chunk at a time, into records without ever holding more than
/// one record (and one chunk): lines (JSON Lines), CSV records (a newline inside quotes does
/// not end one), or the elements of a top-level JSON array. A record longer than `limit` is
/// not kept: its bytes are passed over up to its end, and it is reported as `.tooLong` with its
/// line, so that memory is bounded by the limit whatever the input.
///
/// ```swift
/// var s = RecordSplitter(mode: .lines, limit: 1 << 20)
/// try s.feed(Array("a\nb".utf8)) { print($0) }   // .record("a", line: 1)
/// try s.finish { print($0) }                      // .record("b", line: 2)
/// ```
public struct RecordSplitter {
    public enum Mode: Sendable {
        case lines
        /// CSV/TSV: a `"` at the start of a field opens a quoted field, which a newline does not
        /// end (`""` inside it is a quote), as `CSVReader` reads them; `separator` nil for TSV,
        /// which has no quoting.
        case csv(separator: UInt8?)
        /// The elements of a JSON array (`[ {…}, {…} ]`); what is not inside it is ignored.
        case jsonArray
    }

    public enum Piece {
        /// A record's bytes (without its newline), and the line it starts on (1-based).
        case record(ArraySlice<UInt8>, line: Int)
        /// A record past the limit, passed over: the line it started on and its size so far.
        case tooLong(line: Int, bytes: Int)
        /// The input ended inside a quoted CSV field, or inside a JSON array element.
        case unterminated(line: Int)
    }

    public let mode: Mode
    public let limit: Int
    /// The line the next byte is on.
    public private(set) var line = 1
    var record: [UInt8] = []
    var recordLine = 1
    var skipping = false
    var skipped = 0
    // CSV: inside quotes. JSON: depth of brackets and whether inside a string (and after `\`).
    var quoted = false
    var awaitingStart = false
    var atFieldStart = true
    var justClosed = false
    var depth = 0
    var inString = false
    var escaped = false

    public init(mode: Mode, limit: Int) {
        self.mode = mode
        self.limit = limit
    }

    public mutating func feed(_ chunk: [UInt8], _ body: (Piece) throws -> Void) rethrows {
        switch mode {
        case .lines, .csv:
            var separator: UInt8? = nil
            if case .csv(let sep) = mode { separator = sep }
            var start = 0
            for i in 0..<chunk.count {
                let b = chunk[i]
                if let separator {
                    if quoted {
                        if b == 0x22 { quoted = false; justClosed = true }
                    } else if b == 0x22 && (atFieldStart || justClosed) {
                        quoted = true
                        justClosed = false
                        atFieldStart = false
                    } else {
                        justClosed = false
                        atFieldStart = b == separator
                    }
                }
                if b == 0x0A {
                    line += 1
                    if !quoted {
                        try take(chunk[start..<i], body)
                        try end(body)
                        recordLine = line
                        start = i + 1
                        atFieldStart = true
                    }
                }
            }
            try take(chunk[start..<chunk.count], body)
        case .jsonArray:
            var start = 0
            for i in 0..<chunk.count {
                let b = chunk[i]
                if b == 0x0A { line += 1 }
                if inString {
                    if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                    continue
                }
                // An element starts on the line of its first byte, not of the comma before it.
                if awaitingStart && depth == 1 && b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 && b != 0x5D {
                    recordLine = line
                    awaitingStart = false
                }
                switch b {
                case 0x22: if depth >= 1 { inString = true }
                case 0x5B, 0x7B:   // [ {
                    depth += 1
                    if depth == 1 {
                        start = i + 1
                        awaitingStart = true
                    }
                case 0x5D, 0x7D:   // ] }
                    if depth == 1 {
                        try take(chunk[start..<i], body)
                        try end(body)
                        start = i + 1
                    }
                    depth = max(0, depth - 1)
                case 0x2C where depth == 1:   // , between elements
                    try take(chunk[start..<i], body)
                    try end(body)
                    start = i + 1
                    awaitingStart = true
                default: break
                }
            }
            if depth >= 1 { try take(chunk[start..<chunk.count], body) }
        }
    }

    /// The last record (a file need not end with a newline).
    public mutating func finish(_ body: (Piece) throws -> Void) rethrows {
        let open: Bool
        switch mode {
        case .lines: open = false
        case .csv: open = quoted
        case .jsonArray: open = depth > 0
        }
        if open {
            record.removeAll()
            skipping = false
            try body(.unterminated(line: recordLine))
            return
        }
        if case .jsonArray = mode { return }
        if record.isEmpty && !skipping { return }   // the file ended with a newline
        try end(body)
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>, _ body: (Piece) throws -> Void) rethrows {
        if skipping { skipped += bytes.count; return }
        if record.count + bytes.count > limit {
            skipping = true
            skipped = record.count + bytes.count
            record.removeAll()
            return
        }
        record += bytes
    }

    private mutating func end(_ body: (Piece) throws -> Void) rethrows {
        if skipping {
            skipping = false
            try body(.tooLong(line: recordLine, bytes: skipped))
        } else if case .jsonArray = mode {
            // Whitespace between elements, or an empty list, is no element.
            if record.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
                try body(.record(record[...], line: recordLine))
            }
        } else {
            try body(.record(record[...], line: recordLine))
        }
        record.removeAll(keepingCapacity: record.count <= 1 << 20)
    }
}
