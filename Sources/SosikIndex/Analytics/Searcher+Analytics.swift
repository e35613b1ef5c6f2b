import Foundation
import GRDB

extension Searcher {
    /// Counts of the articles matching `query` under `options` (filters; limit and sort do not
    /// matter), grouped by `keys`: one pass over the matches (over a remote corpus, its
    /// aggregations).
    func matchCounts(_ query: String, options: SearchOptions, keys: [GroupKey]) throws -> [([String?], Int)] {
        if let corpus {
            return try corpus.groupCounts(try compile(query, options: options, lookups(corpus)), options: options, keys: keys)
        }
        let columns = keys.map(\.sql).joined(separator: ", ")
        let groups = keys.indices.map { String($0 + 1) }.joined(separator: ", ")
        return try database.read("counting in") { db in
            let compiled = try compile(query, options: options, db)
            let (sql, arguments) = MatchSQL(expression: compiled.expression, options: options)
                .select("\(columns), COUNT(*)", tail: "GROUP BY \(groups)")
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                (keys.indices.map { row[$0] as String? }, row[keys.count] as Int)
            }
        }
    }

    /// Counts of every article under the filters of `options`, grouped by `keys`.
    func allCounts(options: SearchOptions, keys: [GroupKey]) throws -> [([String?], Int)] {
        if let corpus { return try corpus.groupCounts(nil, options: options, keys: keys) }
        let filters = options.filters
        let groups = keys.indices.map { String($0 + 1) }.joined(separator: ", ")
        return try database.read("counting in") { db in
            try Row.fetchAll(db, sql: "SELECT \(keys.map(\.sql).joined(separator: ", ")), COUNT(*) FROM documents d WHERE 1\(filters.sql) GROUP BY \(groups)",
                             arguments: StatementArguments(filters.arguments)).map { row in
                (keys.indices.map { row[$0] as String? }, row[keys.count] as Int)
            }
        }
    }

    /// `search --facets`: the number of matching articles (as `count` gives it with one passage
    /// an article), and for each field the matching articles per value, most first (ties:
    /// years and months newest first, other values in order); articles without the field (no
    /// source, no date) under nil. One pass over the matches for all the fields.
    public func facets(_ query: String, options: SearchOptions, fields: [FacetField])
        throws -> (matched: Int, fields: [(field: FacetField, values: [(value: String?, count: Int)])]) {
        let rows = try matchCounts(query, options: options, keys: fields.isEmpty ? [.none] : fields.map(\.key))
        return (rows.reduce(0) { $0 + $1.1 }, fields.enumerated().map { i, field in
            var counts: [String?: Int] = [:]
            for (key, n) in rows { counts[key[i], default: 0] += n }
            let sorted = counts.sorted { a, b in
                if a.value != b.value { return a.value > b.value }
                if field == .year || field == .month { return (a.key ?? "") > (b.key ?? "") }
                return (a.key ?? "\u{10FFFF}") < (b.key ?? "\u{10FFFF}")
            }
            return (field, sorted.map { (value: $0.key, count: $0.value) })
        })
    }

    /// `sosik trend`: each query's matching articles per period (`by`, or one fitting the span of
    /// their dates), and each period's total, split by language or source if asked. One pass
    /// over each query's matches (by day and split value) and one over the articles.
    public func trend(_ queries: [String], options: SearchOptions, by: TrendPeriod?, split: FacetField?) throws -> Trend {
        let keys: [GroupKey] = [.date(10), split?.key ?? .none]
        let matches = try queries.map { try matchCounts($0, options: options, keys: keys) }
        // The span of the matches' full dates chooses the period when none is given.
        var period = by ?? .year
        if by == nil {
            let dated = matches.joined().filter { $0.0[0]?.count == 10 }
            let days = dated.compactMap { $0.0[0] }
            if let first = days.min(), let last = days.max() {
                period = TrendPeriod.fitting(from: first, to: last, matches: dated.reduce(0) { $0 + $1.1 })
            }
        }
        var labels: [String: String?] = [:]
        func label(_ date: String?) -> String? {
            guard let date else { return nil }
            if let known = labels[date] { return known }
            let l = period.label(of: date)
            labels[date] = l
            return l
        }
        /// group → period → count, and group → undated count.
        func tally(_ rows: [([String?], Int)]) -> (counts: [String: [String: Int]], undated: [String: Int]) {
            var counts: [String: [String: Int]] = [:], undated: [String: Int] = [:]
            for (key, n) in rows {
                let group = key[1] ?? ""
                if let p = label(key[0]) { counts[group, default: [:]][p, default: 0] += n } else { undated[group, default: 0] += n }
            }
            return (counts, undated)
        }
        let totals = tally(try allCounts(options: options, keys: keys)).counts
        let found = matches.map(tally)
        // Periods: from the first to the last with a match (gaps filled), else those present.
        let present = Set(found.flatMap { $0.counts.values.flatMap { $0.keys } })
        var periods = present.sorted()
        if let a = periods.first, let b = periods.last {
            periods = period.periods(from: a, to: b)
                ?? Set(totals.values.flatMap { $0.keys }).union(present).filter { a <= $0 && $0 <= b }.sorted()
        }
        var series: [Trend.Series] = []
        for (q, f) in zip(queries, found) {
            let groups = split == nil ? [""] : Set(f.counts.keys).union(f.undated.keys).sorted()
            for g in groups {
                let counts = f.counts[g] ?? [:]
                let points = periods.map { Trend.Point(period: $0, count: counts[$0] ?? 0, total: totals[g]?[$0] ?? 0) }
                series.append(Trend.Series(query: q, group: split == nil ? nil : (g.isEmpty ? "(none)" : g),
                                           points: points, undated: f.undated[g] ?? 0))
            }
        }
        return Trend(by: period, periods: periods, series: series)
    }
}
