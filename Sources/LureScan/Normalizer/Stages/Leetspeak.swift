/// Stage 7: leetspeak inside alphabetic words: `h1ring` -> `hiring`, `$alary` -> `salary`,
/// `ca$h` -> `cash`, while numbers (`5000`), and digits at a word's edge (`24h`, `4you`,
/// `1st`, `mp3`) stay — except:
/// - a lone `0` at the edge of a word (`rapid0`, `0fferts`);
/// - a lone digit ending a word of three letters or more (`miam1`, `guard4`, `model5`, `qu3`),
///   two after four (`compagn13`);
/// - a `1`, `3` or `4` opening a word of three letters or more that is not a quantity
///   (`4tencion`, `3dad`; never `3days`, `4hrs`, `4you`);
/// - two-character words of a consonant and `0`, `1`, `3` or `4` (`s3`, `d3`, `n0`: `se`,
///   `de`, `no`; not `h0`, `a4`);
/// - runs mixing digits and `$` inside or at the end of a word (`d3$cuento`, `p4$spor7$`;
///   never a price, `us$100`).
/// Digits count as letters only between two letters; `$` and `€` also at the start of a
/// word; `@` and `!` (`v!sa`) only inside one or after an elision (`t'@s`), `@` never in an
/// e-mail address.
struct Leetspeak: NormalizationStage {
    /// Byte -> the letter it stands for (0 when none): a table, as this runs on every byte.
    /// `StandInLetters` reads the same characters where these rules leave them.
    static let digitLetters = table(["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"])
    static let symbolLetters = table(["$": "s", "@": "a", "!": "i"])

    private static func table(_ pairs: [Character: Character]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 256)
        for (from, to) in pairs { table[Int(from.asciiValue!)] = to.asciiValue! }
        return table
    }

    private static let euro: [UInt8] = [0xE2, 0x82, 0xAC]

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if let run = leetRun(from: index, in: text) {
                if shouldRead(run, in: text) {
                    for position in run.range { editor.substitute(at: position, with: Self.letter(of: text[position])) }
                }
                index = run.range.upperBound
                continue
            }
            let letter = Self.symbolLetters[Int(byte)]
            if letter != 0, opensLetters(at: index + 1, after: byte, in: text), !isDigit(before: index, in: text) {
                // `$` may open a word; `@` (at the start, a handle) and `!` (elsewhere,
                // punctuation) only stand inside one, and `@` never in an e-mail address.
                if byte == UInt8(ascii: "$") || ((isLetter(before: index, in: text) || isAfterElision(index, in: text))
                    && (byte != UInt8(ascii: "@") || !looksLikeEmailDomain(after: index + 1, in: text))) {
                    editor.substitute(at: index, with: letter)
                }
            } else if byte == Self.euro[0], index + 3 <= text.count, text[index + 1] == Self.euro[1], text[index + 2] == Self.euro[2],
                      isLetter(after: index + 3, in: text), !isDigit(before: index, in: text) {
                editor.replace(index..<(index + 3), with: CollectionOfOne(UInt8(ascii: "e")))
            }
            index += 1
        }
        return editor.finish()
    }

    /// Whether a letter follows a leet symbol; after `@`, also a leet digit then a letter
    /// (`sem@1ne`).
    private func opensLetters(at index: Int, after symbol: UInt8, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        isLetter(after: index, in: text) || (symbol == UInt8(ascii: "@") && index < text.count
            && Self.digitLetters[Int(text[index])] != 0 && isLetter(after: index + 1, in: text))
    }

    private static func letter(of byte: UInt8) -> UInt8 {
        byte == UInt8(ascii: "$") ? UInt8(ascii: "s") : digitLetters[Int(byte)]
    }

    /// A run of leet digits and `$` (found once, whatever rule then reads it).
    private struct LeetRun {
        var range: Range<Int>
        var hasDollar: Bool
    }

    /// The run of leet digits and `$` starting at `index`; nil at any other byte and at a lone
    /// `$` (the symbol rule below reads that one).
    private func leetRun(from index: Int, in text: UnsafeBufferPointer<UInt8>) -> LeetRun? {
        var end = index
        var hasDollar = false
        while end < text.count, text[end] == UInt8(ascii: "$") || Self.digitLetters[Int(text[end])] != 0 {
            if text[end] == UInt8(ascii: "$") { hasDollar = true }
            end += 1
        }
        guard end > index, !(hasDollar && end - index == 1) else { return nil }
        return LeetRun(range: index..<end, hasDollar: hasDollar)
    }

    /// Digits alone: one or two between letters (`h00ker`, `m0ney`), or at an edge (`rapid0`,
    /// `miam1`). Mixed with `$` (`d3$cuento`, `p4$spor7$`, `ru$$ia`): at most three between
    /// letters, or two ending a word of three letters; a `$` before a digit is a price
    /// (`us$100`, `r$5`) and leaves the run as it is.
    private func shouldRead(_ run: LeetRun, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = run.range
        let inside = (isLetter(before: range.lowerBound, in: text) || isLeetAt(before: range.lowerBound, in: text))
            && isLetter(after: range.upperBound, in: text)
        guard run.hasDollar else {
            return range.count <= 2 && (inside || isEdgeZero(range, in: text) || isTrailingDigit(range, in: text)
                || isShortWord(range, in: text) || isLeadingDigit(range, in: text))
        }
        let price = range.dropLast().contains { text[$0] == UInt8(ascii: "$") && isDigit(after: $0 + 1, in: text) }
        let trailing = range.count <= 2 && endsWord(afterThreeLettersBefore: range.lowerBound, end: range.upperBound, in: text)
        return !price && ((range.count <= 3 && inside) || trailing)
    }

    /// A lone `0` ending or starting a word of two or more letters: `rapid0`, `0fferts`.
    private func isEdgeZero(_ run: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard run.count == 1, text[run.lowerBound] == UInt8(ascii: "0") else { return false }
        let before = isLetter(before: run.lowerBound, in: text), after = isLetter(after: run.upperBound, in: text)
        if before && !after {
            return run.lowerBound >= 2 && isLetter(before: run.lowerBound - 1, in: text) && !isDigit(after: run.upperBound, in: text)
        }
        if after && !before {
            return isLetter(after: run.upperBound + 1, in: text) && !isDigit(before: run.lowerBound, in: text)
        }
        return false
    }

    private static let digitsAfterQu = Set("13".utf8)

    /// A lone digit after three letters, ending the word (`miam1`, `guard4`); two after four
    /// (`compagn13`, but not `win10`, `top10`); `3` or `1` after `qu` (`qu3`, `qu1`: `que`, `qui`).
    private func isTrailingDigit(_ run: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch run.count {
        case 1:
            if endsWord(afterThreeLettersBefore: run.lowerBound, end: run.upperBound, in: text) { return true }
            let start = run.lowerBound - 2
            return start >= 0 && text[start] == UInt8(ascii: "q") && text[start + 1] == UInt8(ascii: "u")
                && Self.digitsAfterQu.contains(text[run.lowerBound]) && standsAlone(start..<run.upperBound, in: text)
        case 2:
            return run.lowerBound >= 4 && endsWord(afterThreeLettersBefore: run.lowerBound, end: run.upperBound, in: text)
                && (text[run.lowerBound - 4] < 0x80 && Self.isLetterScalar(UInt32(text[run.lowerBound - 4])))
        default:
            return false
        }
    }

    /// Whether `start..<end` ends a word of at least three letters before it, counting leet
    /// characters as letters (`M14m1` is `miami` too), the one just before being a letter.
    private func endsWord(afterThreeLettersBefore start: Int, end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        func letterLike(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "$") || byte == UInt8(ascii: "@") || Self.digitLetters[Int(byte)] != 0
                || (byte < 0x80 && Self.isLetterScalar(UInt32(byte)))
        }
        guard start >= 3, text[start - 1] < 0x80, Self.isLetterScalar(UInt32(text[start - 1])),
              (2...3).allSatisfy({ letterLike(text[start - $0]) }) else { return false }
        return !isLetter(after: end, in: text) && !isDigit(after: end, in: text)
    }

    /// Consonants that open a two-character leet word (`s3`, `d3`, `m1`, `l4`, `y0`): `h` and
    /// `w` stay out (`h0`, `w1` are labels more often than words), vowels too (`a4`, `e3`),
    /// and the currency letters that make no word with a digit (`R3 000` rand, `K1` kwacha,
    /// `Q3` quetzal).
    private static let shortWordConsonants = Set("bcdfgjlmnpstvxyz".utf8)
    private static let shortWordDigits = Set("0134".utf8)
    /// Letters that close a two-character word opened by a leet digit (`0n`, `3n`, `3l`, `3s`,
    /// `3t`, `0r`, `1f`: `on`, `en`, `el`, `es`, `et`, `or`, `if`); not units (`3m`, `4k`, `1h`, `3d`).
    private static let shortWordEndings = Set("ntrfls".utf8)

    /// A word of a consonant and one digit (`s3 buscan`, `chicas d3 18`) or of a digit and
    /// one of `shortWordEndings` (`0n te donne`), standing alone: not part of a code or a
    /// name with dots or dashes (`t3.micro`, `x-1`, `2s3`).
    private func isShortWord(_ run: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard run.count == 1, Self.shortWordDigits.contains(text[run.lowerBound]) else { return false }
        if run.lowerBound >= 1, Self.shortWordConsonants.contains(text[run.lowerBound - 1]),
           standsAlone((run.lowerBound - 1)..<run.upperBound, in: text) { return true }
        return run.upperBound < text.count && Self.shortWordEndings.contains(text[run.upperBound])
            && standsAlone(run.lowerBound..<(run.upperBound + 1), in: text)
    }

    /// What a single digit leading a word means when it is a quantity (`3days`, `4hrs`,
    /// `1bed`) and the `4` that reads `for` (`4you`, `4sale`), in en, es, pt, fr.
    private static let unitsAfterDigit = ["day", "dia", "jour", "hour", "hora", "heure", "hr", "week", "seman", "month", "mes",
                                          "mois", "year", "yr", "ano", "ans", "night", "noche", "noite", "nuit", "bed", "bhk",
                                          "room", "star", "door", "min", "km", "kg", "way", "pers", "pax", "time", "vez", "fois",
                                          "you", "ever", "sale", "real", "all", "life", "free"]
        .map { Array($0.utf8) }

    private static let leadingDigits = Set("134".utf8)

    /// `1`, `3` or `4` opening a word of three or more letters that is not a unit:
    /// `4tencion`, `3dad`, `4rriba`.
    private func isLeadingDigit(_ run: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let digit = run.lowerBound
        guard run.count == 1, Self.leadingDigits.contains(text[digit]) else { return false }
        // The rest of the word: letters, and leet digits and `@` among them (`3ng@g3m3nt`).
        var end = run.upperBound, letterCount = 0
        while end < text.count, text[end] < 0x80 {
            if Self.isLetterScalar(UInt32(text[end])) { letterCount += 1 }
            else if letterCount == 0 || (text[end] != UInt8(ascii: "@") && Self.digitLetters[Int(text[end])] == 0) { break }
            end += 1
        }
        guard letterCount >= 3, standsAlone(digit..<end, in: text) else { return false }
        let letters = text[run.upperBound..<end]
        return !Self.unitsAfterDigit.contains { letters.starts(with: $0) } && !Self.isOrdinal(digit: text[digit], ending: letters)
    }

    /// Ordinals in en, es, pt, fr (`1st`, `1er`, `1ère`, `1ra`, `3rd`, `3era`, `4to`, `4eme`),
    /// by their digit: a number, not leet, even where a word reads the same (`ler`, `ira`).
    private static let ordinalEndings: [UInt8: Set<[UInt8]>] = [
        UInt8(ascii: "1"): ["st", "er", "re", "ere", "ers", "res", "eres", "ro", "ra", "ero", "era", "eme"],
        UInt8(ascii: "3"): ["rd", "ro", "ra", "er", "ero", "era", "eme"],
        UInt8(ascii: "4"): ["th", "to", "ta", "eme"],
    ].mapValues { Set($0.map { Array($0.utf8) }) }

    static func isOrdinal<Ending: Collection>(digit: UInt8, ending: Ending) -> Bool where Ending.Element == UInt8 {
        ordinalEndings[digit]?.contains(Array(ending)) ?? false
    }

    private static let wordJoiners = Set("$_-/@".utf8)

    /// Nothing word-like touches `word` on either side: no letter, digit, `$`, `_`, `-`, `/`,
    /// no `.` joining it to more text, and no `,` or `.` before digits (`N5,000`, `L3.500`).
    private func standsAlone(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.lowerBound > 0 {
            let before = text[word.lowerBound - 1]
            if Self.wordJoiners.contains(before) || before == UInt8(ascii: ".") || isDigit(before: word.lowerBound, in: text)
                || isLetter(before: word.lowerBound, in: text) { return false }
        }
        guard word.upperBound < text.count else { return true }
        let after = text[word.upperBound]
        if Self.wordJoiners.contains(after) || isDigit(after: word.upperBound, in: text) || isLetter(after: word.upperBound, in: text) { return false }
        if after == UInt8(ascii: ",") { return !isDigit(after: word.upperBound + 1, in: text) }
        return after != UInt8(ascii: ".") || !(isLetter(after: word.upperBound + 1, in: text) || isDigit(after: word.upperBound + 1, in: text))
    }

    /// `index` just after an elided article or pronoun (`t'@s`, `l'@gence`, `m'@imes`).
    private func isAfterElision(_ index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        index >= 2 && text[index - 1] == UInt8(ascii: "'") && isLetter(before: index - 1, in: text)
    }

    /// An `@` just before `index` that stands for `a` inside a word (`sem@1n3`: the `1` is
    /// between letters too), never in an e-mail address (`ana@4life.com`).
    private func isLeetAt(before index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        index >= 2 && text[index - 1] == UInt8(ascii: "@") && isLetter(before: index - 1, in: text)
            && !looksLikeEmailDomain(after: index, in: text)
    }

    private func isDigit(after index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        index < text.count && text[index] >= UInt8(ascii: "0") && text[index] <= UInt8(ascii: "9")
    }

    private func scalar(before index: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return UTF8Scalars.decode(text, at: start).scalar
    }

    private func isLetter(before index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        scalar(before: index, in: text).map(Self.isLetterScalar) ?? false
    }

    private func isLetter(after index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < text.count else { return false }
        return Self.isLetterScalar(UTF8Scalars.decode(text, at: index).scalar)
    }

    private func isDigit(before index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        index > 0 && text[index - 1] >= UInt8(ascii: "0") && text[index - 1] <= UInt8(ascii: "9")
    }

    /// `name@gmail.com`: letters then a dot then a letter.
    private func looksLikeEmailDomain(after index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = index
        while position < text.count, Self.isLetterScalar(UInt32(text[position])) || text[position] == UInt8(ascii: "-") || (text[position] >= 0x30 && text[position] <= 0x39) {
            position += 1
        }
        return position + 1 < text.count && text[position] == UInt8(ascii: ".") && Self.isLetterScalar(UInt32(text[position + 1]))
    }

    static func isLetterScalar(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            let lower = UInt8(scalar) | 0x20
            return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
        }
        return ICU.isAlphabetic(scalar)
    }
}
