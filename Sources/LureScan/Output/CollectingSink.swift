/// Keeps everything the pipeline writes, in memory: for `eval`, `explain`-like tools and tests.
public struct CollectingSink: AssessmentSink {
    public var assessments: [(assessment: Assessment, rank: Int?)] = []
    public var records: [SkipRecord] = []
    public var summary: ScanSummary?
    public var clusters: [Cluster] = []

    public init() {}

    public mutating func write(_ assessment: Assessment, rank: Int?) { assessments.append((assessment, rank)) }
    public mutating func write(_ record: SkipRecord) { records.append(record) }
    public mutating func finish(_ summary: ScanSummary) { self.summary = summary }
    public mutating func write(_ cluster: Cluster) { clusters.append(cluster) }
}
