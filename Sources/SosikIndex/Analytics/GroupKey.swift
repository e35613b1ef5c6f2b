/// What facets and trends count articles by: a document field, or a part of its date. Written
/// as SQL for the local index, and read by WholeCorpus implementations from the field's value.
public enum GroupKey: Sendable, Equatable {
    case lang, source
    /// The date's first n characters (10: the day).
    case date(Int)
    /// The date's month, for dates that have one.
    case month
    /// One group.
    case none

    var sql: String {
        switch self {
        case .lang: return "d.lang"
        case .source: return "d.source"
        case .date(let n): return "substr(d.date, 1, \(n))"
        case .month: return "CASE WHEN length(d.date) >= 7 THEN substr(d.date, 1, 7) END"
        case .none: return "NULL"
        }
    }

    /// The document field the key is read from (nil: none).
    public var field: String? {
        switch self {
        case .lang: return "lang"
        case .source: return "source"
        case .date, .month: return "date"
        case .none: return nil
        }
    }

    /// The key of a document whose `field` holds `value` (nil: it has none).
    public func key(of value: String?) -> String? {
        guard let value else { return nil }
        switch self {
        case .lang, .source: return value
        case .date(let n): return String(value.prefix(n))
        case .month: return value.count >= 7 ? String(value.prefix(7)) : nil
        case .none: return nil
        }
    }
}
