import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the index; print the matching articles, each by its best passage.",
            discussion: """
                Every query word must occur somewhere in an article unless --any is given;
                phrases inside one passage; -word leaves out articles that have it anywhere.
                Words are analyzed like the documents: 순찰을 finds 순찰, patrols finds Patrol.
                Phrases, -exclusion, OR, prefix*, title: and parentheses: see
                `sosik help query`. Exit status: 0 with results, 1 with none, 2 on error.

                Examples:
                  sosik search 순찰 patrols
                  sosik search --any --limit 5 "경찰이 국경에서 순찰을 강화했다"
                  sosik search --lang en --format json police | jq -r .title
                  sosik search --any --queries questions.jsonl > hits.jsonl
                  sosik search '"야간 순찰"' -회령 --since 2025-01 --source "소식 샘플 (가상)"
                  sosik search --sort=-date --per-doc 3 --format ids 인민반
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Find articles with any query word, those with more first (for natural-language questions).")
        var any = false

        @Option(name: .long, help: "Maximum number of hits to print (articles; passages with --per-doc).")
        var limit = 10

        @Option(name: .long, help: ArgumentHelp("Only documents in this language.", valueName: "ko|en"))
        var lang: String?

        @Option(name: .long, help: ArgumentHelp("Only documents from this source (repeatable).", valueName: "name"))
        var source: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only documents dated on or after this day (2025-05-01, 2025.5.1, 2025년 5월 1일, 2025-05, 2025).", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Only documents dated on or before this day (same forms; 2025-05 = to the end of May).", valueName: "date"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("Only documents whose file path matches this glob (e.g. '*/ko/*').", valueName: "glob"))
        var path: String?

        @Option(name: .customLong("per-doc"), help: ArgumentHelp("Passages per article (the best ones); 0 = all.", valueName: "n"))
        var perDoc = 1

        @Option(name: .long, help: ArgumentHelp("Order of the results: relevance, date (oldest first), -date (newest first; write --sort=-date or --sort newest).", valueName: "order"))
        var sort: SortOrder = .relevance

        @Option(name: .long, help: ArgumentHelp("Output format (default: text; json with --queries).", valueName: "text|json|tsv|ids"))
        var format: OutputFormat?

        @Flag(name: .long, help: "Print only the number of results (articles; passages with --per-doc).")
        var count = false

        @Flag(name: .long, help: "Show, per hit, how the score adds up: the article's BM25, each query item's best passage, word coverage, the passage bonus.")
        var explain = false

        @Option(name: .long, help: ArgumentHelp(
            "Run many queries in one process: a file (or - for stdin) of JSON Lines {\"qid\", \"query\"} or plain lines (qid = line number). Hits are written as JSON Lines with their qid.",
            valueName: "file"))
        var queries: String?

        @Option(name: .customLong("max-candidates"), help: ArgumentHelp(
            "Score at most this many matching articles (default \(Searcher.defaultMaxCandidates); 0 = all): the newest ones. With --any, the words in more passages than that are read only among the newest.",
            valueName: "n"))
        var maxCandidates = Searcher.defaultMaxCandidates

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
            guard maxCandidates >= 0 else { throw ValidationError("--max-candidates must be 0 (all) or more (got \(maxCandidates))") }
            guard perDoc >= 0 else { throw ValidationError("--per-doc must be 0 (all) or more (got \(perDoc))") }
            for (name, value) in [("--since", since), ("--until", until)] {
                if let value, DateNormalizer.iso(value) == nil {
                    throw ValidationError("\(name) \(value) is not a date (use 2025-05-01, 2025.5.1, 2025년 5월 1일, 2025-05 or 2025)")
                }
            }
            if count && (queries != nil || format != nil || explain) {
                throw ValidationError("--count prints a number: it takes no --queries, --format or --explain")
            }
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
            var o = SearchOptions(mode: any ? .any : .all, limit: limit, lang: lang.flatMap(LanguageDetector.normalize))
            o.sources = source
            o.since = since.flatMap(DateNormalizer.iso)
            o.until = until.flatMap(DateNormalizer.iso)
            o.pathGlob = path
            o.perDocument = perDoc
            o.sort = sort.option
            o.explain = explain
            o.maxCandidates = maxCandidates
            return o
        }

        enum SortOrder: String, ExpressibleByArgument, CaseIterable {
            case relevance, date, dateDescending = "-date", oldest, newest
            var option: SearchOptions.Sort {
                switch self {
                case .relevance: return .relevance
                case .date, .oldest: return .date
                case .dateDescending, .newest: return .dateDescending
                }
            }
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
            let text = query.filter { $0 != "--" }.joined(separator: " ")
            if count {
                let n = try Searcher(database: index).count(text, options: options)
                var out = StandardOutput()
                out.write("\(n)\n")
                out.flush()
                if n == 0 { throw ExitCode(1) }
                return
            }
            var printer = HitPrinter(format: format, color: color.enabled, fields: fieldList)
            printer.explain = explain
            var options = self.options
            options.snippets = printer.needsSnippets
            let hits = try Searcher(database: index).search(text, options: options)
            printer.begin()
            for (i, hit) in hits.enumerated() { printer.print(hit, rank: i + 1) }
            printer.end()
            if hits.isEmpty {
                // A person at a terminal gets a hint; scripts get nothing but the exit status.
                if format == .text && Terminal.stdoutIsTerminal {
                    var hint = "no article matches every word of \(text)"
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
