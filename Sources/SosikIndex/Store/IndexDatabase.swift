import Foundation
import CSosikSQL
import GRDB
import SosikIngest
import SosikText

/// A sosik index: one SQLite file (WAL) with documents, passages and an FTS5 table whose
/// tokenizer is the sosik analyzer.
///
/// ```swift
/// let index = try IndexDatabase(path: "sosik.db")            // creates or migrates
/// let reader = try IndexDatabase(path: "sosik.db", create: false)
/// ```
public final class IndexDatabase: Sendable {
    public let path: String
    /// A DatabasePool for writers (`index`, maintenance); a DatabaseQueue for readers, which
    /// never write: GRDB's pool creates and drops a table on opening to make sure the WAL file
    /// exists, and that changed the file (its schema cookie) on every search.
    let pool: any DatabaseWriter

    /// Opens (and when `create` is true, creates or migrates) the index at `path`.
    /// `readOnly` (default: when not creating) opens without ever writing, so a read-only file
    /// can be searched; maintenance commands open existing indexes writable.
    public init(path: String, create: Bool = true, readOnly: Bool? = nil) throws {
        self.path = path
        let exists = try Self.checkPath(path)
        if !exists && !create { throw IndexError.noIndex(path: path) }
        // An empty file is a new index nobody has written to yet (a first run killed early).
        if exists && !create, Self.fileSize(path) == 0 {
            throw IndexError.noIndex(path: path)
        }
        if exists { try Self.checkIsIndexOrEmpty(path) }
        if exists && create && access(path, W_OK) != 0 {
            throw IndexError.readOnly(path: path)
        }
        let reader = !create && readOnly != false
        var config = Configuration()
        config.busyMode = .timeout(10)
        // A reader opens a file it may write read-write (no write is ever made, and the last
        // connection to close may then remove the -wal and -shm files, which a search must not
        // leave behind). A file it may not write, or one in a folder it may not write, is
        // opened read-only; when no -wal file is there (no writer is at work: one holds it
        // open) it is opened as immutable, which creates no -wal or -shm beside it.
        var location = path
        if reader {
            let folder = (IndexRun.absolute(path) as NSString).deletingLastPathComponent
            if access(path, W_OK) != 0 || access(folder, W_OK) != 0 {
                config.readonly = true
                if Self.fileSize(path + "-wal") <= 0 { location = Self.immutableURI(path) }
            }
        }
        config.prepareDatabase { db in
            // Every connection, readers included, needs the tokenizer ("no such tokenizer" otherwise).
            db.add(tokenizer: SosikTokenizer.self)
            // … and the ranking function (Searcher) and the compressed passage text (Schema v4).
            var rc = sosik_register_evidence(UnsafeMutableRawPointer(db.sqliteConnection))
            if rc == 0 { rc = sosik_register_text_functions(UnsafeMutableRawPointer(db.sqliteConnection)) }
            if rc != 0 { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register sosik's SQL functions") }
            // Readers map the file (up to 2 GB, SQLite's ceiling): FTS5 reads long doclists,
            // and page-sized pread() calls were a fifth of query time (perf, Scripts/bench).
            if reader { try db.execute(sql: "PRAGMA mmap_size = 2147418112") }
            // The index's vocabulary (CompoundLookup), as a temp table made here: reads run in
            // read-only transactions, and a temp table changes nothing of the file. (fts5vocab
            // looks for article_fts only when read: a new index gets it from its migration.)
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sosik_vocab USING fts5vocab(main, 'article_fts', 'row')")
            if !reader && !db.configuration.readonly {
                // A new index gets 16 KB pages (no effect on an existing one): on a 30 MB sample,
                // 11% faster indexing and 4.5% smaller than 4 KB (passages of ~1 KB and FTS5's
                // segments fill large pages better). Debian builds SQLite with SECURE_DELETE on,
                // which zeroes every page FTS5's merges free; FAST still overwrites deleted
                // content where that costs no extra I/O. (Scripts/bench; measured together:
                // 8.9 → 7.1 s.)
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA secure_delete = FAST; PRAGMA cache_size = -32768")
            }
            if getenv("SOSIK_TRACE_SQL") != nil {
                db.trace(options: .profile) { event in
                    if case let .profile(_, duration) = event, duration > 0.002 {
                        FileHandle.standardError.write("\(Int(duration * 1000)) ms: \(event.expandedDescription.replacingOccurrences(of: "\n", with: " ").prefix(700))\n".data(using: .utf8)!)
                    }
                }
            }
        }
        do {
            pool = reader ? try DatabaseQueue(path: location, configuration: config) : try DatabasePool(path: path, configuration: config)
            if create, !(pool is DatabasePool) {
                try Schema.migrator.migrate(pool)
                try pool.write { try DerivedData.refresh($0) }
            } else if create, let writer = pool as? DatabasePool {
                // One migration at a time, the log checkpointed after each: the write-ahead log
                // then holds one migration's pages, not all of them, so that a new index needs
                // little more room than its schema (RobustnessTests' full disk).
                let applied = try writer.read { try Schema.migrator.appliedIdentifiers($0) }
                for id in Schema.migrator.migrations where !applied.contains(id) {
                    try Schema.migrator.migrate(writer, upTo: id)
                    try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                }
                // Then what migrations marked stale is recomputed with this build's code.
                if try writer.read({ try !DerivedData.stale($0).isEmpty }) {
                    try writer.write { try DerivedData.refresh($0) }
                    try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                }
            }
            try pool.read { db in try Schema.checkCompatible(db, path: path) }
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            // Creating or migrating writes: a schema that did not fit is a full disk too.
            if create { throw IndexError.writing(error, to: path, context: "opening \(path)") }
            throw IndexError.database(context: "opening \(path)", message: error.message ?? "\(error.resultCode)")
        }
    }

    /// Empties the index at `path` for `--rebuild` (its -wal and -shm files deleted, the file
    /// itself truncated, so that a writer's lock on it stays valid): only a regular file that is
    /// a sosik index by its full signature, or empty. The caller holds the writer lock.
    public static func clear(path: String) throws {
        guard try checkPath(path) else { return }
        try checkIsIndexOrEmpty(path)
        for suffix in ["-wal", "-shm"] where fileSize(path + suffix) >= 0 {
            if unlink(path + suffix) != 0 && errno != ENOENT {
                throw IndexError.unreadable(path: path + suffix, reason: "cannot delete it for --rebuild: \(RawPath.reason(errno))")
            }
        }
        if truncate(path, 0) != 0 {
            throw IndexError.unreadable(path: path, reason: "cannot empty it for --rebuild: \(RawPath.reason(errno))")
        }
    }

    /// Whether `path` exists; throws when it exists but is not a regular file (a folder, a FIFO,
    /// a device): an index is one file, and nothing else is ever opened, created or deleted
    /// in its place.
    @discardableResult
    public static func checkPath(_ path: String) throws -> Bool {
        switch InputFiles.info(path) {
        case .failure(let f) where f.code == ENOENT: return false
        case .failure(let f): throw IndexError.unreadable(path: path, reason: f.reason)
        case .success(let info) where info.kind == .file: return true
        case .success(let info) where info.kind == .folder:
            throw IndexError.notAnIndex(path: path, reason: "it is a folder; --db names the index file (e.g. --db news/sosik.db)")
        case .success: throw IndexError.notAnIndex(path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        }
    }

    /// The size of a file, or -1 when there is none.
    static func fileSize(_ path: String) -> Int {
        if case .success(let info) = InputFiles.info(path) { return info.size }
        return -1
    }

    /// An SQLite URI that opens `path` as immutable (read-only, no locks, no -wal or -shm).
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for ch in IndexRun.absolute(path).unicodeScalars {
            switch ch {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(ch)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    /// The tables a sosik index holds, in any schema version (FTS5's shadow tables aside).
    static let ownTables: Set<String> = ["sosik_meta", "documents", "passages", "files", "translation_links", "runs", "removed_documents", "grdb_migrations"]

    /// Refuses files that are not SQLite, or SQLite files that are not sosik indexes by their
    /// full signature (`sosik_meta` with an analyzer and a schema number, and no table sosik
    /// never makes), before GRDB or a migration writes anything into them, or `--rebuild`
    /// empties them.
    static func checkIsIndexOrEmpty(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IndexError.unreadable(path: path, reason: RawPath.reason(errno))
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }   // an empty file becomes a new index
        guard header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw IndexError.notAnIndex(path: path, reason: "not an SQLite database")
        }
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            // Read without writing anything (immutable when nobody holds a -wal file open).
            let queue = try DatabaseQueue(path: fileSize(path + "-wal") > 0 ? path : immutableURI(path), configuration: config)
            let (tables, meta) = try queue.read { db in
                (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                 try db.tableExists("sosik_meta")
                    ? try Row.fetchAll(db, sql: "SELECT key, value FROM sosik_meta").reduce(into: [String: String]()) { $0[$1["key"]] = $1["value"] }
                    : [:])
            }
            try queue.close()
            if tables.isEmpty { return }
            guard tables.contains("sosik_meta") else {
                throw IndexError.notAnIndex(path: path, reason: "it has tables but no sosik_meta")
            }
            let foreign = tables.filter { !ownTables.contains($0) && !$0.hasPrefix("sqlite_") && !$0.hasPrefix("article_fts") && !$0.hasPrefix("passage_fts") }
            guard foreign.isEmpty else {
                throw IndexError.notAnIndex(path: path, reason: "it holds tables sosik never makes (\(foreign.sorted().prefix(3).joined(separator: ", ")))")
            }
            guard let schema = meta["schema"], Int(schema) != nil, let analyzer = meta["analyzer"], !analyzer.isEmpty else {
                throw IndexError.notAnIndex(path: path, reason: "its sosik_meta has no analyzer and schema version")
            }
        } catch let error as DatabaseError {
            throw IndexError.notAnIndex(path: path, reason: error.message ?? "unreadable")
        }
    }
}
