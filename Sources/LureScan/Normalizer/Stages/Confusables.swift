/// Stages 2 and 6: inside a word that mixes Latin with Cyrillic or Greek letters, the
/// Cyrillic or Greek look-alikes become the Latin letter (`wоrk` with a Cyrillic `о` ->
/// `work`). A word written wholly in look-alikes is read only when the `Lexicon` knows its
/// reading (`νια` -> `via`, `ѕра` -> `spa`): a Greek or Russian word stays. The look-alikes come from
/// ICU's confusable data, per character: a whole-string skeleton would also turn `rn` into `m`.
///
/// Capitals are read before case folding (`.capitals`), since folding merges look-alikes
/// that differ: capital `Μ` reads `M` and small `μ` reads `u`, capital `Η` reads `H` and
/// small `η` reads `n`. Small letters are read after it (`.folded`), when math-styled and
/// full-width letters have become plain ones and spaced letters have been joined.
struct Confusables: NormalizationStage {
    enum Letters { case capitals, folded }

    /// Look-alike scalar -> the ASCII letter it reads as, for this stage's letters.
    private let latinLetters: [UInt32: UInt8]
    /// Known words, to read a word written wholly in look-alikes; empty: such words stay.
    private let lexicon: Lexicon

    init(letters: Letters, lexicon: Lexicon = .empty) {
        latinLetters = letters == .capitals ? Self.capitalLookalikes : Self.smallLookalikes
        self.lexicon = lexicon
    }

    /// Cyrillic/Greek capital -> the lowercase ASCII letter whose capital shares its skeleton.
    static let capitalLookalikes: [UInt32: UInt8] = lookalikes(of: UInt8(ascii: "A")...UInt8(ascii: "Z")) { scalar in
        Unicode.Scalar(scalar)?.properties.isUppercase == true
    }

    /// Cyrillic/Greek scalar -> the ASCII letter whose skeleton it shares, plus the small
    /// letters ICU does not list as confusable that still read as one: folded capitals that
    /// escaped `.capitals` (a capital alone, `М a s s a g e`) and `ε`.
    static let smallLookalikes: [UInt32: UInt8] = {
        var table = lookalikes(of: UInt8(ascii: "a")...UInt8(ascii: "z")) { _ in true }
        for (scalar, letter) in extraSmallLookalikes where table[scalar.value] == nil {
            table[scalar.value] = letter.asciiValue!
        }
        return table
    }()

    private static func lookalikes(of latin: ClosedRange<UInt8>, where include: (UInt32) -> Bool) -> [UInt32: UInt8] {
        var latinBySkeleton: [[UInt8]: UInt8] = [:]
        for letter in latin { latinBySkeleton[ICU.skeleton(of: UInt32(letter))] = letter | 0x20 }
        var table: [UInt32: UInt8] = [:]
        for scalar in UInt32(0x0370)...UInt32(0x052F) where include(scalar) {
            if let letter = latinBySkeleton[ICU.skeleton(of: scalar)] { table[scalar] = letter }
        }
        return table
    }

    private static let extraSmallLookalikes: [Unicode.Scalar: Character] = [
        "в": "b", "к": "k", "м": "m", "н": "h", "п": "n", "т": "t", "у": "y", "х": "x", "ь": "b", "ё": "e", "ї": "i",
        "β": "b", "η": "n", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u", "γ": "y", "ι": "i",
        "ε": "e",
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
            var letterCount = 0
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
                letterCount += 1
                switch ICU.script(of: decoded.scalar) {
                case .latin: hasLatin = true
                case .cyrillic, .greek:
                    hasOtherScript = true
                    if let letter = latinLetters[decoded.scalar] {
                        lookalikes.append((end..<(end + decoded.length), letter))
                    }
                default: break
                }
                end += decoded.length
            }
            if hasOtherScript && (hasLatin || isKnownWord(lookalikes, letterCount: letterCount)) {
                for lookalike in lookalikes { editor.replace(lookalike.range, with: CollectionOfOne(lookalike.letter)) }
            }
            index = max(end, index + UTF8Scalars.decode(text, at: index).length)
        }
        return editor.finish()
    }

    /// A word wholly of look-alikes (three letters or more) that reads as a known word.
    private func isKnownWord(_ lookalikes: [(range: Range<Int>, letter: UInt8)], letterCount: Int) -> Bool {
        letterCount >= 3 && lookalikes.count == letterCount && lexicon.contains(lookalikes.map(\.letter))
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
