import Foundation
import GRDB

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
