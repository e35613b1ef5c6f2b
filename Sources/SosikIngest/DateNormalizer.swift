/// Reads the date forms found in Korean and English news front matter and returns ISO 8601
/// (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when that is all there is).
///
/// ```swift
/// DateNormalizer.iso("2025.5.1")        // "2025-05-01"
/// DateNormalizer.iso("2025년 5월 1일")   // "2025-05-01"
/// DateNormalizer.iso("yesterday")       // nil
/// ```
public enum DateNormalizer {
    public static func iso(_ raw: String) -> String? { iso(raw, dropTime: true) }

    /// `dropTime`: what follows a T or a space after an ISO day is a time, and ignored.
    static func iso(_ raw: String, dropTime: Bool) -> String? {
        // Numbers in order, whatever separates them: 2025-05-01, 2025.5.1, 2025/5/1,
        // 2025년 5월 1일, 2025-05-01T09:30:00Z (time ignored).
        var text = Substring(raw)
        if dropTime, let t = text.firstIndex(where: { $0 == "T" || $0 == " " }), text[..<t].count >= 8,
           text[..<t].allSatisfy({ $0.isNumber || $0 == "-" }) {
            text = text[..<t]
        }
        var numbers: [Int] = []
        var current = ""
        for ch in text {
            if let d = ch.wholeNumberValue, ch.isASCII || ch.unicodeScalars.first!.value >= 0xFF10 {
                current.append(Character(String(d)))
            } else {
                if !current.isEmpty {
                    // Int(…) is nil past 19 digits: such a run is no year, month or day.
                    guard let n = Int(current) else { return nil }
                    numbers.append(n)
                    current = ""
                }
                guard ch == "-" || ch == "." || ch == "/" || ch == " " || ch == "년" || ch == "월" || ch == "일" else {
                    return nil
                }
            }
        }
        if !current.isEmpty {
            guard let n = Int(current) else { return nil }
            numbers.append(n)
        }
        guard let year = numbers.first, (1800...2200).contains(year), numbers.count <= 3 else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if numbers.count == 1 { return "\(year)" }
        guard (1...12).contains(numbers[1]) else { return nil }
        if numbers.count == 2 { return "\(year)-\(two(numbers[1]))" }
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[numbers[1] - 1]).contains(numbers[2]) else { return nil }
        return "\(year)-\(two(numbers[1]))-\(two(numbers[2]))"
    }

    /// How to read a date written with the year last when either of its first two numbers
    /// could be the month (3/4/2020): `--date-order`, kept with each file.
    public enum Order: String, Sendable, CaseIterable {
        /// Month first: 3/4/2020 is March 4 (the United States).
        case mdy
        /// Day first: 3/4/2020 is April 3 (most of Europe, the Commonwealth).
        case dmy
    }

    /// A date with the year last: `2/26/1987`, `26.2.1987`, `26-02-1987`, `3/4/2020 10:00 AM`.
    /// A first number over 12 can only be the day, a second over 12 only the day too (month
    /// first). When both could be the month, `order` decides; without one, the separator does:
    /// `/` month first (as the US writes it), `.` and `-` day first (as Europe writes it).
    public static func yearLast(_ raw: String, order: Order?) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let head = text.prefix { $0.isASCII && ($0.isNumber || $0 == "/" || $0 == "." || $0 == "-") }
        guard head.count == text.count || text[head.endIndex] == " " || text[head.endIndex] == "T" || text[head.endIndex] == "," else { return nil }
        var date = Substring(head)
        if date.last == "." { date = date.dropLast() }
        guard let separator = date.first(where: { !$0.isNumber }), "/.-".contains(separator) else { return nil }
        let parts = date.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
              let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        let monthFirst: Bool
        if a > 12 { monthFirst = false } else if b > 12 { monthFirst = true } else { monthFirst = (order ?? (separator == "/" ? .mdy : .dmy)) == .mdy }
        let (month, day) = monthFirst ? (a, b) : (b, a)
        return iso("\(year)-\(month)-\(day)", dropTime: false)
    }

    /// A date given as an option (`--since`, `--until`, `--added-since`, a watch file): the whole
    /// text must be a date, or an ISO timestamp (`2025-05-01T09:30:00+09:00`); nothing may
    /// follow it. (`iso` drops what follows a space, as front matter writes times after dates:
    /// `2025-05-01 OR 1=1` must not pass as a filter.)
    public static func strict(_ raw: String) -> String? {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        if let t = text.firstIndex(of: "T") {
            let time = text[text.index(after: t)...]
            guard !time.isEmpty, time.allSatisfy({ $0.isASCII && ($0.isNumber || ":.+-Z".contains($0)) }) else { return nil }
            text = text[..<t]
        }
        return iso(String(text), dropTime: false)
    }
}
