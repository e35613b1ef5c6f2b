import Foundation
import GRDB
import Testing
@testable import SosikIndex

/// How an article's items are scored and which passages answer it (ArticleRanking), on real
/// indexes. Paragraphs are made longer than 300 characters so that each is a passage.
@Suite struct ArticleRankingTests {
    static let filler = String(repeating: " Residents said the weather had been mild and the town quiet all week.", count: 5)
    static let koFiller = String(repeating: " 주민들은 그 주 내내 날씨가 온화했다고 말했다.", count: 12)

    static func body(_ paragraphs: String...) -> String {
        paragraphs.map { $0 + ($0.unicodeScalars.contains { $0.value >= 0xAC00 } ? koFiller : filler) }.joined(separator: "\n\n")
    }

    func options(perDoc: Int = 1, explain: Bool = false) -> SearchOptions {
        var o = SearchOptions(mode: .all, limit: 20)
        o.perDocument = perDoc
        o.explain = explain
        return o
    }

    /// With --any, a word counts in coverage by its IDF (issue 23): the one article that holds
    /// a question's rare word ranks above the many that share its common words, and a word no
    /// article holds (왜) counts for nothing. One word counting one, the rare word's article had
    /// coverage 1/4 against 2/4 and ranked last.
    @Test func aQuestionsRareWordOutweighsItsCommonOnes() throws {
        var articles = [Article(id: "rare", title: "시의회 소식", body: Self.body("볼로냐 시의회가 열렸다."), lang: "ko")]
        for i in 0..<12 {
            articles.append(Article(id: "common-\(i)", title: "정부 발표 \(i)", body: Self.body("정부는 회의 결과를 발표했다."), lang: "ko"))
        }
        let index = try TestIndex(articles)
        var o = options(explain: true)
        o.mode = .any
        let hits = try Searcher(database: index.database).search("볼로냐 회의 결과 왜", options: o)
        #expect(hits.first?.docID == "rare", "\(hits.map(\.docID))")
        let coverage = try #require(hits.first?.explanation?.coverage)
        #expect(coverage > 0.6 && coverage < 1, "\(coverage)")
        #expect(hits.dropFirst().allSatisfy { ($0.explanation?.coverage ?? 1) < 0.4 })
    }

    /// A word whose terms have alternatives (K-pop: k + pop, or kpop) holds wherever one
    /// alternative is found: it is scored and counted, not left at zero.
    @Test func aWordHoldsByAnyOfItsAlternatives() throws {
        let index = try TestIndex([Article(id: "kpop", title: "Market", body: Self.body("Kpop videos were sold at the market."), lang: "en")])
        let hit = try #require(try Searcher(database: index.database).search("K-pop", options: options(explain: true)).first)
        #expect(hit.docID == "kpop" && hit.score > 0 && hit.passageScore > 0)
        #expect(hit.explanation?.terms.map(\.term) == ["K-pop"] && (hit.explanation?.terms.first?.score ?? 0) > 0)
        #expect(hit.snippet.matches == ["Kpop"])
    }

    /// title:(a OR b) holds for a title with either word; the words a title: item excludes are
    /// not required of it.
    @Test func titleItemsWithOrAndExclusions() throws {
        let index = try TestIndex([
            Article(id: "ko", title: "인민반 회의 소집", body: Self.body("회의가 열렸다."), lang: "ko"),
            Article(id: "en", title: "Inminban meeting", body: Self.body("A meeting was held."), lang: "en"),
            Article(id: "riot", title: "Police and riot", body: Self.body("The police came."), lang: "en"),
            Article(id: "police", title: "Police patrol", body: Self.body("The police came."), lang: "en"),
        ])
        let searcher = Searcher(database: index.database)
        let either = try searcher.search("title:(인민반 OR inminban)", options: options(explain: true))
        #expect(Set(either.map(\.docID)) == ["ko", "en"] && either.allSatisfy { $0.score > 0 && $0.explanation?.terms.isEmpty == false })
        let hits = try searcher.search("title:(police -riot)", options: options(explain: true))
        #expect(hits.map(\.docID) == ["police"] && hits[0].score > 0 && hits[0].explanation?.coverage == 1)
    }

    /// A phrase written twice (in a NEAR group and as a word) is two items: the word counts
    /// everywhere, not only where it stands next to the other word.
    @Test func aWordAlsoInAPhraseCountsEverywhere() throws {
        let index = try TestIndex([Article(id: "a", title: "소식",
                                           body: Self.body("야간 순찰이 늘었다.", "시장 이야기다.", "순찰 순찰 또 순찰을 돌았다."), lang: "ko")])
        let hits = try Searcher(database: index.database).search("\"야간 순찰\" 순찰", options: options(perDoc: 0))
        #expect(hits.map(\.ordinal).sorted() == [0, 2])
    }

    /// A word found only in the title does not make every passage an answer: with --per-doc,
    /// only the passages that hold a query word themselves are shown, and counted.
    @Test func titleWordsDoNotMakeEveryPassageAnAnswer() throws {
        let index = try TestIndex([Article(id: "a", title: "Hoeryong patrols",
                                           body: Self.body("The market opened.", "Police patrols at night.", "Prices rose."), lang: "en")])
        let searcher = Searcher(database: index.database)
        #expect(try searcher.search("Hoeryong police", options: options(perDoc: 0)).map(\.ordinal) == [1])
        #expect(try searcher.count("Hoeryong police", options: options(perDoc: 0)) == 1)
        // Matched by the title alone: answered by a body passage all the same.
        let titleOnly = try searcher.search("title:Hoeryong", options: options())
        #expect(titleOnly.map(\.docID) == ["a"] && titleOnly[0].kind == .body)
    }

    /// The fragment for a word the best passage lacks is cut around that word and marks it.
    @Test func aFragmentShowsTheWordItIsFor() throws {
        let long = String(repeating: "Traders counted their money and talked about prices. ", count: 6)
        let index = try TestIndex([Article(id: "a", title: "Border town",
                                           body: Self.body("Police patrols were stepped up in the evening.",
                                                           long + "Neighbours are spying on each other, she said."), lang: "en")])
        let hit = try #require(try Searcher(database: index.database).search("patrols spying", options: options()).first)
        #expect(hit.snippet.matches.map { $0.lowercased() } == ["patrols"])
        #expect(hit.fragments.count == 1 && hit.fragments[0].snippet.matches == ["spying"])
    }

    /// U+001E joins passages in the full-text index: in a title or a body it becomes a space,
    /// and the index stays consistent (FTS5's integrity check reads the text back).
    @Test func thePassageSeparatorInInputIsNeutralized() throws {
        let index = try TestIndex([Article(id: "a", title: "Hoe\u{1E}ryong", body: "Police\u{1E}patrols at night.", lang: "en")])
        try index.database.pool.write { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try index.ids("ryong") == ["a"])
        #expect(try index.ids("\"police patrols\"") == ["a"])
        try index.add([Article(id: "a", title: "Replaced", body: "Nothing here.", lang: "en")])   // delete + insert
        try index.database.pool.write { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try index.ids("ryong").isEmpty)
    }
}
