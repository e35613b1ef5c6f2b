import SosikIndex
import SosikOpenSearch

/// Where `search`, `trend` and `watch` run: the local index (`Searcher`), or an index on
/// OpenSearch (`OpenSearchSearcher`, `--opensearch`). The two answer the same calls.
protocol SearchBackend {
    func search(_ query: String, options: SearchOptions) throws -> [SearchHit]
    func count(_ query: String, options: SearchOptions) throws -> Int
    func compiled(_ query: String, options: SearchOptions) throws -> QueryBuilder.Compiled
    func facets(_ query: String, options: SearchOptions, fields: [FacetField])
        throws -> (matched: Int, fields: [(field: FacetField, values: [(value: String?, count: Int)])])
    func trend(_ queries: [String], options: SearchOptions, by: TrendPeriod?, split: FacetField?) throws -> Trend
    /// The last `sosik index` run (`--new`, `watch`).
    func lastRun() throws -> Int64?
    /// The first run since a run number or a date (`--added-since`).
    func firstRun(since value: String) throws -> Int64?
}

extension Searcher: SearchBackend {
    func lastRun() throws -> Int64? { try database.lastRun() }
    func firstRun(since value: String) throws -> Int64? { try database.firstRun(since: value) }
}

extension OpenSearchSearcher: SearchBackend {}

extension Sosik {
    /// The backend of a command: the cluster of `--opensearch` when given, else the index of `--db`.
    static func searchBackend(opensearch: String?, database: DatabaseOptions,
                              candidates: Int = OpenSearchSearcher.defaultCandidates) throws -> SearchBackend {
        if let opensearch { return try OpenSearchSearcher(client: openSearchClient(opensearch), candidates: candidates) }
        return Searcher(database: try IndexDatabase(path: database.path, create: false))
    }
}
