import SosikIngest
import CSosikSQL
import Foundation
import GRDB
import SosikText

/// Writes articles into an index in batched transactions: each article replaces any earlier
/// article with the same id, its passages go into the FTS5 table.
///
/// ```swift
/// let indexer = Indexer(database: index)
/// try indexer.add(Article(id: "a", body: "경찰이 순찰을 돌았다."))
/// let summary = try indexer.finish()
/// ```
public final class Indexer {
    /// What one run did.
    public struct Summary: Sendable {
        public var filesAdded = 0
        public var filesUpdated = 0
        public var filesUnchanged = 0
        public var filesRemoved = 0
        /// Documents written (new or changed).
        public var documents = 0
        /// Documents that replaced a version an earlier run wrote, with the same id.
        public var replaced = 0
        /// Documents whose id came again in this run's input (a feed listing an item twice):
        /// the last one read is kept.
        public var repeated = 0
        /// Documents read again but identical to what the index holds.
        public var unchanged = 0
        public var removed = 0
        public var passages = 0
        /// Bytes of title and body text written.
        public var bytes = 0
        public var skipped: [(path: String, line: Int?, reason: String)] = []
        /// Inputs skipped: whole files (binary, empty, unreadable, nothing indexable in them), and
        /// records inside files that were indexed (a bad JSON Lines line, a CSV row).
        public var skippedFiles = 0
        public var skippedRecords = 0
        /// Files of types sosik does not read (.pdf, .docx…).
        public var notRead: [String] = []
        /// A JSON Lines file this run went on with after an interrupted one: path and the line
        /// it resumed after.
        public var resumed: [(path: String, line: Int)] = []
        /// Where this run stopped reading, when interrupted inside a JSON Lines file.
        public var interrupted: (path: String, line: Int)?

        /// "3 .pdf, 1 .docx": the files not read, by extension, most first.
        public var notReadByExtension: String {
            var counts: [String: Int] = [:]
            for path in notRead {
                let ext = (path as NSString).pathExtension.lowercased()
                counts[ext.isEmpty ? "(no extension)" : "." + ext, default: 0] += 1
            }
            return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
    }

    /// A file as found on disk.
    public struct FileStamp: Sendable {
        public var path: String
        public var absolutePath: String
        public var size: Int
        public var modified: Double
        /// The reading options it is read with (`CorpusReader.Options.settingsText`): a file
        /// read with other options than last time is read again.
        public var options: String

        public init(path: String, absolutePath: String, size: Int, modified: Double, options: String = "") {
            self.path = path
            self.absolutePath = absolutePath
            self.size = size
            self.modified = modified
            self.options = options
        }
    }

    public let database: IndexDatabase
    public let splitter: PassageSplitter
    /// Articles per transaction; one transaction per article is ~100× slower in SQLite.
    public var batchSize: Int
    /// Called after each committed batch with the running summary (on the writing thread).
    public var onProgress: (@Sendable (Summary) -> Void)? {
        get { writer.onProgress }
        set { writer.onProgress = newValue }
    }

    /// What the run did so far: files as read, documents and passages as committed.
    public var summary: Summary { writer.committed.applied(to: reading) }
    /// The reading side's counts (files, skipped inputs).
    private var reading = Summary()
    private var pending: [Item] = []
    private var lastBeginWasNew = false
    private var pendingArticles = 0
    private var pendingBytes = 0
    /// Files the index knows (absolute path → size, mtime, hash; hash nil = not completely indexed).
    private var known: [String: KnownFile]? = nil
    private let analyzer = Analyzer()
    private let writer: BatchWriter

    struct PreparedArticle: Sendable {
        var article: Article
        var passages: [(text: String, kind: PassageKind, compressed: Data?)]
        var titleTokens: TokenList
        var hash: String
        /// The article's full-text row: passages joined, their tokens, where each starts.
        var row: ArticleText.Layout
        /// Its MinHash signature (Signature.blob), from the body passages.
        var signature: Data
        /// The row id it had in the index it comes from (a scratch index of fetched articles
        /// keeps it, so that articles of equal score rank as there); nil: the next one.
        var rowid: Int64? = nil
    }

    enum Item: Sendable {
        case beginFile(FileStamp)
        case article(PreparedArticle)
        case endFile(FileStamp, hash: String, keys: Set<String>?, problems: Int)
        case interruptFile(FileStamp, line: Int)
        case touchFile(FileStamp)
        case removeFile(absolutePath: String)
    }

    public init(database: IndexDatabase, splitter: PassageSplitter = PassageSplitter(), batchSize: Int = 500) {
        self.database = database
        self.splitter = splitter
        self.batchSize = batchSize
        self.writer = BatchWriter(database: database)
    }

    /// A batch is handed to the writing thread at this many articles, or at this much memory
    /// of text and tokens analyzed ahead (tokens take ~5× the text): with two batches queued
    /// and one being read, memory stays bounded whatever the corpus size.
    static let batchFootprint = 6 << 20

    /// `passages`: the article's passages as another index holds them (a scratch index of
    /// articles fetched from OpenSearch), instead of splitting its body; `rowid`: the row id it
    /// had there.
    public func add(_ article: Article, passages given: [(kind: PassageKind, text: String)]? = nil, rowid: Int64? = nil) throws {
        // U+001E joins passages in the full-text index (ArticleText): a space in what is indexed.
        var article = article
        for field in [\Article.title, \Article.body] where article[keyPath: field].utf8.contains(ArticleText.separator) {
            article[keyPath: field] = article[keyPath: field].replacingOccurrences(of: ArticleText.separatorString, with: " ")
        }
        // Split and analyzed here, on the reading thread, while the writing thread inserts the
        // previous batch; the FTS5 tokenizer replays these tokens (TokenReplay).
        let passages = (given ?? article.passages(splitter: splitter)).map { passage -> (text: String, kind: PassageKind, compressed: Data?) in
            let text = passage.kind == .body ? passage.text : passage.text.replacingOccurrences(of: ArticleText.separatorString, with: " ")
            return (text, passage.kind, Self.compressed(text))
        }
        let prepared = PreparedArticle(article: article, passages: passages,
                                       titleTokens: TokenList(analyzing: article.title, with: analyzer), hash: Self.hash(article),
                                       row: ArticleText.layout(passages.map { ($0.kind, $0.text) }, with: analyzer),
                                       signature: Signature(text: passages.filter { $0.kind == .body }.map(\.text)
                                           .joined(separator: "\n")).blob, rowid: rowid)
        pending.append(.article(prepared))
        pendingArticles += 1
        pendingBytes += article.body.utf8.count + article.title.utf8.count + prepared.titleTokens.footprint
            + passages.reduce(0) { $0 + ($1.compressed?.count ?? 0) }
            + prepared.row.bodyTokens.footprint + prepared.row.asideTokens.footprint + prepared.row.body.utf8.count + prepared.row.aside.utf8.count
        if pendingArticles >= batchSize || pendingBytes >= Self.batchFootprint { try flush() }
    }

    public func skip(path: String, line: Int?, reason: String) {
        reading.skipped.append((path, line, reason))
    }

    /// Counts a skipped input: a whole file, or records inside a file that was indexed.
    public func countSkipped(files: Int = 0, records: Int = 0) {
        reading.skippedFiles += files
        reading.skippedRecords += records
    }

    /// The file begun last held nothing that could be indexed: it is counted as skipped, not
    /// as added or updated (an empty file is counted once).
    public func fileWasSkipped() {
        if lastBeginWasNew { reading.filesAdded -= 1 } else { reading.filesUpdated -= 1 }
        reading.skippedFiles += 1
    }

    /// A JSON Lines file read on from line `line` after an interrupted run.
    public func resumed(path: String, line: Int) {
        reading.resumed.append((path, line))
    }

    /// A file of a type sosik does not read: counted in the summary, never silently passed over.
    public func notRead(path: String) {
        reading.notRead.append(path)
    }

    // MARK: - Files

    typealias KnownFile = (size: Int, modified: Double, hash: String?, problems: Int, resumeLine: Int, options: String)

    private func knownFiles() throws -> [String: KnownFile] {
        if let known { return known }
        let rows = try database.pool.read { db in try Row.fetchAll(db, sql: "SELECT path, size, modified, hash, problems, resume_line, options FROM files") }
        var table: [String: KnownFile] = [:]
        for row in rows { table[row[0]] = (row[1], row[2], row[3], row[4], row[5], row[6]) }
        known = table
        return table
    }

    /// True (and counted) when the file's size and time are those of its complete last indexing.
    public func isUnchanged(_ stamp: FileStamp) throws -> Bool {
        // A file that had problems (records skipped, or skipped whole) is read again: the
        // problems are reported again, and an option such as --map may now read it.
        guard let k = try knownFiles()[stamp.absolutePath], k.hash != nil, k.problems == 0, k.options == stamp.options,
              k.size == stamp.size, k.modified == stamp.modified else { return false }
        reading.filesUnchanged += 1
        return true
    }

    /// True (and counted) when the bytes are those already indexed (the file was only touched).
    public func contentIsUnchanged(_ stamp: FileStamp, hash: String) throws -> Bool {
        guard let k = try knownFiles()[stamp.absolutePath], k.hash == hash, k.problems == 0, k.options == stamp.options else { return false }
        reading.filesUnchanged += 1
        pending.append(.touchFile(stamp))
        return true
    }

    /// The reading options the file was last indexed with (`CorpusReader.Options.settingsText`),
    /// or nil for a file the index does not know.
    public func storedOptions(_ absolutePath: String) throws -> String? {
        try knownFiles()[absolutePath]?.options
    }

    /// True when the index has a record of this file (complete or not).
    public func isKnown(_ stamp: FileStamp) throws -> Bool {
        try knownFiles()[stamp.absolutePath] != nil
    }

    /// The line a JSON Lines file's committed records reach, when an interrupted run left it
    /// with the same size and time as now (0 = read it from the start).
    public func resumeLine(_ stamp: FileStamp) throws -> Int {
        guard let k = try knownFiles()[stamp.absolutePath], k.hash == nil, k.resumeLine > 0,
              k.size == stamp.size, k.modified == stamp.modified else { return 0 }
        return k.resumeLine
    }

    /// Reading stopped (Ctrl-C) after line `line` of this JSON Lines file: recorded with the
    /// batch that commits those lines' articles, so the next run can go on from there.
    public func interruptFile(_ stamp: FileStamp, line: Int) throws {
        pending.append(.interruptFile(stamp, line: line))
        reading.interrupted = (stamp.path, line)
    }

    public func beginFile(_ stamp: FileStamp) throws {
        lastBeginWasNew = try knownFiles()[stamp.absolutePath] == nil
        if lastBeginWasNew { reading.filesAdded += 1 } else { reading.filesUpdated += 1 }
        pending.append(.beginFile(stamp))
    }

    /// The file is read: its record is completed, and its documents that are no longer in it go.
    /// `keys`: the ids the file holds now; nil for a file the index did not know, which has
    /// nothing to remove (so a new JSON Lines file of a million records needs no set of ids).
    public func endFile(_ stamp: FileStamp, hash: String, keys: [String]?, problems: Int = 0) throws {
        pending.append(.endFile(stamp, hash: hash, keys: keys.map(Set.init), problems: problems))
    }

    /// Removes the documents of files under `folder` that are not in `present`.
    public func removeFiles(under folder: String, except present: Set<String>, keepingUnder kept: [String] = []) throws {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let keptPrefixes = kept.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        for path in try knownFiles().keys where path.hasPrefix(prefix) && !present.contains(path)
            && !keptPrefixes.contains(where: { path.hasPrefix($0) }) {
            reading.filesRemoved += 1
            pending.append(.removeFile(absolutePath: path))
        }
    }

    /// Commits what is pending, waits for the writing thread, and returns the summary of the run.
    @discardableResult
    public func finish() throws -> Summary {
        try flush()
        try writer.drain()
        try writer.recordRun(summary)
        try Self.refreshStatistics(database)
        return summary
    }

    /// The number of passages, for the average passage length the ranking normalizes by
    /// (ArticleRanking), counted once per run rather than on every search.
    static func refreshStatistics(_ database: IndexDatabase) throws {
        do {
            try database.pool.write { db in
                try resolveTranslations(db)
                try refreshStatistics(db)
            }
        } catch let error as DatabaseError {
            throw IndexError.writing(error, to: database.path, context: "writing to \(database.path)")
        }
    }

    static func resolveTranslations(_ db: Database) throws {
        // Pages that link to their other-language edition: linked once that page is indexed
        // (in this run or an earlier one; either may come first). Only across languages, so an
        // AMP or mobile copy of the same page is not taken for a translation.
        try db.execute(sql: """
            UPDATE documents SET translation_of = (
                SELECT o.doc_key FROM translation_links t JOIN documents o ON o.url_key = t.url_key
                WHERE t.document_id = documents.id AND o.id <> documents.id AND o.lang <> documents.lang
                ORDER BY o.id LIMIT 1)
            WHERE translation_of IS NULL AND id IN (SELECT document_id FROM translation_links)
            """)
    }

    static func refreshStatistics(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO sosik_meta(key, value)
            VALUES ('passages', (SELECT CAST(COUNT(*) AS TEXT) FROM passages))
            """)
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        pendingArticles = 0
        pendingBytes = 0
        try writer.submit(batch, reading: reading)
    }

    /// What the writing side did: documents and passages committed.
    struct Counts {
        var written = 0, replaced = 0, repeated = 0, unchanged = 0, removed = 0, passages = 0, bytes = 0

        static func += (a: inout Counts, b: Counts) {
            a.written += b.written
            a.replaced += b.replaced
            a.repeated += b.repeated
            a.unchanged += b.unchanged
            a.removed += b.removed
            a.passages += b.passages
            a.bytes += b.bytes
        }

        /// The reading side's summary (files, skipped inputs) completed with these counts.
        func applied(to reading: Summary) -> Summary {
            var s = reading
            s.documents = written
            s.replaced = replaced
            s.repeated = repeated
            s.unchanged = unchanged
            s.removed = removed
            s.passages = passages
            s.bytes = bytes
            return s
        }
    }

    /// Writes batches on its own thread, one transaction each, at most two waiting: reading,
    /// splitting and analyzing the next batch (Indexer.add) overlap with SQLite's work on this
    /// one. The first error stops the writing and is thrown to the reading side.
    final class BatchWriter: @unchecked Sendable {
        let database: IndexDatabase
        private let queue = DispatchQueue(label: "sosik.index.writer")
        private let slots = DispatchSemaphore(value: 2)
        private let lock = NSLock()
        private var counts = Counts()
        private var failure: Error? = nil
        /// The file whose articles are being written; it spans batches (writing thread only).
        private var currentFileID: Int64? = nil
        /// This run's row in `runs`, made with the first batch written (writing thread only).
        private(set) var runID: Int64? = nil
        let started = Date()
        var onProgress: (@Sendable (Summary) -> Void)?

        init(database: IndexDatabase) { self.database = database }

        /// Counts of the batches committed so far.
        var committed: Counts { lock.withLock { counts } }

        /// Queues `batch`; `reading` is the reading side's summary as of it, for onProgress.
        func submit(_ batch: [Item], reading: Summary) throws {
            try check()
            slots.wait()
            queue.async { [self] in
                defer { slots.signal() }
                guard lock.withLock({ failure == nil }) else { return }
                do {
                    let c = try write(batch)
                    let total = lock.withLock { counts += c; return counts }
                    onProgress?(total.applied(to: reading))
                } catch {
                    lock.withLock { failure = error }
                }
            }
        }

        /// Waits until every submitted batch is written; throws the first error.
        func drain() throws {
            queue.sync {}
            try check()
        }

        private func check() throws {
            if let error = lock.withLock({ failure }) { throw error }
        }

        /// This run's id, its row inserted when first needed.
        func runRow(_ db: Database) throws -> Int64 {
            if let runID { return runID }
            try db.execute(sql: "INSERT INTO runs(started) VALUES (?)", arguments: [Indexer.timestamp(started)])
            runID = db.lastInsertedRowID
            return db.lastInsertedRowID
        }

        /// Records the run's end and its counts (on the writing thread, after every batch).
        func recordRun(_ summary: Summary) throws {
            try queue.sync {
                do {
                    try database.pool.write { db in
                        let id = try runRow(db)
                        try db.execute(sql: """
                            UPDATE runs SET finished = ?, files_added = ?, files_updated = ?, files_removed = ?,
                                documents_written = ?, documents_removed = ?, passages = ? WHERE id = ?
                            """, arguments: [Indexer.timestamp(Date()), summary.filesAdded, summary.filesUpdated, summary.filesRemoved,
                                             summary.documents, summary.removed, summary.passages, id])
                    }
                } catch let error as DatabaseError {
                    throw IndexError.writing(error, to: database.path, context: "writing to \(database.path)")
                }
            }
        }

        private func write(_ batch: [Item]) throws -> Counts {
            do {
                return try database.pool.write { db in
                    var c = Counts()
                    let run = try runRow(db)
                    var fileID = currentFileID
                    defer { currentFileID = fileID }
                    for item in batch {
                        switch item {
                        case .beginFile(let stamp):
                            // hash NULL until the file's last document is in: an interrupted file is redone.
                            try db.execute(sql: """
                                INSERT INTO files(path, size, modified, hash, options) VALUES (?, ?, ?, NULL, ?)
                                ON CONFLICT(path) DO UPDATE SET hash = NULL, options = excluded.options
                                """, arguments: [stamp.absolutePath, stamp.size, stamp.modified, stamp.options])
                            fileID = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE path = ?", arguments: [stamp.absolutePath])
                        case .article(let prepared):
                            try Indexer.write(prepared, fileID: fileID, run: run, db, &c)
                        case .endFile(let stamp, let hash, let keys, let problems):
                            let id = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE path = ?", arguments: [stamp.absolutePath])
                            if let id {
                                // nil keys: a file new to the index, with nothing of it to remove.
                                if let keys {
                                    for key in try String.fetchAll(db, sql: "SELECT doc_key FROM documents WHERE file_id = ?", arguments: [id])
                                    where !keys.contains(key) {
                                        if try Indexer.delete(key: key, db) { c.removed += 1 }
                                        try Indexer.recordRemoval(key, run: run, db)
                                    }
                                }
                                try db.execute(sql: "UPDATE files SET size = ?, modified = ?, hash = ?, problems = ?, resume_line = 0 WHERE id = ?",
                                               arguments: [stamp.size, stamp.modified, hash, problems, id])
                            }
                            fileID = nil
                        case .interruptFile(let stamp, let line):
                            try db.execute(sql: "UPDATE files SET size = ?, modified = ?, resume_line = ? WHERE path = ?",
                                           arguments: [stamp.size, stamp.modified, line, stamp.absolutePath])
                            fileID = nil
                        case .touchFile(let stamp):
                            try db.execute(sql: "UPDATE files SET size = ?, modified = ? WHERE path = ?",
                                           arguments: [stamp.size, stamp.modified, stamp.absolutePath])
                        case .removeFile(let path):
                            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE path = ?", arguments: [path]) {
                                for key in try String.fetchAll(db, sql: "SELECT doc_key FROM documents WHERE file_id = ?", arguments: [id]) {
                                    if try Indexer.delete(key: key, db) { c.removed += 1 }
                                    try Indexer.recordRemoval(key, run: run, db)
                                }
                                try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
                            }
                        }
                    }
                    return c
                }
            } catch let error as DatabaseError {
                throw IndexError.writing(error, to: database.path, context: "writing to \(database.path)")
            }
        }
    }

    /// A run's time as stored: ISO 8601 in UTC, to the second (`2026-12-03T10:41:07Z`).
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    private static func write(_ prepared: PreparedArticle, fileID: Int64?, run: Int64, _ db: Database, _ c: inout Counts) throws {
        let a = prepared.article
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT content_hash, file_id, run_id, id FROM documents WHERE doc_key = ?"),
                                      arguments: [a.id]) {
            // Written earlier in this run: the id came twice in the input, not a new version.
            let sameRun = (row[2] as Int64?) == run
            if (row[0] as String?) == prepared.hash && (row[1] as Int64?) == fileID {
                if sameRun { c.repeated += 1 } else { c.unchanged += 1 }
                return
            }
            if sameRun {
                c.repeated += 1
                c.written -= 1
                c.passages -= try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passages WHERE document_id = ?", arguments: [row[3] as Int64]) ?? 0
            } else {
                c.replaced += 1
            }
            _ = try delete(key: a.id, db)
        }
        try db.cachedStatement(sql: """
            INSERT INTO documents(id, doc_key, title, lang, date, source, url, url_key, path, bytes, translation_of, file_id, content_hash,
                                  passage_starts, run_id, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [prepared.rowid, a.id, a.title, a.lang, a.date, a.source, a.url, a.url.map(Article.urlKey), a.path,
                                     a.body.utf8.count, a.translationOf, fileID, prepared.hash, prepared.row.starts, run, prepared.signature])
        let documentID = db.lastInsertedRowID
        for url in Set(a.translationURLs.map(Article.urlKey)) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO translation_links(document_id, url_key) VALUES (?, ?)")
                .execute(arguments: [documentID, url])
        }
        for (ordinal, passage) in prepared.passages.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO passages(document_id, ordinal, text, kind) VALUES (?, ?, ?, ?)")
                .execute(arguments: [documentID, ordinal, passage.compressed ?? passage.text.databaseValue, passage.kind.rawValue])
            c.passages += 1
        }
        // The tokens were analyzed on the reading thread: offered to the tokenizer for this
        // insert (it checks the bytes are the same).
        let row = prepared.row
        TokenReplay.shared.offer([(a.title, prepared.titleTokens), (row.body, row.bodyTokens), (row.aside, row.asideTokens)],
                                 on: db.sqliteConnection)
        defer { TokenReplay.shared.withdraw(on: db.sqliteConnection) }
        try db.cachedStatement(sql: "INSERT INTO article_fts(rowid, title, text, aside) VALUES (?, ?, ?, ?)")
            .execute(arguments: [documentID, a.title, row.body, row.aside])
        c.written += 1
        c.bytes += a.body.utf8.count + a.title.utf8.count
    }

    /// The passage text as stored (Schema v4): raw DEFLATE when that is smaller, compressed here
    /// on the reading thread; nil = stored as TEXT.
    static func compressed(_ text: String) -> Data? {
        var text = text
        return text.withUTF8 { bytes -> Data? in
            guard bytes.count >= 64 else { return nil }
            var out = Data(count: bytes.count)
            let size = out.withUnsafeMutableBytes { buffer in
                sosik_deflate(bytes.baseAddress, bytes.count, buffer.bindMemory(to: UInt8.self).baseAddress, bytes.count)
            }
            guard size > 0 else { return nil }
            out.count = size
            return out
        }
    }

    /// FNV-1a over every stored field of the article, to tell a changed record from a re-read one.
    static func hash(_ a: Article) -> String {
        var h = FNV1a()
        for field in [a.id, a.title, a.body, a.lang, a.date ?? "", a.source ?? "", a.url ?? "", a.path ?? "", a.translationOf ?? "",
                      a.author ?? "", a.categories.joined(separator: "\u{1F}"), a.translationURLs.joined(separator: "\u{1F}")]
            + a.asides.map({ $0.kind.rawValue + ":" + $0.text }) {
            h.add(field.utf8)
            h.add(CollectionOfOne(0x1F))   // field separator
        }
        return h.hex
    }

    /// Removes a document, its passages and its FTS5 row. External-content FTS5 tables need
    /// the old values to delete, so they are read (joined as when inserted) before the rows go.
    /// An article the run removed, for `sosik push` (ExportedArticle.removed).
    static func recordRemoval(_ key: String, run: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO removed_documents(doc_key, run_id) VALUES (?, ?)").execute(arguments: [key, run])
    }

    static func delete(key: String, _ db: Database) throws -> Bool {
        guard let documentID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM documents WHERE doc_key = ?"),
                                                  arguments: [key]) else { return false }
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, text, aside FROM article_content WHERE id = ?"),
                                      arguments: [documentID]) {
            try db.cachedStatement(sql: "INSERT INTO article_fts(article_fts, rowid, title, text, aside) VALUES ('delete', ?, ?, ?, ?)")
                .execute(arguments: [documentID, row[0], row[1], row[2]])
        }
        try db.cachedStatement(sql: "DELETE FROM passages WHERE document_id = ?").execute(arguments: [documentID])
        try db.cachedStatement(sql: "DELETE FROM translation_links WHERE document_id = ?").execute(arguments: [documentID])
        try db.cachedStatement(sql: "DELETE FROM documents WHERE id = ?").execute(arguments: [documentID])
        return true
    }
}
