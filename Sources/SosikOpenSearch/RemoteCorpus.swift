import Foundation
import SosikIndex

/// The whole corpus on the cluster, as a search over a scratch index needs it (WholeCorpus).
final class RemoteCorpus: WholeCorpus, @unchecked Sendable {
    /// What holds for every query of a session: the corpus's totals and phrase counts.
    final class Cache: @unchecked Sendable {
        var totals: WholeCorpusTotals?
        var articles: [String: Double] = [:]
        var holds: [[[String]]: Bool] = [:]
    }

    let client: OpenSearchClient
    let scratch: IndexDatabase
    let candidates: Int
    let cache: Cache
    /// The articles in the scratch index: their document id (`_id`) → their id.
    private var keyOf: [String: String] = [:]
    private var usedRowids = Set<Int64>()
    private var spareRowid: Int64 = 0

    init(client: OpenSearchClient, scratch: IndexDatabase, candidates: Int, cache: Cache) {
        self.client = client
        self.scratch = scratch
        self.candidates = candidates
        self.cache = cache
    }

    /// Every shard must answer (a partial answer would give other counts and statistics); the
    /// candidates are chosen with the statistics of the whole index (dfs_query_then_fetch).
    private func search(_ body: [String: Any], dfs: Bool = false) throws -> SearchAnswer {
        let path = "/\(client.index)/_search?allow_partial_search_results=false" + (dfs ? "&search_type=dfs_query_then_fetch" : "")
        let answer = try client.json("POST", path, body)
        if let shards = answer["_shards"] as? [String: Any], let failed = shards["failed"] as? Int, failed > 0 {
            let reason = ((shards["failures"] as? [[String: Any]])?.first?["reason"] as? [String: Any])?["reason"] as? String ?? "no reason given"
            throw OpenSearchError.badResponse(url: client.indexURL, reason: "\(failed) shard\(failed == 1 ? "" : "s") failed: \(reason)")
        }
        if answer["timed_out"] as? Bool == true {
            throw OpenSearchError.badResponse(url: client.indexURL, reason: "the search timed out on the cluster")
        }
        return SearchAnswer(answer)
    }

    func totals() throws -> WholeCorpusTotals {
        if let t = cache.totals { return t }
        let answer = try search([
            "size": 0, "track_total_hits": true,
            "aggs": ["title": ["sum": ["field": "title_size"]], "text": ["sum": ["field": "text_size"]],
                     "aside": ["sum": ["field": "aside_size"]], "passages": ["sum": ["field": "passage_count"]]],
        ])
        func sum(_ k: String) -> Double { answer.value(k) ?? 0 }
        let t = WholeCorpusTotals(articles: Double(answer.total), tokens: sum("title") + sum("text") + sum("aside"),
                                  passages: sum("passages"))
        cache.totals = t
        return t
    }

    static func key(_ terms: [String], _ prefix: Bool) -> String { terms.joined(separator: " ") + (prefix ? "*" : "") }

    func articles(holding terms: [String], prefix: Bool) throws -> Double {
        let key = Self.key(terms, prefix)
        if let n = cache.articles[key] { return n }
        let answer = try search(["size": 0, "track_total_hits": true, "query": QueryDSL.phrase(terms, prefix: prefix)])
        let n = Double(answer.total)
        cache.articles[key] = n
        return n
    }

    func holdsAny(_ phrases: [[String]]) throws -> Bool {
        if let known = cache.holds[phrases] { return known }
        let answer = try search(["size": 0, "terminate_after": 1, "track_total_hits": true, "query": QueryDSL.anyPhrase(phrases)])
        let found = answer.total > 0
        cache.holds[phrases] = found
        return found
    }

    func compounds(of syllable: String) throws -> [String] {
        var found: [(term: String, docs: Int)] = []
        let terms = CompoundLookup.candidates(of: syllable)
        var start = 0
        while start < terms.count {
            let chunk = Array(terms[start..<min(start + 1000, terms.count)])
            start += chunk.count
            var filters: [String: Any] = [:]
            for t in chunk { filters[t] = QueryDSL.phrase([t]) }
            let answer = try search(["size": 0, "aggs": ["all": ["global": [String: Any](), "aggs": ["c": ["filters": ["filters": filters]]]]]])
            for (t, n) in answer.bucketCounts("all", "c") { found.append((t, n)) }
        }
        return CompoundLookup.chosen(found)
    }

    /// Buckets per page of a composite aggregation (below search.max_buckets, 65,535).
    static let bucketsPerPage = 5_000

    /// A composite aggregation over the fields the keys read, paged to the end: every
    /// combination counted exactly, whatever the number of days, sources or languages.
    func groupCounts(_ compiled: QueryBuilder.Compiled?, options: SearchOptions, keys: [GroupKey]) throws -> [([String?], Int)] {
        var fields: [String] = []
        for f in keys.compactMap(\.field) where !fields.contains(f) { fields.append(f) }
        var query: [String: Any]
        if let compiled {
            query = try QueryDSL.query(compiled, options: options)
        } else {
            let f = try QueryDSL.filters(options)
            query = f.isEmpty ? ["match_all": [String: Any]()] : ["bool": ["filter": f]]
        }
        guard !fields.isEmpty else {
            return [(keys.map { _ in nil }, try search(["size": 0, "track_total_hits": true, "query": query]).total)]
        }
        var counts: [[String?]: Int] = [:]
        var after: [String: Any]? = nil
        repeat {
            var composite: [String: Any] = [
                "sources": fields.map { [$0: ["terms": ["field": $0, "missing_bucket": true]]] }, "size": Self.bucketsPerPage,
            ]
            if let after { composite["after"] = after }
            let answer = try search(["size": 0, "query": query, "aggs": ["g": ["composite": composite]]])
            let agg = answer.aggregation("g")
            let buckets = agg?["buckets"] as? [[String: Any]] ?? []
            for bucket in buckets {
                let values = bucket["key"] as? [String: Any] ?? [:]
                let key = keys.map { k in k.field.flatMap { values[$0] as? String }.flatMap { k.key(of: $0) } }
                counts[key, default: 0] += bucket["doc_count"] as? Int ?? 0
            }
            after = buckets.count < Self.bucketsPerPage ? nil : agg?["after_key"] as? [String: Any]
        } while after != nil
        return counts.map { ($0.key, $0.value) }
    }

    func count(_ compiled: QueryBuilder.Compiled, options: SearchOptions) throws -> Int {
        try search(["size": 0, "track_total_hits": true, "query": try QueryDSL.query(compiled, options: options)]).total
    }

    /// The document fields a scratch index is made from (not the token fields).
    static let sourceFields = ["doc_id", "seq", "title", "date", "lang", "source", "url", "path", "pair", "passages"]

    func gather(_ compiled: QueryBuilder.Compiled, options: SearchOptions) throws -> [String] {
        // The best articles' ids first; then the text of those not in the scratch index yet.
        // At least what the local ranking takes in: the page, or three pages and 20 with
        // near-duplicates folded, and 100 more by date (ArticleRanking.datedCandidates).
        let page = options.collapse ? options.limit * 3 + 20 : options.limit
        var body: [String: Any] = [
            "query": try QueryDSL.query(compiled, options: options),
            "size": max(candidates, page + (options.sort == .relevance ? 50 : 100)), "track_total_hits": false, "_source": false,
        ]
        if options.sort != .relevance {
            // As locally: by date (undated last), then the newest row first.
            body["sort"] = [["date": ["order": options.sort == .date ? "asc" : "desc", "missing": "_last"]], ["seq": ["order": "desc"]]]
        }
        // The article counts of the query's phrases, over the whole corpus, in the same request.
        var unknown: [String: Any] = [:]
        for p in QueryDSL.phrases(of: compiled) where cache.articles[Self.key(p.terms, p.prefix)] == nil {
            unknown[Self.key(p.terms, p.prefix)] = QueryDSL.phrase(p.terms, prefix: p.prefix)
        }
        if !unknown.isEmpty {
            body["aggs"] = ["all": ["global": [String: Any](), "aggs": ["phrases": ["filters": ["filters": unknown]]]]]
        }
        let answer = try search(body, dfs: true)
        if !unknown.isEmpty {
            for (k, n) in answer.bucketCounts("all", "phrases") { cache.articles[k] = Double(n) }
        }
        var ids = answer.ids
        ids += try rareWordArticles(compiled, options: options, besides: Set(ids))
        let missing = ids.filter { keyOf[$0] == nil }
        if !missing.isEmpty {
            let fetched = try search(["query": ["ids": ["values": missing]], "size": missing.count, "_source": ["includes": Self.sourceFields]])
            let indexer = Indexer(database: scratch)
            for hit in fetched.hits {
                guard let id = hit["_id"] as? String, let source = hit["_source"] as? [String: Any],
                      let article = Self.article(source), keyOf[id] == nil else { continue }
                keyOf[id] = article.0.id
                // The row id it has in the index it was pushed from; one taken already (two
                // indexes pushed into one cluster index, or a stale copy) gets a negative one.
                var rowid = (source["seq"] as? NSNumber)?.int64Value
                if let r = rowid, !usedRowids.insert(r).inserted { rowid = nil }
                if rowid == nil {
                    spareRowid -= 1
                    rowid = spareRowid
                }
                try indexer.add(article.0, passages: article.1, rowid: rowid)
            }
            _ = try indexer.finish()
        }
        return ids.compactMap { keyOf[$0] }
    }

    /// With `--any`, as locally (ArticleRanking.cappedCandidates): every matching article that
    /// holds the query's rarer words, those whose articles add up to at most `candidates`. The
    /// cluster's BM25 orders a bag of words by term counts; sosik's ranking weighs how much of
    /// the query an article covers, so an article holding the one rare word of a question can
    /// rank first for sosik and below the candidates for the cluster.
    private func rareWordArticles(_ compiled: QueryBuilder.Compiled, options: SearchOptions, besides: Set<String>) throws -> [String] {
        guard options.mode == .any, options.sort == .relevance else { return [] }
        let rare = try compiled.rareWords(upTo: candidates) { try articles(holding: [$0], prefix: false) }
        guard !rare.isEmpty else { return [] }
        let answer = try search([
            "query": ["bool": ["must": [try QueryDSL.query(compiled, options: options)],
                               "filter": [QueryDSL.anyPhrase(rare.map { [$0] })]]],
            "size": candidates, "track_total_hits": false, "_source": false,
        ], dfs: true)
        return answer.ids.filter { !besides.contains($0) }
    }

    /// An article and its passages from a document of the export (OpenSearchLayout).
    static func article(_ s: [String: Any]) -> (Article, [(kind: PassageKind, text: String)])? {
        guard let id = s["doc_id"] as? String else { return nil }
        var a = Article(id: id, title: s["title"] as? String ?? "", body: "", lang: s["lang"] as? String ?? "other",
                        date: s["date"] as? String, source: s["source"] as? String, url: s["url"] as? String)
        a.path = s["path"] as? String
        a.translationOf = s["pair"] as? String
        let passages = (s["passages"] as? [[String: Any]] ?? []).map { p in
            (kind: PassageKind(rawValue: p["kind"] as? String ?? "") ?? .body, text: p["text"] as? String ?? "")
        }
        return (a, passages.isEmpty ? [(.body, "")] : passages)
    }
}
