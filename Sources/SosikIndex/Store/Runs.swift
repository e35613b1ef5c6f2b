import Foundation
import GRDB

/// The recorded `sosik index` runs (schema 7): what each did, and which run a date or a run
/// number means for `search --new` / `--added-since` and `sosik watch`.
public struct IndexRunRecord: Sendable, Equatable {
    public var id: Int64
    public var started: String
    public var finished: String?
    public var filesAdded: Int, filesUpdated: Int, filesRemoved: Int
    public var documentsWritten: Int, documentsRemoved: Int, passages: Int
}

extension IndexDatabase {
    /// The most recent runs, newest first.
    public func runs(limit: Int = 10) throws -> [IndexRunRecord] {
        try read("reading the runs of") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, started, finished, files_added, files_updated, files_removed, documents_written, documents_removed, passages
                FROM runs ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map {
                IndexRunRecord(id: $0[0], started: $0[1], finished: $0[2], filesAdded: $0[3], filesUpdated: $0[4], filesRemoved: $0[5],
                               documentsWritten: $0[6], documentsRemoved: $0[7], passages: $0[8])
            }
        }
    }

    /// The first run that `--added-since VALUE` keeps: a run number as is; a date (or date and
    /// time, ISO 8601) the first run started on or after it. nil: no such run (nothing is new).
    public func firstRun(since value: String) throws -> Int64? {
        if let id = Int64(value) { return id }
        return try read("reading the runs of") { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM runs WHERE started >= ?", arguments: [value])
        }
    }

    /// The last run's number (`--new`); nil before any run was recorded.
    public func lastRun() throws -> Int64? {
        try read("reading the runs of") { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs") }
    }

    /// A value other programs' state keeps in the index (`sosik push`'s progress per cluster).
    public func note(_ key: String) throws -> String? {
        try read("reading") { db in try String.fetchOne(db, sql: "SELECT value FROM sosik_meta WHERE key = ?", arguments: [key]) }
    }

    /// Sets (or, with nil, removes) a note.
    public func setNote(_ key: String, _ value: String?) throws {
        do {
            try pool.write { db in
                if let value {
                    try db.execute(sql: "INSERT OR REPLACE INTO sosik_meta(key, value) VALUES (?, ?)", arguments: [key, value])
                } else {
                    try db.execute(sql: "DELETE FROM sosik_meta WHERE key = ?", arguments: [key])
                }
            }
        } catch let error as DatabaseError {
            throw IndexError.writing(error, to: path, context: "writing \(path)")
        }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw IndexError.database(context: "\(what) \(path)", message: error.message ?? "\(error.resultCode)")
        }
    }
}
