import Foundation
import GRDB
import SosikText
import Synchronization

/// The analyzer's tokens for one text, computed ahead of the insert that needs them.
///
/// `sosik index` analyzes passages on its reading thread while the previous batch is being
/// written (Indexer); the FTS5 tokenizer, called by SQLite inside the insert on the writing
/// thread, then replays these tokens instead of analyzing again. Four UInt32 per token (offset
/// and length in `bytes`, the colocated flag, the token's byte range in the text).
struct TokenList: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var fields: [UInt32] = []

    init() {}

    /// The tokens FTS5 gets for `text` (ArticleText.analyze: passages joined by U+001E come with
    /// boundary tokens between them), so that replaying them and re-tokenizing the text agree.
    init(analyzing text: String, with analyzer: Analyzer) {
        var text = text
        text.withUTF8 { utf8 in
            ArticleText.analyze(utf8, with: analyzer) { token, start, end, colocated in
                fields.append(UInt32(bytes.count))
                fields.append(UInt32(token.count) << 1 | (colocated ? 1 : 0))
                fields.append(UInt32(start))
                fields.append(UInt32(end))
                bytes.append(contentsOf: token)
                return true
            }
        }
    }

    /// Token positions this text takes in FTS5: tokens not colocated with the one before.
    var positions: Int {
        var n = 0
        for i in stride(from: 1, to: fields.count, by: 4) where fields[i] & 1 == 0 { n += 1 }
        return n
    }

    /// For a text of passages joined by U+001E, the position at which each passage starts: 0,
    /// and the position after each separator's `ArticleText.boundaryWidth` boundary tokens.
    var passageStarts: [Int] {
        var starts = [0], position = 0, boundaryTokens = 0
        for i in stride(from: 0, to: fields.count, by: 4) {
            if fields[i + 1] & 1 == 0 { position += 1 }
            if fields[i + 1] >> 1 == 1 && bytes[Int(fields[i])] == ArticleText.separator {
                boundaryTokens += 1
                if boundaryTokens % ArticleText.boundaryWidth == 0 { starts.append(position) }
            }
        }
        return starts
    }

    /// Memory held, for batch sizing.
    var footprint: Int { bytes.count + fields.count * 4 }

    /// Calls `emit(token, start, end, colocated)` for each token, in order, until it returns false.
    func replay(_ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) -> Bool) {
        bytes.withUnsafeBufferPointer { all in
            var i = 0
            while i < fields.count {
                let offset = Int(fields[i]), length = Int(fields[i + 1] >> 1)
                let token = UnsafeBufferPointer(rebasing: all[offset..<offset + length])
                guard emit(token, Int(fields[i + 2]), Int(fields[i + 3]), fields[i + 1] & 1 == 1) else { return }
                i += 4
            }
        }
    }
}
