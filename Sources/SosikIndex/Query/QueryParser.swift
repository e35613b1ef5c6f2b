import SosikText

/// The query language of `sosik search`, parsed into a tree.
///
///     word word        every word must match
///     "exact phrase"   the words in this order, close together (particles may sit between Korean words)
///     -word -"phrase"  exclude
///     a OR b           either (binds tighter than the implicit AND: a OR b c = (a OR b) AND c)
///     patr*            prefix (English; Korean words already match inside longer words)
///     title:word       in the title only (also title:"…" and title:(…))
///     ( … )            grouping
///
/// Forgiving: an unclosed quote or parenthesis is closed at the end of the query. A stray `)`,
/// an `OR` without a word on one side, or a query that only excludes is an error that names
/// the column. `-(-x)` is `x`; a word or phrase repeated in one AND or OR counts once. Limits:
/// `maxDepth` levels of nesting (parentheses, `-`, `title:`) and `maxWords` distinct words and
/// phrases; a query past either is refused with a message that says so (the parser and the
/// compiler recurse over the tree, and the work of matching grows with the number of words).
///
/// ```swift
/// let node = try QueryParser.parse("순찰 -\"야간 근무\" title:police")
/// ```
public enum QueryParser {
    public indirect enum Node: Hashable, Sendable {
        case word(String, prefix: Bool)
        case phrase(String)
        case and([Node])
        case or([Node])
        case not(Node)
        case title(Node)
    }

    enum Token: Equatable {
        case word(String, column: Int)
        case phrase(String, column: Int)
        case open(column: Int), close(column: Int)
        case or(column: Int), minus(column: Int)
        case title(column: Int)

        var column: Int {
            switch self {
            case .word(_, let c), .phrase(_, let c), .open(let c), .close(let c), .or(let c), .minus(let c), .title(let c): return c
            }
        }
    }

    /// Levels of nesting a query may have: parentheses, `-` and `title:` each add one.
    public static let maxDepth = 64
    /// Distinct words and phrases a query may hold (after repeats are merged).
    public static let maxWords = 256

    /// - Parameter lenient: for prose (`--any` questions pasted from text): a stray `)` or an
    ///   `OR` without a word beside it is ignored instead of refused.
    public static func parse(_ query: String, lenient: Bool = false) throws -> Node {
        var tokens = tokenize(query)
        if lenient { tokens = dropStrayOperators(tokens) }
        var i = 0
        func fail(_ column: Int, _ message: String) -> IndexError {
            IndexError.badQuery(query: query, column: column, message: message)
        }
        func parseOr() throws -> Node? { try parseAnd() }
        // AND of units; a unit is an OR chain of primaries.
        func parseAnd() throws -> Node? {
            var items: [Node] = []
            while i < tokens.count {
                if case .close = tokens[i] { break }
                if case .or(let c) = tokens[i] { throw fail(c, "OR needs a word before it") }
                guard var unit = try parseUnary() else { continue }
                var alternatives = [unit]
                while i < tokens.count, case .or(let c) = tokens[i] {
                    i += 1
                    guard i < tokens.count, let next = try parseUnary() else {
                        throw fail(c, "OR needs a word after it")
                    }
                    alternatives.append(next)
                }
                if alternatives.count > 1 { unit = .or(alternatives) }
                items.append(unit)
            }
            if items.isEmpty { return nil }
            return items.count == 1 ? items[0] : .and(items)
        }
        func parseUnary() throws -> Node? {
            guard i < tokens.count else { return nil }
            if case .minus = tokens[i] {
                i += 1
                guard let inner = try parsePrimary() else { return nil }
                return .not(inner)
            }
            return try parsePrimary()
        }
        var depth = 0
        func parsePrimary() throws -> Node? {
            guard i < tokens.count else { return nil }
            let token = tokens[i]
            i += 1
            depth += 1
            defer { depth -= 1 }
            if depth > maxDepth {
                throw fail(token.column, "the query nests more than \(maxDepth) levels deep (parentheses, -, title:)")
            }
            switch token {
            case .word(let w, _):
                if w.hasSuffix("*") && w.count > 1 { return .word(String(w.dropLast()), prefix: true) }
                return .word(w, prefix: false)
            case .phrase(let p, _):
                return .phrase(p)
            case .title:
                guard let inner = try parsePrimary() else { return nil }
                return .title(inner)
            case .open(let c):
                let inner = try parseOr()
                if i < tokens.count, case .close = tokens[i] { i += 1 }   // unclosed: closed at the end
                _ = c
                return inner   // "()" holds nothing to search: dropped
            case .close(let c):
                throw fail(c, "unmatched )")
            case .or(let c):
                throw fail(c, "OR needs a word before it")
            case .minus:
                return try parsePrimary()
            }
        }
        var parts: [Node] = []
        while i < tokens.count {
            if case .close(let c) = tokens[i] { throw fail(c, "unmatched )") }
            if let node = try parseOr() { parts.append(node) }
        }
        guard !parts.isEmpty else { throw IndexError.emptyQuery(query) }
        let tree = simplified(parts.count == 1 ? parts[0] : .and(parts))
        var words = Set<Node>()
        tree.collectWords(into: &words)
        if words.count > maxWords {
            throw IndexError.badQuery(query: query, column: 1, message: "\(words.count) different words and phrases; the limit is \(maxWords) words")
        }
        return tree
    }

    /// `-(-x)` → `x`; repeats inside one AND or OR dropped (`police police` is `police`). The
    /// tree is at most `maxDepth` deep here, so recursion is bounded.
    static func simplified(_ node: Node) -> Node {
        func unique(_ parts: [Node]) -> [Node] {
            var seen = Set<Node>(), out: [Node] = []
            for p in parts.map(simplified) where seen.insert(p).inserted { out.append(p) }
            return out
        }
        switch node {
        case .not(.not(let inner)): return simplified(inner)
        case .not(let inner): return .not(simplified(inner))
        case .title(let inner): return .title(simplified(inner))
        case .and(let parts):
            let u = unique(parts)
            return u.count == 1 ? u[0] : .and(u)
        case .or(let parts):
            let u = unique(parts)
            return u.count == 1 ? u[0] : .or(u)
        case .word, .phrase: return node
        }
    }

    /// Removes the `)` without a `(` and the `OR`s without a word on both sides.
    static func dropStrayOperators(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        var depth = 0
        for t in tokens {
            switch t {
            case .open: depth += 1; out.append(t)
            case .close: if depth > 0 { depth -= 1; out.append(t) }
            case .or:
                if let last = out.last, !(last == .open(column: last.column) || last == .or(column: last.column)
                                           || last == .minus(column: last.column) || last == .title(column: last.column)) {
                    out.append(t)
                }
            default: out.append(t)
            }
        }
        while let last = out.last, case .or = last { out.removeLast() }
        // An OR right before a ")" has nothing after it.
        var cleaned: [Token] = []
        for (i, t) in out.enumerated() {
            if case .or = t, i + 1 < out.count, case .close = out[i + 1] { continue }
            cleaned.append(t)
        }
        return cleaned
    }

    /// Splits the query, keeping 1-based character columns for messages.
    static func tokenize(_ query: String) -> [Token] {
        let chars = Array(query)
        var tokens: [Token] = []
        var i = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if isSpace(c) { i += 1; continue }
            switch c {
            case "\"", "“", "”":
                var j = i + 1
                while j < chars.count && !"\"“”".contains(chars[j]) { j += 1 }
                tokens.append(.phrase(String(chars[(i + 1)..<j]), column: column))
                i = min(j + 1, chars.count)
            case "(":
                tokens.append(.open(column: column)); i += 1
            case ")":
                tokens.append(.close(column: column)); i += 1
            case "-" where i + 1 < chars.count && !isSpace(chars[i + 1]) && (i == 0 || isSpace(chars[i - 1]) || chars[i - 1] == "("):
                tokens.append(.minus(column: column)); i += 1
            default:
                var j = i
                while j < chars.count && !isSpace(chars[j]) && !"\"“”()".contains(chars[j]) { j += 1 }
                let word = String(chars[i..<j])
                if word == "OR" { tokens.append(.or(column: column)) }
                else if word == "AND" { /* the implicit AND, written out */ }
                else if word == "NOT" { tokens.append(.minus(column: column)) }
                else if word.lowercased().hasPrefix("title:") {
                    tokens.append(.title(column: column))
                    let rest = String(word.dropFirst(6))
                    if !rest.isEmpty { tokens.append(.word(rest, column: column + 6)) }
                } else {
                    tokens.append(.word(word, column: column))
                }
                i = j
            }
        }
        // "NOT" or "-" at the very end, or "title:" with nothing after, mean nothing.
        while let last = tokens.last, last == .minus(column: last.column) || last == .title(column: last.column) {
            tokens.removeLast()
        }
        return tokens
    }
}

extension QueryParser.Node {
    /// The distinct words and phrases of the tree.
    func collectWords(into words: inout Set<QueryParser.Node>) {
        switch self {
        case .word, .phrase: words.insert(self)
        case .not(let inner), .title(let inner): inner.collectWords(into: &words)
        case .and(let parts), .or(let parts): for p in parts { p.collectWords(into: &words) }
        }
    }
}
