import Foundation

/// Finds and reads the articles under the paths given to `sosik index`.
///
/// Folders are walked recursively (hidden files and folders skipped, files in sorted order);
/// `README.*` files inside folders are not articles and are passed over. Each file is read by
/// the reader of its format (`Format`): text and Markdown with front matter, JSON Lines, JSON
/// arrays, CSV/TSV, HTML pages, RSS/Atom feeds, and `.gz` of any of them. Files of other types
/// are reported as `.unsupported`, never passed over in silence. `-` reads standard input
/// (JSON Lines unless `stdinFormat` says otherwise). Bad input is reported through `.skipped`
/// with its file and line, and reading goes on.
///
/// ```swift
/// try CorpusReader().read(paths: ["Corpus"]) { event in print(event) }
/// ```
public struct CorpusReader: Sendable {
    public enum Event: Sendable {
        case article(Article)
        case skipped(path: String, line: Int?, reason: String)
        /// Indexed, but something was not understood (an unreadable date, say).
        case warning(path: String, line: Int?, message: String)
        /// A file of a type sosik does not read (a .pdf, a .docx): counted and reported.
        case unsupported(path: String)
    }

    /// The formats sosik reads, by file name extension (a further `.gz` is decompressed first).
    public enum Format: String, Sendable, CaseIterable {
        case text, jsonl, json, csv, tsv, html, feed

        public static let byExtension: [String: Format] = [
            "txt": .text, "md": .text, "markdown": .text, "jsonl": .jsonl, "ndjson": .jsonl, "json": .json,
            "csv": .csv, "tsv": .tsv, "tab": .tsv, "html": .html, "htm": .html, "xhtml": .html, "shtml": .html,
            "xml": .feed, "rss": .feed, "atom": .feed, "rdf": .feed,
        ]

        /// The format of a file and whether it is gzip'd, or nil when sosik does not read it.
        public static func of(path: String) -> (format: Format, gzip: Bool)? {
            var name = (path as NSString).lastPathComponent.lowercased()
            var gzip = false
            if name.hasSuffix(".gz") { gzip = true; name.removeLast(3) }
            else if name.hasSuffix(".tgz") { return nil }
            let ext = (name as NSString).pathExtension
            return byExtension[ext].map { ($0, gzip) }
        }

        /// Formats whose files hold many articles and may be large (read up to `maxCollectionBytes`).
        public var isCollection: Bool { self == .json || self == .csv || self == .tsv || self == .feed }
    }

    /// What `--map` and `--stdin-format` set.
    public struct Options: Sendable {
        /// Field name → the column or key that holds it (`body` → `article_text`).
        public var map: [String: String] = [:]
        /// The format of standard input (`-`).
        public var stdinFormat: Format = .jsonl
        public init(map: [String: String] = [:], stdinFormat: Format = .jsonl) {
            self.map = map
            self.stdinFormat = stdinFormat
        }

        /// The fields `--map` may name.
        public static let fields = ["id", "title", "body", "date", "lang", "source", "url", "translation_of", "author"]

        /// Parses `--map body=article_text,title=headline` (one or several, comma-separated).
        public static func parseMap(_ values: [String]) throws -> [String: String] {
            var map: [String: String] = [:]
            for value in values {
                for pair in value.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw IngestError.badOption("--map \(quoted(String(pair))): write FIELD=COLUMN, e.g. --map body=article_text")
                    }
                    guard fields.contains(parts[0].lowercased()) else {
                        throw IngestError.badOption("--map \(quoted(String(pair))): \(quoted(parts[0])) is not a field; fields are \(fields.joined(separator: ", "))")
                    }
                    map[parts[0].lowercased()] = parts[1]
                }
            }
            return map
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The largest file of one article (a page, a text file) that is read, and of a collection
    /// (CSV, JSON array, feed; read whole). JSON Lines are streamed and have no limit.
    public static let maxArticleFileBytes = 32 << 20
    public static let maxCollectionBytes = 1 << 30

    /// What the paths of a command line hold, in the order they are met.
    public enum Input {
        /// One line of JSON Lines on standard input (`-`), numbered from 1.
        case stdinLine(Substring, number: Int)
        /// All of standard input, when `--stdin-format` is not JSON Lines.
        case stdinWhole([UInt8])
        /// A supported file, with the folder it was found under (nil when named directly).
        case file(path: String, root: String?)
        /// A folder read to the end, with every supported file found in it.
        case folderDone(path: String, files: [String])
        /// A file of a type sosik does not read (named on the command line or found in a folder).
        case unsupported(path: String)
    }

    /// Walks `paths` — the one walk that `read` and `IndexRun` share. When `shouldStop` turns
    /// true the walk ends; a folder cut short gets no `.folderDone`. Throws when a path does not
    /// exist or `body` throws.
    public func walk(_ paths: [String], shouldStop: () -> Bool = { false }, _ body: (Input) throws -> Void) throws {
        for path in paths where !shouldStop() {
            if path == "-" {
                if options.stdinFormat != .jsonl {
                    let data = FileHandle.standardInput.readDataToEndOfFile()
                    try body(.stdinWhole([UInt8](data)))
                    continue
                }
                var number = 0
                while !shouldStop(), let line = readLine(strippingNewline: true) {
                    number += 1
                    try body(.stdinLine(line[...], number: number))
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IngestError.unreadable(path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                let (found, unsupported) = try files(under: path)
                var complete = true
                for file in found {
                    if shouldStop() { complete = false; break }
                    try body(.file(path: file, root: path))
                }
                for file in unsupported where complete { try body(.unsupported(path: file)) }
                if complete { try body(.folderDone(path: path, files: found)) }
            } else if Format.of(path: path) != nil {
                try body(.file(path: path, root: nil))
            } else {
                try body(.unsupported(path: path))
            }
        }
    }

    /// The bytes of the files `paths` name (folders walked as `walk` does), or nil when one of
    /// them is standard input (its size is not known). For a progress bar.
    public func plannedBytes(_ paths: [String]) -> Int? {
        var total = 0
        func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        for path in paths {
            if path == "-" { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                for file in (try? files(under: path).supported) ?? [] { total += size(file) }
            } else if Format.of(path: path) != nil {
                total += size(path)
            }
        }
        return total
    }

    /// Calls `body` with each article or skipped input, in order. Throws only when `body` throws
    /// or a path given on the command line does not exist.
    public func read(paths: [String], _ body: (Event) throws -> Void) throws {
        try walk(paths) { input in
            switch input {
            case .stdinLine(let line, let number):
                for event in jsonLine(line, path: "-", lineNumber: number) { try body(event) }
            case .stdinWhole(let bytes):
                try read(InputFile(path: "-", bytes: bytes), format: options.stdinFormat, body)
            case .file(let path, let root):
                try readFile(path, root: root, body)
            case .folderDone:
                break
            case .unsupported(let path):
                try body(.unsupported(path: path))
            }
        }
    }

    /// Supported files under `root`, sorted, and the files of other types; hidden entries and
    /// `README.*` skipped.
    func files(under root: String) throws -> (supported: [String], unsupported: [String]) {
        // A folder given through a symbolic link: FileManager does not enter a root that is a
        // link, and the folder would read as empty (and its indexed files be removed).
        let url = URL(fileURLWithPath: root).resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw IngestError.unreadable(path: root, reason: "cannot list folder")
        }
        var out: [String] = [], other: [String] = []
        for case let file as URL in walker {
            // A folder's README describes the folder; it is not an article. (Named on the
            // command line, it is indexed like any file.)
            if file.deletingPathExtension().lastPathComponent.uppercased() == "README" { continue }
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(file.path.dropFirst(url.path.count).drop(while: { $0 == "/" }))
            let path = root.hasSuffix("/") ? root + relative : root + "/" + relative
            if Format.of(path: file.lastPathComponent) != nil { out.append(path) } else { other.append(path) }
        }
        return (out.sorted(), other.sorted())
    }

    /// One file's articles, `root` being the folder it was found under (ids are relative to it).
    public func readFile(_ path: String, root: String?, _ body: (Event) throws -> Void) throws {
        guard let (format, gzip) = Format.of(path: path) else { try body(.unsupported(path: path)); return }
        let bytes: [UInt8]
        do {
            bytes = try Self.contents(of: path, gzip: gzip, limit: format.isCollection || format == .jsonl ? Self.maxCollectionBytes : Self.maxArticleFileBytes)
        } catch let error as IngestError {
            if case .unreadable(_, let reason) = error { try body(.skipped(path: path, line: nil, reason: reason)) }
            return
        }
        try read(InputFile(path: path, root: root, bytes: bytes), format: format, body)
    }

    /// The bytes of a file, decompressed when `gzip`. Throws `.unreadable` with the reason
    /// (missing, permission, corrupt gzip, over `limit`).
    public static func contents(of path: String, gzip: Bool, limit: Int) throws -> [UInt8] {
        if !gzip {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IngestError.unreadable(path: path, reason: "cannot read file (permission denied?)")
            }
            guard data.count <= limit else {
                throw IngestError.unreadable(path: path, reason: "\(data.count / 1_000_000) MB is larger than the \(limit >> 20) MB limit for this kind of file")
            }
            return [UInt8](data)
        }
        var out: [UInt8] = []
        try Gzip.chunks(path) { chunk in
            out += chunk
            if out.count > limit {
                throw IngestError.unreadable(path: path, reason: "more than \(limit >> 20) MB once decompressed, the limit for this kind of file")
            }
        }
        return out
    }

    /// The articles (and problems) in one file's bytes, by the reader of `format`.
    public func read(_ file: InputFile, format: Format, _ body: (Event) throws -> Void) throws {
        switch format {
        case .text:
            let text = Self.clean(try Self.decode(file, body))
            for event in textArticle(text, path: file.path, root: file.root) { try body(event) }
        case .jsonl:
            let text = Self.clean(try Self.decode(file, body))
            var lineNumber = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                for event in jsonLine(line, path: file.path, lineNumber: lineNumber) { try body(event) }
            }
        case .json: try JSONArrayReader(map: options.map).read(file, body)
        case .csv: try CSVReader(separator: ",", map: options.map).read(file, body)
        case .tsv: try CSVReader(separator: "\t", map: options.map).read(file, body)
        case .html: try HTMLReader().read(file, body)
        case .feed: try FeedReader().read(file, body)
        }
    }

    /// The text of a file that declares no charset, with a warning when it was not UTF-8.
    static func decode(_ file: InputFile, _ body: (Event) throws -> Void) throws -> String {
        let decoded = TextDecoding.decode(file.bytes, markup: false)
        if decoded.how.hasPrefix("invalid") {
            try body(.warning(path: file.path, line: nil, message: "invalid UTF-8; indexed with replacement characters (U+FFFD)"))
        } else if decoded.how == "detected" {
            try body(.warning(path: file.path, line: nil, message: "not UTF-8; read as \(decoded.charset) (detected)"))
        }
        return decoded.text
    }

    /// Metadata (ids, titles, sources) is stored composed (NFC), so that an NFD file groups,
    /// sorts and matches ids like any other. Bodies keep their original form: token offsets
    /// point into them.
    static func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }

    /// CRLF → LF, and the two control characters sosik uses as highlight markers removed.
    public static func clean(_ text: String) -> String {
        // A byte scan first: Foundation's contains()/replacingOccurrences compare with locale
        // rules and took a third of all indexing time (perf) for text that rarely needs them.
        var text = text
        let needed = text.withUTF8 { buffer in buffer.contains { $0 == 0x0D || $0 == 0x01 || $0 == 0x02 } }
        guard needed else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            switch b {
            case 0x0D: bytes.append(0x0A); previousCR = true; continue   // CR and CRLF → LF
            case 0x0A where previousCR: break                            // the LF of a CRLF
            case 0x01, 0x02: break                                       // sosik's highlight markers
            default: bytes.append(b)
            }
            previousCR = false
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func textArticle(_ text: String, path: String, root: String?) -> [Event] {
        let (fields, rawBody) = FrontMatter.split(text)
        var notes: [Event] = []
        if fields.isEmpty && (text.hasPrefix("---\n") || text.hasPrefix("\u{FEFF}---\n")) {
            notes.append(.warning(path: path, line: 1, message: "front matter block is not closed by a --- line; the whole file is indexed as the body"))
        }
        var body = rawBody
        var title = fields["title"] ?? ""
        if title.isEmpty, let firstLine = body.split(separator: "\n", maxSplits: 1).first,
           firstLine.hasPrefix("# ") {
            title = firstLine.dropFirst(2).trimmingCharacters(in: .whitespaces)
            body = body[firstLine.endIndex...]
        }
        if body.allSatisfy({ $0.isWhitespace }) && title.isEmpty {
            return [.skipped(path: path, line: nil, reason: "empty file")]
        }
        let id = fields["id"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultID(path: path, root: root)
        if title.isEmpty { title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension }
        let (date, warning) = Self.date(fields["date"])
        let article = Article(id: Self.nfc(id), title: Self.nfc(title), body: String(body),
                              lang: fields["lang"].flatMap(LanguageDetector.normalize),
                              date: date, source: fields["source"].map(Self.nfc), url: fields["url"], path: path,
                              translationOf: fields["translation_of"].flatMap { $0.isEmpty ? nil : Self.nfc($0) })
        return notes + (warning.map { [.warning(path: path, line: nil, message: $0), .article(article)] } ?? [.article(article)])
    }

    /// An ISO date, or nil with a warning when the text is not a date sosik can read.
    static func date(_ raw: String?) -> (String?, String?) {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return (nil, nil) }
        if let iso = DateNormalizer.iso(raw.trimmingCharacters(in: .whitespaces)) ?? DateNormalizer.isoPrefix(raw) { return (iso, nil) }
        return (nil, "date \(quoted(raw)) not understood (use 2025-05-01, 2025.5.1 or 2025년 5월 1일); indexed without a date")
    }

    /// The path relative to the folder being indexed, without extension (Corpus/a/b.md → a/b).
    static func defaultID(path: String, root: String?) -> String {
        var relative = path
        if let root, path.hasPrefix(root) {
            relative = String(path.dropFirst(root.count).drop(while: { $0 == "/" }))
        } else {
            relative = (path as NSString).lastPathComponent
        }
        // page.html.gz → page: the .gz and the format's extension both go.
        if relative.lowercased().hasSuffix(".gz") { relative = (relative as NSString).deletingPathExtension }
        return (relative as NSString).deletingPathExtension
    }

    public func jsonLine(_ line: Substring, path: String, lineNumber: Int) -> [Event] {
        // Foundation's trimmingCharacters bridged every line to NSString: 1.3% of indexing time.
        let trimmed = PassageSplitter.trimmed(line)
        guard !trimmed.isEmpty else { return [] }   // blank lines are allowed
        guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
            return [.skipped(path: path, line: lineNumber, reason: "not a JSON object")]
        }
        return article(from: object, path: path, line: lineNumber,
                       defaultID: "\(Self.defaultID(path: path, root: nil)):\(lineNumber)")
    }

    /// The id a JSON Lines record gets (its `id`, or `FILE:LINE`), read as the record is (the
    /// whole line parsed: the id may come from `--map`); nil for a line that is not an article.
    public func jsonLineID(_ bytes: ArraySlice<UInt8>, path: String, lineNumber: Int) -> String? {
        // Decoded exactly as the record was when it was indexed (invalid UTF-8 replaced).
        let text = Self.clean(String(decoding: bytes, as: UTF8.self))
        for event in jsonLine(text[...], path: path, lineNumber: lineNumber) {
            if case .article(let a) = event { return a.id }
        }
        return nil
    }

    /// An article from a JSON object (a JSON Lines record, an element of a JSON array): fields
    /// by name, or by `--map`.
    func article(from object: [String: Any], path: String, line: Int?, defaultID: String) -> [Event] {
        func string(_ field: String) -> String? {
            let key = options.map[field] ?? field
            switch object[key] {
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
        guard let body = string("body") ?? (options.map["body"] == nil ? string("text") ?? string("content") : nil) else {
            let want = options.map["body"].map { "\"\($0)\"" } ?? "\"body\", \"text\" or \"content\""
            return [.skipped(path: path, line: line, reason: "no \(want) field")]
        }
        let id = string("id").flatMap { $0.isEmpty ? nil : $0 } ?? defaultID
        let (date, warning) = Self.date(string("date"))
        var article = Article(id: Self.nfc(id), title: Self.nfc(Self.clean(string("title") ?? "")), body: Self.clean(body),
                              lang: string("lang").flatMap(LanguageDetector.normalize),
                              date: date, source: string("source").map(Self.nfc), url: string("url"), path: path,
                              translationOf: string("translation_of").map(Self.nfc))
        article.author = string("author")
        return (warning.map { [.warning(path: path, line: line, message: $0)] } ?? []) + [.article(article)]
    }
}
