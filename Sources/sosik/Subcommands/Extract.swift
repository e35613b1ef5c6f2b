import ArgumentParser
import Foundation
import SosikIndex
import SosikIngest

extension Sosik {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what sosik would index from files, without indexing them.",
            usage: "sosik extract [<options>] <path> ...",
            discussion: """
                Reads the files as `sosik index` does (same formats, same --map and
                --stdin-format) and prints each article instead of indexing it; nothing is
                written. For a web page this is the extracted article text; for a feed, one
                article per item.

                JSON (--format json) is one object per article and line:
                  {"path", "id", "title", "date", "lang", "url", "source", "author",
                   "categories": [..], "translations": [urls], "translation_of",
                   "body", "passages": [{"kind": "body|caption|credit|footer", "text"}]}

                Exit status: 0 when every input was read, 3 when some were skipped or not
                read (named on stderr), 2 on error.

                Examples:
                  sosik extract page.html
                  sosik extract --format json ~/news/saved/*.html.gz | jq -r .title
                  sosik extract --map body=article_text export.csv
                  sosik extract --stats --format json pages/ > extracted.jsonl
                """
        )

        @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "fmt"),
                completion: .list(["text", "json"]))
        var format: ExtractFormat = .text

        @OptionGroup var reading: ReadingOptions

        @Flag(name: .long, help: "Print the time per file (p50, p95) on stderr.")
        var stats = false

        @Argument(help: ArgumentHelp("Files or folders, or - for standard input.", valueName: "path"), completion: .file())
        var paths: [String] = []

        enum ExtractFormat: String, ExpressibleByArgument { case text, json }

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("missing path: sosik extract FILE...") }
        }

        func run() throws {
            let options = try reading.options()
            let reader = CorpusReader(options: options)
            var out = StandardOutput()
            var problems = 0
            var times: [Double] = []
            try reader.walk(paths) { input in
                let started = DispatchTime.now().uptimeNanoseconds
                let emit: (CorpusReader.Event) throws -> Void = { event in
                    switch event {
                    case .article(let a): print(a, to: &out)
                    case .skipped(let path, let line, let reason):
                        problems += 1
                        Terminal.warning("\(path)\(line.map { ":\($0)" } ?? ""): skipped: \(reason)")
                    case .warning(let path, let line, let message):
                        Terminal.warning("\(path)\(line.map { ":\($0)" } ?? ""): \(message)")
                    case .unsupported(let path):
                        problems += 1
                        Terminal.warning("\(path): not read: sosik does not read this type of file")
                    }
                }
                switch input {
                case .stdin:
                    try reader.stream(ByteSource.standardInput(), root: nil, format: options.stdinFormat, emit)
                case .file(let path, let root, let settings):
                    try reader.readFile(path, root: root, settings: settings, emit)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                case .folderDone:
                    break
                case .unsupported(let path):
                    try emit(.unsupported(path: path))
                case .problem(let path, let reason):
                    try emit(.skipped(path: path, line: nil, reason: reason))
                }
            }
            out.flush()
            if stats && !times.isEmpty {
                let sorted = times.sorted()
                func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
                Terminal.info(String(format: "extracted %d files in %.2f s; per file p50 %.2f ms, p95 %.2f ms, max %.2f ms",
                                     times.count, times.reduce(0, +) / 1000, pct(0.5), pct(0.95), sorted.last!))
            }
            if problems > 0 { throw ExitCode(3) }
        }

        func print(_ a: Article, to out: inout StandardOutput) {
            let passages = a.passages()
            switch format {
            case .json:
                let list = passages.map { JSONText.object([("kind", JSONText.string($0.kind.rawValue)), ("text", JSONText.string($0.text))]) }
                out.write(JSONText.object([
                    ("path", JSONText.value(a.path)), ("id", JSONText.string(a.id)), ("title", JSONText.string(a.title)),
                    ("date", JSONText.value(a.date)), ("lang", JSONText.string(a.lang)), ("url", JSONText.value(a.url)),
                    ("source", JSONText.value(a.source)), ("author", JSONText.value(a.author)),
                    ("categories", "[" + a.categories.map(JSONText.string).joined(separator: ",") + "]"),
                    ("translations", "[" + a.translationURLs.map(JSONText.string).joined(separator: ",") + "]"),
                    ("translation_of", JSONText.value(a.translationOf)),
                    ("body", JSONText.string(a.body)), ("passages", "[" + list.joined(separator: ",") + "]"),
                ]) + "\n")
            case .text:
                var s = "── \(a.id)  (\(a.path ?? "-"))\n"
                s += "title:  \(a.title)\n"
                for (label, value) in [("date", a.date), ("lang", a.lang), ("url", a.url), ("source", a.source), ("author", a.author),
                                       ("translation_of", a.translationOf)] {
                    if let value, !value.isEmpty { s += "\(label):\(String(repeating: " ", count: max(1, 7 - label.count)))\(value)\n" }
                }
                for url in a.translationURLs { s += "translation link: \(url)\n" }
                for (i, p) in passages.enumerated() {
                    s += "\n[\(i) \(p.kind.rawValue)] \(p.text)\n"
                }
                out.write(s + "\n")
            }
        }
    }
}
