import Foundation
import Testing
@testable import SosikIndex

@Suite struct AnalyticsTests {
    /// Weeks as SQLite's strftime('%Y-W%W') gives them (values from the sqlite3 shell).
    @Test(arguments: [("2025-01-01", "2025-W00"), ("2025-01-05", "2025-W00"), ("2025-01-06", "2025-W01"),
                      ("2025-05-01", "2025-W17"), ("2024-12-31", "2024-W53"), ("2023-01-01", "2023-W00"),
                      ("2023-01-02", "2023-W01"), ("2028-02-29", "2028-W09")])
    func weeksAreNumberedAsSQLiteDoes(date: String, week: String) {
        #expect(TrendPeriod.week.label(of: date) == week)
    }

    @Test func coarseDatesHaveNoFinerPeriod() {
        #expect(TrendPeriod.month.label(of: "2025") == nil && TrendPeriod.year.label(of: "2025") == "2025")
        #expect(TrendPeriod.day.label(of: "2025-05") == nil && TrendPeriod.month.label(of: "2025-05") == "2025-05")
        #expect(TrendPeriod.month.periods(from: "2024-11", to: "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"])
        #expect(TrendPeriod.day.periods(from: "2024-02-28", to: "2024-03-01") == ["2024-02-28", "2024-02-29", "2024-03-01"])
    }

    @Test func thePeriodFitsTheSpan() {
        #expect(TrendPeriod.fitting(from: "2025-05-01", to: "2025-05-20") == .day)
        #expect(TrendPeriod.fitting(from: "2025-01-01", to: "2025-09-01") == .week)
        #expect(TrendPeriod.fitting(from: "2015-01-01", to: "2025-09-01") == .month)
        #expect(TrendPeriod.fitting(from: "1990-01-01", to: "2025-09-01") == .year)
        // Few matches: no finer than a dozen periods or one per match (issue 25).
        #expect(TrendPeriod.fitting(from: "2018-01-01", to: "2025-06-01", matches: 11) == .year)
        #expect(TrendPeriod.fitting(from: "2018-01-01", to: "2025-06-01", matches: 500) == .month)
        #expect(TrendPeriod.fitting(from: "2025-01-01", to: "2025-09-01", matches: 3) == .month)
        #expect(TrendPeriod.fitting(from: "2025-05-01", to: "2025-05-20", matches: 2) == .week)
        #expect(TrendPeriod.fitting(from: "2025-05-01", to: "2025-05-10", matches: 2) == .day)
    }

    static let story = """
        함경북도 회령시에서 지난달 말부터 야간 순찰이 크게 강화됐다고 현지 소식통이 전했다. 소식통에 따르면 두만강과
        맞닿은 구역에서는 밤 10시 이후 통행이 사실상 금지됐다. Officers walk the riverbank in teams of two or three,
        and soldiers from a nearby unit have been drafted in. 한 주민은 예전에는 자정 무렵 한 번 지나가던 순찰이 이제는
        한 시간마다 문을 두드린다고 말했다.
        """

    @Test func containmentFindsCopiesAndTruncationsButNotOtherStories() {
        let a = Signature(text: Self.story)
        #expect(a.shingles > 40)
        #expect(Signature(text: "[통신] " + Self.story + " 무단 전재 금지.").containment(a) >= 0.8)
        #expect(Signature(text: String(Self.story.prefix(Self.story.count / 2))).containment(a) >= 0.6)
        #expect(Signature(text: Self.story.uppercased()).containment(a) == 1)        // case does not matter
        let other = Signature(text: "양강도 혜산시에서도 순찰이 늘었다. 시장 상인들은 밤마다 검문을 받는다고 말했다. Rice prices rose again.")
        #expect(other.containment(a) < 0.3)
        #expect(Signature(text: "").containment(a) == 0)
    }

    @Test func signaturesRoundTripThroughTheirBlob() throws {
        let a = Signature(text: Self.story)
        #expect(a.blob.count == 4 * (Signature.count + 1))
        #expect(Signature(blob: a.blob) == a)
        #expect(Signature(blob: Data([1, 2, 3])) == nil)
    }
}
