/// Everything that can go wrong between sosik and an OpenSearch cluster, with messages that
/// name the address, index or file at fault.
public enum OpenSearchError: Error, CustomStringConvertible {
    /// `--opensearch` is not an http(s) address.
    case badAddress(String)
    /// No answer after every attempt (refused, timed out, TLS failed, or kept answering 429/5xx).
    case unreachable(url: String, reason: String, attempts: Int)
    /// The index does not exist.
    case noIndex(url: String, index: String)
    /// The index was made by another version of the export (or not by sosik).
    case incompatible(index: String, found: String, expected: String)
    /// The cluster refused a request.
    case refused(url: String, status: Int, type: String, reason: String)
    /// Some documents of a bulk request failed.
    case bulk(index: String, failed: Int, first: String)
    /// An answer sosik cannot read.
    case badResponse(url: String, reason: String)
    /// The export folder cannot be written.
    case cannotWrite(path: String, reason: String)

    /// An error of one request (a query the cluster refused or answered strangely), after which
    /// the next query may well work: a batch of queries reports it and goes on.
    public var isAboutOneRequest: Bool {
        switch self {
        case .refused, .badResponse: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .badAddress(let a):
            return "--opensearch \(a): give the cluster's address as http(s)://HOST:PORT[/INDEX]"
        case .unreachable(let url, let reason, let attempts):
            return "cannot reach \(url) (\(reason); \(attempts) attempt\(attempts == 1 ? "" : "s")): is the cluster up and the address right?"
        case .noIndex(let url, let index):
            return "\(url) has no index \(index): create it with `sosik push --opensearch \(url)/\(index)` (or PUT template.json of `sosik export --opensearch`)"
        case .incompatible(let index, let found, let expected):
            return "index \(index) was made by \(found); this sosik reads \(expected): export or push it again with this sosik"
        case .refused(let url, let status, let type, let reason):
            return "\(url) answered \(status) \(type): \(reason)"
        case .bulk(let index, let failed, let first):
            return "\(failed) document\(failed == 1 ? "" : "s") not written to \(index) (first: \(first))"
        case .badResponse(let url, let reason):
            return "\(url) gave an answer sosik cannot read: \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
