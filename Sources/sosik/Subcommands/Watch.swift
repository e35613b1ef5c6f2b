import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch
import SosikText

extension Sosik {
    /// `sosik watch QUERIES.jsonl`: saved queries run against what the last `sosik index` run
    /// added or changed, for a cron line: `sosik index ~/news && sosik watch ~/alerts.jsonl`.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run saved queries on what the last index run added.",
            discussion: """
                Each line of the file is a saved query: a JSON object
                {"qid": "patrols", "query": "순찰 patrols", "any": true,
                 "lang": "ko", "source": "Daily NK", "since": "2025-01",
                 "until": "2025-12", "translate": true, "limit": 5}
                (only query is required; qid defaults to the line number) or a
                line of plain query text. Each query runs against the articles
                the last sosik index run added or changed (--added-since: a run
                number from sosik stats, or a date, for a longer window).

                A bad line is reported with its file and line and skipped.

                Exit status: 0 when some query has new hits, 1 when none has,
                2 on error.

                Examples:
                  sosik watch alerts.jsonl
                  sosik watch --format json alerts.jsonl | jq -r '.qid + " " + .title'
                  sosik index ~/news && sosik watch ~/alerts.jsonl
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Output: text or json (JSON Lines, each hit with its qid).", valueName: "format"))
        var format: OutputFormat = .text

        @Option(name: .customLong("added-since"), help: ArgumentHelp(
            "Articles added or changed by this run or a later one, or since this date (default: the last run).",
            valueName: "run|date"))
        var addedSince: String?

        @Option(name: .long, help: ArgumentHelp("Hits per query, unless the query says (default 10).", valueName: "n"))
        var limit = 10

        @Option(name: .long, help: ArgumentHelp("Watch an index on OpenSearch instead of --db: http(s)://HOST:PORT[/INDEX].", valueName: "url"))
        var opensearch: String?

        @Argument(help: ArgumentHelp("Saved queries, one per line (- reads standard input).", valueName: "file"),
                  completion: .file())
        var file: String

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1 (got \(limit))") }
            guard format == .text || format == .json || format == .ids else {
                throw ValidationError("--format must be text, json or ids")
            }
        }

        /// One saved query.
        struct Saved {
            var qid: String
            var query: String
            var options: SearchOptions
        }

        /// The saved queries of `lines` (of `path`), and the problems of the lines skipped.
        static func parse(_ lines: [Substring], path: String, limit: Int) -> (queries: [Saved], problems: [String]) {
            var out: [Saved] = [], problems: [String] = []
            for (i, raw) in lines.enumerated() {
                guard let entry = QueryFile.entry(raw, line: i + 1, comments: true) else { continue }
                guard case .query(let qid, let text, let object) = entry else {
                    if case .problem(let why) = entry { problems.append("\(path):\(i + 1): skipped: \(why)") }
                    continue
                }
                var saved = Saved(qid: qid, query: text, options: SearchOptions(limit: limit))
                if let object {
                    var o = saved.options
                    if (object["any"] as? Bool) == true { o.mode = .any }
                    if let n = object["limit"] as? Int, n >= 1 { o.limit = n }
                    if let lang = object["lang"] as? String {
                        guard let l = LanguageDetector.filter(lang) else {
                            problems.append("\(path):\(i + 1): skipped: lang must be ko, en or other (got \(lang))")
                            continue
                        }
                        o.lang = l
                    }
                    if let s = object["source"] as? String { o.sources = [s] }
                    if let s = object["source"] as? [String] { o.sources = s }
                    var bad: String? = nil
                    for (key, apply) in [("since", { (d: String) in o.since = d }), ("until", { (d: String) in o.until = d })] {
                        guard let value = object[key] as? String else { continue }
                        if let iso = DateNormalizer.strict(value) { apply(iso) } else { bad = "\(key) \(value) is not a date" }
                    }
                    if let bad {
                        problems.append("\(path):\(i + 1): skipped: \(bad)")
                        continue
                    }
                    if (object["translate"] as? Bool) == true { o.translator = Translator() }
                    saved.options = o
                }
                out.append(saved)
            }
            return (out, problems)
        }

        func run() throws {
            let (queries, problems) = Self.parse(try QueryFile.lines(file), path: file, limit: limit)
            for p in problems { Terminal.warning(p) }
            let backend = try Sosik.searchBackend(opensearch: opensearch, database: database)
            let since = try Search.sinceRun(backend, new: addedSince == nil, addedSince: addedSince)
            var printer = HitPrinter(format: format, color: false, fields: nil)
            printer.qidColumn = format != .text
            var out = StandardOutput()
            printer.begin()
            var withHits = 0, total = 0
            for saved in queries {
                var options = saved.options
                options.sinceRun = since
                options.snippets = format != .ids
                let hits: [SearchHit]
                do {
                    hits = try backend.search(saved.query, options: options)
                } catch let error as IndexError {
                    Terminal.warning("\(file): query \(saved.qid): \(error)")
                    continue
                } catch let error as OpenSearchError where error.isAboutOneRequest {
                    Terminal.warning("\(file): query \(saved.qid): \(error)")
                    continue
                }
                if !hits.isEmpty { withHits += 1 }
                total += hits.count
                if format == .text {
                    guard !hits.isEmpty else { continue }
                    out.write("== \(saved.qid): \(saved.query) (\(hits.count) new)\n")
                    out.flush()
                }
                printer.qid = saved.qid
                for (rank, hit) in hits.enumerated() { printer.print(hit, rank: rank + 1) }
                printer.end()
            }
            printer.end()
            Terminal.info("watch: \(queries.count) queries, \(withHits) with new hits (\(total) hits)")
            if withHits == 0 { throw ExitCode(1) }
        }
    }
}
