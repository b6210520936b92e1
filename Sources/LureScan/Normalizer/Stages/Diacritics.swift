/// Stage 4: removes diacritics (NFD, drop nonspacing marks, NFC): `experiência` ->
/// `experiencia`. Only on Latin, Greek and Cyrillic letters: in other scripts (Thai,
/// Devanagari) the marks are letters of the word.
struct Diacritics: NormalizationStage {
    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            if text[index] < 0x80 {
                // An ASCII letter followed by a combining mark still forms one piece.
                let next = index + 1
                if next == text.count || text[next] < 0x80 { index = next; continue }
            }
            let base = UTF8Scalars.decode(text, at: index)
            var end = index + base.length
            var hasMark = false
            while end < text.count && text[end] >= 0x80 {
                let decoded = UTF8Scalars.decode(text, at: end)
                guard ICU.isNonspacingMark(decoded.scalar) else { break }
                hasMark = true
                end += decoded.length
            }
            if (hasMark || base.scalar >= 0xC0) && Self.isStrippable(base.scalar) {
                let piece = UnsafeBufferPointer(rebasing: text[index..<end])
                if let stripped = ICU.stripMarks(piece), !stripped.elementsEqual(piece) {
                    editor.replace(index..<end, with: stripped)
                }
            }
            index = end
        }
        return editor.finish()
    }

    private static func isStrippable(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return true }
        switch ICU.script(of: scalar) {
        case .latin, .greek, .cyrillic, .common, .inherited: return true
        case nil: return false
        }
    }
}
