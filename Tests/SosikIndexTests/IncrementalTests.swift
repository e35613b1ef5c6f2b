import Foundation
import Testing
@testable import SosikIndex

/// Re-running the index over a folder that changed: only what changed is written.
@Suite struct IncrementalTests {
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-inc-\(UUID().uuidString)")
        let database: IndexDatabase
        var corpus: URL { url.appendingPathComponent("corpus") }

        init() throws {
            try FileManager.default.createDirectory(at: url.appendingPathComponent("corpus/sub"), withIntermediateDirectories: true)
            database = try IndexDatabase(path: url.appendingPathComponent("i.db").path)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func index(stopAfter files: Int? = nil) throws -> Indexer.Summary {
            let indexer = Indexer(database: database, batchSize: 1)
            var run = IndexRun(indexer: indexer)
            if let files { run.shouldStop = { indexer.summary.filesAdded + indexer.summary.filesUpdated >= files } }
            return try run.run(paths: [corpus.path]) { _ in }
        }

        func ids(_ q: String) throws -> [String] {
            try Searcher(database: database).search(q, options: SearchOptions(limit: 50)).map(\.docID)
        }
    }

    @Test func unchangedFilesAreNotReadAgainAndChangesAreFound() throws {
        let f = try Folder()
        try f.write("a.md", "---\nid: a\n---\n경찰이 순찰을 돌았다.")
        try f.write("b.md", "---\nid: b\n---\nPolice patrols doubled.")
        try f.write("c.jsonl", "{\"id\": \"c1\", \"body\": \"장마당 단속\"}\n{\"id\": \"c2\", \"body\": \"국경 검문소\"}\n")
        let first = try f.index()
        #expect(first.filesAdded == 3 && first.documents == 4)

        let second = try f.index()
        #expect(second.filesAdded == 0 && second.filesUpdated == 0 && second.filesUnchanged == 3 && second.documents == 0)

        // Touched, same bytes: unchanged. Changed: re-indexed. JSONL: only the changed record.
        let a = f.corpus.appendingPathComponent("a.md")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: a.path)
        try f.write("b.md", "---\nid: b\n---\nPolice checkpoints everywhere.")
        try f.write("c.jsonl", "{\"id\": \"c1\", \"body\": \"장마당 단속\"}\n{\"id\": \"c3\", \"body\": \"신의주 세관\"}\n")
        let third = try f.index()
        #expect(third.filesUnchanged == 1 && third.filesUpdated == 2)
        #expect(third.documents == 2 && third.unchanged == 1 && third.removed == 1)   // b, c3 written; c1 kept; c2 gone
        #expect(try f.ids("patrols").isEmpty && f.ids("checkpoints") == ["b"])
        #expect(try f.ids("검문소").isEmpty && f.ids("세관") == ["c3"] && f.ids("장마당") == ["c1"])
    }

    @Test func filesGoneFromTheFolderAreRemoved() throws {
        let f = try Folder()
        try f.write("a.md", "경찰이 순찰을 돌았다.")
        try f.write("sub/b.md", "Police patrols doubled.")
        _ = try f.index()
        try FileManager.default.removeItem(at: f.corpus.appendingPathComponent("sub/b.md"))
        let again = try f.index()
        #expect(again.filesRemoved == 1 && again.removed == 1)
        #expect(try f.ids("patrols").isEmpty && f.ids("경찰") == ["a"])
        #expect(try f.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") } == 1)
    }

    @Test func anInterruptedRunIsFinishedByTheNext() throws {
        let f = try Folder()
        for i in 0..<6 { try f.write("f\(i).md", "---\nid: d\(i)\n---\n순찰 기록 \(i)번.") }
        let partial = try f.index(stopAfter: 3)
        #expect(partial.filesAdded == 3)
        let report = try IndexMaintenance.check(f.database)
        #expect(report.problems.isEmpty)
        let rest = try f.index()
        // The stop came while the third file was being read (reading stops at the next
        // record): two files are done, the third is read again, three are new.
        #expect(rest.filesAdded == 3 && rest.filesUpdated == 1 && rest.filesUnchanged == 2 && rest.filesRemoved == 0)
        #expect(try f.ids("순찰").count == 6)
    }

    @Test func checkAndOptimizeOnAHealthyIndex() throws {
        let f = try Folder()
        try f.write("a.md", "경찰이 순찰을 돌았다.")
        _ = try f.index()
        let report = try IndexMaintenance.check(f.database)
        #expect(report.problems.isEmpty && report.lines.contains("full-text index: ok"))
        let before = IndexMaintenance.sizeOnDisk(f.database.path)
        let sizes = try IndexMaintenance.optimize(f.database, before: before)
        #expect(sizes.fileAfter > 0 && sizes.fileAfter <= before.file + before.wal && sizes.walAfter == 0)
        #expect(try f.ids("경찰") == ["a"])
    }

    @Test func rebuildEmptiesOnlySosikIndexes() throws {
        let f = try Folder()
        let foreign = f.url.appendingPathComponent("notes.db")
        try Data("not a database".utf8).write(to: foreign)
        #expect(throws: IndexError.self) { try IndexDatabase.clear(path: foreign.path) }
        #expect(try Data(contentsOf: foreign) == Data("not a database".utf8))
        #expect(throws: IndexError.self) { try IndexDatabase.clear(path: f.url.path) }   // a folder
        #expect(FileManager.default.fileExists(atPath: f.url.path))
        try IndexDatabase.clear(path: f.database.path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.database.path)).isEmpty)
    }
}

@Suite struct MigrationTests {
    /// An index at `path` as schema 1 made it, filled by `fill`.
    static func schemaOneIndex(at path: String, _ fill: (Database) throws -> Void) throws {
        var config = Configuration()
        config.prepareDatabase { db in db.add(tokenizer: SosikTokenizer.self) }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try Schema.migrator.migrate(queue, upTo: "v1")
        try queue.write(fill)
    }

    /// An index as an older schema left it: one Korean article whose stored passage is `text`
    /// and whose full-text row holds `indexed` (the tokens that analyzer would have given stand
    /// in for them); then readers must refuse it and `sosik index` bring it up to date, after
    /// which `query` finds the article and the check finds nothing wrong.
    func olderAnalyzer(schema: String, key: String, title: String, text: String, indexed: String, analyzer: String? = nil,
                       query: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("\(schema).db").path
        var config = Configuration()
        config.prepareDatabase { db in
            db.add(tokenizer: SosikTokenizer.self)
            _ = sosik_register_text_functions(UnsafeMutableRawPointer(db.sqliteConnection))
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try Schema.migrator.migrate(queue, upTo: schema)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO documents(id, doc_key, title, lang) VALUES (1, ?, ?, 'ko')", arguments: [key, title])
            try db.execute(sql: "INSERT INTO passages(document_id, ordinal, kind, text) VALUES (1, 0, 'body', ?)", arguments: [text])
            try db.execute(sql: "INSERT INTO article_fts(rowid, title, text, aside) VALUES (1, ?, ?, '')", arguments: [title, indexed])
            if let analyzer { try db.execute(sql: "UPDATE sosik_meta SET value = ? WHERE key = 'analyzer'", arguments: [analyzer]) }
        }
        try queue.close()
        #expect(throws: IndexError.self) { _ = try IndexDatabase(path: path, create: false) }   // readers do not migrate
        let index = try IndexDatabase(path: path, create: true)                                // index does
        #expect(try Searcher(database: index).search(query).map(\.docID) == [key])
        #expect(try IndexMaintenance.check(index).problems.isEmpty)
    }

    @Test func anIndexOfTheLastAnalyzerIsRetokenizedByIndex() throws {
        // As schema 7 with analyzer sosik-v3 left it: 북·미 stored without the bigram across the
        // mark, as that analyzer had none.
        try olderAnalyzer(schema: "v7", key: "dot", title: "회담", text: "북·미 정상회담이 열렸다.", indexed: "북 미 정상회담이 열렸다.",
                          analyzer: "sosik-v3", query: "북미")
    }

    @Test func anIndexOfAnalyzerV4IsRetokenizedByIndex() throws {
        // As schema 8 with analyzer sosik-v4 left it: 물입니다 stored without the bare 물, as that
        // analyzer did not know the copula.
        try olderAnalyzer(schema: "v8", key: "copula", title: "생명", text: "이것은 생명의 물입니다.", indexed: "이것은 생명의 입니다.", query: "물")
    }

    @Test func anIndexOfTheFirstSchemaIsUpgradedByIndexAndRefusedByReaders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        // An index as schema 1 left it: one document, one passage, analyzer sosik-v1.
        try Self.schemaOneIndex(at: path) { db in
            try db.execute(sql: "INSERT INTO documents(doc_key, title, lang) VALUES ('old', '옛 기사', 'ko')")
            try db.execute(sql: "INSERT INTO passages(document_id, ordinal, text) VALUES (1, 0, '경찰이 순찰을 돌았다.')")
            try db.execute(sql: "INSERT INTO passage_fts(rowid, title, text) VALUES (1, '옛 기사', '경찰이 순찰을 돌았다.')")
        }
        #expect(throws: IndexError.self) { _ = try IndexDatabase(path: path, create: false) }   // readers do not migrate
        let index = try IndexDatabase(path: path, create: true)                                // index does
        let hits = try Searcher(database: index).search("순찰")
        #expect(hits.map(\.docID) == ["old"] && hits[0].kind == .body)
        #expect(try IndexMaintenance.check(index).problems.isEmpty)
    }

    /// Schema 5 indexes whole articles: an older index is rebuilt from its stored passages
    /// (whatever order they were written in), which keep their ids and text, and is then
    /// searched per article.
    @Test func anOlderIndexIsRebuiltPerArticleFromItsStoredText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        // Two articles whose passages were written interleaved: ids 1, 3 and 2, 4.
        let rows: [(id: Int, doc: Int, ordinal: Int, text: String)] = [
            (1, 1, 0, "경찰이 순찰을 돌았다."), (2, 2, 0, "Police patrols were stepped up."),
            (3, 1, 1, "주민들은 감시를 받는다고 말했다."), (4, 2, 1, "Residents say neighbours are spying."),
        ]
        try Self.schemaOneIndex(at: path) { db in
            try db.execute(sql: "INSERT INTO documents(id, doc_key, title, lang) VALUES (1, 'ko', '기사', 'ko'), (2, 'en', 'Story', 'en')")
            for r in rows {
                try db.execute(sql: "INSERT INTO passages(id, document_id, ordinal, text) VALUES (?, ?, ?, ?)",
                               arguments: [r.id, r.doc, r.ordinal, r.text])
                try db.execute(sql: "INSERT INTO passage_fts(rowid, title, text) VALUES (?, ?, ?)",
                               arguments: [r.id, r.doc == 1 ? "기사" : "Story", r.text])
            }
        }
        let index = try IndexDatabase(path: path, create: true)
        try index.pool.read { db in
            let stored = try Row.fetchAll(db, sql: "SELECT id, document_id, ordinal, sosik_text(text) FROM passages ORDER BY id")
            #expect(stored.count == rows.count)
            for (row, r) in zip(stored, rows) {
                #expect((row[0] as Int) == r.id && (row[1] as Int) == r.doc && (row[2] as Int) == r.ordinal && (row[3] as String) == r.text)
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents WHERE passage_starts IS NULL") == 0)
        }
        let searcher = Searcher(database: index)
        #expect(try searcher.search("순찰 감시").map(\.docID) == ["ko"])
        let en = try searcher.search("patrols spying")
        #expect(en.map(\.docID) == ["en"] && en[0].fragments.map(\.ordinal) == [1])
        #expect(try searcher.search("patrols -spying").isEmpty)
        #expect(try searcher.search("\"up residents\"").isEmpty)   // never across two passages
        #expect(try IndexMaintenance.check(index).problems.isEmpty)
    }

    @Test func aForeignSQLiteDatabaseIsLeftAsItWas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("app.db").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('mine')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: IndexError.self) { _ = try IndexDatabase(path: path, create: true) }
        #expect(throws: IndexError.self) { try IndexDatabase.clear(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}

import GRDB
import CSosikSQL
