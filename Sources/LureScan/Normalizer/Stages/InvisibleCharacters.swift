/// Stage 2: drops characters that are invisible but break words apart: zero-width
/// space/joiner/non-joiner, word joiner, BOM, soft hyphen, bidi controls, variation
/// selectors (so `✈️` == `✈`), emoji skin tones, tag characters, and C0 controls other
/// than whitespace.
struct InvisibleCharacters: NormalizationStage {
    static func isInvisible(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00...0x08, 0x0E...0x1F, 0x7F: return true
        case 0xAD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F: return true
        case 0xFE00...0xFE0F, 0xFEFF: return true
        case 0x1F3FB...0x1F3FF, 0xE0000...0xE007F, 0xE0100...0xE01EF: return true
        default: return false
        }
    }

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte >= 0x20 && byte < 0x7F || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C {
                index += 1
                continue
            }
            let decoded = UTF8Scalars.decode(text, at: index)
            if Self.isInvisible(decoded.scalar) {
                editor.delete(index..<(index + decoded.length))
            }
            index += decoded.length
        }
        return editor.finish()
    }
}
