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
