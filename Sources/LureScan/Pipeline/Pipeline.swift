import Dispatch
import Foundation
import Synchronization

/// How a scan runs.
public struct ScanOptions: Sendable {
    public var reader = ReaderOptions()
    /// Forces one reader for every source instead of detecting the format.
    public var inputFormat: InputFormat?
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var top: Int?
    public var minimumScore = 0.0
    /// Documents per batch handed to the workers: bounds memory between reading and scoring.
    public var batchSize = 512
    /// Larger documents are skipped with a reason (a larger JSONL line is an error, never parsed).
    public var maximumDocumentBytes = 64 << 20
    /// Matching time allowed per document, checked between patterns: a document that spends
    /// it is an error, and the scan goes on (nil: no budget).
    public var documentTimeBudget: Duration? = .seconds(10)
    /// Write each assessment as soon as it is made (input order, unranked).
    public var stream = false
    /// The descriptor `-` reads (tests hand in a pipe).
    public var standardInput: Int32 = 0
    /// Documents per batch when streaming from stdin: small, so records leave promptly.
    public var streamBatchSize = 64
    /// Rank chat messages one by one instead of as conversations.
    public var perMessage = false
    /// Bounds on what a zip may expand to (zip bombs).
    public var archiveLimits = ArchiveLimits()
    /// Show progress on stderr (the CLI sets it when stderr is a terminal).
    public var progress = false
    /// Cluster documents by shared selectors and near-duplicate text (README, `--links`).
    public var links = false
    /// Asked of each source right after it is hashed: true skips it, counted under
    /// `skipSourceReason` (the case file: unchanged since a run completed it).
    public var skipSource: (@Sendable (Source) -> Bool)?
    public var skipSourceReason = "unchanged since the case file's last run"
    /// Time every pattern run (`patternProfile` after the run; `lurescan profile`).
    public var profilePatterns = false

    public init() {}
}

/// Wires the stages: intake -> readers -> (normalize, match, score on `jobs` workers) ->
/// ranking -> sink. Owns no logic of its own beyond the plumbing (ripgrep's search loop is
/// the model): documents flow in bounded batches and come out in a deterministic order.
public final class Pipeline {
    public let assessor: DocumentAssessor
    public let options: ScanOptions
    /// `options.reader` with the document size limit, so readers refuse oversized records unparsed.
    private let readerOptions: ReaderOptions
    private var summary = ScanSummary()
    /// Skipped and error records found while reading, written after the documents.
    private var skipped: [SkipRecord] = []
    /// Error records found while assessing (time budget), written with the skipped ones.
    private var lateRecords: [SkipRecord] = []
    private var ranker: Ranker
    private var conversations: ConversationAssembler
    private var batch: [Document] = []
    private var inFlight: AssessmentBatch?
    private var progress: Progress?
    private var sourcesDone = 0
    private var sequence = 0
    /// Documents delivered so far (assessed or failed), in sequence order.
    private var delivered = 0
    /// Sources read whose last document is not delivered yet: `end` is the sequence after it.
    private var openSources: [(end: Int, source: Source)] = []
    private let scratches: [MatchScratch]
    /// What clustering needs of each delivered document (no text), with `links`.
    private var linkRecords: [LinkRecord] = []
    /// The clusters of the last run, with `links`.
    public private(set) var clusters: [Cluster] = []

    public init(assessor: DocumentAssessor, options: ScanOptions) {
        var assessor = assessor
        if options.links { assessor.links.signatures = true }
        assessor.timeBudget = options.documentTimeBudget
        self.assessor = assessor
        self.options = options
        var readerOptions = options.reader
        readerOptions.maximumRecordBytes = options.maximumDocumentBytes
        self.readerOptions = readerOptions
        self.ranker = Ranker(top: options.top, minimumScore: options.minimumScore)
        self.conversations = ConversationAssembler(scorer: ConversationScorer(scorer: assessor.scorer))
        self.scratches = (0..<max(1, options.jobs)).map { _ in
            let scratch = MatchScratch()
            if options.profilePatterns { scratch.profile = PatternProfile(patternCount: assessor.matcher.patternCount) }
            return scratch
        }
    }

    /// Time per pattern over everything run so far, with `profilePatterns`.
    public var patternProfile: PatternProfile? {
        guard options.profilePatterns else { return nil }
        var total = PatternProfile(patternCount: assessor.matcher.patternCount)
        for case let profile? in scratches.map(\.profile) { total.merge(profile) }
        return total
    }

    public func run<Sink: AssessmentSink>(paths: [String], sink: inout Sink) -> ScanSummary {
        let entries = SourceWalker().entries(for: paths)
        progress = options.progress ? Progress(totalBytes: entries.reduce(0) { total, entry in
            guard case .file(let path) = entry else { return total }
            return total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }, totalSources: entries.count) : nil
        defer { progress?.finish() }
        for (done, entry) in entries.enumerated() {
            sourcesDone = done
            progress?.draw(sources: done, documents: summary.documents, bytes: summary.sourceBytes)
            switch entry {
            case .file(let path):
                guard let data = Self.contents(of: path) else {
                    skipSource(path: path, reason: Self.unreadableReason(path), sink: &sink)
                    continue
                }
                read(data, path: path, sink: &sink)
            case .standardInput where options.stream && (options.inputFormat ?? .jsonl) == .jsonl:
                streamJSONL(from: options.standardInput, sink: &sink)
            case .standardInput:
                read(FileHandle(fileDescriptor: options.standardInput, closeOnDealloc: false).readDataToEndOfFile(), path: "-", sink: &sink)
            case .unreadable(let path, let reason):
                skipSource(path: path, reason: reason, sink: &sink)
            }
        }
        // Every source is complete now, its last conversation delivered (`completeSources`).
        flushBatch(sink: &sink)
        finishInFlight(sink: &sink)
        if !options.stream {
            for (index, assessment) in ranker.ranked().enumerated() { sink.write(assessment, rank: index + 1) }
        }
        if options.links {
            clusters = LinkClusterer().clusters(linkRecords)
            for cluster in clusters { sink.write(cluster) }
        }
        for record in skipped + lateRecords { sink.write(record) }
        sink.finish(summary)
        return summary
    }

    /// The mapper contract (README, Scaling out): JSONL documents read line by line from a
    /// file descriptor, never whole; one record per non-blank input line, in input order,
    /// flushed batch by batch; a bad line yields an error record in its place.
    private func streamJSONL<Sink: AssessmentSink>(from descriptor: Int32, sink: inout Sink) {
        var hasher = StreamingSHA256()
        var lines = LineReader(descriptor: descriptor)
        var lineNumber = 0
        var record = 0
        let source = Source(path: "-", size: 0, sha256: "", format: .jsonl)
        summary.sources += 1
        while let line = lines.next() {
            lineNumber += 1
            hasher.update(line.bytes)
            summary.sourceBytes += line.bytes.count
            var end = line.bytes.count
            while end > 0, [0x0A, 0x0D].contains(line.bytes[end - 1]) { end -= 1 }
            let content = line.bytes[..<end]
            guard content.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            record += 1
            summary.documents += 1
            let location = Location(line: lineNumber, record: record, byteRange: line.offset..<(line.offset + end))
            let result = content.withUnsafeBufferPointer { JSONLReader.document(line: $0, offset: line.offset, location: location, source: source, options: readerOptions) }
            switch result {
            case .document(let document):
                batch.append(document)
                // The previous batch goes out while this one is assessed.
                if batch.count >= options.streamBatchSize { flushBatch(sink: &sink); sink.flush() }
            case .failure(let failure):
                // Keep input order: everything before this line goes out first.
                flushBatch(sink: &sink)
                finishInFlight(sink: &sink)
                summary.errored += 1
                let error = SkipRecord(kind: .error, path: "-", sha256: nil, location: location, field: failure.field, reason: failure.reason)
                sink.observe(.recorded(error))
                sink.write(error)
                sink.flush()
            }
        }
        flushBatch(sink: &sink)
        finishInFlight(sink: &sink)
        endSource(source, sink: &sink)
        sink.flush()
        summary.standardInputSHA256 = hasher.finalize()
    }

    /// Files above this size are memory-mapped rather than read into memory.
    static let mappingThreshold = 64 << 20

    /// A file's bytes: read whole when small; memory-mapped when large, so a multi-gigabyte
    /// export does not have to fit in memory.
    static func contents(of path: String) -> Data? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return try? Data(contentsOf: URL(fileURLWithPath: path), options: size > mappingThreshold ? .alwaysMapped : [])
    }

    /// Why `contents(of:)` failed: the file vanished, or became a directory, since the walk.
    static func unreadableReason(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT ? "vanished before it could be read" : "unreadable" }
        return info.st_mode & S_IFMT == S_IFDIR ? "a directory, not a file" : "unreadable"
    }

    /// A source left unread, counted under `reason`.
    private func skipSource<Sink: AssessmentSink>(path: String, sha256: String? = nil, reason: String, sink: inout Sink) {
        summary.sourcesSkipped[reason, default: 0] += 1
        keep(SkipRecord(kind: .skipped, path: path, sha256: sha256, location: nil, field: nil, reason: reason), sink: &sink)
    }

    /// A skipped or error record: told to the sink now, written after the documents.
    private func keep<Sink: AssessmentSink>(_ record: SkipRecord, sink: inout Sink) {
        sink.observe(.recorded(record))
        skipped.append(record)
    }

    private func read<Sink: AssessmentSink>(_ data: Data, path: String, sink: inout Sink, inArchive: Bool = false) {
        if data.withUnsafeBytes(ArchiveExpander.isArchive) {
            guard !inArchive else {
                skipSource(path: path, reason: "archive inside an archive", sink: &sink)
                return
            }
            for member in ArchiveExpander.members(of: data, archivePath: path, limits: options.archiveLimits) {
                switch member.contents {
                case .success(let contents): read(contents, path: member.path, sink: &sink, inArchive: true)
                case .failure(let error): skipSource(path: member.path, reason: error.description, sink: &sink)
                }
            }
            return
        }
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let source: Source
            let pages = MappedPages(raw, mapped: data.count > Self.mappingThreshold)
            switch SourceOpener.open(raw, path: path, forcedFormat: options.inputFormat, hashed: { pages.release(upTo: $0) }) {
            case .binary(let sha256):
                skipSource(path: path, sha256: sha256, reason: "binary file", sink: &sink)
                return
            case .readable(let opened):
                source = opened
            }
            if let skip = options.skipSource, skip(source) {
                skipSource(path: path, sha256: source.sha256, reason: options.skipSourceReason, sink: &sink)
                return
            }
            let sha256 = source.sha256
            summary.sources += 1
            summary.sourceBytes += bytes.count
            var readerOptions = readerOptions
            readerOptions.mappedPages = pages
            Readers.reader(for: source.format).read(bytes, source: source, options: readerOptions) { result in
                summary.documents += 1
                switch result {
                case .document(let document):
                    pages.release(upTo: document.location.byteRange.lowerBound)
                    guard document.text.count <= options.maximumDocumentBytes else {
                        let reason = "document larger than \(options.maximumDocumentBytes) bytes"
                        summary.skipped[reason, default: 0] += 1
                        keep(SkipRecord(kind: .skipped, path: path, sha256: sha256, location: document.location, field: nil, reason: reason), sink: &sink)
                        return
                    }
                    batch.append(document)
                    if batch.count >= options.batchSize { flushBatch(sink: &sink) }
                case .failure(let failure):
                    summary.errored += 1
                    keep(SkipRecord(kind: .error, path: path, sha256: sha256, location: failure.location, field: failure.field, reason: failure.reason), sink: &sink)
                }
            }
            endSource(source, sink: &sink)
        }
    }

    /// Every document of `source` is read: the source completes once the last is delivered.
    private func endSource<Sink: AssessmentSink>(_ source: Source, sink: inout Sink) {
        openSources.append((end: sequence + batch.count, source: source))
        completeSources(sink: &sink)
    }

    /// Tells the sink of each source whose documents were all delivered. A conversation never
    /// spans two sources, so the one pending is complete too and goes first.
    private func completeSources<Sink: AssessmentSink>(sink: inout Sink) {
        while let open = openSources.first, open.end <= delivered {
            openSources.removeFirst()
            for conversation in conversations.flush() { deliver(conversation, sink: &sink) }
            sink.observe(.completed(open.source))
        }
    }

    /// Hands the pending batch to the workers and, while they run, delivers the previous
    /// batch's results: reading the next batch overlaps with assessing this one.
    private func flushBatch<Sink: AssessmentSink>(sink: inout Sink) {
        let documents = batch
        batch.removeAll(keepingCapacity: true)
        finishInFlight(sink: &sink)
        guard !documents.isEmpty else { return }
        inFlight = AssessmentBatch(documents: documents, firstSequence: sequence, assessor: assessor, scratches: scratches)
        sequence += documents.count
    }

    /// Waits for the batch in flight and delivers its results in input order.
    private func finishInFlight<Sink: AssessmentSink>(sink: inout Sink) {
        guard let running = inFlight else { return }
        inFlight = nil
        progress?.draw(sources: sourcesDone, documents: summary.documents, bytes: summary.sourceBytes)
        for (document, result) in running.results() {
            if let assessment = result { assessed(assessment, sink: &sink) } else { timedOut(document, sink: &sink) }
            delivered += 1
            completeSources(sink: &sink)
        }
    }

    /// A document that spent its time budget: an error record, in place when streaming.
    private func timedOut<Sink: AssessmentSink>(_ document: Document, sink: inout Sink) {
        summary.errored += 1
        let budget = Int((options.documentTimeBudget ?? .zero) / .milliseconds(1))
        let record = SkipRecord(kind: .error, path: document.source.path, sha256: document.source.sha256, location: document.location,
                                field: nil, reason: "time budget of \(budget) ms exceeded while matching")
        sink.observe(.recorded(record))
        if options.stream { sink.write(record) } else { lateRecords.append(record) }
    }

    /// Counts an assessment and delivers it, or adds it to its conversation.
    private func assessed<Sink: AssessmentSink>(_ assessment: Assessment, sink: inout Sink) {
        summary.scanned += 1
        summary.invalidBytes += assessment.invalidBytes
        for failure in Set(assessment.patternFailures.map(\.indicatorID)) {
            summary.patternFailures[failure, default: 0] += 1
        }
        if options.perMessage || assessment.message == nil {
            deliver(assessment, sink: &sink)
        } else {
            for done in conversations.add(assessment) { deliver(done, sink: &sink) }
        }
    }

    /// Ranks an assessment, or writes it at once when streaming.
    private func deliver<Sink: AssessmentSink>(_ assessment: Assessment, sink: inout Sink) {
        summary.bands[assessment.band, default: 0] += 1
        sink.observe(.assessed(assessment))
        if options.links { linkRecords.append(LinkRecord(assessment)) }
        if options.stream {
            if assessment.score >= options.minimumScore { sink.write(assessment, rank: nil) }
        } else {
            ranker.add(assessment)
        }
    }
}

/// One batch of documents being assessed on the workers, in the background. Each worker
/// takes the next document by an atomic counter and uses its own match scratch.
private final class AssessmentBatch: @unchecked Sendable {
    private let group = DispatchGroup()
    private let output: UnsafeMutableBufferPointer<Assessment?>
    private let documents: [Document]

    init(documents: [Document], firstSequence: Int, assessor: DocumentAssessor, scratches: [MatchScratch]) {
        self.documents = documents
        let output = UnsafeMutableBufferPointer<Assessment?>.allocate(capacity: documents.count)
        output.initialize(repeating: nil)
        self.output = output
        let workers = min(scratches.count, documents.count)
        nonisolated(unsafe) let scratches = scratches
        nonisolated(unsafe) let results = output
        DispatchQueue.global().async(group: group) {
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < documents.count else { break }
                    results[index] = assessor.assessWithinBudget(documents[index], sequence: firstSequence + index, scratch: scratches[worker])
                }
            }
        }
    }

    /// Waits for every worker, then returns the documents and their assessments in input
    /// order (nil: the document spent its time budget).
    func results() -> [(document: Document, assessment: Assessment?)] {
        group.wait()
        return Array(zip(documents, output))
    }

    deinit {
        group.wait()
        output.deinitialize()
        output.deallocate()
    }
}
