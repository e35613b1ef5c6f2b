import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch
import SosikIngest

/// The root command only configures; the work is in Subcommands/.
@main
struct Sosik: ParsableCommand {
    // Help texts are re-wrapped by ArgumentParser at the terminal's width (80 columns when piped):
    // discussion lines are written at most 76 columns wide (a Korean syllable takes two), option
    // help short enough for the 54 columns beside the option names.
    static let configuration = CommandConfiguration(
        commandName: "sosik",
        abstract: "Full-text search for Korean and English news.",
        discussion: """
            Indexes folders of articles (web pages, feeds, CSV, JSON, text) into
            one SQLite file, and finds the articles that match a keyword query,
            each shown by its best passage. To start:
              sosik index Corpus
              sosik search 순찰 patrols

            sosik help COMMAND shows a command's options; sosik help query, the
            query language. The commands that read an index take --db PATH
            (default: $SOSIK_DB, else ./sosik.db).

            Exit status: 0 results (or success), 1 no results, 2 error (bad
            usage, bad query, unusable database). index exits 3 when some inputs
            were skipped but the rest was indexed, 130 when interrupted; check
            exits 1 when it finds problems.
            """,
        version: "0.1.0",
        subcommands: [Index.self, Extract.self, Search.self, Show.self, Stats.self, Check.self, Optimize.self, Analyze.self, Query.self, Trend.self, Watch.self, Export.self, Push.self]
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
        // The arguments as bytes: a file name that is not UTF-8 (CP949 from a Windows zip)
        // must reach the file system unchanged (CommandLine.arguments repairs it into U+FFFD).
        let arguments = (1..<Int(CommandLine.argc)).map { i in
            RawPath.decode(UnsafeBufferPointer(start: CommandLine.unsafeArgv[i].map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) },
                                               count: CommandLine.unsafeArgv[i].map { strlen($0) } ?? 0))
        }
        if let problem = Usage.commandProblem(in: arguments) {
            Terminal.error(problem)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as IndexError {
            Terminal.error(error.description)
            Foundation.exit(2)
        } catch let error as IngestError {
            Terminal.error(error.description)
            Foundation.exit(2)
        } catch let error as OpenSearchError {
            Terminal.error(error.description)
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version, --generate-completion-script
                if arguments.contains(where: { $0.hasPrefix("--generate-completion-script") }) {
                    print(CompletionScript.completed(fullMessage(for: error)))
                    Foundation.exit(0)
                }
                exit(withError: error)
            }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            Terminal.error(Usage.ourStyle(message))
            Foundation.exit(2)
        }
    }
}

/// `--db`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index file (default: $SOSIK_DB, else ./sosik.db).", valueName: "path"),
            completion: .file())
    var db: String?

    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["SOSIK_DB"], !env.isEmpty { return env }
        return "sosik.db"
    }
}

/// Mistakes ArgumentParser lets through, or answers without a way forward: a mistyped command
/// (`sosik serch`), `sosik help nonsense`, and options typed as query words (`-limit`, `--limt`).
enum Usage {
    /// The subcommands, as typed.
    static var commands: [String] { Sosik.configuration.subcommands.map { $0._commandName } }

    static var commandList: String { (commands + ["help"]).joined(separator: ", ") }

    /// `sosik serch x` (ArgumentParser: "2 unexpected arguments") and `sosik help nonsense`
    /// (ArgumentParser: the root help, exit 0).
    static func commandProblem(in arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = commands + ["help"]
        if first == "help" {
            guard let name = arguments.dropFirst().first, !name.hasPrefix("-"), !names.contains(name) else { return nil }
            return "sosik help \(name): no such command"
                + (closest(name, among: commands).map { "; did you mean \($0)?" } ?? "")
                + " (commands: \(commandList))"
        }
        guard !names.contains(first) else { return nil }
        if let close = closest(first, among: names) {
            return "unknown command \(first); did you mean \(close)? (commands: \(commandList))"
        }
        return "unknown command \(first) (commands: \(commandList)); to search, write: sosik search "
            + arguments.joined(separator: " ")
    }

    /// ArgumentParser's words for a mistyped option (`Unknown option '--mpa'. Did you mean
    /// '--map'?`) in the style of the checks above (`unknown option --mpa; did you mean
    /// --map?`), so that every command answers a typo the same way (issue 25).
    static func ourStyle(_ message: String) -> String {
        guard let m = message.firstMatch(of: /^Unknown option '([^']+)'\.?(?: Did you mean '([^']+)'\?)?/) else { return message }
        let rest = message[m.range.upperBound...]
        return "unknown option \(m.1)" + (m.2.map { "; did you mean \($0)?" } ?? "") + rest
    }

    /// An option typed where a query word goes.
    struct MistypedOption: CustomStringConvertible {
        /// As typed: `-limit`, `--limt=3`.
        var word: String
        /// The option meant: `--limit`.
        var suggestion: String?
        /// For `-limit`: `limit`, the word it would exclude.
        var excludedWord: String?
        /// The word spells an option (`-limit`, `--limit`), rather than resembling one.
        var spellsOption = true

        var description: String {
            "unknown option \(word)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
                + (excludedWord.map { " To exclude the word, write NOT \($0)" } ?? "")
        }
    }

    /// The first query word (before a `--`) that is an option: `-limit` or `-n` (the query
    /// language reads them as exclusions, but they are surely options typed with one dash),
    /// or `--limt` (no such option; the closest is suggested). `aliases`: other single-dash
    /// names taken for an option, as `n` for `--limit` (`head -n`).
    static func mistypedOption(in words: [String], of command: ParsableCommand.Type,
                               aliases: [String: String] = [:]) -> MistypedOption? {
        for word in words {
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            // From ArgumentParser's help dump: read only when a word starts with a dash, and
            // once per command (batch mode asks for every line).
            let names = OptionNames.shared.of(command)
            if word.hasPrefix("--") {
                let name = String(word.dropFirst(2).prefix { $0 != "=" })
                guard !name.isEmpty, !name.hasPrefix("-") else { continue }
                return MistypedOption(word: word, suggestion: closest(name, among: names.long).map { "--" + $0 },
                                      spellsOption: names.long.contains(name))
            }
            let name = String(word.dropFirst().prefix { $0 != "=" })
            if names.long.contains(name) {
                return MistypedOption(word: word, suggestion: "--" + name, excludedWord: name)
            }
            if names.short.contains(name) {
                return MistypedOption(word: word, suggestion: "-" + name, excludedWord: name)
            }
            // `-n 3`, and `-n3` as head takes it.
            if let target = aliases[name] ?? aliases.first(where: {
                name.count > $0.key.count && name.hasPrefix($0.key)
                    && name.dropFirst($0.key.count).allSatisfy { $0.isASCII && $0.isNumber }
            })?.value {
                return MistypedOption(word: word, suggestion: "--" + target, excludedWord: name)
            }
        }
        return nil
    }

    /// The words of a query line (batch mode): split at spaces, a quoted phrase kept whole.
    static func queryWords(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if c.isWhitespace && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The long and short option names of a command (`--help` and `-h` included), as
    /// ArgumentParser describes the command (OptionNames caches them).
    static func optionNames(of command: ParsableCommand.Type) -> (long: [String], short: [String]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any],
              let info = object["command"] as? [String: Any],
              let arguments = info["arguments"] as? [[String: Any]] else { return ([], []) }
        var long: [String] = [], short: [String] = []
        for argument in arguments {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let kind = name["kind"] as? String, let spelled = name["name"] as? String else { continue }
                if kind == "short" { short.append(spelled) } else { long.append(spelled) }
            }
        }
        return (long, short)
    }

    /// The name `word` was probably meant to be: one edit away (two for longer names; a
    /// swap of neighbours is one edit), or the only name it begins.
    static func closest(_ word: String, among names: [String]) -> String? {
        let word = word.lowercased()
        let scored = names.map { (name: $0, distance: editDistance(word, $0)) }
            .filter { $0.distance <= ($0.name.count > 4 ? 2 : 1) && $0.distance < $0.name.count }
        if let best = scored.min(by: { $0.distance < $1.distance }) { return best.name }
        let starts = names.filter { word.count >= 3 && $0.hasPrefix(word) }
        return starts.count == 1 ? starts[0] : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbouring characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

/// ArgumentParser's completion scripts, completed where it cannot be told what to offer: the
/// command names after `help` (its help command takes no completion), and files and folders for
/// the paths of `index` and `extract` when their arguments do not say so themselves.
enum CompletionScript {
    static func completed(_ script: String) -> String {
        let commands = Usage.commands
        if script.hasPrefix("#compdef") { return zsh(script, commands: commands) }
        if script.contains("complete -o filenames -F _sosik sosik") { return bash(script, commands: commands) }
        if script.contains("complete -c 'sosik'") { return fish(script, commands: commands) }
        return script
    }

    /// The text of the shell function `name`, from its first line to its closing brace.
    private static func function(_ name: String, in script: String) -> Range<String.Index>? {
        guard let start = script.range(of: "\n\(name)() {\n"),
              let end = script.range(of: "\n}\n", range: start.upperBound..<script.endIndex) else { return nil }
        return start.lowerBound..<end.upperBound
    }

    /// Adds `lines` before the closing brace of function `name`, unless `unless` is in it.
    private static func append(_ lines: String, to name: String, in script: inout String, unless: String) {
        guard let range = function(name, in: script) else { return }
        var body = String(script[range])
        guard !body.contains(unless) else { return }
        body.removeLast(3)   // "\n}\n"
        script.replaceSubrange(range, with: body + "\n\n" + lines + "\n}\n")
    }

    static func bash(_ script: String, commands: [String]) -> String {
        var script = script
        append("""
                # Offer command names (added by sosik)
                if [[ "${positional_number}" -le 1 && "${cur}" != -* ]]; then
                    COMPREPLY+=($(compgen -W '\(commands.joined(separator: " "))' -- "${cur}"))
                fi
            """, to: "_sosik_help", in: &script, unless: "compgen -W")
        for command in ["index", "extract"] {
            append("""
                    # Offer files and folders (added by sosik)
                    [[ "${cur}" != -* ]] && __sosik_add_completions -f
                """, to: "_sosik_\(command)", in: &script, unless: "# Offer positional completions")
        }
        return script
    }

    static func zsh(_ script: String, commands: [String]) -> String {
        var script = script
        if let range = function("_sosik_help", in: script) {
            let body = script[range].replacingOccurrences(of: "'*:subcommands:'", with: "'*:subcommands:(\(commands.joined(separator: " ")))'")
            script.replaceSubrange(range, with: body)
        }
        for command in ["index", "extract"] {
            if let range = function("_sosik_\(command)", in: script) {
                let body = script[range].replacingOccurrences(of: "'*:path:'", with: "'*:path:_files'")
                script.replaceSubrange(range, with: body)
            }
        }
        return script
    }

    static func fish(_ script: String, commands: [String]) -> String {
        var lines: [String] = []
        let positional = "complete -c 'sosik' -n '__sosik_should_offer_completions_for_positional"
        if !script.contains("\(positional) \"sosik help\"") {
            lines.append("\(positional) \"sosik help\" -eq 1' -fa '\(commands.joined(separator: " "))'")
        }
        for command in ["index", "extract"] where !script.contains("\(positional) \"sosik \(command)\"") {
            lines.append("\(positional) \"sosik \(command)\" -ge 1' -F")
        }
        return lines.isEmpty ? script : script + "\n" + lines.joined(separator: "\n")
    }
}

/// Help text computed from lists (ArgumentParser re-wraps lines longer than the terminal, leaving
/// a word alone on a line; lines written at most 76 columns wide never are).
enum Help {
    /// `items` joined with `separator` and ended with a period, in lines of at most `width`
    /// columns; the first line starts at column `firstLine`.
    static func wrapped(_ items: [String], width: Int = 76, firstLine: Int = 0, separator: String = ", ") -> String {
        var text = "", column = firstLine
        for (i, item) in items.enumerated() {
            let piece = item + (i == items.count - 1 ? "." : separator.trimmingCharacters(in: .whitespaces))
            if i > 0 && column + 1 + piece.count > width {
                text += "\n"
                column = 0
            } else if i > 0 {
                text += " "
                column += 1
            }
            text += piece
            column += piece.count
        }
        return text
    }
}

/// Each command's option names, read once from ArgumentParser's help dump (Usage.optionNames).
final class OptionNames: @unchecked Sendable {
    static let shared = OptionNames()
    private let lock = NSLock()
    private var cache: [ObjectIdentifier: (long: [String], short: [String])] = [:]

    func of(_ command: ParsableCommand.Type) -> (long: [String], short: [String]) {
        lock.withLock {
            if let names = cache[ObjectIdentifier(command)] { return names }
            let names = Usage.optionNames(of: command)
            cache[ObjectIdentifier(command)] = names
            return names
        }
    }
}
