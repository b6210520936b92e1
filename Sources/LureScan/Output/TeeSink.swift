/// Writes everything to two sinks, in order: the first, then the second (e.g. the table on
/// standard output and an HTML report in a file). Each sink gets every call once.
public struct TeeSink<First: AssessmentSink, Second: AssessmentSink>: AssessmentSink {
    public var first: First
    public var second: Second

    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        first.write(assessment, rank: rank)
        second.write(assessment, rank: rank)
    }

    public mutating func write(_ record: SkipRecord) {
        first.write(record)
        second.write(record)
    }

    public mutating func write(_ cluster: Cluster) {
        first.write(cluster)
        second.write(cluster)
    }

    public mutating func finish(_ summary: ScanSummary) {
        first.finish(summary)
        second.finish(summary)
    }

    public mutating func flush() {
        first.flush()
        second.flush()
    }

    public mutating func observe(_ event: ScanEvent) {
        first.observe(event)
        second.observe(event)
    }
}
