import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a stored article, passage by passage (with --pair, its translation after it).",
            discussion: """
                Examples:
                  sosik show ko-patrol-hoeryong
                  sosik show --pair en-home-visits
                  sosik show --format json ko-patrol-hoeryong | jq -r '.passages[].text'
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Also print the other side of its translation pair.")
        var pair = false

        @Option(name: .long, help: ArgumentHelp("Output format.", valueName: "text|json"))
        var format: ShowFormat = .text

        @Argument(help: ArgumentHelp("Document id (as in search results' doc_id).", valueName: "doc-id"))
        var id: String

        enum ShowFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            guard let doc = try StoredDocument.fetch(id, in: index) else {
                let similar = try StoredDocument.similarIDs(to: id, in: index)
                Terminal.error("no document \(id) in \(index.path)"
                    + (similar.isEmpty ? "" : " (similar ids: \(similar.joined(separator: ", ")))"))
                throw ExitCode(1)
            }
            var docs = [doc]
            if pair {
                guard let other = try doc.pairID.flatMap({ try StoredDocument.fetch($0, in: index) }) else {
                    Terminal.error("\(id) has no translation in \(index.path)")
                    throw ExitCode(1)
                }
                docs.append(other)
            }
            var out = StandardOutput()
            defer { out.flush() }
            for (i, d) in docs.enumerated() {
                switch format {
                case .json: out.write(Self.json(d) + "\n")
                case .text:
                    if i > 0 { out.write("\n" + String(repeating: "─", count: 40) + "\n\n") }
                    out.write(Self.text(d))
                }
            }
        }

        static func text(_ d: StoredDocument) -> String {
            var s = "\(d.title)\n"
            let meta = [d.id, d.lang, d.date, d.source, d.pairID.map { "pair: \($0)" }, d.path].compactMap { $0 }
            s += meta.joined(separator: " · ") + "\n"
            for p in d.passages {
                s += "\n" + (p.kind == .body ? "" : "[\(p.kind.rawValue)] ") + p.text + "\n"
            }
            return s
        }

        static func json(_ d: StoredDocument) -> String {
            JSONText.object([
                ("id", JSONText.string(d.id)), ("title", JSONText.string(d.title)), ("lang", JSONText.string(d.lang)),
                ("date", JSONText.value(d.date)), ("source", JSONText.value(d.source)), ("url", JSONText.value(d.url)),
                ("path", JSONText.value(d.path)), ("pair_id", JSONText.value(d.pairID)),
                ("passages", "[" + d.passages.map {
                    JSONText.object([("ordinal", String($0.ordinal)), ("kind", JSONText.string($0.kind.rawValue)),
                                     ("text", JSONText.string($0.text))])
                }.joined(separator: ",") + "]"),
            ])
        }
    }
}
