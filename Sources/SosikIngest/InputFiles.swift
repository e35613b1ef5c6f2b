import Foundation

/// The file system as `index` and `extract` see it, through the C library: paths may hold
/// bytes that are not UTF-8 (`RawPath`), and every failure is told in the C library's words
/// (permission denied, too many levels of symbolic links, no such file or directory).
///
/// ```swift
/// let listing = InputFiles.list("Corpus")
/// let bytes = try InputFiles.read("Corpus/ko/a.md", limit: 1 << 20)
/// ```
public enum InputFiles {
    public enum Kind: Sendable { case file, folder, other }

    public struct Info: Sendable {
        public var kind: Kind
        public var size: Int
        public var modified: Double
        var device: UInt64
        var inode: UInt64
    }

    /// What `stat` says of `path` (links followed), or the reason it cannot say.
    public static func info(_ path: String) -> Result<Info, Failure> {
        var st = stat()
        let rc = RawPath.withCString(path) { stat($0, &st) }
        guard rc == 0 else { return .failure(Failure(errno)) }
        let kind: Kind = switch st.st_mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .folder
        default: .other
        }
        let modified = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        return .success(Info(kind: kind, size: Int(st.st_size), modified: modified,
                             device: UInt64(st.st_dev), inode: UInt64(st.st_ino)))
    }

    /// An `errno` with its words.
    public struct Failure: Error, Sendable {
        public var code: Int32
        public init(_ code: Int32) { self.code = code }
        public var reason: String { RawPath.reason(code) }
    }

    /// What a folder holds, walked without recursion: supported files and files of other types
    /// (sorted), what could not be read (folders that cannot be listed, broken links, FIFOs
    /// and other files that are not regular), and the folders that could not be listed (what
    /// was indexed from them is kept). Hidden entries and `README.*` are passed over; links are
    /// followed, each folder entered once (a link loop ends there).
    public struct Listing: Sendable {
        public var supported: [String] = []
        public var unsupported: [String] = []
        public var problems: [(path: String, reason: String)] = []
        public var unreadableFolders: [String] = []
        /// Per supported file, what `.sosik.conf` files say of it (FolderRules), when anything.
        public var settings: [String: [String: String]] = [:]
    }

    /// `rules`: `--exclude` globs; each folder's `.sosikignore` and `.sosik.conf` are added to
    /// them as it is entered (FolderRules). What they leave out is not listed at all.
    public static func list(_ root: String, rules: FolderRules = FolderRules(), supported isSupported: (String) -> Bool) -> Listing {
        var listing = Listing()
        var seen = Set<[UInt64]>()
        if case .success(let i) = info(root) { seen.insert([i.device, i.inode]) }
        let top = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        var folders = [(top, rules.rooted(at: top))]
        while let (folder, inherited) = folders.popLast() {
            var rules = inherited
            listing.problems += rules.enter(folder)
            guard let dir = RawPath.withCString(folder, { opendir($0) }) else {
                let reason = RawPath.reason(errno)
                listing.unreadableFolders.append(folder)
                listing.problems.append((folder, "cannot read this folder: \(reason); what was indexed from it is kept"))
                continue
            }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    RawPath.decode(raw.prefix(while: { $0 != 0 }))
                }
                if name.hasPrefix(".") { continue }   // hidden, and . and ..
                names.append(name)
            }
            for name in names {
                let path = folder + "/" + name
                let found = info(path)
                if case .success(let i) = found, rules.isIgnored(path, isFolder: i.kind == .folder) { continue }
                switch found {
                case .failure(let f):
                    if rules.isIgnored(path, isFolder: false) { continue }
                    listing.problems.append((path, f.code == ENOENT ? "broken symbolic link" : f.reason))
                case .success(let i) where i.kind == .folder:
                    // A folder reached twice (a link back up) is read once.
                    if seen.insert([i.device, i.inode]).inserted { folders.append((path, rules)) }
                case .success(let i) where i.kind == .other:
                    listing.problems.append((path, "not a regular file (a FIFO, socket or device): not read"))
                case .success:
                    // A folder's README describes the folder; it is not an article. (Named on
                    // the command line, it is indexed like any file.)
                    if (name as NSString).deletingPathExtension.uppercased() == "README" { continue }
                    if isSupported(name) {
                        listing.supported.append(path)
                        let settings = rules.settings(for: path)
                        if !settings.isEmpty { listing.settings[path] = settings }
                    } else {
                        listing.unsupported.append(path)
                    }
                }
            }
        }
        // Sorted by bytes, as the file system names them (the order of earlier releases for
        // UTF-8 names, which FileManager gave sorted by String).
        listing.supported.sort()
        listing.unsupported.sort()
        listing.problems.sort { $0.path < $1.path }
        return listing
    }
}

/// The sizes sosik reads at most, so that memory is bounded by these and not by the input.
/// Measured (Scripts/hostile): the peak is about 15× the size of one article's text, and
/// about 9× the size of a feed.
public enum Limits {
    /// One article: a page, a text file, a JSON Lines record, a CSV record, an element of a
    /// JSON array.
    public static let article = 16 << 20
    /// A feed, and a CSV file or JSON document that is not UTF-8 or not a plain list (read whole).
    public static let wholeCollection = 16 << 20

    public static func over(_ limit: Int, what: String) -> String {
        "more than \(limit >> 20) MB, the limit for \(what)"
    }
}
