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

    /// What `--map`, `--date-order` and `--stdin-format` set.
    public struct Options: Sendable, Equatable {
        /// Field name → the column or key that holds it (`body` → `article_text`; several
        /// choices as `article_text|story`, the first present wins). A file or record without
        /// it is read by the usual names: one `--map` serves a folder of files of several kinds.
        public var map: [String: String] = [:]
        /// How to read a date with the year last whose day could be the month (3/4/2020).
        public var dateOrder: DateNormalizer.Order? = nil
        /// The format of standard input (`-`).
        public var stdinFormat: Format = .jsonl
        public init(map: [String: String] = [:], dateOrder: DateNormalizer.Order? = nil, stdinFormat: Format = .jsonl) {
            self.map = map
            self.dateOrder = dateOrder
            self.stdinFormat = stdinFormat
        }

        /// The options as settings, one `name=value` line each in a fixed order (`date-order=dmy`,
        /// `map=body=article_text,title=headline`), "" for none: what the index keeps with a file.
        public var settingsText: String {
            var lines: [String] = []
            if let dateOrder { lines.append("date-order=\(dateOrder.rawValue)") }
            if !map.isEmpty { lines.append("map=" + map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")) }
            return lines.joined(separator: "\n")
        }

        /// The options a file keeps, by their names in `.sosik.conf` and in `settingsText`.
        public static let settingNames = ["map", "date-order"]

        /// Options from settings (FolderRules: `.sosik.conf`; or `settingsText` read back):
        /// `settingNames`. A bad value throws, naming the setting.
        public static func from(settings: [String: String]) throws -> Options {
            var o = Options()
            if let map = settings["map"] { o.map = try parseMap([map]) }
            if let order = settings["date-order"] { o.dateOrder = try parseDateOrder(order, option: "date-order") }
            return o
        }

        /// `mdy` or `dmy`, any case, as `--date-order` (`option`) or a setting gives it.
        public static func parseDateOrder(_ value: String, option: String = "--date-order") throws -> DateNormalizer.Order {
            guard let order = DateNormalizer.Order(rawValue: value.lowercased()) else {
                throw IngestError.badOption("\(option) \(value): use mdy (3/4/2020 is March 4) or dmy (3/4/2020 is 3 April)")
            }
            return order
        }

        /// These options, with those not given taken from `settings` (`.sosik.conf`, or what
        /// the index kept): an option given wins; a field mapped in both is looked for under
        /// the given column first, then under the other. A bad setting throws, naming it.
        public func filled(from settings: [String: String]) throws -> Options {
            guard !settings.isEmpty else { return self }
            var o = self
            let read = try Options.from(settings: settings)
            // A field mapped already keeps its column and gains the other as a second choice
            // (`article_text|story`): the first the file has is read.
            for (field, column) in read.map {
                let mine = o.map[field]?.split(separator: "|").map(String.init) ?? []
                let more = column.split(separator: "|").map(String.init).filter { !mine.contains($0) }
                o.map[field] = (mine + more).joined(separator: "|")
            }
            if o.dateOrder == nil { o.dateOrder = read.dateOrder }
            return o
        }

        /// `settingsText` read back into settings.
        public static func settings(fromText text: String) -> [String: String] {
            var out: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { out[String(parts[0])] = String(parts[1]) }
            }
            return out
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
    /// `--exclude` globs: files and folders left out of every folder walked (FolderRules).
    public var excludes: [String] = []

    public init(options: Options = Options(), excludes: [String] = []) {
        self.options = options
        self.excludes = excludes
    }

    /// The most bytes read whole for a file of this format: one article (a page, a text file),
    /// or a feed. JSON Lines, JSON lists and CSV are streamed a record at a time (each record
    /// at most `Limits.article`) and have no limit as files.
    public static func wholeLimit(_ format: Format) -> Int? {
        switch format {
        case .jsonl, .json, .csv, .tsv: return nil
        case .feed: return Limits.wholeCollection
        case .text, .html: return Limits.article
        }
    }

    /// What the paths of a command line hold, in the order they are met.
    public enum Input {
        /// Standard input (`-`), read as `stdinFormat`.
        case stdin
        /// A supported file, with the folder it was found under (nil when named directly) and
        /// what the `.sosik.conf` files of its folders say of it (FolderRules).
        case file(path: String, root: String?, settings: [String: String])
        /// A folder read to the end, with every supported file found in it, and the folders
        /// inside it that could not be listed (what was indexed from those is kept).
        case folderDone(path: String, files: [String], unreadable: [String])
        /// A file of a type sosik does not read (named on the command line or found in a folder).
        case unsupported(path: String)
        /// Something in a folder that could not be read: a folder that cannot be listed, a
        /// broken link, a FIFO.
        case problem(path: String, reason: String)
    }

    /// Walks `paths` — the one walk that `read` and `IndexRun` share. When `shouldStop` turns
    /// true the walk ends; a folder cut short gets no `.folderDone`. Throws when a path does not
    /// exist or cannot be read, or `body` throws.
    public func walk(_ paths: [String], shouldStop: () -> Bool = { false }, _ body: (Input) throws -> Void) throws {
        for path in paths where !shouldStop() {
            if path == "-" {
                try body(.stdin)
                continue
            }
            let info: InputFiles.Info
            switch InputFiles.info(path) {
            case .success(let i): info = i
            case .failure(let f):
                throw IngestError.unreadable(path: path, reason: f.code == ENOENT ? "no such file or folder" : f.reason)
            }
            if info.kind == .folder {
                let listing = InputFiles.list(path, rules: FolderRules(excludes: excludes), supported: { Format.of(path: $0) != nil })
                var complete = true
                for problem in listing.problems { try body(.problem(path: problem.path, reason: problem.reason)) }
                for file in listing.supported {
                    if shouldStop() { complete = false; break }
                    try body(.file(path: file, root: path, settings: listing.settings[file] ?? [:]))
                }
                for file in listing.unsupported where complete { try body(.unsupported(path: file)) }
                if complete { try body(.folderDone(path: path, files: listing.supported, unreadable: listing.unreadableFolders)) }
            } else if info.kind == .other {
                try body(.problem(path: path, reason: "not a regular file (a FIFO, socket or device): not read"))
            } else if Format.of(path: path) != nil {
                // A file named on the command line is read whatever the ignore files say.
                try body(.file(path: path, root: nil, settings: [:]))
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
            if case .success(let i) = InputFiles.info(path) { return i.size }
            return 0
        }
        for path in paths {
            if path == "-" { return nil }
            guard case .success(let info) = InputFiles.info(path) else { continue }
            if info.kind == .folder {
                for file in InputFiles.list(path, rules: FolderRules(excludes: excludes), supported: { Format.of(path: $0) != nil }).supported {
                    total += size(file)
                }
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
            case .stdin:
                try stream(ByteSource.standardInput(), root: nil, format: options.stdinFormat, body)
            case .file(let path, let root, let settings):
                try readFile(path, root: root, settings: settings, body)
            case .folderDone:
                break
            case .unsupported(let path):
                try body(.unsupported(path: path))
            case .problem(let path, let reason):
                try body(.skipped(path: path, line: nil, reason: reason))
            }
        }
    }

    /// One file's articles, `root` being the folder it was found under (ids are relative to it),
    /// read with these options under what its folders' `.sosik.conf` say (`settings`): checked
    /// (FileCheck), then read (`read(checked:)`), as `sosik index` reads it.
    public func readFile(_ path: String, root: String?, settings: [String: String] = [:],
                         _ body: (Event) throws -> Void) throws {
        guard let (format, gzip) = Format.of(path: path) else { try body(.unsupported(path: path)); return }
        var reader = self
        let check: FileCheck
        do {
            reader.options = try options.filled(from: settings)
            check = try FileCheck(path: path, format: format, gzip: gzip)
        } catch IngestError.unreadable(_, let reason) {
            try body(.skipped(path: path, line: nil, reason: reason))
            return
        } catch let error as IngestError {
            try body(.skipped(path: path, line: nil, reason: "\(FolderRules.settingsFile): \(error.description)"))
            return
        }
        try reader.read(checked: check, path: path, root: root, format: format, gzip: gzip, body)
    }

    /// The articles of a file `FileCheck` has let through: a page, text or feed
    /// from the bytes it kept; JSON Lines, JSON lists and CSV streamed from the file.
    public func read(checked check: FileCheck, path: String, root: String?, format: Format, gzip: Bool, resumeAfter: Int = 0,
                     passed: (ArraySlice<UInt8>, Int) throws -> Void = { _, _ in }, onRecord: (Int) -> Void = { _ in },
                     _ body: (Event) throws -> Void) throws {
        if let whole = check.whole {
            try read(InputFile(path: path, root: root, bytes: whole), format: format, body)
            return
        }
        let source: ByteSource
        do {
            source = try ByteSource.file(path, gzip: gzip)
        } catch IngestError.unreadable(_, let reason) {
            try body(.skipped(path: path, line: nil, reason: reason))
            return
        }
        try stream(source, root: root, format: format, resumeAfter: resumeAfter, passed: passed, onRecord: onRecord, body)
    }

    /// The articles of one input (a file, a `.gz`, standard input), its bytes pulled from
    /// `source`: JSON Lines, JSON lists and CSV a record at a time; other formats whole, up to
    /// their limit. A failure to read (a damaged `.gz`, a limit) is reported as `.skipped` with
    /// what came before it kept. `resumeAfter` lines of JSON Lines are passed over, each given
    /// to `passed` (an interrupted run indexed them); `onRecord` is told each record's size.
    public func stream(_ source: ByteSource, root: String?, format: Format,
                       resumeAfter: Int = 0, passed: (ArraySlice<UInt8>, Int) throws -> Void = { _, _ in },
                       onRecord: (Int) -> Void = { _ in },
                       _ body: (Event) throws -> Void) throws {
        let path = source.path
        do {
            switch format {
            case .jsonl:
                var splitter = RecordSplitter(mode: .lines, limit: Limits.article)
                func piece(_ p: RecordSplitter.Piece) throws {
                    switch p {
                    case .record(let bytes, let line):
                        onRecord(bytes.count + 1)
                        if line <= resumeAfter { try passed(bytes, line); return }
                        let text = Self.clean(String(decoding: bytes, as: UTF8.self))
                        for event in jsonLine(text[...], path: path, lineNumber: line) { try body(event) }
                    case .tooLong(let line, let bytes):
                        onRecord(bytes + 1)
                        try body(.skipped(path: path, line: line, reason: "a record of \(bytes >> 20) MB or more, \(Limits.over(Limits.article, what: "one article"))"))
                    case .unterminated(let line):
                        try body(.skipped(path: path, line: line, reason: "the file ends inside a record"))
                    }
                }
                while let chunk = try source.next() { try splitter.feed(chunk, piece) }
                try splitter.finish(piece)
            case .json:
                try JSONArrayReader(options: options).stream(path: path, root: root, source, body)
            case .csv:
                try CSVReader(separator: ",", options: options).stream(path: path, root: root, source, body)
            case .tsv:
                try CSVReader(separator: "\t", options: options).stream(path: path, root: root, source, body)
            case .text, .html, .feed:
                let limit = Self.wholeLimit(format) ?? Limits.article
                var bytes: [UInt8] = []
                while let chunk = try source.next() {
                    bytes += chunk
                    if bytes.count > limit {
                        throw IngestError.unreadable(path: path, reason: Limits.over(limit, what: "this kind of file"))
                    }
                }
                try read(InputFile(path: path, root: root, bytes: bytes), format: format, body)
            }
        } catch IngestError.unreadable(_, let reason) {
            try body(.skipped(path: path, line: nil, reason: reason))
        }
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
        case .json: try JSONArrayReader(options: options).read(file, body)
        case .csv: try CSVReader(separator: ",", options: options).read(file, body)
        case .tsv: try CSVReader(separator: "\t", options: options).read(file, body)
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
        let (date, warning) = Self.date(fields["date"], order: options.dateOrder)
        let article = Article(id: Self.nfc(id), title: Self.nfc(title), body: String(body),
                              lang: fields["lang"].flatMap(LanguageDetector.normalize),
                              date: date, source: fields["source"].map(Self.nfc), url: fields["url"], path: path,
                              translationOf: fields["translation_of"].flatMap { $0.isEmpty ? nil : Self.nfc($0) })
        return notes + (warning.map { [.warning(path: path, line: nil, message: $0), .article(article)] } ?? [.article(article)])
    }

    /// An ISO date, or nil with a warning when the text is not a date sosik can read.
    static func date(_ raw: String?, order: DateNormalizer.Order? = nil) -> (String?, String?) {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return (nil, nil) }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if let iso = DateNormalizer.iso(trimmed) ?? DateNormalizer.yearLast(trimmed, order: order) ?? DateNormalizer.isoPrefix(raw) {
            return (iso, nil)
        }
        return (nil, "date \(quoted(raw)) not understood (use 2025-05-01, 2025.5.1, 2025년 5월 1일, 5/1/2025 or 1.5.2025); indexed without a date")
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
        // The first mapped key the object has (`article_text|story`), else the field by its
        // usual name (one --map for a folder).
        func string(_ field: String) -> String? {
            let key = options.map[field].flatMap {
                $0.split(separator: "|").map(String.init).first { object[$0] is String || object[$0] is NSNumber }
            } ?? field
            switch object[key] {
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
        guard let body = string("body") ?? string("text") ?? string("content") else {
            let want = (options.map["body"].map { $0.split(separator: "|").map { "\"\($0)\", " }.joined() } ?? "") + "\"body\", \"text\" or \"content\""
            return [.skipped(path: path, line: line, reason: "no \(want) field")]
        }
        let id = string("id").flatMap { $0.isEmpty ? nil : $0 } ?? defaultID
        let (date, warning) = Self.date(string("date"), order: options.dateOrder)
        var article = Article(id: Self.nfc(id), title: Self.nfc(Self.clean(string("title") ?? "")), body: Self.clean(body),
                              lang: string("lang").flatMap(LanguageDetector.normalize),
                              date: date, source: string("source").map(Self.nfc), url: string("url"), path: path,
                              translationOf: string("translation_of").map(Self.nfc))
        article.author = string("author")
        return (warning.map { [.warning(path: path, line: line, message: $0)] } ?? []) + [.article(article)]
    }
}
