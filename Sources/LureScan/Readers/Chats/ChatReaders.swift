/// The readers of chat and mail exports, one per format, and how each is recognised.
enum ChatReaders {
    static func reader(for format: InputFormat) -> any DocumentReader {
        switch format {
        case .telegram: TelegramReader()
        case .sms: SMSBackupReader()
        case .facebook: FacebookReader()
        case .email: EmailReader()
        case .whatsapp: WhatsAppReader()
        default: UnsupportedChatReader(format: format)
        }
    }

    /// The chat or mail format of a source, from its path and first bytes; nil when none.
    static func detect(path: String, head: UnsafeBufferPointer<UInt8>) -> InputFormat? {
        if FacebookReader.detect(path: path, head: head) { return .facebook }
        if TelegramReader.detect(path: path, head: head) { return .telegram }
        if SMSBackupReader.detect(path: path, head: head) { return .sms }
        if EmailReader.detect(path: path, head: head) { return .email }
        if let format = WhatsAppReader.detect(path: path, head: head) { return format }
        return nil
    }
}

/// Reports every source of a format whose reader is not written yet as one failure.
struct UnsupportedChatReader: DocumentReader {
    let format: InputFormat

    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        emit(.failure(ReadFailure(source: source, location: nil, reason: "no reader for \(format.rawValue) exports yet")))
    }
}
