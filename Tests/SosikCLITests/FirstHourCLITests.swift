import Foundation
import Testing
@testable import sosik

/// Issue 14, a newcomer's first hour: mistyped options and commands are caught with a
/// suggestion, help reads well at 80 columns, completions complete, `analyze` reads a pipe.
@Suite struct FirstHourCLITests {
    /// One index of Corpus/ for the tests that search (they only read it).
    static let corpus = Result { try CorpusIndex() }

    // MARK: A. Mistyped options and commands

    @Test(arguments: [
        (["-n", "3", "순찰"], "-n", "--limit", "n"),
        (["순찰", "-n3"], "-n3", "--limit", "n3"),
        (["patrols", "-limit", "1"], "-limit", "--limit", "limit"),
        (["-lang", "en", "police"], "-lang", "--lang", "lang"),
        (["순찰", "-since", "2025"], "-since", "--since", "since"),
        (["-format", "json", "순찰"], "-format", "--format", "format"),
        (["-per-doc", "2", "순찰"], "-per-doc", "--per-doc", "per-doc"),
    ])
    func anOptionTypedWithOneDashIsRefusedWithASuggestion(arguments: [String], typed: String, option: String,
                                                          word: String) throws {
        let index = try Self.corpus.get()
        let r = try SosikBinary.run(["search", "--db", index.db] + arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("sosik: error: unknown option \(typed); did you mean \(option)? "
            + "To exclude the word, write NOT \(word)\n"), "\(r.stderr)")
    }

    @Test func exclusionsOfOtherWordsStillWork() throws {
        let index = try Self.corpus.get()
        func count(_ query: String...) throws -> Int {
            let r = try SosikBinary.run(["search", "--db", index.db, "--count"] + query)
            #expect(r.status == 0, "\(query): \(r.stderr)")
            return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        let patrol = try count("순찰"), patrolNotHoeryong = try count("순찰", "-회령")
        #expect(patrolNotHoeryong >= 1 && patrolNotHoeryong < patrol)
        let patrols = try count("patrols"), patrolsNotPolice = try count("-police", "patrols")
        #expect(patrolsNotPolice >= 1 && patrolsNotPolice < patrols)
        // The way out the message offers, and the one after `--`: the word is left out.
        #expect(try count("patrols", "NOT", "limit") == patrols)
        #expect(try count("--", "patrols", "-limit") == patrols)
    }

    @Test func aMisspelledLongOptionGetsASuggestion() throws {
        let index = try Self.corpus.get()
        let limt = try SosikBinary.run(["search", "--db", index.db, "--limt", "3", "순찰"])
        #expect(limt.status == 2 && limt.stdout.isEmpty)
        #expect(limt.stderr.hasPrefix("sosik: error: unknown option --limt; did you mean --limit?"), "\(limt.stderr)")
        let swapped = try SosikBinary.run(["search", "--db", index.db, "--lnag=en", "police"])
        #expect(swapped.status == 2 && swapped.stderr.contains("did you mean --lang?"), "\(swapped.stderr)")
        // Every command answers in the same words (issue 25), ArgumentParser's suggestion too.
        let pair = try SosikBinary.run(["show", "--db", index.db, "--pari", "ko-patrol-hoeryong"])
        #expect(pair.status == 2 && pair.stderr.hasPrefix("sosik: error: unknown option --pari; did you mean --pair?"), "\(pair.stderr)")
        let mpa = try SosikBinary.run(["index", "--db", index.db, "--mpa", "x"])
        #expect(mpa.status == 2 && mpa.stderr.hasPrefix("sosik: error: unknown option --mpa; did you mean --map?"), "\(mpa.stderr)")
        let none = try SosikBinary.run(["stats", "--db", index.db, "--zzzzzz"])
        #expect(none.status == 2 && none.stderr.hasPrefix("sosik: error: unknown option --zzzzzz"), "\(none.stderr)")
    }

    @Test func anUnknownCommandGetsASuggestionAndTheList() throws {
        let serch = try SosikBinary.run(["serch", "순찰"])
        #expect(serch.status == 2 && serch.stdout.isEmpty)
        #expect(serch.stderr.hasPrefix("sosik: error: unknown command serch; did you mean search?"), "\(serch.stderr)")
        #expect(serch.stderr.contains("index, extract, search, show"))
        // No close command: the list, and how to search for the word.
        let word = try SosikBinary.run(["순찰"])
        #expect(word.status == 2 && word.stderr.contains("to search, write: sosik search 순찰"), "\(word.stderr)")
        // `sosik query` only describes the language.
        let query = try SosikBinary.run(["query", "순찰"])
        #expect(query.status == 2 && query.stderr.contains("sosik search 순찰"), "\(query.stderr)")
    }

    @Test(arguments: ["-1", "0"])
    func aLimitBelowOneSaysWhatIsValid(limit: String) throws {
        let index = try Self.corpus.get()
        let r = try SosikBinary.run(["search", "--db", index.db, "--limit", limit, "순찰"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("sosik: error: --limit must be at least 1 (got \(limit))"), "\(r.stderr)")
        let perDoc = try SosikBinary.run(["search", "--db", index.db, "--per-doc", "-1", "순찰"])
        #expect(perDoc.status == 2 && perDoc.stderr.contains("--per-doc must be 0 (all) or more (got -1)"), "\(perDoc.stderr)")
    }

    @Test func helpForAnUnknownCommandIsAnErrorNamingTheCommands() throws {
        let r = try SosikBinary.run(["help", "nonsense"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("sosik: error: sosik help nonsense: no such command"), "\(r.stderr)")
        for command in ["index", "search", "show", "analyze", "query"] {
            #expect(r.stderr.contains(command))
        }
        let close = try SosikBinary.run(["help", "serch"])
        #expect(close.status == 2 && close.stderr.contains("did you mean search?"))
        let good = try SosikBinary.run(["help", "search"])
        #expect(good.status == 0 && good.stdout.contains("USAGE: sosik search"))
    }

    @Test func batchQueryLinesThatHoldAnOptionAreSkippedWithTheReason() throws {
        let index = try Self.corpus.get()
        let lines = "patrols -limit 1\n순찰 -회령\n{\"qid\": \"j\", \"query\": \"police --lang en\"}\n"
        let r = try SosikBinary.run(["search", "--db", index.db, "--queries", "-", "--fields", "qid,doc_id"], stdin: lines)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("-:1: query 1: skipped: -limit is an option: give options on the command line"), "\(r.stderr)")
        #expect(r.stderr.contains("write NOT limit"))
        #expect(r.stderr.contains("-:3: query j: skipped: --lang is an option"), "\(r.stderr)")
        #expect(r.stderr.contains("searched 1 queries") && r.stderr.contains("2 skipped"), "\(r.stderr)")
        let hits = try r.json()
        #expect(!hits.isEmpty && hits.allSatisfy { $0["qid"] as? String == "2" })
    }

    // MARK: B. Help at 80 columns

    /// Every help screen: the root's and each command's.
    static let helpScreens: [[String]] = [["help"]] + ["index", "extract", "search", "show", "stats", "check", "optimize",
                                                         "analyze", "query"].map { ["help", $0] }

    @Test(arguments: helpScreens)
    func helpReadsWellAtEightyColumns(arguments: [String]) throws {
        // COLUMNS=80, and piped without COLUMNS (ArgumentParser then takes 80).
        for columns in ["80", ""] {
            let r = try SosikBinary.run(arguments, environment: ["COLUMNS": columns])
            #expect(r.status == 0)
            let problems = HelpLayout.problems(in: r.stdout)
            let screen = "sosik \(arguments.joined(separator: " ")), COLUMNS=\(columns)"
            #expect(problems.isEmpty, "\(screen):\n\(problems.joined(separator: "\n"))")
        }
    }

    /// The check above fails on what ArgumentParser made of the old texts.
    @Test func theHelpLayoutCheckFindsLoneWordsLongLinesAndOverflowingOptions() {
        let rewrapped = """
            The shell takes the outer quotes: write phrases as '"야간 순찰"'. A word starting
            with - is an exclusion, not an option. An unclosed quote or parenthesis is
            closed
            at the end; a stray ), a dangling OR or a query that only excludes is an error
            """
        #expect(HelpLayout.problems(in: rewrapped).count == 2)   // "closed" alone; the Korean line is 82 columns
        let options = """
            OPTIONS:
              --db <path>             Index database file (default: $SOSIK_DB, else
                                      ./sosik.db).
              --format <text|json|tsv|ids>
                                      Output format (default: text; json with --queries).
              --limit <n>             Hits to print. (default: 10)
            """
        #expect(HelpLayout.problems(in: options).count == 2)   // "./sosik.db)." alone; --format's help on the next line
        let fine = """
            OVERVIEW: Find articles; print each by its best passage.

            Examples:
              sosik search 순찰 patrols

            OPTIONS:
              --limit <n>             Hits to print (passages with --per-doc). (default: 10)
              --sort <order>          Order of the results (date: oldest first). (values:
                                      relevance, date, newest; default: relevance)
            """
        #expect(HelpLayout.problems(in: fine).isEmpty)
    }

    // MARK: C. Completions

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsCompleteFilesLanguagesAndCommands(shell: String) throws {
        let r = try SosikBinary.run(["--generate-completion-script", shell])
        #expect(r.status == 0)
        let script = r.stdout
        let commands = "index extract search show stats check optimize analyze query trend watch export push"
        switch shell {
        case "bash":
            #expect(script.contains("'--db')\n        __sosik_add_completions -f\n"))
            #expect(script.contains("'--queries')\n        __sosik_add_completions -f\n"))
            #expect(script.contains("'--lang')\n        __sosik_add_completions -W 'ko'$'\\n''en'$'\\n''other'\n"))
            #expect(script.contains("'--format')\n        __sosik_add_completions -W 'text'$'\\n''json'$'\\n''tsv'$'\\n''ids'\n"))
            #expect(script.contains("compgen -W '\(commands)'"))
        case "zsh":
            #expect(script.contains("]:path:_files'"))     // --db
            #expect(script.contains("]:file:_files'"))     // --queries
            #expect(script.contains("local -ar ___lang=('ko' 'en' 'other')"))
            #expect(script.contains("]:ko|en|other:{__sosik_complete \"${___lang[@]}\"}'"))
            #expect(script.contains("'*:subcommands:(\(commands))'"))
            #expect(script.contains("'*:path:_files'"))    // index, extract
        default:
            #expect(script.contains("\"sosik search\" db' -l 'db' -d 'Index file (default: $SOSIK_DB, else ./sosik.db).' -rF"))
            #expect(script.contains("-l 'queries'") && script.contains("hits as JSON Lines.' -rF"))
            #expect(script.contains("-l 'lang' -d 'Only documents in this language (other: neither Korean nor English).' -rfka 'ko en other'"))
            #expect(script.contains("\"sosik help\" -eq 1' -fa '\(commands)'"))
            #expect(script.contains("\"sosik index\" -ge 1' -F"))
        }
    }

    /// The bash script, sourced into bash, asked as bash asks it on Tab.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func theBashCompletionCompletes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Corpus"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["news.db", "questions.jsonl"] {
            try Data().write(to: folder.appendingPathComponent(file))
        }
        let script = try SosikBinary.run(["--generate-completion-script", "bash"]).stdout
        try script.write(to: folder.appendingPathComponent("sosik.bash"), atomically: true, encoding: .utf8)
        let driver = #"""
            source ./sosik.bash
            try() {
                COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"
                [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMPREPLY=()
                _sosik sosik "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s|%s\n' "$1" "$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')"
            }
            try "sosik help se"
            try "sosik help "
            try "sosik index Co"
            try "sosik search --db ne"
            try "sosik search --queries qu"
            try "sosik search --lang "
            try "sosik search --format "
            try "sosik stats --db "
            """#
        let r = try Shell.run("/bin/bash", ["--norc", "-c", driver], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        var got: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { got[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        #expect(got["sosik help se"] == "search")
        #expect(got["sosik help "] == "analyze check export extract index optimize push query search show stats trend watch")
        #expect(got["sosik index Co"] == "Corpus")
        #expect(got["sosik search --db ne"] == "news.db")
        #expect(got["sosik search --queries qu"] == "questions.jsonl")
        #expect(got["sosik search --lang "] == "en ko other")
        #expect(got["sosik search --format "] == "ids json text tsv")
        #expect(got["sosik stats --db "] == "Corpus news.db questions.jsonl sosik.bash")
    }

    // MARK: D. analyze reads standard input

    @Test func analyzeReadsAPipeOrDashLikeAnArgument() throws {
        let expected = ["0\t0..2\tlg\tLG", "1\t2..8\t전자\t전자", "2\t9..15\t경찰\t경찰", "3\t12..18\t찰이\t찰이"]
        #expect(try SosikBinary.run(["analyze", "LG전자 경찰이"]).lines == expected)
        let piped = try SosikBinary.run(["analyze"], stdin: "LG전자 경찰이\n")
        #expect(piped.status == 0 && piped.lines == expected, "\(piped.stderr)")
        let dash = try SosikBinary.run(["analyze", "-"], stdin: "LG전자 경찰이")
        #expect(dash.status == 0 && dash.lines == expected, "\(dash.stderr)")
        let query = try SosikBinary.run(["analyze", "--query", "-"], stdin: "순찰을\n")
        #expect(query.lines == ["순찰을\t순찰\t(+ 찰을)\t(as a word: \"순찰 찰을\")"])
        // A lone "-" among other words is a word.
        #expect(try SosikBinary.run(["analyze", "LG전자", "-", "경찰이"]).lines.count == 4)
    }

    @Test func analyzeReadsTheWholeInputAsOneText() throws {
        // Positions run on across lines; byte ranges are offsets in the input (경찰이 and a
        // newline are 10 bytes).
        let r = try SosikBinary.run(["analyze", "-"], stdin: "경찰이\n순찰을\n")
        #expect(r.lines == ["0\t0..6\t경찰\t경찰", "1\t3..9\t찰이\t찰이", "2\t10..16\t순찰\t순찰", "3\t13..19\t찰을\t찰을"])
        let json = try SosikBinary.run(["analyze", "--format", "json"], stdin: "경찰이\n순찰을\n").json()
        #expect(json.map { $0["position"] as? Int } == [0, 1, 2, 3])
        // Nothing piped in: nothing to show, and no error.
        let empty = try SosikBinary.run(["analyze", "-"], stdin: "")
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }

    /// At a terminal, no text is a usage error (it would wait for the keyboard).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func analyzeWithoutTextAtATerminalIsAnError() throws {
        let r = try Shell.run("/usr/bin/script", ["-qec", SosikBinary.url.path + " analyze", "/dev/null"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("missing text: sosik analyze TEXT, or pipe text into it"), "\(r.stdout)")
    }

    /// A fresh clone has no ../shared/data: eval-all says where the data comes from and how to
    /// point to it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func evalAllWithoutDataSaysWhereItComesFrom() throws {
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-clone-\(UUID().uuidString)")
        let scripts = clone.appendingPathComponent("main/Scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: clone) }
        let source = SosikBinary.repository.appendingPathComponent("Scripts/eval-all")
        try FileManager.default.copyItem(at: source, to: scripts.appendingPathComponent("eval-all"))
        let r = try Shell.run("/bin/bash", [scripts.appendingPathComponent("eval-all").path], environment: ["SOSIK_EVAL_DATA": ""])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Scripts/eval-all: no evaluation data in "), "\(r.stderr)")
        #expect(r.stderr.contains("../shared/data") && r.stderr.contains("SOSIK_EVAL_DATA=/path/to/data")
            && r.stderr.contains("--data /path/to/data"), "\(r.stderr)")
        #expect(!r.stderr.contains("Traceback"))
    }
}

extension FirstHourCLITests {
/// What ArgumentParser's re-wrapping does to help text that does not fit: words left alone on a
/// line, lines wider than the terminal, option names so long that their help starts a line below.
enum HelpLayout {
    static func problems(in help: String, columns: Int = 80) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var problems: [String] = []
        var section = ""
        func indent(_ s: String) -> Int { s.prefix { $0 == " " }.count }
        for (i, line) in lines.enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if !line.hasPrefix(" ") && line.hasSuffix(":") { section = line }
            if Terminal.width(line) > columns {
                problems.append("line \(i + 1) is \(Terminal.width(line)) columns wide: \(line)")
            }
            // An option or argument whose help starts on the next line (its name overflows the column).
            if ["OPTIONS:", "ARGUMENTS:"].contains(section), indent(line) == 2, text.hasPrefix("-") || text.hasPrefix("<"),
               line.dropFirst(2).range(of: "  ") == nil {
                problems.append("line \(i + 1): the help of \(text) starts on the next line")
            }
            // One word continuing the line before: the end of a sentence pushed off its line.
            if i > 0, !text.isEmpty, !text.contains(" ") {
                let previous = lines[i - 1].trimmingCharacters(in: .whitespaces)
                if !previous.isEmpty, !previous.hasSuffix(":"), indent(line) >= indent(lines[i - 1]) {
                    problems.append("line \(i + 1): \"\(text)\" alone, continuing \"\(previous)\"")
                }
            }
        }
        return problems
    }
}

/// Running something else than sosik (bash, script).
enum Shell {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> SosikBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-shell-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-shell-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return SosikBinary.Result(status: process.terminationStatus,
                                  stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                                  stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
}
