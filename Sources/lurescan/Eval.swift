import ArgumentParser
import LureScan

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the library on labeled corpora: ROC/PR AUC, precision@k, confusion at each band, per indicator and language.")

    enum Format: String, ExpressibleByArgument { case table, json }

    @Option(name: .customLong("labels"), help: "A labels CSV (path,label,language,obfuscated,split,notes); repeatable.")
    var labels: [String]

    @Argument(help: "Only labeled documents under these paths (default: every labeled document).")
    var paths: [String] = []

    @Option(help: "Which split to measure: dev, test or all.")
    var split: String = "all"

    @Option(help: "Output: table or json.")
    var format: Format = .table

    @Flag(name: .customLong("per-indicator"), help: "Add support, precision and recall of every indicator to the table.")
    var perIndicator = false

    @Flag(name: .customLong("suggest-thresholds"), help: "Propose band thresholds reaching --medium-precision and --high-precision.")
    var suggestThresholds = false

    @Option(name: .customLong("medium-precision")) var mediumPrecision = 0.8
    @Option(name: .customLong("high-precision")) var highPrecision = 0.95

    @OptionGroup var library: LibraryOptions

    func run() throws {
        var labeled: [LabeledDocument] = []
        for file in labels {
            do { labeled += try LabelsFile.load(file) } catch {
                Console.error("lurescan: \(error)")
                throw ExitCodes.fatal
            }
        }
        labeled = labeled.filter { split == "all" || $0.split == split }
        if !paths.isEmpty { labeled = labeled.filter { document in paths.contains { document.path.hasPrefix($0) } } }
        guard !labeled.isEmpty else {
            Console.error("lurescan: no labeled document selected")
            throw ExitCodes.fatal
        }
        let compiled = try library.load()
        let evaluator = Evaluator(labeled: labeled, assessor: DocumentAssessor(compiled: compiled))
        for missing in evaluator.unscanned { Console.error("lurescan: \(missing.document.path): \(missing.reason)") }
        let reports = evaluator.languageReports()
        let indicators = evaluator.indicatorReports(library: compiled.library)
        let thresholds = suggestThresholds ? evaluator.suggestedThresholds(mediumPrecision: mediumPrecision, highPrecision: highPrecision) : nil
        switch format {
        case .json:
            print(EvaluationText.json(reports, indicators: indicators, thresholds: thresholds), terminator: "")
        case .table:
            print("split: \(split), \(evaluator.scored.count) of \(labeled.count) labeled documents scanned")
            print(EvaluationText.table(reports, indicators: perIndicator ? indicators : nil), terminator: "")
            if let thresholds {
                for band in [Band.medium, .high] {
                    let target = band == .medium ? mediumPrecision : highPrecision
                    if let suggestion = thresholds[band] ?? nil {
                        print("suggested \(band.rawValue) threshold for precision >= \(target): \(String(format3: suggestion.threshold)) (recall \(suggestion.confusion.recall.map { String(format3: $0) } ?? "-"))")
                    } else {
                        print("no threshold reaches precision \(target) for \(band.rawValue)")
                    }
                }
            }
        }
        if !evaluator.unscanned.isEmpty { throw ExitCodes.failure }
    }
}
