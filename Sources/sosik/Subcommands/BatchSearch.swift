import ArgumentParser
import Foundation
import SosikIndex

/// `sosik search --queries FILE`: many queries, one process, one open index.
///
/// Input lines are JSON objects `{"qid": ..., "query": ...}` or plain query text (qid = line
/// number). A bad line or a query without searchable words is reported on stderr with its line
/// number and skipped. Exit status: 0 if any query had hits, 1 if none had, 2 if the input could
/// not be read. A timing line (queries, total, p50/p95 per query) goes to stderr.
struct BatchSearch {
    var searcher: Searcher
    var options: SearchOptions
    var printer: HitPrinter

    func run(path: String) throws {
        let lines: [Substring]
        if path == "-" {
            var all: [Substring] = []
            while let line = readLine(strippingNewline: true) { all.append(line[...]) }
            lines = all
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IndexError.unreadable(path: path, reason: "no such file or not readable")
            }
            lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        }
        var printer = self.printer
        printer.begin()
        var anyHits = false, count = 0, failed = 0
        var latencies: [Double] = []
        let started = DispatchTime.now()
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            var qid = String(i + 1), text = line
            if line.hasPrefix("{") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let q = object["query"] as? String else {
                    Terminal.warning("\(path):\(i + 1): skipped: not a JSON object with a \"query\" string")
                    failed += 1
                    continue
                }
                text = q
                if let id = object["qid"] { qid = (id as? String) ?? "\(id)" }
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
                let hits = try searcher.search(text, options: options)
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
                count += 1
                printer.qid = qid
                for (rank, hit) in hits.enumerated() { printer.print(hit, rank: rank + 1) }
                anyHits = anyHits || !hits.isEmpty
            } catch let error as IndexError {
                Terminal.warning("\(path):\(i + 1): query \(qid): \(error)")
                failed += 1
            }
        }
        printer.end()
        let total = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        Terminal.info(String(format: "searched %d queries in %.2f s (per query: p50 %.2f ms, p95 %.2f ms), %d skipped",
                             count, total, percentile(0.5), percentile(0.95), failed))
        if !anyHits { throw ExitCode(1) }
    }
}
