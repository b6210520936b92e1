/// The header block of a message or MIME part (RFC 5322): fields unfolded, values mapped to
/// the source, encoded words (RFC 2047, `=?utf-8?B?...?=`) decoded on request.
struct MIMEHeaders {
    struct Field {
        /// Lowercased.
        var name: String
        /// Unfolded (the line break before a continuation line dropped) and trimmed.
        var value: DecodedText
    }

    var fields: [Field] = []
    /// Where the body starts: after the blank line ending the headers (or the end of the range).
    var bodyStart: Int

    /// Parses the header block at the start of `range`. A line that is neither a field nor a
    /// continuation ends the block (so a message with no blank line still has a body).
    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var index = range.lowerBound
        var current: (name: String, valueStart: Int, valueEnd: Int)?
        var parsed: [Field] = []
        func finish(_ field: (name: String, valueStart: Int, valueEnd: Int)?) {
            guard let field else { return }
            parsed.append(Field(name: field.name, value: Self.unfold(bytes, field.valueStart..<field.valueEnd)))
        }
        bodyStart = range.upperBound
        while index < range.upperBound {
            let lineEnd = Self.lineEnd(bytes, from: index, limit: range.upperBound)
            let next = min(lineEnd.next, range.upperBound)
            if lineEnd.contentEnd == index {              // blank line: the body follows
                bodyStart = next
                break
            }
            if bytes[index] == 0x20 || bytes[index] == 0x09, current != nil {
                current!.valueEnd = lineEnd.contentEnd  // continuation line
            } else if let colon = Self.fieldColon(bytes, from: index, to: lineEnd.contentEnd) {
                finish(current)
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<colon]), as: UTF8.self)
                    .trimmingTrailingSpaces().lowercased()
                current = (name, colon + 1, lineEnd.contentEnd)
            } else {
                bodyStart = index                         // not a header line: the body starts here
                break
            }
            index = next
        }
        finish(current)
        fields = parsed
    }

    func first(_ name: String) -> DecodedText? {
        fields.first { $0.name == name }?.value
    }

    /// A field's value as a string, encoded words decoded.
    func string(_ name: String) -> String? {
        guard let value = first(name) else { return nil }
        let text = Self.decodeEncodedWords(value).string
        return text.isEmpty ? nil : text
    }

    /// The value and parameters of a structured field (`text/plain; charset="utf-8"`),
    /// the value and parameter names lowercased.
    func parameters(_ name: String) -> (value: String, parameters: [String: String])? {
        guard let raw = first(name)?.string else { return nil }
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in raw {
            if character == "\"" { quoted.toggle(); continue }
            if character == ";" && !quoted { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingCharacters().lowercased()
            parameters[key] = part[part.index(after: equals)...].trimmingCharacters()
        }
        return (parts[0].trimmingCharacters().lowercased(), parameters)
    }

    // MARK: Lines

    /// Where the line starting at `start` ends (before CR LF or LF) and where the next starts.
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        var index = start
        while index < limit, bytes[index] != 0x0A { index += 1 }
        let next = index < limit ? index + 1 : limit
        var contentEnd = index
        if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return (contentEnd, next)
    }

    /// The colon of a `Name: value` line (printable ASCII name, no spaces inside), or nil.
    static func fieldColon(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end, index - start < 80 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index > start ? index : nil }
            guard byte > 0x20, byte < 0x7F else { return nil }
            index += 1
        }
        return nil
    }

    /// A folded value: line breaks before continuation lines dropped, the rest exact; trimmed.
    private static func unfold(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecodedText {
        var text = DecodedText()
        var index = range.lowerBound
        var runStart = index
        while index < range.upperBound {
            if bytes[index] == 0x0D || bytes[index] == 0x0A {
                if runStart < index {
                    text.bytes.append(contentsOf: bytes[runStart..<index])
                    text.map.appendExact(targetLength: index - runStart, origin: runStart)
                }
                index += 1
                runStart = index
                continue
            }
            index += 1
        }
        if runStart < range.upperBound {
            text.bytes.append(contentsOf: bytes[runStart..<range.upperBound])
            text.map.appendExact(targetLength: range.upperBound - runStart, origin: runStart)
        }
        return ExportDocuments.trimmed(text)
    }

    // MARK: Encoded words

    /// Decodes every `=?charset?B|Q?text?=` of a header value; the whitespace between two
    /// adjacent encoded words is dropped (RFC 2047 §6.2). Each decoded word maps to the whole
    /// encoded word in the source.
    static func decodeEncodedWords(_ value: DecodedText) -> DecodedText {
        let bytes = value.bytes
        guard bytes.count >= 8, containsEncodedWordStart(bytes) else { return value }
        var result = DecodedText()
        var index = 0
        var literalStart = 0
        var lastWordEnd: Int? = nil
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                  let word = encodedWord(bytes, at: index) else {
                index += 1
                continue
            }
            // Keep the text before the word, unless it is only whitespace between two words.
            let between = literalStart..<index
            let onlySpace = between.allSatisfy { ExportDocuments.isSpace(bytes[$0]) }
            if !(lastWordEnd == literalStart && onlySpace) {
                ExportDocuments.append(ExportDocuments.slice(value, between), to: &result)
            }
            let origin = value.map.originRange(of: index..<word.end)
            let converted = MIMEDecoding.toUTF8(word.decoded, charset: word.charset).bytes
            result.bytes.append(contentsOf: converted)
            result.map.appendReplacement(targetLength: converted.count, origin: origin.lowerBound, originLength: origin.count)
            index = word.end
            literalStart = index
            lastWordEnd = index
        }
        ExportDocuments.append(ExportDocuments.slice(value, literalStart..<bytes.count), to: &result)
        return result
    }

    private static func containsEncodedWordStart(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?") { return true }
            index += 1
        }
        return false
    }

    /// The encoded word starting at `start`: its charset, its decoded bytes and its end.
    private static func encodedWord(_ bytes: [UInt8], at start: Int) -> (charset: String, decoded: [UInt8], end: Int)? {
        // =?charset?E?text?=   (charset may carry an RFC 2231 language: utf-8*en)
        var parts: [Range<Int>] = []
        var index = start + 2
        var partStart = index
        while index < bytes.count, index - start < 1024, parts.count < 2 {
            if bytes[index] == UInt8(ascii: "?") { parts.append(partStart..<index); partStart = index + 1 }
            else if bytes[index] == 0x20 { return nil }
            index += 1
        }
        guard parts.count == 2 else { return nil }
        var textEnd = partStart
        while textEnd + 1 < bytes.count, !(bytes[textEnd] == UInt8(ascii: "?") && bytes[textEnd + 1] == UInt8(ascii: "=")) {
            if bytes[textEnd] == 0x20 { return nil }
            textEnd += 1
        }
        guard textEnd + 1 < bytes.count else { return nil }
        let charset = String(decoding: bytes[parts[0]], as: UTF8.self).split(separator: "*").first.map(String.init) ?? ""
        let encoding = String(decoding: bytes[parts[1]], as: UTF8.self).uppercased()
        let encoded = Array(bytes[partStart..<textEnd])
        let decoded: [UInt8]
        switch encoding {
        case "B": decoded = MIMEDecoding.base64(encoded)
        case "Q": decoded = MIMEDecoding.quotedPrintableWord(encoded)
        default: return nil
        }
        return (charset, decoded, textEnd + 2)
    }
}

private extension StringProtocol {
    func trimmingCharacters() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    func trimmingTrailingSpaces() -> String {
        String(reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
