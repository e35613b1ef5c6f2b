import Foundation
import GRDB

/// Everything that can go wrong in SosikIndex, with messages that name the file, line or query.
public enum IndexError: Error, Equatable, CustomStringConvertible {
    /// The query has no word the analyzer can search for (only punctuation or operators).
    case emptyQuery(String)
    /// The query's syntax is wrong where sosik cannot guess the intent.
    case badQuery(query: String, column: Int, message: String)
    /// `--db` names a file that does not exist (for commands that only read).
    case noIndex(path: String)
    /// `--db` names a file that is not a sosik index (or not an SQLite database at all).
    case notAnIndex(path: String, reason: String)
    /// The index was built by another analyzer or schema and must be rebuilt.
    case incompatibleIndex(path: String, found: String, expected: String)
    /// A path given to `index` does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// `index` was pointed at a file it may not write.
    case readOnly(path: String)
    /// The disk (or the file-size limit) is full; nothing committed before is lost.
    case diskFull(path: String)
    /// The database failed; `context` says what sosik was doing.
    case database(context: String, message: String)
    /// Something this index cannot do (a remote index: `--per-doc` counts).
    case unsupported(String)

    public var description: String {
        switch self {
        case .emptyQuery(let q):
            return "query \(quoted(q)) has no searchable words (only punctuation or operators)"
        case .badQuery(let q, let column, let message):
            return "query \(quoted(q)), column \(column): \(message)"
        case .noIndex(let path):
            return "no index at \(path): run `sosik index --db \(path) PATH...` first"
        case .notAnIndex(let path, let reason):
            return "\(path) is not a sosik index (\(reason)); choose another --db"
        case .incompatibleIndex(let path, let found, let expected):
            return "\(path) was built by \(found), this sosik needs \(expected): run `sosik index --db \(path) PATH...` to upgrade it"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .readOnly(let path):
            return "\(path) is read-only: sosik index needs to write it (searching it works)"
        case .diskFull(let path):
            return "no space left while writing \(path) (disk full or file-size limit); everything committed before this batch is intact — free space and run sosik index again"
        case .database(let context, let message):
            return "\(context): \(message)"
        case .unsupported(let what):
            return "\(what) is not supported"
        }
    }
}

func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

extension IndexError {
    /// A failed write to the index at `path`: a full disk (SQLITE_FULL, or the I/O error a
    /// file-size limit gives) says so plainly; anything else says what sosik was doing.
    static func writing(_ error: DatabaseError, to path: String, context: String) -> IndexError {
        if error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR { return .diskFull(path: path) }
        return .database(context: context, message: error.message ?? "\(error.resultCode)")
    }
}
