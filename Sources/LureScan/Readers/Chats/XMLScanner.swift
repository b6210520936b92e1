/// A small pull scanner for XML exports whose data sits in attributes (SMS Backup &
/// Restore). Foundation's XMLParser gives no byte offsets, and evidence must point into the
/// file, so this scanner yields tags with the byte ranges of their attribute values.
///
/// It never expands entities from a DTD: `<!DOCTYPE ...>` is skipped whole, and attribute
/// values decode only the five predefined entities and numeric character references, so a
/// "billion laughs" file costs no more than its own size. Text between tags is skipped.
struct XMLScanner {
    struct Attribute {
        var name: String
        /// The raw value between the quotes.
        var range: Range<Int>
    }

    struct Tag {
        var name: String
        var attributes: [Attribute]
        /// From `<` to just past `>`.
        var range: Range<Int>
        var selfClosing: Bool

        func attribute(_ name: String) -> Range<Int>? {
            attributes.first { $0.name == name }?.range
        }
    }

    enum Token {
        case start(Tag)
        case end(name: String, range: Range<Int>)
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "\(message) at byte \(offset)" }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next start or end tag, nil at the end of the input.
    mutating func next() throws -> Token? {
        while true {
            guard let open = find(UInt8(ascii: "<"), from: position) else {
                position = bytes.count
                return nil
            }
            position = open
            if matches("<?", at: open) {
                position = try end(of: "?>", from: open, construct: "processing instruction")
            } else if matches("<!--", at: open) {
                position = try end(of: "-->", from: open + 4, construct: "comment", start: open)
            } else if matches("<![CDATA[", at: open) {
                position = try end(of: "]]>", from: open, construct: "CDATA section")
            } else if matches("<!", at: open) {
                position = try declarationEnd(from: open)
            } else if matches("</", at: open) {
                let name = readName(from: open + 2)
                guard let close = find(UInt8(ascii: ">"), from: name.end) else { throw SyntaxError(offset: open, message: "unterminated end tag") }
                position = close + 1
                return .end(name: name.text, range: open..<position)
            } else {
                return .start(try startTag(at: open))
            }
        }
    }

    private mutating func startTag(at open: Int) throws -> Tag {
        let name = readName(from: open + 1)
        guard !name.text.isEmpty else { throw SyntaxError(offset: open, message: "'<' not followed by a tag name") }
        var index = name.end
        var attributes: [Attribute] = []
        while true {
            index = skipSpace(from: index)
            guard index < bytes.count else { throw SyntaxError(offset: open, message: "unterminated tag <\(name.text)") }
            if bytes[index] == UInt8(ascii: ">") {
                position = index + 1
                return Tag(name: name.text, attributes: attributes, range: open..<position, selfClosing: false)
            }
            if matches("/>", at: index) {
                position = index + 2
                return Tag(name: name.text, attributes: attributes, range: open..<position, selfClosing: true)
            }
            let attribute = readName(from: index)
            guard !attribute.text.isEmpty else { throw SyntaxError(offset: index, message: "unexpected character in tag <\(name.text)") }
            index = skipSpace(from: attribute.end)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw SyntaxError(offset: index, message: "expected '=' after attribute \(attribute.text)")
            }
            index = skipSpace(from: index + 1)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw SyntaxError(offset: index, message: "expected a quoted value for attribute \(attribute.text)")
            }
            guard let close = find(bytes[index], from: index + 1) else {
                throw SyntaxError(offset: index, message: "unterminated value of attribute \(attribute.text)")
            }
            attributes.append(Attribute(name: attribute.text, range: (index + 1)..<close))
            index = close + 1
        }
    }

    /// `<!DOCTYPE ...>` possibly with an internal subset `[...]`: skipped, never interpreted.
    private func declarationEnd(from open: Int) throws -> Int {
        var index = open + 2
        var inSubset = false
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if byte == UInt8(ascii: ">") && !inSubset {
                return index + 1
            }
            index += 1
        }
        throw SyntaxError(offset: open, message: "unterminated declaration")
    }

    private func end(of terminator: String, from start: Int, construct: String, start open: Int? = nil) throws -> Int {
        let pattern = Array(terminator.utf8)
        var index = start
        while let candidate = find(pattern[0], from: index) {
            if matches(terminator, at: candidate) { return candidate + pattern.count }
            index = candidate + 1
        }
        throw SyntaxError(offset: open ?? start, message: "unterminated \(construct)")
    }

    private func readName(from start: Int) -> (text: String, end: Int) {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte = byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            guard isNameByte else { break }
            index += 1
        }
        return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self), index)
    }

    private func skipSpace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, ExportDocuments.isSpace(bytes[index]) { index += 1 }
        return index
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    private func matches(_ literal: String, at index: Int) -> Bool {
        var offset = index
        for byte in literal.utf8 {
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
        }
        return true
    }

    // MARK: Attribute values

    /// The decoded value of the attribute bytes `range`: `&amp;` `&lt;` `&gt;` `&quot;`
    /// `&apos;`, `&#NNN;` and `&#xHH;`; a high and a low surrogate written as two references
    /// (`&#55357;&#56832;`, as SMS Backup & Restore writes emoji) join into one character.
    /// Anything else, unknown entities included, stays as written.
    static func decodeValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecodedText {
        var text = DecodedText()
        var index = range.lowerBound
        var literalStart = index
        func flushLiteral(upTo end: Int) {
            guard end > literalStart else { return }
            text.bytes.append(contentsOf: bytes[literalStart..<end])
            text.map.appendExact(targetLength: end - literalStart, origin: literalStart)
        }
        while index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "&"), var reference = self.reference(bytes, at: index, limit: range.upperBound) else {
                index += 1
                continue
            }
            // A high surrogate followed by a low one: one scalar from both references.
            if (0xD800..<0xDC00).contains(reference.scalar),
               let low = self.reference(bytes, at: reference.end, limit: range.upperBound),
               (0xDC00..<0xE000).contains(low.scalar) {
                reference = (0x10000 + ((reference.scalar - 0xD800) << 10) + (low.scalar - 0xDC00), low.end)
            }
            var scalar = reference.scalar
            if scalar == 0 || scalar > 0x10FFFF || (0xD800..<0xE000).contains(scalar) { scalar = UTF8Scalars.replacement }
            flushLiteral(upTo: index)
            let decoded = UTF8Scalars.encode(scalar)
            text.bytes.append(contentsOf: decoded)
            text.map.appendReplacement(targetLength: decoded.count, origin: index, originLength: reference.end - index)
            index = reference.end
            literalStart = index
        }
        flushLiteral(upTo: range.upperBound)
        text.map.extendOrigin(to: range.upperBound)
        return text
    }

    private static let predefined: [String: UInt32] = ["amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27]

    /// The reference at `index` (`&...;`): its scalar (unchecked) and where it ends.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> (scalar: UInt32, end: Int)? {
        guard index < limit, bytes[index] == UInt8(ascii: "&") else { return nil }
        var end = index + 1
        while end < limit, end - index <= 10, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < limit, bytes[end] == UInt8(ascii: ";"), end > index + 1 else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
        let scalar: UInt32?
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            scalar = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#") {
            scalar = UInt32(body.dropFirst())
        } else {
            scalar = predefined[body]
        }
        return scalar.map { ($0, end + 1) }
    }
}
