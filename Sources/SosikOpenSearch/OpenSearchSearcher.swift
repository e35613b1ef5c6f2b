import Foundation
import SosikIndex

/// `sosik search --opensearch URL[/INDEX]` (issue 26): the same query language, ranking and
/// output over an index that `sosik push` or `sosik export` put on a cluster.
///
/// Each query is analyzed and compiled by sosik (QueryBuilder), written out as Query DSL
/// (QueryDSL), and run on the cluster, which finds every matching article (the count) and
/// returns the best `candidates` by its own BM25. Those articles are indexed in a scratch
/// index and ranked there by sosik's article-and-passage formula (ArticleRanking), with the
/// statistics of the whole corpus from the cluster (RemoteCorpus): so the first page is the
/// ranking a local index gives, and hits, snippets and fragments are made by the same code.
///
/// ```swift
/// let searcher = try OpenSearchSearcher(client: OpenSearchClient(address: "http://localhost:9200/news"))
/// let hits = try searcher.search("김정은 순찰", options: SearchOptions())
/// ```
public final class OpenSearchSearcher: @unchecked Sendable {
    public let client: OpenSearchClient
    /// Articles fetched per query and ranked again; more than the page, as sosik's ranking and
    /// the cluster's BM25 do not order articles alike (Scripts/opensearch-equivalence).
    public var candidates: Int
    public static let defaultCandidates = 200
    let cache = RemoteCorpus.Cache()
    /// The last run the mapping names (`_meta.last_run`, as the index was checked).
    private let recordedLastRun: Int64?

    public init(client: OpenSearchClient, candidates: Int = OpenSearchSearcher.defaultCandidates) throws {
        self.client = client
        self.candidates = candidates
        recordedLastRun = (try OpenSearchIndex(client: client).check()["last_run"] as? NSNumber)?.int64Value
    }

    public func search(_ query: String, options: SearchOptions) throws -> [SearchHit] {
        try withScratch { try $0.search(query, options: options) }
    }

    deinit {
        if let folder = scratchFolder { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Articles matching (`--count`).
    public func count(_ query: String, options: SearchOptions) throws -> Int {
        try withScratch { try $0.count(query, options: options) }
    }

    /// `--facets`: terms aggregations over every matching article.
    public func facets(_ query: String, options: SearchOptions, fields: [FacetField])
        throws -> (matched: Int, fields: [(field: FacetField, values: [(value: String?, count: Int)])]) {
        try withScratch { try $0.facets(query, options: options, fields: fields) }
    }

    /// `sosik trend`: terms aggregations by day (and split), as the local trend counts them.
    public func trend(_ queries: [String], options: SearchOptions, by: TrendPeriod?, split: FacetField?) throws -> Trend {
        try withScratch { try $0.trend(queries, options: options, by: by, split: split) }
    }

    /// The last `sosik index` run the cluster holds (`--new`, `sosik watch`): the one the last
    /// push or export recorded in the mapping (a run that wrote nothing is the last run too, as
    /// locally), else the newest run of its articles.
    public func lastRun() throws -> Int64? {
        if let recordedLastRun { return recordedLastRun }
        return try runs(["match_all": [String: Any]()], "max")
    }

    /// The first run (a number, or the first started on or after a date or time) whose
    /// articles the cluster holds (`--added-since`).
    public func firstRun(since value: String) throws -> Int64? {
        if let id = Int64(value) { return id }
        return try runs(["range": ["run_started": ["gte": value]]], "min")
    }

    private func runs(_ query: [String: Any], _ which: String) throws -> Int64? {
        let answer = try client.json("POST", "/\(client.index)/_search",
                                     ["size": 0, "query": query, "aggs": ["run": [which: ["field": "run"]]]])
        return SearchAnswer(answer).value("run").flatMap { Int64(exactly: $0) }
    }

    public func compiled(_ query: String, options: SearchOptions) throws -> QueryBuilder.Compiled {
        try withScratch { try $0.compiled(query, options: options) }
    }

    private var scratchFolder: String?
    private var corpus: RemoteCorpus?
    private let lock = NSLock()

    /// The searcher over the scratch index, made on first use and kept for the searcher's
    /// life (removed with it): articles fetched for one query are not fetched again for the
    /// next, though each query ranks only the articles it gathered.
    private func withScratch<T>(_ body: (Searcher) throws -> T) throws -> T {
        // One query at a time: the scratch index and the caches are the session's (this lock is
        // what makes the type's Sendable claim true).
        lock.lock()
        defer { lock.unlock() }
        if corpus == nil {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-opensearch-\(getpid())-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let scratch: IndexDatabase
            do {
                scratch = try IndexDatabase(path: folder + "/scratch.db", create: true)
            } catch {
                try? FileManager.default.removeItem(atPath: folder)
                throw error
            }
            scratchFolder = folder
            corpus = RemoteCorpus(client: client, scratch: scratch, candidates: candidates, cache: cache)
        }
        return try body(Searcher(database: corpus!.scratch, corpus: corpus!))
    }
}
