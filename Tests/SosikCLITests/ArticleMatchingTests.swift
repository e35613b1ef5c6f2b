import Foundation
import Testing

/// A query matches an article, and the answer is its best passage (issue 12), through a real
/// index and the built binary. Every paragraph below is over 300 characters, so each is a
/// passage of its own.
@Suite struct ArticleMatchingTests {
    static let enFiller = String(repeating: "The weather was mild and the town was quiet that week, according to several accounts gathered later. ", count: 3)
    static let koFiller = String(repeating: "그날 날씨는 맑았고 마을은 조용했다고 여러 주민이 전했다. ", count: 11)

    static func article(_ id: String, lang: String, date: String, source: String, title: String, _ paragraphs: [String]) -> String {
        let filler = lang == "ko" ? koFiller : enFiller
        return "---\nid: \(id)\ntitle: \(title)\ndate: \(date)\nlang: \(lang)\nsource: \(source)\n---\n"
            + paragraphs.map { $0 + " " + filler }.joined(separator: "\n\n") + "\n"
    }

    final class Index: Sendable {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-articles-\(UUID().uuidString)")
        var db: String { folder.appendingPathComponent("a.db").path }
        var corpus: URL { folder.appendingPathComponent("c") }

        init() throws {
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            TemporaryFolders.removeAtExit(folder)
            let files = [
                // Query words in different paragraphs.
                "spying.md": article("spying", lang: "en", date: "2025-03-01", source: "Alpha", title: "Life in a frontier town", [
                    "Police patrols were stepped up in the evenings, a resident said.",
                    "Neighbours now suspect each other: \"They are spying on us,\" she said.",
                ]),
                // Both words in one paragraph, in another outlet, later.
                "together.md": article("together", lang: "en", date: "2025-04-01", source: "Beta", title: "Night shifts", [
                    "Officers on patrols were accused of spying on traders at the market.",
                ]),
                // border here, Hyesan in another paragraph.
                "hyesan.md": article("hyesan", lang: "en", date: "2025-02-01", source: "Alpha", title: "Smuggling season", [
                    "Guards at the border take bribes from smugglers, traders say.",
                    "In Hyesan the price of a crossing has doubled this year.",
                ]),
                "border.md": article("border", lang: "en", date: "2025-01-15", source: "Beta", title: "A quiet river", [
                    "Guards at the border were rotated in January.",
                ]),
                // A phrase cut by a paragraph break.
                "split.md": article("split", lang: "en", date: "2025-05-01", source: "Alpha", title: "Evening", [
                    "Residents say the curfew starts early at night",
                    "patrols then walk through the alleys.",
                ]),
                // Korean: 순찰 and 감시 in two paragraphs; a NEAR group 야간 … 순찰 cut by a break.
                "ko-split.md": article("ko-split", lang: "ko", date: "2025-03-05", source: "감마", title: "국경 도시의 밤", [
                    "주민들에 따르면 경찰의 순찰이 저녁마다 강화됐다.",
                    "이웃끼리 서로 감시하는 분위기라고 한 주민이 말했다. 야간",
                    "순찰 인원도 늘었다고 한다.",
                ]),
            ]
            for (name, text) in files { try text.write(to: corpus.appendingPathComponent(name), atomically: true, encoding: .utf8) }
            let r = try SosikBinary.run(["index", "--db", db, corpus.path])
            #expect(r.status == 0, "\(r.stderr)")
        }

        func search(_ args: [String]) throws -> SosikBinary.Result {
            // Matching, not collapsing: these articles are deliberately alike (Signature).
            try SosikBinary.run(["search", "--db", db, "--no-collapse"] + args)
        }

        func docs(_ args: String...) throws -> [String] {
            try search(["--format", "json", "--limit", "50"] + args).json().compactMap { $0["doc_id"] as? String }
        }
    }

    static let index = Result { try Index() }

    /// Highlighted substrings of a JSON hit's snippet and of its fragments.
    static func highlighted(_ hit: [String: Any]) -> [String] {
        func marked(_ text: String, _ ranges: [[Int]]) -> [String] {
            let scalars = Array(text.unicodeScalars)
            return ranges.map { r in
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[r[0]..<r[1]])
                return String(v).lowercased()
            }
        }
        var out = marked(hit["snippet"] as? String ?? "", hit["highlights"] as? [[Int]] ?? [])
        for f in hit["fragments"] as? [[String: Any]] ?? [] {
            out += marked(f["snippet"] as? String ?? "", f["highlights"] as? [[Int]] ?? [])
        }
        return out
    }

    @Test func wordsFromDifferentPassagesFindTheArticleAndAreAllShown() throws {
        let index = try Self.index.get()
        #expect(try Set(index.docs("patrols", "spying")) == ["spying", "together"])
        let hits = try index.search(["--format", "json", "patrols", "spying"]).json()
        let spying = try #require(hits.first { $0["doc_id"] as? String == "spying" })
        let fragments = try #require(spying["fragments"] as? [[String: Any]])
        #expect(fragments.count == 1 && (fragments[0]["id"] as? String)?.hasPrefix("spying#") == true)
        let shown = Self.highlighted(spying)
        #expect(shown.contains("patrols") && shown.contains("spying"), "\(shown)")
        // Both words in one passage: no fragment needed.
        let together = try #require(hits.first { $0["doc_id"] as? String == "together" })
        #expect((together["fragments"] as? [Any])?.isEmpty == true)
        // Text output: the fragment is a second snippet line, marked with its passage.
        let text = try index.search(["--limit", "5", "patrols", "spying"]).stdout
        #expect(text.contains("spying on us") && text.contains("(#"), "\(text)")
    }

    @Test func koreanWordsFromDifferentPassagesWithMultiByteHighlights() throws {
        let index = try Self.index.get()
        #expect(try index.docs("순찰을", "감시") == ["ko-split"])
        let hit = try #require(try index.search(["--format", "json", "순찰을", "감시"]).json().first)
        let shown = Self.highlighted(hit)
        #expect(shown.contains("순찰") && shown.contains("감시"), "\(shown)")
    }

    @Test func anExclusionAppliesToTheWholeArticle() throws {
        let index = try Self.index.get()
        #expect(try Set(index.docs("guards", "border")) == ["hyesan", "border"])
        #expect(try index.docs("border", "-Hyesan") == ["border"])
        #expect(try index.docs("border", "NOT", "hyesan") == ["border"])
        #expect(try index.docs("patrols", "-\"spying on us\"") .sorted() == ["split", "together"])
    }

    @Test func aPhraseMustBeInsideOnePassage() throws {
        let index = try Self.index.get()
        #expect(try index.docs("\"night patrols\"").isEmpty)
        #expect(try index.search(["\"night patrols\""]).status == 1)
        #expect(try Set(index.docs("night", "patrols")) == ["split", "together"])   // together: in its title
        #expect(try index.docs("\"야간 순찰\"").isEmpty)
        #expect(try index.docs("야간", "순찰") == ["ko-split"])
        #expect(try index.docs("\"spying on us\"") == ["spying"])
    }

    @Test func orPrefixesAndTitleKeepTheirMeaningPerArticle() throws {
        let index = try Self.index.get()
        #expect(try Set(index.docs("(spying OR smugglers)", "guards OR patrols")) == ["spying", "together", "hyesan"])
        #expect(try Set(index.docs("spy*", "resident*")) == ["spying"])
        #expect(try index.docs("title:town", "spying") == ["spying"])
        #expect(try index.docs("title:spying").isEmpty)
    }

    @Test func perDocFiltersSortCountAndBatchAgree() throws {
        let index = try Self.index.get()
        // --per-doc 2: the article's two passages, best first, both with a query word.
        let two = try index.search(["--format", "json", "--per-doc", "2", "patrols", "spying"]).json()
        #expect(two.filter { $0["doc_id"] as? String == "spying" }.count == 2)
        #expect(two.first { $0["doc_id"] as? String == "spying" }.map { ($0["fragments"] as? [Any])?.isEmpty } == true)
        // --count: articles; with --per-doc 0, passages holding a query word.
        #expect(try index.search(["--count", "patrols", "spying"]).lines == ["2"])
        #expect(try index.search(["--count", "--per-doc", "0", "patrols", "spying"]).lines == ["3"])
        let none = try index.search(["--count", "patrols", "-spying", "-night"])
        #expect(none.status == 1 && none.lines == ["0"])
        // Filters.
        #expect(try index.docs("--source", "alpha", "patrols", "spying") == ["spying"])
        #expect(try index.docs("--since", "2025-04", "patrols", "spying") == ["together"])
        #expect(try index.docs("--path", "*/spying.md", "patrols", "spying") == ["spying"])
        #expect(try index.docs("--lang", "ko", "patrols", "spying").isEmpty)
        // Sort by date.
        #expect(try index.docs("--sort", "date", "guards") == ["border", "hyesan"])
        #expect(try index.docs("--sort", "newest", "patrols") == ["split", "together", "spying"])
        // Batch mode: the same articles as one by one.
        let queries = index.folder.appendingPathComponent("q.jsonl")
        try "{\"qid\": \"a\", \"query\": \"patrols spying\"}\n{\"qid\": \"b\", \"query\": \"border -Hyesan\"}\n"
            .write(to: queries, atomically: true, encoding: .utf8)
        let batch = try index.search(["--queries", queries.path, "--fields", "qid,doc_id"]).json()
        #expect(Set(batch.filter { $0["qid"] as? String == "a" }.compactMap { $0["doc_id"] as? String }) == ["spying", "together"])
        #expect(batch.filter { $0["qid"] as? String == "b" }.compactMap { $0["doc_id"] as? String } == ["border"])
    }

    @Test func anyMatchesArticlesWithAnyWordAndRanksThoseWithMoreFirst() throws {
        let index = try Self.index.get()
        let docs = try index.docs("--any", "patrols", "spying", "smugglers")
        #expect(Set(docs) == ["spying", "together", "split", "hyesan"])
        #expect(docs.last != "spying" && docs.last != "together")
    }
}
