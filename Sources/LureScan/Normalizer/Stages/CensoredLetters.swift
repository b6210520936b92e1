/// Stage 8: letters censored with `*` to dodge moderation (`b*rco`, `p*ss*gem`,
/// `d*cumentos`) are read back from a `Lexicon` of known words: each `*` between two letters
/// is one hidden letter, and the word is restored only when the lexicon has exactly one
/// reading (or one far more common than the rest). Stars at a word's edge (`*bold*`,
/// `5*`, `*forwarded`) and words the lexicon does not hold stay as written.
struct CensoredLetters: NormalizationStage {
    let lexicon: Lexicon

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        guard !lexicon.isEmpty, text.contains(Lexicon.hidden) else { return nil }
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            guard Lexicon.isLetter(text[index]), index == 0 || !Lexicon.isWordByte(text[index - 1]) else {
                index += 1
                continue
            }
            // A word of letters and stars, starting at a letter.
            var end = index
            while end < text.count, Lexicon.isLetter(text[end]) || text[end] == Lexicon.hidden { end += 1 }
            // Stars at its end are formatting, not letters.
            var last = end
            while text[last - 1] == Lexicon.hidden { last -= 1 }
            let word = text[index..<last]
            let stars = word.lazy.filter { $0 == Lexicon.hidden }.count
            let followedByWord = last == end && end < text.count && Lexicon.isWordByte(text[end])
            if stars > 0, word.count - stars >= 2, stars <= word.count - stars, !followedByWord,
               let reading = lexicon.reading(of: word) {
                for (offset, byte) in reading.enumerated() where text[index + offset] == Lexicon.hidden {
                    editor.substitute(at: index + offset, with: byte)
                }
            }
            index = end
        }
        return editor.finish()
    }
}
