/// How a source's bytes are laid out, and so which reader turns them into documents.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    case text, html, jsonl, csv
    /// Chat and mail exports (each message a document).
    case whatsapp, telegram, sms, facebook, email
}

/// One input file (or stdin), as read: where it came from, its size and SHA-256, and the
/// format it was read as. Inputs are never modified.
public struct Source: Sendable, Hashable, Codable {
    public var path: String
    public var size: Int
    public var sha256: String
    public var format: InputFormat

    public init(path: String, size: Int, sha256: String, format: InputFormat) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.format = format
    }
}
