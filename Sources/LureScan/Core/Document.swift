/// What a document is: an ad or classified, a chat message, an e-mail, or plain text.
public enum DocumentKind: String, Sendable, Codable {
    case ad, message, email, text
    /// The messages of one chat or mail thread, assessed together.
    case conversation
}

/// Where a document sits in its source: its first line, its record (row, JSONL line or
/// message, 1-based), its byte range, and for structured exports its path inside them
/// (`messages[12]`, `smses/sms[3]`).
public struct Location: Sendable, Hashable, Codable {
    public var line: Int
    public var record: Int?
    public var byteRange: Range<Int>
    public var path: String?

    public init(line: Int, record: Int? = nil, byteRange: Range<Int>, path: String? = nil) {
        self.line = line
        self.record = record
        self.byteRange = byteRange
        self.path = path
    }
}

/// What places a message in its conversation: the conversation's id, who sent it, when
/// (ISO 8601, with the offset when known), and its 0-based position.
public struct MessageInfo: Sendable, Hashable, Codable {
    public var conversation: String
    public var sender: String?
    public var timestamp: String?
    public var index: Int

    public init(conversation: String, sender: String?, timestamp: String?, index: Int) {
        self.conversation = conversation
        self.sender = sender
        self.timestamp = timestamp
        self.index = index
    }
}

/// One unit of text to assess, with its provenance. `text` is the document's text as
/// extracted by its reader (not yet normalized, possibly invalid UTF-8); `origin` maps
/// every byte of it to the bytes of the source, so hits quote the original evidence.
public struct Document: Sendable {
    public var id: String
    public var source: Source
    public var kind: DocumentKind
    public var text: [UInt8]
    public var origin: OffsetMap
    public var location: Location
    /// Set for chat messages and e-mails: the conversation they belong to.
    public var message: MessageInfo?
    /// The charset a reader decoded the text from, when not UTF-8 (a MIME part in KOI8-R):
    /// reported with the assessment, as the text reaches the normalizer already converted.
    public var charset: String?

    public init(id: String, source: Source, kind: DocumentKind, text: [UInt8], origin: OffsetMap, location: Location,
                message: MessageInfo? = nil, charset: String? = nil) {
        self.id = id
        self.source = source
        self.kind = kind
        self.text = text
        self.origin = origin
        self.location = location
        self.message = message
        self.charset = charset
    }
}

/// A document that a reader found but could not turn into text, with the reason.
public struct ReadFailure: Sendable, Error, CustomStringConvertible {
    public var source: Source
    public var location: Location?
    public var field: String?
    public var reason: String

    public init(source: Source, location: Location?, field: String? = nil, reason: String) {
        self.source = source
        self.location = location
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var place = source.path
        if let line = location?.line { place += ":\(line)" }
        if let field { place += " (\(field))" }
        return "\(place): \(reason)"
    }
}
