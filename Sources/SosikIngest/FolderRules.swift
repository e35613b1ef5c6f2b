import Foundation

/// What a corpus folder says about its own files (issue 24): which to leave out, and how to
/// read the others. Both are read while the folder is walked, in every folder, and apply to it
/// and the folders inside it.
///
/// - `.sosikignore`: gitignore syntax (as ripgrep's `.rgignore`). `*.pdf` leaves out every PDF
///   at any depth, `/drafts/` the folder `drafts` beside the file only, `!keep.pdf` takes one
///   back; a later line wins over an earlier one, a deeper file over a higher one, and
///   `sosik index --exclude GLOB` over both. A file left out is not read and not counted; what
///   an earlier run indexed from it goes, as for a file deleted.
/// - `.sosik.conf`: sections of settings by glob, as EditorConfig writes them:
///
///   ```
///   # how sosik reads the files of this folder
///   [exports/*.csv]
///   map = body=article_text,title=headline
///   date-order = dmy
///   ```
///
///   The settings are the options of `sosik index` without their dashes (`map`,
///   `date-order`); a later section wins over an earlier one, a deeper file over a higher one,
///   and an option on the command line over both.
public struct FolderRules: Sendable {
    public static let ignoreFile = ".sosikignore"
    public static let settingsFile = ".sosik.conf"

    /// One line of an ignore file, or one section's glob.
    struct Pattern: Sendable {
        var segments: [String]
        var negated = false
        var folderOnly = false

        /// gitignore's rules: a pattern with a slash before its end is relative to the file's
        /// folder; one without matches a name at any depth; a trailing slash matches folders.
        init?(_ line: String) {
            var text = Substring(line)
            while text.last == " " && !text.hasSuffix("\\ ") { text = text.dropLast() }
            if text.isEmpty || text.hasPrefix("#") { return nil }
            if text.hasPrefix("!") { negated = true; text = text.dropFirst() }
            else if text.hasPrefix("\\!") || text.hasPrefix("\\#") { text = text.dropFirst() }
            if text.hasSuffix("/") { folderOnly = true; text = text.dropLast() }
            let anchored = text.contains("/")
            if text.hasPrefix("/") { text = text.dropFirst() }
            if text.isEmpty { return nil }
            segments = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            if !anchored { segments.insert("**", at: 0) }
        }

        func matches(_ components: ArraySlice<String>, isFolder: Bool) -> Bool {
            if folderOnly && !isFolder { return false }
            return Self.match(segments[...], components)
        }

        static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
            guard let first = pattern.first else { return path.isEmpty }
            if first == "**" {
                // A trailing ** is everything inside, not the folder itself (`logs/**`).
                if pattern.count == 1 { return !path.isEmpty }
                var rest = path
                while true {
                    if match(pattern.dropFirst(), rest) { return true }
                    guard !rest.isEmpty else { return false }
                    rest = rest.dropFirst()
                }
            }
            guard let name = path.first, fnmatch(first, name, 0) == 0 else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    struct IgnoreSet: Sendable {
        var base: String
        var patterns: [Pattern]
    }

    struct Section: Sendable {
        var pattern: Pattern
        var settings: [(name: String, value: String)]
    }

    struct SettingsSet: Sendable {
        var base: String
        var sections: [Section]
    }

    var ignores: [IgnoreSet] = []
    var settings: [SettingsSet] = []
    /// `--exclude`: relative to the folder named on the command line, above every ignore file.
    var excludes: IgnoreSet?

    public init() {}

    /// `--exclude` globs, for the walk of a folder named on the command line (`InputFiles.list`
    /// sets the folder).
    public init(excludes: [String]) {
        let patterns = excludes.compactMap(Pattern.init)
        if !patterns.isEmpty { self.excludes = IgnoreSet(base: "", patterns: patterns) }
    }

    /// The rules for a walk of `root`: --exclude relative to it.
    func rooted(at root: String) -> FolderRules {
        var copy = self
        copy.excludes?.base = root
        return copy
    }

    /// Reads the ignore and settings files of `folder`, if it has them; returns the problems of
    /// the settings file (a line that is neither a section, a setting nor a comment), each with
    /// its line.
    mutating func enter(_ folder: String) -> [(path: String, reason: String)] {
        var problems: [(path: String, reason: String)] = []
        let ignorePath = folder + "/" + Self.ignoreFile
        if let text = Self.read(ignorePath) {
            let patterns = text.split(whereSeparator: \.isNewline).compactMap { Pattern(String($0)) }
            if !patterns.isEmpty { ignores.append(IgnoreSet(base: folder, patterns: patterns)) }
        }
        let settingsPath = folder + "/" + Self.settingsFile
        if let text = Self.read(settingsPath) {
            var sections: [Section] = []
            for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
                if line.hasPrefix("[") && line.hasSuffix("]") {
                    if let p = Pattern(String(line.dropFirst().dropLast())) { sections.append(Section(pattern: p, settings: [])) }
                    else { problems.append(("\(settingsPath):\(n + 1)", "an empty section [ ]")) }
                    continue
                }
                let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, CorpusReader.Options.settingNames.contains(parts[0].lowercased()) else {
                    problems.append(("\(settingsPath):\(n + 1)", "not a setting: \(quoted(line)) (settings: \(CorpusReader.Options.settingNames.joined(separator: ", ")), as NAME = VALUE under a [GLOB] section)"))
                    continue
                }
                guard !sections.isEmpty else {
                    problems.append(("\(settingsPath):\(n + 1)", "\(quoted(line)) comes before any [GLOB] section"))
                    continue
                }
                sections[sections.count - 1].settings.append((parts[0].lowercased(), parts[1]))
            }
            if !sections.isEmpty { settings.append(SettingsSet(base: folder, sections: sections)) }
        }
        return problems
    }

    /// Whether `path` (under a folder entered, or under the --exclude root) is left out.
    public func isIgnored(_ path: String, isFolder: Bool) -> Bool {
        var ignored = false
        for set in ignores + (excludes.map { [$0] } ?? []) {
            guard let rel = Self.components(path, under: set.base) else { continue }
            for p in set.patterns where p.matches(rel[...], isFolder: isFolder) { ignored = !p.negated }
        }
        return ignored
    }

    /// The settings `.sosik.conf` files give `path`: name → value (the deepest, latest wins).
    public func settings(for path: String) -> [String: String] {
        var out: [String: String] = [:]
        for set in settings {
            guard let rel = Self.components(path, under: set.base) else { continue }
            for section in set.sections where section.pattern.matches(rel[...], isFolder: false) {
                for s in section.settings { out[s.name] = s.value }
            }
        }
        return out
    }

    /// `path`'s components below `base` (empty for base itself), or nil when it is not under it.
    static func components(_ path: String, under base: String) -> [String]? {
        if path == base { return [] }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return path.dropFirst(prefix.count).split(separator: "/").map(String.init)
    }

    static func read(_ path: String) -> String? {
        guard case .success(let info) = InputFiles.info(path), info.kind == .file, info.size <= 1 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        // A byte-order mark (Windows editors) is no part of the first line.
        let text = String(decoding: data, as: UTF8.self)
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
