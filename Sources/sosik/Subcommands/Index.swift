import ArgumentParser
import Foundation
import SosikIndex
import SosikIngest

/// Set by SIGINT/SIGTERM: the run stops after the current file, commits and reports.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

extension Sosik {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index web pages, feeds, CSV, JSON and text: files, folders or stdin.",
            usage: "sosik index [<options>] <path> ...",
            discussion: """
                Formats, by file name: .html .htm .xhtml (saved news pages: the article text
                is extracted, navigation and boilerplate left out), .xml .rss .atom (RSS and
                Atom feeds: one article per item), .csv .tsv (a header row; columns id,
                title, body or text or content, date, lang, source, url; --map for other
                names), .json (a list of article objects), .jsonl (one object per line),
                .txt .md (front matter), and .gz of any of them. Other files are not read:
                they are counted in the summary (--verbose lists them) and the exit status
                is 3. Hidden files and README.* inside folders are skipped.

                Incremental: a re-run reads only new and changed files (and files that had
                problems), re-indexes only articles whose content changed, and removes the
                articles of files gone from an indexed folder. Ctrl-C (SIGINT/SIGTERM) stops
                after the current file, keeping everything committed so far; the next run
                goes on from there. A file that cannot be read this time keeps what it gave
                before (its articles go only after a reading without skipped records).

                Each file keeps the options it was read with (--map, --date-order): the next
                run without them reads it the same way. A folder can say it itself: in
                .sosik.conf, sections by glob ([exports/*.csv] then map = body=article_text);
                in .sosikignore, globs of files to leave out (gitignore syntax), as
                --exclude does for one run. An option given wins over .sosik.conf, which wins
                over what the index kept.

                Exit status: 0 when everything was indexed, 3 when some inputs were skipped
                (each named on stderr) or not read, 130 when interrupted, 2 on error.

                Examples:
                  sosik index Corpus
                  sosik index --db news.db ~/news/2025 extra.jsonl
                  sosik index --rebuild Corpus
                  sosik index ~/news/saved-pages ~/news/feeds
                  sosik index --map body=article_text,title=headline export.csv
                  sosik index --exclude '*.pdf' --date-order dmy ~/news
                  cat articles.jsonl | sosik index -
                  curl -s https://example.com/feed.xml | sosik index --stdin-format feed -
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Start over: drop the index and index everything again.")
        var rebuild = false

        @OptionGroup var reading: ReadingOptions

        @Option(name: .long, help: ArgumentHelp("Leave out files and folders matching GLOB inside the folders indexed (gitignore syntax: *.pdf, drafts/, /notes/*.txt); repeatable. A folder's .sosikignore does the same on every run.", valueName: "glob"))
        var exclude: [String] = []

        @Flag(name: .shortAndLong, help: "List each file of a type sosik does not read.")
        var verbose = false

        @Flag(name: .shortAndLong, help: "No progress bar and no summary (warnings still).")
        var quiet = false

        @Flag(name: .long, help: "Draw the progress bar even on a pipe.")
        var progress = false

        @Argument(help: ArgumentHelp("Folders, files, or - for standard input.", valueName: "path"), completion: .file())
        var paths: [String] = []

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("missing path: sosik index PATH...") }
        }

        func run() throws {
            // One writer at a time: a second `sosik index` on the same file waits for the first,
            // even while the first is still creating the schema (searches are never blocked:
            // SQLite's WAL lets them read meanwhile). flock and SQLite's own fcntl locks do not
            // interfere on Linux. An empty file is what a new index starts from. Only a regular
            // file (or none) is opened: a folder or a FIFO named by --db is refused, not
            // created over, deleted or waited on.
            try IndexDatabase.checkPath(database.path)
            let lock = open(database.path, O_RDONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o644)
            guard lock >= 0 else {
                throw IndexError.unreadable(path: database.path, reason: RawPath.reason(errno))
            }
            defer { close(lock) }
            try IndexDatabase.checkPath(database.path)   // what was opened is still a file
            if flock(lock, LOCK_EX | LOCK_NB) != 0 {
                Terminal.info("another `sosik index` is writing to \(database.path); waiting for it to finish…")
                _ = flock(lock, LOCK_EX)
            }
            // --rebuild empties the index only now, holding the lock: a run still writing to it
            // finishes first, and what it reports written is not deleted under it.
            if rebuild { try IndexDatabase.clear(path: database.path) }
            // The clock starts once the lock is ours: waiting is not indexing time (MB/s).
            let started = Date()
            let index = try IndexDatabase(path: database.path, create: true)
            let indexer = Indexer(database: index)
            let options = try reading.options()
            let bar = !quiet && (progress || Terminal.stderrIsTerminal)
                ? ProgressBar(totalBytes: CorpusReader(options: options).plannedBytes(paths)) : nil
            indexer.onProgress = { s in bar?.set(articles: s.documents + s.unchanged) }
            // Ctrl-C (or SIGTERM) stops reading at the next record; what was read commits (a
            // batch or two, about a second). A second Ctrl-C ends the process at once: what
            // was committed before stays, as after any kill.
            signal(SIGINT) { _ in if stopRequested != 0 { _exit(130) }; stopRequested = 1 }
            signal(SIGTERM) { _ in if stopRequested != 0 { _exit(130) }; stopRequested = 1 }
            // A parent may start us with these signals blocked (the mask is inherited: test
            // runners, some supervisors); then Ctrl-C would never arrive.
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGINT)
            sigaddset(&signals, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            var run = IndexRun(indexer: indexer)
            run.shouldStop = { stopRequested != 0 }
            run.options = options
            run.excludes = exclude
            run.onBytes = { bar?.add(bytes: $0) }
            let s = try run.run(paths: paths) { event in
                bar?.clear()
                switch event {
                case .warning(let path, let line, let message):
                    Terminal.warning("\(path)\(line.map { ":\($0)" } ?? ""): \(message)")
                case .skipped(let path, let line, let reason):
                    Terminal.warning("\(path)\(line.map { ":\($0)" } ?? ""): skipped: \(reason)")
                case .unsupported(let path):
                    if verbose { Terminal.warning("\(path): not read: sosik does not read this type of file") }
                case .article: break
                }
            }
            let seconds = Date().timeIntervalSince(started)
            bar?.clear()
            if !quiet {
                for r in s.resumed { Terminal.info("\(r.path): went on after line \(r.line), where an interrupted run stopped") }
                if let i = s.interrupted { Terminal.info("\(i.path): stopped after line \(i.line); the next run goes on from there") }
                let skippedFiles = s.skippedFiles, skippedRecords = s.skippedRecords
                Terminal.info((stopRequested != 0 ? "interrupted; committed so far: " : "indexed: ")
                    + "files \(s.filesAdded) added, \(s.filesUpdated) updated, \(s.filesRemoved) removed, "
                    + "\(s.filesUnchanged) unchanged, \(skippedFiles) skipped"
                    + (s.notRead.isEmpty ? "" : ", not read: \(s.notReadByExtension)") + "; "
                    + (skippedRecords == 0 ? "" : "records \(skippedRecords) skipped; ")
                    + "documents \(s.documents) written (\(s.replaced) replaced), \(s.unchanged) unchanged, \(s.removed) removed"
                    + (s.repeated == 0 ? "" : ", \(s.repeated) repeated in the input (the last kept)") + "; "
                    + "\(s.passages) passages, \(Self.megabytes(s.bytes)) MB in \(String(format: "%.2f", seconds)) s "
                    + "(\(String(format: "%.2f", Double(s.bytes) / 1e6 / max(seconds, 1e-6))) MB/s) → \(index.path)")
            }
            if stopRequested != 0 { throw ExitCode(130) }
            if !s.skipped.isEmpty || !s.notRead.isEmpty { throw ExitCode(3) }
        }

        static func megabytes(_ bytes: Int) -> String { String(format: "%.2f", Double(bytes) / 1e6) }
    }
}
