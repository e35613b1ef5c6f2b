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
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Rank passages that match any query word (for natural-language questions).")
        var any = false

        @Option(name: .long, help: "Maximum number of passages to print.")
        var limit = 10

        @Option(name: .long, help: ArgumentHelp("Only documents in this language.", valueName: "ko|en"))
        var lang: String?

        @Option(name: .long, help: ArgumentHelp("Output format.", valueName: "text|json|tsv"))
        var format: OutputFormat = .text

        @Option(name: .long, help: ArgumentHelp("Highlight matches with ANSI colors.", valueName: "auto|always|never"))
        var color: ColorChoice = .auto

        @Argument(help: "Query words.")
        var query: [String] = []

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1 (got \(limit))") }
            if let lang, LanguageDetector.normalize(lang) == nil {
                throw ValidationError("--lang must be ko or en (got \(lang))")
            }
            guard !query.isEmpty else { throw ValidationError("missing query: sosik search WORD...") }
        }

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            let text = query.joined(separator: " ")
            let hits = try Searcher(database: index).search(text, options: SearchOptions(
                mode: any ? .any : .all, limit: limit, lang: lang.flatMap(LanguageDetector.normalize)))
            var printer = HitPrinter(format: format, color: color.enabled)
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
