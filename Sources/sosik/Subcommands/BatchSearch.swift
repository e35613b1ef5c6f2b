import ArgumentParser
import Foundation
import SosikIndex
import SosikOpenSearch

/// `sosik search --queries FILE`: many queries, one process, one open index.
///
/// Input lines are JSON objects `{"qid": ..., "query": ...}` or plain query text (qid = line
/// number). A bad line or a query without searchable words is reported on stderr with its line
/// number and skipped. Exit status: 0 if any query had hits, 1 if none had, 2 if the input could
/// not be read. A timing line (queries, total, p50/p95 per query) goes to stderr.
struct BatchSearch {
    var search: (String, SearchOptions) throws -> [SearchHit]
    var options: SearchOptions
    var printer: HitPrinter
    /// `--count`: each query's number of results, a line each (`{"qid":…,"count":…}` or
    /// `qid<TAB>count`), instead of its hits.
    var count: ((String, SearchOptions) throws -> Int)? = nil

    func run(path: String) throws {
        let lines = try QueryFile.lines(path)
        var printer = self.printer
        if count == nil { printer.begin() }
        var anyHits = false, searched = 0, failed = 0
        var latencies: [Double] = []
        let started = DispatchTime.now()
        for (i, raw) in lines.enumerated() {
            guard let entry = QueryFile.entry(raw, line: i + 1) else { continue }
            guard case .query(let qid, let text, _) = entry else {
                if case .problem(let why) = entry { Terminal.warning("\(path):\(i + 1): skipped: \(why)") }
                failed += 1
                continue
            }
            // "-limit 3" in a line is an exclusion to the query language, but surely an option
            // meant for the command line (as it is refused there).
            if let mistake = Usage.mistypedOption(in: Usage.queryWords(text), of: Sosik.Search.self,
                                                  aliases: Sosik.Search.optionAliases),
               mistake.spellsOption, let option = mistake.suggestion {
                Terminal.warning("\(path):\(i + 1): query \(qid): skipped: \(mistake.word) is an option: give options on the "
                    + "command line (sosik search --queries FILE \(option) ...)"
                    + (mistake.excludedWord.map { "; to leave out the word, write NOT \($0)" } ?? ""))
                failed += 1
                continue
            }
            let t0 = DispatchTime.now()
            do {
                if let counting = count {
                    let n = try counting(text, options)
                    latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
                    searched += 1
                    var out = StandardOutput()
                    out.write(printer.format == .tsv ? "\(qid)\t\(n)\n" : "{\"qid\":\(JSONText.string(qid)),\"count\":\(n)}\n")
                    out.flush()
                    anyHits = anyHits || n > 0
                    continue
                }
                let hits = try search(text, options)
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
                searched += 1
                printer.qid = qid
                for (rank, hit) in hits.enumerated() { printer.print(hit, rank: rank + 1) }
                anyHits = anyHits || !hits.isEmpty
            } catch let error as IndexError {
                Terminal.warning("\(path):\(i + 1): query \(qid): \(error)")
                failed += 1
            } catch let error as OpenSearchError where error.isAboutOneRequest {
                Terminal.warning("\(path):\(i + 1): query \(qid): \(error)")
                failed += 1
            }
        }
        if count == nil { printer.end() }
        let total = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        Terminal.info(String(format: "searched %d queries in %.2f s (per query: p50 %.2f ms, p95 %.2f ms), %d skipped",
                             searched, total, percentile(0.5), percentile(0.95), failed))
        if !anyHits { throw ExitCode(1) }
    }
}

/// A file of queries (`search --queries`, `sosik watch`), one a line: a JSON object with a
/// `query` string (and a `qid`: else the line number) or plain query text. `-` reads stdin.
enum QueryFile {
    enum Entry {
        case query(qid: String, text: String, object: [String: Any]?)
        case problem(String)
    }

    static func lines(_ path: String) throws -> [Substring] {
        if path == "-" {
            var all: [Substring] = []
            while let line = readLine(strippingNewline: true) { all.append(line[...]) }
            return all
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IndexError.unreadable(path: path, reason: "no such file or not readable")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `line` (1-based); nil when blank, or a `#` comment with `comments`.
    static func entry(_ raw: Substring, line: Int, comments: Bool = false) -> Entry? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || (comments && text.hasPrefix("#")) { return nil }
        guard text.hasPrefix("{") else { return .query(qid: String(line), text: text, object: nil) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let q = object["query"] as? String else {
            return .problem("not a JSON object with a \"query\" string")
        }
        return .query(qid: object["qid"].map { ($0 as? String) ?? "\($0)" } ?? String(line), text: q, object: object)
    }
}
