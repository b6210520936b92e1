/// One JSON object per line (schema `lurescan.scan/1`, documented in the README):
/// `record: document` for each assessed document in rank order, then `record: skipped` /
/// `record: error` for what could not be assessed.
public struct JSONLSink: AssessmentSink {
    public static let schema = "lurescan.scan/1"
    let output: OutputStream

    public init(output: OutputStream) {
        self.output = output
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        output.write(Self.record(assessment, rank: rank) + "\n")
    }

    public mutating func write(_ record: SkipRecord) {
        output.write(JSONText.object([
            ("schema", JSONText.string(Self.schema)),
            ("record", JSONText.string(record.kind.rawValue)),
            ("source", JSONText.object([("path", JSONText.string(record.path)), ("sha256", JSONText.optional(record.sha256))])),
            ("location", record.location.map(Self.location) ?? "null"),
            ("field", JSONText.optional(record.field)),
            ("reason", JSONText.string(record.reason)),
        ]) + "\n")
    }

    public mutating func flush() {
        output.flush()
    }

    public mutating func finish(_ summary: ScanSummary) {
        output.flush()
    }

    static func location(_ location: Location) -> String {
        JSONText.object([
            ("line", String(location.line)),
            ("record", location.record.map(String.init) ?? "null"),
            ("start", String(location.byteRange.lowerBound)),
            ("end", String(location.byteRange.upperBound)),
        ])
    }

    /// `quoted`, `described`: indexes of the hits a warning quotes or describes
    /// (`Assessment.quotedHits`, `describedHits`).
    static func hits(_ hits: [Hit], quoted: Set<Int>, described: Set<Int>) -> String {
        JSONText.array(hits.enumerated().map { index, hit in
            JSONText.object([
                ("indicator", JSONText.string(hit.indicatorID)),
                ("category", JSONText.string(hit.category.rawValue)),
                ("element", JSONText.string(hit.element.rawValue)),
                ("crime", JSONText.string(hit.crime.rawValue)),
                ("weight", JSONText.number(hit.weight)),
                ("start", String(hit.sourceRange.lowerBound)),
                ("end", String(hit.sourceRange.upperBound)),
                ("text", JSONText.string(hit.text)),
                ("context", JSONText.string(hit.context)),
                ("quoted", String(quoted.contains(index))),
                ("described", String(described.contains(index))),
            ])
        })
    }

    /// `conversation`, `sender`, `timestamp`, `index` of a message record.
    static func messageFields(_ message: MessageInfo) -> [(String, String)] {
        [("conversation", JSONText.string(message.conversation)), ("sender", JSONText.optional(message.sender)),
         ("timestamp", JSONText.optional(message.timestamp)), ("index", String(message.index))]
    }

    /// `messages[]`, `participants[]`, `escalation` of a conversation record.
    static func conversationFields(_ details: ConversationDetails) -> [(String, String)] {
        [
            ("message_count", String(details.messageCount)),
            ("messages", JSONText.array(details.messages.map { message in
                JSONText.object([("index", String(message.index)), ("sender", JSONText.optional(message.sender)),
                                 ("timestamp", JSONText.optional(message.timestamp)), ("id", JSONText.string(message.documentID)),
                                 ("line", String(message.location.line)), ("hits", hits(message.hits, quoted: message.quotedHits, described: message.describedHits))])
            })),
            ("participants", JSONText.array(details.participants.map { participant in
                JSONText.object([
                    ("sender", JSONText.string(participant.sender)), ("messages", String(participant.messages)),
                    ("role", JSONText.optional(participant.role?.rawValue)),
                    ("categories", JSONText.object(participant.categories.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, String($0.value)) })),
                    ("evidence", JSONText.array(participant.evidence.map(JSONText.string))),
                ])
            })),
            ("escalation", JSONText.array(details.escalation.map { JSONText.string($0.rawValue) })),
        ]
    }

    static func record(_ assessment: Assessment, rank: Int?) -> String {
        let elements = assessment.elements
        var extra: [(String, String)] = []
        if let message = assessment.message { extra += messageFields(message) }
        if let details = assessment.conversation { extra += conversationFields(details) }
        return JSONText.object([
            ("schema", JSONText.string(schema)),
            ("record", JSONText.string("document")),
            ("rank", rank.map(String.init) ?? "null"),
            ("id", JSONText.string(assessment.documentID)),
            ("source", JSONText.object([
                ("path", JSONText.string(assessment.source.path)),
                ("sha256", JSONText.string(assessment.source.sha256)),
                ("size", String(assessment.source.size)),
                ("format", JSONText.string(assessment.source.format.rawValue)),
            ])),
            ("kind", JSONText.string(assessment.kind.rawValue)),
            ("location", location(assessment.location)),
            ("language", JSONText.string(assessment.language)),
            ("score", JSONText.number(assessment.score)),
            ("band", JSONText.string(assessment.band.rawValue)),
            ("crime", JSONText.optional(assessment.crime?.rawValue)),
            ("scores", JSONText.object([
                ("trafficking", JSONText.number(assessment.traffickingScore)),
                ("smuggling", JSONText.number(assessment.smugglingScore)),
            ])),
            ("elements", JSONText.object([
                ("act", String(elements.act)), ("means", String(elements.means)), ("purpose", String(elements.purpose)),
                ("minor", String(elements.minor)), ("complete", String(elements.isComplete)),
            ])),
            ("contributions", JSONText.array(assessment.contributions.map { contribution in
                JSONText.object([
                    ("kind", JSONText.string(contribution.kind.rawValue)),
                    ("id", JSONText.string(contribution.id)),
                    ("crime", JSONText.string(contribution.crime.rawValue)),
                    ("weight", JSONText.number(contribution.weight)),
                    ("effective_weight", JSONText.number(contribution.effectiveWeight)),
                    ("hits", String(contribution.hits)),
                    ("quoted", String(contribution.quoted)),
                    ("described", String(contribution.described)),
                ] + (contribution.kind == .vocabulary ? [("terms", JSONText.array(contribution.terms.map(JSONText.string)))] : []))
            })),
            ("hits", hits(assessment.hits, quoted: assessment.quotedHits, described: assessment.describedHits)),
            ("selectors", selectors(assessment.selectors)),
            ("errors", JSONText.array(assessment.errors.map(JSONText.string))),
            ("charset", JSONText.string(assessment.charset)),
            ("invalid_bytes", String(assessment.invalidBytes)),
        ] + extra)
    }
}
