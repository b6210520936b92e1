import Foundation

/// The content of the HTML report: what the run was, what it found, and only what the page
/// shows (no document text beyond the hits' context). Statistics (histogram, categories,
/// indicators, sources) cover every assessment written; details are kept for the
/// `maximumDocuments` best. `render(summary:)` (HTMLReportRendering.swift) turns it into one
/// self-contained page.
public struct HTMLReport: Sendable {
    /// What identifies the run.
    public struct RunInfo: Sendable {
        public var date: Date
        public var version: String
        /// `IndicatorLibrary.ruleSetHash` of the library the scan used.
        public var ruleSetHash: String
        public var indicatorCount: Int
        public var compositeCount: Int
        /// The command line (arguments after the program name), for the record.
        public var arguments: [String]

        public init(date: Date = Date(), version: String, ruleSetHash: String, indicatorCount: Int = 0, compositeCount: Int = 0, arguments: [String] = []) {
            self.date = date
            self.version = version
            self.ruleSetHash = ruleSetHash
            self.indicatorCount = indicatorCount
            self.compositeCount = compositeCount
            self.arguments = arguments
        }

        public init(date: Date = Date(), version: String, library: IndicatorLibrary, arguments: [String] = []) {
            self.init(date: date, version: version, ruleSetHash: library.ruleSetHash, indicatorCount: library.indicators.count,
                      compositeCount: library.composites.count, arguments: arguments)
        }
    }

    /// EXTENSION POINT for linked networks (issue 6, "Selectors and links"): a cluster as
    /// the report shows it, documents bound by shared selectors or a shared template.
    /// `add(_ cluster: Cluster)` converts the links engine's clusters (`--links`, handed
    /// over by `AssessmentSink.write(_:)`); whatever else fills `clusters` renders in the
    /// "Clusters" section, escaped like everything else.
    public struct ClusterView: Sendable {
        public struct Member: Sendable {
            public var documentID: String
            public var sourcePath: String
            public var score: Double

            public init(documentID: String, sourcePath: String, score: Double) {
                self.documentID = documentID
                self.sourcePath = sourcePath
                self.score = score
            }
        }

        public var id: String
        public var members: [Member]
        /// The selectors (phones, e-mails, handles, wallets...) and templates binding them, as displayed.
        public var selectors: [String]
        public var templates: [String]

        public init(id: String, members: [Member], selectors: [String], templates: [String] = []) {
            self.id = id
            self.members = members
            self.selectors = selectors
            self.templates = templates
        }

        public var highestScore: Double { members.map(\.score).max() ?? 0 }
        public var meanScore: Double { members.isEmpty ? 0 : members.map(\.score).reduce(0, +) / Double(members.count) }
    }

    /// One ranked document (or conversation), as the report shows it.
    struct Entry: Sendable {
        var rank: Int?
        var sequence: Int
        var documentID: String
        var source: Source
        var kind: DocumentKind
        var line: Int
        var record: Int?
        var language: String
        var score: Double
        var band: Band
        var crime: Crime?
        var traffickingScore: Double
        var smugglingScore: Double
        var elements: ElementCoverage
        var contributions: [Contribution]
        /// The strongest hits (at most `maximumHitsShown`), in text order.
        var hits: [Hit]
        var hitCount: Int
        var categories: [Category]
        var errors: [String]
        var message: MessageInfo?
        var conversation: ConversationDetails?
        /// Selectors found in the document (`--links`), as `kind value`, deduplicated.
        var selectors: [String]
    }

    struct IndicatorStatistics: Sendable {
        var hits = 0
        var documents = 0
        var category: Category
        var crime: Crime
        var weight: Double
    }

    public var run: RunInfo
    /// Documents kept in detail; the statistics count every one.
    public let maximumDocuments: Int
    static let maximumHitsShown = 25
    static let maximumSkipRecords = 2000

    var entries: [Entry] = []
    var assessed = 0
    /// Ten bins of 0.1 (a score of 1 falls in the last).
    var histogram = [Int](repeating: 0, count: 10)
    var bands: [Band: Int] = [:]
    var categoryDocuments: [Category: Int] = [:]
    var categoryHits: [Category: Int] = [:]
    var crimes: [String: Int] = [:]
    var languages: [String: Int] = [:]
    var indicators: [String: IndicatorStatistics] = [:]
    /// Sources of the assessments written, by path.
    var sources: [String: (source: Source, documents: Int)] = [:]
    var skipRecords: [SkipRecord] = []
    var skipRecordsDropped = 0
    /// Clusters of linked documents: see `ClusterView`.
    public var clusters: [ClusterView] = []

    public init(run: RunInfo, maximumDocuments: Int = 1000) {
        self.run = run
        self.maximumDocuments = max(1, maximumDocuments)
    }

    public mutating func add(_ assessment: Assessment, rank: Int?) {
        assessed += 1
        histogram[min(9, max(0, Int((assessment.score * 10).rounded(.down))))] += 1
        bands[assessment.band, default: 0] += 1
        crimes[assessment.crime?.rawValue ?? "none", default: 0] += 1
        languages[assessment.language, default: 0] += 1
        var hitsPerIndicator: [String: Int] = [:]
        var categories = Set<Category>()
        for hit in assessment.hits {
            hitsPerIndicator[hit.indicatorID, default: 0] += 1
            categories.insert(hit.category)
            categoryHits[hit.category, default: 0] += 1
            if indicators[hit.indicatorID] == nil {
                indicators[hit.indicatorID] = IndicatorStatistics(category: hit.category, crime: hit.crime, weight: hit.weight)
            }
        }
        for (indicator, count) in hitsPerIndicator {
            indicators[indicator]!.hits += count
            indicators[indicator]!.documents += 1
        }
        for category in categories { categoryDocuments[category, default: 0] += 1 }
        let path = assessment.source.path
        sources[path, default: (assessment.source, 0)].documents += 1

        let shown = assessment.hits.enumerated()
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .prefix(Self.maximumHitsShown)
            .sorted { $0.offset < $1.offset }
            .map(\.element)
        entries.append(Entry(
            rank: rank, sequence: assessment.sequence, documentID: assessment.documentID, source: assessment.source,
            kind: assessment.kind, line: assessment.location.line, record: assessment.location.record,
            language: assessment.language, score: assessment.score, band: assessment.band, crime: assessment.crime,
            traffickingScore: assessment.traffickingScore, smugglingScore: assessment.smugglingScore,
            elements: assessment.elements, contributions: assessment.contributions,
            hits: assessment.conversation == nil ? shown : [], hitCount: assessment.hits.count,
            categories: Category.allCases.filter(categories.contains), errors: assessment.errors,
            message: assessment.message, conversation: assessment.conversation,
            selectors: Array(Set(assessment.selectors.map { SelectorKey(kind: $0.kind, value: $0.value) })).sorted().map { "\($0.kind.rawValue) \($0.value)" }))
        if entries.count >= 2 * maximumDocuments { trim() }
    }

    /// A cluster from the links engine (`--links`).
    public mutating func add(_ cluster: Cluster) {
        clusters.append(ClusterView(
            id: cluster.id,
            members: cluster.documents.map { ClusterView.Member(documentID: $0.documentID, sourcePath: $0.sourcePath, score: $0.score) },
            selectors: cluster.selectors.map { "\($0.key.kind.rawValue) \($0.key.value) (\($0.documents) documents)" },
            templates: cluster.templates.map { "\($0.first) ≈ \($0.second) (similarity \(HTMLReport.fixed($0.similarity)))" }))
    }

    public mutating func add(_ record: SkipRecord) {
        guard skipRecords.count < Self.maximumSkipRecords else {
            skipRecordsDropped += 1
            return
        }
        skipRecords.append(record)
    }

    /// Ranked entries first in rank order; unranked (streamed) ones by score, then input order.
    static func ordered(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.rank, b.rank) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a.score != b.score ? a.score > b.score : a.sequence < b.sequence
        }
    }

    mutating func trim() {
        entries.sort(by: Self.ordered)
        entries.removeLast(max(0, entries.count - maximumDocuments))
    }
}
