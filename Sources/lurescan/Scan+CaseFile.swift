import Foundation
import LureScan

extension Scan {
    /// `--db FILE`: the case file gets every assessment as the scan goes (the pipeline runs
    /// without `--top` and `--min-score`, which a `LimitSink` applies to the normal output and
    /// the report, so every document gets its rank), and sources a run already completed,
    /// unchanged and with the same rule set, are skipped. `--links` clusters only what this
    /// run read: the skipped sources' documents stay in the case file with earlier runs' clusters.
    func runPipelineWithCaseFile<Sink: AssessmentSink>(_ pipeline: Pipeline, library: IndicatorLibrary, into sink: inout Sink) throws -> ScanSummary {
        guard let db else { return pipeline.run(paths: paths, sink: &sink) }
        let run: CaseFileRun
        do {
            run = try CaseFile(path: db).beginRun(version: LureScanCommand.configuration.version, ruleSetHash: library.ruleSetHash,
                                                  command: CommandLine.arguments.joined(separator: " "))
        } catch {
            Console.error("lurescan: cannot open the case file \(db): \(error)")
            throw ExitCodes.fatal
        }
        var options = pipeline.options
        let (top, minimumScore) = (options.top, options.minimumScore)
        options.top = nil
        options.minimumScore = 0
        options.skipSource = { run.shouldSkip($0) }
        options.skipSourceReason = CaseFile.unchangedReason
        let unlimited = Pipeline(assessor: pipeline.assessor, options: options)
        // The table leaves out the sources the case file already holds (the summary counts them).
        let hidden: Set<String> = format == .table ? [CaseFile.unchangedReason] : []
        let summary: ScanSummary
        var errors: [String] = []
        if let report {
            let info = HTMLReport.RunInfo(version: LureScanCommand.configuration.version, library: library,
                                          arguments: Array(CommandLine.arguments.dropFirst()))
            var tee = TeeSink(LimitSink(TeeSink(sink, HTMLReportSink(path: report, run: info)), top: top, minimumScore: minimumScore, hiddenReasons: hidden),
                              CaseFileSink(run: run, ranked: !stream))
            summary = unlimited.run(paths: paths, sink: &tee)
            sink = tee.first.base.first
            if let error = tee.first.base.second.error { errors.append("cannot write the report: \(error)") }
            if let error = tee.second.error { errors.append("cannot write the case file: \(error)") }
        } else {
            var tee = TeeSink(LimitSink(sink, top: top, minimumScore: minimumScore, hiddenReasons: hidden), CaseFileSink(run: run, ranked: !stream))
            summary = unlimited.run(paths: paths, sink: &tee)
            sink = tee.first.base
            if let error = tee.second.error { errors.append("cannot write the case file: \(error)") }
        }
        for error in errors { Console.error("lurescan: \(error)") }
        if !errors.isEmpty { throw ExitCodes.fatal }
        return summary
    }
}
