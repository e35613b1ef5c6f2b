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
    /// `--map`, `--date-order` and `--stdin-format` as given on the command line. A file is read
    /// with each option as given, else as its folders' `.sosik.conf` says, else as it was read
    /// last time (the index keeps each file's options), else with none.
    public var options = CorpusReader.Options()
    /// `--exclude` globs (FolderRules).
    public var excludes: [String] = []
    /// Called with the bytes of input read so far, as they are read (for a progress bar).
    public var onBytes: (Int) -> Void = { _ in }

    public init(indexer: Indexer) {
        self.indexer = indexer
    }

    /// Calls `report` with problems (skipped inputs, warnings) as they happen.
    @discardableResult
    public func run(paths: [String], report: (CorpusReader.Event) -> Void) throws -> Indexer.Summary {
        let reader = CorpusReader(options: options, excludes: excludes)
        let database = Self.absolute(indexer.database.path)
        let ownFiles = Set(["", "-wal", "-shm", "-journal"].map { database + $0 })
        // Folders read to the end remove what they no longer hold, once the whole run is read:
        // a file an ignore rule leaves out of a folder but named on the command line too is in
        // the run, and stays (removing it at the folder's end flipped it in and out, run after run).
        var seen = Set<String>()
        var finishedFolders: [(folder: String, files: [String], unreadable: [String])] = []
        try reader.walk(paths, shouldStop: shouldStop) { input in
            switch input {
            case .stdin:
                // Standard input is read as a file is, with the same limits, and streamed.
                var events = 0
                do {
                    try reader.stream(ByteSource.standardInput(), root: nil, format: options.stdinFormat, onRecord: onBytes) {
                        events += 1
                        if shouldStop() { throw StopReading() }
                        if case .skipped = $0 { indexer.countSkipped(records: 1) }
                        try handle($0, report)
                    }
                } catch is StopReading {
                    return
                }
                if events == 0 {
                    try skipFile("-", "no articles on standard input", report)
                }
            case .file(let path, let root, let settings):
                seen.insert(Self.absolute(path))
                try index(path, root: root, settings: settings, report: report)
            case .folderDone(let folder, let files, let unreadable):
                finishedFolders.append((folder, files, unreadable))
            case .unsupported(let path):
                // The index itself (and SQLite's files beside it) may sit in the folder being
                // indexed: not an input, not worth a word.
                if ownFiles.contains(Self.absolute(path)) { return }
                try handle(.unsupported(path: path), report)
            case .problem(let path, let reason):
                try skipFile(path, reason, report)
            }
        }
        // A folder read to the end: what is no longer in it goes from the index, but not what
        // came from a folder inside it that could not be listed this time, nor a file this run read.
        if !shouldStop() {
            for f in finishedFolders {
                try indexer.removeFiles(under: Self.absolute(f.folder), except: Set(f.files.map(Self.absolute)).union(seen),
                                        keepingUnder: f.unreadable.map(Self.absolute))
            }
        }
        return try indexer.finish()
    }

    /// The options a file is read with: each as given on the command line, else as `settings`
    /// (its folders' `.sosik.conf`) say, else as the index kept from the file's last reading.
    func options(for absolute: String, settings: [String: String]) throws -> CorpusReader.Options {
        try options.filled(from: settings)
            .filled(from: CorpusReader.Options.settings(fromText: indexer.storedOptions(absolute) ?? ""))
    }

    private func index(_ path: String, root: String?, settings: [String: String], report: (CorpusReader.Event) -> Void) throws {
        let absolute = Self.absolute(path)
        let info: InputFiles.Info
        switch InputFiles.info(path) {
        case .success(let i): info = i
        case .failure(let f):
            try skipFile(path, "cannot read file: \(f.reason)", report)
            return
        }
        let fileOptions: CorpusReader.Options
        do {
            fileOptions = try options(for: absolute, settings: settings)
        } catch let error as IngestError {
            try skipFile(path, "\(FolderRules.settingsFile): \(error.description)", report)
            return
        }
        let reader = CorpusReader(options: fileOptions)
        let stamp = Indexer.FileStamp(path: path, absolutePath: absolute, size: info.size, modified: info.modified,
                                      options: fileOptions.settingsText)
        // Progress: the file's bytes, as its records are read, or when it is done.
        var counted = 0
        defer { if stamp.size > counted { onBytes(stamp.size - counted) } }
        if try indexer.isUnchanged(stamp) { return }
        guard let (format, gzip) = CorpusReader.Format.of(path: path) else {
            try handle(.unsupported(path: path), report)
            return
        }
        // First pass (FileCheck, the same as `extract`'s): the size limit, the hash of the
        // file's bytes, NUL bytes, UTF-8; a page or feed kept whole for the second pass (JSON
        // Lines, JSON lists and CSV are streamed a record at a time).
        let check: FileCheck
        do {
            check = try FileCheck(path: path, format: format, gzip: gzip)
        } catch IngestError.unreadable(_, let reason) {
            // Nothing of the file is read, and what it gave before stays indexed.
            try skipFile(path, reason, report)
            return
        }
        let hash = check.hash
        if try indexer.contentIsUnchanged(stamp, hash: hash) { return }
        // (Other formats are decoded by their readers, which say when a file was not UTF-8.)
        var warnings = 0
        if !check.validUTF8 && format == .jsonl {
            warnings += 1
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
            if case .warning = event { warnings += 1 }
            if case .article = event { articles += 1 }
            if known, case .article(let a) = event { keys.append(a.id) }
            try handle(event, report)
        }
        var lineNumber = 0
        do {
            // An interrupted run committed the records up to this line of the same JSON Lines
            // file: they are passed over (only their ids are read, for what the file no longer holds).
            let resumeAt = format == .jsonl ? try indexer.resumeLine(stamp) : 0
            resumed = resumeAt
            if resumeAt > 0 { indexer.resumed(path: path, line: resumeAt) }
            try reader.read(checked: check, path: path, root: root, format: format, gzip: gzip, resumeAfter: resumeAt,
                            passed: { bytes, line in
                                events += 1
                                if known, let id = reader.jsonLineID(bytes, path: path, lineNumber: line) { keys.append(id) }
                            },
                            onRecord: { n in
                                if format == .jsonl { lineNumber += 1 }
                                if !gzip && counted + n <= stamp.size { counted += n; onBytes(n) }
                            }, collect)
        } catch is StopReading {
            // JSON Lines: lines before this one are read; their articles commit with this
            // record. A file that had problems is read from the start next time, so that they
            // are reported (and counted) again. Other files stay unfinished (hash NULL): the
            // next run reads them again.
            if format == .jsonl { try indexer.interruptFile(stamp, line: problems + warnings == 0 ? max(0, lineNumber - 1) : 0) }
            return
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
        // A record that could not be read this time may be one that was indexed before: what
        // the file gave is removed only after a reading without skipped records. Warnings (a
        // date not understood) count as problems too, so that the file is read, and they are
        // said, again on the next run, as skipped records are.
        try indexer.endFile(stamp, hash: hash, keys: known && problems == 0 ? keys : nil, problems: problems + warnings)
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
