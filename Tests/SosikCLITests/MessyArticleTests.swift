import Foundation
import Testing

/// An index of folders of the repository (Corpus/, Tests/Fixtures/…) in a temporary folder.
final class FolderIndex: Sendable {
    let folder: URL
    var db: String { folder.appendingPathComponent("index.db").path }

    /// `paths` relative to the repository.
    init(_ paths: [String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        TemporaryFolders.removeAtExit(folder)
        let r = try SosikBinary.run(["index", "--db", db] + paths.map { SosikBinary.repository.appendingPathComponent($0).path })
        #expect(r.status == 0, "index failed: \(r.stderr)")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func run(_ command: String, _ args: [String], environment: [String: String] = [:]) throws -> SosikBinary.Result {
        try SosikBinary.run([command, "--db", db] + args, environment: environment)
    }

    /// Document ids of a search, best first.
    func docs(_ args: String...) throws -> [String] {
        try run("search", ["--format", "json", "--fields", "doc_id", "--limit", "50"] + args).json().compactMap { $0["doc_id"] as? String }
    }
}

/// The test fixtures of Tests/Fixtures/MessyArticles: files stored the awkward ways real files
/// arrive (decomposed Hangul, full-width letters, Windows line endings). They are read and
/// found like any other; they are not part of the sample corpus a user sees (issue 14).
@Suite struct MessyArticleTests {
    static let fixtures = "Tests/Fixtures/MessyArticles"
    static let index = Result { try FolderIndex([fixtures]) }

    @Test func fixturesAreNotInTheSampleCorpus() throws {
        let corpus = SosikBinary.repository.appendingPathComponent("Corpus").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus)
        let fixtureFiles = try FileManager.default.subpathsOfDirectory(atPath: SosikBinary.repository.appendingPathComponent(Self.fixtures).path)
            .filter { $0.hasSuffix(".md") && !$0.hasSuffix("README.md") }
        #expect(fixtureFiles.count == 4)
        for f in fixtureFiles { #expect(!files.contains(f), "\(f) is still in Corpus/") }
        #expect(!files.contains { $0.contains("-sample") }, "\(files.filter { $0.contains("-sample") })")
    }

    @Test func decomposedHangulIsFoundByComposedQueries() throws {
        let index = try Self.index.get()
        // ko-nfd-sample holds 전파 탐지 as conjoining jamo; the query is typed composed.
        #expect(try index.docs("전파", "탐지") == ["ko-nfd-sample"])
        let shown = try index.run("show", ["--format", "json", "ko-nfd-sample"]).json()
        // The title is stored composed (NFC); the body as written.
        #expect(shown.first?["title"] as? String == "北, 국경 지역 휴대전화 전파 탐지 강화")
        let hit = try #require(try index.run("search", ["--format", "json", "전파"]).json().first)
        let snippet = Array((hit["snippet"] as? String ?? "").unicodeScalars)
        let ranges = try #require(hit["highlights"] as? [[Int]])
        #expect(!ranges.isEmpty)
        for r in ranges {
            var v = String.UnicodeScalarView(); v.append(contentsOf: snippet[r[0]..<r[1]])
            // Offsets count the jamo: the stretch is 전파 decomposed (5 scalars), composed here.
            #expect(String(v).precomposedStringWithCanonicalMapping == "전파" && r[1] - r[0] == 5)
        }
    }

    @Test func fullWidthLettersAndDigitsAreFoundByHalfWidthQueries() throws {
        let index = try Self.index.get()
        #expect(try index.docs("SNS") == ["ko-fullwidth-sample"])
        #expect(try index.docs("usb", "2025년") == ["ko-fullwidth-sample"])
        let hit = try #require(try index.run("search", ["--format", "json", "sns"]).json().first)
        let snippet = Array((hit["snippet"] as? String ?? "").unicodeScalars)
        for r in try #require(hit["highlights"] as? [[Int]]) {
            var v = String.UnicodeScalarView(); v.append(contentsOf: snippet[r[0]..<r[1]])
            #expect(String(v) == "ＳＮＳ")
        }
    }

    @Test func windowsLineEndingsLeaveNoCarriageReturns() throws {
        let index = try Self.index.get()
        #expect(try index.docs("travel", "permits") == ["en-crlf-sample"])
        #expect(try index.docs("학부모", "기부금") == ["ko-crlf-sample"])
        for id in ["en-crlf-sample", "ko-crlf-sample"] {
            let show = try index.run("show", [id])
            #expect(show.status == 0 && !show.stdout.contains("\r") && !show.stdout.contains("##"), "\(id)")
            // The front matter was read despite CRLF: a date, no `---` in the text.
            let json = try #require(try index.run("show", ["--format", "json", id]).json().first)
            #expect(json["date"] as? String != nil && !(json["title"] as? String ?? "").contains("\r"))
        }
        let hits = try index.run("search", ["--format", "json", "--per-doc", "0", "railway", "OR", "학교"]).json()
        #expect(!hits.isEmpty)
        for hit in hits { #expect(!(hit["snippet"] as? String ?? "\r").contains("\r")) }
    }

    @Test func statsOfTheFixtures() throws {
        let r = try Self.index.get().run("stats", [])
        #expect(r.stdout.contains("documents  4"))
        #expect(r.lines.contains("  ko  3 documents, 7 passages") && r.lines.contains("  en  1 documents, 2 passages"), "\(r.stdout)")
        // The NFD file's source is stored composed: one Korean source line for all three.
        #expect(r.lines.filter { $0.contains("소식 샘플 (가상)") }.count == 1)
    }
}
