import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What the index holds: documents and passages per language and source, dates, size, recent runs.",
            discussion: """
                Examples:
                  sosik stats
                  sosik stats --db news.db
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            let s = try IndexStatistics.read(index)
            var out = StandardOutput()
            defer { out.flush() }
            func mb(_ b: Int) -> String { String(format: "%.2f MB", Double(b) / 1e6) }
            out.write("index      \(index.path) (\(s.analyzer))\n")
            out.write("documents  \(s.documents)\n")
            out.write("passages   \(s.passages) (" + s.byKind.map { "\($0.passages) \($0.kind)" }.joined(separator: ", ") + ")\n")
            out.write("text       \(mb(s.bytes))\n")
            out.write("on disk    \(mb(s.fileBytes))" + (s.bytes > 0 ? String(format: " (%.1f× the text)", Double(s.fileBytes) / Double(s.bytes)) : "") + "\n")
            out.write("dates      \(s.firstDate ?? "–") … \(s.lastDate ?? "–")" + (s.undated > 0 ? " (\(s.undated) undated)" : "") + "\n")
            out.write("pairs      \(s.pairs) translation pairs\n")
            for (title, groups) in [("language", s.byLanguage), ("source", s.bySource)] {
                out.write("\nby \(title):\n")
                let width = groups.map { Terminal.width($0.name) }.max() ?? 0
                for g in groups {
                    out.write("  " + g.name + String(repeating: " ", count: width - Terminal.width(g.name))
                              + "  \(g.documents) documents, \(g.passages) passages\n")
                }
            }
            // The recent `sosik index` runs (search --new, --added-since RUN, sosik watch).
            let runs = try index.runs(limit: 5)
            if !runs.isEmpty {
                out.write("\nrecent runs (search --added-since RUN):\n")
                for r in runs {
                    out.write("  run \(r.id)  \(r.started)  files \(r.filesAdded) added, \(r.filesUpdated) updated, "
                              + "\(r.filesRemoved) removed; documents \(r.documentsWritten) written, \(r.documentsRemoved) removed"
                              + (r.finished == nil ? " (unfinished)" : "") + "\n")
                }
            }
        }
    }
}
