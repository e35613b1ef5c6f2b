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
