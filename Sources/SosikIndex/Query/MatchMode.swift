import Foundation
import SosikText

/// How query words combine.
public enum MatchMode: String, Sendable {
    /// Every query word must match (the default, like a web search engine).
    case all
    /// Any word may match; articles are ranked by how many and how rare (natural-language questions).
    case any
}
