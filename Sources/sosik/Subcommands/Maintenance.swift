import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the index: SQLite integrity, the full-text index against the stored text, schema.",
            discussion: "Exit status: 0 healthy, 1 problems found (listed), 2 error.\n\nExample:\n  sosik check --db news.db"
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false, readOnly: false)
            let report = try IndexMaintenance.check(index)
            var out = StandardOutput()
            for line in report.lines { out.write(line + "\n") }
            for problem in report.problems { out.write("PROBLEM: " + problem + "\n") }
            out.write(report.problems.isEmpty ? "ok\n" : "\(report.problems.count) problem(s)\n")
            out.flush()
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the full-text index into one segment; VACUUM when much of the file is free space.",
            discussion: "Example:\n  sosik optimize --db news.db"
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false, readOnly: false)
            let r = try IndexMaintenance.optimize(index)
            Terminal.info(String(format: "optimized %@: %.2f MB → %.2f MB%@", index.path, Double(r.before) / 1e6,
                                 Double(r.after) / 1e6, r.vacuumed ? " (vacuumed)" : ""))
        }
    }
}
