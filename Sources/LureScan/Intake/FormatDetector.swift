/// Decides how to read a source: by its extension first, then by its first bytes.
/// Binary files (NUL bytes without a UTF-16 byte-order mark) are recognised so they can be
/// skipped with a reason.
public enum FormatDetector {
    public enum Verdict: Equatable, Sendable {
        case format(InputFormat)
        case binary
    }

    static let sniffLength = 8192

    public static func detect(path: String, bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        let head = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, sniffLength)])
        let hasUTF16Mark = head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
        if !hasUTF16Mark && head.contains(0) && !looksLikeUTF16(head) { return .binary }

        if let chat = ChatReaders.detect(path: path, head: head) { return .format(chat) }
        let lowered = path.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") || lowered.hasSuffix(".xhtml") { return .format(.html) }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") { return .format(.jsonl) }
        if lowered.hasSuffix(".csv") { return .format(.csv) }
        if lowered.hasSuffix(".txt") || lowered.hasSuffix(".text") || lowered.hasSuffix(".md") { return .format(.text) }

        let start = String(decoding: head.prefix(512), as: UTF8.self)
            .drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return .format(.html) }
        if start.hasPrefix("{") && (lowered.hasSuffix(".json") || firstLineLooksLikeJSONObject(head)) { return .format(.jsonl) }
        return .format(.text)
    }

    /// Every other byte zero in the first bytes: UTF-16 text without a byte-order mark.
    private static func looksLikeUTF16(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        let sample = head.prefix(256)
        guard sample.count >= 4 else { return false }
        let evens = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let odds = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let half = sample.count / 2
        let zeros = sample.filter { $0 == 0 }.count
        return zeros < sample.count && (evens >= half * 9 / 10 || odds >= half * 9 / 10)
    }

    private static func firstLineLooksLikeJSONObject(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let newline = head.firstIndex(of: 0x0A) else { return head.last == UInt8(ascii: "}") }
        var end = newline
        while end > 0, head[end - 1] == 0x0D || head[end - 1] == 0x20 { end -= 1 }
        return end > 0 && head[end - 1] == UInt8(ascii: "}")
    }
}
