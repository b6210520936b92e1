/// Which elements of trafficking (act + means + purpose) the evidence covers.
public struct ElementCoverage: Sendable, Equatable, Codable {
    public var act = false
    public var means = false
    public var purpose = false
    /// Evidence that the person is a minor: then act + purpose suffice.
    public var minor = false

    public init() {}

    public var isComplete: Bool { act && purpose && (means || minor) }
}

/// How one indicator (or composite, or the element coverage) moved the score.
public struct Contribution: Sendable, Equatable {
    public enum Kind: String, Sendable { case indicator, composite, coverage, escalation, vocabulary }

    public var kind: Kind
    public var id: String
    public var crime: Crime
    public var weight: Double
    /// The weight after repeats (and a warning's discount): what entered the noisy-OR.
    public var effectiveWeight: Double
    public var hits: Int
    /// Of `hits`, those a warning quotes or describes (`WarningEvidence`), discounted.
    public var quoted = 0
    public var described = 0
    /// For a vocabulary contribution: the lure-leaning terms that weigh most (`Vocabulary.Reading`).
    public var terms: [String] = []
}

/// The verdict on one document: score, band, the crime it points to, element coverage,
/// and every contribution, so each score can be explained.
public struct Assessment: Sendable {
    public var documentID: String
    public var source: Source
    public var kind: DocumentKind
    public var location: Location
    public var language: String
    public var score: Double
    public var band: Band
    /// The crime with the higher score; nil when nothing hit.
    public var crime: Crime?
    public var traffickingScore: Double
    public var smugglingScore: Double
    public var elements: ElementCoverage
    public var contributions: [Contribution]
    public var hits: [Hit]
    /// Patterns that failed on this document (match limit...), per indicator.
    public var patternFailures: [PatternFailure]
    public var invalidBytes: Int
    public var charset: String
    /// Position in input order: ties in score keep it, so ranking is deterministic.
    public var sequence: Int
    /// For a chat message or e-mail: its place in its conversation.
    public var message: MessageInfo? = nil
    /// For a conversation: its messages with hits, its participants, its escalation.
    public var conversation: ConversationDetails? = nil
    /// Phones, e-mails, URLs, handles, wallets, money found in the original text (Links/).
    public var selectors: [Selector] = []
    /// MinHash signature of the normalized text, when links are being computed.
    public var signature: [UInt32]? = nil
    /// Indexes into `hits` of lure phrases a warning quotes, and of those it describes in its
    /// own words (`WarningEvidence`): kept as evidence, discounted in the score.
    public var quotedHits: Set<Int> = []
    public var describedHits: Set<Int> = []

    /// The failures as printed in every output: `indicator: message`.
    public var errors: [String] { patternFailures.map { "\($0.indicatorID): \($0.message)" } }
}
