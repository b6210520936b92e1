/// Stage 8: words whose letters were replaced to dodge moderation are read back from a
/// `Lexicon` of known words:
/// - letters censored with `*` (`b*rco`, `p*ss*gem`): each `*` between letters hides one letter;
/// - leet digits and symbols that stage 7's rules leave standing because, out of context, they
///   may be numbers (`3d4d` -> `3dad`, `4ll`, `produc710n`, `nouve@u`, `ag3`).
/// A word is restored only when the lexicon has exactly one reading (or one far more common
/// than the rest), so `5am`, `1st`, `mp3` and unknown words stay as written. Stars at a
/// word's edge (`*bold*`, `5*`) and words joined to handles, paths or other digits
/// (`@kl_spa`, `t.me/x`, `b04_od`, `9am`) are never read.
struct StandInLetters: NormalizationStage {
    let lexicon: Lexicon

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        guard !lexicon.isEmpty else { return nil }
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            guard Self.opensWord(text[index]), index == 0 || !Self.isJoined(text[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < text.count, Lexicon.isLetter(text[end]) || Self.letters[Int(text[end])] != 0 { end += 1 }
            // Stars, `!` and `$` at its end are formatting, punctuation or a currency.
            var last = end
            while last > index, Self.closesNothing(text[last - 1]) { last -= 1 }
            let word = text[index..<last]
            let standIns = word.lazy.filter { !Lexicon.isLetter($0) }.count
            if standIns > 0, word.count - standIns >= 2, standIns <= word.count - standIns,
               !Self.continues(text, at: end), !Leetspeak.isOrdinal(digit: word.first!, ending: word.dropFirst()),
               let reading = lexicon.reading(allowing: word.map { Self.letters[Int($0)] }) {
                for (offset, byte) in reading.enumerated() where text[index + offset] != byte {
                    editor.substitute(at: index + offset, with: byte)
                }
            }
            index = max(end, index + 1)
        }
        return editor.finish()
    }

    /// Byte -> the letters it may stand for, one bit per letter `a`...`z` (0: none): a letter
    /// itself; `*` any letter; a leet digit or symbol the letter `Leetspeak` reads it as, and
    /// `1` and `!` also `l`, which the rules never guess.
    static let letters: [UInt32] = {
        func bit(_ letter: UInt8) -> UInt32 { 1 << UInt32(letter - UInt8(ascii: "a")) }
        var table = [UInt32](repeating: 0, count: 256)
        for byte in 0..<256 {
            if Lexicon.isLetter(UInt8(byte)) { table[byte] = bit(UInt8(byte)) }
            for leet in [Leetspeak.digitLetters[byte], Leetspeak.symbolLetters[byte]] where leet != 0 { table[byte] |= bit(leet) }
        }
        table[Int(Lexicon.hidden)] = (1 << 26) - 1
        for standIn in "1!".utf8 { table[Int(standIn)] |= bit(UInt8(ascii: "l")) }
        return table
    }()

    /// A word may open with a letter or a leet digit, `@` or `$` (`3dad`, `@ncien`); not with
    /// a star (formatting), `!`, or a `5`/`7` (`5am`, `7pm` are times, not words).
    private static func opensWord(_ byte: UInt8) -> Bool {
        letters[Int(byte)] != 0 && !"*!57".utf8.contains(byte)
    }

    private static func closesNothing(_ byte: UInt8) -> Bool {
        byte == Lexicon.hidden || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "$")
    }

    /// A byte before a word that makes it part of something else: more of a word (letters,
    /// other digits, other scripts), a handle, a hashtag-free path or a domain.
    private static func isJoined(_ byte: UInt8) -> Bool {
        Lexicon.isWordByte(byte) || letters[Int(byte)] != 0 || "_/.-\\".utf8.contains(byte)
    }

    /// Whether the word goes on past `end`: a word byte, a joiner (`_`, `/`, `@`), or a `.`
    /// or `-` followed by more word (`t3.micro`, `x-1`).
    private static func continues(_ text: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        guard end < text.count else { return false }
        let byte = text[end]
        if Lexicon.isWordByte(byte) || "_/@".utf8.contains(byte) { return true }
        return (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")) && end + 1 < text.count && Lexicon.isWordByte(text[end + 1])
    }
}
