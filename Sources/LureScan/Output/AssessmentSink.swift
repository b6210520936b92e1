#if canImport(Glibc)
import Glibc
#endif

/// A record that is not an assessment: a source or document skipped, or one that failed.
public struct SkipRecord: Sendable {
    public enum Kind: String, Sendable { case skipped, error }

    public var kind: Kind
    public var path: String
    public var sha256: String?
    public var location: Location?
    public var field: String?
    public var reason: String
}

/// What a scan has made so far, told as it goes, in input order and before any ranking
/// (ranked output waits for the end of the run): for a sink that keeps a durable record as
/// the scan goes (the case file), whatever order the output takes.
public enum ScanEvent: Sendable {
    /// An assessment: a document, or a conversation once its last message is in.
    case assessed(Assessment)
    /// A source or document skipped, or one that failed.
    case recorded(SkipRecord)
    /// Every document of this source was told (`assessed` or `recorded`): nothing more comes from it.
    case completed(Source)
}

/// Where results go. The pipeline hands over assessments in rank order (or as they are
/// made, when streaming), then the skipped and failed records, then the summary; alongside,
/// `observe` follows the scan as it goes.
public protocol AssessmentSink {
    mutating func write(_ assessment: Assessment, rank: Int?)
    mutating func write(_ record: SkipRecord)
    mutating func finish(_ summary: ScanSummary)
    /// Pushes out what is buffered (streaming: records leave as they are made).
    mutating func flush()
    /// A cluster of linked documents (`--links`), after the documents.
    mutating func write(_ cluster: Cluster)
    /// The scan as it goes (see `ScanEvent`); the output sinks wait for the writes.
    mutating func observe(_ event: ScanEvent)
}

extension AssessmentSink {
    public mutating func flush() {}
    public mutating func write(_ cluster: Cluster) {}
    public mutating func observe(_ event: ScanEvent) {}
}

/// Buffered standard output (or any file descriptor).
public final class OutputStream {
    private var buffer: [UInt8] = []
    private let descriptor: Int32

    public init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress, raw.count)
            }
            if written <= 0 { break }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
