import Foundation
import XCTest
@testable import SosikIndex
@testable import SosikOpenSearch

/// The Query DSL sosik compiles its queries to (QueryDSL), clause by clause. Whether Lucene
/// then matches what FTS5 matches is Scripts/opensearch-equivalence's to measure.
final class QueryDSLTests: XCTestCase {
    func dsl(_ query: String, _ options: SearchOptions = SearchOptions()) throws -> String {
        let compiled = try QueryBuilder.compile(query, mode: options.mode)
        let object = try QueryDSL.query(compiled, options: options)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func testWordsArePhrasesInAnyFieldWeightedAsSosikWeighsColumns() throws {
        let q = try dsl("patrols")
        XCTAssertTrue(q.contains(#"{"match_phrase":{"title_tokens":{"boost":3,"query":"patrol"}}}"#), q)
        XCTAssertTrue(q.contains(#"{"match_phrase":{"text_tokens":{"query":"patrol"}}}"#), q)
        XCTAssertTrue(q.contains(#"{"match_phrase":{"aside_tokens":{"boost":0.3,"query":"patrol"}}}"#), q)
    }

    func testKoreanPhrasesAreUnorderedSpansWithinSosiksWindow() throws {
        // "야간 순찰": NEAR("야간" "순찰", 3) — two one-term phrases: slop 3, any order, one field.
        let q = try dsl("\"야간 순찰\"")
        XCTAssertTrue(q.contains(#""in_order":false"#) && q.contains(#""slop":3"#), q)
        XCTAssertTrue(q.contains(#"{"span_term":{"text_tokens":"야간"}}"#) && q.contains(#"{"span_term":{"text_tokens":"순찰"}}"#), q)
        XCTAssertFalse(q.contains(#"{"span_term":{"title_tokens":"야간"}},{"span_term":{"text_tokens""#), "a span stays in one field")
        // Three words of unequal length (김정은 is 김정 정은): the slop less all but the two longest.
        let three = try dsl("\"김정은 국경 순찰\"")
        XCTAssertTrue(three.contains(#""slop":5"#), three)   // 3 × 2 = 6, less 국경's one term
    }

    func testTitleExclusionAndPrefix() throws {
        let t = try dsl("title:회령 순찰")
        XCTAssertTrue(t.contains(#"{"match_phrase":{"title_tokens":{"boost":3,"query":"회령"}}}"#), t)
        XCTAssertFalse(t.contains(#"{"match_phrase":{"text_tokens":{"query":"회령"}}}"#), "title: looks in titles only")
        let n = try dsl("순찰 -회령")
        XCTAssertTrue(n.contains(#""must_not":[{"bool":{"minimum_should_match":1,"should":[{"match_phrase":{"title_tokens":{"boost":3,"query":"회령"}}}"#), n)
        XCTAssertFalse(n.contains(#"{"bool":{"must":[{"bool":{"must""#), "one-part groups are not nested")
        let p = try dsl("patr*")
        XCTAssertTrue(p.contains(#"{"prefix":{"text_tokens":{"value":"patr"}}}"#), p)
    }

    func testFiltersCompareAsSQLiteDoes() throws {
        var o = SearchOptions()
        o.lang = "ko"
        o.sources = ["Daily NK"]
        o.since = "2025-01-01"
        o.until = "2025-05"
        o.pathGlob = "ko/*"
        let q = try dsl("순찰", o)
        XCTAssertTrue(q.contains(#"{"term":{"lang":"ko"}}"#), q)
        XCTAssertTrue(q.contains(#"{"term":{"source_folded":"daily nk"}}"#) && q.contains(#"{"prefix":{"source_folded":{"value":"daily nk "}}}"#), q)
        XCTAssertTrue(q.contains(#"{"range":{"date":{"gte":"2025-01-01"}}}"#) && q.contains(#"{"range":{"date":{"lte":"2025-05-99"}}}"#), q)
        XCTAssertTrue(q.contains(#"{"wildcard":{"path":{"value":"*\/ko\/*"}}}"#), q)
        o.pathGlob = "[ab]/*"
        XCTAssertThrowsError(try dsl("순찰", o))
    }

    func testTermsThatAWhitespaceTokenizerWouldSplitStayOneTerm() {
        XCTAssertEqual(QueryDSL.token("a|b"), "a\u{FFFD}b")
        XCTAssertEqual(QueryDSL.token("a\u{3000}b"), "a\u{FFFD}b")
        XCTAssertEqual(QueryDSL.token("김정은"), "김정은")
    }
}
