/// `lurescan eval`: scans labeled documents and measures how well scores and indicators
/// separate lures and smuggling offers from benign text, per language.
public struct Evaluator {
    public struct Scored: Sendable {
        public var document: LabeledDocument
        public var assessment: Assessment
    }

    /// One language's figures (or all languages together, as `language: "all"`).
    public struct LanguageReport: Sendable {
        public var language: String
        public var counts: [LabeledDocument.Label: Int]
        /// ROC and PR AUC for trafficking vs benign, smuggling vs benign, both vs benign.
        public var rocAUC: [String: Double?]
        public var prAUC: [String: Double?]
        public var precisionAt: [Int: Double?]
        /// Lures and smuggling offers vs benign at the medium and high thresholds.
        public var confusion: [Band: Metrics.Confusion]
        /// Obfuscated lures and offers scored medium or above, out of all obfuscated ones.
        public var obfuscatedCaught: (caught: Int, total: Int)
    }

    public struct IndicatorReport: Sendable {
        public var id: String
        public var support: Int
        public var truePositives: Int
        public var positives: Int
        public var precision: Double? { support == 0 ? nil : Double(truePositives) / Double(support) }
        public var recall: Double? { positives == 0 ? nil : Double(truePositives) / Double(positives) }
    }

    public static let precisionRanks = [10, 20, 50]

    public let scored: [Scored]
    /// Labeled documents the scan could not assess (missing, unreadable), with the reason.
    public let unscanned: [(document: LabeledDocument, reason: String)]

    init(scored: [Scored], unscanned: [(document: LabeledDocument, reason: String)] = []) {
        self.scored = scored
        self.unscanned = unscanned
    }

    /// Scans the labeled documents through the ordinary pipeline and pairs each with its assessment.
    public init(labeled: [LabeledDocument], assessor: DocumentAssessor, options: ScanOptions = ScanOptions()) {
        var sink = CollectingSink()
        _ = Pipeline(assessor: assessor, options: options).run(paths: labeled.map(\.path), sink: &sink)
        let byPath = Dictionary(sink.assessments.map { ($0.assessment.source.path, $0.assessment) }, uniquingKeysWith: { first, _ in first })
        let reasons = Dictionary(sink.records.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        self.init(scored: labeled.compactMap { document in byPath[document.path].map { Scored(document: document, assessment: $0) } },
                  unscanned: labeled.filter { byPath[$0.path] == nil }.map { ($0, reasons[$0.path] ?? "not scanned") })
    }

    static func samples(_ scored: [Scored], positives: Set<LabeledDocument.Label>, score: (Assessment) -> Double) -> [(score: Double, positive: Bool)] {
        scored.filter { positives.contains($0.document.label) || $0.document.label == .benign }
            .map { (score($0.assessment), $0.document.label != .benign) }
    }

    public func languageReports() -> [LanguageReport] {
        let languages = Set(scored.map(\.document.language)).sorted()
        return languages.map { language in report(language: language, scored.filter { $0.document.language == language }) }
            + (languages.count > 1 ? [report(language: "all", scored)] : [])
    }

    private func report(language: String, _ scored: [Scored]) -> LanguageReport {
        let trafficking = Self.samples(scored, positives: [.lure], score: \.traffickingScore)
        let smuggling = Self.samples(scored, positives: [.smuggling], score: \.smugglingScore)
        let both = Self.samples(scored, positives: [.lure, .smuggling], score: \.score)
        let obfuscated = scored.filter { $0.document.obfuscated && $0.document.label != .benign }
        return LanguageReport(
            language: language,
            counts: Dictionary(grouping: scored, by: \.document.label).mapValues(\.count),
            rocAUC: ["trafficking": Metrics.rocAUC(trafficking), "smuggling": Metrics.rocAUC(smuggling), "both": Metrics.rocAUC(both)],
            prAUC: ["trafficking": Metrics.prAUC(trafficking), "smuggling": Metrics.prAUC(smuggling), "both": Metrics.prAUC(both)],
            precisionAt: Dictionary(uniqueKeysWithValues: Self.precisionRanks.map { ($0, Metrics.precision(at: $0, both)) }),
            confusion: [.medium: Metrics.confusion(threshold: Band.mediumThreshold, both),
                        .high: Metrics.confusion(threshold: Band.highThreshold, both)],
            obfuscatedCaught: (obfuscated.filter { $0.assessment.band >= .medium }.count, obfuscated.count))
    }

    /// Support, precision and recall of every indicator that hit or should have.
    public func indicatorReports(library: IndicatorLibrary) -> [IndicatorReport] {
        library.indicators.map { indicator in
            let positiveLabels: Set<LabeledDocument.Label> = switch indicator.crime {
            case .trafficking: [.lure]
            case .smuggling: [.smuggling]
            case .both: [.lure, .smuggling]
            }
            let inLanguage = scored.filter { $0.document.language == indicator.language }
            let hit = inLanguage.filter { $0.assessment.hits.contains { $0.indicatorID == indicator.id } }
            return IndicatorReport(id: indicator.id, support: hit.count,
                                   truePositives: hit.filter { positiveLabels.contains($0.document.label) }.count,
                                   positives: inLanguage.filter { positiveLabels.contains($0.document.label) }.count)
        }
    }

    /// Band thresholds reaching the target precisions (lures and offers vs benign).
    public func suggestedThresholds(mediumPrecision: Double, highPrecision: Double) -> [Band: (threshold: Double, confusion: Metrics.Confusion)?] {
        let both = Self.samples(scored, positives: [.lure, .smuggling], score: \.score)
        return [.medium: Metrics.threshold(forPrecision: mediumPrecision, both), .high: Metrics.threshold(forPrecision: highPrecision, both)]
    }
}
