import Foundation
import GRDB
import Testing
@testable import SosikIndex
import SosikText

/// `sosik index` analyzes on the reading thread and writes on another (Indexer.BatchWriter);
/// the FTS5 tokenizer replays the tokens analyzed ahead (TokenReplay).
@Suite struct PipelineTests {
    @Test func replayedTokensAreTheAnalyzersTokens() {
        let analyzer = Analyzer()
        for text in ["경찰이 北 순찰을 2025년 강화했다.", "Kim's K-pop U.N. patrols", "", "ＰＯＬＩＣＥ 李大浩(이대호)"] {
            var replayed: [Token] = []
            var position = -1
            TokenList(analyzing: text, with: analyzer).replay { token, start, end, colocated in
                if !colocated { position += 1 }
                replayed.append(Token(text: String(decoding: token, as: UTF8.self), start: start, end: end,
                                      position: max(position, 0), colocated: colocated))
                return true
            }
            #expect(replayed == analyzer.tokens(in: text), "\(text)")
        }
    }

    @Test func offeredTokensAreTakenOnlyForTheSameBytesOnTheSameConnection() {
        let replay = TokenReplay()
        let connection = OpaquePointer(bitPattern: 0x1000)
        let tokens = TokenList(analyzing: "경찰", with: Analyzer())
        replay.offer([("경찰", tokens)], on: connection)
        func lookup(_ text: String, _ on: OpaquePointer?) -> Bool {
            var text = text
            return text.withUTF8 { replay.tokens(for: $0, on: on) } != nil
        }
        #expect(lookup("경찰", connection))
        #expect(!lookup("경창", connection))                              // same length, other bytes
        #expect(!lookup("경찰", OpaquePointer(bitPattern: 0x2000)))      // another connection
        replay.withdraw(on: connection)
        #expect(!lookup("경찰", connection))
    }

    @Test func manyBatchesOnTheWriterThreadGiveAConsistentIndex() throws {
        let index = try TestIndex()
        let indexer = Indexer(database: index.database, batchSize: 7)   // many batches in flight
        let progress = Mutex(0)
        indexer.onProgress = { s in progress.withLock { $0 = max($0, s.documents) } }
        for i in 0..<200 {
            try indexer.add(Article(id: "d\(i)", title: i % 2 == 0 ? "경찰 \(i)" : "Police \(i)",
                                    body: "회령에서 경찰이 순찰을 돌았다. 문단 \(i).\n\nPatrols doubled near the river, item \(i).",
                                    lang: i % 2 == 0 ? "ko" : "en"))
        }
        let summary = try indexer.finish()
        #expect(summary.documents == 200)
        #expect(progress.withLock { $0 } == 200)
        #expect(try index.count("SELECT COUNT(*) FROM documents") == 200)
        // FTS5's integrity check tokenizes the stored text anew and compares with the index:
        // replayed tokens must be exactly what analysis gives.
        let report = try IndexMaintenance.check(index.database)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(try index.ids("순찰을").count == 50)   // limit 50 of 200 matches
    }

    @Test func passageTextIsStoredCompressedWhenThatIsSmallerAndReadBackExactly() throws {
        let long = String(repeating: "회령시 안전부 소속 경찰관들은 두세 명씩 조를 짜 강둑과 골목을 돌고 있다. ", count: 8)
        let index = try TestIndex([Article(id: "long", title: "순찰", body: long, lang: "ko"),
                                   Article(id: "short", title: "Note", body: "Police came.", lang: "en")])
        let rows = try index.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT typeof(text), sosik_text(text), length(text) FROM passages ORDER BY id")
        }
        #expect(rows.map { $0[0] as String } == ["blob", "text"])
        #expect(rows[0][1] as String == long.trimmingCharacters(in: .whitespaces))
        #expect((rows[0][2] as Int) < long.utf8.count / 2)
        #expect(rows[1][1] as String == "Police came.")
        #expect(try index.ids("강둑") == ["long"])
        #expect(try index.search("강둑")[0].snippet.text.contains("강둑과"))
    }

    @Test func aWriteErrorReachesTheReadingSide() throws {
        let index = try TestIndex()
        let indexer = Indexer(database: index.database, batchSize: 1)
        try index.database.pool.write { db in try db.execute(sql: "DROP TABLE passages") }
        try indexer.add(Article(id: "a", body: "경찰", lang: "ko"))   // handed to the writer
        #expect(throws: IndexError.self) {
            try indexer.add(Article(id: "b", body: "순찰", lang: "ko"))
            try indexer.finish()
        }
    }
}

import Synchronization
