import Foundation

/// Progress of a long scan on standard error — sources, documents, MB/s and ETA — redrawn
/// at most twice a second on one line. The CLI turns it on only when stderr is a terminal.
final class Progress {
    private let totalBytes: Int
    private let totalSources: Int
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(totalBytes: Int, totalSources: Int) {
        self.totalBytes = totalBytes
        self.totalSources = totalSources
    }

    /// The line for the given counts, or nil when it is too soon to redraw.
    func line(sources: Int, documents: Int, bytes: Int, now: Date = Date()) -> String? {
        guard now.timeIntervalSince(lastDraw) >= 0.5 else { return nil }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / elapsed
        var text = "lurescan: \(sources)/\(totalSources) sources, \(documents) documents, " + String(format: "%.1f MB/s", rate / 1_000_000)
        if rate > 0, totalBytes > bytes {
            let remaining = Int(Double(totalBytes - bytes) / rate)
            text += String(format: ", ETA %d:%02d", remaining / 60, remaining % 60)
        }
        return text
    }

    func draw(sources: Int, documents: Int, bytes: Int) {
        guard let line = line(sources: sources, documents: documents, bytes: bytes) else { return }
        drawn = true
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Clears the progress line so the summary starts on a clean line.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
