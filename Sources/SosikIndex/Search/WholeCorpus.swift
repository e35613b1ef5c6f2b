/// The corpus a search ranks against when the local index holds only some of its articles
/// (`sosik search --opensearch`, issue 26): the articles fetched for the query are indexed in a
/// scratch index and ranked there by the same code as always (ArticleRanking), while what BM25
/// and the query compiler need of the *whole* corpus comes from here: the number of articles,
/// their tokens and passages, how many articles hold each phrase, whether a phrase occurs at
/// all (words of their own, names), the longer words holding a syllable, and which articles
/// to fetch.
///
/// ```swift
/// let searcher = Searcher(database: scratch, corpus: remote)   // remote: some WholeCorpus
/// let hits = try searcher.search("김정은 순찰")
/// ```
public protocol WholeCorpus: AnyObject, Sendable {
    /// Articles in the corpus, the tokens of all their columns (FTS5's column sizes summed, the
    /// boundary tokens between passages included, as `sosik_evidence` counts them) and passages.
    func totals() throws -> WholeCorpusTotals
    /// Articles holding a phrase (its index terms in a row; the last one a prefix when `prefix`).
    func articles(holding terms: [String], prefix: Bool) throws -> Double
    /// Whether some article holds one of these phrases (each its index terms, in a row).
    func holdsAny(_ phrases: [[String]]) throws -> Bool
    /// Two-syllable index terms holding `syllable`, the most frequent first (CompoundLookup).
    func compounds(of syllable: String) throws -> [String]
    /// Articles matching `compiled` (every article when nil) under the search's filters,
    /// counted per combination of `keys` (nil where an article has no value).
    func groupCounts(_ compiled: QueryBuilder.Compiled?, options: SearchOptions, keys: [GroupKey]) throws -> [([String?], Int)]
    /// Brings into the scratch index the articles that `compiled` ranks best in the whole corpus
    /// (under the search's filters), unless they are there already; returns their document ids.
    /// The search ranks those articles only: the same query gives the same answer whatever
    /// other articles earlier queries brought.
    func gather(_ compiled: QueryBuilder.Compiled, options: SearchOptions) throws -> [String]
    /// Articles of the corpus matching `compiled` under the search's filters.
    func count(_ compiled: QueryBuilder.Compiled, options: SearchOptions) throws -> Int
}

/// The size of a whole corpus (WholeCorpus.totals).
public struct WholeCorpusTotals: Sendable, Equatable {
    public var articles: Double
    public var tokens: Double
    public var passages: Double

    public init(articles: Double, tokens: Double, passages: Double) {
        self.articles = articles
        self.tokens = tokens
        self.passages = passages
    }
}
