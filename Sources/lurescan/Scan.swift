import ArgumentParser
import Foundation
import LureScan

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan files, directories or stdin (-) and rank documents by lure and smuggling signals.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, jsonl, csv
    }

    @Argument(help: "Files, directories (recursive) or - for standard input.")
    var paths: [String] = ["-"]

    @OptionGroup var library: LibraryOptions

    @Option(help: "Output format: table, jsonl or csv.")
    var format: Format = .table

    @Option(help: "Keep only the N highest-ranked documents (default: 20 for the table, all otherwise).")
    var top: Int?

    @Option(name: .customLong("min-score"), help: "Leave out documents scoring below X (0-1).")
    var minScore: Double = 0

    @OptionGroup var input: InputOptions

    @Flag(help: "Write each assessment as soon as it is made, in input order, unranked.")
    var stream = false

    @Flag(name: .customLong("per-message"), help: "Rank chat messages one by one instead of as conversations.")
    var perMessage = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report to FILE (the normal output still goes to stdout).", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("Also write everything to the SQLite case file FILE; sources it already holds, unchanged and with the same rules, are skipped.", valueName: "FILE"))
    var db: String?

    @Flag(name: .shortAndLong, help: "No summary on stderr.")
    var quiet = false

    @Flag(help: "Cluster documents that share a selector or an ad template, after the documents.")
    var links = false

    @Option(help: "Country for phone numbers written without a country code (ISO code, e.g. ES).")
    var region: PhoneRegion?

    @Option(name: .customLong("max-doc-bytes"), help: ArgumentHelp("Skip documents larger than N bytes (64 MiB; at most 512 MiB).", valueName: "N"))
    var maxDocBytes: Int = 64 << 20

    @Option(name: .customLong("max-archive-bytes"), help: ArgumentHelp("Most bytes one zip may expand to, all members together (1 GiB).", valueName: "N"))
    var maxArchiveBytes: Int = 1 << 30

    @Option(name: .customLong("max-archive-ratio"), help: ArgumentHelp("Most a zip member may expand, decompressed:compressed, past its first MiB.", valueName: "N"))
    var maxArchiveRatio: Int = 100

    @Option(name: .customLong("doc-time-budget"), help: ArgumentHelp("Matching time per document; a document over it is an error (0: none).", valueName: "MS"))
    var docTimeBudget: Int = 10_000

    func validate() throws {
        guard (0...1).contains(minScore) else { throw ValidationError("--min-score must be between 0 and 1") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        guard maxDocBytes >= 1, maxArchiveBytes >= 1, maxArchiveRatio >= 1 else {
            throw ValidationError("--max-doc-bytes, --max-archive-bytes and --max-archive-ratio must be at least 1")
        }
        guard docTimeBudget >= 0 else { throw ValidationError("--doc-time-budget must be 0 (none) or more") }
        // The charset converter counts in 32 bits, three output bytes per input byte at worst.
        guard maxDocBytes <= 512 << 20 else { throw ValidationError("--max-doc-bytes can be at most 536870912 (512 MiB)") }
    }

    func run() throws {
        let compiled = try library.load()
        var options = ScanOptions()
        options.top = top ?? (format == .table && !stream ? 20 : nil)
        options.minimumScore = format == .table && minScore == 0 ? 0.0001 : minScore
        options.stream = stream
        options.progress = !quiet && isatty(2) != 0
        options.perMessage = perMessage
        input.apply(to: &options)
        options.links = links
        options.maximumDocumentBytes = maxDocBytes
        options.archiveLimits = ArchiveLimits(maximumMemberBytes: min(ArchiveLimits().maximumMemberBytes, maxArchiveBytes),
                                              maximumTotalBytes: maxArchiveBytes, maximumRatio: maxArchiveRatio)
        options.documentTimeBudget = docTimeBudget == 0 ? nil : .milliseconds(docTimeBudget)
        var assessor = DocumentAssessor(compiled: compiled)
        assessor.links = LinkExtraction(selectors: links || report != nil || db != nil, region: region)
        let pipeline = Pipeline(assessor: assessor, options: options)
        let output = OutputStream()
        let summary: ScanSummary
        switch format {
        case .table:
            var sink = TableSink(output: output, color: Console.colorOutput)
            summary = try runPipeline(pipeline, library: compiled.library, into: &sink)
        case .jsonl:
            var sink = JSONLSink(output: output)
            summary = try runPipeline(pipeline, library: compiled.library, into: &sink)
        case .csv:
            var sink = CSVSink(output: output)
            summary = try runPipeline(pipeline, library: compiled.library, into: &sink)
        }
        if !quiet { Console.error(summary.text) }
        if summary.sources == 0 && summary.documents == 0 && summary.sourcesSkipped.keys.contains(where: { $0 != CaseFile.unchangedReason }) { throw ExitCodes.fatal }
        let found = summary.bands[.medium, default: 0] + summary.bands[.high, default: 0] > 0
        throw found ? ExitCodes.found : ExitCodes.nothingFound
    }
}

extension InputFormat: ExpressibleByArgument {}
extension PhoneRegion: ExpressibleByArgument {
    public init?(argument: String) {
        guard let region = PhoneRegion.named(argument) else { return nil }
        self = region
    }
}
extension WhatsAppDateOrder: ExpressibleByArgument {}
