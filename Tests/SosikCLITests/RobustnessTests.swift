import Foundation
import Testing

/// Bad input, interruptions and a second writer, through the built binary.
@Suite struct RobustnessTests {
    final class Workspace {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-robust-\(UUID().uuidString)")
        var db: String { url.appendingPathComponent("r.db").path }
        var corpus: URL { url.appendingPathComponent("c") }
        init() throws { try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: corpus.appendingPathComponent(name)) }
        func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }
    }

    @Test func badInputIsReportedPerFileAndNeverAbortsTheRun() throws {
        let w = try Workspace()
        try w.write("good.md", "---\nid: good\n---\n경찰이 순찰을 돌았다.")
        try w.write("binary.md", [0x61, 0x00, 0x62, 0x63])
        try w.write("latin1.md", [0xFF, 0x20] + Array("경찰 검문".utf8) + [0xC3])
        try w.write("empty.md", "")
        try w.write("unclosed.md", "---\ntitle: 제목\n본문에 장마당이 나온다.")
        try w.write("lines.jsonl", "{\"id\": \"j1\", \"body\": \"국경 검문소\"}\n{not json\n{\"id\": \"j2\", \"body\": \"세관\"}\n")
        try Data(count: 33 << 20).map { _ in UInt8(ascii: "a") }.withUnsafeBufferPointer {
            try Data(buffer: $0).write(to: w.corpus.appendingPathComponent("huge.txt"))
        }
        let r = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(r.status == 3)
        for expected in ["binary.md: skipped: binary file (NUL bytes)",
                         "latin1.md: invalid UTF-8; indexed with replacement characters",
                         "empty.md: skipped: empty file",
                         "unclosed.md:1: front matter block is not closed",
                         "lines.jsonl:2: skipped: not a JSON object",
                         "huge.txt: skipped: more than 16 MB, the limit for this kind of file"] {
            #expect(r.stderr.contains(expected), "missing: \(expected)\n\(r.stderr)")
        }
        let ids = try SosikBinary.run(["search", "--db", w.db, "--any", "--format", "ids", "--limit", "50", "경찰", "장마당", "검문소", "세관"])
        #expect(Set(ids.lines) == ["good#0", "latin1#0", "unclosed#0", "j1#0", "j2#0"])
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
    }

    @Test func aSecondIndexWaitsAndSearchWorksMeanwhile() throws {
        let w = try Workspace()
        var lines: [String] = []
        for i in 0..<3000 { lines.append("{\"id\": \"n\(i)\", \"body\": \"경찰이 \(i)번 순찰을 돌았다. Police patrol number \(i).\"}") }
        try w.write("many.jsonl", lines.joined(separator: "\n"))
        let first = Process()
        first.executableURL = SosikBinary.url
        first.arguments = ["index", "--db", w.db, w.corpus.path]
        first.standardError = FileHandle.nullDevice
        try first.run()
        let second = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        let search = try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.status == 0)
        #expect([0, 1].contains(search.status) && !search.stderr.contains("locked"))
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"]).lines == ["3000"])
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
    }

    @Test func aFullDiskIsAClearErrorAndTheIndexStaysValid() throws {
        let w = try Workspace()
        // Varied sentences: passage text is stored compressed, and repeated text would fit.
        for i in 0..<200 {
            let body = (0..<40).map { j in "경찰이 \(i * 40 + j)번 구역을 순찰했다. 검문소 \((i * 7919 + j * 104_729) % 100_003)에서 주민 \(j * 31 + i)명을 조사했다. " }.joined()
            try w.write("f\(i).md", "---\nid: f\(i)\n---\n" + body)
        }
        // ulimit -f: the file-size limit stands in for a full disk (no tmpfs mount needed). The
        // schema fits in it (16 KB pages: its migrations take ~500 KB of write-ahead log), the
        // corpus (~1.5 MB of text) does not.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -f 1000; exec '\(SosikBinary.url.path)' index --db '\(w.db)' '\(w.corpus.path)'"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("no space left while writing") && !stderr.contains("SQLITE"))
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
        // With room again, the next run completes the index.
        let again = try SosikBinary.run(["index", "--db", w.db, w.corpus.path])
        #expect(again.status == 0)
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"]).lines == ["200"])
    }

    @Test func ctrlCCommitsWhatWasDoneAndTheNextRunFinishes() throws {
        let w = try Workspace()
        for i in 0..<1500 { try w.write("f\(i).md", "---\nid: f\(i)\n---\n경찰이 \(i)번 순찰을 돌았다.") }
        let process = Process()
        process.executableURL = SosikBinary.url
        process.arguments = ["index", "--db", w.db, w.corpus.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        usleep(300_000)
        process.interrupt()   // SIGINT
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Either it was interrupted (130, says so) or it had already finished (0).
        if process.terminationStatus == 130 {
            #expect(stderr.contains("interrupted; committed so far: files "))
        } else {
            #expect(process.terminationStatus == 0)
        }
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
        #expect(try SosikBinary.run(["index", "--db", w.db, w.corpus.path]).status == 0)
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"]).lines == ["1500"])
    }

    /// SIGINT inside one big JSON Lines file: the run stops at the next record (not at the end
    /// of the file), commits what was read, and the next run goes on after the last committed
    /// line without writing those records again. Waits for the first commit instead of a fixed
    /// time, so it does not depend on the machine's speed.
    static let bigLines = 100_000

    @Test func ctrlCInsideAJSONLinesFileStopsThereAndTheNextRunGoesOn() throws {
        let w = try Workspace()
        var lines: [String] = []
        for i in 0..<Self.bigLines { lines.append("{\"id\": \"n\(i)\", \"body\": \"경찰이 \(i)번 순찰을 돌았다. Police patrol number \(i) in Hoeryong.\"}") }
        try w.write("big.jsonl", lines.joined(separator: "\n") + "\n")
        let process = Process()
        process.executableURL = SosikBinary.url
        process.arguments = ["index", "--db", w.db, w.corpus.appendingPathComponent("big.jsonl").path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        // Interrupt once the first batch is committed (documents visible to a reader).
        var committed = 0
        for _ in 0..<600 where committed == 0 && process.isRunning {
            usleep(20_000)
            guard FileManager.default.fileExists(atPath: w.db), let r = try? SosikBinary.run(["stats", "--db", w.db]) else { continue }
            if let count = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("documents") })?
                .split(separator: " ").last.flatMap({ Int($0) }) {
                committed = count
            }
        }
        process.interrupt()   // SIGINT
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 130, "the run finished before it could be interrupted: \(stderr)")
        // It stopped inside the file, at a line it names, not at the file's end.
        let stopped = try #require(stderr.split(separator: "\n").first { $0.contains("stopped after line ") })
        let after = stopped[stopped.range(of: "stopped after line ")!.upperBound...]
        let line = try #require(Int(after.prefix { $0.isNumber }))
        #expect(line > 0 && line < Self.bigLines, "\(stderr)")
        #expect(try SosikBinary.run(["check", "--db", w.db]).status == 0)
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"]).lines == ["\(line)"])
        // The next run goes on after that line: the committed records are not written again.
        let next = try SosikBinary.run(["index", "--db", w.db, w.corpus.appendingPathComponent("big.jsonl").path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("went on after line \(line)"), "\(next.stderr)")
        #expect(next.stderr.contains("documents \(Self.bigLines - line) written (0 replaced), 0 unchanged"), "\(next.stderr)")
        #expect(try SosikBinary.run(["search", "--db", w.db, "--count", "순찰"]).lines == ["\(Self.bigLines)"])
    }

    @Test func readOnlyAndForeignDatabasesAreRefusedAndLeftAsTheyWere() throws {
        let w = try Workspace()
        try w.write("a.md", "경찰")
        let garbage = w.url.appendingPathComponent("garbage.db")
        try Data(repeating: 0x42, count: 4096).write(to: garbage)
        let r = try SosikBinary.run(["index", "--db", garbage.path, w.corpus.path])
        #expect(r.status == 2 && r.stderr.contains("not a sosik index"))
        #expect(try Data(contentsOf: garbage) == Data(repeating: 0x42, count: 4096))
        let rebuild = try SosikBinary.run(["index", "--rebuild", "--db", garbage.path, w.corpus.path])
        #expect(rebuild.status == 2 && FileManager.default.fileExists(atPath: garbage.path))
    }
}
