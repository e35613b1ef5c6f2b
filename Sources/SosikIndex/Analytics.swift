import Foundation
import GRDB

/// The analyst's counts (issue 16): matching articles per period (`sosik trend`) and per value
/// of a field (`search --facets`), over *every* matching article — the same set `search --count`
/// counts (FTS5 MATCH and the filters), never only the shown ones.
public enum TrendPeriod: String, CaseIterable, Sendable {
    case day, week, month, year

    /// The period a stored date (`2025-05-01`, `2025-05`, `2025`) falls in; nil when the date is
    /// coarser than the period. Weeks as SQLite's `%Y-W%W`: Monday first, the days before the
    /// year's first Monday in week 00.
    func label(of date: String) -> String? {
        let parts = date.split(separator: "-").map(String.init)
        guard let first = parts.first, first.count == 4, Int(first) != nil else { return nil }
        switch self {
        case .year: return first
        case .month: return parts.count >= 2 ? first + "-" + parts[1] : nil
        case .day: return parts.count >= 3 ? date : nil
        case .week:
            guard parts.count >= 3, let y = Int(parts[0]), let day = Self.day(date) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let jan1 = Self.day(String(format: "%04d-01-01", y)) else { return nil }
            let yday = Int(day.timeIntervalSince(jan1) / 86_400)
            let wday = calendar.component(.weekday, from: day) - 1          // Sunday 0
            let week = (yday + 7 - (wday + 6) % 7) / 7
            return String(format: "%04d-W%02d", y, week)
        }
    }

    /// The period for a span of dates: days up to two months, weeks up to a year, months up to
    /// fifteen years, else years; and, given the number of dated matches, no finer than gives
    /// a dozen periods or one per match, whichever is more: eleven articles over seven years
    /// are seven years, not 84 mostly empty months (issue 25).
    public static func fitting(from first: String, to last: String, matches: Int? = nil) -> TrendPeriod {
        guard let a = Self.day(first), let b = Self.day(last) else { return .year }
        let days = b.timeIntervalSince(a) / 86_400
        let bySpan: TrendPeriod = days <= 62 ? .day : days <= 366 ? .week : days <= 15 * 366 ? .month : .year
        guard let matches else { return bySpan }
        let most = Double(max(12, matches))
        let lengths: [(TrendPeriod, Double)] = [(.day, 1), (.week, 7), (.month, 30.44), (.year, 365.25)]
        let start = lengths.firstIndex { $0.0 == bySpan } ?? 3
        for (period, length) in lengths[start...] where days / length + 1 <= most { return period }
        return .year
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
    /// matter), grouped by the SQL expressions `keys` on `d` (documents): one pass over the matches.
    func matchCounts(_ query: String, options: SearchOptions, keys: [String]) throws -> [([String?], Int)] {
        let filters = options.filters
        let columns = keys.joined(separator: ", ")
        let groups = keys.indices.map { String($0 + 1) }.joined(separator: ", ")
        return try database.read("counting in") { db in
            let compiled = try compile(query, options: options, db)
            return try Row.fetchAll(db, sql: """
                SELECT \(columns), COUNT(*) FROM article_fts JOIN documents d ON d.id = article_fts.rowid
                WHERE article_fts MATCH ?\(filters.sql) GROUP BY \(groups)
                """, arguments: StatementArguments([compiled.expression] + filters.arguments)).map { row in
                (keys.indices.map { row[$0] as String? }, row[keys.count] as Int)
            }
        }
    }

    /// Counts of every article under the filters of `options`, grouped by `keys`.
    func allCounts(options: SearchOptions, keys: [String]) throws -> [([String?], Int)] {
        let filters = options.filters
        let groups = keys.indices.map { String($0 + 1) }.joined(separator: ", ")
        return try database.read("counting in") { db in
            try Row.fetchAll(db, sql: "SELECT \(keys.joined(separator: ", ")), COUNT(*) FROM documents d WHERE 1\(filters.sql) GROUP BY \(groups)",
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
        let rows = try matchCounts(query, options: options, keys: fields.isEmpty ? ["NULL"] : fields.map(\.sql))
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
        let keys = ["substr(d.date, 1, 10)", split?.sql ?? "NULL"]
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
