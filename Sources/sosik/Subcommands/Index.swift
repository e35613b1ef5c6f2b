import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index folders and files of articles (.txt, .md with front matter, .jsonl; - for stdin).",
            discussion: """
                Folders are walked recursively. An article whose id is already indexed is replaced.
                Exit status: 0 when everything was indexed, 3 when some inputs were skipped (each
                named on stderr), 2 on error.

                Examples:
                  sosik index Corpus
                  sosik index --db news.db ~/news/2025 extra.jsonl
                  cat articles.jsonl | sosik index -
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Folders, files, or - for JSON Lines on standard input.", valueName: "path"))
        var paths: [String] = []

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("missing path: sosik index PATH...") }
        }

        func run() throws {
            let started = Date()
            let index = try IndexDatabase(path: database.path, create: true)
            let indexer = Indexer(database: index)
            indexer.onProgress = { s in
                let seconds = Date().timeIntervalSince(started)
                Terminal.progress("indexing: \(s.documents) documents, \(s.passages) passages, "
                    + "\(Self.megabytes(s.bytes)) MB, \(String(format: "%.1f", Double(s.bytes) / 1e6 / max(seconds, 1e-6))) MB/s")
            }
            try CorpusReader().read(paths: paths) { event in
                switch event {
                case .article(let article):
                    try indexer.add(article)
                case .warning(let path, let line, let message):
                    Terminal.clearProgress()
                    Terminal.warning("\(path)\(line.map { ":\($0)" } ?? ""): \(message)")
                case .skipped(let path, let line, let reason):
                    Terminal.clearProgress()
                    Terminal.warning("\(path)\(line.map { ":\($0)" } ?? ""): skipped: \(reason)")
                    indexer.skip(path: path, line: line, reason: reason)
                }
            }
            let s = try indexer.finish()
            let seconds = Date().timeIntervalSince(started)
            Terminal.clearProgress()
            Terminal.info("indexed \(s.documents) documents (\(s.replaced) replaced), \(s.passages) passages, "
                + "\(Self.megabytes(s.bytes)) MB in \(String(format: "%.2f", seconds)) s "
                + "(\(String(format: "%.2f", Double(s.bytes) / 1e6 / max(seconds, 1e-6))) MB/s), "
                + "\(s.skipped.count) skipped → \(index.path)")
            if !s.skipped.isEmpty { throw ExitCode(3) }
        }

        static func megabytes(_ bytes: Int) -> String { String(format: "%.2f", Double(bytes) / 1e6) }
    }
}
