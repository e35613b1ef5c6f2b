import ArgumentParser
import SosikIngest

/// `--map`, `--date-order` and `--stdin-format`, shared by `index` and `extract` (they read files the same way).
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Column or key of a field in CSV/TSV/JSON: body=text,…", valueName: "map"))
    var map: [String] = []

    @Option(name: .long, help: ArgumentHelp("A date with the year last whose day could be the month (3/4/2020): mdy (March 4) or dmy (3 April). Default: mdy with /, dmy with . or -.", valueName: "order"),
            completion: .list(["mdy", "dmy"]))
    var dateOrder: String?

    @Option(name: .long, help: ArgumentHelp("Format of standard input (-): jsonl, json, csv, tsv, html, feed, text.", valueName: "fmt"),
            completion: .list(["jsonl", "json", "csv", "tsv", "html", "feed", "text"]))
    var stdinFormat: String = "jsonl"

    func validate() throws {
        _ = try options()
    }

    /// The reader's options; a bad `--map` or `--stdin-format` is a usage error (exit 2).
    func options() throws -> CorpusReader.Options {
        let name = stdinFormat.lowercased()
        guard let format = CorpusReader.Format(rawValue: name == "rss" || name == "atom" ? "feed" : name) else {
            throw ValidationError("--stdin-format \(stdinFormat): use one of \(CorpusReader.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            return CorpusReader.Options(map: try CorpusReader.Options.parseMap(map),
                                        dateOrder: try dateOrder.map { try CorpusReader.Options.parseDateOrder($0) },
                                        stdinFormat: format)
        } catch let error as IngestError {
            throw ValidationError(error.description)
        }
    }
}
