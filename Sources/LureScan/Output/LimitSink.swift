/// Passes on only what a `--top` / `--min-score` scan would have written: for when the
/// pipeline runs unlimited because another sink (the case file) must get every assessment.
/// Ranked input arrives best first, so the first `top` ranks are the ones a limited run keeps.
public struct LimitSink<Base: AssessmentSink>: AssessmentSink {
    public var base: Base
    public let top: Int?
    public let minimumScore: Double
    /// Skipped records with these reasons are left out (the summary still counts them).
    public let hiddenReasons: Set<String>

    public init(_ base: Base, top: Int?, minimumScore: Double, hiddenReasons: Set<String> = []) {
        self.base = base
        self.top = top
        self.minimumScore = minimumScore
        self.hiddenReasons = hiddenReasons
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        guard assessment.score >= minimumScore else { return }
        if let top, let rank, rank > top { return }
        base.write(assessment, rank: rank)
    }

    public mutating func write(_ record: SkipRecord) {
        guard record.kind != .skipped || !hiddenReasons.contains(record.reason) else { return }
        base.write(record)
    }
    public mutating func write(_ cluster: Cluster) { base.write(cluster) }
    public mutating func finish(_ summary: ScanSummary) { base.finish(summary) }
    public mutating func flush() { base.flush() }
    /// Never limited: `observe` is for sinks that must see everything.
    public mutating func observe(_ event: ScanEvent) { base.observe(event) }
}
