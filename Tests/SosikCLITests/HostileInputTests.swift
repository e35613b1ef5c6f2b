import Foundation
import Testing

/// Hostile input and mistakes (issue 21, cases 1–7, 12, 13): nothing indexed is destroyed,
/// nothing crashes, small inputs each. `Scripts/hostile` runs the same cases at full size with
/// a memory limit.
@Suite struct HostileInputTests {
    final class Workspace {
        let url = URL(fileURLWithPath: "/tmp/sosik-hostile-\(UUID().uuidString)")
        var db: String { url.appendingPathComponent("h.db").path }
        var corpus: URL { url.appendingPathComponent("c") }
        init() throws {
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            for i in 0..<3 {
                try write("ko\(i).md", "---\nid: ko\(i)\ntitle: 국경 순찰 \(i)\n---\n경찰이 회령에서 야간 순찰을 강화했다. \(i)")
            }
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ text: String) throws {
            let file = corpus.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        func count() throws -> String {
            try SosikBinary.run(["search", "--db", db, "--count", "--any", "순찰", "police", "sosik"]).lines.first ?? ""
        }
    }

    /// Runs a shell command line (for byte file names and users), with `sosik` on the PATH.
    func shell(_ command: String) throws -> SosikBinary.Result {
        try SosikBinary.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", command],
                            environment: ["PATH": SosikBinary.url.deletingLastPathComponent().path + ":/usr/bin:/bin"])
    }

    // 1
    @Test func rebuildRefusesAFolderAndKeepsWhatIsInIt() throws {
        let w = try Workspace()
        let folder = w.url.appendingPathComponent("p/sub")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let r = try SosikBinary.run(["index", "--rebuild", "--db", w.url.appendingPathComponent("p").path, w.corpus.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/p is not a sosik index (it is a folder"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
        // Without --rebuild, and for search, the same.
        #expect(try SosikBinary.run(["index", "--db", w.url.appendingPathComponent("p").path, w.corpus.path]).status == 2)
        #expect(try SosikBinary.run(["search", "--db", w.url.appendingPathComponent("p").path, "x"]).status == 2)
    }

    // 2
    @Test func rebuildWaitsForTheWriterLockBeforeEmptyingTheIndex() throws {
        let w = try Workspace()
        #expect(try SosikBinary.run(["index", "--db", w.db, w.corpus.path]).status == 0)
        // This test holds the writer lock, as a running `sosik index` would.
        let lock = open(w.db, O_RDONLY)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let rebuild = Process()
        rebuild.executableURL = SosikBinary.url
        rebuild.arguments = ["index", "--rebuild", "--db", w.db, w.corpus.path]
        let err = Pipe()
        rebuild.standardError = err
        rebuild.standardOutput = FileHandle.nullDevice
        try rebuild.run()
        // Wait for it to say it waits (it reads nothing until then).
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("waiting") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said += chunk
        }
        #expect(String(decoding: said, as: UTF8.self).contains("another `sosik index` is writing"))
        // While the lock is held, the index is whole.
        #expect(try w.count() == "3")
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
        close(lock)
        rebuild.waitUntilExit()
        #expect(rebuild.terminationStatus == 0)
        #expect(try w.count() == "3")
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
    }

    // 3
    @Test func rebuildRefusesADatabaseThatOnlyHasATableNamedLikeOurs() throws {
        let w = try Workspace()
        let other = w.url.appendingPathComponent("other.db").path
        // Made by sosik itself, then given a table sosik never makes.
        #expect(try SosikBinary.run(["index", "--db", other, w.corpus.path]).status == 0)
        let made = try shell("python3 -c \"import sqlite3; c = sqlite3.connect('\(other)'); c.execute('CREATE TABLE notes(x)'); c.execute(\\\"INSERT INTO notes VALUES ('mine')\\\"); c.commit()\" 2>&1 || echo nopython")
        try #require(!made.stdout.contains("nopython"), "python3 is needed to write a foreign table: \(made.stdout)")
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        let r = try SosikBinary.run(["index", "--rebuild", "--db", other, w.corpus.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("is not a sosik index (it holds tables sosik never makes (notes))"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }

    // 4
    @Test func aFolderThatCannotBeEnteredKeepsItsArticles() throws {
        let w = try Workspace()
        try w.write("locked/a.md", "---\nid: locked-a\n---\nsosik locked folder article")
        try w.write("locked/b.md", "---\nid: locked-b\n---\nsosik locked folder article")
        // As root, permissions do not stop reading: the runs are made as `nobody` then.
        let asUser = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups -- " : ""
        _ = try shell("chmod -R a+rwX '\(w.url.path)'")
        let first = try shell("\(asUser)sosik index --db '\(w.db)' '\(w.corpus.path)'")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try w.count() == "5")
        _ = try shell("chmod 000 '\(w.corpus.path)/locked'")
        let second = try shell("\(asUser)sosik index --db '\(w.db)' '\(w.corpus.path)'")
        _ = try shell("chmod 755 '\(w.corpus.path)/locked'")
        #expect(second.status == 3)
        #expect(second.stderr.contains("c/locked: skipped: cannot read this folder: permission denied"), "\(second.stderr)")
        #expect(second.stderr.contains("0 removed"), "\(second.stderr)")
        #expect(try w.count() == "5")
    }

    // 5
    @Test func datesOfTwentyFiveDigitsAreNotDatesAndCrashNothing() throws {
        let w = try Workspace()
        let long = "1234567890123456789012345"
        try w.write("d.jsonl", "{\"id\": \"d1\", \"date\": \"\(long)\", \"body\": \"sosik date\"}\n")
        try w.write("d.csv", "id,date,body\nd2,\(long),sosik date\n")
        try w.write("d.md", "---\nid: d3\ndate: \(long)\n---\nsosik date")
        try w.write("d.html", "<html><head><meta property=\"article:published_time\" content=\"\(long)\"><title>t</title></head><body><p>sosik date page. A page whose date is a number of twenty-five digits, which no reader may take for a year.</p></body></html>")
        let r = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("d.jsonl:1: date \"\(long)\" not understood"), "\(r.stderr)")
        #expect(try w.count() == "7", "\(r.stderr)")
        for option in ["--since", "--until"] {
            let s = try SosikBinary.run(["search", "--db", w.db, option, "99999999999999999999999", "sosik"])
            #expect(s.status == 2 && s.stderr.contains("\(option) 99999999999999999999999 is not a date"), "\(s.stderr)")
        }
        let added = try SosikBinary.run(["search", "--db", w.db, "--added-since", "99999999999999999999999x", "sosik"])
        #expect(added.status == 2 && added.stderr.contains("--added-since"))
        let sql = try SosikBinary.run(["search", "--db", w.db, "--since", "2025-05-01 OR 1=1", "sosik"])
        #expect(sql.status == 2 && sql.stderr.contains("is not a date"))
    }

    // 6
    @Test func markupNestedFortyThousandDeepIsReadAsText() throws {
        let w = try Workspace()
        let text = "깊은 곳의 밀수 단속. 국경 경비대가 밤마다 강을 건너는 밀수꾼을 붙잡았다고 주민들이 전했다. 단속은 한 달째 이어지고 있으며 장마당 상인들은 물건을 구하기 어려워졌다고 말했다."
        let deep = String(repeating: "<div>", count: 40_000) + text + String(repeating: "</div>", count: 40_000)
        try w.write("deep.html", "<html><head><title>깊은 페이지</title></head><body>\(deep)</body></html>")
        let escaped = deep.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        try w.write("deep.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f</title><item><title>깊은 항목</title><guid>g1</guid><description>\(escaped)</description></item></channel></rss>")
        let r = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(r.status == 0, "\(r.stderr.suffix(400))")
        #expect(r.stderr.contains("deep.html: elements nested more than 256 deep"), "\(r.stderr.suffix(400))")
        let hits = try SosikBinary.run(["search", "--db", w.db, "--no-collapse", "--format", "ids", "밀수"])
        #expect(Set(hits.lines) == ["deep#0", "g1#0"], "\(hits.stdout) \(hits.stderr)")
    }

    // 7
    @Test func aQueryNestedTooDeepIsRefusedAndTheBatchGoesOn() throws {
        let w = try Workspace()
        #expect(try SosikBinary.run(["index", "--db", w.db, w.corpus.path]).status == 0)
        let deep = String(repeating: "(", count: 50_000) + "순찰" + String(repeating: ")", count: 50_000)
        let r = try SosikBinary.run(["search", "--db", w.db, deep])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the query nests more than 64 levels deep"), "\(r.stderr.suffix(300))")
        let queries = w.url.appendingPathComponent("q.txt")
        try Data("순찰\n\(deep)\n회령\n".utf8).write(to: queries)
        let batch = try SosikBinary.run(["search", "--db", w.db, "--format", "tsv", "--fields", "qid,doc_id", "--queries", queries.path])
        #expect(batch.status != 139 && batch.status != 134)
        // qid is the line number of a plain-text query.
        #expect(batch.lines.filter { $0.hasPrefix("1\t") }.count == 3, "\(batch.stdout)")
        #expect(batch.lines.filter { $0.hasPrefix("3\t") }.count == 3)
        #expect(batch.stderr.contains("nests more than 64 levels"))
        // Repeats merge; too many different words are refused with the limit named.
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", Array(repeating: "순찰", count: 400).joined(separator: " ")]).lines == ["3"])
        let many = (0..<300).map { "word\($0)" }.joined(separator: " ")
        let tooMany = try SosikBinary.run(["search", "--db", w.db, "--any", many])
        #expect(tooMany.status == 2 && tooMany.stderr.contains("the limit is 256 words"), "\(tooMany.stderr)")
        // -(-x) is x: not "only excludes".
        let double = try SosikBinary.run(["search", "--db", w.db, "--count", "-(-(순찰)) 회령"])
        #expect(double.lines == ["3"] && !double.stderr.contains("only excludes"), "\(double.stderr)")
    }

    // 12
    @Test func fileNamesThatAreNotUTF8AreIndexedAndShownEscaped() throws {
        let w = try Workspace()
        // 경찰.md in CP949, as a Windows zip archive leaves it.
        let made = try shell("cd '\(w.corpus.path)' && printf -- '---\\nid: cp949\\n---\\nsosik 경찰 이름\\n' > \"$(printf '\\260\\346\\302\\373.md')\" && printf x > \"$(printf '\\260\\346.pdf')\"")
        #expect(made.status == 0)
        let r = try SosikBinary.run(["index", "--verbose", "--db", w.db, w.corpus.path])
        #expect(r.status == 3)   // the .pdf is not read
        #expect(r.stderr.contains("c/\\xB0\\xE6.pdf: not read"), "\(r.stderr)")
        #expect(!r.stderr.contains("no such file"))
        #expect(try SosikBinary.run(["search", "--db", w.db, "--format", "ids", "이름"]).lines == ["cp949#0"])
        // Named directly, by its bytes.
        let direct = try shell("cd '\(w.corpus.path)' && sosik index --db ../direct.db \"$(printf '\\260\\346\\302\\373.md')\"")
        #expect(direct.status == 0, "\(direct.stderr)")
        // A second run finds it unchanged.
        let again = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(again.stderr.contains("0 added, 0 updated, 0 removed, 4 unchanged"), "\(again.stderr)")
    }

    // 13
    @Test func damagedGzipIsRefusedWholeAndKeepsWhatItGaveBefore() throws {
        let w = try Workspace()
        func records(_ prefix: String, _ n: Int) -> String {
            (0..<n).map { "{\"id\": \"\(prefix)\($0)\", \"body\": \"sosik gzip record \($0)\"}\n" }.joined()
        }
        try w.write("a.jsonl", records("a", 50))
        try w.write("b.jsonl", records("b", 50))
        let dir = w.corpus.path
        // Two members; the second's magic bytes damaged.
        #expect(try shell("cd '\(dir)' && gzip -c a.jsonl > two.jsonl.gz && gzip -c b.jsonl | (printf 'XX'; tail -c +3) >> two.jsonl.gz && rm a.jsonl b.jsonl").status == 0)
        let r = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(r.status == 3)
        #expect(r.stderr.contains("two.jsonl.gz: skipped: corrupt gzip data (bytes after member 1 are not gzip data"), "\(r.stderr)")
        #expect(try w.count() == "3")   // nothing of the damaged file
        // A good file indexed, then damaged in the middle of its deflate data: its articles stay.
        try w.write("c.jsonl", records("c", 100))
        #expect(try shell("cd '\(dir)' && rm two.jsonl.gz && gzip -9 c.jsonl").status == 0)
        #expect(try SosikBinary.run(["index", "--db", w.db, w.corpus.path]).status == 0)
        #expect(try w.count() == "103")
        #expect(try shell("cd '\(dir)' && size=$(stat -c %s c.jsonl.gz) && printf '\\377' | dd of=c.jsonl.gz bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null && touch -d '+1 hour' c.jsonl.gz").status == 0)
        let damaged = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(damaged.status == 3)
        #expect(damaged.stderr.contains("c.jsonl.gz: skipped: corrupt gzip data"), "\(damaged.stderr)")
        #expect(try w.count() == "103")
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
    }
}
