/// One input file's bytes (already decompressed when it was a `.gz`), with where it came from.
public struct InputFile: Sendable {
    public var path: String
    /// The folder being indexed that the file was found under (nil when named directly).
    public var root: String?
    public var bytes: [UInt8]
    /// An id given from outside (none today; readers fall back to the path).
    public var id: String?

    public init(path: String, root: String? = nil, bytes: [UInt8], id: String? = nil) {
        self.path = path
        self.root = root
        self.bytes = bytes
        self.id = id
    }
}

/// A reader of one format: the bytes of a file in, articles and problems out. Problems never
/// throw: they are `.skipped` or `.warning` events naming the file and line, and reading goes
/// on with the next record. `emit` may throw (the indexer's errors), and that ends the read.
///
/// ```swift
/// try FeedReader().read(InputFile(path: "news.xml", bytes: bytes)) { event in print(event) }
/// ```
public protocol ArticleReader: Sendable {
    /// File name extensions, lowercase, without the dot.
    static var extensions: Set<String> { get }
    func read(_ file: InputFile, _ emit: (CorpusReader.Event) throws -> Void) throws
}
