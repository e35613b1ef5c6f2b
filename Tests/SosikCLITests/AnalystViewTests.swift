import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Issue 16: trends, facets, near-duplicates collapsed, and what is new — through the binary,
/// on indexes the tests write.
@Suite struct AnalystViewTests {
    /// A folder with its own index, articles written by the test.
    final class Workspace {
        let folder: URL
        var db: String { folder.appendingPathComponent("w.db").path }
        var corpus: URL { folder.appendingPathComponent("news") }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-av-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("news"), withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func article(_ id: String, date: String?, lang: String = "ko", source: String = "A", title: String, _ body: String) throws {
            let front = "---\nid: \(id)\n" + (date.map { "date: \($0)\n" } ?? "") + "lang: \(lang)\nsource: \(source)\ntitle: \(title)\n---\n"
            try (front + body + "\n").write(to: corpus.appendingPathComponent(id + ".md"), atomically: true, encoding: .utf8)
        }

        @discardableResult
        func index() throws -> SosikBinary.Result {
            let r = try SosikBinary.run(["index", "--db", db, corpus.path])
            #expect(r.status == 0, "\(r.stderr)")
            return r
        }

        func run(_ args: String...) throws -> SosikBinary.Result {
            try SosikBinary.run([args[0], "--db", db] + args.dropFirst())
        }

        func json(_ args: String...) throws -> [[String: Any]] {
            try SosikBinary.run([args[0], "--db", db] + args.dropFirst()).json()
        }
    }

    /// Trend bars are drawn by share, as their heading says (issue 25): January's one match
    /// of one article outdraws February's two of four.
    @Test func trendBarsShowTheShare() throws {
        let w = try Workspace()
        try w.article("jan", date: "2025-01-10", title: "순찰", "국경 순찰이 강화됐다.")
        for i in 0..<4 {
            try w.article("feb\(i)", date: "2025-02-1\(i)", title: "소식 \(i)", i < 2 ? "야간 순찰이 늘었다." : "장마당이 열렸다.")
        }
        try w.index()
        let text = try w.run("trend", "--by", "month", "순찰")
        func bar(_ month: String) -> Int {
            text.lines.first { $0.contains(month) }.map { $0.filter { "█▏▎▍▌▋▊▉".contains($0) }.count } ?? -1
        }
        #expect(bar("2025-01") > bar("2025-02") && bar("2025-02") > 0, "\(text.stdout)")
    }

    /// --source takes the whole name or its first words, case aside (issue 25): KBS finds
    /// KBS and KBS 뉴스, not KBSN or SBS 뉴스.
    @Test func aSourceIsFoundByItsFirstWords() throws {
        let w = try Workspace()
        try w.article("kbs", date: "2025-01-02", source: "KBS", title: "순찰", "국경 순찰이 강화됐다.")
        try w.article("kbs-news", date: "2025-01-03", source: "KBS 뉴스", title: "순찰", "야간 순찰이 늘었다.")
        try w.article("kbsn", date: "2025-01-04", source: "KBSN", title: "순찰", "순찰 중계.")
        try w.article("sbs", date: "2025-01-05", source: "SBS 뉴스", title: "순찰", "순찰을 돌았다.")
        try w.index()
        func ids(_ args: String...) throws -> Set<String> {
            Set(try SosikBinary.run(["search", "--db", w.db, "--format", "tsv", "--fields", "doc_id"] + args).lines.dropFirst())
        }
        #expect(try ids("--source", "kbs", "순찰") == ["kbs", "kbs-news"])
        #expect(try ids("--source", "KBS 뉴스", "순찰") == ["kbs-news"])
        #expect(try ids("--source", "뉴스", "순찰").isEmpty)   // not a substring
        #expect(try ids("--source", "KBS", "--source", "sbs", "순찰") == ["kbs", "kbs-news", "sbs"])
    }

    /// Sixteen articles over four months (four a month), in two languages and three sources;
    /// 순찰 in Korean ones: 1, 2, 0 and 1 a month, and one undated.
    static let plan: [(month: String, lang: String, patrol: Bool)] = [
        ("01", "ko", true), ("01", "ko", false), ("01", "en", true), ("01", "en", false),
        ("02", "ko", true), ("02", "ko", true), ("02", "en", false), ("02", "en", false),
        ("03", "ko", false), ("03", "ko", false), ("03", "en", true), ("03", "en", false),
        ("04", "ko", true), ("04", "ko", false), ("04", "en", true), ("04", "en", true),
    ]

    static func newsroom() throws -> Workspace {
        let w = try Workspace()
        for (i, a) in plan.enumerated() {
            let body = a.lang == "ko"
                ? (a.patrol ? "국경에서 야간 순찰이 강화되었다고 소식통 \(i)번이 전했다." : "장마당 쌀값이 \(i)주째 올랐다고 상인들이 말했다.")
                : (a.patrol ? "Night patrols were stepped up at the border, source number \(i) said." : "Rice prices rose for week \(i) at the market.")
            try w.article("a\(i)", date: "2025-\(a.month)-\(10 + i)", lang: a.lang, source: ["A", "B", "C"][i % 3],
                          title: "기사 \(i)", body)
        }
        try w.article("undated", date: nil, title: "날짜 없는 순찰", "날짜가 없는 순찰 기사.")
        try w.index()
        return w
    }

    @Test func trendCountsEqualSearchCountPerPeriodAndSharesAddUp() throws {
        let w = try Self.newsroom()
        let trend = try #require(try w.json("trend", "--by", "month", "--format", "json", "순찰").first)
        let series = try #require((trend["series"] as? [[String: Any]])?.first)
        let points = try #require(series["points"] as? [[String: Any]])
        #expect(points.map { $0["period"] as? String } == ["2025-01", "2025-02", "2025-03", "2025-04"])
        var dated = 0
        for p in points {
            let period = p["period"] as! String
            let count = p["count"] as! Int
            // The same query and date filters through search --count.
            let searched = try w.run("search", "--count", "--since", period, "--until", period, "순찰")
            #expect(Int(searched.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 == count, "\(period)")
            // The period's total is every article of that month.
            let all = try w.run("search", "--count", "--any", "--since", period, "--until", period, "순찰", "장마당", "patrols", "rice")
            #expect(Int(all.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 == p["total"] as! Int, "\(period)")
            dated += count
        }
        // Dated and undated matches add up to every match.
        let total = try w.run("search", "--count", "순찰")
        #expect(dated + (series["undated"] as! Int) == Int(total.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(series["undated"] as? Int == 1)
        // With --split lang the series add up to the whole, period by period, and each share
        // is the series' count over its language's articles that month.
        let split = try #require(try w.json("trend", "--by", "month", "--split", "lang", "--format", "json", "순찰").first)
        let parts = try #require(split["series"] as? [[String: Any]])
        #expect(Set(parts.compactMap { $0["group"] as? String }) == ["ko", "en"] || parts.count == 1)
        for (i, p) in points.enumerated() {
            let sum = parts.reduce(0) { $0 + (($1["points"] as! [[String: Any]])[i]["count"] as! Int) }
            #expect(sum == p["count"] as! Int)
            let totals = parts.reduce(0) { $0 + (($1["points"] as! [[String: Any]])[i]["total"] as! Int) }
            #expect(totals <= p["total"] as! Int)
        }
        for part in parts {
            for p in part["points"] as! [[String: Any]] where (p["total"] as! Int) > 0 {
                let share = Double(p["count"] as! Int) / Double(p["total"] as! Int)
                #expect(abs((p["share"] as! Double) - share) < 1e-6)
            }
        }
    }

    @Test func trendDrawsBarsTablesAndAnSVGChart() throws {
        let w = try Self.newsroom()
        let text = try w.run("trend", "--by", "month", "-q", "순찰", "-q", "장마당")
        #expect(text.status == 0)
        #expect(text.stdout.contains("순찰 — articles per month") && text.stdout.contains("장마당 — articles per month"))
        #expect(text.stdout.contains("█") && !text.stdout.contains("\u{1B}["), "no colour off a terminal")
        // The bars show the share, as the heading says: the longest bar is the largest share,
        // whatever the counts (issue 25).
        let rows = text.lines.compactMap { line -> (bar: Int, share: Double)? in
            guard line.hasPrefix("  "), line.hasSuffix("%"), let pct = line.split(separator: " ").last.flatMap({ Double($0.dropLast()) })
            else { return nil }
            return (line.filter { "█▏▎▍▌▋▊▉".contains($0) }.count, pct)
        }
        #expect(rows.count >= 8)
        let longest = try #require(rows.max { $0.bar < $1.bar }), largest = try #require(rows.max { $0.share < $1.share })
        #expect(longest.share == largest.share, "\(rows)")
        let tsv = try w.run("trend", "--by", "month", "--format", "tsv", "-q", "순찰", "-q", "장마당")
        #expect(tsv.lines.first == "query\tgroup\tperiod\tcount\ttotal\tshare")
        #expect(tsv.lines.filter { $0.hasPrefix("장마당\t") }.count == 4)
        #expect(tsv.lines.contains("순찰\t\t2025-03\t0\t4\t0.000000"), "an empty month is a row")
        let csv = try w.run("trend", "--by", "year", "--format", "csv", "순찰")
        #expect(csv.lines.first == "query,group,period,count,total,share" && csv.lines.contains { $0.hasPrefix("순찰,,2025,") })
        let svg = w.folder.appendingPathComponent("t.svg")
        let plotted = try w.run("trend", "--by", "month", "-q", "순찰", "-q", "patrols", "--plot", svg.path)
        #expect(plotted.status == 0)
        let drawing = try String(contentsOf: svg, encoding: .utf8)
        // Well-formed XML, one line per series, a legend with both queries, axes labelled.
        let parser = XMLParser(data: Data(drawing.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(drawing.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(drawing.contains(">순찰 (") && drawing.contains(">patrols ("))
        #expect(drawing.contains("2025-01") && drawing.contains("2025-04") && drawing.contains("share of all articles"))
        // No match: exit 1; a bad period: exit 2.
        #expect(try w.run("trend", "없는낱말").status == 1)
        #expect(try w.run("trend", "--by", "fortnight", "순찰").status == 2)
        let unwritable = try w.run("trend", "순찰", "--plot", w.folder.appendingPathComponent("no/such/folder/t.svg").path)
        #expect(unwritable.status == 2 && unwritable.stderr.contains("cannot write the chart to ") && unwritable.stderr.contains("t.svg"))
    }

    @Test func facetsCountEveryMatchingArticleNotOnlyTheShownOnes() throws {
        let w = try Self.newsroom()
        let lines = try w.json("search", "--format", "json", "--limit", "2", "--facets", "lang,source,year,month", "--any", "순찰", "patrols")
        let hits = lines.filter { $0["type"] == nil }
        let facets = try #require(lines.last)
        #expect(hits.count == 2)
        #expect(facets["type"] as? String == "facets")
        let matched = try w.run("search", "--count", "--any", "순찰", "patrols")
        #expect(facets["matched"] as? Int == Int(matched.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let byField = try #require(facets["facets"] as? [String: [[String: Any]]])
        for (field, values) in byField {
            #expect(values.reduce(0) { $0 + ($1["count"] as! Int) } == facets["matched"] as! Int, "\(field) adds up")
        }
        // Each value's count is what a search restricted to it counts.
        for v in byField["lang"]! {
            let n = try w.run("search", "--count", "--any", "--lang", v["value"] as! String, "순찰", "patrols")
            #expect(Int(n.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == v["count"] as? Int)
        }
        for v in byField["source"]! {
            let n = try w.run("search", "--count", "--any", "--source", v["value"] as! String, "순찰", "patrols")
            #expect(Int(n.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == v["count"] as? Int)
        }
        // Text: a block after the hits; TSV: a second table.
        let text = try w.run("search", "--facets", "lang", "순찰")
        #expect(text.stdout.contains("facets of all 5 matching articles:") && text.stdout.contains("  lang   ko 5"), "\(text.stdout)")
        let tsv = try w.run("search", "--format", "tsv", "--facets", "year", "순찰")
        #expect(tsv.stdout.contains("\n\nfacet\tvalue\tcount\nyear\t2025\t4\nyear\t\t1\n"), "\(tsv.stdout)")
        #expect(try w.run("search", "--facets", "colour", "순찰").status == 2)
    }

    @Test func nearDuplicatesCollapseIntoTheBestRankedCopy() throws {
        let w = try Workspace()
        let story = """
            함경북도 회령시에서 지난달 말부터 야간 순찰이 크게 강화됐다고 현지 소식통이 전했다. 소식통에 따르면 두만강과 맞닿은 구역에서는 밤 10시 이후 통행이 사실상 금지됐다.

            회령시 안전부 소속 안전원들은 두세 명씩 조를 짜 강변과 골목을 돈다. 한 주민은 예전에는 자정 무렵 한 번 지나가던 순찰이 이제는 한 시간마다 문을 두드린다고 말했다.

            소식통은 이번 조치가 국경 지역의 밀수와 탈북을 막으려는 것이라고 설명했다. 인근 부대 군인들도 순찰에 동원됐다.
            """
        try w.article("original", date: "2025-05-01", source: "A", title: "회령 야간 순찰 강화", story)
        // A wire copy with a new headline and the outlet's own lines around it.
        try w.article("copy", date: "2025-05-02", source: "B", title: "국경 도시 회령, 밤 순찰 두 배로",
                      "[B통신] " + story + "\n\n무단 전재 및 재배포 금지. B통신 제공.")
        // A truncated repost: the first two paragraphs.
        try w.article("short", date: "2025-05-03", source: "C", title: "회령 순찰",
                      story.components(separatedBy: "\n\n").prefix(2).joined(separator: "\n\n"))
        // A different story on the same subject.
        try w.article("other", date: "2025-05-04", source: "A", title: "혜산 순찰",
                      "양강도 혜산시에서도 순찰이 늘었다. 시장 상인들은 밤마다 검문을 받는다고 말했다. 세관 근처에는 새 초소가 생겼다.")
        try w.index()
        let collapsed = try w.json("search", "--format", "json", "--fields", "doc_id,duplicates", "순찰")
        let ids = collapsed.compactMap { $0["doc_id"] as? String }
        #expect(ids.count == 2 && ids.contains("other"), "\(collapsed)")
        let first = try #require(collapsed.first { $0["doc_id"] as? String != "other" })
        let dupes = try #require(first["duplicates"] as? [String])
        #expect(Set(dupes + [first["doc_id"] as! String]) == ["original", "copy", "short"], "\(collapsed)")
        // The best-ranked copy is the one kept: the first of --no-collapse's order among them.
        let all = try w.json("search", "--format", "json", "--fields", "doc_id", "--no-collapse", "순찰").compactMap { $0["doc_id"] as? String }
        #expect(Set(all) == ["original", "copy", "short", "other"])
        #expect(all.first { $0 != "other" } == first["doc_id"] as? String)
        #expect(dupes == all.filter { $0 != "other" && $0 != first["doc_id"] as? String }, "duplicates in rank order")
        let text = try w.run("search", "순찰")
        #expect(text.stdout.contains("+2 similar: "), "\(text.stdout)")
        // With several passages per article, each of the kept article's hits names them.
        let perDoc = try w.json("search", "--format", "json", "--fields", "doc_id,duplicates", "--per-doc", "2", "순찰")
        for hit in perDoc where hit["doc_id"] as? String == first["doc_id"] as? String {
            #expect(hit["duplicates"] as? [String] == dupes)
        }
        #expect(!perDoc.contains { ["original", "copy", "short"].contains($0["doc_id"] as? String) && $0["doc_id"] as? String != first["doc_id"] as? String })
    }

    @Test func watchReportsOnlyWhatTheLastRunAdded() throws {
        let w = try Self.newsroom()
        let alerts = w.folder.appendingPathComponent("alerts.jsonl")
        try """
            {"qid": "patrols", "query": "순찰 patrols", "any": true}
            {"qid": "rice", "query": "rice", "lang": "en"}
            {"qid": "broken"
            """.write(to: alerts, atomically: true, encoding: .utf8)
        // Nothing added since the first run's articles… all of them are the last run's.
        let first = try w.run("watch", "--format", "json", alerts.path)
        #expect(first.status == 0)
        // An incremental run: one new article about patrols, one changed about rice.
        try w.article("fresh", date: "2025-05-01", title: "새 순찰", "회령에서 새 순찰 소식이 들어왔다.")
        try w.article("a3", date: "2025-01-13", lang: "en", source: "A", title: "기사 3", "Rice prices rose again at the market.")
        try w.index()
        let r = try w.run("watch", "--format", "json", alerts.path)
        #expect(r.status == 0, "\(r.stderr)")
        let hits = try r.json()
        #expect(Set(hits.map { "\($0["qid"]!):\($0["doc_id"]!)" }) == ["patrols:fresh", "rice:a3"], "\(hits)")
        #expect(r.stderr.contains("alerts.jsonl:3: skipped"), "\(r.stderr)")
        // search --new agrees; --added-since 1 goes back to the first run.
        let new = try w.run("search", "--new", "--format", "ids", "--any", "순찰", "rice")
        #expect(Set(new.lines.map { String($0.split(separator: "#")[0]) }) == ["fresh", "a3"])
        let since = try w.run("search", "--added-since", "1", "--count", "순찰")
        #expect(since.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "6")
        // A run that adds nothing: watch has nothing to say (exit 1), and stats lists the runs.
        try w.index()
        #expect(try w.run("watch", alerts.path).status == 1)
        let stats = try w.run("stats")
        #expect(stats.stdout.contains("run 3 ") && stats.stdout.contains("run 2 ") && stats.stdout.contains("documents 2 written"),
                "\(stats.stdout)")
        #expect(try w.run("search", "--added-since", "yesterday", "순찰").status == 2)
    }
}
