import Foundation
import Testing
@testable import SosikIngest

/// Reads fixtures the tests write themselves, through the same entry points `sosik index` uses.
enum Read {
    /// The events of one file's bytes read as `format` (by default the format of `name`).
    static func events(_ name: String, _ bytes: [UInt8], format: CorpusReader.Format? = nil,
                       options: CorpusReader.Options = .init()) throws -> [CorpusReader.Event] {
        let chosen = try #require(format ?? CorpusReader.Format.of(path: name)?.format, "no format for \(name)")
        var events: [CorpusReader.Event] = []
        try CorpusReader(options: options).read(InputFile(path: name, bytes: bytes), format: chosen) { events.append($0) }
        return events
    }

    static func events(_ name: String, _ text: String, format: CorpusReader.Format? = nil,
                       options: CorpusReader.Options = .init()) throws -> [CorpusReader.Event] {
        try events(name, Array(text.utf8), format: format, options: options)
    }

    /// The articles of one file, and the file's only article when exactly one is expected.
    static func articles(_ name: String, _ text: String, options: CorpusReader.Options = .init()) throws -> [Article] {
        try events(name, text, options: options).compactMap(\.article)
    }

    static func article(_ name: String, _ text: String) throws -> Article {
        let all = try events(name, text)
        let articles = all.compactMap(\.article)
        try #require(articles.count == 1, "expected one article from \(name), got \(all)")
        return articles[0]
    }

    static func article(_ name: String, _ bytes: [UInt8]) throws -> Article {
        let all = try events(name, bytes)
        let articles = all.compactMap(\.article)
        try #require(articles.count == 1, "expected one article from \(name), got \(all)")
        return articles[0]
    }

    /// Everything under `paths`, as `sosik index` walks it.
    static func paths(_ paths: [String], options: CorpusReader.Options = .init()) throws -> [CorpusReader.Event] {
        var events: [CorpusReader.Event] = []
        try CorpusReader(options: options).read(paths: paths) { events.append($0) }
        return events
    }
}

extension CorpusReader.Event {
    var article: Article? {
        if case .article(let a) = self { return a }
        return nil
    }

    var skipped: (path: String, line: Int?, reason: String)? {
        if case .skipped(let path, let line, let reason) = self { return (path, line, reason) }
        return nil
    }

    var warning: (path: String, line: Int?, message: String)? {
        if case .warning(let path, let line, let message) = self { return (path, line, message) }
        return nil
    }

    var unsupported: String? {
        if case .unsupported(let path) = self { return path }
        return nil
    }
}

extension Article {
    /// The body's paragraphs (readers join them with a blank line).
    var paragraphs: [String] { body.components(separatedBy: "\n\n") }
    var captions: [String] { asides.filter { $0.kind == .caption }.map(\.text) }
}

/// A temporary folder, removed when the value goes away.
final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sosik-ingest-\(UUID().uuidString)")
    var path: String { url.path }

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// `name` compressed with the system's gzip into `name.gz` (the plain file is not kept).
    @discardableResult
    func gzip(_ name: String, _ text: String) throws -> String {
        let target = url.appendingPathComponent(name + ".gz")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target.path, contents: nil)
        let output = try FileHandle(forWritingTo: target)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", "-n"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip failed")
        return target.path
    }
}
