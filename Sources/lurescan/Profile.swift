import ArgumentParser
import Foundation
import LureScan

struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan files and report the patterns that cost the most matching time.")

    @Argument(help: "Files or directories to scan.")
    var paths: [String]

    @OptionGroup var library: LibraryOptions

    @OptionGroup var input: InputOptions

    @Option(help: "How many patterns to list.")
    var top = 20

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        var options = ScanOptions()
        options.profilePatterns = true
        // Only the timings are wanted: no document is kept for ranking.
        options.top = 1
        options.minimumScore = .infinity
        input.apply(to: &options)
        let pipeline = Pipeline(assessor: DocumentAssessor(compiled: try library.load()), options: options)
        var sink = CollectingSink()
        let summary = pipeline.run(paths: paths, sink: &sink)
        guard let profile = pipeline.patternProfile else { return }
        print(PatternProfileText.table(profile, patterns: pipeline.assessor.matcher.patterns, top: top), terminator: "")
        Console.error(summary.text)
    }
}
