/// Choices that shape how records become documents.
public struct ReaderOptions: Sendable {
    /// Fields (JSONL keys, CSV columns) whose text is assessed; nil: the usual text fields.
    public var textFields: [String]?
    /// The field holding a record's id; nil: `id` when present, else the record's line.
    public var idField: String?
    /// The date order of WhatsApp exports; nil: inferred from each file.
    public var dateOrder: WhatsAppDateOrder?
    /// A record (JSONL line) longer than this is a failure, never parsed (nil: no limit).
    public var maximumRecordBytes: Int?
    /// The source's mapped pages, when it is memory-mapped: a reader that scans the whole
    /// source before emitting releases what it has passed.
    var mappedPages: MappedPages?

    public init(textFields: [String]? = nil, idField: String? = nil, dateOrder: WhatsAppDateOrder? = nil) {
        self.textFields = textFields
        self.idField = idField
        self.dateOrder = dateOrder
    }

    /// Used when `textFields` is nil, in this order, when present.
    public static let usualTextFields = [
        "title", "subject", "text", "body", "description", "content", "message",
        "company_profile", "requirements", "benefits",
    ]
}

/// What a reader yields: a document, or a record it found but could not read.
public enum ReadResult: Sendable {
    case document(Document)
    case failure(ReadFailure)
}

/// One per input format: turns a source's bytes into documents with provenance. Knows
/// nothing of normalization or indicators.
public protocol DocumentReader: Sendable {
    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void)
}

public enum Readers {
    public static func reader(for format: InputFormat) -> any DocumentReader {
        switch format {
        case .text: PlainTextReader()
        case .html: HTMLReader()
        case .jsonl: JSONLReader()
        case .csv: CSVReader()
        case .whatsapp: WhatsAppReader()
        case .telegram: TelegramReader()
        case .sms: SMSBackupReader()
        case .facebook: FacebookReader()
        case .email: EmailReader()
        }
    }
}
