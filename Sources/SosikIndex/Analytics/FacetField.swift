import Foundation
import GRDB

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
