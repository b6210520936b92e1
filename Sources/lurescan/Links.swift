import ArgumentParser
import Foundation
import LureScan

/// `lurescan links PATH...`: scans, then ranks the clusters of linked documents (shared
/// phones, e-mails, handles, invite links, wallets, URLs, or a shared ad template).
struct Links: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank clusters of documents linked by shared selectors or a shared ad template.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, jsonl
    }

    @Argument(help: "Files, directories (recursive) or - for standard input.")
    var paths: [String] = ["-"]

    @OptionGroup var library: LibraryOptions

    @Option(help: "Output format: table or jsonl.")
    var format: Format = .table

    @Option(help: "Keep only the N highest-ranked clusters (default: 20 for the table, all otherwise).")
    var top: Int?

    @Option(help: "Country for phone numbers written without a country code (ISO code, e.g. ES).")
    var region: PhoneRegion?

    @OptionGroup var input: InputOptions

    @Flag(name: .customLong("per-message"), help: "Link chat messages one by one instead of as conversations.")
    var perMessage = false

    @Flag(name: .shortAndLong, help: "No summary on stderr.")
    var quiet = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    /// Keeps the clusters only: documents are not written.
    struct ClusterSink: AssessmentSink {
        var clusters: [Cluster] = []
        mutating func write(_ assessment: Assessment, rank: Int?) {}
        mutating func write(_ record: SkipRecord) {}
        mutating func finish(_ summary: ScanSummary) {}
        mutating func write(_ cluster: Cluster) { clusters.append(cluster) }
    }

    func run() throws {
        let compiled = try library.load()
        var options = ScanOptions()
        options.links = true
        options.perMessage = perMessage
        input.apply(to: &options)
        // No document is kept for ranking: only what clustering needs.
        options.top = 1
        options.minimumScore = .infinity
        var assessor = DocumentAssessor(compiled: compiled)
        assessor.links = LinkExtraction(region: region)
        let pipeline = Pipeline(assessor: assessor, options: options)
        var sink = ClusterSink()
        let summary = pipeline.run(paths: paths, sink: &sink)
        let limit = top ?? (format == .table ? 20 : Int.max)
        let output = OutputStream()
        switch format {
        case .table:
            output.write(ClusterText.header)
            for cluster in sink.clusters.prefix(limit) { output.write(ClusterText.lines(cluster)) }
            if sink.clusters.isEmpty { output.write("(no linked documents)\n") }
        case .jsonl:
            for cluster in sink.clusters.prefix(limit) { output.write(JSONLSink.clusterRecord(cluster) + "\n") }
        }
        output.flush()
        if !quiet { Console.error(summary.text + "\n\(sink.clusters.count) clusters") }
        if summary.sources == 0 && summary.documents == 0 && !summary.sourcesSkipped.isEmpty { throw ExitCodes.fatal }
        throw sink.clusters.isEmpty ? ExitCodes.nothingFound : ExitCodes.found
    }
}
