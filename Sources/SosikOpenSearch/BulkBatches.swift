import Foundation
import SosikIndex
import SosikText

/// An index's articles as bulk requests (action line + document line each), in row-id order,
/// a batch at a time: each batch is read in its own read of the index, so that a push can
/// record its progress between two (OpenSearchPush) and memory stays one batch.
struct BulkBatches {
    var index: String
    /// A batch closes once its lines reach this many bytes.
    var maxBytes: Int
    private let analyzer = Analyzer()

    init(index: String, maxBytes: Int) {
        self.index = index
        self.maxBytes = maxBytes
    }

    struct Batch {
        var body: [UInt8] = []
        var articles = 0
        var passages = 0
        /// The last article's row id: where the next batch starts.
        var last: Int64 = 0
        /// Each article's document id and where its two lines start in `body` (for resending some).
        var lines: [(id: String, range: Range<Int>)] = []
    }

    /// Delete actions for these articles, a thousand a batch.
    func deletes(of keys: [String]) -> [Batch] {
        stride(from: 0, to: keys.count, by: 1000).map { start in
            var batch = Batch()
            for key in keys[start..<min(start + 1000, keys.count)] {
                let begin = batch.body.count
                OpenSearchLayout.writeAction("delete", index: index, id: key, into: &batch.body)
                batch.body.append(0x0A)
                batch.lines.append((key, begin..<batch.body.count))
            }
            return batch
        }
    }

    /// The batch of the articles after row id `after` that a run after `runAbove` wrote; nil
    /// when there are none.
    func batch(of database: IndexDatabase, after: Int64, runAbove: Int64 = 0) throws -> Batch? {
        var batch = Batch()
        batch.body.reserveCapacity(maxBytes + (1 << 20))
        try ExportedArticle.forEach(in: database, after: after, runAbove: runAbove) { a in
            let start = batch.body.count
            OpenSearchLayout.writeAction(index: index, id: a.document.id, into: &batch.body)
            batch.body.append(0x0A)
            OpenSearchLayout.writeSource(of: a, analyzer: analyzer, into: &batch.body)
            batch.body.append(0x0A)
            batch.lines.append((a.document.id, start..<batch.body.count))
            batch.articles += 1
            batch.passages += a.document.passages.count
            batch.last = a.rowid
            return batch.body.count < maxBytes
        }
        return batch.articles == 0 ? nil : batch
    }
}
