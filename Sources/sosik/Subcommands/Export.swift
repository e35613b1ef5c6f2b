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

    /// The client for `--opensearch ADDRESS`, its warnings said (credentials over plain http).
    static func openSearchClient(_ address: String, timeout: Double = 30) throws -> OpenSearchClient {
        let client = try OpenSearchClient(address: address, timeout: timeout)
        for w in client.warnings { Terminal.warning(w) }
        return client
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the index to an OpenSearch cluster (creates the index; goes on where an interrupted push stopped).",
            discussion: """
                Credentials come from the environment: OPENSEARCH_USER and OPENSEARCH_PASSWORD,
                or OPENSEARCH_API_KEY. TLS certificates are verified. Requests the cluster
                answers with 429 or 502-504 are sent again after a doubling wait.
                Progress is kept in the index file: the next push sends only what was not
                acknowledged, and what `sosik index` wrote since (new and changed articles).

                Examples:
                  sosik push --opensearch http://localhost:9200
                  sosik push --opensearch https://search.example.org:9200/news --restart
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("The cluster and index, http(s)://HOST:PORT[/INDEX] (index default: sosik).", valueName: "url"))
        var opensearch: String

        @Option(name: .customLong("batch-mb"), help: ArgumentHelp("Bulk request size.", valueName: "MB"))
        var batchMB = 5

        @Flag(name: .long, help: "Send every article again, not only what the last push did not.")
        var restart = false

        @Option(name: .long, help: ArgumentHelp("Seconds to wait for each answer.", valueName: "seconds"))
        var timeout = 60.0

        @Flag(name: .long, help: "Say each retry.")
        var verbose = false

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            let client = try Sosik.openSearchClient(opensearch, timeout: timeout)
            if verbose { client.onRetry = { Terminal.info("sosik: " + $0) } }
            let started = Date()
            let summary = try OpenSearchPush(client: client, batchBytes: max(1, batchMB) << 20, restart: restart).run(from: index)
            let seconds = Date().timeIntervalSince(started)
            Terminal.info(String(format: "pushed %d article%@ (%d passages) to %@%@ in %d request%@, %.1f MB in %.2f s%@",
                                 summary.articles, summary.articles == 1 ? "" : "s", summary.passages, client.indexURL, summary.created ? " (created)" : "",
                                 summary.requests, summary.requests == 1 ? "" : "s", Double(summary.bytes) / 1e6, seconds,
                                 (summary.removed > 0 ? "; \(summary.removed) removed" : "")
                                    + (summary.resumedAfter > 0 ? "; went on after what earlier pushes sent" : "")))
        }
    }
}
