import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch
import SosikText

extension Sosik {
    /// `sosik trend QUERY…`: matching articles per period and their share of all articles of that
    /// period, as a bar chart, a table for scripts, or an SVG line chart.
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count matching articles per day, week, month or year.",
            discussion: """
                For each period: the articles matching the query (as sosik search
                --count counts them) and their share of all articles indexed for
                that period, since coverage varies from month to month. Several
                queries (-q, repeatable) are compared; --split gives one series
                per language or source. Undated articles are counted apart.

                Exit status: 0 when some article matches, 1 when none does, 2 on
                error.

                Examples:
                  sosik trend 순찰
                  sosik trend --by month -q 순찰 -q 감시 -q "home visits"
                  sosik trend --split lang --translate patrols
                  sosik trend --format tsv 장마당 > jangmadang.tsv
                  sosik trend -q 순찰 -q 감시 --plot trend.svg
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(name: [.customShort("q"), .long], help: ArgumentHelp("A query (repeatable: one series each).", valueName: "query"))
        var query: [String] = []

        @Option(name: .long, help: ArgumentHelp("Period (default: from the span of the dates).", valueName: "day|week|month|year"))
        var by: TrendPeriodOption?

        @Option(name: .long, help: ArgumentHelp("One series per language or source.", valueName: "lang|source"))
        var split: SplitOption?

        @Flag(name: .long, help: "Articles with any query word.")
        var any = false

        @Flag(name: .long, help: "Words also match their translations (ko <-> en).")
        var translate = false

        @OptionGroup var filters: FilterOptions

        @Option(name: .long, help: ArgumentHelp("Output: text (a bar chart), tsv, csv or json.", valueName: "format"))
        var format: TrendFormat = .text

        @Option(name: .long, help: ArgumentHelp("Also write an SVG line chart of the shares to this file.", valueName: "file.svg"),
                completion: .file(extensions: ["svg"]))
        var plot: String?

        @Option(name: .long, help: ArgumentHelp("Colour the bars (auto: on a terminal).", valueName: "when"))
        var color: ColorChoice = .auto

        @Option(name: .long, help: ArgumentHelp("Count on an index on OpenSearch instead of --db: http(s)://HOST:PORT[/INDEX].", valueName: "url"))
        var opensearch: String?

        @Argument(parsing: .allUnrecognized, help: "Query words (one query; or use -q).")
        var words: [String] = []

        enum TrendFormat: String, ExpressibleByArgument, CaseIterable { case text, tsv, csv, json }
        enum SplitOption: String, ExpressibleByArgument, CaseIterable { case lang, source }
        enum TrendPeriodOption: String, ExpressibleByArgument, CaseIterable { case day, week, month, year }

        var queries: [String] {
            query + (words.isEmpty ? [] : [words.filter { $0 != "--" }.joined(separator: " ")])
        }

        func validate() throws {
            if let mistake = Usage.mistypedOption(in: words, of: Self.self, aliases: [:]) {
                throw ValidationError(mistake.description)
            }
            guard !queries.isEmpty else { throw ValidationError("missing query: sosik trend WORD... or sosik trend -q QUERY -q QUERY") }
            if let plot, !plot.lowercased().hasSuffix(".svg") {
                throw ValidationError("--plot writes SVG: give a file name ending in .svg (got \(plot))")
            }
        }

        func run() throws {
            var options = SearchOptions(mode: any ? .any : .all, limit: 1)
            filters.apply(to: &options)
            if translate { options.translator = Translator() }
            let period = by.flatMap { TrendPeriod(rawValue: $0.rawValue) }, splitField = split.flatMap { FacetField(rawValue: $0.rawValue) }
            let trend = try Sosik.searchBackend(opensearch: opensearch, database: database)
                .trend(queries, options: options, by: period, split: splitField)
            var out = StandardOutput()
            switch format {
            case .text: out.write(TrendChart.text(trend, color: color.enabled))
            case .tsv: out.write(TrendChart.table(trend, separator: "\t"))
            case .csv: out.write(TrendChart.table(trend, separator: ","))
            case .json: out.write(TrendChart.json(trend) + "\n")
            }
            out.flush()
            if let plot {
                do {
                    try TrendChart.svg(trend).write(toFile: plot, atomically: true, encoding: .utf8)
                } catch {
                    throw ChartNotWritten(path: plot, reason: error.localizedDescription)
                }
                if Terminal.stderrIsTerminal { Terminal.info("wrote \(plot)") }
            }
            let matched = trend.series.reduce(0) { $0 + $1.undated + $1.points.reduce(0) { $0 + $1.count } }
            if matched == 0 { throw ExitCode(1) }
        }
    }
}

/// `--plot` could not write its file (no such folder, no permission, a full disk).
struct ChartNotWritten: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write the chart to \(path): \(reason)" }
}

/// How a trend is drawn and written.
enum TrendChart {
    static let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar of `value / maximum` of `width` cells, in eighths.
    static func bar(_ value: Double, of maximum: Double, width: Int = 32) -> String {
        guard maximum > 0, value > 0 else { return "" }
        let eighths = max(1, Int((value / maximum * Double(width * 8)).rounded()))
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    static func text(_ trend: SosikIndex.Trend, color: Bool) -> String {
        var s = ""
        // The bars show the share (the heading says so), on one scale for every series: a
        // month with more articles indexed is not drawn bigger for that alone (issue 25).
        let maximum = trend.series.flatMap { $0.points.map(\.share) }.max() ?? 0
        let width = trend.periods.map(\.count).max() ?? 4
        let colors = ["\u{1B}[36m", "\u{1B}[33m", "\u{1B}[35m", "\u{1B}[32m", "\u{1B}[34m", "\u{1B}[31m"]
        for (i, series) in trend.series.enumerated() {
            let total = series.points.reduce(0) { $0 + $1.count }
            s += "\(series.label) — articles per \(trend.by.rawValue) (share of all articles that \(trend.by.rawValue)); "
                + "\(total) dated" + (series.undated > 0 ? ", \(series.undated) undated" : "") + "\n"
            for p in series.points {
                // A period with nothing indexed is a gap, not 0%: nobody looked.
                let b = p.total > 0 ? bar(p.share, of: maximum) : "·"
                let painted = color && !b.isEmpty ? colors[i % colors.count] + b + "\u{1B}[0m" : b
                let pad = String(repeating: " ", count: max(0, 33 - b.count))
                s += "  " + p.period.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + painted + pad
                    + String(format: "%5d", p.count) + "  " + (p.total > 0 ? percent(p.share) : "-") + "\n"
            }
            s += "\n"
        }
        return s
    }

    static func table(_ trend: SosikIndex.Trend, separator: String) -> String {
        func field(_ v: String) -> String {
            if separator == "," && (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return separator == "\t" ? HitPrinter.tsvField(v) : v
        }
        var s = ["query", "group", "period", "count", "total", "share"].joined(separator: separator) + "\n"
        for series in trend.series {
            for p in series.points {
                s += [series.query, series.group ?? "", p.period, "\(p.count)", "\(p.total)", String(format: "%.6f", p.share)]
                    .map(field).joined(separator: separator) + "\n"
            }
            if series.undated > 0 {
                s += [series.query, series.group ?? "", "undated", "\(series.undated)", "", ""].map(field).joined(separator: separator) + "\n"
            }
        }
        return s
    }

    static func json(_ trend: SosikIndex.Trend) -> String {
        JSONText.object([
            ("type", JSONText.string("trend")),
            ("by", JSONText.string(trend.by.rawValue)),
            ("periods", "[" + trend.periods.map(JSONText.string).joined(separator: ",") + "]"),
            ("series", "[" + trend.series.map { series in
                JSONText.object([
                    ("query", JSONText.string(series.query)),
                    ("group", series.group.map(JSONText.string) ?? "null"),
                    ("undated", "\(series.undated)"),
                    ("points", "[" + series.points.map { p in
                        JSONText.object([("period", JSONText.string(p.period)), ("count", "\(p.count)"),
                                         ("total", "\(p.total)"), ("share", String(format: "%.6f", p.share))])
                    }.joined(separator: ",") + "]"),
                ])
            }.joined(separator: ",") + "]"),
        ])
    }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A line chart of each series' share per period: axes with ticks and labels, a legend,
    /// fonts that hold Hangul. Plain SVG 1.1, no script, no external resource.
    static func svg(_ trend: SosikIndex.Trend) -> String {
        let width = 960.0, height = 480.0
        let left = 72.0, right = 220.0, top = 56.0, bottom = 72.0
        let plotW = width - left - right, plotH = height - top - bottom
        let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
        let maxShare = max(0.0001, trend.series.flatMap { $0.points.map(\.share) }.max() ?? 0)
        // A round top for the y axis: 1, 2, 2.5 or 5 × a power of ten (in percent).
        let maxPercent = maxShare * 100
        let magnitude = pow(10, floor(log10(maxPercent)))
        let step = [0.2, 0.25, 0.5, 1, 2].map { $0 * magnitude }.first { maxPercent / $0 <= 5 } ?? magnitude * 2
        let yTop = ceil(maxPercent / step) * step
        let n = trend.periods.count
        func x(_ i: Int) -> Double { n <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(n - 1) }
        func y(_ share: Double) -> Double { top + plotH * (1 - share * 100 / yTop) }
        let font = "font-family=\"'Noto Sans CJK KR','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif\""
        var s = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" \(font) font-size="13">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(left)" y="28" font-size="17" font-weight="bold" fill="#222">\(xml("Share of articles per \(trend.by.rawValue) · 기사 비율 (\(trend.by.rawValue))"))</text>

            """
        // Grid and y axis.
        var v = 0.0
        while v <= yTop + step / 2 {
            let yy = y(v / 100)
            s += "<line x1=\"\(left)\" y1=\(q(yy)) x2=\"\(left + plotW)\" y2=\(q(yy)) stroke=\"#e5e5e5\"/>\n"
            s += "<text x=\"\(left - 8)\" y=\(q(yy + 4)) text-anchor=\"end\" fill=\"#444\">\(label(v, step))%</text>\n"
            v += step
        }
        s += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>\n"
        s += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>\n"
        // X ticks: at most about 12 labels.
        let every = max(1, Int(ceil(Double(n) / 12)))
        for (i, p) in trend.periods.enumerated() {
            s += "<line x1=\(q(x(i))) y1=\"\(top + plotH)\" x2=\(q(x(i))) y2=\"\(top + plotH + 5)\" stroke=\"#333\"/>\n"
            if i % every == 0 || i == n - 1 {
                s += "<text x=\(q(x(i))) y=\"\(top + plotH + 20)\" text-anchor=\"middle\" fill=\"#444\">\(xml(p))</text>\n"
            }
        }
        s += "<text x=\"\(left + plotW / 2)\" y=\"\(height - 22)\" text-anchor=\"middle\" fill=\"#222\">\(xml("\(trend.by.rawValue) · 기간"))</text>\n"
        s += "<text transform=\"translate(18 \(top + plotH / 2)) rotate(-90)\" text-anchor=\"middle\" fill=\"#222\">\(xml("share of all articles · 전체 기사 중 비율"))</text>\n"
        // Series.
        for (k, series) in trend.series.enumerated() {
            let c = palette[k % palette.count]
            let points = series.points.enumerated().map { "\(q2(x($0.offset))),\(q2(y($0.element.share)))" }.joined(separator: " ")
            s += "<polyline fill=\"none\" stroke=\"\(c)\" stroke-width=\"2.5\" points=\"\(points)\"/>\n"
            for (i, p) in series.points.enumerated() {
                s += "<circle cx=\(q(x(i))) cy=\(q(y(p.share))) r=\"3.5\" fill=\"\(c)\"><title>\(xml("\(series.label) \(p.period): \(p.count) of \(p.total) (\(percent(p.share)))"))</title></circle>\n"
            }
            // Legend.
            let ly = top + 8 + Double(k) * 24
            s += "<line x1=\"\(left + plotW + 24)\" y1=\(q(ly)) x2=\"\(left + plotW + 52)\" y2=\(q(ly)) stroke=\"\(c)\" stroke-width=\"3\"/>\n"
            let total = series.points.reduce(0) { $0 + $1.count }
            s += "<text x=\"\(left + plotW + 58)\" y=\(q(ly + 4)) fill=\"#222\">\(xml("\(series.label) (\(total))"))</text>\n"
        }
        s += "</svg>\n"
        return s
    }

    static func q(_ v: Double) -> String { "\"" + q2(v) + "\"" }
    static func q2(_ v: Double) -> String { String(format: "%.1f", v) }
    static func label(_ v: Double, _ step: Double) -> String {
        step >= 1 ? String(format: "%.0f", v) : step >= 0.1 ? String(format: "%.1f", v) : String(format: "%.2f", v)
    }
}
