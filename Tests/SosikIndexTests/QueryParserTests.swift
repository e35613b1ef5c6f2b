import Testing
@testable import SosikIndex

/// The query language's parser on its own (issue 25): the tree each form gives, and the column
/// each mistake is reported at.
@Suite struct QueryParserTests {
    typealias N = QueryParser.Node

    func parse(_ q: String, lenient: Bool = false) throws -> N { try QueryParser.parse(q, lenient: lenient) }

    /// The column of the error a query gives, or nil when it parses.
    func column(_ q: String) -> Int? {
        do { _ = try parse(q); return nil } catch let IndexError.badQuery(_, column, _) { return column } catch { return -1 }
    }

    @Test func wordsPhrasesPrefixesAndTitles() throws {
        #expect(try parse("순찰 patrols") == .and([.word("순찰", prefix: false), .word("patrols", prefix: false)]))
        #expect(try parse("\"야간 순찰\"") == .phrase("야간 순찰"))
        #expect(try parse("patr*") == .word("patr", prefix: true))
        #expect(try parse("*") == .word("*", prefix: false))   // a lone star is no prefix
        #expect(try parse("title:순찰") == .title(.word("순찰", prefix: false)))
        #expect(try parse("title:\"야간 순찰\"") == .title(.phrase("야간 순찰")))
    }

    @Test func orBindsTighterThanTheImplicitAnd() throws {
        let a = N.word("a", prefix: false), b = N.word("b", prefix: false), c = N.word("c", prefix: false)
        #expect(try parse("a OR b c") == .and([.or([a, b]), c]))
        #expect(try parse("a (b OR c)") == .and([a, .or([b, c])]))
        #expect(try parse("a or b") == .and([a, .word("or", prefix: false), b]))   // only OR in capitals
    }

    @Test func exclusionsAndDoubleNegation() throws {
        let x = N.word("x", prefix: false), y = N.word("y", prefix: false)
        #expect(try parse("x -y") == .and([x, .not(y)]))
        #expect(try parse("x -\"야간 근무\"") == .and([x, .not(.phrase("야간 근무"))]))
        #expect(try parse("-(-x)") == x)
    }

    @Test func repeatsCountOnce() throws {
        #expect(try parse("police police") == .word("police", prefix: false))
        #expect(try parse("a OR a") == .word("a", prefix: false))
    }

    @Test func unclosedQuotesAndParenthesesCloseAtTheEnd() throws {
        #expect(try parse("\"야간 순찰") == .phrase("야간 순찰"))
        #expect(try parse("(a OR b") == .or([.word("a", prefix: false), .word("b", prefix: false)]))
    }

    @Test func mistakesNameTheirColumn() throws {
        #expect(column("a )") == 3)
        #expect(column("OR a") == 1)
        #expect(column("a OR") == 3)
        #expect(column("a b") == nil)
        #expect(try parse("-x") == .not(.word("x", prefix: false)))   // "only excludes" is the compiler's error
        #expect(throws: IndexError.self) { try parse("   ") }
    }

    @Test func lenientModeDropsStrayOperators() throws {
        #expect(try parse("a OR", lenient: true) == .word("a", prefix: false))
        #expect(try parse(") a", lenient: true) == .word("a", prefix: false))
    }

    @Test func limitsOnDepthAndWords() throws {
        let deep = String(repeating: "(", count: QueryParser.maxDepth + 1) + "x"
        #expect(column(deep) != nil)
        let many = (0...QueryParser.maxWords).map { "w\($0)" }.joined(separator: " ")
        #expect(column(many) == 1)
        let enough = (1..<QueryParser.maxWords).map { "w\($0)" }.joined(separator: " ")
        #expect(column(enough) == nil)
    }
}
