import Foundation

/// One CSV table (columns documented in the README): a row per assessed document, in rank
/// order; with `--links`, a row per document of each cluster (`ClusterOutput`); then the
/// skipped and failed records, with `band` empty and the reason in `top_indicators`. The
/// `record` column tells them apart, as in the JSONL.
public struct CSVSink: AssessmentSink {
    public static let header = [
        "rank", "score", "band", "crime", "id", "source_path", "source_sha256", "line", "language",
        "act", "means", "purpose", "minor", "top_indicators", "hits", "evidence_start", "evidence_end", "evidence",
        "record", "cluster",
    ]
    let output: OutputStream

    public init(output: OutputStream) {
        self.output = output
        output.write(Self.header.joined(separator: ",") + "\n")
    }

    static func field(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    func row(_ values: [String]) {
        output.write(values.map(Self.field).joined(separator: ",") + "\n")
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        let top = assessment.hits.max { $0.weight < $1.weight }
        let indicators = assessment.contributions.filter { $0.kind == .indicator }.prefix(5).map(\.id).joined(separator: " ")
        let elements = assessment.elements
        row([
            rank.map(String.init) ?? "", JSONText.number(assessment.score), assessment.band.rawValue, assessment.crime?.rawValue ?? "",
            assessment.documentID, assessment.source.path, assessment.source.sha256, String(assessment.location.line), assessment.language,
            String(elements.act), String(elements.means), String(elements.purpose), String(elements.minor), indicators,
            String(assessment.hits.count), top.map { String($0.sourceRange.lowerBound) } ?? "", top.map { String($0.sourceRange.upperBound) } ?? "",
            top?.text ?? "", "document", "",
        ])
    }

    public mutating func write(_ record: SkipRecord) {
        row(["", "", "", "", "", record.path, record.sha256 ?? "", record.location.map { String($0.line) } ?? "", "",
             "", "", "", "", "\(record.kind.rawValue): \(record.reason)", "", "", "", "", record.kind.rawValue, ""])
    }

    public mutating func flush() {
        output.flush()
    }

    public mutating func finish(_ summary: ScanSummary) {
        output.flush()
    }
}
