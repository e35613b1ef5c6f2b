import Foundation
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

    /// The token position at which each of `texts` starts once joined (FTS5 counts a position
    /// for every token that is not colocated with the one before).
    static func starts(of texts: [(text: String, tokens: TokenList)]) -> [Int] {
        var out: [Int] = []
        var position = 0
        for (i, t) in texts.enumerated() {
            if i > 0 { position += boundaryWidth }
            out.append(position)
            position += t.tokens.positions
        }
        return out
    }

    /// `passage_starts`: for each passage, in order, its column (1 body text, 2 asides) and its
    /// first token position in that column, as little-endian UInt32 pairs.
    static func encodeStarts(_ starts: [(column: Int, start: Int)]) -> Data {
        var data = Data(capacity: starts.count * 8)
        for s in starts {
            withUnsafeBytes(of: UInt32(s.column).littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(clamping: s.start).littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Columns and starts of an article's passages, given their kinds and tokens in order.
    static func layout(_ passages: [(kind: PassageKind, text: String, tokens: TokenList)])
        -> (body: String, bodyTokens: TokenList, aside: String, asideTokens: TokenList, starts: Data) {
        let body = passages.filter { $0.kind == .body }.map { ($0.text, $0.tokens) }
        let aside = passages.filter { $0.kind != .body }.map { ($0.text, $0.tokens) }
        let bodyStarts = starts(of: body), asideStarts = starts(of: aside)
        var b = 0, a = 0
        var all: [(column: Int, start: Int)] = []
        for p in passages {
            if p.kind == .body { all.append((1, bodyStarts[b])); b += 1 } else { all.append((2, asideStarts[a])); a += 1 }
        }
        return (join(body.map(\.0)), TokenList(joining: body.map(\.1)), join(aside.map(\.0)), TokenList(joining: aside.map(\.1)),
                encodeStarts(all))
    }
}
