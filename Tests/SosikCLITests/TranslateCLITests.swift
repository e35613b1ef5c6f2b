import Foundation
import Testing

/// `search --translate`: query words also match their translations; without it nothing changes.
@Suite struct TranslateCLITests {
    @Test func englishWordsFindKoreanArticlesThroughTheGlossary() throws {
        let index = try CorpusIndex()
        let glossary = index.folder.appendingPathComponent("my-glossary.txt")
        try "# mine\n순찰 = patrols; patrol\n".write(to: glossary, atomically: true, encoding: .utf8)
        let plain = try index.search("--lang", "ko", "--format", "ids", "--translate", "--glossary", glossary.path, "patrols")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.lines.contains { $0.hasPrefix("ko-patrol-hoeryong#") })
        // Without --translate an English word finds no Korean article… unless --lang says so.
        let none = try index.search("--format", "ids", "--limit", "50", "patrols")
        #expect(!none.lines.contains { $0.hasPrefix("ko-") })
        let implied = try index.search("--lang", "ko", "--format", "ids", "--glossary", glossary.path, "patrols")
        #expect(implied.lines.contains { $0.hasPrefix("ko-patrol-hoeryong#") }, "\(implied.stderr)")
        // --explain names the translations used, with their weight and source.
        let explained = try index.search("--translate", "--explain", "--glossary", glossary.path, "--lang", "ko", "patrols")
        #expect(explained.stderr.contains("translations: patrols → 순찰 1.000 (your glossary)"), "\(explained.stderr)")
    }

    @Test func aBadGlossaryLineIsNamed() throws {
        let index = try CorpusIndex()
        let glossary = index.folder.appendingPathComponent("bad.txt")
        try "순찰 = patrol\nthis line has no equals sign\n".write(to: glossary, atomically: true, encoding: .utf8)
        let r = try index.search("--translate", "--glossary", glossary.path, "patrols")
        #expect(r.status == 2 && r.stderr.contains("bad.txt:2"), "\(r.stderr)")
    }

    @Test func northKoreanSpellingMatchesTheSouthKoreanForm() throws {
        let w = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-nk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: w, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: w) }
        try "---\nid: nk\n---\n조선로동당 중앙위원회가 녀성동맹의 력사를 강조했다.".write(to: w.appendingPathComponent("nk.md"), atomically: true, encoding: .utf8)
        try "---\nid: sk\n---\n노동당 간부들이 여성 단체를 찾았다.".write(to: w.appendingPathComponent("sk.md"), atomically: true, encoding: .utf8)
        let db = w.appendingPathComponent("n.db").path
        #expect(try SosikBinary.run(["index", "--db", db, w.path]).status == 0)
        func ids(_ q: String...) throws -> Set<String> {
            Set(try SosikBinary.run(["search", "--db", db, "--format", "ids"] + q).lines.map { String($0.split(separator: "#")[0]) })
        }
        #expect(try ids("노동당") == ["nk", "sk"])
        #expect(try ids("로동당") == ["nk", "sk"])
        #expect(try ids("여성") == ["nk", "sk"])
        #expect(try ids("역사") == ["nk"])
    }
}
