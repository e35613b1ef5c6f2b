import Foundation
import GRDB
import Testing
@testable import SosikIndex

/// sosik_rank (Sources/CSosikSQL) and the cap on scored matches (SearchOptions.maxCandidates).
@Suite struct RankingCapTests {
    /// Old articles first (low rowids): the best match for 경찰 (in its title, twice in a short
    /// body) is the oldest; forty newer ones mention 경찰 once in a long body.
    static func corpus() -> [Article] {
        var articles = [Article(id: "best-old", title: "경찰 단속", body: "경찰이 경찰서 앞에서 순찰했다.", lang: "ko")]
        articles.append(Article(id: "rare-old", title: "두만강", body: "밀수꾼이 강을 건넜고 경찰은 몰랐다. 희귀한 낱말 압록강변.", lang: "ko"))
        for i in 0..<40 {
            articles.append(Article(id: "new-\(i)", title: "소식 \(i)",
                                    body: "시장에서 상인들이 물건을 팔았다. 오후에는 경찰이 지나갔다. 주민들은 가격이 올랐다고 말했다. 번호 \(i).",
                                    lang: "ko"))
        }
        articles.append(Article(id: "en-new", title: "Police note", body: "The police came, said 경찰 sources.", lang: "en"))
        return articles
    }

    func search(_ index: TestIndex, _ query: String, _ mode: MatchMode = .all, cap: Int, lang: String? = nil) throws -> [String] {
        var options = SearchOptions(mode: mode, limit: 5, lang: lang)
        options.maxCandidates = cap
        return try Searcher(database: index.database).search(query, options: options).map(\.docID)
    }

    @Test func sosikRankEqualsFTS5BM25WhenCountsAreExact() throws {
        let index = try TestIndex(Self.corpus())
        for expression in [#"("경찰")"#, #"("경찰" OR "순찰" OR "압록")"#, #"(("경찰") AND ("시장"))"#, #"("polic")"#] {
            let pairs = try index.database.pool.read { db -> [(Double, Double)] in
                let counts = try PhraseCounts(db, exactUpTo: 1_000)
                return try Row.fetchAll(db, sql: """
                    SELECT rank, \(Searcher.rankFunction(asideFactor: 1)) FROM article_fts WHERE article_fts MATCH ?
                    """, arguments: [try counts.argument(for: expression), expression]).map { ($0[0], $0[1]) }
            }
            #expect(!pairs.isEmpty, "\(expression) matches")
            for (bm25, ours) in pairs { #expect(abs(bm25 - ours) < 1e-9, "\(expression): bm25 \(bm25), sosik_rank \(ours)") }
        }
    }

    /// `search --explain` reads sosik_rank_parts: one part per phrase, in order, adding up to
    /// sosik_rank's score (before the aside factor) on every matching row.
    @Test func rankPartsAddUpToTheRank() throws {
        let index = try TestIndex(Self.corpus())
        for expression in [#"("경찰" OR "순찰" OR "압록")"#, #"(("경찰") AND ("시장"))"#, #""polic"*"#,
                           #"NEAR("시장" "상인", 4)"#, #"title : ("경찰")"#] {
            let rows = try index.database.pool.read { db -> [Row] in
                let hits = try PhraseCounts(db, exactUpTo: 1_000).argument(for: expression)
                return try Row.fetchAll(db, sql: """
                    SELECT \(Searcher.rankFunction(asideFactor: 1)), \(Searcher.rankFunction(asideFactor: 1, parts: true))
                    FROM article_fts WHERE article_fts MATCH ?
                    """, arguments: [hits, hits, expression])
            }
            #expect(!rows.isEmpty, "\(expression) matches")
            for row in rows {
                let rank: Double = row[0], text: String = row[1]
                let parts = text.split(separator: " ").compactMap { Double($0) }
                #expect(parts.count == PhraseCounts.phrases(in: expression).count, "\(expression): \(text)")
                #expect(abs(parts.reduce(0, +) + rank) < 1e-9, "\(expression): parts \(text), rank \(rank)")
            }
        }
    }

    @Test func phrasesAreReadInExpressionOrder() {
        #expect(PhraseCounts.phrases(in: #"(("경찰" AND "찰이") OR ("a ""b"" c")) NOT ("polic"*)"#)
                == [#""경찰""#, #""찰이""#, #""a ""b"" c""#, #""polic"*"#])
        #expect(PhraseCounts.phrases(in: #"NEAR("야간" "순찰", 3)"#) == [#""야간""#, #""순찰""#])
    }

    @Test func countsAreExactUpToTheLimitAndEstimatedPast() throws {
        let index = try TestIndex(Self.corpus())
        try index.database.pool.read { db in
            let exact = try PhraseCounts(db, exactUpTo: 1_000)
            #expect(try exact.count(#""경찰""#) == 43)   // every Korean article and the English one
            #expect(try exact.count(#""압록""#) == 1)
            let estimated = try PhraseCounts(db, exactUpTo: 10)
            let n = try estimated.count(#""경찰""#)
            // Evenly spread here: close to 43. (It is estimated from the share of documents the
            // newest matches span, so articles of more passages than others move it a little.)
            #expect(n > 10 && abs(n - 43) <= 0.15 * 43, "estimate \(n)")
            #expect(try estimated.count(#""압록""#) == 1)
        }
    }

    @Test func withoutCapTheBestMatchWinsWithCapTheNewestAreRanked() throws {
        let index = try TestIndex(Self.corpus())
        #expect(try search(index, "경찰", cap: 0).first == "best-old")
        #expect(try search(index, "경찰", cap: 1_000).first == "best-old")   // 43 matches: under the cap
        // Past the cap only the 10 newest matches are scored: the old best one is not among them.
        let capped = try search(index, "경찰", cap: 10)
        #expect(!capped.contains("best-old") && capped.count == 5)
        #expect(capped.allSatisfy { $0.hasPrefix("new-") || $0 == "en-new" })
    }

    @Test func anyModeRanksTheRareWordsMatchesPastTheCap() throws {
        let index = try TestIndex(Self.corpus())
        // 압록 is in one old article; 경찰 in 43. Capped at 10, the rare word's passage still
        // comes first, and newer matches of the common word fill the page after it.
        let hits = try search(index, "압록강 경찰", .any, cap: 10)
        #expect(hits.first == "rare-old")
        #expect(hits.count == 5)
    }

    @Test func filtersThatLeaveTooFewWidenTheCap() throws {
        let index = try TestIndex(Self.corpus())
        // The newest 10 matches of 경찰 hold one English passage; Korean ones are found by
        // widening to 40, 160 … matches.
        #expect(try search(index, "경찰", cap: 10, lang: "ko").count == 5)
        #expect(try search(index, "경찰", cap: 10, lang: "en") == ["en-new"])
    }
}
