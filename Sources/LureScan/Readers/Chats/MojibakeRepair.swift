/// Facebook and Instagram "Download your information" exports write each byte of a UTF-8
/// string as its own `\u00XX` character (`é` arrives as `\u00c3\u00a9`, read `Ã©`). When
/// every character of a string is below U+0100 and those bytes form valid UTF-8, the string
/// is that UTF-8. Each repaired character maps to the source bytes of all the characters it
/// was made of, so a hit still quotes the escaped evidence.
enum MojibakeRepair {
    static func repair(_ text: DecodedText) -> DecodedText {
        // The Latin-1 byte of each character, and where that character sits in `text`.
        var latin1: [UInt8] = []
        var spans: [Range<Int>] = []
        let eligible = text.bytes.withUnsafeBufferPointer { buffer -> Bool in
            var index = 0
            var sawHigh = false
            while index < buffer.count {
                let decoded = UTF8Scalars.decode(buffer, at: index)
                guard decoded.scalar <= 0xFF, !UTF8Scalars.isRepair(decoded) else { return false }
                if decoded.scalar >= 0x80 { sawHigh = true }
                latin1.append(UInt8(decoded.scalar))
                spans.append(index..<(index + decoded.length))
                index += decoded.length
            }
            return sawHigh
        }
        guard eligible else { return text }
        // Only a string whose bytes are valid UTF-8 was mangled; anything else is real Latin-1 text.
        let valid = latin1.withUnsafeBufferPointer { Decoding.firstInvalidIndex($0) == nil }
        guard valid else { return text }

        var repaired = DecodedText()
        latin1.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let length = UTF8Scalars.decode(buffer, at: index).length
                let span = spans[index].lowerBound..<spans[index + length - 1].upperBound
                let origin = text.map.originRange(of: span)
                repaired.bytes.append(contentsOf: buffer[index..<(index + length)])
                if length == span.count && length == origin.count && length == 1 {
                    repaired.map.appendExact(targetLength: 1, origin: origin.lowerBound)
                } else {
                    repaired.map.appendReplacement(targetLength: length, origin: origin.lowerBound, originLength: origin.count)
                }
                index += length
            }
        }
        repaired.map.extendOrigin(to: text.map.originEnd)
        return repaired
    }
}
