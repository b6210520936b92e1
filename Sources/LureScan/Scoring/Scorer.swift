/// Turns hits into an `Assessment` (DESIGN.md, Scoring):
/// - each indicator counts once per document; repeats add a little, capped;
/// - weights combine by noisy-OR, `1 - prod(1 - w)`, per crime (trafficking, smuggling);
/// - composites that fire add their own weight;
/// - complete element coverage (act + means + purpose, or act + purpose for a minor), from
///   hits of at least `coverageMinimumWeight`, adds `coverageWeight` to trafficking;
/// - awareness hits never score; in a warning (`WarningEvidence`) a quoted lure phrase keeps
///   `quotedFactor` of its weight, one in the author's own words `describedFactor`, and
///   neither builds composites or element coverage: the document talks about the offer, it
///   does not make it;
/// - the language's `Vocabulary`, when the library has one, adds what its words say (at most
///   its weight, below the medium band) to both crimes: it orders the texts patterns leave;
/// - the document's score is the higher of the two crimes, which it names (none when only the
///   vocabulary spoke).
public struct Scorer: Sendable {
    /// Each repeat of an indicator adds this share of the remaining distance to 1.
    public static let repeatBonus = 0.05
    public static let maximumRepeats = 3
    public static let coverageWeight = 0.25
    /// Weak context (weight below this) does not count toward element coverage: three weak
    /// hits in an honest ad must not read as a complete act + means + purpose.
    public static let coverageMinimumWeight = 0.2
    /// What is left of an indicator's weight when its every hit is quoted evidence: a warning
    /// still ranks above a text with no signal at all, and far below the lure it quotes.
    public static let quotedFactor = 0.1
    /// What is left of an indicator's weight when its every hit is a warning's own
    /// description of a lure (news, NGO post): half, not less, because a lure can put a
    /// "beware of fake agents" line in front of its offer, and must stay in view.
    public static let describedFactor = 0.5

    public let library: IndicatorLibrary
    private let compositeEvaluator: CompositeEvaluator
    private let vocabularies: [String: Vocabulary]

    public init(library: IndicatorLibrary) {
        self.library = library
        self.compositeEvaluator = CompositeEvaluator(library: library)
        self.vocabularies = Dictionary(library.vocabularies.map { ($0.language, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func effectiveWeight(_ weight: Double, hits: Int) -> Double {
        weight + (1 - weight) * repeatBonus * Double(min(max(hits - 1, 0), maximumRepeats))
    }

    /// Indexes into `hits` of the document's own evidence: not awareness, not a warning's
    /// quoted or described lure phrases. Only these build composites, coverage and escalation.
    static func ownEvidence(_ hits: [Hit], quoted: Set<Int>, described: Set<Int>) -> [Int] {
        hits.indices.filter { hits[$0].category.isEvidence && !quoted.contains($0) && !described.contains($0) }
    }

    /// `quoted`, `described`: indexes into `hits` of a warning's quoted and described
    /// evidence (`WarningEvidence`). `messageIndexes` (one per hit) places the hits of a
    /// conversation in their messages, for composites with a message window; nil for a
    /// single document.
    public func contributions(for hits: [Hit], quoted: Set<Int> = [], described: Set<Int> = [], messageIndexes: [Int]? = nil)
        -> (contributions: [Contribution], elements: ElementCoverage) {
        var order: [String] = []
        var grouped: [String: (first: Hit, hits: Int, quoted: Int, described: Int)] = [:]
        for (index, hit) in hits.enumerated() where hit.category.isEvidence {
            if grouped[hit.indicatorID] == nil { order.append(hit.indicatorID) }
            grouped[hit.indicatorID, default: (hit, 0, 0, 0)].hits += 1
            if quoted.contains(index) { grouped[hit.indicatorID]!.quoted += 1 }
            if described.contains(index) { grouped[hit.indicatorID]!.described += 1 }
        }
        var contributions = order.map { id -> Contribution in
            let (first, count, quotedCount, describedCount) = grouped[id]!
            // The document's own hits count as usual, then the described ones, then the quoted;
            // discounted repeats add nothing to a stronger kind.
            let ownCount = count - quotedCount - describedCount
            let effective = ownCount > 0 ? Self.effectiveWeight(first.weight, hits: ownCount)
                : describedCount > 0 ? Self.effectiveWeight(first.weight, hits: describedCount) * Self.describedFactor
                : Self.effectiveWeight(first.weight, hits: count) * Self.quotedFactor
            return Contribution(kind: .indicator, id: id, crime: first.crime, weight: first.weight,
                                effectiveWeight: effective, hits: count, quoted: quotedCount, described: describedCount)
        }
        // Composites and coverage read the document's own evidence only.
        let own = Self.ownEvidence(hits, quoted: quoted, described: described)
        let ownHits = own.map { hits[$0] }
        for composite in compositeEvaluator.fired(by: ownHits, messageIndexes: messageIndexes.map { indexes in own.map { indexes[$0] } }) {
            contributions.append(Contribution(kind: .composite, id: composite.id, crime: composite.crime, weight: composite.weight,
                                              effectiveWeight: composite.weight, hits: 1))
        }
        var elements = ElementCoverage()
        for hit in ownHits where hit.crime.counts(toward: .trafficking) && hit.weight >= Self.coverageMinimumWeight {
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
        let warning = WarningEvidence.classify(hits, in: normalized)
        var (contributions, elements) = contributions(for: hits, quoted: warning.quoted, described: warning.described)
        let spoke = contributions.contains { $0.effectiveWeight > 0 }
        if let vocabulary = vocabularies[language] {
            let reading = vocabulary.read(normalized.bytes)
            if reading.contribution > 0 {
                contributions.append(Contribution(kind: .vocabulary, id: language + ".vocabulary", crime: .both, weight: vocabulary.weight,
                                                  effectiveWeight: reading.contribution, hits: reading.known, terms: reading.strongest))
            }
        }
        let trafficking = Self.noisyOr(contributions, crime: .trafficking)
        let smuggling = Self.noisyOr(contributions, crime: .smuggling)
        let score = max(trafficking, smuggling)
        let crime: Crime? = spoke ? (trafficking >= smuggling ? .trafficking : .smuggling) : nil
        let ranked = contributions.sorted { $0.effectiveWeight > $1.effectiveWeight }
        return Assessment(
            documentID: document.id, source: document.source, kind: document.kind, location: document.location,
            language: language, score: score, band: Band(score: score), crime: crime,
            traffickingScore: trafficking, smugglingScore: smuggling, elements: elements, contributions: ranked,
            hits: hits, patternFailures: failures,
            invalidBytes: normalized.invalidBytes, charset: document.charset ?? normalized.charset, sequence: sequence, message: document.message,
            quotedHits: warning.quoted, describedHits: warning.described)
    }
}
