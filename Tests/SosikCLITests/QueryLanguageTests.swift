import Foundation
import Testing

/// Each operator of the query language, in Korean and English, through the built binary.
@Suite struct QueryLanguageTests {
    static let index = Result { try CorpusIndex() }

    func docs(_ args: String...) throws -> Set<String> {
        let r = try SosikBinary.run(["search", "--db", try Self.index.get().db, "--format", "json", "--fields", "doc_id",
                                     "--limit", "100"] + args)
        #expect(r.status == 0 || r.status == 1, "\(args): \(r.stderr)")
        return Set(try r.json().compactMap { $0["doc_id"] as? String })
    }

    func error(_ args: String...) throws -> String {
        let r = try SosikBinary.run(["search", "--db", try Self.index.get().db] + args)
        #expect(r.status == 2, "\(args) should fail")
        return r.stderr
    }

    @Test func theCandidateCapIsAnOptionWithAClearLimit() throws {
        // 경찰 is in fewer than a dozen corpus passages: a cap of 3 ranks the newest 3 (and
        // widens only when filters leave too few); 0 ranks all; the result set never shrinks.
        let all = try docs("--max-candidates", "0", "경찰")
        #expect(try docs("경찰") == all)
        #expect(try docs("--max-candidates", "3", "경찰") == all)
        #expect(try docs("--max-candidates", "3", "--any", "경찰", "patrols") == docs("--any", "경찰", "patrols"))
        #expect(try error("--max-candidates=-1", "경찰").contains("--max-candidates must be 0 (all) or more"))
    }

    @Test func wordsAllMustMatch() throws {
        #expect(try docs("순찰", "밀수") == ["ko-border-guard-bribes", "ko-patrol-hoeryong", "ko-overnight-guest-check"])
        #expect(try docs("순찰", "뇌물") == ["ko-border-guard-bribes"])
        #expect(try docs("patrols", "Hoeryong") == ["en-patrol-hoeryong"])
    }

    @Test func phrasesKeepWordsTogetherYetForgiveParticlesAndPlurals() throws {
        #expect(try docs("\"야간 순찰\"") == ["ko-patrol-hoeryong", "ko-overnight-guest-check"])
        #expect(try docs("\"야간의 순찰을\"") == ["ko-patrol-hoeryong", "ko-overnight-guest-check"])   // particles in the phrase
        let police = try docs("\"police patrol\"")                                   // singular finds "police patrols"
        #expect(police.contains("en-overnight-guest-checks"))
        #expect(try docs("\"night patrols\"").contains("en-patrol-hoeryong"))
        #expect(try docs("\"patrols night\"").isEmpty)                             // English phrases keep their order
        let farApart = try docs("\"순찰 밀수\"")
        #expect(!farApart.contains("ko-patrol-hoeryong"))
    }

    @Test func exclusionOfWordsAndPhrases() throws {
        #expect(try docs("순찰", "-회령") == ["ko-border-guard-bribes", "ko-overnight-guest-check"])
        #expect(try docs("\"야간 순찰\"", "-회령") == ["ko-overnight-guest-check"])   // README's example
        #expect(try docs("순찰", "-\"야간 순찰\"") == ["ko-border-guard-bribes"])
        let patrols = try docs("patrols")
        let withoutYouth = try docs("patrols", "-youth")
        #expect(patrols.contains("en-youth-league-patrols") && !withoutYouth.contains("en-youth-league-patrols"))
        #expect(withoutYouth == patrols.subtracting(["en-youth-league-patrols"]))
    }

    @Test func orBetweenWordsAndGroups() throws {
        let either = try docs("순찰", "OR", "patrols"), ko = try docs("순찰"), en = try docs("patrols")
        #expect(either == ko.union(en))
        #expect(try docs("(회령 OR Hoeryong)", "(순찰 OR patrols)") == ["ko-patrol-hoeryong", "en-patrol-hoeryong"])
    }

    @Test func prefixesAndTitles() throws {
        let prefix = try docs("patr*"), patrol = try docs("patrol")
        #expect(prefix == patrol)
        let polic = try docs("polic*"), police = try docs("police")
        #expect(polic.isSuperset(of: police))
        #expect(try docs("title:순찰") == ["ko-patrol-hoeryong"])
        #expect(try docs("title:(Hoeryong patrols)") == ["en-patrol-hoeryong"])
        #expect(try docs("title:\"home visits\"") == ["en-home-visits"])
    }

    @Test func unbalancedQuotesAndParenthesesAreForgivenWhenClear() throws {
        #expect(try docs("\"야간 순찰") == ["ko-patrol-hoeryong", "ko-overnight-guest-check"])
        #expect(try docs("(순찰 OR patrols", "Hoeryong") == ["en-patrol-hoeryong"])
    }

    @Test func questionsWithAnyForgiveStrayOperators() throws {
        // Prose pasted as an --any question: a stray ) or a dangling OR is not syntax.
        #expect(try docs("--any", "순찰이 늘었다) 회령 OR").contains("ko-patrol-hoeryong"))
        #expect(try docs("--any", "OR patrols )").contains("en-patrol-hoeryong"))
    }

    @Test func malformedQueriesPointAtTheColumn() throws {
        #expect(try error("순찰 )").contains("column 4: unmatched )"))
        #expect(try error("OR 순찰").contains("column 1: OR needs a word before it"))
        #expect(try error("순찰 OR").contains("column 4: OR needs a word after it"))
        #expect(try error("-순찰").contains("only excludes"))
        #expect(try error("(-순찰 OR patrols)").contains("cannot exclude inside OR"))
        for e in [try error("순찰 )"), try error("-순찰")] {
            #expect(!e.contains("SQLite") && !e.contains("fts5") && !e.contains("syntax error"))
        }
    }
}

/// The query language as docs/commands.md tells it is the one `sosik help query` tells (issue
/// 25): every form of the help's table is in the manual's, and the two tables have as many rows.
@Suite struct QueryLanguageDocTests {
    static func normalized(_ s: some StringProtocol) -> String {
        s.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: ",", with: " ")
            .replacingOccurrences(of: "...", with: "…").split(separator: " ").joined(separator: " ")
    }

    @Test func theManualsTableIsTheHelpsTable() throws {
        let help = try SosikBinary.run(["help", "query"], environment: ["COLUMNS": "80"]).stdout
        // The help's table: from its first row (word word) to the blank line after it, the
        // rows "  SYNTAX   meaning", the syntax up to two spaces.
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        let rows = lines.drop { !$0.hasPrefix("  word word") }.prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let forms = rows.compactMap { line -> String? in
            guard let m = line.firstMatch(of: /^  (\S(?:\S| \S)*)  +\S/) else { return nil }
            return Self.normalized(m.1)
        }
        let doc = try String(contentsOf: SosikBinary.repository.appendingPathComponent("docs/commands.md"), encoding: .utf8)
        let table = try #require(doc.range(of: "**Query language**"))
        let cells = doc[table.upperBound...].split(separator: "\n").drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
            .dropFirst(2).map { Self.normalized($0.split(separator: "|")[0]) }
        #expect(forms.count >= 8, "\(forms)")
        #expect(forms.count == cells.count, "help \(forms), docs \(cells)")
        for form in forms {
            #expect(cells.contains { $0.contains(form) }, "\(form) is not in docs/commands.md's query table: \(cells)")
        }
    }
}

