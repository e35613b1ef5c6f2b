import ArgumentParser
import Foundation
import SosikIndex
import SosikText

extension Sosik {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the tokens the index stores for a text.",
            usage: "sosik analyze [<options>] [<text> ...]",
            discussion: """
                Prints a line per token: its position, its UTF-8 byte range in the
                text, the term stored, and the original characters ('+' after the
                position: stored at the same position as the token before).
                --query shows how each word of a query is matched instead;
                --explain, each stage of the analysis, word by word.

                The text is the arguments, joined with spaces. With - as the only
                argument, or no argument and text piped in, it is standard input,
                read whole as one text (as a document is: byte ranges are offsets
                in the input, positions run on across lines).

                Examples:
                  sosik analyze "LG전자 경찰이 patrols"
                  sosik analyze --query "순찰을 강화"
                  sosik analyze --explain "北 경찰이 Kim's K-pop 2025년"
                  echo "경찰이 순찰을" | sosik analyze
                  sosik analyze - < article.txt
                  sosik analyze --translate police 회령 로동
                """
        )

        @Flag(name: .long, help: "Show how each word of a query is matched.")
        var query = false

        @Flag(name: .long, help: "Show each stage of the analysis, word by word.")
        var explain = false

        @Flag(name: .long, help: "Show each word's translations (as search --translate).")
        var translate = false

        @Option(name: .long, help: ArgumentHelp("Output format.", valueName: "format"))
        var format: AnalyzeFormat = .text

        @Argument(help: ArgumentHelp("Text to analyze; - (or none) reads standard input.", valueName: "text"))
        var text: [String] = []

        enum AnalyzeFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        /// `-` alone, or no argument with standard input not a terminal.
        var readsStandardInput: Bool { text == ["-"] || (text.isEmpty && isatty(STDIN_FILENO) != 1) }

        func validate() throws {
            if [query, explain, translate].filter({ $0 }).count > 1 { throw ValidationError("choose one of --query, --explain and --translate") }
            guard !text.isEmpty || readsStandardInput else {
                throw ValidationError("missing text: sosik analyze TEXT, or pipe text into it (echo TEXT | sosik analyze)")
            }
        }

        func run() throws {
            let input = readsStandardInput
                ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                : text.joined(separator: " ")
            var out = StandardOutput()
            defer { out.flush() }
            if explain {
                for word in Analyzer().explain(input) {
                    switch format {
                    case .text:
                        out.write("\(word.surface)  [\(word.start)..\(word.end)]\n")
                        for stage in word.stages { out.write("  \(stage.name): \(stage.result)\n") }
                        out.write("  tokens: " + word.tokens.map { "\($0.text)@\($0.position)\($0.colocated ? "+" : "")" }.joined(separator: " ") + "\n")
                    case .json:
                        out.write(JSONText.object([
                            ("word", JSONText.string(word.surface)), ("start", String(word.start)), ("end", String(word.end)),
                            ("stages", "[" + word.stages.map { JSONText.object([("stage", JSONText.string($0.name)), ("result", JSONText.string($0.result))]) }.joined(separator: ",") + "]"),
                            ("tokens", "[" + word.tokens.map { JSONText.string($0.text) }.joined(separator: ",") + "]"),
                        ]) + "\n")
                    }
                }
                return
            }
            if translate {
                // Each word with its other spellings and translations: weight and source.
                let translator = Translator()
                for term in Analyzer().queryTerms(in: input) {
                    let found = translator.translations(of: term)
                    let spellings = term.alternatives[0].first.map(NorthKoreanSpelling.variants(of:)) ?? []
                    switch format {
                    case .text:
                        let list = found.map { "\($0.label) [\($0.terms.joined(separator: " "))] \(String(format: "%.3f", $0.weight)) \($0.source)" }
                        out.write("\(term.surface)\t" + (list.isEmpty ? "(no translation)" : list.joined(separator: " | "))
                                  + (spellings.isEmpty ? "" : "\t(spelling: \(spellings.joined(separator: ", ")))") + "\n")
                    case .json:
                        out.write(JSONText.object([
                            ("word", JSONText.string(term.surface)),
                            ("translations", "[" + found.map { JSONText.object([("label", JSONText.string($0.label)),
                                ("terms", "[" + $0.terms.map(JSONText.string).joined(separator: ",") + "]"),
                                ("weight", JSONText.number($0.weight)), ("source", JSONText.string($0.source))]) }.joined(separator: ",") + "]"),
                            ("spellings", "[" + spellings.map(JSONText.string).joined(separator: ",") + "]"),
                        ]) + "\n")
                    }
                }
                return
            }
            if query {
                let terms = Analyzer().queryTerms(in: input)
                // Question words beside other words are not searched (QueryBuilder.withoutQuestionWords).
                let asks = terms.contains { !QuestionWords.areQuestion([$0]) }
                for var term in terms {
                    let question = asks && QuestionWords.areQuestion([term])
                    if question {
                        term.alternatives = []
                        term.extras = []
                        term.exact = nil
                    }
                    let groups = term.alternatives.map { $0.joined(separator: " AND ") }.joined(separator: " | ")
                    // 김정은: its stem 김정, or — where the index holds it as a word of its own
                    // (김정은이, 김정은의) — only the word as typed.
                    let word = term.exact.map { "\t(as a word: \"\($0)\")" } ?? ""
                    switch format {
                    case .text:
                        let extras = term.extras.isEmpty ? "" : "\t(+ \(term.extras.joined(separator: " ")))"
                        out.write("\(term.surface)\t" + (question ? "(a question word: not searched beside other words)" : groups + extras + word) + "\n")
                    case .json:
                        out.write(JSONText.object([
                            ("word", JSONText.string(term.surface)),
                            ("alternatives", "[" + term.alternatives.map { "[" + $0.map(JSONText.string).joined(separator: ",") + "]" }.joined(separator: ",") + "]"),
                            ("extras", "[" + term.extras.map(JSONText.string).joined(separator: ",") + "]"),
                            ("as_word", term.exact.map(JSONText.string) ?? "null"),
                            ("question_word", question ? "true" : "false"),
                        ]) + "\n")
                    }
                }
                return
            }
            let bytes = Array(input.utf8)
            for token in Analyzer().tokens(in: input) {
                let original = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
                switch format {
                case .text:
                    out.write("\(token.position)\(token.colocated ? "+" : "")\t\(token.start)..\(token.end)\t\(token.text)\t\(original)\n")
                case .json:
                    out.write(JSONText.object([
                        ("text", JSONText.string(token.text)), ("start", String(token.start)),
                        ("end", String(token.end)), ("position", String(token.position)),
                        ("colocated", token.colocated ? "true" : "false"), ("original", JSONText.string(original)),
                    ]) + "\n")
                }
            }
        }
    }
}
