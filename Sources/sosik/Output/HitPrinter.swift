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

/// The printer of a search's hits: one printer per format (JSONLinesHits, TSVHits, TextHits,
/// IDHits), chosen here, and the fields (HitField) they print.
struct HitPrinter {
    var format: OutputFormat
    var color: Bool
    /// Fields of JSON objects / TSV columns, in order (nil: the format's default).
    var fields: [String]?
    var out = StandardOutput()
    /// Batch mode: every hit carries the id of its query (first JSON key, first TSV column).
    var qidColumn = false
    var qid = ""

    /// The field names --fields takes (HitField), and the formats' defaults.
    static let allFields = HitField.allCases.map(\.rawValue)
    static let jsonFields = HitField.jsonDefault.map(\.rawValue)
    static let tsvFields = HitField.tsvDefault.map(\.rawValue)

    /// Whether the chosen output shows snippets (they cost a second analysis of each passage).
    var needsSnippets: Bool {
        format == .text || (format != .ids && (active.contains(.snippet) || active.contains(.highlights)))
    }

    /// Set with --explain: the `explain` field is added to json/tsv output.
    var explain = false

    /// The fields printed, in order (unknown names were refused by search's validate()).
    var active: [HitField] {
        var list = fields.map { $0.compactMap(HitField.init(rawValue:)) } ?? (format == .tsv ? HitField.tsvDefault : HitField.jsonDefault)
        if explain && !list.contains(.explain) { list.append(.explain) }
        return qidColumn && !list.contains(.qid) ? [.qid] + list : list
    }

    /// The format's printer, made once by begin() (options are set before it).
    private(set) var chosen: (any HitFormat)? = nil

    private var printer: any HitFormat {
        if let chosen { return chosen }
        switch format {
        case .json: return JSONLinesHits(fields: active)
        case .tsv: return TSVHits(fields: active)
        case .text: return TextHits(color: color)
        case .ids: return IDHits(qidColumn: qidColumn)
        }
    }

    mutating func begin() {
        chosen = printer
        out.write(printer.begin())
    }

    mutating func print(_ hit: SearchHit, rank: Int) { out.write(printer.hit(hit, rank: rank, qid: qid)) }

    mutating func end() { out.flush() }

    /// `--facets`: counts over every matching article, after the hits.
    mutating func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) {
        out.write(printer.facets(facets, matched: matched))
        out.flush()
    }

    static func tsvField(_ s: String) -> String { TSVHits.field(s) }
    static func wrap(_ s: String, width: Int) -> String { TextHits.wrap(s, width: width) }
}

/// One output format of search hits: what it writes first, per hit, and for --facets.
protocol HitFormat {
    func begin() -> String
    func hit(_ hit: SearchHit, rank: Int, qid: String) -> String
    func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) -> String
}

/// JSON Lines: one object per hit, the fields in order; --facets one last object
/// `{"type":"facets",...}`.
struct JSONLinesHits: HitFormat {
    var fields: [HitField]
    func begin() -> String { "" }
    func hit(_ hit: SearchHit, rank: Int, qid: String) -> String {
        JSONText.object(fields.map { ($0.rawValue, $0.value(hit, rank: rank, qid: qid).json) }) + "\n"
    }
    func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) -> String {
        let fields = facets.map { f in
            (f.field.rawValue, "[" + f.values.map { JSONText.object([("value", JSONText.value($0.value)), ("count", "\($0.count)")]) }
                .joined(separator: ",") + "]")
        }
        return JSONText.object([("type", JSONText.string("facets")), ("matched", "\(matched)"), ("facets", JSONText.object(fields))]) + "\n"
    }
}

/// TSV: a header row of the field names, a row per hit; --facets a second table after a blank line.
struct TSVHits: HitFormat {
    var fields: [HitField]
    func begin() -> String { fields.map(\.rawValue).joined(separator: "\t") + "\n" }
    func hit(_ hit: SearchHit, rank: Int, qid: String) -> String {
        fields.map { Self.field($0.value(hit, rank: rank, qid: qid).tsv) }.joined(separator: "\t") + "\n"
    }
    func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) -> String {
        var out = "\nfacet\tvalue\tcount\n"
        for f in facets {
            for v in f.values { out += "\(f.field.rawValue)\t\(Self.field(v.value ?? ""))\t\(v.count)\n" }
        }
        return out
    }
    /// Tabs and line breaks in a value become spaces.
    static func field(_ s: String) -> String {
        s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }
}

/// Ids, one per line (with the query's id first in batch mode); no facets.
struct IDHits: HitFormat {
    var qidColumn: Bool
    func begin() -> String { "" }
    func hit(_ hit: SearchHit, rank: Int, qid: String) -> String { (qidColumn ? qid + "\t" : "") + hit.id + "\n" }
    func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) -> String { "" }
}

/// Text for a person at a terminal: title, meta line, the snippet wrapped and highlighted, the
/// fragments, similar articles, --explain; --facets a short block.
struct TextHits: HitFormat {
    var color: Bool
    func begin() -> String { "" }
    func hit(_ hit: SearchHit, rank: Int, qid: String) -> String { text(hit, rank: rank) }
    func facets(_ facets: [(field: FacetField, values: [(value: String?, count: Int)])], matched: Int) -> String {
        let dim = color ? "\u{1B}[2m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = "\(dim)facets of all \(matched) matching articles:\(reset)\n"
        for f in facets {
            let shown = f.values.prefix(8).map { "\($0.value ?? "(none)") \($0.count)" }.joined(separator: " · ")
            let more = f.values.count > 8 ? " · … \(f.values.count - 8) more" : ""
            out += "  " + f.field.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + shown + more + "\n"
        }
        return out
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
