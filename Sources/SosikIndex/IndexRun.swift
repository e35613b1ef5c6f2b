import SosikIngest
import Foundation

/// One `sosik index` run over paths: incremental by default.
///
/// A file whose size and modification time are those recorded is not read again; one that
/// changed is read and, if its bytes really differ (hash), its articles are re-indexed — each
/// article only if its own content changed. Documents of files that disappeared from an indexed
/// folder are removed. Everything a file contributes is committed with the file's record, so an
/// interrupted run leaves no half-indexed file: the next run picks it up again.
///
/// ```swift
/// let summary = try IndexRun(indexer: Indexer(database: index)).run(paths: ["Corpus"]) { event in … }
/// ```
public struct IndexRun {
    public let indexer: Indexer
    /// Checked between files and between records: return true to stop after the current batch.
    public var shouldStop: () -> Bool = { false }
    /// `--map` and `--stdin-format`.
    public var options = CorpusReader.Options()
    /// Called with the bytes of input read so far, as they are read (for a progress bar).
    public var onBytes: (Int) -> Void = { _ in }

    public init(indexer: Indexer) {
        self.indexer = indexer
    }

    /// Calls `report` with problems (skipped inputs, warnings) as they happen.
    @discardableResult
    public func run(paths: [String], report: (CorpusReader.Event) -> Void) throws -> Indexer.Summary {
        let reader = CorpusReader(options: options)
        let database = Self.absolute(indexer.database.path)
        let ownFiles = Set(["", "-wal", "-shm", "-journal"].map { database + $0 })
        try reader.walk(paths, shouldStop: shouldStop) { input in
            switch input {
            case .stdinLine(let line, let number):
                onBytes(line.utf8.count + 1)
                for event in reader.jsonLine(line, path: "-", lineNumber: number) {
                    if case .skipped = event { indexer.countSkipped(records: 1) }
                    try handle(event, report)
                }
            case .stdinWhole(let bytes):
                onBytes(bytes.count)
                var events = 0
                try reader.read(InputFile(path: "-", bytes: bytes), format: options.stdinFormat) {
                    events += 1
                    if case .skipped = $0 { indexer.countSkipped(records: 1) }
                    try handle($0, report)
                }
                if events == 0 {
                    try skipFile("-", "no articles on standard input", report)
                }
            case .file(let path, let root):
                try index(path, root: root, reader: reader, report: report)
            case .folderDone(let folder, let files):
                // A folder read to the end: what is no longer in it goes from the index.
                try indexer.removeFiles(under: Self.absolute(folder), except: Set(files.map(Self.absolute)))
            case .unsupported(let path):
                // The index itself (and SQLite's files beside it) may sit in the folder being
                // indexed: not an input, not worth a word.
                if ownFiles.contains(Self.absolute(path)) { return }
                try handle(.unsupported(path: path), report)
            }
        }
        return try indexer.finish()
    }

    private func index(_ path: String, root: String?, reader: CorpusReader, report: (CorpusReader.Event) -> Void) throws {
        let absolute = Self.absolute(path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            try skipFile(path, "cannot read file", report)
            return
        }
        let stamp = Indexer.FileStamp(path: path, absolutePath: absolute,
                                      size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
                                      modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        // Progress: the file's bytes, as its lines are read (plain JSON Lines) or when it is done.
        var counted = 0
        defer { if stamp.size > counted { onBytes(stamp.size - counted) } }
        if try indexer.isUnchanged(stamp) { return }
        guard let (format, gzip) = CorpusReader.Format.of(path: path) else {
            try handle(.unsupported(path: path), report)
            return
        }
        // JSON Lines are streamed (gzip'd or not) and have no size limit; every other format is
        // read whole, up to a limit on its (decompressed) size.
        let jsonLines = format == .jsonl
        let limit = format.isCollection ? CorpusReader.maxCollectionBytes : CorpusReader.maxArticleFileBytes
        if !jsonLines && !gzip && stamp.size > limit {
            try skipFile(path, "\(stamp.size / 1_000_000) MB is larger than the \(limit >> 20) MB limit for this kind of file", report)
            return
        }
        // The hash, a look for NUL bytes and a UTF-8 check: over the bytes of an article file
        // (read once, parsed from the same bytes below), or streamed over a JSON Lines file.
        var hasher = FNV1a()
        var utf16: Bool? = nil   // decided by the first chunk
        var binary = false, validUTF8 = true
        var carry: [UInt8] = []
        func scan(_ chunk: [UInt8]) {
            hasher.add(chunk)
            // UTF-16 text (a byte-order mark first: Excel's "Unicode text" exports) is full of
            // NUL bytes and is not binary; its reader decodes it.
            if utf16 == nil { utf16 = !gzip && TextDecoding.hasUTF16ByteOrderMark(chunk) }
            if !binary && utf16 != true && chunk.contains(0) { binary = true }
            if validUTF8 { validUTF8 = Self.validate(&carry, chunk) }
        }
        var bytes: [UInt8] = []   // stays empty for JSON Lines, which are read again line by line
        var readable = true
        if jsonLines {
            readable = (try? Self.chunks(path) { scan($0) }) != nil
        } else if let contents = FileManager.default.contents(atPath: path) {
            scan([UInt8](contents))
            if gzip {
                // The hash is the compressed file's; the NUL check is on what is inside.
                do {
                    bytes = try CorpusReader.contents(of: path, gzip: true, limit: limit)
                } catch let error as IngestError {
                    if case .unreadable(_, let reason) = error { try skipFile(path, reason, report) }
                    return
                }
                binary = format != .html && bytes.contains(0)
            } else {
                bytes = [UInt8](contents)
            }
        } else {
            readable = false
        }
        guard readable else {
            try skipFile(path, "cannot read file (permission denied?)", report)
            return
        }
        if !carry.isEmpty { validUTF8 = false }
        if gzip && jsonLines {
            // Checked again on the decompressed stream below, line by line.
            binary = false
            validUTF8 = true
        }
        if binary {
            try skipFile(path, "binary file (NUL bytes)", report)
            return
        }
        let hash = hasher.hex
        if try indexer.contentIsUnchanged(stamp, hash: hash) { return }
        // (Other formats are decoded by their readers, which say when a file was not UTF-8.)
        if !validUTF8 && jsonLines {
            report(.warning(path: path, line: nil, message: "invalid UTF-8; indexed with replacement characters (U+FFFD)"))
        }
        // Ids are kept only for a file indexed before: what is no longer in it is removed.
        let known = try indexer.isKnown(stamp)
        try indexer.beginFile(stamp)
        var keys: [String] = []
        var events = 0
        var problems = 0
        var articles = 0
        var resumed = 0
        func collect(_ event: CorpusReader.Event) throws {
            // Ctrl-C: stop at the next record, not at the end of the file.
            if shouldStop() { throw StopReading() }
            events += 1
            if case .skipped = event { problems += 1 }
            if case .article = event { articles += 1 }
            if known, case .article(let a) = event { keys.append(a.id) }
            try handle(event, report)
        }
        if jsonLines {
            // Second pass: one line at a time, so memory stays bounded whatever the file's size.
            var lineNumber = 0
            var partial: [UInt8] = []
            // An interrupted run committed the records up to this line of the same file: they
            // are passed over (only their ids are read, for what the file no longer holds).
            let resumeAt = try indexer.resumeLine(stamp)
            resumed = resumeAt
            if resumeAt > 0 { indexer.resumed(path: path, line: resumeAt) }
            func line(_ bytes: ArraySlice<UInt8>) throws {
                lineNumber += 1
                if !gzip && counted + bytes.count + 1 <= stamp.size {
                    counted += bytes.count + 1
                    onBytes(bytes.count + 1)
                }
                if lineNumber <= resumeAt {
                    events += 1
                    if known, let id = reader.jsonLineID(bytes, path: path, lineNumber: lineNumber) { keys.append(id) }
                    return
                }
                let text = CorpusReader.clean(String(decoding: bytes, as: UTF8.self))
                for event in reader.jsonLine(text[...], path: path, lineNumber: lineNumber) { try collect(event) }
            }
            let source: (([UInt8]) throws -> Void) throws -> Void = gzip ? { try Gzip.chunks(path, $0) } : { try Self.chunks(path, $0) }
            do {
            try source { chunk in
                var start = chunk.startIndex
                while let nl = chunk[start...].firstIndex(of: 0x0A) {
                    if partial.isEmpty { try line(chunk[start..<nl]) } else {
                        partial += chunk[start..<nl]
                        try line(partial[...])
                        partial.removeAll(keepingCapacity: true)
                    }
                    start = nl + 1
                }
                partial += chunk[start...]
            }
            if !partial.isEmpty { try line(partial[...]) }
            } catch let error as IngestError {
                // A corrupt .jsonl.gz: what came before the damage is kept, the rest reported.
                if case .unreadable(_, let reason) = error { try collect(.skipped(path: path, line: lineNumber + 1, reason: reason)) }
            } catch is StopReading {
                // Lines before this one are read; their articles commit with this record. A file
                // that had problems is read from the start next time, so that they are
                // reported (and counted) again.
                try indexer.interruptFile(stamp, line: problems == 0 ? lineNumber - 1 : 0)
                return
            }
        } else {
            do {
                try reader.read(InputFile(path: path, root: root, bytes: bytes), format: format, collect)
            } catch is StopReading {
                return   // the file stays unfinished (hash NULL): the next run reads it again
            }
        }
        if events == 0 {
            // Counted as a problem: the next run says again that this file holds nothing.
            problems += 1
            try handle(.skipped(path: path, line: nil, reason: "empty file"), report)
        }
        // A file that gave nothing to index is one skipped file (counted once, not also as
        // added); otherwise its skipped records are counted as records.
        if articles == 0 && problems > 0 && resumed == 0 {
            indexer.fileWasSkipped()
        } else {
            indexer.countSkipped(records: problems)
        }
        try indexer.endFile(stamp, hash: hash, keys: known ? keys : nil, problems: problems)
    }

    /// Calls `body` with the file's bytes, 1 MB at a time.
    static func chunks(_ path: String, _ body: ([UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw IndexError.unreadable(path: path, reason: "cannot open") }
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            try body([UInt8](data))
        }
    }

    /// Validates UTF-8 across chunk boundaries: `carry` holds an incomplete trailing sequence.
    static func validate(_ carry: inout [UInt8], _ chunk: [UInt8]) -> Bool {
        var bytes = carry + chunk
        carry = []
        if bytes.isEmpty { return true }
        // Keep back up to 3 bytes of a sequence that may continue in the next chunk.
        var cut = bytes.count
        for back in 1...min(3, bytes.count) {
            let b = bytes[bytes.count - back]
            if b & 0xC0 == 0x80 { continue }
            let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if need > back { cut = bytes.count - back }
            break
        }
        carry = Array(bytes[cut...])
        bytes.removeLast(bytes.count - cut)
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// A whole file skipped: counted, recorded and reported.
    private func skipFile(_ path: String, _ reason: String, _ report: (CorpusReader.Event) -> Void) throws {
        indexer.countSkipped(files: 1)
        try handle(.skipped(path: path, line: nil, reason: reason), report)
    }

    private func handle(_ event: CorpusReader.Event, _ report: (CorpusReader.Event) -> Void) throws {
        switch event {
        case .article(let article): try indexer.add(article)
        case .skipped(let path, let line, let reason):
            indexer.skip(path: path, line: line, reason: reason)
            report(event)
        case .warning: report(event)
        case .unsupported(let path):
            indexer.notRead(path: path)
            report(event)
        }
    }

    /// Thrown inside a file's reading when `shouldStop` turns true.
    struct StopReading: Error {}

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
