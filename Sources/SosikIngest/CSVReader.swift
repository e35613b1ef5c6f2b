import SosikText
/// Reads CSV and TSV with a header row: one article per record. Columns are found by name
/// (case-insensitive): `id`, `title`, `body` (or `text`, `content`), `date`, `lang`, `source`,
/// `url`, `translation_of`; `--map body=article_text` names other columns. Quoted fields may hold
/// separators, doubled quotes and line breaks (RFC 4180). A record with the wrong number of
/// fields is skipped, naming its line; the rest are indexed. Spreadsheets saved by Korean Excel
/// (CP949) are decoded.
///
/// ```swift
/// try CSVReader(separator: ",").read(InputFile(path: "a.csv", bytes: Array("id,title,body\n1,순찰,본문\n".utf8))) { print($0) }
/// ```
public struct CSVReader: ArticleReader {
    public static let extensions: Set<String> = ["csv", "tsv", "tab"]
    public var separator: Character
    /// `--map` (columns by other names) and `--date-order`.
    public var options: CorpusReader.Options
    var map: [String: String] { options.map }

    public init(separator: Character = ",", options: CorpusReader.Options = .init()) {
        self.separator = separator
        self.options = options
    }

    static let aliases: [String: [String]] = [
        "id": ["id", "doc_id", "docid", "article_id", "guid"],
        "title": ["title", "headline", "제목"],
        "body": ["body", "text", "content", "article", "본문", "내용"],
        "date": ["date", "published", "pubdate", "published_at", "datetime", "날짜", "일자"],
        "lang": ["lang", "language", "언어"],
        "source": ["source", "publisher", "outlet", "언론사", "출처"],
        "url": ["url", "link", "주소"],
        "translation_of": ["translation_of"],
        "author": ["author", "byline", "기자"],
    ]

    public func read(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws {
        try stream(path: file.path, root: file.root, ByteSource(bytes: file.bytes, path: file.path), emit)
    }

    /// Reads the file a chunk at a time, holding one record at a time: a CSV export of any size
    /// is read in bounded memory. The charset is chosen on the first chunk (UTF-8, or what the
    /// detector says: Korean Excel saves CP949, whose bytes never hide a quote, comma or
    /// newline); a UTF-16 file is read whole, up to `Limits.wholeCollection`.
    public func stream(path: String, root: String?, _ source: ByteSource,
                       _ emit: (CorpusReader.Event) throws -> Void) throws {
        var splitter = RecordSplitter(mode: .csv(separator: separator == "\t" ? nil : UInt8(ascii: separator.unicodeScalars.first!)),
                                      limit: Limits.article)
        var charset: String? = nil     // decided on the first chunk
        var whole: [UInt8]? = nil      // UTF-16: the file, read whole
        var header: [String]? = nil
        var column: [String: Int] = [:]
        var stop = false
        var invalid = false
        let base = CorpusReader.defaultID(path: path, root: root)
        // The columns are found once, from the header: the records name their fields.
        let reader = CorpusReader(options: .init(dateOrder: options.dateOrder))
        func record(_ piece: RecordSplitter.Piece) throws {
            if stop { return }
            switch piece {
            case .tooLong(let line, let bytes):
                try emit(.skipped(path: path, line: line, reason: "a record of \(bytes >> 20) MB or more, \(Limits.over(Limits.article, what: "one article"))"))
            case .unterminated(let line):
                try emit(.skipped(path: path, line: line, reason: "a quoted field opened here is never closed; the records after it were not read"))
            case .record(let bytes, let line):
                var text: String
                if charset == "UTF-8" {
                    text = String(decoding: bytes, as: UTF8.self)
                    if !invalid && String(validating: bytes, as: UTF8.self) == nil {
                        invalid = true
                        try emit(.warning(path: path, line: line, message: "invalid UTF-8; indexed with replacement characters (U+FFFD)"))
                    }
                } else {
                    text = Charset.decode(Array(bytes), from: charset ?? "UTF-8") ?? String(decoding: bytes, as: UTF8.self)
                }
                text = CorpusReader.clean(text)
                var records = Records(text: text, separator: separator, quoting: separator != "\t")
                guard let (fields, _) = records.next() else { return }
                if header == nil {
                    header = fields
                    try readHeader(fields, path: path, column: &column, stop: &stop, emit)
                    return
                }
                if fields.count == 1 && fields[0].isEmpty { return }   // a blank line
                guard fields.count == header!.count else {
                    try emit(.skipped(path: path, line: line, reason: "\(fields.count) fields where the header has \(header!.count)"))
                    return
                }
                var object: [String: Any] = [:]
                for (field, i) in column { object[field] = fields[i] }
                if (object["id"] as? String)?.isEmpty ?? true { object["id"] = "\(base):\(line)" }
                for event in reader.article(from: object, path: path, line: line, defaultID: "\(base):\(line)") {
                    try emit(event)
                }
            }
        }
        while var chunk = try source.next() {
            if whole != nil {
                whole! += chunk
                if whole!.count > Limits.wholeCollection {
                    throw IngestError.unreadable(path: path, reason: Limits.over(Limits.wholeCollection, what: "a UTF-16 CSV file"))
                }
                continue
            }
            if charset == nil {
                if TextDecoding.hasUTF16ByteOrderMark(chunk) { whole = chunk; continue }
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3); charset = "UTF-8" }
                else { charset = Self.charset(of: chunk) }
            }
            try splitter.feed(chunk, record)
        }
        if let whole {
            let text = TextDecoding.decode(whole, markup: false).text
            charset = "UTF-8"
            try splitter.feed(Array(text.utf8), record)
        }
        try splitter.finish(record)
        if header == nil && !stop {
            try emit(.skipped(path: path, line: nil, reason: "empty file"))
        }
    }

    /// UTF-8 when the chunk is (a sequence cut at its end aside), else the detector's guess.
    static func charset(of chunk: [UInt8]) -> String {
        var carry: [UInt8] = []
        if TextDecoding.validUTF8(&carry, chunk) || !chunk.contains(where: { $0 >= 0x80 }) { return "UTF-8" }
        let decoded = TextDecoding.decode(chunk, markup: false)
        return decoded.how == "detected" ? decoded.charset : "UTF-8"
    }

    private func readHeader(_ header: [String], path: String, column: inout [String: Int], stop: inout Bool,
                            _ emit: (CorpusReader.Event) throws -> Void) throws {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for field in CorpusReader.Options.fields {
            // A mapped column this file lacks: the usual names (one --map for a folder).
            if let mapped = map[field], let i = mapped.split(separator: "|").lazy.compactMap({ names.firstIndex(of: $0.lowercased()) }).first {
                column[field] = i
            } else if let i = (Self.aliases[field] ?? [field]).lazy.compactMap({ names.firstIndex(of: $0) }).first {
                column[field] = i
            }
        }
        guard column["body"] != nil else {
            // The map may come from --map, .sosik.conf or the index's memory of the file.
            let mapped = map["body"].map { m in
                "no column " + m.split(separator: "|").map { quoted(String($0)) }.joined(separator: " or ") + " (mapped to body) nor "
            } ?? "no "
            try emit(.skipped(path: path, line: 1, reason: "\(mapped)body column in the header (columns: \(names.joined(separator: ", "))); name it body, text or content, or use --map body=COLUMN"))
            stop = true
            return
        }
    }

    /// RFC 4180 records, each with the line it starts on.
    struct Records {
        let scalars: [Unicode.Scalar]
        let separator: Unicode.Scalar
        var i = 0
        var line = 1
        var unclosedQuoteLine: Int?

        /// TSV has no quoting: a quote is ordinary text there.
        let quoting: Bool

        init(text: String, separator: Character, quoting: Bool = true) {
            self.quoting = quoting
            var s = Array(text.unicodeScalars)
            if s.first == "\u{FEFF}" { s.removeFirst() }
            scalars = s
            self.separator = separator.unicodeScalars.first!
        }

        mutating func next() -> ([String], Int)? {
            guard i < scalars.count else { return nil }
            let start = line
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var quoted = false, wasQuoted = false
            while i < scalars.count {
                let c = scalars[i]
                i += 1
                if quoted {
                    if c == "\"" {
                        if i < scalars.count && scalars[i] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                    } else {
                        if c == "\n" { line += 1 }
                        field.append(c)
                    }
                } else if quoting && c == "\"" && field.isEmpty && !wasQuoted {
                    quoted = true; wasQuoted = true
                } else if c == separator {
                    fields.append(String(field)); field = String.UnicodeScalarView(); wasQuoted = false
                } else if c == "\n" {
                    line += 1
                    fields.append(String(field))
                    return (fields, start)
                } else {
                    field.append(c)
                }
            }
            if quoted { unclosedQuoteLine = start }
            fields.append(String(field))
            return (fields, start)
        }
    }
}
