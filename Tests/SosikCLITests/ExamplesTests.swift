import Foundation
import Testing

/// Every example a user is shown must work on the bundled corpus (issue 14): the `Examples:`
/// lines of each command's help (read from the built binary), and the `sosik …` command lines of
/// the code blocks of README.md and docs/*.md (read from the repository at test time). Each example runs in a
/// shell, in its own copy of a workspace holding a fresh index of Corpus/ (`sosik.db`, and
/// `news.db` for the `--db news.db` examples), a copy of Corpus/, and small files for the
/// names the examples use (`questions.jsonl`, `export.csv`, `page.html`, `article.txt`,
/// `~/news/…`; `curl` prints a feed). An example must exit 0 (every command of a pipeline) and print something
/// (search: at least one hit), and none may show a test fixture. Where the README shows a
/// search's output, sosik must give the same hits; an `analyze` output, the same lines. (An
/// example piped into a tool this machine lacks, such as jq, is not run.)
@Suite struct ExamplesTests {
    struct Example: CustomStringConvertible {
        var command: String
        var origin: String
        /// README: the lines shown after a `$ sosik …` line, as its output.
        var shown: [String] = []
        var description: String { "\(origin): \(command)" }

        /// The sosik subcommand (`search`, `index` …, or the first option: `--generate-completion-script`).
        var subcommand: String {
            guard let m = command.firstMatch(of: /(?:^|[|&;]\s*)sosik\s+(\S+)/) else { return "" }
            return String(m.1)
        }
    }

    /// Examples that cannot run here, with the reason (none at present: the workspace provides
    /// every file the examples name). Keyed by a part of the command line.
    /// Examples that cannot run here, by a part of their command line, and why.
    static let notRun: [String: String] = [
        "--opensearch http": "needs an OpenSearch cluster; Scripts/opensearch-smoke runs these commands against one (OPENSEARCH_URL), "
            + "and WireContractTests and Scripts/opensearch-equivalence check the client",
    ]

    // MARK: extraction

    /// The subcommands `sosik --help` lists.
    static func subcommands() throws -> [String] {
        let help = try SosikBinary.run(["--help"]).stdout
        guard let section = help.range(of: "SUBCOMMANDS:") else { return [] }
        return help[section.upperBound...].split(separator: "\n").compactMap { line in
            line.firstMatch(of: /^  ([a-z][a-z-]*)(?:\s|$)/).map { String($0.1) }
        }
    }

    /// The lines under `Example:`/`Examples:` in each subcommand's help, up to a blank line. A
    /// line without `sosik` continues the one before (a long line the help wrapped).
    static func helpExamples() throws -> [Example] {
        var out: [Example] = []
        for name in try subcommands() {
            let help = try SosikBinary.run(["help", name], environment: ["COLUMNS": "200"]).stdout
            var inExamples = false
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t == "Examples:" || t == "Example:" { inExamples = true; continue }
                guard inExamples else { continue }
                if t.isEmpty || !line.hasPrefix(" ") { inExamples = false; continue }
                if !t.contains("sosik"), !out.isEmpty, out[out.count - 1].origin == "help \(name)" {
                    out[out.count - 1].command += " " + t
                } else {
                    out.append(Example(command: t, origin: "help \(name)"))
                }
            }
        }
        return out
    }

    /// README.md's command lines: in ```sh blocks, lines that start with `sosik ` (or `$ sosik `)
    /// or pipe into sosik; in any code block, `$ sosik …` lines, with the lines after them (up to
    /// the next `$` line or the end of the block) as their shown output. Other lines (the build
    /// command, output, front matter) are not examples.
    static func readmeExamples(_ text: String, file: String = "README.md") -> [Example] {
        var out: [Example] = []
        var fence: String? = nil
        var collecting = false
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("```") {
                fence = fence == nil ? String(t.dropFirst(3)).trimmingCharacters(in: .whitespaces) : nil
                collecting = false
                continue
            }
            guard let lang = fence else { continue }
            let origin = "\(file):\(n + 1)"
            if t.hasPrefix("$ ") {
                let command = String(t.dropFirst(2))
                collecting = command.hasPrefix("sosik ")
                if collecting { out.append(Example(command: command, origin: origin)) }
                continue
            }
            if ["sh", "bash", "shell", "console"].contains(lang), t.hasPrefix("sosik ") || t.contains("| sosik ") {
                out.append(Example(command: t, origin: origin))
                collecting = false
                continue
            }
            if collecting { out[out.count - 1].shown.append(String(raw)) }
        }
        return out
    }

    static var readme: String {
        get throws { try String(contentsOf: SosikBinary.repository.appendingPathComponent("README.md"), encoding: .utf8) }
    }

    /// The manual: README.md and every Markdown file of docs/, each file's examples by line.
    static func manualExamples() throws -> [Example] {
        let docs = SosikBinary.repository.appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(!names.isEmpty, "no docs/*.md")
        var out = readmeExamples(try readme)
        for name in names {
            out += readmeExamples(try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8), file: "docs/" + name)
        }
        return out
    }

    // MARK: the workspace

    /// A folder prepared once: indexes, Corpus/, files; each example runs in a copy of it.
    static let workspace = Result { try makeWorkspace() }

    static func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func page(title: String, lang: String, date: String, url: String, site: String, paragraphs: [String], caption: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang)"><head><meta charset="utf-8">
        <title>\(title) | \(site)</title>
        <meta property="og:title" content="\(title)">
        <meta property="og:site_name" content="\(site)">
        <meta property="article:published_time" content="\(date)T09:00:00+09:00">
        <link rel="canonical" href="\(url)">
        </head><body>
        <nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/about/">About</a></nav>
        <div class="share"><a href="#">Share</a> <a href="#">Print</a></div>
        <article><h1>\(title)</h1>
        \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
        <figure><img src="a.jpg" alt=""><figcaption>\(caption)</figcaption></figure>
        </article>
        <aside class="related"><h2>Related</h2><ul><li><a href="/1">Other story</a></li></ul></aside>
        <footer>© \(site). All rights reserved.</footer>
        </body></html>
        """
    }

    static func makeWorkspace() throws -> URL {
        let w = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: w, withIntermediateDirectories: true)
        TemporaryFolders.removeAtExit(w)
        try FileManager.default.copyItem(at: SosikBinary.repository.appendingPathComponent("Corpus"), to: w.appendingPathComponent("Corpus"))
        // `sosik` on the PATH, and a `curl` that prints a feed instead of going on the network.
        try FileManager.default.createDirectory(at: w.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: w.appendingPathComponent("bin/sosik"), withDestinationURL: SosikBinary.url)
        try write("#!/bin/sh\nexec cat \"$HOME/../feed.xml\"\n", "bin/curl", in: w)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: w.appendingPathComponent("bin/curl").path)

        let dailyNK = page(
            title: "Police step up night patrols in Hoeryong", lang: "en", date: "2025-05-01",
            url: "https://www.dailynk.com/english/police-patrols-hoeryong/", site: "Daily NK",
            paragraphs: [
                "Police in Hoeryong have doubled night patrols along the Tumen River since April, sources in North Hamgyong Province told Daily NK, as the authorities try to stop residents from crossing into China.",
                "Patrol units now walk the riverbank every two hours between 10 p.m. and 5 a.m., and officers check the travel permits of anyone found near the border after dark, the sources said.",
                "Residents say the patrols have made the informal trade that many families depend on more dangerous, and some market traders have stopped making the trip to the river altogether.",
            ],
            caption: "Guard posts along the Tumen River. Image: Daily NK")
        let koPage = page(
            title: "혜산 장마당 쌀값 다시 올라", lang: "ko", date: "2025-06-02",
            url: "https://example.org/ko/rice-hyesan", site: "예시 뉴스",
            paragraphs: [
                "양강도 혜산 장마당에서 쌀값이 한 달 만에 다시 오르고 있다고 현지 소식통이 전했다. 소식통에 따르면 쌀 1킬로그램 값이 지난달보다 1천 원 넘게 올랐다.",
                "상인들은 국경 단속이 강화되면서 중국에서 들어오는 물량이 줄었기 때문이라고 보고 있다. 한 주민은 “장마당에 나가도 살 수 있는 것이 별로 없다”고 말했다.",
            ],
            caption: "혜산 장마당 입구. 사진: 예시 뉴스")
        try write(dailyNK, "pages/dailynk-patrols.html", in: w)
        try write(dailyNK, "page.html", in: w)
        try write(koPage, "home/news/saved-pages/rice-hyesan.html", in: w)
        try write(dailyNK, "home/news/saved/dailynk-patrols.html", in: w)
        try write(koPage, "home/news/saved/rice-hyesan.html", in: w)
        let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Example News</title><link>https://example.com/</link><language>en</language>
            <item><title>Border city markets reopen after inspection</title><link>https://example.com/a</link>
            <guid>https://example.com/a</guid><pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate>
            <description>Markets in Sinuiju reopened on Monday after a week-long inspection of traders' licences, a source said.</description></item>
            <item><title>Night patrols continue in Hyesan</title><link>https://example.com/b</link>
            <guid>https://example.com/b</guid><pubDate>Tue, 03 Jun 2025 09:00:00 GMT</pubDate>
            <description>Police patrols along the Yalu River continue every night, residents of Hyesan said.</description></item>
            </channel></rss>
            """
        try write(feed, "feed.xml", in: w)
        try write(feed, "home/news/feeds/example.xml", in: w)
        try write("""
            ---
            id: news-2025-rice
            title: 청진 장마당 쌀값 안정
            date: 2025-03-02
            lang: ko
            ---
            함경북도 청진 장마당의 쌀값이 석 달째 안정세를 보이고 있다고 현지 소식통이 전했다.
            """, "home/news/2025/rice-chongjin.md", in: w)
        try write("""
            {"id": "extra-1", "title": "Traders wait for border to reopen", "body": "Traders in Sinuiju are waiting for the border to reopen, a source said.", "lang": "en", "date": "2025-06-05"}
            """ + "\n", "extra.jsonl", in: w)
        try write("""
            {"id": "jl-1", "title": "인민반 회의 늘어", "body": "평양의 인민반 회의가 일주일에 두 번으로 늘었다고 소식통이 전했다.", "date": "2025-06-06"}
            {"id": "jl-2", "title": "More meetings for neighbourhood units", "body": "Neighbourhood unit meetings in Pyongyang now take place twice a week, a source said.", "date": "2025-06-06"}
            """ + "\n", "articles.jsonl", in: w)
        try write("""
            id,headline,article_text,date,lang
            csv-1,Fuel prices climb in Chongjin,"Fuel prices at Chongjin's markets climbed for a third week, traders said.",2025-06-07,en
            csv-2,신의주 휘발유 값 올라,"신의주 장마당의 휘발유 값이 3주째 오르고 있다고 상인들이 전했다.",2025-06-07,ko
            """ + "\n", "export.csv", in: w)
        try write("양강도 혜산시에서 야간 순찰이 강화됐다. Police patrols in Hyesan doubled.\n", "article.txt", in: w)
        try write("""
            {"qid": "q1", "query": "야간 순찰이 강화된 국경 도시는?"}
            {"qid": "q2", "query": "Who checks overnight guests at night?"}
            장마당 단속
            """ + "\n", "questions.jsonl", in: w)
        try write("""
            {"qid": "patrols", "query": "순찰 patrols", "any": true}
            {"qid": "markets", "query": "장마당", "limit": 3}
            """ + "\n", "alerts.jsonl", in: w)
        try write("""
            {"qid": "patrols", "query": "순찰 patrols", "any": true}
            """ + "\n", "home/alerts.jsonl", in: w)
        // gzip'd pages for `~/news/saved/*.html.gz`.
        let gz = try shell("gzip home/news/saved/*.html", in: w, home: w.appendingPathComponent("home"))
        #expect(gz.status == 0, "gzip: \(gz.stderr)")
        for db in ["sosik.db", "news.db"] {
            let r = try SosikBinary.run(["index", "--db", db, "Corpus"], in: w)
            #expect(r.status == 0, "index: \(r.stderr)")
        }
        return w
    }

    /// Runs a command line with bash (pipefail: every command of a pipeline must succeed).
    static func shell(_ command: String, in directory: URL, home: URL) throws -> SosikBinary.Result {
        let path = directory.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try SosikBinary.run(executable: URL(fileURLWithPath: "/bin/bash"), ["-o", "pipefail", "-c", command],
                                   environment: ["HOME": home.path, "COLUMNS": "80", "PATH": path], in: directory)
    }

    // MARK: running and checking

    /// Runs an example in a fresh copy of the workspace; the problems found (empty: it works).
    static func check(_ example: Example) throws -> [String] {
        let base = try workspace.get()
        let dir = base.deletingLastPathComponent().appendingPathComponent("sosik-example-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: base, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Output redirected to an absolute path (`> /etc/bash_completion.d/sosik`) goes into the copy.
        var command = example.command
        for m in command.matches(of: /(>>?)\s*(\/[^\s;|&]+)/).reversed() {
            let target = dir.appendingPathComponent("root").appendingPathComponent(String(m.2))
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            command.replaceSubrange(m.range, with: "\(m.1) '\(target.path)'")
        }
        // A pipeline into a tool this machine lacks cannot be run (not an example's fault).
        for m in command.matches(of: /\|\s*([a-z][a-z0-9_-]*)/) where m.1 != "sosik" {
            let found = try shell("command -v \(m.1)", in: dir, home: dir.appendingPathComponent("home"))
            if found.status != 0 { return [] }
        }
        let r = try shell(command, in: dir, home: dir.appendingPathComponent("home"))
        var problems: [String] = []
        if r.status != 0 { problems.append("exit status \(r.status)") }
        if r.stderr.contains("error:") { problems.append("stderr: \(r.stderr.prefix(300))") }
        // Where the output went: a file it was redirected to, else stdout.
        var output = r.stdout
        if let m = command.firstMatch(of: /(?:^|\s)>\s*'?([^\s';|&]+)'?\s*(?:#.*)?$/) {
            let path = String(m.1)
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : dir.appendingPathComponent(path)
            output = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            if output.isEmpty { problems.append("\(path) is empty or missing") }
        }
        switch example.subcommand {
        case "index":
            if !r.stderr.contains("indexed:") { problems.append("no summary: \(r.stderr.prefix(300))") }
        case "optimize":
            if !r.stderr.contains("optimized") { problems.append("no report: \(r.stderr.prefix(300))") }
        case "export":
            // Files, and a summary on stderr; the template is the proof of the files.
            if !r.stderr.contains("exported") { problems.append("no summary: \(r.stderr.prefix(300))") }
            if let m = command.firstMatch(of: /--opensearch\s+(\S+)/),
               !FileManager.default.fileExists(atPath: dir.appendingPathComponent(String(m.1)).appendingPathComponent("template.json").path) {
                problems.append("no template.json in \(m.1)")
            }
        case "search" where command.contains("--count"):
            if (Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) < 1 { problems.append("count \(output)") }
        default:
            if output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("no output") }
        }
        if output.contains("-sample") { problems.append("shows a test fixture: \(output.prefix(300))") }
        // What the README shows after the command: the same hits (passage ids, in order), and
        // for `analyze` the same lines.
        if !example.shown.isEmpty {
            switch example.subcommand {
            case "search":
                let shownIDs = example.shown.joined(separator: "\n").matches(of: /[a-z]{2}-[a-z0-9-]+#[0-9]+/).map { String($0.0) }
                let gotIDs = output.matches(of: /[a-z]{2}-[a-z0-9-]+#[0-9]+/).map { String($0.0) }
                if shownIDs != Array(gotIDs.prefix(shownIDs.count)) {
                    problems.append("README shows hits \(shownIDs), sosik gives \(gotIDs.prefix(shownIDs.count + 1))")
                }
            case "analyze":
                func lines(_ s: [Substring]) -> [String] {
                    s.map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }.filter { !$0.isEmpty }
                }
                let shown = lines(example.shown.map { Substring($0) }), got = lines(output.split(separator: "\n"))
                if shown != got { problems.append("README shows \(shown), sosik prints \(got)") }
            default: break
            }
        }
        return problems
    }

    static func runAll(_ examples: [Example]) throws {
        for example in examples {
            if let reason = notRun.first(where: { example.command.contains($0.key) })?.value {
                print("ExamplesTests: not run here: \(example) — \(reason)")
                continue
            }
            let problems = try check(example)
            #expect(problems.isEmpty, "\(example): \(problems.joined(separator: "; "))")
        }
    }

    // MARK: tests

    @Test func everyHelpExampleWorksOnTheCorpus() throws {
        let examples = try Self.helpExamples()
        // The extraction itself: every command with examples is seen.
        let origins = Set(examples.map(\.origin))
        for name in ["index", "extract", "search", "show", "stats", "check", "optimize", "analyze", "query"] {
            #expect(origins.contains("help \(name)"), "no examples read from `sosik help \(name)`")
        }
        #expect(examples.count >= 25 && examples.allSatisfy { $0.command.contains("sosik ") }, "\(examples)")
        try Self.runAll(examples)
    }

    @Test func everyManualCommandWorksOnTheCorpus() throws {
        let examples = try Self.manualExamples()
        let corpusReadme = Self.readmeExamples(try String(contentsOf: SosikBinary.repository.appendingPathComponent("Corpus/README.md"),
                                                          encoding: .utf8))
        #expect(!corpusReadme.isEmpty)
        #expect(examples.count >= 25, "\(examples)")
        for sub in ["index", "search", "show", "extract", "analyze", "stats", "check"] {
            #expect(examples.contains { $0.subcommand == sub }, "no `sosik \(sub)` line read from README.md or docs/")
        }
        #expect(examples.contains { !$0.shown.isEmpty && $0.subcommand == "search" })
        try Self.runAll(examples + corpusReadme.map { Example(command: $0.command, origin: "Corpus/" + $0.origin, shown: $0.shown) })
    }

    /// The checks fail when an example does not do what it shows (so the two tests above can).
    @Test func theChecksCatchExamplesThatDoNotWork() throws {
        #expect(!(try Self.check(Example(command: "sosik search 없는낱말 zzyzxq", origin: "t"))).isEmpty)   // no hit: exit 1
        #expect(!(try Self.check(Example(command: "sosik search 존재하지않는낱말 | cat", origin: "t"))).isEmpty)  // pipefail
        #expect(!(try Self.check(Example(command: "sosik show no-such-id", origin: "t"))).isEmpty)
        #expect(!(try Self.check(Example(command: "sosik index missing.jsonl", origin: "t"))).isEmpty)
        #expect(!(try Self.check(Example(command: "sosik search --any --queries none.jsonl > hits.jsonl", origin: "t"))).isEmpty)
        let wrongHits = Example(command: "sosik search --limit 1 순찰", origin: "t",
                                shown: ["1. x  [1.00]", "   ko · 2025-01-01 · s · ko-border-guard-bribes#3"])
        #expect(!(try Self.check(wrongHits)).isEmpty)
        let fixture = Example(command: "echo ko-nfd-sample#0 && sosik stats", origin: "t")
        #expect(!(try Self.check(fixture)).isEmpty)
        // And pass the ones that do.
        #expect(try Self.check(Example(command: "sosik search 순찰 patrols", origin: "t")) == [])
        #expect(try Self.check(Example(command: "sosik show ko-patrol-hoeryong#0", origin: "t")) == [])
        #expect(try Self.check(Example(command: "sosik search --count 순찰", origin: "t")) == [])
    }

    @Test func readmeExtractionTakesCommandsNotOutputOrOtherTools() {
        let text = """
            ```sh
            swift build -c release && .build/release/sosik index Corpus
            sosik index Corpus            # comment
            cat a.jsonl | sosik index -
            ```

            ```
            $ sosik search x
            1. Title  [1.00]
               ko · ko-a#0
            $ echo no
            ```

            ```
            ---
            id: ko-a
            ---
            ```
            """
        let examples = Self.readmeExamples(text)
        #expect(examples.map(\.command) == ["sosik index Corpus            # comment", "cat a.jsonl | sosik index -", "sosik search x"])
        #expect(examples.last?.shown == ["1. Title  [1.00]", "   ko · ko-a#0"])
        #expect(examples.map(\.subcommand) == ["index", "index", "search"])
    }
}
