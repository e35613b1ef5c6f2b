import Foundation
import CSosikSQL
import GRDB
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
    let pool: DatabasePool

    /// Opens (and when `create` is true, creates or migrates) the index at `path`.
    /// `readOnly` (default: when not creating) opens without ever writing, so a read-only file
    /// can be searched; maintenance commands open existing indexes writable.
    public init(path: String, create: Bool = true, readOnly: Bool? = nil) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw IndexError.noIndex(path: path) }
        // An empty file is a new index nobody has written to yet (a first run killed early).
        if exists && !create, ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0) == 0 {
            throw IndexError.noIndex(path: path)
        }
        if exists { try Self.checkIsIndexOrEmpty(path) }
        if exists && create && access(path, W_OK) != 0 {
            throw IndexError.readOnly(path: path)
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        // Readers never write, but they open a writable file read-write: SQLite's last
        // connection to close removes the -wal and -shm files only if it may write, and a
        // search or stats must not leave them behind. A read-only file is opened read-only
        // (searching it works; the two files then stay, SQLite needs them).
        config.readonly = readOnly ?? (!create && access(path, W_OK) != 0)
        config.prepareDatabase { db in
            // Every connection, readers included, needs the tokenizer ("no such tokenizer" otherwise).
            db.add(tokenizer: SosikTokenizer.self)
            // … and the ranking function (Searcher) and the compressed passage text (Schema v4).
            var rc = sosik_register_evidence(UnsafeMutableRawPointer(db.sqliteConnection))
            if rc == 0 { rc = sosik_register_text_functions(UnsafeMutableRawPointer(db.sqliteConnection)) }
            if rc != 0 { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register sosik's SQL functions") }
            // Readers map the file (up to 2 GB, SQLite's ceiling): FTS5 reads long doclists,
            // and page-sized pread() calls were a fifth of query time (perf, Scripts/bench).
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = 2147418112") }
            if !db.configuration.readonly {
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
            pool = try DatabasePool(path: path, configuration: config)
            if create {
                try Schema.migrator.migrate(pool)
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

    /// Deletes the index at `path` (with its WAL and shared-memory files) — only if it is a sosik
    /// index or empty: `--rebuild` must never delete someone else's database.
    public static func remove(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try checkIsIndexOrEmpty(path)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            do { try FileManager.default.removeItem(atPath: path + suffix) } catch {
                throw IndexError.unreadable(path: path + suffix, reason: "cannot delete it for --rebuild: \(error.localizedDescription)")
            }
        }
    }

    /// Refuses files that are not SQLite, or SQLite files that hold someone else's tables, before
    /// GRDB or a migration writes anything into them.
    static func checkIsIndexOrEmpty(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IndexError.unreadable(path: path, reason: "permission denied")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }   // an empty file becomes a new index
        guard header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw IndexError.notAnIndex(path: path, reason: "not an SQLite database")
        }
        let queue: DatabaseQueue
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: config)
            let tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if !tables.isEmpty && !tables.contains("sosik_meta") {
                throw IndexError.notAnIndex(path: path, reason: "it has tables but no sosik_meta")
            }
        } catch let error as DatabaseError {
            throw IndexError.notAnIndex(path: path, reason: error.message ?? "unreadable")
        }
    }
}
