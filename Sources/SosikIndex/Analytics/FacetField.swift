import Foundation
import GRDB

/// What a trend or a facet groups by, besides the period.
public enum FacetField: String, CaseIterable, Sendable {
    case lang, source, year, month

    var key: GroupKey {
        switch self {
        case .lang: return .lang
        case .source: return .source
        case .year: return .date(4)
        case .month: return .month
        }
    }
}
