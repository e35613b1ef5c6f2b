
/// The items of a query, as the ranking scores them (issue 12). FTS5 matches the whole MATCH
/// expression against whole articles (schema v5: one row per article); the ranking then looks
/// at each positive item — a leaf: one query word (its terms), a phrase or Korean NEAR group,
/// or a `title:` item — to find each item's best passage and the words each passage holds.
struct ArticlePlan: Sendable {
    indirect enum Node: Sendable {
        case leaf(Int)
        case and([Node], not: [Node])
        case or([Node])
    }

    struct Leaf: Sendable {
        /// FTS5 MATCH expression for one passage.
        var expression: String
        /// False inside an exclusion: such leaves only remove articles and are never scored.
        var positive: Bool
        /// The query words (indices into `QueryBuilder.Compiled.terms`) this leaf stands for.
        var words: [Int]
        /// As the user wrote it, for explanations.
        var label: String
    }

    var root: Node
    var leaves: [Leaf]
}

extension ArticlePlan {
    /// The MATCH expression of the plan, and where each leaf's phrases start in it (FTS5
    /// numbers the phrases of an expression from 0, left to right): the same boolean structure
    /// as QueryBuilder's own expression, written from the plan so that the ranking knows which
    /// phrase instances belong to which item — `"야간 순찰" 순찰` has 순찰 twice, and FTS5 reports
    /// only the instances near 야간 for the first one.
    func rendered() -> (expression: String, offsets: [Int]) {
        var offsets = [Int](repeating: 0, count: leaves.count)
        var phrases = 0
        func render(_ node: Node) -> String {
            switch node {
            case .leaf(let i):
                offsets[i] = phrases
                phrases += PhraseCounts.phrases(in: leaves[i].expression).count
                return leaves[i].expression
            case .and(let items, let not):
                let positive = "(" + items.map(render).joined(separator: " AND ") + ")"
                return positive + not.map { " NOT (" + render($0) + ")" }.joined()
            case .or(let items):
                return "(" + items.map(render).joined(separator: " OR ") + ")"
            }
        }
        let expression = render(root)
        return (expression, offsets)
    }

    /// What a leaf requires, phrase by phrase (indices into the whole expression's phrases).
    indirect enum Requirement: Sendable, Equatable {
        case phrase(Int)
        case all([Requirement])
        case any([Requirement])
        /// `a NOT b`: only `a` is required (and scored).
        case but(Requirement, [Requirement])
        /// Inside `title : (…)`: in the title only.
        case title(Requirement)

        /// Whether the requirement holds, given which phrases are present (and which are in the
        /// title, for `title:` items).
        func holds(_ present: (Int) -> Bool, title: (Int) -> Bool) -> Bool {
            switch self {
            case .phrase(let i): return present(i)
            case .all(let items): return items.allSatisfy { $0.holds(present, title: title) }
            case .any(let items): return items.contains { $0.holds(present, title: title) }
            case .but(let a, _): return a.holds(present, title: title)
            case .title(let inner): return inner.holds(title, title: title)
            }
        }

        /// The phrases that count for the item (not those it excludes).
        var positivePhrases: [Int] {
            switch self {
            case .phrase(let i): return [i]
            case .all(let items), .any(let items): return items.flatMap(\.positivePhrases)
            case .but(let a, _): return a.positivePhrases
            case .title(let inner): return inner.positivePhrases
            }
        }

        /// Reads an expression that QueryBuilder wrote (quoted phrases with an optional `*`,
        /// AND, OR, NOT, parentheses, `NEAR(… , n)`, `title : …`), numbering its phrases from
        /// `offset`. NOT binds tighter than AND, and AND than OR, as in FTS5; QueryBuilder
        /// parenthesizes every group anyway.
        static func parse(_ expression: String, offset: Int) -> Requirement {
            var tokens: [String] = []
            let chars = Array(expression.unicodeScalars)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == " " { i += 1; continue }
                if c == "\"" {
                    var j = i + 1
                    while j < chars.count {
                        if chars[j] == "\"" {
                            if j + 1 < chars.count && chars[j + 1] == "\"" { j += 2; continue }
                            break
                        }
                        j += 1
                    }
                    i = min(j + 1, chars.count)
                    if i < chars.count && chars[i] == "*" { i += 1 }
                    tokens.append("\"")
                    continue
                }
                if c == "(" || c == ")" || c == "," || c == ":" { tokens.append(String(c)); i += 1; continue }
                var word = String.UnicodeScalarView()
                while i < chars.count, !" ()\",:".unicodeScalars.contains(chars[i]) { word.append(chars[i]); i += 1 }
                tokens.append(String(word))
            }
            var k = 0, phrase = offset
            func peek() -> String? { k < tokens.count ? tokens[k] : nil }
            func parseOr() -> Requirement {
                var items = [parseAnd()]
                while peek() == "OR" { k += 1; items.append(parseAnd()) }
                return items.count == 1 ? items[0] : .any(items)
            }
            func parseAnd() -> Requirement {
                var items = [parseNot()]
                while peek() == "AND" { k += 1; items.append(parseNot()) }
                return items.count == 1 ? items[0] : .all(items)
            }
            func parseNot() -> Requirement {
                let a = parsePrimary()
                var excluded: [Requirement] = []
                while peek() == "NOT" { k += 1; excluded.append(parsePrimary()) }
                return excluded.isEmpty ? a : .but(a, excluded)
            }
            func parsePrimary() -> Requirement {
                guard let t = peek() else { return .all([]) }
                k += 1
                switch t {
                case "(":
                    let e = parseOr()
                    if peek() == ")" { k += 1 }
                    return e
                case "\"":
                    phrase += 1
                    return .phrase(phrase - 1)
                case "NEAR":
                    var items: [Requirement] = []
                    if peek() == "(" { k += 1 }
                    while let n = peek(), n == "\"" { k += 1; phrase += 1; items.append(.phrase(phrase - 1)) }
                    while let n = peek(), n != ")" { k += 1 }   // , distance
                    if peek() == ")" { k += 1 }
                    return .all(items)
                case "title":
                    if peek() == ":" { k += 1 }
                    return .title(parsePrimary())
                default:
                    return .all([])
                }
            }
            return parseOr()
        }
    }
}
