import Foundation
import Synchronization
import Testing

/// Runs the built `sosik` binary. SwiftPM builds it before the tests (this target depends on it);
/// SOSIK_BIN overrides the location.
struct SosikBinary {
    static let url: URL = {
        if let env = ProcessInfo.processInfo.environment["SOSIK_BIN"] { return URL(fileURLWithPath: env) }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sosik"),
            Bundle.main.bundleURL.appendingPathComponent("sosik"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sosik"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/sosik"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
        func json() throws -> [[String: Any]] {
            try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Result {
        try run(executable: url, arguments, stdin: stdin, environment: environment, in: directory)
    }

    /// Runs `executable` (sosik, or bash for command lines) with the test environment: no
    /// NO_COLOR, no SOSIK_DB, `environment` on top.
    static func run(executable: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["SOSIK_DB"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }   // written before group.leave()
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Folders to delete when the test process ends: a suite's shared fixture lives in a `static let`,
/// which is never deinitialized, so its folder would stay in /tmp after every run.
enum TemporaryFolders {
    private static let folders = Mutex<[URL]?>(nil)

    static func removeAtExit(_ folder: URL) {
        folders.withLock { list in
            if list == nil {
                atexit {
                    for url in TemporaryFolders.folders.withLock({ $0 ?? [] }) { try? FileManager.default.removeItem(at: url) }
                }
                list = []
            }
            list?.append(folder)
        }
    }
}

/// A temporary folder with an index of the repository's Corpus/ in it.
final class CorpusIndex: Sendable {
    let folder: URL
    var db: String { folder.appendingPathComponent("corpus.db").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        TemporaryFolders.removeAtExit(folder)
        let r = try SosikBinary.run(["index", "--db", db, SosikBinary.repository.appendingPathComponent("Corpus").path])
        #expect(r.status == 0, "index failed: \(r.stderr)")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func search(_ args: String...) throws -> SosikBinary.Result {
        try SosikBinary.run(["search", "--db", db] + args)
    }
}

@Suite struct CLITests {
    @Test func indexesTheCorpusAndReportsASummary() throws {
        let index = try CorpusIndex()
        let again = try SosikBinary.run(["index", "--db", index.db, SosikBinary.repository.appendingPathComponent("Corpus").path])
        #expect(again.status == 0)
        let articles = try FileManager.default.subpathsOfDirectory(atPath: SosikBinary.repository.appendingPathComponent("Corpus").path)
            .filter { $0.hasSuffix(".md") && !$0.hasSuffix("README.md") }.count
        #expect(articles >= 8)
        #expect(again.stderr.contains("files 0 added, 0 updated, 0 removed, \(articles) unchanged, 0 skipped"), "\(again.stderr)")
        #expect(again.stderr.contains("documents 0 written"))
    }

    @Test func exitStatusIsZeroWithHitsOneWithoutTwoOnError() throws {
        let index = try CorpusIndex()
        #expect(try index.search("순찰").status == 0)
        let none = try index.search("존재하지않는낱말")
        #expect(none.status == 1 && none.stdout.isEmpty)
        let missing = try SosikBinary.run(["search", "--db", index.folder.appendingPathComponent("none.db").path, "x"])
        #expect(missing.status == 2 && missing.stderr.contains("no index at"))
        #expect(try index.search("--limit", "0", "x").status == 2)
        #expect(try index.search("--lang", "fr", "x").status == 2)
        #expect(try SosikBinary.run(["search", "--bogus"]).status == 2)
        #expect(try SosikBinary.run(["frobnicate"]).status == 2)
    }

    @Test func koreanQueriesFindInflectedWordsInTheCorpus() throws {
        let index = try CorpusIndex()
        // In ko-patrol-hoeryong 경찰 appears only as 경찰이/경찰은/경찰관.
        for query in ["경찰", "순찰을", "경찰이 순찰"] {
            let hits = try index.search("--format", "json", query).json()
            #expect(hits.first?["doc_id"] as? String == "ko-patrol-hoeryong", "\(query)")
        }
        let lg = try index.search("--format", "json", "전자").json()
        #expect(lg.map { $0["doc_id"] as? String } == ["ko-electronics-inspection"])
    }

    @Test func englishQueriesAreStemmedAndCaseFolded() throws {
        let index = try CorpusIndex()
        let hits = try index.search("--format", "json", "--lang", "en", "PATROLS", "hoeryong").json()
        #expect(hits.first?["doc_id"] as? String == "en-patrol-hoeryong")
        #expect(hits.allSatisfy { $0["lang"] as? String == "en" })
    }

    @Test func jsonLinesCarryTheDocumentedFields() throws {
        let index = try CorpusIndex()
        let hits = try index.search("--format", "json", "--limit", "3", "순찰").json()
        #expect(!hits.isEmpty && hits.count <= 3)
        let first = try #require(hits.first)
        for key in ["version", "rank", "id", "doc_id", "ordinal", "score", "title", "lang", "date", "source",
                    "url", "path", "snippet", "highlights", "text"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect((first["id"] as? String)?.hasPrefix((first["doc_id"] as? String ?? "?") + "#") == true)
        // highlights are [start, end) in Unicode scalars of the snippet, and cover exactly 순찰.
        let snippet = Array((first["snippet"] as? String ?? "").unicodeScalars)
        let ranges = try #require(first["highlights"] as? [[Int]])
        #expect(!ranges.isEmpty)
        for r in ranges {
            var v = String.UnicodeScalarView(); v.append(contentsOf: snippet[r[0]..<r[1]])
            #expect(String(v).hasPrefix("순찰"))
        }
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func textOutputHighlightsMatchesWithANSIOnlyWhenAsked() throws {
        let index = try CorpusIndex()
        let plain = try index.search("patrols")
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("1. "))
        let colored = try index.search("--color", "always", "--lang", "en", "patrols")
        #expect(colored.stdout.contains("\u{1B}[1;31mpatrols\u{1B}[0m") || colored.stdout.contains("\u{1B}[1;31mPatrol\u{1B}[0m"))
        let noColor = try SosikBinary.run(["search", "--db", index.db, "--color", "auto", "patrols"], environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func tsvHasAHeaderAndOneLinePerHit() throws {
        let index = try CorpusIndex()
        let r = try index.search("--format", "tsv", "--any", "순찰", "patrols")
        #expect(r.lines.first == "rank\tscore\tid\tdoc_id\tlang\tdate\tsource\ttitle\tsnippet")
        #expect(r.lines.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 9 })
        #expect(r.lines.count >= 3)
    }

    @Test(arguments: ["K-pop", "\"", "(", "AND", "NEAR", "*", "OR NOT", "NEAR(경찰 순찰)", "title:x", "\"경찰", "-"])
    func hostileQueriesGiveResultsOrAClearMessage(query: String) throws {
        let index = try CorpusIndex()
        let r = try index.search(query)
        #expect([0, 1, 2].contains(r.status))
        for leak in ["SQLite", "sqlite", "fts5", "syntax error", "no such column", "malformed MATCH"] {
            #expect(!r.stderr.contains(leak) && !r.stdout.contains(leak), "\(query) leaked \(leak): \(r.stderr)")
        }
        if r.status == 2 {
            #expect(r.stderr.hasPrefix("sosik: error: query ") && (r.stderr.contains("no searchable words") || r.stderr.contains("column")))
        }
    }

    @Test func kpopIsFoundByItsParts() throws {
        let index = try CorpusIndex()
        let hits = try index.search("--format", "json", "K-pop").json()
        #expect(hits.first?["doc_id"] as? String == "en-inequality-traders")
    }

    @Test func standardInputAndTheDatabaseEnvironmentVariable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-stdin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = """
            {"id": "s1", "title": "군 순찰", "body": "군이 국경을 순찰했다.", "date": "2025-01-02"}
            not json
            {"id": "s2", "body": "Soldiers patrolled the border."}
            """
        let r = try SosikBinary.run(["index", "-"], stdin: lines, environment: ["SOSIK_DB": "env.db"], in: folder)
        #expect(r.status == 3)   // one line skipped, the rest indexed
        #expect(r.stderr.contains("-:2: skipped: not a JSON object"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("env.db").path))
        let ko = try SosikBinary.run(["search", "--format", "json", "군"], environment: ["SOSIK_DB": "env.db"], in: folder)
        #expect(try ko.json().map { $0["doc_id"] as? String } == ["s1"])
        // --db wins over SOSIK_DB; the default is ./sosik.db.
        let other = try SosikBinary.run(["search", "--db", "other.db", "군"], environment: ["SOSIK_DB": "env.db"], in: folder)
        #expect(other.status == 2 && other.stderr.contains("other.db"))
        let dflt = try SosikBinary.run(["search", "군"], in: folder)
        #expect(dflt.status == 2 && dflt.stderr.contains("sosik.db"))
    }

    @Test func analyzePrintsTermsWithByteRanges() throws {
        let r = try SosikBinary.run(["analyze", "LG전자 경찰이"])
        #expect(r.status == 0)
        #expect(r.lines == ["0\t0..2\tlg\tLG", "1\t2..8\t전자\t전자", "2\t9..15\t경찰\t경찰", "3\t12..18\t찰이\t찰이"])
        let q = try SosikBinary.run(["analyze", "--query", "순찰을"])
        #expect(q.lines == ["순찰을\t순찰\t(+ 찰을)\t(as a word: \"순찰 찰을\")"])
    }

    @Test func analyzeExplainShowsEveryStage() throws {
        let r = try SosikBinary.run(["analyze", "--explain", "北 경찰이 Kim's"])
        #expect(r.status == 0)
        for line in ["  abbreviations: 北 → 북, 북한", "  suffix: 이 → stem 경찰", "  tokens: 경찰@1 찰이@2",
                     "  english ('s, dots): kim", "  tokens: kim@3"] {
            #expect(r.lines.contains(line), "missing \(line)")
        }
        #expect(try SosikBinary.run(["analyze", "--explain", "--query", "x"]).status == 2)
    }

    @Test func foreignDatabaseIsRefusedAndUntouched() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try "just some notes".write(to: file, atomically: true, encoding: .utf8)
        let r = try SosikBinary.run(["index", "--db", file.path, SosikBinary.repository.appendingPathComponent("Corpus").path])
        #expect(r.status == 2 && r.stderr.contains("is not a sosik index"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "just some notes")
    }

    @Test func batchQueriesRunInOneProcessAndCarryTheirQid() throws {
        let index = try CorpusIndex()
        let file = index.folder.appendingPathComponent("queries.jsonl")
        var lines = ["{\"qid\": \"ko\", \"query\": \"순찰을\"}", "{\"qid\": 2, \"query\": \"patrols\"}",
                     "{\"qid\": \"bad\", \"query\": \"*\"}", "{broken", "인민반"]
        for i in 0..<200 { lines.append("{\"qid\": \"n\(i)\", \"query\": \"경찰 \(i)\"}") }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try index.search("--queries", file.path, "--any", "--limit", "1", "--fields", "qid,doc_id")
        #expect(r.status == 0)
        let hits = try r.json()
        #expect(hits.first?["qid"] as? String == "ko" && hits.first?["doc_id"] as? String == "ko-patrol-hoeryong")
        #expect(hits.contains { $0["qid"] as? String == "2" && $0["doc_id"] as? String == "en-patrol-hoeryong" })
        #expect(hits.contains { $0["qid"] as? String == "5" })          // plain line: qid = line number
        #expect(hits.filter { ($0["qid"] as? String ?? "").hasPrefix("n") }.count == 200)
        #expect(hits.allSatisfy { $0.keys.sorted() == ["doc_id", "qid"] })
        #expect(r.stderr.contains(":3: query bad:") && r.stderr.contains(":4: skipped"))
        #expect(r.stderr.contains("searched 203 queries"))
        let none = try SosikBinary.run(["search", "--db", index.db, "--queries", "-"], stdin: "없는낱말\n")
        #expect(none.status == 1)
        #expect(try index.search("--queries", file.path, "--format", "text").status == 2)
        #expect(try index.search("--fields", "bogus", "x").status == 2)
    }
}
