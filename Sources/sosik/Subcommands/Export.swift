import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch

extension Sosik {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the index out for OpenSearch: an index template and bulk files, with sosik's own analysis.",
            discussion: """
                Writes OUT/template.json (settings and mappings: sosik's tokens pre-analyzed, read
                back by a whitespace tokenizer; BM25 as sosik uses it) and OUT/bulk-00001.ndjson …
                (bulk request bodies). Load them with:
                  curl -X PUT "$URL/_index_template/sosik" -H 'Content-Type: application/json' --data-binary @OUT/template.json
                  for f in OUT/bulk-*.ndjson; do curl -X POST "$URL/_bulk" -H 'Content-Type: application/x-ndjson' --data-binary @$f; done
                or let sosik send them: sosik push --opensearch URL. Then: sosik search --opensearch URL WORDS.

                Examples:
                  sosik export --opensearch out
                  sosik export --opensearch out --index news --gzip
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Folder to write the template and bulk files to.", valueName: "folder"),
                completion: .directory)
        var opensearch: String

        @Option(name: .long, help: ArgumentHelp("Index name in the template and the bulk lines.", valueName: "name"))
        var index = OpenSearchClient.defaultIndex

        @Flag(name: .long, help: "Compress the bulk files (bulk-*.ndjson.gz; send with Content-Encoding: gzip).")
        var gzip = false

        @Option(name: .customLong("file-mb"), help: ArgumentHelp("Bulk file size, before compression.", valueName: "MB"))
        var fileMB = 10

        func validate() throws {
            guard fileMB >= 1 else { throw ValidationError("--file-mb must be at least 1") }
            guard !index.isEmpty, index == index.lowercased(), !index.contains(where: { " \"*\\<|,>/?#:".contains($0) }), !index.hasPrefix("_") else {
                throw ValidationError("--index \(index): OpenSearch index names are lower case, without spaces, \", *, \\, <, |, ,, >, /, ?, # or :, and do not start with _")
            }
        }

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            let started = Date()
            let summary = try OpenSearchExport(index: self.index, fileBytes: fileMB << 20, gzip: gzip).write(from: index, to: opensearch)
            let seconds = Date().timeIntervalSince(started)
            let size = (try? FileManager.default.attributesOfItem(atPath: index.path)[.size] as? Int) ?? 0
            Terminal.info(String(format: "exported %d articles (%d passages) to %@: template.json and %d bulk file%@, %.1f MB%@ in %.2f s (%.1f MB/s); the index is %.1f MB",
                                 summary.articles, summary.passages, opensearch, summary.files.count - 1, summary.files.count == 2 ? "" : "s",
                                 Double(summary.bytes) / 1e6, gzip ? String(format: " (%.1f MB gzipped)", Double(summary.written) / 1e6) : "",
                                 seconds, Double(summary.bytes) / 1e6 / max(seconds, 1e-6), Double(size) / 1e6))
        }
    }
}
