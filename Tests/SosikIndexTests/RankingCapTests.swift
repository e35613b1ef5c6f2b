import Foundation
import GRDB
import Testing
@testable import SosikIndex
import SosikText

/// sosik_evidence (Sources/CSosikSQL) and the cap on scored matches (SearchOptions.maxCandidates).
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

    /// sosik_evidence tells, for a matching article, each phrase's frequency in the whole row
    /// (title 3×, body 1×, asides 0.3×), in the title, and in each passage (found from the match
    /// positions and the passages' first token positions), with each passage's column and length.
    @Test func evidenceCountsEachPhrasePerPassage() throws {
        // Three passages over 300 characters each (so none is merged), and a photo caption.
        let filler = String(repeating: "주민들은 날씨가 좋았다고 말했다. ", count: 20)
        let body = "경찰이 경찰서 앞에 모였다. " + filler + "\n\n" + "시장에는 상인이 많았다. " + filler + "\n\n"
            + "경찰 순찰이 늘었다. " + filler + "\n\n사진: 경찰 제공"
        let index = try TestIndex([Article(id: "a", title: "경찰 소식", body: body, lang: "ko")])
        let expression = #"("경찰" OR "순찰")"#
        let values = try index.database.pool.read { db -> [Double] in
            let blob = try #require(try Data.fetchOne(db, sql: """
                SELECT sosik_evidence(article_fts, d.passage_starts, \(ArticleText.boundaryWidth), 3.0, 1.0, 0.3)
                FROM article_fts JOIN documents d ON d.id = article_fts.rowid WHERE article_fts MATCH ?
                """, arguments: [expression]))
            return blob.withUnsafeBytes { raw in
                (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) }
            }
        }
        let passages = try index.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, sosik_text(text) FROM passages ORDER BY ordinal").map { ($0[0] as String, $0[1] as String) }
        }
        #expect(passages.map(\.0) == ["body", "body", "body", "caption"])
        #expect(values[0] == 1 && values[4] == 4 && values[5] == 2)   // rows, passages, phrases
        #expect(values[3] == 2)                                     // title: 경찰 소식
        // Whole row: 경찰 in the title (3×), 3 in the body, 1 in the caption (0.3×); 순찰 once.
        #expect(abs(values[6] - (3 + 3 + 0.3)) < 1e-9 && values[7] == 1)
        #expect(values[8] == 1 && values[9] == 0)                   // in the title
        // Per passage: column, length, count of 경찰, count of 순찰.
        let per = (0..<4).map { Array(values[(10 + $0 * 4)..<(14 + $0 * 4)]) }
        #expect(per.map { $0[0] } == [1, 1, 1, 2])
        #expect(per.map { $0[2] } == [2, 0, 1, 1] && per.map { $0[3] } == [0, 0, 1, 0])
        // Lengths: each passage's own tokens (positions), boundaries left out.
        let analyzer = Analyzer()
        for (i, p) in passages.enumerated() {
            #expect(per[i][1] == Double(TokenList(analyzing: p.1, with: analyzer).positions), "passage \(i)")
        }
    }

    @Test func phrasesAreReadInExpressionOrder() {
        #expect(PhraseCounts.phrases(in: #"(("경찰" AND "찰이") OR ("a ""b"" c")) NOT ("polic"*)"#)
                == [#""경찰""#, #""찰이""#, #""a ""b"" c""#, #""polic"*"#])
        #expect(PhraseCounts.phrases(in: #"NEAR("야간" "순찰", 3)"#) == [#""야간""#, #""순찰""#])
    }

    /// The ranking reads FTS5's evidence by QueryBuilder's own phrase numbering: it must be
    /// the order in which the written expression holds them.
    @Test func queryBuilderNumbersPhrasesAsFTS5Does() throws {
        for (query, mode) in [("순찰을 patrols", MatchMode.all), ("\"야간 순찰\" 순찰 -회령", .all), ("title:(police OR 경찰) patr*", .all),
                              ("K-pop (a OR 북은) -\"night patrols\"", .all), ("국경경비대를 patrols 순찰을 -회령", .any)] {
            let compiled = try QueryBuilder.compile(query, mode: mode)
            #expect(compiled.plan.phrases == PhraseCounts.phrases(in: compiled.expression), "\(query)")
            #expect(compiled.plan.items.allSatisfy { !$0.requirement.phrases.isEmpty }, "\(query)")
        }
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
