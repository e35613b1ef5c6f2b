import Foundation
import SosikText

/// The index on the cluster: created, or checked to be one this sosik reads.
public struct OpenSearchIndex {
    public let client: OpenSearchClient

    public init(client: OpenSearchClient) {
        self.client = client
    }

    /// Checks the index's mapping; creates the index when it is missing. True when created.
    @discardableResult
    public func ensure() throws -> Bool {
        do {
            try check()
            return false
        } catch OpenSearchError.noIndex {
            do {
                _ = try client.json("PUT", "/\(client.index)", OpenSearchLayout.indexBody)
            } catch OpenSearchError.refused(_, _, "resource_already_exists_exception", _) {
                try check()   // made meanwhile (or by a retried request): it must be ours
                return false
            }
            return true
        }
    }

    /// The mapping's `_meta` (`{}` when it has none).
    private func meta() throws -> [String: Any] {
        let answer = try client.json("GET", "/\(client.index)/_mapping")
        // {"INDEX": {"mappings": {...}}} (an alias answers with the real index's name).
        let mappings = (answer.values.first as? [String: Any])?["mappings"] as? [String: Any]
        return mappings?["_meta"] as? [String: Any] ?? [:]
    }

    /// Throws unless the index exists and its mapping is OpenSearchLayout's, made for this
    /// analyzer; returns the mapping's `_meta`.
    @discardableResult
    public func check() throws -> [String: Any] {
        let meta = try self.meta()
        let version = meta["sosik_export"] as? Int
        let analyzer = meta["analyzer"] as? String
        let expected = "sosik export layout \(OpenSearchLayout.version) with analyzer \(Analyzer.name)"
        guard let version, let analyzer else {
            throw OpenSearchError.incompatible(index: client.index, found: "something other than sosik (no _meta.sosik_export in its mapping)",
                                               expected: expected)
        }
        guard version == OpenSearchLayout.version, analyzer == Analyzer.name else {
            throw OpenSearchError.incompatible(index: client.index, found: "sosik export layout \(version) with analyzer \(analyzer)",
                                               expected: expected)
        }
        return meta
    }
}
