import Foundation

/// How much a text's words resemble the lures and smuggling offers of a language's labeled
/// dev corpus rather than its honest texts (a naive Bayes reading, learned by
/// `VocabularyTrainer`). Patterns say what a text offers; the vocabulary only orders what
/// the patterns leave: it adds at most `weight`, below the medium band, so it never raises
/// a band on its own, and it adds nothing to a text whose words lean honest.
public struct Vocabulary: Sendable {
    public struct Term: Sendable, Equatable {
        public var text: String
        /// Log-likelihood ratio, lures and smuggling against benign: above 0 leans lure.
        public var weight: Double
    }

    public var language: String
    /// The most the vocabulary adds to a score.
    public var weight: Double
    /// How sharply the summed term weights turn into a share of `weight`.
    public var slope: Double
    /// Where the terms were learned (documents, split), for the record.
    public var trainedOn: String
    public var terms: [Term]
    /// Where it was defined; nil for one built in code (a freshly trained one).
    public var position: DefinitionPosition?
    private var byHash: [UInt64: Int] = [:]

    public init(language: String, weight: Double, slope: Double, trainedOn: String, terms: [Term], position: DefinitionPosition? = nil) {
        self.language = language
        self.weight = weight
        self.slope = slope
        self.trainedOn = trainedOn
        self.terms = terms
        self.position = position
        for (index, term) in terms.enumerated() { byHash[VocabularyTerms.hash(term.text.utf8)] = index }
    }

    /// What the vocabulary says of one normalized text.
    public struct Reading: Sendable, Equatable {
        /// The summed weights of the text's distinct known terms.
        public var sum: Double
        /// What it adds to the score: `weight * tanh(slope * sum / 2)` when the sum leans lure, else 0.
        public var contribution: Double
        /// Known terms found, and the lure-leaning ones that weigh most, strongest first.
        public var known: Int
        public var strongest: [String]
    }

    public static let strongestShown = 5

    public func read(_ text: [UInt8]) -> Reading {
        // In the file's order, not the set's (seeded per process): the same sum on every run.
        let found = VocabularyTerms.hashes(in: text).compactMap { byHash[$0] }.sorted()
        let sum = found.reduce(0.0) { $0 + terms[$1].weight }
        let strongest = found.filter { terms[$0].weight > 0 }
            .sorted { (-terms[$0].weight, terms[$0].text) < (-terms[$1].weight, terms[$1].text) }
            .prefix(Self.strongestShown).map { terms[$0].text }
        let contribution = sum > 0 ? weight * tanh(slope * sum / 2) : 0
        return Reading(sum: sum, contribution: contribution, known: found.count, strongest: Array(strongest))
    }
}
