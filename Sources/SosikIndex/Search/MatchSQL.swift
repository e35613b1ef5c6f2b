import GRDB

/// The one place that writes "the articles an FTS5 expression matches, under the filters" as
/// SQL (issue 25): `article_fts` joined with `documents d` (when a filter or a column needs
/// it), `MATCH ?` and the filters of SearchOptions, then the caller's own conditions and tail.
///
/// ```swift
/// let q = MatchSQL(expression: compiled.expression, options: options)
/// let (sql, arguments) = q.select("COUNT(*)")
/// ```
struct MatchSQL {
    let expression: String
    let filters: (sql: String, arguments: [DatabaseValueConvertible?])

    init(expression: String, options: SearchOptions) {
        self.expression = expression
        self.filters = options.filters
    }

    /// `SELECT columns FROM article_fts [JOIN documents d] WHERE article_fts MATCH ? <and>
    /// <filters> <tail>`, with the arguments in order. `documents`: whether `columns`, `and` or
    /// `tail` name `d` (the join is there whenever a filter needs it anyway).
    func select(_ columns: String, documents: Bool = true, and: String = "", andArguments: [DatabaseValueConvertible?] = [],
                tail: String = "", tailArguments: [DatabaseValueConvertible?] = []) -> (sql: String, arguments: StatementArguments) {
        let join = documents || !filters.sql.isEmpty ? " JOIN documents d ON d.id = article_fts.rowid" : ""
        let sql = "SELECT \(columns) FROM article_fts\(join) WHERE article_fts MATCH ?\(and)\(filters.sql)\(tail.isEmpty ? "" : " " + tail)"
        return (sql, StatementArguments([expression] + andArguments + filters.arguments + tailArguments))
    }
}
