import Foundation

/// Reads a `.json` file: an array of article objects (what scrapers dump), a single article
/// object, or an object holding the array under `articles`, `items`, `data`, `results` or
/// `documents`. Fields as in JSON Lines (`id`, `title`, `body`|`text`|`content`, `date`,
/// `lang`, `source`, `url`, `translation_of`), or named by `--map`.
///
/// ```swift
/// try JSONArrayReader().read(InputFile(path: "dump.json", bytes: bytes)) { print($0) }
/// ```
public struct JSONArrayReader: ArticleReader {
    public static let extensions: Set<String> = ["json"]
    /// `--map` (keys by other names) and `--date-order`.
    public var options: CorpusReader.Options
    public init(options: CorpusReader.Options = .init()) { self.options = options }

    public func read(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws {
        try stream(path: file.path, root: file.root, ByteSource(bytes: file.bytes, path: file.path), emit)
    }

    /// Reads a list (`[ {…}, {…} ]`, UTF-8) one element at a time, so that a dump of any size is
    /// read in bounded memory; any other JSON (an object holding the list, a file in UTF-16) is
    /// read whole, up to `Limits.wholeCollection`.
    public func stream(path: String, root: String?, _ source: ByteSource,
                       _ emit: (CorpusReader.Event) throws -> Void) throws {
        var splitter = RecordSplitter(mode: .jsonArray, limit: Limits.article)
        var isList: Bool? = nil   // decided by the first byte that is not white space
        var whole: [UInt8] = []
        var element = 0
        var invalid = false
        let reader = CorpusReader(options: options)
        let base = CorpusReader.defaultID(path: path, root: root)
        func piece(_ p: RecordSplitter.Piece) throws {
            element += 1
            switch p {
            case .tooLong(let line, let bytes):
                try emit(.skipped(path: path, line: line, reason: "element \(element): \(bytes >> 20) MB or more, \(Limits.over(Limits.article, what: "one article"))"))
            case .unterminated(let line):
                try emit(.skipped(path: path, line: line, reason: "not valid JSON (the list is not closed; element \(element) and after were not read)"))
            case .record(let bytes, let line):
                if !invalid && String(validating: bytes, as: UTF8.self) == nil {
                    invalid = true
                    try emit(.warning(path: path, line: line, message: "invalid UTF-8; indexed with replacement characters (U+FFFD)"))
                }
                let text = String(decoding: bytes, as: UTF8.self)
                guard let item = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
                    try emit(.skipped(path: path, line: line, reason: "element \(element) is not valid JSON"))
                    return
                }
                try self.element(item, index: element - 1, path: path, base: base, reader: reader, emit)
            }
        }
        while var chunk = try source.next() {
            if isList == nil {
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3) }
                guard let first = chunk.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { continue }
                isList = first == UInt8(ascii: "[")
            }
            if isList == true {
                try splitter.feed(chunk, piece)
            } else {
                whole += chunk
                if whole.count > Limits.wholeCollection {
                    throw IngestError.unreadable(path: path, reason: Limits.over(Limits.wholeCollection, what: "JSON that is not a plain list of articles"))
                }
            }
        }
        if isList == true {
            try splitter.finish(piece)
            return
        }
        try readWhole(InputFile(path: path, root: root, bytes: whole), emit)
    }

    func element(_ item: Any, index i: Int, path: String, base: String, reader: CorpusReader,
                 _ emit: (CorpusReader.Event) throws -> Void) throws {
        guard let object = item as? [String: Any] else {
            try emit(.skipped(path: path, line: nil, reason: "element \(i + 1) of the list is not a JSON object"))
            return
        }
        let events = reader.article(from: object, path: path, line: nil, defaultID: "\(base):\(i + 1)")
        for event in events {
            // JSON arrays have no useful line numbers: name the element instead.
            switch event {
            case .skipped(let p, _, let reason): try emit(.skipped(path: p, line: nil, reason: "element \(i + 1): \(reason)"))
            case .warning(let p, _, let message): try emit(.warning(path: p, line: nil, message: "element \(i + 1): \(message)"))
            default: try emit(event)
            }
        }
    }

    func readWhole(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws {
        if file.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            try emit(.skipped(path: file.path, line: nil, reason: "empty file"))
            return
        }
        let text = try CorpusReader.decode(file, emit)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            try emit(.skipped(path: file.path, line: Self.errorLine(error, in: text), reason: "not valid JSON (\(Self.message(error)))"))
            return
        }
        let reader = CorpusReader(options: options)
        let base = CorpusReader.defaultID(path: file.path, root: file.root)
        var items: [Any]
        if let list = json as? [Any] {
            items = list
        } else if let object = json as? [String: Any] {
            if let key = ["articles", "items", "data", "results", "documents", "posts"].first(where: { object[$0] is [Any] }) {
                items = object[key] as! [Any]
            } else {
                items = [object]
            }
        } else {
            try emit(.skipped(path: file.path, line: 1, reason: "JSON holds neither an article object nor a list of them"))
            return
        }
        for (i, item) in items.enumerated() {
            try element(item, index: i, path: file.path, base: base, reader: reader, emit)
        }
    }

    static func message(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// The line of a JSONSerialization error, from the character index it reports: in
    /// `userInfo` on Darwin; on Linux only in the message ("… around character 34.", a UTF-8
    /// offset), and an input that ends too soon ("Unexpected end of file …") fails on its last line.
    static func errorLine(_ error: Error, in text: String) -> Int? {
        let ns = error as NSError
        func line(at index: Int) -> Int { text.utf8.prefix(index).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
        if let index = ns.userInfo["NSJSONSerializationErrorIndex"] as? Int { return line(at: index) }
        let message = message(error)
        if let r = message.range(of: "around character ") {
            let digits = message[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let index = Int(digits) { return line(at: index) }
        }
        if message.lowercased().contains("end of file") {
            let trimmed = text.utf8.reversed().drop { $0 == 0x0A || $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
            return line(at: trimmed.count)
        }
        return nil
    }
}
