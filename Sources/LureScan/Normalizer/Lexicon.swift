/// Known words (normalized: lowercase ASCII letters) with how often each was seen, to read a
/// word whose letters were hidden or replaced (`b*rco`, `3dad`, `νια`): a word of the same
/// length that agrees on every letter left standing. The normalizer never guesses a word the
/// lexicon does not hold.
public struct Lexicon: Sendable {
    /// Words by length, each with its count.
    private var words: [Int: [[UInt8]: Int]] = [:]

    public static let empty = Lexicon()

    public var isEmpty: Bool { words.isEmpty }

    public init() {}

    /// The words of `texts` (already normalized), three letters or longer.
    public init<Texts: Sequence>(normalizedTexts texts: Texts) where Texts.Element == [UInt8] {
        for text in texts {
            var start: Int? = nil
            for index in 0...text.count {
                let isLetter = index < text.count && Self.isLetter(text[index])
                if isLetter, start == nil { start = index }
                if !isLetter, let first = start {
                    let boundedBefore = first == 0 || !Self.isWordByte(text[first - 1])
                    let boundedAfter = index == text.count || !Self.isWordByte(text[index])
                    if index - first >= 3, boundedBefore, boundedAfter {
                        words[index - first, default: [:]][Array(text[first..<index]), default: 0] += 1
                    }
                    start = nil
                }
            }
        }
    }

    /// The word whose letters fit `allowed` (one bitmask of letters `a`...`z` per position):
    /// the only one, or one seen at least twice as often as any other; nil when none or unclear.
    func reading(allowing allowed: [UInt32]) -> [UInt8]? {
        guard let sameLength = words[allowed.count] else { return nil }
        var best: (word: [UInt8], count: Int)? = nil
        var runnerUp = 0
        for (word, count) in sameLength where zip(word, allowed).allSatisfy({ $1 & (1 << UInt32($0 &- UInt8(ascii: "a"))) != 0 }) {
            if count > best?.count ?? 0 {
                runnerUp = best?.count ?? 0
                best = (word, count)
            } else {
                runnerUp = max(runnerUp, count)
            }
        }
        guard let best, best.count >= 2 * runnerUp else { return nil }
        return best.word
    }

    /// Whether `word` (lowercase ASCII letters) is a known word.
    func contains<Bytes: Collection>(_ word: Bytes) -> Bool where Bytes.Element == UInt8 {
        words[word.count]?[Array(word)] != nil
    }

    static let hidden = UInt8(ascii: "*")

    static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    /// Bytes that continue a word: letters, digits and any non-ASCII (accents, other scripts).
    static func isWordByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte >= 0x80
    }
}
