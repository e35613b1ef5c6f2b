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
    public var map: [String: String]

    public init(separator: Character = ",", map: [String: String] = [:]) {
        self.separator = separator
        self.map = map
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
        let text = CorpusReader.clean(try CorpusReader.decode(file, emit))
        var records = Records(text: text, separator: separator, quoting: separator != "\t")
        guard let (header, _) = records.next() else {
            try emit(.skipped(path: file.path, line: nil, reason: "empty file"))
            return
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for field in CorpusReader.Options.fields {
            if let mapped = map[field] {
                guard let i = names.firstIndex(of: mapped.lowercased()) else {
                    try emit(.skipped(path: file.path, line: 1, reason: "--map \(field)=\(mapped): no column \(quoted(mapped)) in the header (columns: \(names.joined(separator: ", ")))"))
                    return
                }
                column[field] = i
            } else if let i = (Self.aliases[field] ?? [field]).lazy.compactMap({ names.firstIndex(of: $0) }).first {
                column[field] = i
            }
        }
        guard let bodyColumn = column["body"] else {
            try emit(.skipped(path: file.path, line: 1, reason: "no body column in the header (columns: \(names.joined(separator: ", "))); name it body, text or content, or use --map body=COLUMN"))
            return
        }
        _ = bodyColumn
        let base = CorpusReader.defaultID(path: file.path, root: file.root)
        let reader = CorpusReader(options: .init())
        while let (fields, line) = records.next() {
            if fields.count == 1 && fields[0].isEmpty { continue }   // a blank line
            guard fields.count == header.count else {
                try emit(.skipped(path: file.path, line: line, reason: "\(fields.count) fields where the header has \(header.count)"))
                continue
            }
            var object: [String: Any] = [:]
            for (field, i) in column { object[field] = fields[i] }
            if (object["id"] as? String)?.isEmpty ?? true { object["id"] = "\(base):\(line)" }
            for event in reader.article(from: object, path: file.path, line: line, defaultID: "\(base):\(line)") {
                try emit(event)
            }
        }
        if let line = records.unclosedQuoteLine {
            try emit(.warning(path: file.path, line: line, message: "a quoted field opened here is never closed; read to the end of the file"))
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
