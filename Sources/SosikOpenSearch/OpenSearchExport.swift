import CSosikFormats
import Foundation
import SosikIndex

/// `sosik export --opensearch OUT`: an index as files for OpenSearch (issue 26) —
/// `template.json` (an index template: settings and mappings, OpenSearchLayout) and
/// `bulk-00001.ndjson` … (bulk request bodies of at most about `fileBytes` each, gzip with
/// `gzip`), to be sent with `curl -H 'Content-Type: application/x-ndjson' --data-binary @FILE`.
///
/// ```swift
/// let summary = try OpenSearchExport(index: "news").write(from: index, to: "out")
/// ```
public struct OpenSearchExport {
    public var index: String
    public var fileBytes: Int
    public var gzip: Bool

    public init(index: String = OpenSearchClient.defaultIndex, fileBytes: Int = 10 << 20, gzip: Bool = false) {
        self.index = index
        self.fileBytes = fileBytes
        self.gzip = gzip
    }

    public struct Summary: Sendable {
        public var articles = 0
        public var passages = 0
        public var files: [String] = []
        /// Bytes of the bulk lines, before any compression; and as written.
        public var bytes = 0
        public var written = 0
    }

    public func write(from database: IndexDatabase, to folder: String,
                      progress: ((Summary) -> Void)? = nil) throws -> Summary {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OpenSearchError.cannotWrite(path: folder, reason: (error as NSError).localizedDescription)
        }
        // Files of an earlier export would be sent with these: they go first.
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix("bulk-") && name.contains(".ndjson") {
            try? fm.removeItem(atPath: folder + "/" + name)
        }
        var summary = Summary()
        let template = try JSONSerialization.data(withJSONObject: OpenSearchLayout.template(index: index, lastRun: try database.lastRun()),
                                                  options: [.prettyPrinted, .sortedKeys])
        try save(template + Data("\n".utf8), to: folder + "/template.json")
        summary.files.append("template.json")
        let batches = BulkBatches(index: index, maxBytes: fileBytes)
        var after: Int64 = 0
        while let batch = try batches.batch(of: database, after: after) {
            let name = String(format: "bulk-%05d.ndjson", summary.files.count) + (gzip ? ".gz" : "")
            let path = folder + "/" + name
            if gzip {
                guard let file = sosik_gzip_create(path) else {
                    throw OpenSearchError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                }
                let ok = batch.body.withUnsafeBytes { sosik_gzip_write(file, $0.baseAddress, $0.count) } != 0
                guard sosik_gzip_finish(file) != 0, ok else { throw OpenSearchError.cannotWrite(path: path, reason: "gzip failed (disk full?)") }
            } else {
                try save(Data(batch.body), to: path)
            }
            summary.written += (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? batch.body.count
            summary.files.append(name)
            summary.articles += batch.articles
            summary.passages += batch.passages
            summary.bytes += batch.body.count
            after = batch.last
            progress?(summary)
        }
        return summary
    }

    private func save(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw OpenSearchError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
