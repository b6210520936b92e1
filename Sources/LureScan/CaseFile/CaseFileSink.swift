/// Writes a scan into a case file as it goes (`observe`, whatever the output order: ranked
/// output only comes at the end): assessments, skipped/error records and each source's
/// completion, in one transaction per `batchSize` items (and on `flush`); then the ranks,
/// the clusters and the run's end in a last transaction. A sink cannot throw: the first
/// failure stops the writes and is kept in `error` for the caller.
public struct CaseFileSink: AssessmentSink {
    public let run: CaseFileRun
    public let batchSize: Int
    /// The pipeline ranks (not `--stream`): remember each assessment's row to rank it at the end.
    public let ranked: Bool
    public private(set) var error: String?
    public private(set) var finished = false
    private var pending: [CaseFileRun.Item] = []
    private var clusters: [Cluster] = []
    /// Assessment rows by sequence, and the ranks the output gave, by sequence.
    private var rows: [Int: Int64] = [:]
    private var ranks: [(sequence: Int, rank: Int)] = []

    public init(run: CaseFileRun, batchSize: Int = 256, ranked: Bool = true) {
        self.run = run
        self.batchSize = max(1, batchSize)
        self.ranked = ranked
    }

    public mutating func observe(_ event: ScanEvent) {
        switch event {
        case .assessed(let assessment):
            add(.assessment(assessment))
        case .recorded(let record):
            // A source left out because the case file already holds it: its rows stay as they are.
            guard record.reason != CaseFile.unchangedReason else { return }
            add(.record(record))
        case .completed(let source):
            // Never a batch of its own: the completion commits with the source's last rows.
            pending.append(.completed(source))
        }
    }

    /// The output's writes: the rows came with `observe`; only the rank is new.
    public mutating func write(_ assessment: Assessment, rank: Int?) {
        guard ranked, let rank else { return }
        ranks.append((assessment.sequence, rank))
    }

    public mutating func write(_ record: SkipRecord) {}

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
            let ranks = ranks.compactMap { ranked in rows[ranked.sequence].map { (row: $0, rank: ranked.rank) } }
            try run.finish(ranks: ranks, clusters: clusters, summary: summary)
            finished = true
        } catch {
            self.error = "\(run.caseFile.path): \(error)"
        }
    }

    private mutating func add(_ item: CaseFileRun.Item) {
        if pending.count >= batchSize { commit() }
        pending.append(item)
    }

    private mutating func commit() {
        let items = pending
        pending.removeAll(keepingCapacity: true)
        guard error == nil, !items.isEmpty else { return }
        do {
            let written = try run.write(items)
            if ranked { for (sequence, row) in written { rows[sequence] = row } }
        } catch {
            self.error = "\(run.caseFile.path): \(error)"
        }
    }
}
