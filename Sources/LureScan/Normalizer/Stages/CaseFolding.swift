/// Stage 3: NFKC case folding (ICU `nfkc_cf`): full-width, math-styled and circled
/// letters, ligatures, superscripts and case all fold to plain lowercase. Typographic
/// apostrophes, quotes and dashes then fold to ASCII, so patterns need not list them, and
/// so do Latin small capitals (`ɢɪʀʟꜱ`), a styled font `nfkc_cf` leaves alone. Rightward
/// arrows (`➡ ⇒ ➜ ⟶`, as in `🇹🇳➡️🇮🇹`) all fold to `→`, the one arrow patterns name.
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
            if let folded = ICU.nfkcCasefold(piece).map(Self.plainForms), !folded.elementsEqual(piece) {
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
    /// capitals, to ASCII; rightward arrows to `→`.
    static func plainForms(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes.contains(where: plainFormLeadBytes.contains) else { return bytes }
        let string = String(decoding: bytes, as: UTF8.self)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for scalar in string.unicodeScalars {
            UTF8Scalars.append(plainForm[scalar.value] ?? scalar.value, to: &result)
        }
        return result
    }

    /// Scalar -> its plain form.
    private static let plainForm: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        for value in [0x2018, 0x2019, 0x201A, 0x201B, 0x2032] as [UInt32] { table[value] = 0x27 }  // '
        for value in [0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xAB, 0xBB, 0x2039, 0x203A] as [UInt32] { table[value] = 0x22 }  // "
        for value in [UInt32(0x2010)...0x2015, 0x2212...0x2212].joined() { table[value] = 0x2D }  // -
        let rightwardArrows = [UInt32(0x21D2)...0x21D2, 0x21E2...0x21E2, 0x21E8...0x21E8, 0x2794...0x2794, 0x2799...0x2799,
                               0x279B...0x27A4, 0x27A7...0x27AF, 0x27B1...0x27BE, 0x27F6...0x27F6, 0x27F9...0x27F9,
                               0x2B62...0x2B62, 0x2B95...0x2B95]
        for value in rightwardArrows.joined() { table[value] = 0x2192 }  // →
        let prefix = "LATIN LETTER SMALL CAPITAL "
        for value in [UInt32(0x0250)...0x02AF, 0x1D00...0x1D2B, 0xA730...0xA7FF].joined() {
            guard let name = Unicode.Scalar(value)?.properties.name, name.hasPrefix(prefix), name.count == prefix.count + 1,
                  let letter = name.last?.lowercased().first?.asciiValue else { continue }
            table[value] = UInt32(letter)
        }
        return table
    }()

    /// The UTF-8 lead bytes of every scalar in `plainForm`: a piece without one is left as is.
    private static let plainFormLeadBytes = Set(plainForm.keys.map { UTF8Scalars.encode($0)[0] })
}
