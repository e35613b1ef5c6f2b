import Foundation
import Testing

/// Issue 14: `show` takes the passage ids `search` prints and marks that passage; snippets and
/// shown passages read as text (no Markdown markers, whitespace collapsed) with exact highlight
/// offsets; `--explain` names the words as typed; the sample corpus holds no ids in its text.
@Suite struct ShowAndSnippetTests {
    static let index = Result { try CorpusIndex() }

    func run(_ args: [String], environment: [String: String] = [:]) throws -> SosikBinary.Result {
        let index = try Self.index.get()
        return try SosikBinary.run([args[0], "--db", index.db] + args.dropFirst(), environment: environment)
    }

    /// Columns a line takes (Hangul and other wide characters two, as the printers count).
    static func columns(_ s: Substring) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v)
            return w + ((0x1160...0x11FF).contains(v) ? 0 : wide ? 2 : 1)
        }
    }

    static func slice(_ s: String, _ r: [Int]) -> String {
        let scalars = Array(s.unicodeScalars)
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[r[0]..<r[1]])
        return String(v)
    }

    /// The lines of `show` text output that carry the ▌ gutter, without it.
    static func markedLines(_ out: String) -> [String] {
        out.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("▌") }
            .map { String($0.dropFirst().drop(while: { $0 == " " })) }
    }

    /// Words of a text, Markdown markers and punctuation-only words left out.
    static func words(_ s: String) -> [String] {
        s.split(whereSeparator: { $0.isWhitespace })
            .map(String.init)
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
    }

    // MARK: 1. show takes what search prints

    @Test(arguments: [["--any", "순찰", "patrols"], ["감시"], ["railway", "stations"], ["인민반", "방문"]])
    func everyPassageIdSearchPrintsCanBeShown(query: [String]) throws {
        let hits = try run(["search", "--format", "json", "--per-doc", "0", "--limit", "8"] + query).json()
        #expect(!hits.isEmpty, "\(query)")
        for hit in hits {
            let id = try #require(hit["id"] as? String), ordinal = try #require(hit["ordinal"] as? Int)
            let text = try run(["show", id])
            #expect(text.status == 0, "\(id): \(text.stderr)")
            #expect((hit["title"] as? String ?? "").hasPrefix(text.lines.first ?? "∅"), "\(id): \(text.lines.first ?? "")")
            // The marked lines are that passage: a header #N, then its words in order.
            let marked = Self.markedLines(text.stdout)
            #expect(marked.first?.hasPrefix("#\(ordinal)") == true, "\(id): \(marked.prefix(2))")
            let passage = hit["text"] as? String ?? ""
            let shownWords = Self.words(marked.dropFirst().joined(separator: " ")).filter { $0 != "[\(hit["kind"] as? String ?? "")]" }
            let storedWords = Self.words(passage).filter { !["-", "*", "##", "#", "###"].contains($0) }
            #expect(shownWords == storedWords, "\(id)")
            let json = try #require(try run(["show", "--format", "json", id]).json().first)
            #expect(json["marked"] as? Int == ordinal && json["id"] as? String == hit["doc_id"] as? String)
            let passages = try #require(json["passages"] as? [[String: Any]])
            #expect(passages.first { $0["ordinal"] as? Int == ordinal }?["text"] as? String == passage)
        }
    }

    @Test func aDocumentIdMarksNothingAndKeepsTheJSONShape() throws {
        let text = try run(["show", "ko-patrol-hoeryong"])
        #expect(text.status == 0 && Self.markedLines(text.stdout).isEmpty)
        let line = try #require(try run(["show", "--format", "json", "en-patrol-hoeryong#1"]).lines.first)
        let keys = line.matches(of: /"([a-z_]+)":/).map { String($0.1) }.filter { !["ordinal", "kind", "text"].contains($0) }
        #expect(keys == ["id", "title", "lang", "date", "source", "url", "path", "pair_id", "passages", "marked"])
        let plain = try #require(try run(["show", "--format", "json", "ko-patrol-hoeryong"]).json().first)
        #expect(plain["marked"] is NSNull)
        // With --pair, the passage is marked in the article asked for only.
        let both = try run(["show", "--format", "json", "--pair", "en-patrol-hoeryong#1"]).json()
        #expect(both.map { $0["id"] as? String } == ["en-patrol-hoeryong", "ko-patrol-hoeryong"])
        #expect(both.first?["marked"] as? Int == 1 && both.last?["marked"] is NSNull)
        let pairText = try run(["show", "--pair", "en-patrol-hoeryong#1"])
        #expect(Self.markedLines(pairText.stdout).first == "#1")
    }

    @Test func aPassageThatDoesNotExistIsAnErrorNamingTheRange() throws {
        let r = try run(["show", "ko-patrol-hoeryong#9"])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.contains("ko-patrol-hoeryong has no passage #9") && r.stderr.contains("#0–#"), "\(r.stderr)")
        let missing = try run(["show", "ko-nope#0"])
        #expect(missing.status == 1 && missing.stderr.contains("no document ko-nope "), "\(missing.stderr)")
        // Not a passage id: the whole string is the id.
        let odd = try run(["show", "ko-patrol-hoeryong#x"])
        #expect(odd.status == 1 && odd.stderr.contains("no document ko-patrol-hoeryong#x"))
    }

    @Test func showTextIsWrappedToTheTerminalWidth() throws {
        for (id, width) in [("ko-spending-checks#2", 40), ("en-travel-permits#1", 50), ("ko-signal-detectors", 80)] {
            let r = try run(["show", id], environment: ["COLUMNS": String(width)])
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.count > 8)
            for line in lines where Self.words(String(line)).allSatisfy({ Self.columns(Substring($0)) < width / 2 }) {
                #expect(Self.columns(line) <= width, "\(id) at \(width): \(line)")
            }
            // Text fills the width: most lines of a long paragraph come close to it.
            #expect(lines.contains { Self.columns($0) > width - 12 }, "\(id)")
        }
    }

    @Test func showIsColouredLikeSearchOnlyWhenAsked() throws {
        let plain = try run(["show", "ko-spending-checks#2"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let colored = try run(["show", "--color", "always", "ko-spending-checks#2"])
        #expect(colored.stdout.hasPrefix("\u{1B}[1m사리원 인민반"))          // bold title, as search
        #expect(colored.stdout.contains("\u{1B}[2mko-spending-checks · ko"))  // dim metadata, as search
        #expect(colored.stdout.contains("\u{1B}[1;33m▌ \u{1B}[0m"))          // the marked passage's gutter
        let noColor = try run(["show", "--color", "auto", "ko-spending-checks#2"], environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
        #expect(try run(["show", "--color", "sometimes", "ko-spending-checks"]).status == 2)
    }

    // MARK: 2. clean snippets and shown passages

    @Test func showPrintsHeadingsAndListsAsAReaderSeesThem() throws {
        for id in ["ko-spending-checks", "en-travel-permits", "en-youth-league-patrols", "ko-youth-dress-code"] {
            let r = try run(["show", id])
            #expect(r.status == 0)
            for line in r.lines {
                let trimmed = line.drop(while: { $0 == " " })   // list items wrap with a hanging indent
                #expect(!line.hasPrefix("#") && !line.hasPrefix("- ") && !line.hasPrefix("* ") && !trimmed.contains("  "), "\(id): \(line)")
            }
        }
        let ko = try run(["show", "ko-spending-checks"]).lines
        #expect(ko.contains("문 앞에서 이어지는 질문"))                 // the heading's words, on a line of their own
        #expect(ko.contains("• 그 주에 산 고기나 쌀의 값"))            // a list item
        let en = try run(["show", "en-travel-permits"]).lines
        #expect(en.contains("Permits and bribes") && en.contains("• the entrance to every border city"))
    }

    /// Each case: a query and a word each highlight must start with (folded), on passages that
    /// hold a `##` heading or a `- ` list in the stored text.
    @Test(arguments: [
        (["고기", "감시"], ["고기", "감시"]),                 // ko-spending-checks#2: heading, list
        (["railway", "checkpoints"], ["railway", "checkpoint"]),   // en-travel-permits#1: list (was CRLF)
        (["jeans", "stopped"], ["jean", "stop"]),            // en-youth-league-patrols: heading, list
        (["청바지", "규찰대"], ["청바", "바지", "규찰", "찰대"]),  // ko-youth-dress-code: list (bigrams marked apart too)
        (["--any", "순찰", "검열"], ["순찰", "검열"]),           // ko-border-guard-bribes: heading in the passage
    ])
    func snippetsHaveNoMarkdownAndOffsetsPointAtTheWords(query: [String], words: [String]) throws {
        let hits = try run(["search", "--format", "json", "--per-doc", "0", "--limit", "20"] + query).json()
        #expect(!hits.isEmpty)
        var sawMarkdown = false
        for hit in hits {
            let snippet = try #require(hit["snippet"] as? String)
            let text = hit["text"] as? String ?? ""
            if text.contains("## ") || text.contains("\n- ") { sawMarkdown = true }
            #expect(!snippet.contains("##") && !snippet.contains("  ") && !snippet.contains("\n") && !snippet.contains("\r"),
                    "\(hit["id"] ?? "?"): \(snippet)")
            #expect(!snippet.contains(" - ") && !snippet.hasPrefix("- ") && !snippet.hasPrefix("…- "), "\(snippet)")
            // The snippet's words are the passage's, in order, with the markers left out.
            let shown = Self.words(snippet.replacingOccurrences(of: "…", with: " "))
            let stored = Self.words(text).filter { !["-", "*", "##", "#"].contains($0) }
            let inner = Array(shown.dropFirst().dropLast())   // the first and last may be cut words
            #expect(!inner.isEmpty && stored.indices.contains { i in
                Array(stored[i..<min(stored.count, i + inner.count)]) == inner
            }, "\(hit["id"] ?? "?"): \(snippet)")
            // Highlights: [start, end) in Unicode scalars of the snippet shown.
            let ranges = try #require(hit["highlights"] as? [[Int]])
            for r in ranges {
                #expect(r[0] < r[1] && r[1] <= snippet.unicodeScalars.count)
                let marked = Self.slice(snippet, r).lowercased()
                #expect(words.contains { marked.hasPrefix($0) }, "\(hit["id"] ?? "?"): \(marked) in \(snippet)")
            }
            for f in hit["fragments"] as? [[String: Any]] ?? [] {
                let fs = try #require(f["snippet"] as? String)
                #expect(!fs.contains("##") && !fs.contains("  "))
                for r in f["highlights"] as? [[Int]] ?? [] {
                    #expect(words.contains { Self.slice(fs, r).lowercased().hasPrefix($0) }, "\(fs)")
                }
            }
        }
        #expect(sawMarkdown, "\(query): no passage with Markdown among the hits")
    }

    @Test func textOutputShowsTheCleanedSnippetWithTheSameHighlights() throws {
        let json = try #require(try run(["search", "--format", "json", "--limit", "1", "고기", "감시"]).json().first)
        let snippet = try #require(json["snippet"] as? String)
        #expect(snippet.contains("다음과 같다. 그 주에 산 고기나 쌀의 값 · 해외 친척이"), "\(snippet)")
        let colored = try run(["search", "--color", "always", "--limit", "1", "고기", "감시"]).stdout
        let ranges = try #require(json["highlights"] as? [[Int]])
        for r in ranges { #expect(colored.contains("\u{1B}[1;31m" + Self.slice(snippet, r) + "\u{1B}[0m")) }
        #expect(!colored.contains("##") && !colored.contains(" - "))
    }

    // MARK: 3. no ids in searchable text; explain names the words typed

    @Test func noArticleIsFoundThroughAnotherArticlesId() throws {
        // ko-inequality-traders once came second for `inequality` through its footer line
        // `영문 기사: en-inequality-traders`.
        #expect(try run(["search", "--lang", "ko", "inequality"]).status == 1)
        let ids = try run(["search", "--format", "json", "--fields", "doc_id", "--limit", "100", "--any", "순찰", "patrols", "감시",
                           "surveillance", "인민반", "market", "장마당", "donju", "北", "border", "사진", "photo"])
            .json().compactMap { $0["doc_id"] as? String }
        #expect(ids.count >= 30)
        for id in ids {
            // Every part of an id that is a word: as a phrase, only the article itself may hold it.
            let phrase = "\"" + id.replacingOccurrences(of: "-", with: " ") + "\""
            let found = try run(["search", "--format", "json", "--fields", "doc_id", phrase]).json().compactMap { $0["doc_id"] as? String }
            #expect(found.allSatisfy { $0 == id }, "\(id) is in the text of \(found)")
        }
        // The pairs are still there, from front matter.
        #expect(try run(["show", "--pair", "ko-inequality-traders"]).stdout.contains("Donju and state workers drift further apart"))
    }

    @Test func explainNamesTheWordsAsTyped() throws {
        let any = try #require(try run(["search", "--format", "json", "--explain", "--any", "--limit", "1", "inequality", "Rising"]).json().first)
        let terms = try #require((any["explain"] as? [String: Any])?["terms"] as? [[String: Any]])
        #expect(Set(terms.compactMap { $0["term"] as? String }) == ["inequality", "Rising"])
        #expect(terms.first { $0["term"] as? String == "inequality" }?["indexed"] as? String == "inequ")
        #expect(terms.first { $0["term"] as? String == "Rising" }?["indexed"] as? String == "rise")
        let text = try run(["search", "--explain", "--any", "--limit", "1", "inequality"]).stdout
        #expect(text.contains("inequality (inequ) "), "\(text)")
        #expect(!text.contains("+ inequ "))
        // Korean: each index term of a word with a particle, named by the word.
        let ko = try #require(try run(["search", "--format", "json", "--explain", "--any", "--limit", "1", "순찰을"]).json().first)
        let koTerms = try #require((ko["explain"] as? [String: Any])?["terms"] as? [[String: Any]])
        #expect(Set(koTerms.compactMap { $0["term"] as? String }) == ["순찰을"])
        #expect(Set(koTerms.compactMap { $0["indexed"] as? String }).contains("순찰"))
        let koText = try run(["search", "--explain", "--limit", "1", "순찰을"]).stdout
        #expect(koText.contains("+ 순찰을 (순찰) "), "\(koText)")
        // Words the index holds as typed get no second name.
        let plain = try run(["search", "--explain", "--limit", "1", "야간", "순찰"]).stdout
        #expect(plain.contains(" 순찰 ") && !plain.contains("순찰 (순찰)"))
        let tsv = try run(["search", "--format", "tsv", "--fields", "doc_id,explain", "--explain", "--limit", "1", "patrols"]).lines
        #expect(tsv.count == 2 && tsv[1].contains("patrols (patrol)="), "\(tsv)")
    }
}
