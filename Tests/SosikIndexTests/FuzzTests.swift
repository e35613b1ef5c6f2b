import Foundation
import Testing
@testable import SosikIndex
import SosikText

/// Seeded random and adversarial input: the analyzer and the query language never crash, token
/// offsets are always valid, and no query reaches SQLite as an error.
@Suite struct FuzzTests {
    /// xorshift64*: deterministic across runs and platforms.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let pieces: [[UInt8]] = {
        let strings = ["경찰", "이", "순찰을", "북", "北", "美中", "李大浩", "(", ")", "\"", "-", "*", "OR", "AND", "NOT", "NEAR",
                       "title:", "K-pop", "U.N.", "Kim's", "2025년", "3.5", "1,000", "ＰＯＬＩＣＥ", "\u{200B}", "\u{FEFF}",
                       "\u{1100}\u{1161}", "\u{11A8}", "\u{0301}", "ภาษาไทย", "カタカナ", "😀", " ", "\n", "\t", "\u{0}",
                       "\u{1}", "\u{2}", "…", "“", "”", "patrols", "'", ".", ",", "{", "}", "^", ":", "\\", "%", "…"]
        return strings.map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]]
    }()

    static func randomBytes(_ r: inout Random) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<(1 + r.below(12)) {
            if r.below(5) == 0 { bytes.append(UInt8(r.below(256))) } else { bytes += pieces[r.below(pieces.count)] }
        }
        return bytes
    }

    /// Offsets that fall strictly inside a *valid* multi-byte character (cutting it in half).
    /// Inside invalid sequences every byte is its own unit, as the analyzer treats them.
    static func insideCharacter(_ bytes: [UInt8]) -> Set<Int> {
        var inside = Set<Int>()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                for i in 1..<max(1, encoded.count) { inside.insert(offset + i) }
                offset += encoded.count
            case .error(let length):
                offset += length
            case .emptyInput:
                return inside
            }
        }
    }

    @Test func analyzerOffsetsAreAlwaysValidOn100kInputs() {
        var r = Random(state: 0x5051_4B15)
        let analyzer = Analyzer()
        var tokens = 0
        for _ in 0..<100_000 {
            let bytes = Self.randomBytes(&r)
            let inside = Self.insideCharacter(bytes)
            bytes.withUnsafeBufferPointer { p in
                analyzer.analyze(p) { token, start, end, _ in
                    tokens += 1
                    let valid = start >= 0 && start < end && end <= p.count && token.count > 0
                        && !inside.contains(start) && !inside.contains(end)
                    if !valid { Issue.record("bad token range \(start)..<\(end) in \(bytes)") }
                    return valid
                }
            }
        }
        #expect(tokens > 100_000)
    }

    @Test func queriesNeverFailInSQLite() throws {
        let index = try TestIndex([
            Article(id: "a", title: "경찰 순찰", body: "경찰이 순찰을 돌았다. Police patrols K-pop 2025년 北", lang: "ko"),
            Article(id: "b", body: "ภาษาไทย カタカナ U.N. Kim's 3.5", lang: "en"),
        ])
        var r = Random(state: 0xC0FFEE)
        for i in 0..<10_000 {
            let query = String(decoding: Self.randomBytes(&r), as: UTF8.self)
            for mode in [MatchMode.all, .any] where i % 2 == 0 || mode == .all {
                do {
                    _ = try index.search(query, mode)
                } catch let error as IndexError {
                    switch error {
                    case .emptyQuery, .badQuery: break
                    default: Issue.record("query \(Array(query.utf8)) failed: \(error)")
                    }
                }
            }
        }
        // And 100k parses without the database.
        for _ in 0..<100_000 {
            let query = String(decoding: Self.randomBytes(&r), as: UTF8.self)
            do { _ = try QueryBuilder.expression(for: query, mode: r.below(2) == 0 ? .all : .any) } catch let error as IndexError {
                switch error {
                case .emptyQuery, .badQuery: break
                default: Issue.record("\(error)")
                }
            }
        }
    }
}
