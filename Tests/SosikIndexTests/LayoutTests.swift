import Foundation
import Testing
import CSosikSQL
import GRDB
@testable import SosikIndex
@testable import SosikIngest
import SosikText

/// The byte layouts C and Swift share, defined once in sosik_sql.h (issue 25): each is written
/// by one side and read by the other.
@Suite struct LayoutTests {
    /// passage_starts: written by ArticleText.layout (Swift), read with sosik_starts_get (C).
    @Test func passageStartsWrittenInSwiftReadInC() {
        let layout = ArticleText.layout([(.body, "경찰이 순찰을 돌았다."), (.caption, "사진: 회령 국경"), (.body, "밀수가 줄었다고 한다.")],
                                        with: Analyzer())
        #expect(layout.starts.count == 3 * Int(SOSIK_STARTS_ENTRY_BYTES))
        var entries: [(UInt32, UInt32)] = []
        layout.starts.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for i in 0..<3 {
                var column: UInt32 = 0, start: UInt32 = 0
                sosik_starts_get(base + i * Int(SOSIK_STARTS_ENTRY_BYTES), &column, &start)
                entries.append((column, start))
            }
        }
        let text = UInt32(SOSIK_COLUMN_TEXT), aside = UInt32(SOSIK_COLUMN_ASIDE)
        let columns: [UInt32] = entries.map { $0.0 }, starts: [UInt32] = entries.map { $0.1 }
        #expect(columns == [text, aside, text])
        #expect(starts[0] == 0)
        #expect(starts[1] == 0)
        #expect(starts[2] > 5)   // after the first passage's tokens and the boundary
    }

    /// The evidence BLOB: written by sosik_evidence (C) on a real index, read by
    /// ArticleRanking.Evidence (Swift).
    @Test func evidenceWrittenInCReadInSwift() throws {
        let index = try TestIndex([
            // Two paragraphs long enough (300+ characters) to be passages of their own.
            Article(id: "a", title: "회령 순찰", body: "경찰이 순찰을 돌았다. " + String(repeating: "강가 마을 주민들이 밤마다 집 밖에 나오지 않는다고 전했다. ", count: 12)
                        + "\n\n" + String(repeating: "밀수가 크게 줄었다고 현지 상인들이 말했다. ", count: 12) + "순찰대가 늘었다.", lang: "ko"),
            Article(id: "b", title: "날씨", body: "비가 온다.", lang: "ko"),
        ])
        let evidence = try index.database.pool.read { db -> ArticleRanking.Evidence in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT sosik_evidence(article_fts, d.passage_starts, \(ArticleText.boundaryWidth), 3.0, 1.0, 0.3)
                FROM article_fts JOIN documents d ON d.id = article_fts.rowid WHERE article_fts MATCH '"순찰"'
                """))
            return try row.withUnsafeData(atIndex: 0) { data in
                data!.withUnsafeBytes { ArticleRanking.Evidence(blob: $0, phrases: 1) }
            }
        }
        let rows: Double = evidence.rows, titleLength: Double = evidence.titleLength
        let aside: [Bool] = evidence.aside, titleCount: [Double] = evidence.titleCount
        let counts: [Double] = evidence.counts, frequency: [Double] = evidence.frequency
        let lengths: [Double] = evidence.passageLength
        #expect(rows == 2)
        #expect(aside == [false, false])
        #expect(titleCount == [1])
        #expect(counts == [1, 1])                 // 순찰을 in the first passage, 순찰대 in the second
        #expect(frequency == [5])                 // the title's instance weighs 3, the two in the text 1
        #expect(titleLength == 2)
        #expect(lengths.allSatisfy { $0 > 0 })
        // A blob shorter than its header says is no evidence.
        let short = [Double](repeating: 0, count: 3)
        let empty: Int = short.withUnsafeBytes { ArticleRanking.Evidence(blob: $0, phrases: 1) }.passageCount
        #expect(empty == 0)
    }
}
