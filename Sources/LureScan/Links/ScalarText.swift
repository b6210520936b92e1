/// A document's text decoded to Unicode scalars, each with the byte offset where it starts
/// (invalid UTF-8 bytes read as U+FFFD, one byte each), so extractors can work on
/// characters and still report byte ranges of the original text.
struct ScalarText {
    var scalars: [Unicode.Scalar]
    /// `offsets[i]` is where scalar `i` starts; `offsets[count]` is the text's length.
    var offsets: [Int]

    var count: Int { scalars.count }

    init(_ bytes: [UInt8]) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            offsets.append(index)
            if lead < 0x80 {
                scalars.append(Unicode.Scalar(lead))
                index += 1
                continue
            }
            let length = lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 && lead < 0xF0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0
            var value = UInt32(length == 4 ? lead & 0x07 : length == 3 ? lead & 0x0F : lead & 0x1F)
            var valid = length > 0 && index + length <= count
            if valid {
                for next in 1..<length {
                    let byte = bytes[index + next]
                    guard byte & 0xC0 == 0x80 else { valid = false; break }
                    value = value << 6 | UInt32(byte & 0x3F)
                }
            }
            if valid, let scalar = Unicode.Scalar(value),
               !(length == 3 && value < 0x800), !(length == 4 && (value < 0x10000 || value > 0x10FFFF)) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append("\u{FFFD}")
                index += 1
            }
        }
        offsets.append(count)
        self.scalars = scalars
        self.offsets = offsets
    }

    init(_ string: String) { self.init(Array(string.utf8)) }

    /// Byte range of the scalar range.
    func byteRange(_ range: Range<Int>) -> Range<Int> { offsets[range.lowerBound]..<offsets[range.upperBound] }

    func string(_ range: Range<Int>) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[range])
        return String(result)
    }

    /// The scalar at `index`, or nil outside the text.
    subscript(safe index: Int) -> Unicode.Scalar? { index >= 0 && index < scalars.count ? scalars[index] : nil }

    /// ASCII-lowercased scalar (others unchanged).
    func lower(_ index: Int) -> Unicode.Scalar {
        let scalar = scalars[index]
        return scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    /// Does the text at `index` read `word` (ASCII, lowercase), case-insensitively?
    func matches(_ word: String, at index: Int) -> Bool {
        var position = index
        for scalar in word.unicodeScalars {
            guard position < scalars.count, lower(position) == scalar else { return false }
            position += 1
        }
        return true
    }
}

/// Character classes shared by the extractors.
enum Characters {
    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool { (scalar.value | 0x20) >= 97 && (scalar.value | 0x20) <= 122 }
    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool { isASCIIDigit(scalar) || isASCIILetter(scalar) }

    /// A letter, digit or combining mark: part of a word.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIAlphanumeric(scalar) }
        if isInvisible(scalar) { return false }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType == .decimal { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return scalar.value != 0x20E3
        default: return false
        }
    }

    /// The value of a decimal digit of any script (ASCII, full-width, mathematical…).
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        if isASCIIDigit(scalar) { return Int(scalar.value - 48) }
        guard scalar.value >= 0x80, scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
        return Int(value)
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{0B}" || scalar == "\u{0C}"
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{202F}" || (scalar.value >= 0x2000 && scalar.value <= 0x200A)
    }

    /// Invisible joiners and selectors that ride on other characters (variation selectors,
    /// zero-width characters, the keycap mark, skin tones).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE00...0xFE0F, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x20E3, 0x1F3FB...0x1F3FF, 0xAD: return true
        default: return false
        }
    }

    /// An emoji or pictographic symbol (not a digit, `#` or `*`, which are emoji bases too).
    static func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else { return false }
        if scalar.properties.isEmojiPresentation || scalar.properties.isEmoji { return true }
        switch scalar.properties.generalCategory {
        case .otherSymbol, .mathSymbol, .modifierSymbol, .dashPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// A word of at most 8 letters folded to lowercase ASCII (common accents removed) and
    /// packed into an integer: word lists are checked without building strings.
    static func packed(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64? {
        guard scalars.count <= 8 else { return nil }
        var result: UInt64 = 0
        for scalar in scalars {
            var value = scalar.value
            if value >= 65 && value <= 90 { value += 32 }
            if value >= 0x80 {
                switch scalar {
                case "á", "à", "â", "ã", "Á", "À", "Â", "Ã": value = 97
                case "é", "è", "ê", "É", "È", "Ê": value = 101
                case "í", "Í": value = 105
                case "ó", "ô", "õ", "Ó", "Ô", "Õ": value = 111
                case "ú", "Ú": value = 117
                case "ç", "Ç": value = 99
                default: return nil
                }
            }
            guard value >= 97 && value <= 122 else { return nil }
            result = result << 8 | UInt64(value)
        }
        return result
    }

    static func packed(_ word: String) -> UInt64 { packed(ArraySlice(word.unicodeScalars))! }

    /// Folds a short word for comparison with word lists: lowercase, common accents removed.
    static func fold(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            let lowered = scalar.properties.lowercaseMapping.unicodeScalars
            for character in lowered {
                switch character {
                case "á", "à", "â", "ã", "ä": result.append("a")
                case "é", "è", "ê", "ë": result.append("e")
                case "í", "ì", "î", "ï": result.append("i")
                case "ó", "ò", "ô", "õ", "ö": result.append("o")
                case "ú", "ù", "û", "ü": result.append("u")
                case "ç": result.append("c")
                case "ñ": result.append("n")
                default: result.append(character)
                }
            }
        }
        return String(result)
    }
}
