/// Turns hits into an `Assessment` (DESIGN.md, Scoring):
/// - each indicator counts once per document; repeats add a little, capped;
/// - weights combine by noisy-OR, `1 - prod(1 - w)`, per crime (trafficking, smuggling);
/// - composites that fire add their own weight;
/// - complete element coverage (act + means + purpose, or act + purpose for a minor), from
///   hits of at least `coverageMinimumWeight`, adds `coverageWeight` to trafficking;
/// - the document's score is the higher of the two crimes, which it names.
public struct Scorer: Sendable {
    /// Each repeat of an indicator adds this share of the remaining distance to 1.
    public static let repeatBonus = 0.05
    public static let maximumRepeats = 3
    public static let coverageWeight = 0.25
    /// Weak context (weight below this) does not count toward element coverage: three weak
    /// hits in an honest ad must not read as a complete act + means + purpose.
    public static let coverageMinimumWeight = 0.2

    public let library: IndicatorLibrary
    private let compositeEvaluator: CompositeEvaluator

    public init(library: IndicatorLibrary) {
        self.library = library
        self.compositeEvaluator = CompositeEvaluator(library: library)
    }

    static func effectiveWeight(_ weight: Double, hits: Int) -> Double {
        weight + (1 - weight) * repeatBonus * Double(min(max(hits - 1, 0), maximumRepeats))
    }

    /// `messageIndexes` (one per hit) places the hits of a conversation in their messages,
    /// for composites with a message window; nil for a single document.
    public func contributions(for hits: [Hit], messageIndexes: [Int]? = nil) -> (contributions: [Contribution], elements: ElementCoverage) {
        var order: [String] = []
        var grouped: [String: [Hit]] = [:]
        for hit in hits {
            if grouped[hit.indicatorID] == nil { order.append(hit.indicatorID) }
            grouped[hit.indicatorID, default: []].append(hit)
        }
        var contributions = order.map { id -> Contribution in
            let first = grouped[id]![0]
            let count = grouped[id]!.count
            return Contribution(kind: .indicator, id: id, crime: first.crime, weight: first.weight,
                                effectiveWeight: Self.effectiveWeight(first.weight, hits: count), hits: count)
        }
        for composite in compositeEvaluator.fired(by: hits, messageIndexes: messageIndexes) {
            contributions.append(Contribution(kind: .composite, id: composite.id, crime: composite.crime, weight: composite.weight,
                                              effectiveWeight: composite.weight, hits: 1))
        }
        var elements = ElementCoverage()
        for hit in hits where hit.crime.counts(toward: .trafficking) && hit.weight >= Self.coverageMinimumWeight {
            switch hit.element {
            case .act: elements.act = true
            case .means: elements.means = true
            case .purpose: elements.purpose = true
            case .none: break
            }
            if hit.category == .minor { elements.minor = true }
        }
        if elements.isComplete {
            contributions.append(Contribution(kind: .coverage, id: "element-coverage", crime: .trafficking,
                                              weight: Self.coverageWeight, effectiveWeight: Self.coverageWeight, hits: 0))
        }
        return (contributions, elements)
    }

    static func noisyOr(_ contributions: [Contribution], crime: Crime) -> Double {
        1 - contributions.filter { $0.crime.counts(toward: crime) }.reduce(1.0) { $0 * (1 - $1.effectiveWeight) }
    }

    public func assess(document: Document, normalized: NormalizedText, hits: [Hit], failures: [PatternFailure], language: String, sequence: Int) -> Assessment {
        let (contributions, elements) = contributions(for: hits)
        let trafficking = Self.noisyOr(contributions, crime: .trafficking)
        let smuggling = Self.noisyOr(contributions, crime: .smuggling)
        let score = max(trafficking, smuggling)
        let crime: Crime? = score == 0 ? nil : (trafficking >= smuggling ? .trafficking : .smuggling)
        let ranked = contributions.sorted { $0.effectiveWeight > $1.effectiveWeight }
        return Assessment(
            documentID: document.id, source: document.source, kind: document.kind, location: document.location,
            language: language, score: score, band: Band(score: score), crime: crime,
            traffickingScore: trafficking, smugglingScore: smuggling, elements: elements, contributions: ranked,
            hits: hits, patternFailures: failures,
            invalidBytes: normalized.invalidBytes, charset: document.charset ?? normalized.charset, sequence: sequence, message: document.message)
    }
}
