/// What a scan saw: every source and every document is accounted for, as scanned,
/// skipped (with a reason) or errored.
public struct ScanSummary: Sendable {
    public var sources = 0
    public var sourceBytes = 0
    public var sourcesSkipped: [String: Int] = [:]
    public var documents = 0
    public var scanned = 0
    public var skipped: [String: Int] = [:]
    public var errored = 0
    /// Assessed records (documents, or conversations of messages) per band.
    public var bands: [Band: Int] = [:]
    /// Pattern failures (match limit...) per indicator: reported once per run, with a count.
    public var patternFailures: [String: Int] = [:]
    public var invalidBytes = 0
    /// SHA-256 of standard input when it was streamed (records could not carry it).
    public var standardInputSHA256: String?

    public init() {}

    public var skippedDocuments: Int { skipped.values.reduce(0, +) }

    /// True when every document found is scanned, skipped or errored.
    public var isBalanced: Bool { documents == scanned + skippedDocuments + errored }

    public var text: String {
        func reasons(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "" : " (" + counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
        }
        var lines = [
            "sources: \(sources) read, \(sourcesSkipped.values.reduce(0, +)) skipped\(reasons(sourcesSkipped)), \(sourceBytes) bytes",
            "documents: \(documents) found, \(scanned) scanned, \(skippedDocuments) skipped\(reasons(skipped)), \(errored) errors",
            "bands: " + Band.allCases.reversed().map { "\($0.rawValue) \(bands[$0, default: 0])" }.joined(separator: ", "),
        ]
        if invalidBytes > 0 { lines.append("invalid UTF-8 bytes repaired: \(invalidBytes)") }
        if let standardInputSHA256 { lines.append("standard input sha256: \(standardInputSHA256)") }
        for (indicator, count) in patternFailures.sorted(by: { $0.key < $1.key }) {
            lines.append("pattern failures: \(indicator) failed on \(count) document(s)")
        }
        return lines.joined(separator: "\n")
    }
}
