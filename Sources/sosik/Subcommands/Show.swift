import ArgumentParser
import Foundation
import SosikIndex

extension Sosik {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a stored article, passage by passage.",
            discussion: """
                Takes a document id, or a passage id as search prints it
                (ko-spending-checks#2): the article is printed whole, that passage
                marked with ▌ at the left. Text is wrapped to the terminal's width,
                without Markdown markers. With --pair, its translation follows.

                Examples:
                  sosik show ko-patrol-hoeryong
                  sosik show ko-spending-checks#2
                  sosik show --pair en-home-visits
                  sosik show --format json ko-patrol-hoeryong | jq -r '.passages[].text'
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Also print the other side of its translation pair.")
        var pair = false

        @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "fmt"), completion: .list(["text", "json"]))
        var format: ShowFormat = .text

        @Option(name: .long, help: ArgumentHelp("Bold titles, the marked passage in color.", valueName: "when"))
        var color: ColorChoice = .auto

        @Argument(help: ArgumentHelp("Document id (search's doc_id), or passage id (search's id: doc-id#ordinal) to mark that passage.",
                                     valueName: "id"))
        var id: String

        enum ShowFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let index = try IndexDatabase(path: database.path, create: false)
            guard let (doc, marked) = try Self.lookUp(id, in: index) else {
                let docID = Self.passageID(id)?.doc ?? id
                let similar = try StoredDocument.similarIDs(to: docID, in: index)
                Terminal.error("no document \(docID) in \(index.path)"
                    + (similar.isEmpty ? "" : " (similar ids: \(similar.joined(separator: ", ")))"))
                throw ExitCode(1)
            }
            if let marked, !doc.passages.contains(where: { $0.ordinal == marked }) {
                let ordinals = doc.passages.map(\.ordinal)
                Terminal.error("\(doc.id) has no passage #\(marked)"
                    + (ordinals.isEmpty ? "" : " (its passages are #\(ordinals.min()!)–#\(ordinals.max()!))"))
                throw ExitCode(1)
            }
            var docs = [doc]
            if pair {
                guard let other = try doc.pairID.flatMap({ try StoredDocument.fetch($0, in: index) }) else {
                    Terminal.error("\(doc.id) has no translation in \(index.path)")
                    throw ExitCode(1)
                }
                docs.append(other)
            }
            var out = StandardOutput()
            defer { out.flush() }
            let style = Style(color: color.enabled, width: Terminal.columns)
            for (i, d) in docs.enumerated() {
                let mark = i == 0 ? marked : nil
                switch format {
                case .json: out.write(Self.json(d, marked: mark) + "\n")
                case .text:
                    if i > 0 { out.write("\n" + String(repeating: "─", count: 40) + "\n\n") }
                    out.write(Self.text(d, marked: mark, style: style))
                }
            }
        }

        /// `doc#3` → ("doc", 3); nil when the id does not end in `#` and a number.
        static func passageID(_ id: String) -> (doc: String, ordinal: Int)? {
            guard let hash = id.lastIndex(of: "#"), hash > id.startIndex,
                  let n = Int(id[id.index(after: hash)...]), n >= 0 else { return nil }
            return (String(id[..<hash]), n)
        }

        /// The document, and the passage to mark. An id that exists as written is a document id
        /// (ids may hold `#`: a feed item's URL); else `doc#N` is passage N of `doc`.
        static func lookUp(_ id: String, in index: IndexDatabase) throws -> (StoredDocument, Int?)? {
            if let doc = try StoredDocument.fetch(id, in: index) { return (doc, nil) }
            guard let p = passageID(id), let doc = try StoredDocument.fetch(p.doc, in: index) else { return nil }
            return (doc, p.ordinal)
        }

        struct Style {
            var color: Bool
            var width: Int
            func bold(_ s: String) -> String { color ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
            func dim(_ s: String) -> String { color ? "\u{1B}[2m" + s + "\u{1B}[0m" : s }
            func mark(_ s: String) -> String { color ? "\u{1B}[1;33m" + s + "\u{1B}[0m" : s }
        }

        /// The gutter of the marked passage's lines.
        static let gutter = "▌ "

        /// Title, a line of metadata, then each passage as a reader sees it (ReadableText:
        /// headings, paragraphs, list items as `•` lines), wrapped to the width; captions,
        /// credits and footers labelled `[caption]` …; the marked passage's lines start with ▌.
        static func text(_ d: StoredDocument, marked: Int? = nil, style: Style) -> String {
            var s = ""
            for line in wrapped(d.title.isEmpty ? d.id : d.title, width: style.width, first: 0, style: style) {
                s += style.bold(line) + "\n"
            }
            let meta = [d.id, d.lang, d.date, d.source, d.pairID.map { "pair: \($0)" }, d.path].compactMap { $0 }
            // Broken between items, not inside one (`pair: en-…` stays on one line).
            var line = ""
            for item in meta {
                if !line.isEmpty && Terminal.width(line + " · " + item) > style.width {
                    s += style.dim(line + " ·") + "\n"
                    line = item
                } else {
                    line += (line.isEmpty ? "" : " · ") + item
                }
            }
            s += style.dim(line) + "\n"
            for p in d.passages {
                let isMarked = p.ordinal == marked
                let width = max(20, style.width - (isMarked ? Terminal.width(gutter) : 0))
                var lines: [String] = []
                if isMarked { lines.append(style.mark("#\(p.ordinal)") + (p.kind == .body ? "" : " " + p.kind.rawValue)) }
                let label = p.kind == .body ? "" : "[\(p.kind.rawValue)] "
                for (b, block) in ReadableText.blocks(p.text).enumerated() {
                    if b > 0 { lines.append("") }
                    let lead = b == 0 ? label : ""
                    switch block {
                    case .paragraph(let paragraphLines):
                        for (l, line) in paragraphLines.enumerated() {
                            lines += wrapped((l == 0 ? lead : "") + line, width: width, first: l == 0 ? lead.count : 0, style: style)
                        }
                    case .heading(let h):
                        lines += wrapped(lead + h, width: width, first: lead.count, style: style).map { style.bold($0) }
                    case .list(let items):
                        if !lead.isEmpty { lines.append(style.dim(lead.trimmingCharacters(in: .whitespaces))) }
                        for item in items {
                            let w = wrapped(item, width: width - 2, first: 0, style: style)
                            lines += w.enumerated().map { ($0.offset == 0 ? "• " : "  ") + $0.element }
                        }
                    }
                }
                s += "\n"
                for line in lines {
                    s += (isMarked ? style.mark(line.isEmpty ? String(gutter.dropLast()) : gutter) : "") + line + "\n"
                }
            }
            return s
        }

        /// A line wrapped to `width` columns (Korean characters count two; see HitPrinter.wrap),
        /// the first `first` characters (a `[caption]` label) dimmed.
        static func wrapped(_ line: String, width: Int, first: Int, style: Style) -> [String] {
            var lines = HitPrinter.wrap(line, width: width).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if first > 0, let head = lines.first, head.count >= first {
                lines[0] = style.dim(String(head.prefix(first - 1))) + " " + head.dropFirst(first)
            }
            return lines
        }

        /// One object per article: id, title, lang, date, source, url, path, pair_id,
        /// passages [{ordinal, kind, text}] (text as stored), and `marked`: the ordinal of the
        /// passage asked for (`doc#N`), else null.
        static func json(_ d: StoredDocument, marked: Int? = nil) -> String {
            JSONText.object([
                ("id", JSONText.string(d.id)), ("title", JSONText.string(d.title)), ("lang", JSONText.string(d.lang)),
                ("date", JSONText.value(d.date)), ("source", JSONText.value(d.source)), ("url", JSONText.value(d.url)),
                ("path", JSONText.value(d.path)), ("pair_id", JSONText.value(d.pairID)),
                ("passages", "[" + d.passages.map {
                    JSONText.object([("ordinal", String($0.ordinal)), ("kind", JSONText.string($0.kind.rawValue)),
                                     ("text", JSONText.string($0.text))])
                }.joined(separator: ",") + "]"),
                ("marked", marked.map(String.init) ?? "null"),
            ])
        }
    }
}
