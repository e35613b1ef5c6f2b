import Foundation
import Testing

/// What sosik leaves on disk: no -wal/-shm after reading commands, and `optimize` reporting
/// the sizes `ls` shows without growing a fresh index.
@Suite struct DatabaseFilesCLITests {
    final class Workspace {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-files-\(UUID().uuidString)")
        var db: String { url.appendingPathComponent("f.db").path }
        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in [("a.md", "---\nid: a\n---\n경찰이 회령에서 순찰을 강화했다.\n\n## 배경\n\n- 야간 순찰\n- 검문"),
                                 ("b.md", "---\nid: b\n---\nPolice stepped up patrols in Hoeryong.")] {
                try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func size(_ suffix: String = "") -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: db + suffix))?[.size] as? Int
        }
    }

    @Test func readingCommandsLeaveNoWalOrShmBehind() throws {
        let w = try Workspace()
        #expect(try SosikBinary.run(["index", "--db", w.db, w.url.path]).status == 0)
        for command in [["search", "--db", w.db, "순찰"], ["stats", "--db", w.db], ["show", "--db", w.db, "a"],
                        ["search", "--db", w.db, "--format", "json", "patrols"], ["check", "--db", w.db]] {
            let r = try SosikBinary.run(command)
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(w.size("-wal") == nil && w.size("-shm") == nil, "\(command[0]) left \(w.size("-wal") ?? -1)/\(w.size("-shm") ?? -1) bytes")
        }
    }

    @Test func optimizeReportsRealSizesAndDoesNotGrowAFreshIndex() throws {
        let w = try Workspace()
        #expect(try SosikBinary.run(["index", "--db", w.db, w.url.path]).status == 0)
        let before = try #require(w.size())
        let r = try SosikBinary.run(["optimize", "--db", w.db])
        #expect(r.status == 0, "\(r.stderr)")
        let after = try #require(w.size())
        #expect(after <= before, "optimize grew the index: \(before) → \(after)")
        func grouped(_ n: Int) -> String {
            let f = NumberFormatter()
            f.numberStyle = .decimal
            f.groupingSeparator = ","
            f.usesGroupingSeparator = true
            return f.string(from: NSNumber(value: n))!
        }
        #expect(r.stderr.contains("\(grouped(before)) bytes → \(grouped(after)) bytes"), "\(r.stderr) (ls: \(before) → \(after))")
        #expect(w.size("-wal") == nil && w.size("-shm") == nil)
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"]).lines == ["1"])
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
    }
}

/// The summary counts each input once, records apart from files, and a re-run still says
/// which inputs have problems.
@Suite struct HonestSummaryCLITests {
    @Test func emptyAndBinaryFilesAreSkippedOnceBadRecordsAreRecordsAndRerunsSaySoAgain() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-summary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let corpus = url.appendingPathComponent("c")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data().write(to: corpus.appendingPathComponent("empty.md"))
        try Data([0x61, 0x00, 0x62]).write(to: corpus.appendingPathComponent("bin.md"))
        try "{\"id\":\"a\",\"body\":\"경찰이 순찰을 돌았다\"}\n{bad\n{\"id\":\"b\",\"body\":\"Police patrols\"}\n"
            .write(to: corpus.appendingPathComponent("l.jsonl"), atomically: true, encoding: .utf8)
        let db = url.appendingPathComponent("s.db").path
        let first = try SosikBinary.run(["index", "--db", db, corpus.path])
        #expect(first.status == 3)
        #expect(first.stderr.contains("files 1 added, 0 updated, 0 removed, 0 unchanged, 2 skipped; records 1 skipped; documents 2 written"),
                "\(first.stderr)")
        let again = try SosikBinary.run(["index", "--db", db, corpus.path])
        #expect(again.status == 3, "a re-run must not hide the problems behind exit 0")
        for problem in ["bin.md: skipped: binary file", "empty.md: skipped: empty file", "l.jsonl:2: skipped: not a JSON object"] {
            #expect(again.stderr.contains(problem), "\(again.stderr)")
        }
        #expect(again.stderr.contains("2 skipped; records 1 skipped; documents 0 written (0 replaced), 2 unchanged"), "\(again.stderr)")
    }
}
