import Foundation
import LureScan

extension Scan {
    /// Runs the pipeline into `sink` and, with `--report FILE`, into an HTML report as well
    /// (a `TeeSink`: the normal output still goes to stdout, the report to FILE).
    func runPipeline<Sink: AssessmentSink>(_ pipeline: Pipeline, library: IndicatorLibrary, into sink: inout Sink) throws -> ScanSummary {
        if db != nil { return try runPipelineWithCaseFile(pipeline, library: library, into: &sink) }
        guard let report else { return pipeline.run(paths: paths, sink: &sink) }
        let run = HTMLReport.RunInfo(version: LureScanCommand.configuration.version, library: library,
                                     arguments: Array(CommandLine.arguments.dropFirst()))
        var tee = TeeSink(sink, HTMLReportSink(path: report, run: run))
        let summary = pipeline.run(paths: paths, sink: &tee)
        sink = tee.first
        if let error = tee.second.error {
            Console.error("lurescan: cannot write the report: \(error)")
            throw ExitCodes.fatal
        }
        return summary
    }
}
