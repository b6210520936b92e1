/// Stage 6: inside a word that mixes Latin with Cyrillic or Greek letters, the Cyrillic or
/// Greek look-alikes become the Latin letter (`wоrk` with a Cyrillic `о` -> `work`). A word
/// written wholly in one script is left alone. The look-alikes come from ICU's confusable
/// data, per character: a whole-string skeleton would also turn `rn` into `m`.
struct Confusables: NormalizationStage {
    /// Cyrillic/Greek scalar -> the ASCII letter whose skeleton it shares, plus the
    /// look-alikes of capitals that case folding turned into lowercase letters ICU does not
    /// list as confusable (`М` -> `м` reads `m`, `Т` -> `т` reads `t`).
    static let latinLookalikes: [UInt32: UInt8] = {
        var latinBySkeleton: [[UInt8]: UInt8] = [:]
        for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
            latinBySkeleton[ICU.skeleton(of: UInt32(letter))] = letter
        }
        var table: [UInt32: UInt8] = [:]
        for scalar in UInt32(0x0370)...UInt32(0x052F) {
            let skeleton = ICU.skeleton(of: scalar)
            if let letter = latinBySkeleton[skeleton] { table[scalar] = letter }
        }
        for (scalar, letter) in foldedCapitalLookalikes where table[scalar.value] == nil {
            table[scalar.value] = letter.asciiValue!
        }
        return table
    }()

    private static let foldedCapitalLookalikes: [Unicode.Scalar: Character] = [
        "в": "b", "к": "k", "м": "m", "н": "h", "п": "n", "т": "t", "у": "y", "х": "x", "ь": "b", "ё": "e", "ї": "i",
        "β": "b", "η": "n", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u", "γ": "y", "ι": "i",
    ]

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            // Skip to the next word that holds a non-ASCII letter.
            guard text[index] >= 0x80 else { index += 1; continue }
            var wordStart = index
            while wordStart > 0 && Self.isASCIILetter(text[wordStart - 1]) { wordStart -= 1 }
            var hasLatin = wordStart < index
            var lookalikes: [(range: Range<Int>, letter: UInt8)] = []
            var hasOtherScript = false
            var end = index
            while end < text.count {
                let byte = text[end]
                if byte < 0x80 {
                    guard Self.isASCIILetter(byte) else { break }
                    hasLatin = true
                    end += 1
                    continue
                }
                let decoded = UTF8Scalars.decode(text, at: end)
                guard ICU.isAlphabetic(decoded.scalar) || ICU.isNonspacingMark(decoded.scalar) else { break }
                switch ICU.script(of: decoded.scalar) {
                case .latin: hasLatin = true
                case .cyrillic, .greek:
                    hasOtherScript = true
                    if let letter = Self.latinLookalikes[decoded.scalar] {
                        lookalikes.append((end..<(end + decoded.length), letter))
                    }
                default: break
                }
                end += decoded.length
            }
            if hasLatin && hasOtherScript {
                for lookalike in lookalikes { editor.replace(lookalike.range, with: CollectionOfOne(lookalike.letter)) }
            }
            index = max(end, index + UTF8Scalars.decode(text, at: index).length)
        }
        return editor.finish()
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
