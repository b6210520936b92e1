/// Stage 3: NFKC case folding (ICU `nfkc_cf`): full-width, math-styled and circled
/// letters, ligatures, superscripts and case all fold to plain lowercase. Typographic
/// apostrophes, quotes and dashes then fold to ASCII, so patterns need not list them, and
/// so do Latin small capitals (`ɢɪʀʟꜱ`), a styled font `nfkc_cf` leaves alone.
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
            if let folded = ICU.nfkcCasefold(piece).map(Self.asciiForms), !folded.elementsEqual(piece) {
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

    /// Folds typographic apostrophes, quotes (guillemets too) and dashes, and Latin small
    /// capitals, to ASCII.
    static func asciiForms(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes.contains(where: asciiFormLeadBytes.contains) else { return bytes }
        let string = String(decoding: bytes, as: UTF8.self)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for scalar in string.unicodeScalars {
            if let ascii = asciiForm[scalar.value] { result.append(ascii) } else { UTF8Scalars.append(scalar.value, to: &result) }
        }
        return result
    }

    /// Scalar -> its ASCII form.
    private static let asciiForm: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for value in [0x2018, 0x2019, 0x201A, 0x201B, 0x2032] as [UInt32] { table[value] = UInt8(ascii: "'") }
        for value in [0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xAB, 0xBB, 0x2039, 0x203A] as [UInt32] { table[value] = UInt8(ascii: "\"") }
        for value in [UInt32(0x2010)...0x2015, 0x2212...0x2212].joined() { table[value] = UInt8(ascii: "-") }
        let prefix = "LATIN LETTER SMALL CAPITAL "
        for value in [UInt32(0x0250)...0x02AF, 0x1D00...0x1D2B, 0xA730...0xA7FF].joined() {
            guard let name = Unicode.Scalar(value)?.properties.name, name.hasPrefix(prefix), name.count == prefix.count + 1,
                  let letter = name.last?.lowercased().first?.asciiValue else { continue }
            table[value] = letter
        }
        return table
    }()

    /// The UTF-8 lead bytes of every scalar in `asciiForm`: a piece without one is left as is.
    private static let asciiFormLeadBytes = Set(asciiForm.keys.map { UTF8Scalars.encode($0)[0] })
}
