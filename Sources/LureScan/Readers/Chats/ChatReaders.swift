/// How a chat or mail export is recognised (each format's reader decides for itself).
enum ChatReaders {
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
