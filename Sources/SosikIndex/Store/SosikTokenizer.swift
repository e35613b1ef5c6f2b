import GRDB
import SosikText

/// The FTS5 tokenizer `sosik`: the analyzer, seen from SQLite.
///
/// Documents (and highlight/snippet) are analyzed in full. Query strings are *not* analyzed
/// again: sosik builds every MATCH expression itself from analyzed terms (QueryBuilder), each a
/// quoted string, so in query mode this tokenizer passes each space-separated piece through
/// verbatim. Analyzing twice would be wrong (a bigram like 찰이 would lose its particle again).
///
/// ```swift
/// var config = Configuration()
/// config.prepareDatabase { db in db.add(tokenizer: SosikTokenizer.self) }
/// ```
final class SosikTokenizer: FTS5CustomTokenizer {
    static let name = "sosik"
    private let analyzer = Analyzer()
    /// The connection this instance serves (FTS5 creates one tokenizer per table and
    /// connection): tokens analyzed ahead for an insert on it are looked up by it (TokenReplay).
    private let connection: OpaquePointer?

    init(db: Database, arguments: [String]) throws {
        connection = db.sqliteConnection
    }

    func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
                  pText: UnsafePointer<CChar>?, nText: CInt,
                  tokenCallback: @escaping FTS5TokenCallback) -> CInt {
        guard let pText, nText > 0 else { return 0 }   // SQLITE_OK
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self),
                                        count: Int(nText))
        var rc: CInt = 0
        if tokenization.contains(.query) {
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                if i > start {
                    rc = tokenCallback(context, 0, pText + start, CInt(i - start), CInt(start), CInt(i))
                    if rc != 0 { return rc }
                }
                start = i + 1
            }
            return 0
        }
        let emit = { (token: UnsafeBufferPointer<UInt8>, start: Int, end: Int, colocated: Bool) -> Bool in
            token.withMemoryRebound(to: CChar.self) { t in
                rc = tokenCallback(context, colocated ? 1 : 0, t.baseAddress, CInt(t.count), CInt(start), CInt(end))
            }
            return rc == 0
        }
        if tokenization.contains(.document), let prepared = TokenReplay.shared.tokens(for: bytes, on: connection) {
            prepared.replay(emit)   // analyzed ahead by the indexer's reading thread
        } else {
            ArticleText.analyze(bytes, with: analyzer, emit)   // passages joined by U+001E: boundary tokens between
        }
        return rc
    }
}
