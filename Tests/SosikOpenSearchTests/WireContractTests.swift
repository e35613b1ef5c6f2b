import Foundation
import XCTest
@testable import SosikIndex
@testable import SosikOpenSearch

/// Contract tests of sosik's OpenSearch client (issue 26): the requests it sends and how it
/// reads answers, against a local HTTP server in the test process (LocalHTTPServer) that checks
/// each request. They are not cluster tests: equivalence with Lucene's matching and scoring is
/// Scripts/opensearch-equivalence's, and a real cluster is Scripts/opensearch-smoke's.
final class WireContractTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-os-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func makeIndex() throws -> IndexDatabase {
        let index = try IndexDatabase(path: folder.appendingPathComponent("local.db").path)
        let indexer = Indexer(database: index)
        try indexer.add(Article(id: "ko-1", title: "北 김정은, 국경 순찰 강화 지시", body: "김정은이 국경 경비대의 야간 순찰을 늘리라고 지시했다.\n\n혜산 주민들은 검문이 잦아졌다고 전했다.", lang: "ko", date: "2025-03-04", source: "Daily NK"))
        try indexer.add(Article(id: "ko-2", title: "김정일 시대의 시장", body: "김정일 시대에 장마당이 늘었다.", lang: "ko", date: "2011-12-01", source: "연합뉴스"))
        try indexer.add(Article(id: "en-1", title: "Night patrols on the border", body: "Police patrols increased along the Yalu.\n\nResidents say checks are frequent.", lang: "en", date: "2025-03-05", source: "Daily NK English"))
        _ = try indexer.finish()
        return index
    }

    /// The actions of a bulk body, as a cluster reads them: `index` with the document line that
    /// follows it, `delete` alone.
    static func bulkActions(_ body: Data) -> [(action: String, id: String, source: [String: Any]?)] {
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n")
        var out: [(action: String, id: String, source: [String: Any]?)] = []
        var i = 0
        while i < lines.count {
            let line = try! JSONSerialization.jsonObject(with: Data(lines[i].utf8)) as! [String: [String: String]]
            let (action, meta) = line.first!
            let source = action == "delete" ? nil : try! JSONSerialization.jsonObject(with: Data(lines[i + 1].utf8)) as? [String: Any]
            out.append((action, meta["_id"]!, source))
            i += action == "delete" ? 1 : 2
        }
        return out
    }

    static var mapping: [String: Any] { ["sosik": ["mappings": OpenSearchLayout.indexBody["mappings"]!]] }

    /// What the fake cluster saw of a push: the bulk documents by id.
    final class Pushed: @unchecked Sendable {
        let lock = NSLock()
        var sources: [String: [String: Any]] = [:]
        var bulkCalls = 0
        var created = false
        var meta: [String: Any] = [:]
    }

    func testPushSendsTheIndexThenBulkPairsRetriesOn429AndGoesOnWhereItStopped() throws {
        let index = try makeIndex()
        let pushed = Pushed()
        let server = try LocalHTTPServer { r in
            pushed.lock.lock(); defer { pushed.lock.unlock() }
            switch (r.method, r.path) {
            case ("GET", "/sosik/_mapping"):
                return pushed.created ? .json(200, Self.mapping)
                    : .json(404, ["error": ["type": "index_not_found_exception", "reason": "no such index [sosik]"], "status": 404])
            case ("PUT", "/sosik"):
                pushed.created = true
                return .json(200, ["acknowledged": true])
            case ("POST", "/_bulk"):
                pushed.bulkCalls += 1
                if pushed.bulkCalls == 1 { return LocalHTTPServer.Response(status: 429, body: Data(#"{"error":"busy"}"#.utf8), headers: ["Retry-After": "0"]) }
                var items: [[String: Any]] = []
                for (_, id, source) in Self.bulkActions(r.body) {
                    // The second bulk request rejects one document with 429: only it comes again.
                    if pushed.bulkCalls == 2 && id == "ko-2" {
                        items.append(["index": ["_index": "sosik", "_id": id, "status": 429, "error": ["type": "es_rejected_execution_exception", "reason": "queue full"]]])
                    } else {
                        pushed.sources[id] = source
                        items.append(["index": ["_index": "sosik", "_id": id, "status": 201]])
                    }
                }
                return .json(200, ["took": 1, "errors": items.contains { (($0["index"] as? [String: Any])?["status"] as? Int) != 201 }, "items": items])
            case ("POST", "/sosik/_refresh"):
                return .json(200, ["_shards": ["total": 1, "successful": 1, "failed": 0]])
            case ("PUT", "/sosik/_mapping"):
                pushed.meta = (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any])?["_meta"] as? [String: Any] ?? [:]
                return .json(200, ["acknowledged": true])
            default:
                return .json(400, ["error": ["type": "unexpected", "reason": "\(r.method) \(r.path)"]])
            }
        }
        _ = server.start()
        defer { server.stop() }
        let client = try OpenSearchClient(address: server.address, backoff: 0.01)
        let summary = try OpenSearchPush(client: client).run(from: index)
        XCTAssertTrue(summary.created)
        XCTAssertEqual(summary.articles, 3)
        XCTAssertEqual(Set(pushed.sources.keys), ["ko-1", "ko-2", "en-1"])

        // The index was made with sosik's settings and mappings.
        let put = try XCTUnwrap(server.requests.first { $0.method == "PUT" })
        XCTAssertEqual(put.headers["content-type"], "application/json")
        let body = try XCTUnwrap(put.json)
        XCTAssertEqual(((body["mappings"] as? [String: Any])?["_meta"] as? [String: Any])?["sosik_export"] as? Int, OpenSearchLayout.version)
        // Bulk requests: NDJSON, action and document in pairs, ending with a newline; one refused
        // whole with 429, one document refused with 429, each sent again.
        let bulks = server.requests.filter { $0.path == "/_bulk" }
        XCTAssertEqual(bulks.count, 3)
        for b in bulks {
            XCTAssertEqual(b.headers["content-type"], "application/x-ndjson")
            XCTAssertEqual(b.body.last, 0x0A)
        }
        let last = String(decoding: bulks[2].body, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(last.count, 2, "only the document refused with 429 is sent again")
        XCTAssertTrue(last[0].contains(#""_id":"ko-2""#))
        // The document: metadata, passages, pre-analyzed tokens (김정|김정은 at one position).
        let ko1 = try XCTUnwrap(pushed.sources["ko-1"])
        XCTAssertEqual(ko1["source_folded"] as? String, "daily nk")
        XCTAssertEqual(ko1["date"] as? String, "2025-03-04")
        let passages = try XCTUnwrap(ko1["passages"] as? [[String: Any]])
        let text = try XCTUnwrap(ko1["text_tokens"] as? [String])
        XCTAssertEqual(text.count, passages.filter { $0["kind"] as? String == "body" }.count, "one array value per body passage")
        XCTAssertTrue(text[0].hasPrefix("김정 정은 은이 국경 "), text[0])
        XCTAssertTrue((ko1["title_tokens"] as? String ?? "").hasPrefix("북|북한 김정 "), "colocated terms joined by |")
        XCTAssertFalse(text.joined().contains("\u{1E}"), "no boundary tokens: the position gap does their work")
        XCTAssertEqual(ko1["text_size"] as? Int, text.map { $0.split(separator: " ").count }.reduce(0, +) + ExportedArticle.boundaryWidth * (text.count - 1))
        XCTAssertTrue((ko1["refresh"] == nil))
        // The mapping says which `sosik index` run the cluster now holds (--new, watch).
        XCTAssertEqual(server.requests.last?.path, "/sosik/_mapping")
        XCTAssertEqual(pushed.meta["last_run"] as? Int, 1)
        XCTAssertEqual(pushed.meta["sosik_export"] as? Int, OpenSearchLayout.version)

        // Pushing again sends nothing: the index keeps where the push got to.
        let again = try OpenSearchPush(client: client).run(from: index)
        XCTAssertEqual(again.articles, 0)
        XCTAssertEqual(server.requests.filter { $0.path == "/_bulk" }.count, 3)
        // A new article is the only one sent next time.
        let indexer = Indexer(database: index)
        try indexer.add(Article(id: "en-2", title: "Markets", body: "Market prices rose.", lang: "en"))
        _ = try indexer.finish()
        XCTAssertEqual(try OpenSearchPush(client: client).run(from: index).articles, 1)
        XCTAssertEqual(pushed.meta["last_run"] as? Int, 2)
        // The newest article changed: SQLite gives its new row the same row id (the highest
        // was freed). It is sent all the same: a push sends what later runs wrote.
        let before = try index.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE doc_key = 'en-2'") }
        let edit = Indexer(database: index)
        try edit.add(Article(id: "en-2", title: "Markets", body: "Market prices fell.", lang: "en"))
        _ = try edit.finish()
        let after = try index.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE doc_key = 'en-2'") }
        XCTAssertEqual(before, after, "the case this checks: a reused row id")
        XCTAssertEqual(try OpenSearchPush(client: client).run(from: index).articles, 1)
        XCTAssertTrue(((pushed.sources["en-2"]?["passages"] as? [[String: Any]])?.first?["text"] as? String ?? "").contains("fell"))
    }

    func testPushRemovesWhatAnIndexRunRemoved() throws {
        let index = try IndexDatabase(path: folder.appendingPathComponent("files.db").path)
        let stamp = Indexer.FileStamp(path: "feed.xml", absolutePath: "/news/feed.xml", size: 10, modified: 1)
        let first = Indexer(database: index)
        try first.beginFile(stamp)
        try first.add(Article(id: "a", title: "순찰", body: "국경 순찰이 늘었다.", lang: "ko"))
        try first.add(Article(id: "b", title: "장마당", body: "장마당 단속이 심해졌다.", lang: "ko"))
        try first.endFile(stamp, hash: "1", keys: nil)
        _ = try first.finish()
        let pushed = Pushed()
        pushed.created = true
        let server = try LocalHTTPServer { r in
            pushed.lock.lock(); defer { pushed.lock.unlock() }
            switch (r.method, r.path) {
            case ("GET", "/sosik/_mapping"): return .json(200, Self.mapping)
            case ("POST", "/_bulk"):
                var items: [[String: Any]] = []
                for (action, id, _) in Self.bulkActions(r.body) {
                    if action == "delete" {
                        // The cluster never had "z": 404, which is no failure for a delete.
                        let had = pushed.sources.removeValue(forKey: id) != nil
                        items.append(["delete": ["_id": id, "status": had ? 200 : 404, "result": had ? "deleted" : "not_found"]])
                    } else {
                        pushed.sources[id] = [:]
                        items.append(["index": ["_id": id, "status": 201]])
                    }
                }
                return .json(200, ["errors": items.contains { ($0["delete"] as? [String: Any])?["status"] as? Int == 404 }, "items": items])
            default: return .json(200, ["acknowledged": true])
            }
        }
        _ = server.start()
        defer { server.stop() }
        let client = try OpenSearchClient(address: server.address, backoff: 0.01)
        _ = try OpenSearchPush(client: client).run(from: index)
        XCTAssertEqual(Set(pushed.sources.keys), ["a", "b"])
        // The file now holds "a" only, and a "z" that comes and goes within the run.
        let second = Indexer(database: index)
        let stamp2 = Indexer.FileStamp(path: "feed.xml", absolutePath: "/news/feed.xml", size: 11, modified: 2)
        try second.beginFile(stamp2)
        try second.add(Article(id: "a", title: "순찰", body: "국경 순찰이 늘었다.", lang: "ko"))
        try second.endFile(stamp2, hash: "2", keys: ["a"])
        _ = try second.finish()
        try index.pool.write { db in try db.execute(sql: "INSERT INTO removed_documents(doc_key, run_id) VALUES ('z', 2)") }
        let summary = try OpenSearchPush(client: client).run(from: index)
        XCTAssertEqual(summary.removed, 2)
        XCTAssertEqual(Set(pushed.sources.keys), ["a"], "b is gone from the cluster as from the index")
        let deletes = server.requests.filter { $0.path == "/_bulk" }.last.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
        XCTAssertTrue(deletes.contains(#"{"delete":{"_index":"sosik","_id":"b"}}"#), deletes)
        // Written again, an article is no longer removed.
        let third = Indexer(database: index)
        try third.add(Article(id: "b", title: "장마당", body: "장마당 단속이 다시 심해졌다.", lang: "ko"))
        _ = try third.finish()
        XCTAssertEqual(try ExportedArticle.removed(in: index), ["z"])
    }

    func testAnInterruptedPushGoesOnWhereItStopped() throws {
        let index = try makeIndex()
        let pushed = Pushed()
        pushed.created = true
        let server = try LocalHTTPServer { r in
            pushed.lock.lock(); defer { pushed.lock.unlock() }
            switch (r.method, r.path) {
            case ("GET", "/sosik/_mapping"): return .json(200, Self.mapping)
            case ("POST", "/_bulk"):
                pushed.bulkCalls += 1
                // The second request fails for good (a mapping error): the push stops there.
                if pushed.bulkCalls == 2 {
                    return .json(200, ["errors": true, "items": [["index": ["_id": "x", "status": 400, "error": ["type": "mapper_parsing_exception", "reason": "bad"]]]]])
                }
                let ids = Self.bulkActions(r.body).map(\.id)
                for id in ids { pushed.sources[id] = [:] }
                return .json(200, ["errors": false, "items": ids.map { ["index": ["_id": $0, "status": 201]] }])
            default:
                return .json(200, ["acknowledged": true])
            }
        }
        _ = server.start()
        defer { server.stop() }
        let client = try OpenSearchClient(address: server.address, backoff: 0.01)
        // One article per request (batches close past 1 byte).
        XCTAssertThrowsError(try OpenSearchPush(client: client, batchBytes: 1).run(from: index)) { e in
            XCTAssertTrue("\(e)".contains("mapper_parsing_exception"), "\(e)")
        }
        XCTAssertEqual(Set(pushed.sources.keys), ["ko-1"])
        let again = try OpenSearchPush(client: client, batchBytes: 1).run(from: index)
        XCTAssertEqual(again.articles, 2, "the first article is not sent again")
        XCTAssertEqual(Set(pushed.sources.keys), ["ko-1", "ko-2", "en-1"])
    }

    func testSearchAsksTheClusterWithDFSAndRanksTheArticlesItReturns() throws {
        let index = try makeIndex()
        // The documents as exported.
        let out = folder.appendingPathComponent("export").path
        let exported = try OpenSearchExport().write(from: index, to: out)
        XCTAssertEqual(exported.articles, 3)
        let lines = try String(contentsOfFile: out + "/bulk-00001.ndjson", encoding: .utf8).split(separator: "\n")
        final class Sources: @unchecked Sendable { var list: [[String: Any]] = [] }
        let box = Sources()
        box.list = stride(from: 1, to: lines.count, by: 2).map { try! JSONSerialization.jsonObject(with: Data(lines[$0].utf8)) as! [String: Any] }
        let template = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/template.json"))) as! [String: Any]
        XCTAssertEqual(template["index_patterns"] as? [String], ["sosik"])

        final class Count: @unchecked Sendable { var searches = 0 }
        let count = Count()
        let server = try LocalHTTPServer { r in
            if r.path == "/sosik/_mapping" { return .json(200, Self.mapping) }
            guard r.path.hasPrefix("/sosik/_search") else { return .json(400, ["error": ["type": "unexpected", "reason": r.path]]) }
            count.searches += 1
            if count.searches == 1 { return .json(503, ["error": ["type": "unavailable", "reason": "restarting"]]) }
            // Not a search engine: every document is a candidate; sosik's scratch index decides
            // what matches. The sums are the real ones.
            let sources = box.list
            let sum = { (k: String) in sources.reduce(0) { $0 + ($1[k] as! Int) } }
            let body = r.json ?? [:]
            var aggs: [String: Any] = ["title": ["value": Double(sum("title_size"))], "text": ["value": Double(sum("text_size"))],
                                       "aside": ["value": Double(sum("aside_size"))], "passages": ["value": Double(sum("passage_count"))]]
            if let all = (body["aggs"] as? [String: Any])?["all"] as? [String: Any],
               let filters = (((all["aggs"] as? [String: Any])?["phrases"] as? [String: Any])?["filters"] as? [String: Any])?["filters"] as? [String: Any] {
                aggs = ["all": ["doc_count": 3, "phrases": ["buckets": filters.mapValues { _ in ["doc_count": 1] }]]]
            }
            let size = body["size"] as? Int ?? 10
            let hits = sources.prefix(size).map { ["_index": "sosik", "_id": $0["doc_id"]!, "_score": 1.0, "_source": $0] }
            // The corpus's size (the totals' request) is 3 articles; 2 of them match, it says.
            let totals = (body["aggs"] as? [String: Any])?["title"] != nil
            return .json(200, ["hits": ["total": ["value": totals ? 3 : 2, "relation": "eq"], "hits": hits], "aggregations": aggs])
        }
        _ = server.start()
        defer { server.stop() }
        let searcher = try OpenSearchSearcher(client: OpenSearchClient(address: server.address + "/sosik", backoff: 0.01), candidates: 100)
        let hits = try searcher.search("김정은 순찰", options: SearchOptions())
        XCTAssertEqual(hits.map(\.docID), ["ko-1"], "김정일's article is returned by the fake cluster but does not match")
        XCTAssertTrue(hits[0].snippet.text.contains("순찰"))
        // The requests: JSON, dfs_query_then_fetch, sosik's query compiled to Query DSL.
        let searches = server.requests.filter { $0.path.hasPrefix("/sosik/_search") }
        XCTAssertTrue(searches.allSatisfy { $0.path.contains("allow_partial_search_results=false") && $0.headers["content-type"] == "application/json" })
        XCTAssertEqual(searches[0].body, searches[1].body, "the request refused with 503 is sent again as it was")
        let gatherRequest = try XCTUnwrap(searches.first { ($0.json?["size"] as? Int) == 100 })
        XCTAssertTrue(gatherRequest.path.contains("search_type=dfs_query_then_fetch"), "the candidates are chosen with the whole index's statistics")
        let gather = try XCTUnwrap(gatherRequest.json)
        XCTAssertEqual(gather["_source"] as? Bool, false, "the best articles' ids first")
        let fetch = try XCTUnwrap(searches.compactMap(\.json).first { $0["query"].flatMap { ($0 as? [String: Any])?["ids"] } != nil },
                                  "then the text of those the scratch index lacks")
        XCTAssertEqual(((fetch["_source"] as? [String: Any])?["includes"] as? [String])?.contains(QueryDSL.textField), false)
        let query = String(decoding: try JSONSerialization.data(withJSONObject: gather["query"]!), as: UTF8.self)
        XCTAssertTrue(query.contains("match_phrase") && query.contains("title_tokens") && query.contains("순찰"), query)
        XCTAssertEqual(try searcher.count("김정은 순찰", options: SearchOptions()), 2, "the count is the cluster's")
    }

    func testClearErrors() throws {
        XCTAssertThrowsError(try OpenSearchClient(address: "localhost:9200")) { e in
            XCTAssertTrue("\(e)".contains("http(s)://HOST:PORT[/INDEX]"), "\(e)")
        }
        XCTAssertThrowsError(try OpenSearchClient(address: "https://user:secret@example.org")) { e in
            XCTAssertTrue("\(e)".contains("OPENSEARCH_USER"), "\(e)")
        }
        // Nothing listens: every attempt fails, and the message says how many.
        let closed = try LocalHTTPServer { _ in .json(200, [:]) }
        let port = closed.port
        closed.stop()
        let client = try OpenSearchClient(address: "http://127.0.0.1:\(port)/news", attempts: 2, backoff: 0.01)
        XCTAssertThrowsError(try OpenSearchSearcher(client: client)) { e in
            XCTAssertTrue("\(e)".hasPrefix("cannot reach http://127.0.0.1:\(port)/news/_mapping"), "\(e)")
            XCTAssertTrue("\(e)".contains("2 attempts"), "\(e)")
        }
        // A missing index, and one made by another version.
        let server = try LocalHTTPServer { r in
            if r.path.hasPrefix("/missing") { return .json(404, ["error": ["type": "index_not_found_exception", "reason": "no such index [missing]"], "status": 404]) }
            return .json(200, ["old": ["mappings": ["_meta": ["sosik_export": 0, "analyzer": "sosik-v1"]]]])
        }
        _ = server.start()
        defer { server.stop() }
        XCTAssertThrowsError(try OpenSearchSearcher(client: OpenSearchClient(address: server.address + "/missing"))) { e in
            XCTAssertTrue("\(e)".contains("has no index missing"), "\(e)")
        }
        XCTAssertThrowsError(try OpenSearchSearcher(client: OpenSearchClient(address: server.address + "/old"))) { e in
            XCTAssertTrue("\(e)".contains("was made by sosik export layout 0 with analyzer sosik-v1"), "\(e)")
        }
        // Credentials from the environment.
        let auth = try LocalHTTPServer { r in .json(200, ["seen": r.headers["authorization"] ?? ""]) }
        _ = auth.start()
        defer { auth.stop() }
        let answer = try OpenSearchClient(address: auth.address, environment: ["OPENSEARCH_USER": "reader", "OPENSEARCH_PASSWORD": "pw"]).json("GET", "/")
        XCTAssertEqual(answer["seen"] as? String, "Basic " + Data("reader:pw".utf8).base64EncodedString())
    }
}
