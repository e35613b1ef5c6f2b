import Foundation
import Testing

/// End-to-end searches on Corpus/ through the built binary, with the documents a reader of
/// those articles would expect on top. If an analyzer or ranking change moves one of these, the
/// change has to say why.
@Suite struct GoldenCorpusTests {
    static let index = Result { try CorpusIndex() }

    func top(_ args: [String], _ n: Int = 1) throws -> [String] {
        let index = try Self.index.get()
        let r = try SosikBinary.run(["search", "--db", index.db, "--format", "json", "--fields", "doc_id,kind,pair_id",
                                     "--limit", "20"] + args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        var docs: [String] = []
        for hit in try r.json() {
            let doc = hit["doc_id"] as? String ?? "?"
            if !docs.contains(doc) { docs.append(doc) }
        }
        return Array(docs.prefix(n))
    }

    @Test(arguments: [
        // patrols
        (["야간", "순찰"], "ko-patrol-hoeryong"),
        (["night", "patrols", "Hoeryong"], "en-patrol-hoeryong"),
        // surveillance: home visits, phone contact, signal detection, checkpoints (北 headline)
        (["인민반", "가정", "방문"], "ko-home-visits"),
        (["--any", "휴대전화", "통화", "감시"], "ko-foreign-contact"),
        (["--any", "surveillance", "of", "phone", "calls", "to", "China"], "en-foreign-contact"),
        (["전파", "탐지"], "ko-signal-detectors"),
        (["화교", "감시"], "ko-chinese-traders-surveillance"),
        (["北", "검문소"], "ko-border-checkpoints"),
        (["북한", "검문소"], "ko-border-checkpoints"),
        // inequality
        (["돈주", "노동자"], "ko-inequality-traders"),
        (["donju", "state", "workers"], "en-inequality-traders"),
        (["--any", "rich", "poor", "gap"], "en-school-donations"),
        (["SNS"], "ko-chinese-traders-surveillance"),
        (["travel", "permits"], "en-travel-permits"),
        (["여행증명서"], "ko-travel-permits"),
    ])
    func expectedTopDocument(query: [String], expected: String) throws {
        #expect(try top(query) == [expected])
    }

    @Test func inequalityInKoreanFindsBothInequalityStories() throws {
        #expect(Set(try top(["빈부", "격차"], 2)) == ["ko-market-crackdown", "ko-school-donations"])
    }

    @Test func mixedQueryFindsTheStoryInBothLanguages() throws {
        #expect(Set(try top(["--any", "순찰", "patrols"], 2)) == ["ko-patrol-hoeryong", "en-patrol-hoeryong"])
    }

    @Test func captionsDoNotOutrankBodyText() throws {
        let index = try Self.index.get()
        let hits = try SosikBinary.run(["search", "--db", index.db, "--format", "json", "--fields", "doc_id,kind", "사진"]).json()
        #expect(hits.first?["kind"] as? String == "body")
        #expect(hits.contains { $0["kind"] as? String == "caption" })   // captions are still found
    }

    @Test func hitsCarryTheirTranslationPair() throws {
        let index = try Self.index.get()
        let hits = try SosikBinary.run(["search", "--db", index.db, "--format", "json", "야간", "순찰"]).json()
        #expect(hits.first?["pair_id"] as? String == "en-patrol-hoeryong")
        let unpaired = try SosikBinary.run(["search", "--db", index.db, "--format", "json", "travel", "permits"]).json()
        #expect(unpaired.first?["pair_id"] is NSNull)
    }

    @Test func showPrintsAnArticleAndItsPair() throws {
        let index = try Self.index.get()
        let one = try SosikBinary.run(["show", "--db", index.db, "ko-home-visits"])
        #expect(one.status == 0)
        #expect(one.lines.first == "평성 인민반, 예고 없는 가정 방문 잦아져")
        #expect(one.stdout.contains("pair: en-home-visits") && !one.stdout.contains("Neighbourhood"))
        let both = try SosikBinary.run(["show", "--db", index.db, "--pair", "ko-home-visits"])
        #expect(both.stdout.contains("Neighbourhood units step up unannounced home visits"))
        let json = try SosikBinary.run(["show", "--db", index.db, "--format", "json", "--pair", "en-market-crackdown"]).json()
        #expect(json.map { $0["id"] as? String } == ["en-market-crackdown", "ko-market-crackdown"])
        #expect(json[0]["date"] as? String == "2024-11-20")          // written 2024.11.20 in the file
        let missing = try SosikBinary.run(["show", "--db", index.db, "ko-nope"])
        #expect(missing.status == 1 && missing.stderr.contains("no document ko-nope"))
        let noPair = try SosikBinary.run(["show", "--db", index.db, "--pair", "en-travel-permits"])
        #expect(noPair.status == 1 && noPair.stderr.contains("has no translation"))
    }

    @Test func statsCountLanguagesSourcesAndPairs() throws {
        let index = try Self.index.get()
        let r = try SosikBinary.run(["stats", "--db", index.db])
        #expect(r.status == 0)
        #expect(r.stdout.contains("documents  40"))
        #expect(r.stdout.contains("pairs      8 translation pairs"))
        #expect(r.lines.contains("  en  20 documents, 65 passages"))
        #expect(r.stdout.contains("  ko  20 documents"))
        #expect(r.lines.filter { $0.contains("소식 샘플 (가상)") }.map { $0.hasSuffix(" 20 documents, 51 passages") } == [true])
        #expect(r.stdout.contains("dates      2024-09-05 … 2025-09-03 (2 undated)"))
    }
}
