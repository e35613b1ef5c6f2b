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
/// - Progress is kept in the local index (a note per cluster and index): the row id of the last
///   article the cluster acknowledged. An interrupted push goes on from there; so does the next
///   push after `sosik index`, which gives every written (new or changed) article a new row id.
///   `restart` sends everything again (the same ids: documents are replaced, not doubled).
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
        /// Where this push began (0: from the first article).
        public var resumedAfter: Int64 = 0
        public var created = false
    }

    /// The note holding the progress of a push to this cluster and index.
    public var progressKey: String { "opensearch.push " + client.indexURL }

    public func run(from database: IndexDatabase, progress: ((Summary) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        summary.created = try OpenSearchIndex(client: client).ensure()
        if restart || summary.created { try database.setNote(progressKey, nil) }
        var after = Int64(try database.note(progressKey) ?? "") ?? 0
        summary.resumedAfter = after
        let batches = BulkBatches(index: client.index, maxBytes: batchBytes)
        while let batch = try batches.batch(of: database, after: after) {
            try send(batch, summary: &summary)
            after = batch.last
            try database.setNote(progressKey, String(after))
            summary.articles += batch.articles
            summary.passages += batch.passages
            progress?(summary)
        }
        _ = try client.json("POST", "/\(client.index)/_refresh")
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
            guard answer["errors"] as? Bool == true else { return }
            let items = answer["items"] as? [[String: Any]] ?? []
            var again: [(id: String, range: Range<Int>)] = []
            var failed: [String] = []
            for (i, item) in items.enumerated() where i < lines.count {
                guard let result = (item["index"] ?? item["create"]) as? [String: Any],
                      let status = result["status"] as? Int, !(200..<300).contains(status) else { continue }
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

/// The index on the cluster: created, or checked to be one this sosik reads.
public struct OpenSearchIndex {
    public let client: OpenSearchClient

    public init(client: OpenSearchClient) {
        self.client = client
    }

    /// Checks the index's mapping; creates the index when it is missing. True when created.
    @discardableResult
    public func ensure() throws -> Bool {
        do {
            try check()
            return false
        } catch OpenSearchError.noIndex {
            _ = try client.json("PUT", "/\(client.index)", OpenSearchLayout.indexBody)
            return true
        }
    }

    /// Throws unless the index exists and its mapping is OpenSearchLayout's, made for this analyzer.
    public func check() throws {
        let answer = try client.json("GET", "/\(client.index)/_mapping")
        // {"INDEX": {"mappings": {...}}} (an alias answers with the real index's name).
        let mappings = (answer.values.first as? [String: Any])?["mappings"] as? [String: Any]
        let meta = mappings?["_meta"] as? [String: Any]
        let version = meta?["sosik_export"] as? Int
        let analyzer = meta?["analyzer"] as? String
        let expected = "sosik export layout \(OpenSearchLayout.version) with analyzer \(Analyzer.name)"
        guard let version, let analyzer else {
            throw OpenSearchError.incompatible(index: client.index, found: "something other than sosik (no _meta.sosik_export in its mapping)",
                                               expected: expected)
        }
        guard version == OpenSearchLayout.version, analyzer == Analyzer.name else {
            throw OpenSearchError.incompatible(index: client.index, found: "sosik export layout \(version) with analyzer \(analyzer)",
                                               expected: expected)
        }
    }
}
