import Foundation
import SosikIndex
import SosikText

/// `sosik push --opensearch URL[/INDEX]`: sends an index's articles to a cluster itself, bulk
/// request by bulk request (issue 26).
///
/// - The index is created with OpenSearchLayout's settings and mappings when missing; one made
///   by another version of the layout is refused.
/// - Back-pressure: a request answered 429 (or 502–504) is sent again after a doubling wait
///   (OpenSearchClient); documents a bulk answer rejects with 429 are sent again the same way.
/// - Progress is kept in the local index (a note per cluster and index): the last `sosik index`
///   run whose articles the cluster holds, and within a push under way, the row id of the last
///   article the cluster acknowledged. A push sends the articles written by later runs (new and
///   changed ones: each is written with its run's number); an interrupted push goes on from its
///   row id, unless an index run came in between (row ids may then be reused: that push starts
///   over). `restart` sends everything again (the same ids: documents are replaced, not doubled).
/// - The mapping's `_meta.last_run` then says which run the cluster holds (`--new`, `watch`).
///
/// ```swift
/// let summary = try OpenSearchPush(client: client).run(from: index)
/// ```
public struct OpenSearchPush {
    public let client: OpenSearchClient
    public var batchBytes: Int
    public var restart: Bool

    public init(client: OpenSearchClient, batchBytes: Int = 5 << 20, restart: Bool = false) {
        self.client = client
        self.batchBytes = batchBytes
        self.restart = restart
    }

    public struct Summary: Sendable {
        public var articles = 0
        public var passages = 0
        public var requests = 0
        public var bytes = 0
        /// Where this push began: after this row id (0: from the first article) of the articles
        /// written after run `fromRun` (0: all).
        public var resumedAfter: Int64 = 0
        public var fromRun: Int64 = 0
        /// Articles removed from the cluster, as later runs removed them locally.
        public var removed = 0
        public var created = false
    }

    /// The note holding the progress of a push to this cluster and index.
    public var progressKey: String { "opensearch.push " + client.indexURL }

    public func run(from database: IndexDatabase, progress: ((Summary) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        summary.created = try OpenSearchIndex(client: client).ensure()
        if restart || summary.created { try database.setNote(progressKey, nil) }
        // "P R after": run P is wholly on the cluster; run R's push stopped after row id `after`.
        let last = try database.lastRun() ?? 0
        let note = (try database.note(progressKey) ?? "").split(separator: " ").compactMap { Int64($0) }
        let pushed = note.count == 3 ? note[0] : 0
        var after = note.count == 3 && note[1] == last ? note[2] : 0
        summary.resumedAfter = after
        summary.fromRun = pushed
        let batches = BulkBatches(index: client.index, maxBytes: batchBytes)
        while let batch = try batches.batch(of: database, after: after, runAbove: pushed) {
            try send(batch, summary: &summary)
            after = batch.last
            try database.setNote(progressKey, "\(pushed) \(last) \(after)")
            summary.articles += batch.articles
            summary.passages += batch.passages
            progress?(summary)
        }
        // What later runs removed goes too (a delete of a document the cluster lacks is no error).
        for batch in batches.deletes(of: try ExportedArticle.removed(in: database, runAbove: pushed)) {
            try send(batch, summary: &summary)
            summary.removed += batch.lines.count
        }
        _ = try client.json("POST", "/\(client.index)/_refresh")
        var meta = OpenSearchLayout.meta
        meta["last_run"] = last
        _ = try client.json("PUT", "/\(client.index)/_mapping", ["_meta": meta])
        try database.setNote(progressKey, "\(last) \(last) 0")
        return summary
    }

    /// One bulk request; documents rejected with 429 go again (the client's attempts and
    /// backoff), any other rejection fails the push with the first reason.
    private func send(_ batch: BulkBatches.Batch, summary: inout Summary) throws {
        var lines = batch.lines
        var body = batch.body
        var wait = client.backoff
        for attempt in 1...client.attempts {
            let response = try client.send("POST", "/_bulk", body: Data(body), contentType: "application/x-ndjson")
            summary.requests += 1
            summary.bytes += body.count
            let answer = try client.decode(response, path: "/_bulk")
            // Progress moves on only for an answer about every document sent.
            guard let errors = answer["errors"] as? Bool, let items = answer["items"] as? [[String: Any]], items.count == lines.count else {
                throw OpenSearchError.badResponse(url: client.cluster + "/_bulk",
                                                  reason: "not a bulk answer for \(lines.count) documents (is the address a cluster?)")
            }
            guard errors else { return }
            var again: [(id: String, range: Range<Int>)] = []
            var failed: [String] = []
            for (i, item) in items.enumerated() where i < lines.count {
                let deleting = item["delete"] != nil
                guard let result = (item["index"] ?? item["create"] ?? item["delete"]) as? [String: Any],
                      let status = result["status"] as? Int, !(200..<300).contains(status), !(deleting && status == 404) else { continue }
                if status == 429 {
                    again.append(lines[i])
                } else {
                    let error = result["error"] as? [String: Any]
                    failed.append("\(lines[i].id): \(status) \(error?["type"] as? String ?? ""): \(error?["reason"] as? String ?? "")")
                }
            }
            if !failed.isEmpty { throw OpenSearchError.bulk(index: client.index, failed: failed.count, first: failed[0]) }
            guard !again.isEmpty else { return }
            guard attempt < client.attempts else { break }
            client.onRetry?("_bulk: \(again.count) documents rejected with 429; again in \(String(format: "%.1f", wait)) s")
            Thread.sleep(forTimeInterval: wait)
            wait = min(wait * 2, client.maximumBackoff)
            var next: [UInt8] = []
            var nextLines: [(id: String, range: Range<Int>)] = []
            for line in again {
                let start = next.count
                next += body[line.range]
                nextLines.append((line.id, start..<next.count))
            }
            body = next
            lines = nextLines
        }
        throw OpenSearchError.bulk(index: client.index, failed: lines.count, first: "\(lines[0].id): still rejected with 429 after \(client.attempts) attempts")
    }
}
