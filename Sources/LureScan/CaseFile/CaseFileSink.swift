/// Writes a scan into a case file: assessments and skipped/error records in one
/// transaction per `batchSize` items (and on `flush`), then the clusters and the run's end
/// in a last transaction. A sink cannot throw: the first failure stops the writes and is
/// kept in `error` for the caller.
public struct CaseFileSink: AssessmentSink {
    public let run: CaseFileRun
    public let batchSize: Int
    public private(set) var error: String?
    public private(set) var finished = false
    private var pending: [CaseFileRun.Item] = []
    private var clusters: [Cluster] = []

    public init(run: CaseFileRun, batchSize: Int = 256) {
        self.run = run
        self.batchSize = max(1, batchSize)
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        pending.append(.assessment(assessment, rank: rank))
        if pending.count >= batchSize { commit() }
    }

    public mutating func write(_ record: SkipRecord) {
        // A source left out because the case file already holds it: its rows stay as they are.
        guard record.reason != CaseFile.unchangedReason else { return }
        pending.append(.record(record))
        if pending.count >= batchSize { commit() }
    }

    public mutating func write(_ cluster: Cluster) {
        clusters.append(cluster)
    }

    public mutating func flush() {
        commit()
    }

    public mutating func finish(_ summary: ScanSummary) {
        commit()
        guard error == nil else { return }
        do {
            try run.finish(clusters: clusters, summary: summary)
            finished = true
        } catch {
            self.error = "\(run.caseFile.path): \(error)"
        }
    }

    private mutating func commit() {
        let items = pending
        pending.removeAll(keepingCapacity: true)
        guard error == nil else { return }
        do {
            try run.write(items)
        } catch {
            self.error = "\(run.caseFile.path): \(error)"
        }
    }
}
