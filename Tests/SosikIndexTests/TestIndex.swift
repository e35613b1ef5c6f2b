import Foundation
@testable import SosikIndex

/// A real index in a temporary folder, removed when the value goes away.
final class TestIndex {
    let folder: URL
    let database: IndexDatabase

    init(_ articles: [Article] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try IndexDatabase(path: folder.appendingPathComponent("test.db").path)
        try add(articles)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func add(_ articles: [Article]) throws {
        let indexer = Indexer(database: database)
        for a in articles { try indexer.add(a) }
        try indexer.finish()
    }

    func search(_ query: String, _ mode: MatchMode = .all, lang: String? = nil) throws -> [SearchHit] {
        try Searcher(database: database).search(query, options: SearchOptions(mode: mode, limit: 50, lang: lang))
    }

    func ids(_ query: String, _ mode: MatchMode = .all) throws -> [String] {
        try search(query, mode).map(\.docID)
    }

    func count(_ sql: String) throws -> Int {
        try database.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

import GRDB
