/// The charset of a chat export that is not UTF-8, found once for the whole file (one
/// message is too short to tell): UTF-16 with a byte-order mark, UTF-16 without one (the
/// normalizer's test), or, for bytes that are not UTF-8, a legacy charset ICU detects.
/// Knows how the file's lines end and converts any stretch of it to UTF-8 with ICU, a piece
/// at a time so memory stays bounded whatever the stretch.
struct ExportCharset: Equatable, Sendable {
    /// How a character ends: UTF-16 code units in either byte order, or bytes.
    enum Layout: Equatable, Sendable {
        case utf16LittleEndian, utf16BigEndian, bytes
    }

    /// The ICU name (`UTF-16LE`, `windows-1252`).
    let name: String
    let layout: Layout

    init(name: String) {
        self.name = name
        switch name {
        case "UTF-16LE": layout = .utf16LittleEndian
        case "UTF-16BE": layout = .utf16BigEndian
        default: layout = .bytes
        }
    }

    /// Legacy charsets ICU's detector may name whose lines end with byte 0x0A and whose
    /// characters end after any byte below 0x30 (no trail byte is that low): what line
    /// splitting and cutting into pieces rely on. Stateful (ISO-2022) and EBCDIC ones are left out.
    private static func isLegacyASCIICompatible(_ name: String) -> Bool {
        name.hasPrefix("ISO-8859-") || name.hasPrefix("windows-125") || name == "KOI8-R"
            || ["Shift_JIS", "EUC-JP", "EUC-KR", "GB18030", "Big5"].contains(name)
    }

    /// nil: the bytes are read as UTF-8 (invalid bytes left for the normalizer to repair and count).
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, pages: MappedPages? = nil) -> ExportCharset? {
        if bytes.count >= 2 {
            if bytes[0] == 0xFF && bytes[1] == 0xFE { return ExportCharset(name: "UTF-16LE") }
            if bytes[0] == 0xFE && bytes[1] == 0xFF { return ExportCharset(name: "UTF-16BE") }
        }
        if let name = Decoding.unmarkedUTF16(bytes) { return ExportCharset(name: name) }
        guard let invalid = firstInvalidIndex(bytes, pages: pages) else { return nil }
        // UTF-8 with a damaged byte stays UTF-8: a legacy guess would garble every valid
        // character around it (as for e-mail, `MIMEDecoding.toUTF8`).
        guard !hasMultibyteUTF8(bytes) else { return nil }
        // ICU's detector reads about 8 KB: give it the text around the first non-UTF-8 byte,
        // not the timestamps that open the file.
        let sample = UnsafeBufferPointer(rebasing: bytes[max(0, invalid - 4_000)..<min(bytes.count, invalid + 4_000)])
        guard let detected = ICU.detectCharset(sample), detected.confidence >= Decoding.minimumConfidence,
              isLegacyASCIICompatible(detected.name) else { return nil }
        return ExportCharset(name: detected.name)
    }

    /// `Decoding.firstInvalidIndex` a window at a time, never splitting a character, so a
    /// mapped export's pages can be released as the check passes them.
    private static func firstInvalidIndex(_ bytes: UnsafeBufferPointer<UInt8>, pages: MappedPages?) -> Int? {
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + MappedPages.window)
            for _ in 0..<3 where end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if let invalid = Decoding.firstInvalidIndex(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return start + invalid }
            pages?.release(upTo: end)
            start = end
        }
        return nil
    }

    /// True when some valid multi-byte UTF-8 sequence occurs in `bytes`.
    private static func hasMultibyteUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let decoded = UTF8Scalars.decode(bytes, at: index)
            if !UTF8Scalars.isRepair(decoded) { return true }
            index += decoded.length
        }
        return false
    }

    // MARK: Lines

    /// Calls `body(lineNumber, start, contentEnd, next)` for every line: `contentEnd` excludes
    /// the line feed and a carriage return before it (as `WhatsAppParser.forEachLine` does in
    /// UTF-8, so line N here is line N of the converted text), `next` is where the next line starts.
    func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int, Int) -> Void) {
        let width = unitWidth
        var start = 0, line = 1
        while start < bytes.count {
            var index = start
            while index + width <= bytes.count && unit(bytes, at: index) != 0x0A { index += width }
            // The last line may end inside a code unit (a file cut short): that byte is its own.
            let terminated = index + width <= bytes.count
            var end = terminated ? index : bytes.count
            if (end - start) % width == 0 && end - start >= width && unit(bytes, at: end - width) == 0x0D { end -= width }
            let next = terminated ? index + width : bytes.count
            body(line, start, end, next)
            start = next
            line += 1
        }
    }

    /// Where the last whole line of `head` ends (after its line feed); all of `head` when no
    /// line feed ends a line in it (a head cut from a longer file ends in the middle of one).
    func completeLinesEnd(_ head: UnsafeBufferPointer<UInt8>) -> Int {
        let width = unitWidth
        var index = head.count - head.count % width - width
        while index >= 0 {
            if unit(head, at: index) == 0x0A { return index + width }
            index -= width
        }
        return head.count
    }

    private var unitWidth: Int { layout == .bytes ? 1 : 2 }

    /// The code unit (UTF-16) or byte at `index`.
    private func unit(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16 {
        switch layout {
        case .utf16LittleEndian: UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
        case .utf16BigEndian: UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
        case .bytes: UInt16(bytes[index])
        }
    }

    // MARK: Conversion

    /// ICU's converter takes many times its input in memory (UTF-16 units, offsets, output):
    /// it is handed at most about this much at once.
    static let pieceBytes = 1 << 20

    /// `range` of `bytes` in UTF-8; with `mapped`, with its map into `bytes` (else the map is
    /// empty). Converted piece by piece, each cut where a character ends. nil when ICU fails.
    func toUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, mapped: Bool) -> DecodedText? {
        var text = DecodedText()
        var start = range.lowerBound
        while start < range.upperBound {
            let end = characterEnd(bytes, near: start + Self.pieceBytes, from: start, limit: range.upperBound, forward: true)
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard let converted = ICU.convertToUTF8(piece, from: name) else { return nil }
            if mapped {
                ExportDocuments.append(DecodedText(bytes: converted.bytes, map: OffsetMap(
                    conversionOffsets: converted.offsets, inputLength: piece.count, origin: start)), to: &text)
            } else {
                text.bytes.append(contentsOf: converted.bytes)
            }
            start = end
        }
        if mapped { text.map.extendOrigin(to: range.upperBound) }
        return text
    }

    /// A place near `target` (between `start` and `limit`) where a character ends, so the
    /// bytes before it convert alone: forward past `target` to the first such place, or back
    /// from it (`start` when there is none).
    func characterEnd(_ bytes: UnsafeBufferPointer<UInt8>, near target: Int, from start: Int, limit: Int, forward: Bool) -> Int {
        guard target < limit else { return limit }
        var index = max(target, start)
        switch layout {
        case .utf16LittleEndian, .utf16BigEndian:
            index -= (index - start) % 2
            // Not between the two halves of a surrogate pair.
            if index - 2 >= start, (0xD800...0xDBFF).contains(unit(bytes, at: index - 2)) { index -= 2 }
            return index
        case .bytes:
            while index > start && index < limit && bytes[index - 1] >= 0x30 { index += forward ? 1 : -1 }
            return index
        }
    }
}
