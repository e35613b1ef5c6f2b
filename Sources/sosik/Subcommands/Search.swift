import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the index; print the best passages, matches highlighted.",
            discussion: """
                Every query word must match unless --any is given. Words are analyzed like the
                documents: 순찰을 finds 순찰, patrols finds Patrol. Exit status: 0 with results,
                1 with none, 2 on error.

                Examples:
                  sosik search 순찰 patrols
                  sosik search --any --limit 5 "경찰이 국경에서 순찰을 강화했다"
                  sosik search --lang en --format json police | jq -r .title
                  sosik search --any --queries questions.jsonl > hits.jsonl
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Rank passages that match any query word (for natural-language questions).")
        var any = false

        @Option(name: .long, help: "Maximum number of passages to print.")
        var limit = 10

        @Option(name: .long, help: ArgumentHelp("Only documents in this language.", valueName: "ko|en"))
        var lang: String?

        @Option(name: .long, help: ArgumentHelp("Output format (default: text; json with --queries).", valueName: "text|json|tsv"))
        var format: OutputFormat?

        @Option(name: .long, help: ArgumentHelp(
            "Run many queries in one process: a file (or - for stdin) of JSON Lines {\"qid\", \"query\"} or plain lines (qid = line number). Hits are written as JSON Lines with their qid.",
            valueName: "file"))
        var queries: String?

        @Option(name: .long, help: ArgumentHelp("Highlight matches with ANSI colors.", valueName: "auto|always|never"))
        var color: ColorChoice = .auto

        @Option(name: .long, help: ArgumentHelp(
            "Comma-separated fields for json/tsv output (default: all for json; rank,score,id,doc_id,lang,date,source,title,snippet for tsv). Names: \(HitPrinter.allFields.joined(separator: ",")).",
            valueName: "list"))
        var fields: String?

        @Argument(parsing: .allUnrecognized, help: "Query words (see `sosik help query`); -word excludes.")
        var query: [String] = []

        var fieldList: [String]? {
            fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }

        func validate() throws {
            // Query words may start with "-" (exclusions), so unknown arguments land in `query`;
            // a "--word" there is a mistyped option, not a query.
            if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
                throw ValidationError("unknown option \(option)")
            }
            if let list = fieldList {
                if let bad = list.first(where: { !HitPrinter.allFields.contains($0) }) {
                    throw ValidationError("unknown field \(bad) in --fields; fields are \(HitPrinter.allFields.joined(separator: ","))")
                }
                if list.isEmpty { throw ValidationError("--fields needs at least one field name") }
            }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1 (got \(limit))") }
            if let lang, LanguageDetector.normalize(lang) == nil {
                throw ValidationError("--lang must be ko or en (got \(lang))")
            }
            if queries != nil {
                guard query.isEmpty else { throw ValidationError("give either query words or --queries, not both") }
                guard format != .text else { throw ValidationError("--queries writes JSON Lines or TSV, not text") }
            } else {
                guard !query.isEmpty else { throw ValidationError("missing query: sosik search WORD...") }
            }
        }

        var options: SearchOptions {
            SearchOptions(mode: any ? .any : .all, limit: limit, lang: lang.flatMap(LanguageDetector.normalize))
        }

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            if let queries {
                var printer = HitPrinter(format: format ?? .json, color: false, fields: fieldList)
                printer.qidColumn = true
                var options = self.options
                options.snippets = printer.needsSnippets
                try BatchSearch(searcher: Searcher(database: index), options: options, printer: printer)
                    .run(path: queries)
                return
            }
            let format = self.format ?? .text
            let text = query.joined(separator: " ")
            var printer = HitPrinter(format: format, color: color.enabled, fields: fieldList)
            var options = self.options
            options.snippets = printer.needsSnippets
            let hits = try Searcher(database: index).search(text, options: options)
            printer.begin()
            for (i, hit) in hits.enumerated() { printer.print(hit, rank: i + 1) }
            printer.end()
            if hits.isEmpty {
                // A person at a terminal gets a hint; scripts get nothing but the exit status.
                if format == .text && Terminal.stdoutIsTerminal {
                    var hint = "no passage matches every word of \(text)"
                    if !any, query.count > 1,
                       let some = try? Searcher(database: index).search(text, options: SearchOptions(mode: .any, limit: 1, lang: lang.flatMap(LanguageDetector.normalize))),
                       !some.isEmpty {
                        hint += " (some match one of them: try --any)"
                    }
                    Terminal.info(hint)
                }
                throw ExitCode(1)
            }
        }
    }
}
