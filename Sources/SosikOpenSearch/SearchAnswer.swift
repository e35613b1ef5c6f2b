/// A `_search` answer, read where sosik reads it: the total, the hits and their ids, and
/// aggregations by path.
///
/// ```swift
/// let answer = SearchAnswer(json)
/// answer.total                                      // hits.total.value (or an old bare number)
/// answer.bucketCounts("all", "phrases")["김정 정은"]   // a keyed filters aggregation's doc_count
/// ```
struct SearchAnswer {
    let json: [String: Any]

    init(_ json: [String: Any]) {
        self.json = json
    }

    var total: Int {
        let hits = json["hits"] as? [String: Any]
        if let t = hits?["total"] as? [String: Any] { return (t["value"] as? Int) ?? 0 }
        return (hits?["total"] as? Int) ?? 0
    }

    var hits: [[String: Any]] { (json["hits"] as? [String: Any])?["hits"] as? [[String: Any]] ?? [] }

    /// The hits' document ids (`_id`), best first.
    var ids: [String] { hits.compactMap { $0["_id"] as? String } }

    /// The aggregation at `path` (`"all", "phrases"`: the sub-aggregation `phrases` of `all`).
    func aggregation(_ path: String...) -> [String: Any]? {
        var node = json["aggregations"] as? [String: Any]
        for name in path { node = node?[name] as? [String: Any] }
        return node
    }

    /// A metric aggregation's value (`sum`, `max`, `min`).
    func value(_ path: String...) -> Double? {
        var node = json["aggregations"] as? [String: Any]
        for name in path { node = node?[name] as? [String: Any] }
        return node?["value"] as? Double
    }

    /// A keyed `filters` aggregation's counts, by key.
    func bucketCounts(_ path: String...) -> [String: Int] {
        var node = json["aggregations"] as? [String: Any]
        for name in path { node = node?[name] as? [String: Any] }
        let buckets = node?["buckets"] as? [String: Any] ?? [:]
        return buckets.mapValues { (($0 as? [String: Any])?["doc_count"] as? Int) ?? 0 }
    }
}
