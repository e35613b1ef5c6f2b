import SosikIngest
import Foundation
import CSosikSQL
import SosikText

/// How an article sits in the full-text index (schema v5): one FTS5 row per article, its body
/// passages joined into one column and its captions, credits and footers into another, each
/// join marked by the separator U+001E. The tokenizer analyzes each passage as usual and puts
/// `boundaryWidth` boundary tokens in place of each separator, so that no phrase can run from
/// one passage into the next (its words would not be consecutive) and no Korean NEAR group
/// either (QueryBuilder keeps their distance below the width). Where each passage starts (its
/// first token position) is stored with the document (`passage_starts`), so that the ranking
/// can tell from FTS5's match positions which passage each match is in.
enum ArticleText {
    static let separator: UInt8 = 0x1E
    static let separatorString = "\u{1E}"
    /// Boundary tokens per separator: more than the widest NEAR window a query uses.
    static let boundaryWidth = 24
    private static let boundaryToken: [UInt8] = [0x1E]

    /// The column text of some passages.
    static func join(_ texts: [String]) -> String {
        texts.joined(separator: separatorString)
    }

    /// Tokens of a column: each passage analyzed, boundary tokens between passages. Calls
    /// `emit(token, start, end, colocated)` until it returns false.
    static func analyze(_ bytes: UnsafeBufferPointer<UInt8>, with analyzer: Analyzer,
                        _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) -> Bool) {
        guard bytes.contains(separator) else {
            analyzer.analyze(bytes, emit)
            return
        }
        var segment = 0
        var going = true
        for i in 0...bytes.count where i == bytes.count || bytes[i] == separator {
            let part = UnsafeBufferPointer(rebasing: bytes[segment..<i])
            let offset = segment
            analyzer.analyze(part) { token, start, end, colocated in
                going = emit(token, start + offset, end + offset, colocated)
                return going
            }
            guard going else { return }
            if i < bytes.count {
                boundaryToken.withUnsafeBufferPointer { b in
                    for _ in 0..<boundaryWidth where going { going = emit(b, i, i + 1, false) }
                }
                guard going else { return }
            }
            segment = i + 1
        }
    }

    /// An article's full-text row: its body passages joined, its asides joined, their tokens
    /// (to be replayed at insert), and `passage_starts`.
    struct Layout: Sendable {
        var body: String
        var bodyTokens: TokenList
        var aside: String
        var asideTokens: TokenList
        /// For each passage, in order, its column (1 body text, 2 asides) and its first token
        /// position in that column, as little-endian UInt32 pairs.
        var starts: Data
    }

    static func layout(_ passages: [(kind: PassageKind, text: String)], with analyzer: Analyzer) -> Layout {
        let body = join(passages.filter { $0.kind == .body }.map(\.text))
        let aside = join(passages.filter { $0.kind != .body }.map(\.text))
        let bodyTokens = TokenList(analyzing: body, with: analyzer), asideTokens = TokenList(analyzing: aside, with: analyzer)
        var bodyStarts = bodyTokens.passageStarts.makeIterator(), asideStarts = asideTokens.passageStarts.makeIterator()
        // The layout is sosik_sql.h's (SOSIK_STARTS_ENTRY_BYTES, sosik_starts_put), read by sosik_evidence.
        var starts = Data(count: passages.count * Int(SOSIK_STARTS_ENTRY_BYTES))
        starts.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            for (i, p) in passages.enumerated() {
                let (column, start) = p.kind == .body ? (SOSIK_COLUMN_TEXT, bodyStarts.next() ?? 0) : (SOSIK_COLUMN_ASIDE, asideStarts.next() ?? 0)
                sosik_starts_put(base + i * Int(SOSIK_STARTS_ENTRY_BYTES), UInt32(column), UInt32(clamping: start))
            }
        }
        return Layout(body: body, bodyTokens: bodyTokens, aside: aside, asideTokens: asideTokens, starts: starts)
    }
}
