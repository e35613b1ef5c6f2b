import SosikIndex

/// Output formats of `search`. Printers only consume `SearchHit` values (the searcher knows
/// nothing about output).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, tsv, ids
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
    /// Fields of JSON objects / TSV columns, in order (nil: the format's default).
    var fields: [String]?
    var out = StandardOutput()
    /// Batch mode: every hit carries the id of its query (first JSON key, first TSV column).
    var qidColumn = false
    var qid = ""

    /// JSON Lines schema version: bumped only when a field changes meaning or disappears;
    /// new fields may be added without a bump.
    /// Version 2 (issue 12): a hit is an article; `score` is the article's, `passage_score` and
    /// `fragments` are new, and `explain` holds per-item evidence.
    static let jsonVersion = 2
    static let jsonFields = ["version", "rank", "id", "doc_id", "ordinal", "score", "passage_score", "title", "lang", "date",
                             "source", "url", "path", "snippet", "highlights", "fragments", "text", "kind", "pair_id", "duplicates"]
    static let tsvFields = ["rank", "score", "id", "doc_id", "lang", "date", "source", "title", "snippet"]
    static let allFields = ["qid"] + jsonFields + ["explain"]

    /// Whether the chosen output shows snippets (they cost a second analysis of each passage).
    var needsSnippets: Bool {
        format == .text || (format != .ids && (activeFields.contains("snippet") || activeFields.contains("highlights")))
    }

    /// Set with --explain: the `explain` field is added to json/tsv output.
    var explain = false

    var activeFields: [String] {
        var chosen = fields ?? (format == .tsv ? Self.tsvFields : Self.jsonFields)
        if explain && !chosen.contains("explain") { chosen.append("explain") }
        return qidColumn && !chosen.contains("qid") ? ["qid"] + chosen : chosen
    }

    mutating func begin() {
        if format == .tsv { out.write(activeFields.joined(separator: "\t") + "\n") }
    }

    mutating func print(_ hit: SearchHit, rank: Int) {
        switch format {
        case .json:
            out.write(JSONText.object(activeFields.map { ($0, value($0, hit, rank).json) }) + "\n")
        case .tsv:
            out.write(activeFields.map { Self.tsvField(value($0, hit, rank).tsv) }.joined(separator: "\t") + "\n")
        case .text:
            out.write(text(hit, rank: rank))
        case .ids:
            out.write((qidColumn ? qid + "\t" : "") + hit.id + "\n")
        }
    }

    mutating func end() { out.flush() }

    /// `--facets`: counts over every matching article, after the hits. Text: a short block;
    /// JSON Lines: one last object `{"type":"facets",...}`; TSV: a second table after a blank line.
    mutating func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) {
        switch format {
        case .json:
            let fields = facets.map { f in
                (f.field.rawValue, "[" + f.values.map { JSONText.object([("value", JSONText.value($0.value)), ("count", "\($0.count)")]) }
                    .joined(separator: ",") + "]")
            }
            out.write(JSONText.object([("type", JSONText.string("facets")), ("matched", "\(matched)"),
                                       ("facets", JSONText.object(fields))]) + "\n")
        case .tsv:
            out.write("\nfacet\tvalue\tcount\n")
            for f in facets {
                for v in f.values { out.write("\(f.field.rawValue)\t\(Self.tsvField(v.value ?? ""))\t\(v.count)\n") }
            }
        case .text:
            let dim = color ? "\u{1B}[2m" : "", reset = color ? "\u{1B}[0m" : ""
            out.write("\(dim)facets of all \(matched) matching articles:\(reset)\n")
            for f in facets {
                let shown = f.values.prefix(8).map { "\($0.value ?? "(none)") \($0.count)" }.joined(separator: " · ")
                let more = f.values.count > 8 ? " · … \(f.values.count - 8) more" : ""
                out.write("  " + f.field.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + shown + more + "\n")
            }
        case .ids:
            break
        }
        out.flush()
    }

    /// One field as JSON and as TSV text.
    func value(_ name: String, _ hit: SearchHit, _ rank: Int) -> (json: String, tsv: String) {
        func str(_ s: String?) -> (String, String) { (JSONText.value(s), s ?? "") }
        switch name {
        case "qid": return str(qid)
        case "version": return (String(Self.jsonVersion), String(Self.jsonVersion))
        case "rank": return (String(rank), String(rank))
        case "id": return str(hit.id)
        case "doc_id": return str(hit.docID)
        case "ordinal": return (String(hit.ordinal), String(hit.ordinal))
        case "score": return (JSONText.number(hit.score), String(format: "%.4f", hit.score))
        case "passage_score": return (JSONText.number(hit.passageScore), String(format: "%.4f", hit.passageScore))
        case "fragments":
            let list = hit.fragments.map { f in
                JSONText.object([("id", JSONText.string(f.id)), ("snippet", JSONText.string(f.snippet.text)),
                                 ("highlights", Self.highlights(f.snippet).json)])
            }
            return ("[" + list.joined(separator: ",") + "]", hit.fragments.map(\.snippet.text).joined(separator: " "))
        case "title": return str(hit.title.text)
        case "lang": return str(hit.lang)
        case "date": return str(hit.date)
        case "source": return str(hit.source)
        case "url": return str(hit.url)
        case "path": return str(hit.path)
        case "snippet": return str(hit.snippet.text)
        case "highlights": return Self.highlights(hit.snippet)
        case "text": return str(hit.text)
        case "kind": return str(hit.kind.rawValue)
        case "pair_id": return str(hit.pairID)
        case "duplicates":
            return ("[" + hit.duplicates.map(JSONText.string).joined(separator: ",") + "]", hit.duplicates.joined(separator: " "))
        case "explain":
            guard let e = hit.explanation else { return ("null", "") }
            let terms = e.terms.map {
                JSONText.object([("term", JSONText.string($0.term)), ("score", JSONText.number($0.score)),
                                 ("indexed", JSONText.string($0.indexed))])
            }
            return (JSONText.object([("article", JSONText.number(e.article)), ("terms", "[" + terms.joined(separator: ",") + "]"),
                                     ("coverage", JSONText.number(e.coverage)), ("passage", JSONText.number(e.passage))]),
                    (["article=" + String(format: "%.3f", e.article)]
                        + e.terms.map { "\(SearchHit.Explanation.display(term: $0.term, indexed: $0.indexed))=\(String(format: "%.3f", $0.score))" }
                        + ["coverage=" + String(format: "%.3f", e.coverage), "passage=" + String(format: "%.3f", e.passage)])
                        .joined(separator: " "))
        default: return ("null", "")   // names are checked in validate()
        }
    }

    static func highlights(_ h: HighlightedText) -> (json: String, tsv: String) {
        let pairs = h.ranges.map { "[\($0.lowerBound),\($0.upperBound)]" }
        return ("[" + pairs.joined(separator: ",") + "]", pairs.joined(separator: " "))
    }

    static func tsvField(_ s: String) -> String {
        s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    func text(_ hit: SearchHit, rank: Int) -> String {
        let title = hit.title.text.isEmpty ? hit.docID : render(hit.title, base: color ? "\u{1B}[1m" : "")
        let meta = [hit.lang, hit.date, hit.source, hit.id].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " · ")
        let score = String(format: "%.2f", hit.score)
        let dim = color ? "\u{1B}[2m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = "\(rank). \(title)\(reset)  \(dim)[\(score)]\(reset)\n   \(dim)\(meta)\(reset)\n   \(indented(hit.snippet))\n"
        // The query words this passage lacks, from the article's other passages, marked as cut.
        for f in hit.fragments {
            var fragment = f.snippet
            if !fragment.text.hasPrefix("…") {
                fragment = HighlightedText(text: "…" + fragment.text, ranges: fragment.ranges.map { ($0.lowerBound + 1)..<($0.upperBound + 1) })
            }
            if !fragment.text.hasSuffix("…") { fragment.text += "…" }
            out += "   \(indented(fragment))  \(dim)(#\(f.ordinal))\(reset)\n"
        }
        if !hit.duplicates.isEmpty {
            out += "   \(dim)+\(hit.duplicates.count) similar: \(hit.duplicates.joined(separator: ", "))\(reset)\n"
        }
        if let e = hit.explanation {
            let terms = e.terms.map { "\(SearchHit.Explanation.display(term: $0.term, indexed: $0.indexed)) \(String(format: "%.2f", $0.score))" }
                .joined(separator: " + ")
            out += "   \(dim)explain: (article \(String(format: "%.2f", e.article))" + (terms.isEmpty ? "" : " + " + terms) + ")"
                + (e.coverage != 1 ? String(format: " × %.2f (words matched, by IDF)", e.coverage) : "")
                + (e.passage != 0 ? String(format: " + passage %.2f", e.passage) : "") + "\(reset)\n"
        }
        return out + "\n"
    }

    /// A snippet on one line, wrapped to the terminal (80 columns when not a terminal, Korean
    /// characters counting two) and indented under the hit. Breaks replace spaces one for one,
    /// so highlight offsets stay valid.
    func indented(_ h: HighlightedText) -> String {
        let wrapped = Self.wrap(Self.oneLine(h.text), width: Terminal.columns - 3)
        return render(HighlightedText(text: wrapped, ranges: h.ranges), base: "").replacingOccurrences(of: "\n", with: "\n   ")
    }

    /// Replaces spaces by line breaks so that no line is wider than `width` columns (a single
    /// word wider than that stays whole).
    static func wrap(_ s: String, width: Int) -> String {
        var scalars = Array(s.unicodeScalars)
        var column = 0, lastSpace: Int? = nil, columnAtSpace = 0
        for i in scalars.indices {
            if scalars[i] == " " { lastSpace = i; columnAtSpace = column }
            column += Terminal.width(String(scalars[i]))
            if column > width, let space = lastSpace {
                scalars[space] = "\n"
                column -= columnAtSpace + 1
                lastSpace = nil
            }
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
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
