import Foundation

/// Finds and reads the articles under the paths given to `sosik index`.
///
/// Folders are walked recursively (hidden files and folders skipped, files in sorted order);
/// `README.*` files inside folders are not articles and are passed over;
/// `.txt`/`.md` files are one article each, with an optional front matter block; `.jsonl` files
/// hold one article per line; `-` reads JSON Lines from standard input. Bad input is reported
/// through `.skipped` with its file and line, and reading goes on.
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
    }

    public static let textExtensions: Set<String> = ["txt", "md", "markdown"]
    public static let jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"]

    public init() {}

    /// What the paths of a command line hold, in the order they are met.
    public enum Input {
        /// One line of JSON Lines on standard input (`-`), numbered from 1.
        case stdinLine(Substring, number: Int)
        /// A supported file, with the folder it was found under (nil when named directly).
        case file(path: String, root: String?)
        /// A folder read to the end, with every supported file found in it.
        case folderDone(path: String, files: [String])
        /// A file named on the command line that sosik does not read.
        case unsupported(path: String)
    }

    /// Walks `paths` — the one walk that `read` and `IndexRun` share. When `shouldStop` turns
    /// true the walk ends; a folder cut short gets no `.folderDone`. Throws when a path does not
    /// exist or `body` throws.
    public func walk(_ paths: [String], shouldStop: () -> Bool = { false }, _ body: (Input) throws -> Void) throws {
        for path in paths where !shouldStop() {
            if path == "-" {
                var number = 0
                while !shouldStop(), let line = readLine(strippingNewline: true) {
                    number += 1
                    try body(.stdinLine(line[...], number: number))
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw IndexError.unreadable(path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                let found = try files(under: path)
                var complete = true
                for file in found {
                    if shouldStop() { complete = false; break }
                    try body(.file(path: file, root: path))
                }
                if complete { try body(.folderDone(path: path, files: found)) }
            } else {
                let ext = (path as NSString).pathExtension.lowercased()
                if Self.textExtensions.contains(ext) || Self.jsonLinesExtensions.contains(ext) {
                    try body(.file(path: path, root: nil))
                } else {
                    try body(.unsupported(path: path))
                }
            }
        }
    }

    /// Calls `body` with each article or skipped input, in order. Throws only when `body` throws
    /// or a path given on the command line does not exist.
    public func read(paths: [String], _ body: (Event) throws -> Void) throws {
        try walk(paths) { input in
            switch input {
            case .stdinLine(let line, let number):
                for event in jsonLine(line, path: "-", lineNumber: number) { try body(event) }
            case .file(let path, let root):
                try readFile(path, root: root, body)
            case .folderDone:
                break
            case .unsupported(let path):
                try body(Self.unsupported(path))
            }
        }
    }

    static func unsupported(_ path: String) -> Event {
        .skipped(path: path, line: nil, reason: "not a .txt, .md or .jsonl file")
    }

    /// Supported files under `root`, sorted, hidden entries skipped.
    func files(under root: String) throws -> [String] {
        let url = URL(fileURLWithPath: root)
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else {
            throw IndexError.unreadable(path: root, reason: "cannot list folder")
        }
        var out: [String] = []
        for case let file as URL in walker {
            let ext = file.pathExtension.lowercased()
            // A folder's README describes the folder; it is not an article. (Named on the
            // command line, it is indexed like any file.)
            if file.deletingPathExtension().lastPathComponent.uppercased() == "README" { continue }
            guard Self.textExtensions.contains(ext) || Self.jsonLinesExtensions.contains(ext) else { continue }
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(file.path.dropFirst(url.path.count).drop(while: { $0 == "/" }))
            out.append(root.hasSuffix("/") ? root + relative : root + "/" + relative)
        }
        return out.sorted()
    }

    private func readFile(_ path: String, root: String?, _ body: (Event) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            try body(.skipped(path: path, line: nil, reason: "cannot read file"))
            return
        }
        try parse(data, path: path, root: root, body)
    }

    /// The articles (and problems) in the bytes of one file.
    func parse(_ data: Data, path: String, root: String?, _ body: (Event) throws -> Void) throws {
        let text = Self.clean(String(decoding: data, as: UTF8.self))
        let ext = (path as NSString).pathExtension.lowercased()
        if Self.jsonLinesExtensions.contains(ext) {
            var lineNumber = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                for event in jsonLine(line, path: path, lineNumber: lineNumber) { try body(event) }
            }
            return
        }
        for event in textArticle(text, path: path, root: root) { try body(event) }
    }

    /// Metadata (ids, titles, sources) is stored composed (NFC), so that an NFD file groups,
    /// sorts and matches ids like any other. Bodies keep their original form: token offsets
    /// point into them.
    static func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }

    /// CRLF → LF, and the two control characters sosik uses as highlight markers removed.
    static func clean(_ text: String) -> String {
        // A byte scan first: Foundation's contains()/replacingOccurrences compare with locale
        // rules and took a third of all indexing time (perf) for text that rarely needs them.
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x01 || $0 == 0x02 }) else { return text }
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
        if let iso = DateNormalizer.iso(raw.trimmingCharacters(in: .whitespaces)) { return (iso, nil) }
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
        return (relative as NSString).deletingPathExtension
    }

    func jsonLine(_ line: Substring, path: String, lineNumber: Int) -> [Event] {
        // Foundation's trimmingCharacters bridged every line to NSString: 1.3% of indexing time.
        let trimmed = PassageSplitter.trimmed(line)
        guard !trimmed.isEmpty else { return [] }   // blank lines are allowed
        guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
            return [.skipped(path: path, line: lineNumber, reason: "not a JSON object")]
        }
        func string(_ key: String) -> String? {
            switch object[key] {
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            default: return nil
            }
        }
        guard let body = string("body") ?? string("text") else {
            return [.skipped(path: path, line: lineNumber, reason: "no \"body\" or \"text\" field")]
        }
        let id = string("id").flatMap { $0.isEmpty ? nil : $0 } ?? "\(Self.defaultID(path: path, root: nil)):\(lineNumber)"
        let (date, warning) = Self.date(string("date"))
        let article = Article(id: Self.nfc(id), title: Self.nfc(Self.clean(string("title") ?? "")), body: Self.clean(body),
                                lang: string("lang").flatMap(LanguageDetector.normalize),
                                date: date, source: string("source").map(Self.nfc), url: string("url"), path: path,
                                translationOf: string("translation_of").map(Self.nfc))
        return (warning.map { [.warning(path: path, line: lineNumber, message: $0)] } ?? []) + [.article(article)]
    }
}
