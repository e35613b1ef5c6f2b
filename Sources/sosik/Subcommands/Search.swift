import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch
import SosikText

extension Sosik {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find articles; print each by its best passage.",
            discussion: """
                Finds the articles that hold every query word (with --any: any of
                them, those with more first) and prints each by its best passage.
                Words are analyzed like the documents: 순찰을 finds 순찰, patrols
                finds Patrol. Phrases, -exclusion, OR, prefix*, title: and
                parentheses: see sosik help query.

                A word starting with - leaves out the articles that have it (-회령).
                A word that spells an option (-limit, -lang, -n) is refused: write
                --limit for the option, or NOT limit to leave out the word.

                Dates (--since, --until): 2025-05-01, 2025.5.1, 2025년 5월 1일,
                2025-05 (--until 2025-05: to the end of May), 2025. Undated
                articles are left out.

                Near-duplicates (wire copies, reposts) are one hit, the best-ranked,
                with +N similar under it (json: duplicates); --no-collapse shows
                every copy. --facets counts every matching article by lang,
                source, year or month after the hits.

                --fields names: \(Help.wrapped(HitPrinter.allFields, firstLine: 16))
                By default json has them all (but qid and explain, which come with
                --queries and --explain), tsv \(Help.wrapped(HitPrinter.tsvFields, firstLine: 30))

                Exit status: 0 with results, 1 with none, 2 on error.

                Examples:
                  sosik search 순찰 patrols
                  sosik search --any --limit 5 "경찰이 국경에서 순찰을 강화했다"
                  sosik search --lang en --format json police | jq -r .title
                  sosik search --any --queries questions.jsonl > hits.jsonl
                  sosik search '"야간 순찰"' -회령 --since 2025-01
                  sosik search --sort newest --per-doc 3 --format ids 인민반
                  sosik search --facets lang,source,year 순찰
                  sosik search --new --any 순찰 patrols
                  sosik search --translate --lang ko "home visits"
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Articles with any query word, more of them first.")
        var any = false

        @Option(name: .long, parsing: .unconditional,
                help: ArgumentHelp("Hits to print (passages with --per-doc).", valueName: "n"))
        var limit = 10

        @OptionGroup var filters: FilterOptions
        var lang: String? { filters.lang }

        @Option(name: .customLong("per-doc"), parsing: .unconditional,
                help: ArgumentHelp("Passages per article, the best; 0 = all.", valueName: "n"))
        var perDoc = 1

        @Option(name: .long, help: ArgumentHelp("Order of the results (date: oldest first).", valueName: "order"))
        var sort: SortOrder = .relevance

        @Option(name: .long, help: ArgumentHelp("Output (default: text; json with --queries).", valueName: "format"))
        var format: OutputFormat?

        @Flag(name: .long, help: "Print only the number of results.")
        var count = false

        @Flag(name: .long, help: "Show how each hit's score adds up.")
        var explain = false

        @Option(name: .long, help: ArgumentHelp(
            "Queries, one per line of a file (- for stdin): text or {\"qid\", \"query\"} JSON; hits as JSON Lines.",
            valueName: "file"), completion: .file())
        var queries: String?

        @Option(name: .customLong("max-candidates"), parsing: .unconditional, help: ArgumentHelp(
            "Score at most this many matching articles, the newest; 0 = all.",
            valueName: "n"))
        var maxCandidates = Searcher.defaultMaxCandidates

        @Option(name: .long, help: ArgumentHelp("Highlight matches (auto: on a terminal).", valueName: "when"))
        var color: ColorChoice = .auto

        @Flag(name: .long, help: "Only articles added or changed by the last index run.")
        var new = false

        @Option(name: .customLong("added-since"), help: ArgumentHelp(
            "Only articles added since this run (number) or date.", valueName: "when"))
        var addedSince: String?

        @Option(name: .long, help: ArgumentHelp(
            "Count all matches by lang, source, year, month.", valueName: "list"))
        var facets: String?

        @Flag(name: .customLong("no-collapse"), help: "Show near-duplicate articles apart (default: one hit, +N similar).")
        var noCollapse = false

        @Flag(name: .long, help: "Words also match their translations (ko <-> en).")
        var translate = false

        @Option(name: .long, help: ArgumentHelp("More glossary entries for --translate.", valueName: "file"),
                completion: .file())
        var glossary: String?

        @Option(name: .long, help: ArgumentHelp(
            "Comma-separated fields for json or tsv (see below).",
            valueName: "list"))
        var fields: String?

        @Option(name: .long, help: ArgumentHelp(
            "Search an index on OpenSearch instead of --db: http(s)://HOST:PORT[/INDEX].", valueName: "url"))
        var opensearch: String?

        @Option(name: .long, help: ArgumentHelp(
            "With --opensearch: articles fetched per query and ranked again by sosik.", valueName: "n"))
        var candidates = OpenSearchSearcher.defaultCandidates

        @Argument(parsing: .allUnrecognized, help: "Query words (sosik help query); -word leaves it out.")
        var query: [String] = []

        var facetList: [String]? {
            facets.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty } }
        }

        var fieldList: [String]? {
            fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }

        func validate() throws {
            // Query words may start with "-" (exclusions), so unknown arguments land in `query`:
            // a "--word" there is a mistyped option, and so is a "-word" that spells an option.
            if let mistake = Usage.mistypedOption(in: query, of: Self.self, aliases: Self.optionAliases) {
                throw ValidationError(mistake.description)
            }
            if let list = fieldList {
                if let bad = list.first(where: { !HitPrinter.allFields.contains($0) }) {
                    throw ValidationError("unknown field \(bad) in --fields; fields are \(HitPrinter.allFields.joined(separator: ","))")
                }
                if list.isEmpty { throw ValidationError("--fields needs at least one field name") }
            }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1 (got \(limit)): it is the number of hits to print") }
            if opensearch != nil {
                guard candidates >= 1 else { throw ValidationError("--candidates must be at least 1") }
            }
            guard maxCandidates >= 0 else { throw ValidationError("--max-candidates must be 0 (all) or more (got \(maxCandidates))") }
            guard perDoc >= 0 else { throw ValidationError("--per-doc must be 0 (all) or more (got \(perDoc))") }
            if count && (explain || (queries == nil && format != nil) || format == .text || format == .ids) {
                throw ValidationError("--count prints a number (with --queries, a line per query: json or tsv): it takes no --explain")
            }
            if let list = facetList {
                if let bad = list.first(where: { FacetField(rawValue: $0) == nil }) {
                    throw ValidationError("unknown facet \(bad) in --facets; facets are lang, source, year, month")
                }
                if count || queries != nil || format == .ids {
                    throw ValidationError("--facets goes with a search printing text, json or tsv (not --count, --queries or ids)")
                }
            }
            if queries != nil {
                guard query.isEmpty else { throw ValidationError("give either query words or --queries, not both") }
                guard format != .text else { throw ValidationError("--queries writes JSON Lines or TSV, not text") }
            } else {
                guard !query.isEmpty else { throw ValidationError("missing query: sosik search WORD...") }
            }
        }

        var options: SearchOptions {
            var o = SearchOptions(mode: any ? .any : .all, limit: limit)
            filters.apply(to: &o)
            o.perDocument = perDoc
            o.sort = sort.option
            o.explain = explain
            o.maxCandidates = maxCandidates
            o.collapse = !noCollapse
            return o
        }

        /// Whether to translate: --translate, or --lang naming the other language than all the
        /// query's words (`--lang ko police` asks for Korean articles about police).
        var translating: (on: Bool, implied: Bool) {
            if translate { return (true, false) }
            guard let lang = lang.flatMap(LanguageDetector.filter), lang != "other", queries == nil else { return (false, false) }
            let text = query.joined(separator: " ")
            let hangul = text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
            let latin = text.unicodeScalars.contains { ($0.value | 0x20) >= 0x61 && ($0.value | 0x20) <= 0x7A }
            let other = lang == "ko" ? latin && !hangul : hangul && !latin
            return (other, other)
        }

        /// The translator for --translate, with the user's glossary when one is given.
        func makeTranslator() throws -> Translator {
            var extra = ""
            if let glossary {
                guard let data = FileManager.default.contents(atPath: glossary) else {
                    throw ValidationError("--glossary \(glossary): cannot read the file")
                }
                extra = String(decoding: data, as: UTF8.self)
                if let line = Translator.glossaryProblems(extra).first {
                    throw ValidationError("--glossary \(glossary):\(line): write KOREAN = ENGLISH; OTHER ENGLISH (see sosik help search)")
                }
            }
            return Translator(userGlossary: extra)
        }

        /// The first run whose articles are kept: the last one with --new, the one --added-since
        /// names (a number, or the first started on or after a date); past every run when none
        /// qualifies (nothing is new).
        static func sinceRun(_ backend: SearchBackend, new: Bool, addedSince: String?) throws -> Int64? {
            if new { return try backend.lastRun() ?? Int64.max }
            if let addedSince {
                guard Int64(addedSince) != nil || DateNormalizer.strict(addedSince) != nil else {
                    throw ValidationError("--added-since \(addedSince) is neither a run number (sosik stats lists them) nor a date")
                }
                // A timestamp is compared as written (runs are stamped in ISO 8601); a day, normalized.
                let since = Int64(addedSince) != nil || addedSince.contains("T") ? addedSince : DateNormalizer.strict(addedSince) ?? addedSince
                return try backend.firstRun(since: since.trimmingCharacters(in: .whitespaces)) ?? Int64.max
            }
            return nil
        }

        /// Single-dash words taken for an option rather than an exclusion: `-n 3` (`head -n`).
        static let optionAliases = ["n": "limit"]

        enum SortOrder: String, ExpressibleByArgument, CaseIterable {
            case relevance, date, dateDescending = "-date", oldest, newest
            /// What help and completions offer; -date and oldest are accepted too.
            static var allValueStrings: [String] { ["relevance", "date", "newest"] }
            var option: SearchOptions.Sort {
                switch self {
                case .relevance: return .relevance
                case .date, .oldest: return .date
                case .dateDescending, .newest: return .dateDescending
                }
            }
        }

        func run() throws {
            let backend = try Sosik.searchBackend(opensearch: opensearch, database: database, candidates: candidates)
            var options = self.options
            options.sinceRun = try Self.sinceRun(backend, new: new, addedSince: addedSince)
            if let queries {
                var printer = HitPrinter(format: format ?? .json, color: false, fields: fieldList)
                printer.qidColumn = true
                options.snippets = printer.needsSnippets
                if translate { options.translator = try makeTranslator() }
                var batch = BatchSearch(search: { try backend.search($0, options: $1) }, options: options, printer: printer)
                if count { batch.count = { try backend.count($0, options: $1) } }
                try batch.run(path: queries)
                return
            }
            let format = self.format ?? .text
            let text = query.filter { $0 != "--" }.joined(separator: " ")
            if translating.on {
                options.translator = try makeTranslator()
                if translating.implied && Terminal.stderrIsTerminal {
                    Terminal.info("sosik: --lang \(lang ?? "") with words in the other language: translating them (as --translate)")
                }
            }
            // --explain: how the query was read, on stderr (stdout keeps the hits, in any format):
            // the translations it used, with their weights, and the question words left out.
            if explain, let compiled = try? backend.compiled(text, options: options) {
                if translating.on {
                    for (word, found) in compiled.translations {
                        Terminal.info("translations: \(word) → " + (found.isEmpty ? "(none)" : found.map {
                            "\($0.label) \(String(format: "%.3f", $0.weight)) (\($0.source)\($0.weak ? "; weak: below \(Translator.floor) beside a strong translation, ranked after it" : ""))"
                        }.joined(separator: ", ")))
                    }
                }
                if !compiled.questionWords.isEmpty {
                    Terminal.info("not searched: \(compiled.questionWords.joined(separator: ", ")) (question words beside other words; quote one to search for it)")
                }
            }
            if count {
                let n = try backend.count(text, options: options)
                var out = StandardOutput()
                out.write("\(n)\n")
                out.flush()
                if n == 0 { throw ExitCode(1) }
                return
            }
            var printer = HitPrinter(format: format, color: color.enabled, fields: fieldList)
            printer.explain = explain
            options.snippets = printer.needsSnippets
            let hits = try backend.search(text, options: options)
            printer.begin()
            for (i, hit) in hits.enumerated() { printer.print(hit, rank: i + 1) }
            printer.end()
            if let list = facetList, !hits.isEmpty {
                let facets = try backend.facets(text, options: options, fields: list.compactMap(FacetField.init))
                printer.facets(facets.fields, matched: facets.matched)
            }
            if hits.isEmpty {
                // A person at a terminal gets a hint; scripts get nothing but the exit status.
                if format == .text && Terminal.stdoutIsTerminal {
                    var hint = "no article matches every word of \(text)"
                    if !any, query.count > 1,
                       let some = try? backend.search(text, options: SearchOptions(mode: .any, limit: 1, lang: lang.flatMap(LanguageDetector.filter))),
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
