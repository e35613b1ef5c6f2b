import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch

extension Sosik {
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
