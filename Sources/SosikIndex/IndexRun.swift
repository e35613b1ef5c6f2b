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

    public init(indexer: Indexer) {
        self.indexer = indexer
    }

    /// Calls `report` with problems (skipped inputs, warnings) as they happen.
    @discardableResult
    public func run(paths: [String], report: (CorpusReader.Event) -> Void) throws -> Indexer.Summary {
        let reader = CorpusReader()
        for path in paths where !shouldStop() {
            if path == "-" {
                var lineNumber = 0
                while !shouldStop(), let line = readLine(strippingNewline: true) {
                    lineNumber += 1
                    for event in reader.jsonLine(line[...], path: "-", lineNumber: lineNumber) { try handle(event, report) }
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IndexError.unreadable(path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                var seen = Set<String>()
                var stopped = false
                for file in try reader.files(under: path) {
                    if shouldStop() { stopped = true; break }
                    seen.insert(Self.absolute(file))
                    try index(file, root: path, reader: reader, report: report)
                }
                // A folder read to the end: what is no longer in it goes from the index.
                if !stopped { try indexer.removeFiles(under: Self.absolute(path), except: seen) }
            } else {
                let ext = (path as NSString).pathExtension.lowercased()
                guard CorpusReader.textExtensions.contains(ext) || CorpusReader.jsonLinesExtensions.contains(ext) else {
                    try handle(.skipped(path: path, line: nil, reason: "not a .txt, .md or .jsonl file"), report)
                    continue
                }
                try index(path, root: nil, reader: reader, report: report)
            }
        }
        return try indexer.finish()
    }

    private func index(_ path: String, root: String?, reader: CorpusReader, report: (CorpusReader.Event) -> Void) throws {
        let absolute = Self.absolute(path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            try handle(.skipped(path: path, line: nil, reason: "cannot read file"), report)
            return
        }
        let stamp = Indexer.FileStamp(path: path, absolutePath: absolute,
                                      size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
                                      modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        if try indexer.isUnchanged(stamp) { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            try handle(.skipped(path: path, line: nil, reason: "cannot read file"), report)
            return
        }
        let hash = Self.hash(data)
        if try indexer.contentIsUnchanged(stamp, hash: hash) { return }
        try indexer.beginFile(stamp)
        var keys: [String] = []
        try reader.parse(data, path: path, root: root) { event in
            if case .article(let a) = event { keys.append(a.id) }
            try handle(event, report)
        }
        try indexer.endFile(stamp, hash: hash, keys: keys)
    }

    private func handle(_ event: CorpusReader.Event, _ report: (CorpusReader.Event) -> Void) throws {
        switch event {
        case .article(let article): try indexer.add(article)
        case .skipped(let path, let line, let reason):
            indexer.skip(path: path, line: line, reason: reason)
            report(event)
        case .warning: report(event)
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// 64-bit FNV-1a of the file's bytes, as hex: enough to tell a changed file from a touched one.
    static func hash(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}
