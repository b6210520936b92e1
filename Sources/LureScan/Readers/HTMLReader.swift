/// An HTML page is one document: its visible text. Tags are dropped (block tags become a
/// line break), scripts, styles and comments are dropped whole, entities are decoded, and
/// the map still points into the original file, so hits quote the encoded evidence.
struct HTMLReader: DocumentReader {
    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        let (text, map) = Self.visibleText(bytes)
        emit(.document(Document(id: source.path, source: source, kind: .ad, text: text, origin: map,
                                location: Location(line: 1, byteRange: 0..<bytes.count))))
    }

    private static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
        "title", "tr", "ul",
    ]
    private static let droppedElements: Set<String> = ["script", "style", "noscript", "template", "head"]

    static func visibleText(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: [UInt8], map: OffsetMap) {
        var editor = TextEditor(bytes)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                let end = markupEnd(bytes, from: index)
                let name = tagName(bytes, from: index)
                if droppedElements.contains(name) && !isClosingTag(bytes, at: index) {
                    let close = closingTagEnd(bytes, name: name, from: end)
                    // Keep <title> inside <head>: it is visible in the browser tab and in listings.
                    if name == "head" {
                        editor.replace(index..<end, with: [0x0A])
                        index = end
                        continue
                    }
                    editor.replace(index..<close, with: [0x0A])
                    index = close
                    continue
                }
                editor.replace(index..<end, with: blockTags.contains(name) || name == "/head" ? [0x0A] : [])
                index = end
            } else if byte == UInt8(ascii: "&"), let entity = decodeEntity(bytes, at: index) {
                editor.replace(index..<entity.end, with: entity.bytes)
                index = entity.end
            } else {
                index += 1
            }
        }
        if let edited = editor.finish() { return (edited.bytes, edited.map) }
        return (Array(bytes), .identity(length: bytes.count))
    }

    private static func isClosingTag(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/")
    }

    /// End of a tag, comment or declaration starting at `start` (`<`).
    private static func markupEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        if matches(bytes, at: start, "<!--") {
            return find(bytes, "-->", from: start + 4).map { $0 + 3 } ?? bytes.count
        }
        var index = start + 1
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// The lowercased tag name (`p`, `/p`, `script`), empty for comments and text `<`.
    private static func tagName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var index = start + 1
        var name: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") { name.append(UInt8(ascii: "/")); index += 1 }
        while index < bytes.count, name.count < 16 {
            let byte = bytes[index] | 0x20
            guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (bytes[index] >= 0x30 && bytes[index] <= 0x39) else { break }
            name.append(byte)
            index += 1
        }
        let tag = String(decoding: name, as: UTF8.self)
        return tag.hasPrefix("/") ? (blockTags.contains(String(tag.dropFirst())) ? String(tag.dropFirst()) : tag) : tag
    }

    private static func closingTagEnd(_ bytes: UnsafeBufferPointer<UInt8>, name: String, from start: Int) -> Int {
        var index = start
        let closing = Array("</\(name)".utf8)
        while index + closing.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"), (0..<closing.count).allSatisfy({ (bytes[index + $0] | 0x20) == (closing[$0] | 0x20) }) {
                return markupEnd(bytes, from: index)
            }
            index += 1
        }
        return bytes.count
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return (0..<utf8.count).allSatisfy { bytes[index + $0] == utf8[$0] }
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if matches(bytes, at: index, literal) { return index }
            index += 1
        }
        return nil
    }

    private static let namedEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
        "iexcl": 0xA1, "iquest": 0xBF, "laquo": 0xAB, "raquo": 0xBB, "euro": 0x20AC, "pound": 0xA3,
        "copy": 0xA9, "reg": 0xAE, "deg": 0xB0, "hellip": 0x2026, "mdash": 0x2014, "ndash": 0x2013,
        "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "bull": 0x2022, "middot": 0xB7,
        "szlig": 0xDF, "ordf": 0xAA, "ordm": 0xBA, "shy": 0xAD, "zwj": 0x200D, "zwnj": 0x200C,
        "aacute": 0xE1, "eacute": 0xE9, "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA, "yacute": 0xFD,
        "Aacute": 0xC1, "Eacute": 0xC9, "Iacute": 0xCD, "Oacute": 0xD3, "Uacute": 0xDA,
        "agrave": 0xE0, "egrave": 0xE8, "igrave": 0xEC, "ograve": 0xF2, "ugrave": 0xF9,
        "Agrave": 0xC0, "Egrave": 0xC8, "acirc": 0xE2, "ecirc": 0xEA, "icirc": 0xEE, "ocirc": 0xF4, "ucirc": 0xFB,
        "Acirc": 0xC2, "Ecirc": 0xCA, "Ocirc": 0xD4, "atilde": 0xE3, "otilde": 0xF5, "ntilde": 0xF1,
        "Atilde": 0xC3, "Otilde": 0xD5, "Ntilde": 0xD1, "auml": 0xE4, "euml": 0xEB, "iuml": 0xEF, "ouml": 0xF6,
        "uuml": 0xFC, "Uuml": 0xDC, "ccedil": 0xE7, "Ccedil": 0xC7, "oelig": 0x153, "aelig": 0xE6,
    ]

    /// Decodes `&name;`, `&#NNN;` or `&#xHH;` at `index`.
    private static func decodeEntity(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (bytes: [UInt8], end: Int)? {
        var end = index + 1
        while end < bytes.count, end - index <= 12, bytes[end] != UInt8(ascii: ";") {
            let byte = bytes[end]
            guard (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "#") else { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 1 else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
        let scalar: UInt32?
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            scalar = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#") {
            scalar = UInt32(body.dropFirst())
        } else {
            scalar = namedEntities[body]
        }
        guard var value = scalar else { return nil }
        if value == 0 || value > 0x10FFFF || (0xD800..<0xE000).contains(value) { value = UTF8Scalars.replacement }
        return (UTF8Scalars.encode(value), end + 1)
    }
}
