import Foundation
import Testing

/// `sosik export --opensearch`, the `--opensearch` options' errors, and `search --count
/// --queries`, through the built binary (issue 26). The wire contract is WireContractTests';
/// equivalence with Lucene is Scripts/opensearch-equivalence's.
@Suite struct OpenSearchCLITests {
    static let index = Result { try CorpusIndex() }

    func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sosik-\(name)-\(UUID().uuidString)").path
    }

    @Test func exportWritesATemplateAndBulkPairsForEveryArticle() throws {
        let db = try Self.index.get().db
        let out = folder("export")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try SosikBinary.run(["export", "--db", db, "--opensearch", out, "--index", "news"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("exported 40 articles"))
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/template.json"))) as! [String: Any]
        #expect(template["index_patterns"] as? [String] == ["news"])
        let mappings = (template["template"] as? [String: Any])?["mappings"] as? [String: Any]
        #expect((mappings?["_meta"] as? [String: Any])?["sosik_export"] as? Int == 1)
        let lines = try String(contentsOfFile: out + "/bulk-00001.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 80)
        var ids: [String] = []
        for i in stride(from: 0, to: lines.count, by: 2) {
            let action = try JSONSerialization.jsonObject(with: Data(lines[i].utf8)) as! [String: [String: String]]
            let source = try JSONSerialization.jsonObject(with: Data(lines[i + 1].utf8)) as! [String: Any]
            #expect(action["index"]?["_index"] == "news")
            #expect(action["index"]?["_id"] == source["doc_id"] as? String)
            ids.append(action["index"]!["_id"]!)
        }
        #expect(ids.contains("ko-patrol-hoeryong") && Set(ids).count == 40)
        // Again with --gzip: the same lines, compressed; the plain files of before are gone.
        let z = try SosikBinary.run(["export", "--db", db, "--opensearch", out, "--index", "news", "--gzip", "--file-mb", "1"])
        #expect(z.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["bulk-00001.ndjson.gz", "template.json"])
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", out + "/bulk-00001.ndjson.gz"]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let unzipped = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        #expect(String(decoding: unzipped, as: UTF8.self).split(separator: "\n") == lines)
    }

    @Test func aClusterThatCannotBeReachedOrAddressedIsSaidPlainly() throws {
        // Port 1: nothing listens (the connection is refused at once).
        let r = try SosikBinary.run(["search", "--opensearch", "http://127.0.0.1:1/news", "순찰"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot reach http://127.0.0.1:1/news/_mapping"), "\(r.stderr)")
        let bad = try SosikBinary.run(["search", "--opensearch", "localhost:9200", "순찰"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("http(s)://HOST:PORT[/INDEX]"), "\(bad.stderr)")
        let push = try SosikBinary.run(["push", "--db", try Self.index.get().db, "--opensearch", "https://user:pw@example.org"])
        #expect(push.status == 2 && push.stderr.contains("OPENSEARCH_USER"), "\(push.stderr)")
    }

    @Test func countPerQueryForScripts() throws {
        let db = try Self.index.get().db
        let queries = folder("count") + ".jsonl"
        try "{\"qid\":\"a\",\"query\":\"순찰 patrols\"}\n{\"qid\":\"b\",\"query\":\"없는단어xyz\"}\n".write(toFile: queries, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: queries) }
        let r = try SosikBinary.run(["search", "--db", db, "--queries", queries, "--count"])
        #expect(r.status == 0)
        let counts = try r.json()
        let a = try SosikBinary.run(["search", "--db", db, "--count", "순찰", "patrols"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(counts.map { $0["qid"] as? String } == ["a", "b"])
        #expect(counts[0]["count"] as? Int == Int(a) && (Int(a) ?? 0) > 0)
        #expect(counts[1]["count"] as? Int == 0)
        let tsv = try SosikBinary.run(["search", "--db", db, "--queries", queries, "--count", "--format", "tsv"])
        #expect(tsv.stdout == "a\t\(a)\nb\t0\n")
        #expect(try SosikBinary.run(["search", "--db", db, "--queries", queries, "--count", "--format", "text"]).status == 2)
    }
}
