/// Stage 9: whitespace runs become one space; a run holding a line break becomes one `\n`.
struct Whitespace: NormalizationStage {
    private static func kind(of scalar: UInt32) -> (isSpace: Bool, isBreak: Bool) {
        switch scalar {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return (true, true)
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return (true, false)
        default: return (false, false)
        }
    }

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            let decoded = UTF8Scalars.decode(text, at: index)
            let first = Self.kind(of: decoded.scalar)
            guard first.isSpace else {
                index += decoded.length
                continue
            }
            var end = index + decoded.length
            var hasBreak = first.isBreak
            while end < text.count {
                let next = UTF8Scalars.decode(text, at: end)
                let kind = Self.kind(of: next.scalar)
                guard kind.isSpace else { break }
                hasBreak = hasBreak || kind.isBreak
                end += next.length
            }
            let folded = hasBreak ? UInt8(ascii: "\n") : UInt8(ascii: " ")
            if end - index != 1 || text[index] != folded {
                editor.replace(index..<end, with: CollectionOfOne(folded))
            }
            index = end
        }
        return editor.finish()
    }
}
