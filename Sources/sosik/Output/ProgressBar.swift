import Foundation

/// The progress of `sosik index` on stderr: a bar with percent, articles/s, MB/s and time
/// left when the input's size is known (files), a spinner with counts when it is not (stdin).
/// Drawn at most ten times a second, from the reading thread (bytes) and the writing thread
/// (articles committed); one line, rewritten in place.
final class ProgressBar: @unchecked Sendable {
    private let total: Int?
    private let lock = NSLock()
    private var bytes = 0
    private var articles = 0
    private var lastDraw = 0.0
    private var frame = 0
    private var drawn = false
    private let started = Date()

    init(totalBytes: Int?) {
        self.total = totalBytes.flatMap { $0 > 0 ? $0 : nil }
    }

    func add(bytes n: Int) {
        lock.withLock { bytes += n }
        draw()
    }

    func set(articles n: Int) {
        lock.withLock { articles = n }
        draw()
    }

    /// Removes the line (before a warning or the summary is printed).
    func clear() {
        lock.withLock {
            guard drawn else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            drawn = false
        }
    }

    private func draw() {
        lock.withLock {
            let now = Date().timeIntervalSince(started)
            guard now - lastDraw >= 0.1 else { return }
            lastDraw = now
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line(elapsed: now)).utf8))
            drawn = true
        }
    }

    private func line(elapsed: Double) -> String {
        let rate = Double(articles) / max(elapsed, 0.001)
        let mbps = Double(bytes) / 1e6 / max(elapsed, 0.001)
        let counts = "\(Self.grouped(articles)) articles  \(Self.grouped(Int(rate)))/s  \(String(format: "%.1f", mbps)) MB/s"
        guard let total else {
            let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
            frame += 1
            return "\(spinner[frame % spinner.count]) \(counts)  \(Self.clock(elapsed))"
        }
        let fraction = min(1, Double(bytes) / Double(total))
        let left = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : nil
        let tail = " \(String(format: "%3.0f", fraction * 100))%  \(counts)  \(left.map { Self.clock($0) + " left" } ?? "…")"
        let width = max(10, min(30, Terminal.stderrColumns - Terminal.width(tail) - 3))
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]" + tail
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
