import Foundation
import Testing

/// Filters, result shaping and the output formats scripts rely on, through the built binary.
@Suite struct ScriptingTests {
    static let index = Result { try CorpusIndex() }

    func run(_ args: [String]) throws -> SosikBinary.Result {
        try SosikBinary.run(["search", "--db", try Self.index.get().db] + args)
    }

    func docs(_ args: String...) throws -> [String] {
        try run(["--format", "json", "--fields", "doc_id", "--limit", "100"] + args).json().compactMap { $0["doc_id"] as? String }
    }

    @Test func filtersByLanguageSourceDateAndPath() throws {
        let all = try docs("--any", "순찰", "patrols")
        #expect(Set(try docs("--any", "--lang", "ko", "순찰", "patrols")) == Set(all.filter { $0.hasPrefix("ko-") }))
        #expect(Set(try docs("--any", "--source", "sosik sample (fictional)", "순찰", "patrols")) == Set(all.filter { $0.hasPrefix("en-") }))
        #expect(Set(try docs("--any", "--source", "SOSIK SAMPLE (FICTIONAL)", "--source", "소식 샘플 (가상)", "순찰", "patrols")) == Set(all))
        // Dates in any accepted form; 2025-05 as --until means to the end of May.
        let spring = try docs("--any", "--since", "2025.4.1", "--until", "2025-05", "순찰", "patrols")
        #expect(Set(spring) == ["ko-patrol-hoeryong", "en-patrol-hoeryong", "en-youth-league-patrols", "en-overnight-guest-checks",
                                "ko-overnight-guest-check", "en-travel-permits", "en-signal-detectors"])
        #expect(try docs("--any", "--since", "2025년 9월 1일", "순찰", "patrols").isEmpty)
        #expect(Set(try docs("--any", "--path", "*/en/*", "순찰", "patrols")).allSatisfy { $0.hasPrefix("en-") })
        #expect(try docs("--any", "--path", "*/en/*", "순찰", "patrols").count == all.filter { $0.hasPrefix("en-") }.count - 1)
        // A relative pattern matches from any folder down (paths are stored absolute).
        #expect(try docs("--any", "--path", "en/*", "순찰", "patrols") == docs("--any", "--path", "*/en/*", "순찰", "patrols"))
        #expect(try docs("--any", "--path", "Corpus/en/*", "순찰", "patrols") == docs("--any", "--path", "*/en/*", "순찰", "patrols"))
        #expect(try docs("--any", "--path", "n/*", "순찰", "patrols").isEmpty)   // a folder named n, not …en
        #expect(try run(["--since", "someday", "x"]).status == 2)
    }

    @Test func onePassagePerArticleUnlessAskedForMore() throws {
        let one = try docs("patrols")
        #expect(one.count == Set(one).count)
        let more = try docs("--per-doc", "0", "patrols")
        #expect(more.count > one.count && Set(more) == Set(one))
        let two = try docs("--per-doc", "2", "patrols")
        #expect(Dictionary(grouping: two, by: { $0 }).values.allSatisfy { $0.count <= 2 })
    }

    @Test func sortByDateBothWays() throws {
        let dates = try run(["--format", "json", "--fields", "date", "--sort", "date", "--any", "감시", "surveillance", "--limit", "50"])
            .json().compactMap { $0["date"] as? String }
        #expect(dates == dates.sorted() && dates.count > 3)
        let newest = try run(["--format", "json", "--fields", "date", "--sort=-date", "--any", "감시", "surveillance", "--limit", "50"])
            .json().compactMap { $0["date"] as? String }
        #expect(newest == dates.sorted(by: >))
        let alias = try run(["--format", "json", "--fields", "date", "--sort", "newest", "--any", "감시", "surveillance", "--limit", "50"])
            .json().compactMap { $0["date"] as? String }
        #expect(alias == newest)
    }

    @Test func textOutputFitsEightyColumnsWithWideKoreanCharacters() throws {
        let r = try run(["--limit", "5", "--any", "순찰", "감시", "patrols"])
        #expect(r.status == 0)
        let wide = { (s: Substring) -> Int in
            s.unicodeScalars.reduce(0) { $0 + ((0xAC00...0xD7A3).contains($1.value) || (0x3000...0x9FFF).contains($1.value) ? 2 : 1) }
        }
        // Snippet lines (indented, not the title or meta lines, which are not wrapped).
        let snippetLines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("   ") && !$0.contains(" · ") }
        #expect(snippetLines.count > 5)
        for line in snippetLines where line.split(separator: " ").allSatisfy({ wide($0) < 60 }) {
            #expect(wide(line) <= 80, "\(line)")
        }
    }

    @Test func idsAndCount() throws {
        let ids = try run(["--format", "ids", "--per-doc", "0", "patrols"])
        #expect(ids.status == 0 && ids.lines.allSatisfy { $0.contains("#") && !$0.contains("\t") })
        let count = try run(["--count", "--per-doc", "0", "patrols"])
        #expect(count.lines == [String(ids.lines.count)])
        let documents = try run(["--count", "patrols"])
        #expect(Int(documents.lines.first ?? "") == Set(ids.lines.map { $0.split(separator: "#")[0] }).count)
        let none = try run(["--count", "존재하지않는낱말"])
        #expect(none.status == 1 && none.lines == ["0"])
    }

    @Test func explainShowsEachTermsShareOfTheScore() throws {
        let hit = try #require(try run(["--format", "json", "--explain", "--limit", "1", "야간", "순찰"]).json().first)
        let explain = try #require(hit["explain"] as? [String: Any])
        let terms = try #require(explain["terms"] as? [[String: Any]])
        #expect(Set(terms.compactMap { $0["term"] as? String }) == ["야간", "순찰"])
        let sum = terms.compactMap { $0["score"] as? Double }.reduce(0, +)
        let score = try #require(hit["score"] as? Double)
        let passage = try #require(explain["passage"] as? Double), article = try #require(explain["article"] as? Double)
        #expect(article > 0 && abs((article + sum) * (explain["coverage"] as? Double ?? 0) + passage - score) < 0.001)
        let text = try run(["--explain", "--limit", "1", "야간", "순찰"])
        #expect(text.stdout.contains("explain: (") && text.stdout.contains("순찰 "))
    }

    /// The parts add up to the score whatever the query holds: each item as typed (a word with
    /// its particle, a prefix, a title: restriction, Korean and English phrases), with --any each
    /// index term scored, labelled with the word typed (not the bigrams a long word skips: 경경
    /// of 국경경비대), and a caption's lower weight.
    @Test func explainPartsAddUpToTheScoreWhateverTheQuery() throws {
        let cases: [(args: [String], shown: String?, unscored: String?)] = [
            (["순찰을"], "순찰을", "찰을"),
            (["--any", "국경경비대", "순찰"], "국경경비대", "경경"),
            (["--any", "국경경비대를", "patrols", "순찰을"], "순찰을", "경경"),
            (["patr*"], "patr*", nil),
            (["title:순찰"], "title:순찰", nil),
            (["\"야간 순찰\""], "\"야간 순찰\"", nil),
            (["\"police patrols\""], "\"police patrols\"", nil),
            (["--any", "사진"], "사진", nil),
            (["dinnertime", "photo"], "photo", nil),
        ]
        for (args, shown, unscored) in cases {
            let hits = try run(["--format", "json", "--explain", "--limit", "3"] + args).json()
            #expect(!hits.isEmpty, "\(args)")
            var names = Set<String>(), indexed = Set<String>()
            for hit in hits {
                let explain = try #require(hit["explain"] as? [String: Any])
                let terms = try #require(explain["terms"] as? [[String: Any]])
                let sum = terms.compactMap { $0["score"] as? Double }.reduce(0, +)
                let score = try #require(hit["score"] as? Double)
                let passage = explain["passage"] as? Double ?? -1, article = explain["article"] as? Double ?? -1
                let coverage = explain["coverage"] as? Double ?? 0
                #expect(sum > 0 && passage >= 0 && article > 0 && abs((article + sum) * coverage + passage - score) < 0.0001,
                        "\(args) \(hit["id"] ?? "?"): \(terms)")
                names.formUnion(terms.compactMap { $0["term"] as? String })
                indexed.formUnion(terms.compactMap { $0["indexed"] as? String })
            }
            if let shown { #expect(names.contains(shown), "\(args): \(names)") }
            if let unscored { #expect(!names.contains(unscored) && !indexed.contains(unscored), "\(args): \(names) \(indexed)") }
        }
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let index = try Self.index.get()
        let process = Process()
        // bash, to read sosik's own exit status from PIPESTATUS.
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "'\(SosikBinary.url.path)' search --db '\(index.db)' --per-doc 0 --limit 1000 --any --format json 순찰 patrols 감시 surveillance | head -c 10 >/dev/null; echo \"${PIPESTATUS[0]}\""]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(stderr.isEmpty)
    }

    @Test func aThousandQueriesInOneProcess() throws {
        let index = try Self.index.get()
        let words = ["순찰", "patrols", "감시", "surveillance", "인민반", "market", "장마당", "donju", "北", "border"]
        let lines = (0..<1000).map { i in "{\"qid\": \"q\(i)\", \"query\": \"\(words[i % words.count]) \(words[(i / 10) % words.count])\"}" }
        let r = try SosikBinary.run(["search", "--db", index.db, "--queries", "-", "--any", "--limit", "3", "--fields", "qid,doc_id"],
                                    stdin: lines.joined(separator: "\n"))
        #expect(r.status == 0)
        #expect(r.stderr.contains("searched 1000 queries"))
        #expect(Set(try r.json().compactMap { $0["qid"] as? String }).count == 1000)
    }
}

/// The JSON Lines schema, pinned: names, order and types of the fields of version 2.
@Suite struct JSONSchemaTests {
    @Test func searchJSONKeepsItsShape() throws {
        let index = try CorpusIndex()
        let r = try SosikBinary.run(["search", "--db", index.db, "--format", "json", "--limit", "1", "야간", "순찰"])
        let line = try #require(r.lines.first)
        // Key order as written (JSONSerialization would lose it).
        let keys = line.matches(of: /"([a-z_]+)":/).map { String($0.1) }
        #expect(keys == ["version", "rank", "id", "doc_id", "ordinal", "score", "passage_score", "title", "lang", "date", "source",
                         "url", "path", "snippet", "highlights", "fragments", "text", "kind", "pair_id", "duplicates"])
        let hit = try #require(try r.json().first)
        #expect(hit["version"] as? Int == 2 && hit["rank"] as? Int == 1 && hit["ordinal"] as? Int == 0)
        #expect(hit["passage_score"] is Double && (hit["fragments"] as? [Any])?.isEmpty == true)
        #expect(hit["id"] as? String == "ko-patrol-hoeryong#0" && hit["doc_id"] as? String == "ko-patrol-hoeryong")
        #expect(hit["score"] is Double && hit["url"] is NSNull && hit["kind"] as? String == "body")
        #expect(hit["date"] as? String == "2025-05-01" && hit["lang"] as? String == "ko")
        #expect(hit["pair_id"] as? String == "en-patrol-hoeryong")
        #expect((hit["highlights"] as? [[Int]])?.isEmpty == false)
    }

    /// docs/output.md's table of keys is the output (issue 25): a key added to the JSON output
    /// and not to the table, or the reverse, or out of order, fails here.
    @Test func theDocumentedJSONSchemaIsWhatSearchPrints() throws {
        let doc = try String(contentsOf: SosikBinary.repository.appendingPathComponent("docs/output.md"), encoding: .utf8)
        let documented = doc.split(separator: "\n").compactMap { line -> String? in
            line.firstMatch(of: /^\| `([a-z_]+)` \|/).map { String($0.1) }
        }
        #expect(documented.count >= 20, "\(documented)")
        let index = try CorpusIndex()
        let r = try SosikBinary.run(["search", "--db", index.db, "--format", "json", "--explain", "--limit", "1", "순찰"])
        let line = try #require(r.lines.first)
        // Keys in the order printed: the object's top-level keys, read from the text (a string
        // at depth 1 right after `{` or `,` is a key).
        var keys: [String] = [], depth = 0, inString = false, escaped = false, isKey = false
        var current = "", last: Character = " "
        for c in line {
            if inString {
                if escaped { escaped = false; current.append(c) }
                else if c == "\\" { escaped = true }
                else if c == "\"" { inString = false; if isKey { keys.append(current) }; last = c }
                else { current.append(c) }
                continue
            }
            switch c {
            case "\"": inString = true; current = ""; isKey = depth == 1 && (last == "{" || last == ",")
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
            if !c.isWhitespace && c != "\"" { last = c }
        }
        #expect(keys == documented, "printed \(keys), documented \(documented)")
    }
}
