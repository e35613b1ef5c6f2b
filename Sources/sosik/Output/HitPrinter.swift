import SosikIndex

/// Output formats of `search`. Printers only consume `SearchHit` values (the searcher knows
/// nothing about output).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, tsv
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// ANSI only on a terminal and when NO_COLOR is unset (https://no-color.org), unless forced.
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            return Terminal.stdoutIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}

import ArgumentParser
import Foundation

struct HitPrinter {
    var format: OutputFormat
    var color: Bool
    var out = StandardOutput()

    /// JSON Lines schema version: bumped only when a field changes meaning or disappears;
    /// new fields may be added without a bump.
    static let jsonVersion = 1
    static let tsvColumns = ["rank", "score", "id", "doc_id", "lang", "date", "source", "title", "snippet"]

    mutating func begin() {
        if format == .tsv { out.write(Self.tsvColumns.joined(separator: "\t") + "\n") }
    }

    mutating func print(_ hit: SearchHit, rank: Int) {
        switch format {
        case .json: out.write(json(hit, rank: rank) + "\n")
        case .tsv: out.write(tsv(hit, rank: rank) + "\n")
        case .text: out.write(text(hit, rank: rank))
        }
    }

    mutating func end() { out.flush() }

    func json(_ hit: SearchHit, rank: Int) -> String {
        JSONText.object([
            ("version", String(Self.jsonVersion)),
            ("rank", String(rank)),
            ("id", JSONText.string(hit.id)),
            ("doc_id", JSONText.string(hit.docID)),
            ("ordinal", String(hit.ordinal)),
            ("score", JSONText.number(hit.score)),
            ("title", JSONText.string(hit.title.text)),
            ("lang", JSONText.string(hit.lang)),
            ("date", JSONText.value(hit.date)),
            ("source", JSONText.value(hit.source)),
            ("url", JSONText.value(hit.url)),
            ("path", JSONText.value(hit.path)),
            ("snippet", JSONText.string(hit.snippet.text)),
            ("highlights", "[" + hit.snippet.ranges.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]"),
            ("text", JSONText.string(hit.text)),
        ])
    }

    func tsv(_ hit: SearchHit, rank: Int) -> String {
        [String(rank), String(format: "%.4f", hit.score), hit.id, hit.docID, hit.lang, hit.date ?? "",
         hit.source ?? "", hit.title.text, hit.snippet.text].map(Self.tsvField).joined(separator: "\t")
    }

    static func tsvField(_ s: String) -> String {
        s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    func text(_ hit: SearchHit, rank: Int) -> String {
        let title = hit.title.text.isEmpty ? hit.docID : render(hit.title, base: color ? "\u{1B}[1m" : "")
        let meta = [hit.lang, hit.date, hit.source, hit.id].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " · ")
        let snippet = render(HighlightedText(text: Self.oneLine(hit.snippet.text), ranges: hit.snippet.ranges), base: "")
        let score = String(format: "%.2f", hit.score)
        let dim = color ? "\u{1B}[2m" : "", reset = color ? "\u{1B}[0m" : ""
        return "\(rank). \(title)\(reset)  \(dim)[\(score)]\(reset)\n   \(dim)\(meta)\(reset)\n   \(snippet)\n\n"
    }

    /// Line breaks become spaces, scalar for scalar, so highlight offsets stay valid.
    static func oneLine(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(u == "\n" || u == "\r" || u == "\t" ? " " : u) }
        return String(out)
    }

    /// Matches in bold red on a terminal; without color they are left plain (as ripgrep does).
    func render(_ h: HighlightedText, base: String) -> String {
        guard color, !h.ranges.isEmpty else { return base + h.text }
        let scalars = Array(h.text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func add(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        add(base)
        for r in h.ranges {
            out.append(contentsOf: scalars[i..<r.lowerBound])
            add("\u{1B}[1;31m"); out.append(contentsOf: scalars[r]); add("\u{1B}[0m" + base)
            i = r.upperBound
        }
        out.append(contentsOf: scalars[i...])
        return String(out)
    }
}
