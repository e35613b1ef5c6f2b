import ArgumentParser
import Foundation
import SosikIndex
import SosikIngest

/// The root command only configures; the work is in Subcommands/.
@main
struct Sosik: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sosik",
        abstract: "Full-text search for Korean and English news: index folders of articles, search passages.",
        discussion: "Exit status: 0 results (or success), 1 no results, 2 error (bad usage, bad query, unusable database). `index` exits 3 when some inputs were skipped but the rest was indexed, 130 when interrupted; `check` exits 1 when it finds problems.",
        version: "0.1.0",
        subcommands: [Index.self, Extract.self, Search.self, Show.self, Stats.self, Check.self, Optimize.self, Analyze.self, Query.self]
    )

    /// ArgumentParser exits 64 on usage errors and 1 on other errors; sosik follows grep instead
    /// (1 means "no match", so every error must be 2).
    static func main() {
        // A closed pipe must not kill the process with SIGPIPE: writes then fail with EPIPE,
        // which StandardOutput turns into a quiet exit 0.
        signal(SIGPIPE, SIG_IGN)
        // Past a file-size limit (ulimit -f) writes must fail with EFBIG, which SQLite reports
        // as a full disk, instead of the process being killed mid-transaction.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as IndexError {
            Terminal.error(error.description)
            Foundation.exit(2)
        } catch let error as IngestError {
            Terminal.error(error.description)
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)   // --help, --version
            }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            Terminal.error(message)
            Foundation.exit(2)
        }
    }
}

/// `--db`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index database file (default: $SOSIK_DB, else ./sosik.db).", valueName: "path"))
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["SOSIK_DB"], !env.isEmpty { return env }
        return "sosik.db"
    }
}
