/// Stage 3: NFKC case folding (ICU `nfkc_cf`): full-width, math-styled and circled
/// letters, ligatures, superscripts and case all fold to plain lowercase. Typographic
/// apostrophes, quotes and dashes then fold to ASCII, so patterns need not list them.
///
/// ASCII is lowercased byte by byte; ICU sees only the non-ASCII stretches, cut at
/// normalization boundaries so each folded piece maps back to its own original characters.
struct CaseFolding: NormalizationStage {
    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            let byte = text[index]
            let next = index + 1
            if byte < 0x80 && (next == text.count || text[next] < 0x80) {
                if byte >= 0x41 && byte <= 0x5A { editor.substitute(at: index, with: byte | 0x20) }
                index = next
                continue
            }
            // A piece: one character and whatever may combine with it.
            let end = Self.pieceEnd(text, from: index)
            let piece = UnsafeBufferPointer(rebasing: text[index..<end])
            if let folded = ICU.nfkcCasefold(piece).map(Self.asciiPunctuation), !folded.elementsEqual(piece) {
                editor.replace(index..<end, with: folded)
            }
            index = end
        }
        return editor.finish()
    }

    private static func pieceEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + UTF8Scalars.decode(text, at: start).length
        while index < text.count {
            if text[index] < 0x80 { break }
            let decoded = UTF8Scalars.decode(text, at: index)
            if ICU.hasCasefoldBoundaryBefore(decoded.scalar) { break }
            index += decoded.length
        }
        return index
    }

    /// Folds typographic apostrophes, quotes (guillemets too) and dashes to ASCII.
    static func asciiPunctuation(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes.contains(where: { $0 == 0xE2 || $0 == 0xC2 }) else { return bytes }
        let string = String(decoding: bytes, as: UTF8.self)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: result.append(UInt8(ascii: "'"))
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xAB, 0xBB, 0x2039, 0x203A: result.append(UInt8(ascii: "\""))
            case 0x2010...0x2015, 0x2212: result.append(UInt8(ascii: "-"))
            default: UTF8Scalars.append(scalar.value, to: &result)
            }
        }
        return result
    }
}
