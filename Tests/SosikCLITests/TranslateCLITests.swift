import Foundation
import Testing

/// `search --translate`: query words also match their translations; without it nothing changes.
@Suite struct TranslateCLITests {
    @Test func englishWordsFindKoreanArticlesThroughTheGlossary() throws {
        let index = try CorpusIndex()
        let glossary = index.folder.appendingPathComponent("my-glossary.txt")
        try "# mine\n순찰 = nightwatching\n".write(to: glossary, atomically: true, encoding: .utf8)
        let plain = try index.search("--lang", "ko", "--format", "ids", "--translate", "--glossary", glossary.path, "nightwatching")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.lines.contains { $0.hasPrefix("ko-patrol-hoeryong#") })
        // Without the user's glossary the word means nothing in Korean…
        let unknown = try index.search("--lang", "ko", "--format", "ids", "--translate", "nightwatching")
        #expect(unknown.status == 1, "\(unknown.stdout)")
        // …and without --translate an English word finds no Korean article, unless --lang says so.
        let none = try index.search("--format", "ids", "--limit", "50", "patrols")
        #expect(!none.lines.contains { $0.hasPrefix("ko-") })
        let implied = try index.search("--lang", "ko", "--format", "ids", "--glossary", glossary.path, "nightwatching")
        #expect(implied.lines.contains { $0.hasPrefix("ko-patrol-hoeryong#") }, "\(implied.stderr)")
        // --explain names the translations used, with their weight and source.
        let explained = try index.search("--translate", "--explain", "--glossary", glossary.path, "--lang", "ko", "nightwatching")
        #expect(explained.stderr.contains("translations: nightwatching → 순찰 1.000 (your glossary)"), "\(explained.stderr)")
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

    @Test func theShippedTranslationsCrossBothWays() throws {
        let index = try CorpusIndex()
        // English → Korean: patrols finds the Korean article about 순찰 (no glossary of ours).
        let patrols = try index.search("--translate", "--lang", "ko", "--format", "ids", "patrols")
        #expect(patrols.status == 0 && patrols.lines.contains { $0.hasPrefix("ko-patrol-hoeryong#") }, "\(patrols.stdout)")
        // Korean → English: 감시 finds the English articles that say "surveillance".
        let surveillance = try index.search("--lang", "en", "--format", "ids", "--limit", "20", "감시")
        #expect(surveillance.status == 0 && surveillance.lines.contains { $0.hasPrefix("en-chinese-traders-surveillance#") },
                "\(surveillance.stdout)\n\(surveillance.stderr)")
        // …and every English hit holds the word.
        for line in surveillance.lines {
            let id = String(line.split(separator: "#")[0])
            let shown = try SosikBinary.run(["show", "--db", index.db, "--format", "json", id])
            #expect(shown.stdout.lowercased().contains("surveil") || shown.stdout.lowercased().contains("monitor")
                    || shown.stdout.lowercased().contains("watch"), "\(id)")
        }
        // Without --translate (and without --lang), 감시 finds no English article.
        let plain = try index.search("--format", "ids", "--limit", "50", "감시")
        #expect(!plain.lines.contains { $0.hasPrefix("en-") })
    }

    /// Names that neither the lexicon nor the glossary knows, matched by their romanization
    /// (혜령, a made-up place: in no glossary). Both ways, in RR, MR with its breve, and folded MR.
    @Test func namesAreMatchedByRomanization() throws {
        let w = try Self.folder()
        defer { try? FileManager.default.removeItem(at: w) }
        try "---\nid: ko\n---\n혜령군 국경 경비대가 야간 순찰을 강화했다.".write(to: w.appendingPathComponent("ko.md"), atomically: true, encoding: .utf8)
        try "---\nid: en\n---\nGuards in Hyeryŏng county stepped up patrols.".write(to: w.appendingPathComponent("en.md"), atomically: true, encoding: .utf8)
        try "---\nid: other\n---\n하나 둘 사람들이 모였다.".write(to: w.appendingPathComponent("other.md"), atomically: true, encoding: .utf8)
        let db = w.appendingPathComponent("r.db").path
        #expect(try SosikBinary.run(["index", "--db", db, w.path]).status == 0)
        func ids(_ q: String) throws -> [String] {
            try SosikBinary.run(["search", "--db", db, "--translate", "--format", "ids", q]).lines.map { String($0.split(separator: "#")[0]) }
        }
        #expect(try ids("Hyeryŏng").sorted() == ["en", "ko"])     // the English word as typed too
        #expect(try ids("Hyeryong") == ["ko"])
        #expect(try ids("Hyeryeong") == ["ko"])
        #expect(try ids("혜령").sorted() == ["en", "ko"])         // 혜령 → hyeryŏng, as the index has it
        // Without --translate the name stays in its own script.
        let plain = try SosikBinary.run(["search", "--db", db, "--format", "ids", "Hyeryong"])
        #expect(plain.status == 1)
        // Explained, with the source.
        let explained = try SosikBinary.run(["search", "--db", db, "--translate", "--explain", "Hyeryong"])
        #expect(explained.stderr.contains("translations: Hyeryong → 혜령 1.000 (romanization)"), "\(explained.stderr)")
        // A short capitalized word is left alone: Hana is no 하나 (a key of 4 letters; 6 needed).
        #expect(try ids("Hana") == [])
    }

    /// Foreign names written in Hangul (스터리지 Sturridge): with other words that translate, the
    /// best articles are read for a word that sounds like the one no dictionary knows.
    @Test func foreignNamesAreFoundBySoundAmongTheBestArticles() throws {
        let w = try Self.folder()
        defer { try? FileManager.default.removeItem(at: w) }
        let korean = ["1": "리버풀의 스터리지가 토요일 경기에서 골을 넣었다.", "2": "토요일 경기에서 첼시가 골을 넣었다.",
                      "3": "토요일 경기는 비 때문에 취소되었다."]
        for (id, text) in korean {
            try "---\nid: k\(id)\n---\n\(text)".write(to: w.appendingPathComponent("k\(id).md"), atomically: true, encoding: .utf8)
        }
        let db = w.appendingPathComponent("s.db").path
        #expect(try SosikBinary.run(["index", "--db", db, w.path]).status == 0)
        let r = try SosikBinary.run(["search", "--db", db, "--any", "--translate", "--explain", "--format", "ids", "Sturridge goal Saturday"])
        #expect(r.lines.first?.hasPrefix("k1#") == true, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("Sturridge → 스터리지"), "\(r.stderr)")
    }

    @Test func northKoreanSpellingFindsTheNewspaperName() throws {
        let w = try Self.folder()
        defer { try? FileManager.default.removeItem(at: w) }
        try "---\nid: nk\n---\n로동신문은 오늘 사설을 실었다.".write(to: w.appendingPathComponent("nk.md"), atomically: true, encoding: .utf8)
        let db = w.appendingPathComponent("n.db").path
        #expect(try SosikBinary.run(["index", "--db", db, w.path]).status == 0)
        let r = try SosikBinary.run(["search", "--db", db, "--format", "ids", "노동신문"])
        #expect(r.status == 0 && r.lines == ["nk#0"], "\(r.stdout)")
        let word = try SosikBinary.run(["search", "--db", db, "--format", "ids", "노동"])
        #expect(word.lines == ["nk#0"])
    }

    /// A phrase translates word by word into a NEAR group, or whole through the glossary.
    @Test func phrasesTranslateWordByWordOrWhole() throws {
        let w = try Self.folder()
        defer { try? FileManager.default.removeItem(at: w) }
        try "---\nid: near\n---\n국경 마을에서 야간에 순찰이 강화되었다.".write(to: w.appendingPathComponent("near.md"), atomically: true, encoding: .utf8)
        try "---\nid: apart\n---\n순찰은 낮에 돌았다. 그 뒤로 오랫동안 아무 일도 없었고 주민들은 장마당에서 쌀을 팔았다. 밤에는 야간 통행이 금지되었다.".write(
            to: w.appendingPathComponent("apart.md"), atomically: true, encoding: .utf8)
        try "---\nid: visits\n---\n인민반장이 가정방문을 다시 시작했다.".write(to: w.appendingPathComponent("visits.md"), atomically: true, encoding: .utf8)
        let db = w.appendingPathComponent("p.db").path
        #expect(try SosikBinary.run(["index", "--db", db, w.path]).status == 0)
        let glossary = w.appendingPathComponent("g.txt")
        try "야간 = night\n".write(to: glossary, atomically: true, encoding: .utf8)
        func ids(_ q: String) throws -> [String] {
            try SosikBinary.run(["search", "--db", db, "--translate", "--glossary", glossary.path, "--format", "ids", q])
                .lines.map { String($0.split(separator: "#")[0]) }
        }
        // night → 야간, patrols → 순찰: together, in the article where they are near each other.
        #expect(try ids("\"night patrols\"") == ["near"])
        // home visits → 가정방문, the glossary's entry for the whole phrase.
        #expect(try ids("\"home visits\"") == ["visits"])
        // Without --translate the English phrase finds nothing here.
        #expect(try SosikBinary.run(["search", "--db", db, "--format", "ids", "\"night patrols\""]).status == 1)
    }

    static func folder() throws -> URL {
        let w = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-tr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: w, withIntermediateDirectories: true)
        return w
    }
}
