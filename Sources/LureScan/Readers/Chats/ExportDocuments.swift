/// What the export readers (Telegram, SMS Backup & Restore, Facebook/Instagram, e-mail)
/// share: assembling decoded text pieces with their offset maps, counting lines, and
/// building a message document with its provenance.
enum ExportDocuments {
    /// Finds the line of a byte offset by counting forward from the last offset asked, so a
    /// reader that walks its source in order counts each newline once.
    struct LineCounter {
        let bytes: UnsafeBufferPointer<UInt8>
        private var offset = 0
        private var line = 1

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func line(at target: Int) -> Int {
            if target < offset { offset = 0; line = 1 }
            let end = min(max(target, 0), bytes.count)
            var index = offset
            while index < end {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            offset = end
            return line
        }
    }

    /// Appends `piece` (bytes and map) to `text`; when both are non-empty, `separator`
    /// goes between them, anchored (zero-length) where the piece starts in the source.
    static func append(_ piece: DecodedText, to text: inout DecodedText, separator: [UInt8] = []) {
        guard !piece.bytes.isEmpty else { return }
        if !text.bytes.isEmpty && !separator.isEmpty {
            text.bytes.append(contentsOf: separator)
            text.map.appendReplacement(targetLength: separator.count, origin: piece.map.originStart(of: 0), originLength: 0)
        }
        text.bytes.append(contentsOf: piece.bytes)
        text.map.append(piece.map)
    }

    /// Bytes `range` of `text`, with the matching part of its map. A cut through an inexact
    /// run keeps that run's whole origin (there is no finer mapping to give).
    static func slice(_ text: DecodedText, _ range: Range<Int>) -> DecodedText {
        var result = DecodedText()
        guard !range.isEmpty else { return result }
        result.bytes = Array(text.bytes[range])
        for run in text.map.runs {
            let start = max(run.target, range.lowerBound)
            let end = min(run.target + run.targetLength, range.upperBound)
            guard start < end else { continue }
            if run.exact {
                result.map.appendExact(targetLength: end - start, origin: run.origin + (start - run.target))
            } else {
                result.map.appendReplacement(targetLength: end - start, origin: run.origin, originLength: run.originLength)
            }
        }
        return result
    }

    /// Source bytes `range` taken as they are: an exact map.
    static func exact(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecodedText {
        DecodedText(bytes: Array(bytes[range]), map: .identity(length: range.count, origin: range.lowerBound))
    }

    /// `text` without leading and trailing ASCII whitespace.
    static func trimmed(_ text: DecodedText) -> DecodedText {
        var start = 0, end = text.bytes.count
        while start < end, isSpace(text.bytes[start]) { start += 1 }
        while end > start, isSpace(text.bytes[end - 1]) { end -= 1 }
        if start == 0 && end == text.bytes.count { return text }
        return slice(text, start..<end)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A message document: `path` locates it inside the export (`messages[12]`,
    /// `smses/sms[3]`), `index` is its 0-based position in its conversation.
    static func message(source: Source, kind: DocumentKind = .message, text: DecodedText,
                        conversation: String, sender: String?, timestamp: String?, index: Int,
                        line: Int, byteRange: Range<Int>, path: String, charset: String? = nil) -> Document {
        Document(id: "\(source.path):\(path)", source: source, kind: kind, text: text.bytes, origin: text.map,
                 location: Location(line: line, record: index + 1, byteRange: byteRange, path: path),
                 message: MessageInfo(conversation: conversation, sender: sender, timestamp: timestamp, index: index),
                 charset: charset)
    }

    /// A failure located at `byteRange` (its line counted by `lines`).
    static func failure(source: Source, lines: inout LineCounter, byteRange: Range<Int>, path: String?,
                        record: Int? = nil, field: String? = nil, reason: String) -> ReadResult {
        let location = Location(line: lines.line(at: byteRange.lowerBound), record: record, byteRange: byteRange, path: path)
        return .failure(ReadFailure(source: source, location: location, field: field, reason: reason))
    }

    // MARK: Sniffing

    /// True when `literal` occurs in `head`.
    static func head(_ head: UnsafeBufferPointer<UInt8>, contains literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard let first = pattern.first, head.count >= pattern.count else { return false }
        var index = 0
        while index + pattern.count <= head.count {
            if head[index] == first, (1..<pattern.count).allSatisfy({ head[index + $0] == pattern[$0] }) { return true }
            index += 1
        }
        return false
    }

    /// `.jsonl` / `.ndjson`: one record per line, never a single export object.
    static func isJSONLines(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson")
    }

    /// The first byte after a UTF-8 byte-order mark and whitespace, if any.
    static func firstSignificantByte(_ head: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var index = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { index = 3 }
        while index < head.count, isSpace(head[index]) { index += 1 }
        return index < head.count ? head[index] : nil
    }
}
