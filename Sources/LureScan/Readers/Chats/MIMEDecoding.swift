/// The decodings a MIME body goes through, each keeping the map back to the source:
/// content transfer encodings (quoted-printable, base64) and charsets (converted to UTF-8
/// with ICU; detected with ICU when undeclared and the bytes are not UTF-8).
enum MIMEDecoding {
    // MARK: Transfer encodings

    /// Quoted-printable (RFC 2045 §6.7): `=XX` is one byte, `=` at the end of a line is a
    /// soft line break (dropped), everything else is itself. The map is exact for literal
    /// bytes; each `=XX` maps to its three source bytes.
    static func quotedPrintable(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecodedText {
        var text = DecodedText()
        var index = range.lowerBound
        var literalStart = index
        func flush(upTo end: Int) {
            guard end > literalStart else { return }
            text.bytes.append(contentsOf: bytes[literalStart..<end])
            text.map.appendExact(targetLength: end - literalStart, origin: literalStart)
        }
        while index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "=") else { index += 1; continue }
            flush(upTo: index)
            if index + 2 < range.upperBound, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                text.bytes.append(high << 4 | low)
                text.map.appendReplacement(targetLength: 1, origin: index, originLength: 3)
                index += 3
            } else {
                // A soft line break: `=`, optional trailing blanks, then CR LF or LF.
                var end = index + 1
                while end < range.upperBound, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
                if end < range.upperBound, bytes[end] == 0x0D { end += 1 }
                if end < range.upperBound, bytes[end] == 0x0A {
                    text.map.appendReplacement(targetLength: 0, origin: index, originLength: end + 1 - index)
                    index = end + 1
                } else if end >= range.upperBound {
                    index = range.upperBound      // a trailing `=`: dropped
                } else {
                    text.bytes.append(UInt8(ascii: "="))   // a stray `=`: kept, as decoders do
                    text.map.appendExact(targetLength: 1, origin: index)
                    index += 1
                }
            }
            literalStart = index
        }
        flush(upTo: range.upperBound)
        text.map.extendOrigin(to: range.upperBound)
        return text
    }

    /// Base64, line by line: the bytes decoded from each encoded line map to that line (an
    /// inexact run per line keeps the map small while pointing at the right place).
    static func base64(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecodedText {
        var text = DecodedText()
        var quad: [UInt8] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let line = MIMEHeaders.lineEnd(bytes, from: index, limit: range.upperBound)
            let before = text.bytes.count
            for position in index..<line.contentEnd {
                guard let value = base64Value(bytes[position]) else { continue }
                quad.append(value)
                if quad.count == 4 { appendQuad(&quad, to: &text.bytes) }
            }
            if line.next >= range.upperBound, !quad.isEmpty { appendQuad(&quad, to: &text.bytes) }
            text.map.appendReplacement(targetLength: text.bytes.count - before, origin: index, originLength: line.contentEnd - index)
            index = line.next
        }
        text.map.extendOrigin(to: range.upperBound)
        return text
    }

    /// Base64 of a short value (an encoded word), unmapped.
    static func base64(_ encoded: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var quad: [UInt8] = []
        for byte in encoded {
            guard let value = base64Value(byte) else { continue }
            quad.append(value)
            if quad.count == 4 { appendQuad(&quad, to: &output) }
        }
        if !quad.isEmpty { appendQuad(&quad, to: &output) }
        return output
    }

    /// The `Q` encoding of encoded words: quoted-printable with `_` for a space.
    static func quotedPrintableWord(_ encoded: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            if byte == UInt8(ascii: "_") {
                output.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < encoded.count,
                      let high = hexValue(encoded[index + 1]), let low = hexValue(encoded[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// Decodes 2 to 4 six-bit values (a final group may be short) and empties `quad`.
    private static func appendQuad(_ quad: inout [UInt8], to output: inout [UInt8]) {
        let values = quad.map(UInt32.init) + Array(repeating: 0, count: 4 - quad.count)
        let group = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
        let count = max(0, quad.count - 1)
        for shift in [16, 8, 0].prefix(count) { output.append(UInt8((group >> UInt32(shift)) & 0xFF)) }
        quad.removeAll(keepingCapacity: true)
    }

    private static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil                      // padding, line breaks and noise are skipped
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    // MARK: Charsets

    /// Below this, ICU's guess is not used. Lower than the normalizer's threshold: here the
    /// bytes are already known not to be UTF-8 and no charset was declared, so a legacy
    /// charset is certain and only which one is in doubt; ICU gives short texts low
    /// confidences (a 300-byte KOI8-R letter: 39) while still naming the right charset.
    static let minimumConfidence = 10

    /// `text` in UTF-8, and the charset it was read as: the declared charset when ICU knows
    /// it; else, for bytes that are not UTF-8, the charset ICU detects; else the bytes as
    /// they are ("UTF-8", invalid bytes left for the normalizer to repair and count).
    /// `iso-8859-1` and `us-ascii` are read as `windows-1252`, their superset, as mail
    /// clients and browsers do.
    static func toUTF8(_ text: DecodedText, charset declared: String?) -> (text: DecodedText, charset: String) {
        let label = declared?.trimmingCharacters(in: " \t\"'").lowercased() ?? ""
        let isUTF8 = text.bytes.withUnsafeBufferPointer { Decoding.firstInvalidIndex($0) == nil }
        if ["", "utf-8", "utf8", "us-ascii", "ascii"].contains(label) || label.hasPrefix("unknown") {
            if isUTF8 { return (text, "UTF-8") }
        } else {
            let name = ["iso-8859-1", "iso8859-1", "latin1", "latin-1"].contains(label) ? "windows-1252" : label
            if let converted = CharsetConversion.toUTF8(text, from: name) { return (converted, declared ?? name) }
        }
        // Declared UTF-8 with a bad byte stays UTF-8 (the normalizer repairs and counts it):
        // guessing a legacy charset would garble every valid character around it.
        if isUTF8 || label == "utf-8" || label == "utf8" { return (text, "UTF-8") }
        let detected = text.bytes.withUnsafeBufferPointer { ICU.detectCharset($0) }
        if let detected, detected.confidence >= minimumConfidence, detected.name != "UTF-8",
           let converted = CharsetConversion.toUTF8(text, from: detected.name) {
            return (converted, "\(detected.name) (detected)")
        }
        return (text, "UTF-8")
    }

    /// Bytes of an encoded word in UTF-8 (unmapped).
    static func toUTF8(_ bytes: [UInt8], charset: String?) -> (bytes: [UInt8], charset: String) {
        let converted = toUTF8(DecodedText(bytes: bytes, map: .identity(length: bytes.count)), charset: charset)
        return (converted.text.bytes, converted.charset)
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
