/// What can stop SosikIngest from reading a path at all. (Problems inside a file do not throw:
/// they are reported as `CorpusReader.Event.skipped` or `.warning` with the file and line.)
public enum IngestError: Error, Equatable, CustomStringConvertible {
    /// A path given on the command line does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// A `--map` or `--stdin-format` value sosik does not understand.
    case badOption(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .badOption(let message): return message
        }
    }
}

/// A string in double quotes with `\` and `"` escaped, for messages.
func quoted(_ s: String) -> String {
    var out = "\""
    for ch in s {
        if ch == "\\" || ch == "\"" { out.append("\\") }
        out.append(ch)
    }
    return out + "\""
}
