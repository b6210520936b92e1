/// What clustering needs of one assessed document: its id and source, its score, the
/// selectors that link (not money amounts or bare domains) and its MinHash signature.
/// No text: a long scan keeps one of these per document.
public struct LinkRecord: Sendable {
    public var documentID: String
    public var sourcePath: String
    public var score: Double
    public var band: Band
    public var keys: [SelectorKey]
    public var signature: [UInt32]?

    public init(documentID: String, sourcePath: String, score: Double, band: Band, keys: [SelectorKey], signature: [UInt32]?) {
        self.documentID = documentID
        self.sourcePath = sourcePath
        self.score = score
        self.band = band
        self.keys = keys
        self.signature = signature
    }

    public init(_ assessment: Assessment) {
        self.init(documentID: assessment.documentID, sourcePath: assessment.source.path, score: assessment.score,
                  band: assessment.band, keys: Array(Set(assessment.selectors.filter(\.kind.links).map(\.key))).sorted(),
                  signature: assessment.signature)
    }
}

/// Documents linked by shared selectors or a shared ad template: a network to follow.
public struct Cluster: Sendable {
    public struct Member: Sendable, Equatable {
        public var documentID: String
        public var sourcePath: String
        public var score: Double
        public var band: Band
    }

    /// A selector that two or more of the cluster's documents share.
    public struct Binding: Sendable, Equatable {
        public var key: SelectorKey
        public var documents: Int
    }

    /// Two documents that read as the same template reworded.
    public struct TemplateLink: Sendable, Equatable {
        public var first: String
        public var second: String
        public var similarity: Double
    }

    /// 1-based, by highest score, then size.
    public var rank: Int
    /// Highest score first, ties in input order.
    public var documents: [Member]
    public var selectors: [Binding]
    public var templates: [TemplateLink]
    public var highestScore: Double
    public var meanScore: Double

    public var id: String { "cluster-\(rank)" }
}
