import Foundation
import SosikIndex
import SosikText

/// How a sosik index sits in OpenSearch (issue 26): one document per article, its metadata as
/// keyword fields, its passages for display, and its full-text columns **pre-analyzed**: each
/// column's tokens, as sosik's analyzer makes them, written out so that a whitespace tokenizer
/// reads them back term for term and position for position.
///
/// - Colocated tokens (two terms at one position: 김정 and 김정은) are joined by `|`, and the
///   index analyzer's `pattern_capture` filter emits each at the same position.
/// - Passages are the values of an array; `position_increment_gap` (100) puts more positions
///   between two values than sosik's boundary (24 tokens) and its widest NEAR window (23),
///   so no phrase or NEAR group runs from one passage into the next, as locally.
/// - Queries use the `sosik_terms` analyzer (whitespace only): sosik analyzes the query
///   itself (QueryDSL).
/// - BM25 with sosik's k1 and b. Column sizes (`*_size`, FTS5's counts) and passage counts are
///   kept so that a client gets sosik's own statistics back with a `sum` aggregation.
///
/// ```swift
/// let template = OpenSearchLayout.template(index: "news")
/// var line: [UInt8] = []
/// OpenSearchLayout.writeSource(of: article, analyzer: Analyzer(), into: &line)
/// ```
public enum OpenSearchLayout {
    /// The layout's version, in the mapping's `_meta.sosik_export`: a client refuses an index
    /// of another (its fields or analysis would not match what it compiles).
    public static let version = 1
    public static let positionGap = 100

    /// What the mapping's `_meta` says of the index's maker.
    public static var meta: [String: Any] {
        ["sosik_export": version, "analyzer": Analyzer.name, "k1": QueryDSL.k1, "b": QueryDSL.b,
         "title_weight": QueryDSL.titleWeight, "aside_weight": QueryDSL.asideWeight, "boundary_tokens": ExportedArticle.boundaryWidth]
    }

    /// The index's settings and mappings (the body of `PUT /INDEX`); `lastRun`: the last
    /// `sosik index` run of the articles it will hold, in `_meta.last_run`.
    public static var indexBody: [String: Any] { indexBody(lastRun: nil) }

    public static func indexBody(lastRun: Int64?) -> [String: Any] {
        var meta = self.meta
        if let lastRun { meta["last_run"] = lastRun }
        let tokens: [String: Any] = ["type": "text", "analyzer": "sosik_tokens", "search_analyzer": "sosik_terms",
                                     "similarity": "sosik_bm25", "position_increment_gap": positionGap,
                                     "index_options": "positions"]
        let keyword: [String: Any] = ["type": "keyword"]
        let integer: [String: Any] = ["type": "integer"]
        return [
            "settings": ["index": [
                "number_of_shards": 1, "number_of_replicas": 1,
                "similarity": ["sosik_bm25": ["type": "BM25", "k1": QueryDSL.k1, "b": QueryDSL.b]],
                "analysis": [
                    // Lucene's largest (1,048,576): a longer token would be cut into several positions.
                    "tokenizer": ["sosik_whitespace": ["type": "whitespace", "max_token_length": 1_048_576]],
                    "filter": ["sosik_colocated": ["type": "pattern_capture", "preserve_original": false, "patterns": ["([^|]+)"]]],
                    "analyzer": [
                        "sosik_tokens": ["type": "custom", "tokenizer": "sosik_whitespace", "filter": ["sosik_colocated"]],
                        "sosik_terms": ["type": "custom", "tokenizer": "sosik_whitespace"],
                    ],
                ],
            ] as [String: Any]],
            "mappings": [
                "dynamic": "strict",
                "_meta": meta,
                "properties": [
                    "doc_id": keyword, "seq": ["type": "long"], "title": ["type": "keyword", "index": false, "doc_values": false],
                    "date": keyword, "lang": keyword, "source": keyword, "source_folded": keyword,
                    "url": keyword, "path": keyword, "pair": keyword,
                    "signature": ["type": "keyword", "index": false, "doc_values": false], "run": ["type": "long"],
                    "run_started": keyword,
                    "passages": ["type": "object", "enabled": false],
                    QueryDSL.titleField: tokens, QueryDSL.textField: tokens, QueryDSL.asideField: tokens,
                    "title_size": integer, "text_size": integer, "aside_size": integer, "passage_count": integer,
                ] as [String: Any],
            ] as [String: Any],
        ]
    }

    /// An index template (`PUT _index_template/NAME`) for indexes named `index`; a priority above
    /// the default 0, so that a catch-all template of the cluster does not clash with it.
    public static func template(index: String, lastRun: Int64? = nil) -> [String: Any] {
        ["index_patterns": [index], "priority": 200, "template": indexBody(lastRun: lastRun),
         "_meta": ["made_by": "sosik export --opensearch"]]
    }

    /// An article's document id (`_id`): its id, or for an id of more than OpenSearch's 512
    /// bytes (a long Korean file path), its first 400 bytes and a hash of the whole. The
    /// document keeps the id itself in `doc_id`.
    public static func documentID(_ id: String) -> String {
        let bytes = Array(id.utf8)
        guard bytes.count > 512 else { return id }
        var cut = 400
        while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }   // not inside a character
        return String(decoding: bytes[..<cut], as: UTF8.self) + "#" + String(FNV1a.hash(bytes), radix: 16)
    }

    /// A bulk action line (without the newline): `index`, or `delete`.
    public static func writeAction(_ action: String = "index", index: String, id: String, into out: inout [UInt8]) {
        out += Array("{\"\(action)\":{\"_index\":".utf8)
        writeString(index, into: &out)
        out += Array(#","_id":"#.utf8)
        writeString(documentID(id), into: &out)
        out += Array("}}".utf8)
    }

    /// An article's document (without the newline).
    public static func writeSource(of a: ExportedArticle, analyzer: Analyzer, into out: inout [UInt8]) {
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            out += Array(",\"\(name)\":".utf8)
            writeString(value, into: &out)
        }
        let d = a.document
        out += Array(#"{"doc_id":"#.utf8)
        writeString(d.id, into: &out)
        out += Array(",\"seq\":\(a.rowid)".utf8)
        field("title", d.title)
        field("date", d.date)
        field("lang", d.lang)
        field("source", d.source)
        field("source_folded", d.source.map(QueryDSL.asciiLowercased))
        field("url", d.url)
        field("path", d.path)
        field("pair", d.pairID)
        field("signature", a.signature.map { $0.base64EncodedString() })
        if let run = a.run { out += Array(",\"run\":\(run)".utf8) }
        field("run_started", a.runStarted)
        out += Array(#","passages":["#.utf8)
        for (i, p) in d.passages.enumerated() {
            if i > 0 { out.append(0x2C) }
            out += Array(#"{"kind":"#.utf8)
            writeString(p.kind.rawValue, into: &out)
            out += Array(#","text":"#.utf8)
            writeString(p.text, into: &out)
            out.append(0x7D)
        }
        out.append(0x5D)
        out += Array(",\"\(QueryDSL.titleField)\":".utf8)
        writeTokens(of: d.title, analyzer: analyzer, into: &out)
        for (name, body) in [(QueryDSL.textField, true), (QueryDSL.asideField, false)] {
            out += Array(",\"\(name)\":[".utf8)
            var first = true
            for p in d.passages where (p.kind == .body) == body {
                if !first { out.append(0x2C) }
                first = false
                writeTokens(of: p.text, analyzer: analyzer, into: &out)
            }
            out.append(0x5D)
        }
        out += Array(",\"title_size\":\(a.sizes.title),\"text_size\":\(a.sizes.text),\"aside_size\":\(a.sizes.aside),\"passage_count\":\(d.passages.count)}".utf8)
    }

    /// A text's tokens as one JSON string: positions separated by spaces, the terms at one
    /// position by `|`.
    static func writeTokens(of text: String, analyzer: Analyzer, into out: inout [UInt8]) {
        var tokens: [UInt8] = []
        var copy = text
        copy.withUTF8 { bytes in
            analyzer.analyze(bytes) { token, _, _, colocated in
                if !tokens.isEmpty { tokens.append(colocated ? 0x7C : 0x20) }
                if mightSplit(token) {
                    tokens += Array(QueryDSL.token(String(decoding: token, as: UTF8.self)).utf8)   // rare: see QueryDSL.token
                } else {
                    tokens += token
                }
                return true
            }
        }
        out.append(0x22)
        escape(tokens, into: &out)
        out.append(0x22)
    }

    /// Whether a token may hold a character QueryDSL.token replaces: `|`, an ASCII space or
    /// control, or the lead bytes of U+1680, U+2000…U+205F and U+3000 (not Hangul's).
    static func mightSplit(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        for (i, b) in token.enumerated() {
            if b == 0x7C || b <= 0x20 { return true }
            if (b == 0xE1 || b == 0xE2 || b == 0xE3), i + 1 < token.count, token[i + 1] == 0x80 || token[i + 1] == 0x81 || token[i + 1] == 0x9A {
                return true
            }
        }
        return false
    }

    /// A JSON string.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        escape(Array(s.utf8), into: &out)
        out.append(0x22)
    }

    static func escape(_ bytes: [UInt8], into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for b in bytes {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
    }
}
