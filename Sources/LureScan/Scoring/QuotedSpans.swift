/// The stretches of normalized text between quotation marks, and the lines a reply quotes
/// with `>` (e-mail and forum quoting: `> they keep your passport`).
///
/// The normalizer folds `“ ” „ « »` to `"` and `‘ ’` to `'`, so the direction of a mark is
/// usually lost and marks pair in order of appearance. The typographic marks themselves are
/// recognised too, for text normalized without case folding.
struct QuotedSpans: Sendable {
    /// A pair of marks further apart than this is not a quotation: one stray mark (an inch
    /// sign, a typo) would otherwise turn the rest of a long text into a quote.
    static let maximumLength = 600

    /// The text inside each pair of marks, marks excluded.
    let spans: [Range<Int>]

    private enum Mark { case double, single }

    init(_ bytes: [UInt8]) {
        var spans: [Range<Int>] = []
        var open: [Mark: Int] = [:]
        var index = 0
        while index < bytes.count {
            guard let (mark, length) = Self.mark(at: index, in: bytes) else {
                index += 1
                continue
            }
            let before = index > 0 ? bytes[index - 1] : nil
            let after = index + length < bytes.count ? bytes[index + length] : nil
            let (canOpen, canClose) = Self.roles(of: mark, before: before, after: after)
            if canClose, let start = open[mark] {
                open[mark] = nil
                if index - start <= Self.maximumLength {
                    spans.append(start..<index)
                    index += length
                    continue
                }
            }
            if canOpen { open[mark] = index + length }
            index += length
        }
        self.spans = spans + Self.replyQuotedLines(bytes)
    }

    /// The text of each line that opens with `>` (after spaces; `>>` for a quote in a quote).
    private static func replyQuotedLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            var index = lineStart
            while index < lineEnd, isSpace(bytes[index]) { index += 1 }
            if index < lineEnd, bytes[index] == UInt8(ascii: ">") {
                while index < lineEnd, bytes[index] == UInt8(ascii: ">") || isSpace(bytes[index]) { index += 1 }
                if index < lineEnd { lines.append(index..<lineEnd) }
            }
            lineStart = lineEnd + 1
        }
        return lines
    }

    /// Whether every letter, digit or symbol of `range` lies inside a quotation. Spaces and
    /// punctuation may lie outside: a hit may run across the `", "` between two quoted
    /// phrases of one list, never over the unquoted words of the author.
    func covers(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        let touching = spans.filter { $0.overlaps(range) }
        guard !touching.isEmpty else { return false }
        return range.allSatisfy { index in
            !Self.isWordByte(bytes[index]) || touching.contains { $0.contains(index) }
        }
    }

    /// `"` may open anywhere but after a digit (`32"`, `5'10"` are inches) and close anywhere.
    /// `'` is also the apostrophe (`don't`, `l'ecole`): it opens only at the start of a word
    /// and closes only at the end of one.
    private static func roles(of mark: Mark, before: UInt8?, after: UInt8?) -> (canOpen: Bool, canClose: Bool) {
        switch mark {
        case .double:
            return (before.map { !isDigit($0) } ?? true, true)
        case .single:
            let wordBefore = before.map(isWordByte) ?? false
            let wordAfter = after.map(isWordByte) ?? false
            let spaceBefore = before.map(isSpace) ?? true
            return (!wordBefore && wordAfter, !spaceBefore && !wordAfter)
        }
    }

    private static func mark(at index: Int, in bytes: [UInt8]) -> (Mark, Int)? {
        switch bytes[index] {
        case 0x22: return (.double, 1)
        case 0x27: return (.single, 1)
        case 0xC2 where index + 1 < bytes.count && (bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB):
            return (.double, 2)  // « »
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
            switch bytes[index + 2] {
            case 0x9C...0x9F: return (.double, 3)  // “ ” „ ‟
            case 0x98...0x9B, 0xB9, 0xBA: return (.single, 3)  // ‘ ’ ‚ ‛ ‹ ›
            default: return nil
            }
        default: return nil
        }
    }

    /// ASCII letters and digits, and every byte of a non-ASCII character (accents are gone
    /// after normalization, so what is left is mostly emoji and other scripts).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
}
