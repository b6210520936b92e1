import Foundation

/// Collects what the report shows and, when the scan finishes, writes one self-contained
/// HTML file (see `HTMLReport`). The file is written atomically; a failure is kept in
/// `error` for the caller (a sink cannot throw).
public struct HTMLReportSink: AssessmentSink {
    public let path: String
    public var report: HTMLReport
    public private(set) var error: String?
    public private(set) var written = false

    public init(path: String, run: HTMLReport.RunInfo, maximumDocuments: Int = 1000) {
        self.path = path
        self.report = HTMLReport(run: run, maximumDocuments: maximumDocuments)
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        report.add(assessment, rank: rank)
    }

    public mutating func write(_ cluster: Cluster) {
        report.add(cluster)
    }

    public mutating func write(_ record: SkipRecord) {
        report.add(record)
    }

    public mutating func finish(_ summary: ScanSummary) {
        do {
            try Data(report.render(summary: summary).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            written = true
        } catch {
            self.error = "\(path): \(error.localizedDescription)"
        }
    }
}
