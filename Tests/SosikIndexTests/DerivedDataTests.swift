import Foundation
import GRDB
import Testing
@testable import SosikIndex
@testable import SosikIngest

/// Derived data is recomputed by DerivedData, not by migrations (issue 25): a part marked stale
/// is refused by readers and recomputed from the stored text by the next writer.
@Suite struct DerivedDataTests {
    @Test func aStalePartIsRefusedByReadersAndRecomputedByTheNextWriter() throws {
        let index = try TestIndex([
            Article(id: "a", title: "회령 순찰", body: "경찰이 야간 순찰을 늘렸다.\n\n주민들은 강가에 나가지 못한다.", lang: "ko",
                    url: "https://www.Example.com/a/?utm_source=x"),
        ])
        let path = index.database.path
        let before = try index.database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT signature, url_key, passage_starts FROM documents")!
        }
        // What an old migration would leave: the parts emptied and marked stale.
        try index.database.pool.write { db in
            try db.execute(sql: "UPDATE documents SET signature = NULL, url_key = NULL, passage_starts = NULL")
            for part in ["derived.signature", "derived.url_key", "derived.passage_starts"] { try DerivedData.markStale(db, part) }
        }
        #expect(throws: IndexError.self) { _ = try IndexDatabase(path: path, create: false) }
        let writer = try IndexDatabase(path: path, create: true)
        let after = try writer.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT signature, url_key, passage_starts FROM documents")!
        }
        #expect(after["signature"] as Data? == before["signature"] as Data?)
        #expect(after["url_key"] as String? == "example.com/a")
        #expect(after["passage_starts"] as Data? == before["passage_starts"] as Data?)
        #expect(try writer.pool.read { try DerivedData.stale($0) }.isEmpty)
        // Searching works again, through a reader.
        let reader = try IndexDatabase(path: path, create: false)
        #expect(try Searcher(database: reader).search("순찰", options: SearchOptions()).map(\.docID) == ["a"])
    }
}
