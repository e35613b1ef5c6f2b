import Foundation
import GRDB

/// The analyst's counts (issue 16): matching articles per period (`sosik trend`) and per value
/// of a field (`search --facets`), over *every* matching article — the same set `search --count`
/// counts (FTS5 MATCH and the filters), never only the shown ones.
public enum TrendPeriod: String, CaseIterable, Sendable {
    case day, week, month, year

    /// The period of `d.date` in SQL; NULL when the date is coarser than the period (a date of
    /// only `2025` has no month).
    var sql: String {
        switch self {
        case .day: return "CASE WHEN length(d.date) >= 10 THEN substr(d.date, 1, 10) END"
        case .week: return "CASE WHEN length(d.date) >= 10 THEN strftime('%Y-W%W', substr(d.date, 1, 10)) END"
        case .month: return "CASE WHEN length(d.date) >= 7 THEN substr(d.date, 1, 7) END"
        case .year: return "substr(d.date, 1, 4)"
        }
    }

    /// The period for a span of dates: days up to two months, weeks up to a year, months up to
    /// fifteen years, else years.
    public static func fitting(from first: String, to last: String) -> TrendPeriod {
        guard let a = Self.day(first), let b = Self.day(last) else { return .year }
        let days = b.timeIntervalSince(a) / 86_400
        return days <= 62 ? .day : days <= 366 ? .week : days <= 15 * 366 ? .month : .year
    }

    static func day(_ iso: String) -> Date? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard let y = parts.first else { return nil }
        var c = DateComponents()
        c.year = y
        c.month = parts.count > 1 ? parts[1] : 1
        c.day = parts.count > 2 ? parts[2] : 1
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c)
    }

    /// Every period from `first` to `last` (both periods of this kind), so that a chart shows
    /// the empty ones; weeks are not filled in (given as found).
    func periods(from first: String, to last: String) -> [String]? {
        switch self {
        case .year:
            guard let a = Int(first), let b = Int(last), a <= b, b - a < 1000 else { return nil }
            return (a...b).map { String(format: "%04d", $0) }
        case .month:
            let pa = first.split(separator: "-").compactMap { Int($0) }, pb = last.split(separator: "-").compactMap { Int($0) }
            guard pa.count == 2, pb.count == 2 else { return nil }
            var out: [String] = []
            var (y, m) = (pa[0], pa[1])
            while (y, m) <= (pb[0], pb[1]) && out.count < 12_000 {
                out.append(String(format: "%04d-%02d", y, m))
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
            return out
        case .day:
            guard var d = Self.day(first), let end = Self.day(last) else { return nil }
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            var out: [String] = []
            while d <= end && out.count < 40_000 {
                out.append(f.string(from: d))
                d += 86_400
            }
            return out
        case .week:
            return nil
        }
    }
}

/// What a trend or a facet groups by, besides the period.
public enum FacetField: String, CaseIterable, Sendable {
    case lang, source, year, month

    var sql: String {
        switch self {
        case .lang: return "d.lang"
        case .source: return "d.source"
        case .year: return "substr(d.date, 1, 4)"
        case .month: return "CASE WHEN length(d.date) >= 7 THEN substr(d.date, 1, 7) END"
        }
    }
}

/// Matching articles per period, one series per query (and per language or source with a split).
public struct Trend: Sendable {
    public struct Point: Sendable, Equatable {
        public var period: String
        /// Matching articles of the period.
        public var count: Int
        /// All articles of the period (the same filters and split value, any words).
        public var total: Int
        /// count / total (0 when the period has no article).
        public var share: Double { total > 0 ? Double(count) / Double(total) : 0 }
    }

    public struct Series: Sendable {
        public var query: String
        /// The split's value (a language, a source), nil without a split.
        public var group: String?
        public var points: [Point]
        /// Matching articles without a date (or too coarse a date for the period).
        public var undated: Int
        public var label: String { group.map { "\(query) · \($0)" } ?? query }
    }

    public var by: TrendPeriod
    public var periods: [String]
    public var series: [Series]
}

extension Searcher {
    /// Counts of the articles matching `query` under `options` (filters; limit and sort do not
    /// matter), by the SQL expression `key` on `d` (documents).
    func matchCounts(_ query: String, options: SearchOptions, key: String) throws -> [(String?, Int)] {
        let compiled = try compiled(query, options: options)
        let filters = options.filters
        return try database.read("counting in") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(key), COUNT(*) FROM article_fts JOIN documents d ON d.id = article_fts.rowid
                WHERE article_fts MATCH ?\(filters.sql) GROUP BY 1
                """, arguments: StatementArguments([compiled.expression] + filters.arguments)).map { ($0[0], $0[1]) }
        }
    }

    /// Counts of every article under the filters of `options`, by `key`.
    func allCounts(options: SearchOptions, key: String) throws -> [(String?, Int)] {
        let filters = options.filters
        return try database.read("counting in") { db in
            try Row.fetchAll(db, sql: "SELECT \(key), COUNT(*) FROM documents d WHERE 1\(filters.sql) GROUP BY 1",
                             arguments: StatementArguments(filters.arguments)).map { ($0[0], $0[1]) }
        }
    }

    /// `search --facets`: for each field, the matching articles per value, most first (ties by
    /// value); articles without the field (no source, no date) under nil.
    public func facets(_ query: String, options: SearchOptions, fields: [FacetField]) throws -> [(field: FacetField, values: [(value: String?, count: Int)])] {
        try fields.map { field in
            let counts = try matchCounts(query, options: options, key: field.sql)
            let sorted = counts.sorted { a, b in
                if a.1 != b.1 { return a.1 > b.1 }
                if field == .year || field == .month { return (a.0 ?? "") > (b.0 ?? "") }
                return (a.0 ?? "\u{10FFFF}") < (b.0 ?? "\u{10FFFF}")
            }
            return (field, sorted.map { (value: $0.0, count: $0.1) })
        }
    }

    /// `sosik trend`: each query's matching articles per period (`by`, or one fitting the span of
    /// their dates), and each period's total, split by language or source if asked.
    public func trend(_ queries: [String], options: SearchOptions, by: TrendPeriod?, split: FacetField?) throws -> Trend {
        let splitSQL = split?.sql ?? "NULL"
        // The span of the matches' dates chooses the period when none is given.
        var period = by ?? .year
        if by == nil {
            var first: String? = nil, last: String? = nil
            for q in queries {
                for (date, _) in try matchCounts(q, options: options, key: "substr(d.date, 1, 10)") {
                    guard let date else { continue }
                    if first == nil || date < first! { first = date }
                    if last == nil || date > last! { last = date }
                }
            }
            if let first, let last { period = TrendPeriod.fitting(from: first, to: last) }
        }
        let key = "(\(period.sql)) || char(31) || COALESCE(\(splitSQL), '')"
        func parse(_ rows: [(String?, Int)]) -> [String: [String: Int]] {   // group → period → count
            var out: [String: [String: Int]] = [:]
            for (k, n) in rows {
                guard let k else { continue }
                let parts = k.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
                out[parts.count > 1 ? String(parts[1]) : "", default: [:]][String(parts[0]), default: 0] += n
            }
            return out
        }
        let totals = parse(try allCounts(options: options, key: key))
        var found: [(query: String, byGroup: [String: [String: Int]], matched: Int)] = []
        for q in queries {
            let rows = try matchCounts(q, options: options, key: key)
            let all = try matchCounts(q, options: options, key: "COALESCE(\(splitSQL), '')")
            found.append((q, parse(rows), all.reduce(0) { $0 + $1.1 }))
        }
        // Periods: from the first to the last with a match (gaps filled), else those present.
        let present = Set(found.flatMap { $0.byGroup.values.flatMap { $0.keys } })
        var periods = present.sorted()
        if let a = periods.first, let b = periods.last {
            periods = period.periods(from: a, to: b)
                ?? Set(totals.values.flatMap { $0.keys }).union(present).filter { a <= $0 && $0 <= b }.sorted()
        }
        var series: [Trend.Series] = []
        for f in found {
            let groups = split == nil ? [""] : Set(f.byGroup.keys).union(totals.keys).sorted()
            for g in groups {
                let counts = f.byGroup[g] ?? [:]
                if split != nil && counts.isEmpty { continue }
                let points = periods.map { Trend.Point(period: $0, count: counts[$0] ?? 0, total: totals[g]?[$0] ?? 0) }
                let dated = counts.values.reduce(0, +)
                let matchedInGroup: Int
                if split == nil {
                    matchedInGroup = f.matched
                } else {
                    matchedInGroup = try matchCounts(f.query, options: options, key: splitSQL)
                        .filter { ($0.0 ?? "") == g }.reduce(0) { $0 + $1.1 }
                }
                series.append(Trend.Series(query: f.query, group: split == nil ? nil : (g.isEmpty ? "(none)" : g),
                                           points: points, undated: max(0, matchedInGroup - dated)))
            }
        }
        return Trend(by: period, periods: periods, series: series)
    }
}
