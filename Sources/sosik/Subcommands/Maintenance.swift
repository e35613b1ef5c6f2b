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
            abstract: "Merge the full-text index into one segment and compact the file.",
            discussion: "Example:\n  sosik optimize --db news.db"
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            // Measured before opening: opening writes to the -wal.
            let before = IndexMaintenance.sizeOnDisk(database.path)
            let index = try IndexDatabase(path: database.path, create: false, readOnly: false)
            let r = try IndexMaintenance.optimize(index, before: before)
            // Real sizes on disk, the -wal apart: what `ls -l` shows.
            func sizes(_ file: Int, _ wal: Int) -> String {
                "\(ProgressBar.grouped(file)) bytes" + (wal > 0 ? " + \(ProgressBar.grouped(wal)) in -wal" : "")
            }
            Terminal.info("optimized \(index.path): \(sizes(r.fileBefore, r.walBefore)) → \(sizes(r.fileAfter, r.walAfter))"
                + String(format: " (%.2f → %.2f MB)", Double(r.fileBefore + r.walBefore) / 1e6, Double(r.fileAfter + r.walAfter) / 1e6)
                + (r.vacuumed ? "; merged into one segment and vacuumed" : "; merged into one segment"))
        }
    }
}
