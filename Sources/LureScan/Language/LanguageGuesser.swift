/// Guesses a document's language (en, es, pt, fr) from frequent function words in its
/// normalized text; `und` when too few are seen. Cheap, and good enough to report and
/// filter by; it decides only whether `own-language` indicators (broad vocabulary) run.
public enum LanguageGuesser {
    public static let undetermined = "und"

    private static let words: [String: [String]] = [
        "en": ["the", "and", "you", "for", "with", "are", "your", "will", "this", "that", "from", "have", "our", "we", "is", "to", "of"],
        "es": ["el", "los", "las", "que", "para", "con", "una", "por", "del", "se", "tu", "usted", "es", "y", "muy", "trabajo", "pero"],
        "pt": ["o", "os", "que", "para", "com", "uma", "voce", "nao", "do", "da", "dos", "das", "em", "e", "trabalho", "sao", "ate"],
        "fr": ["le", "les", "des", "et", "pour", "vous", "avec", "une", "est", "pas", "sur", "du", "au", "nous", "tu", "ou", "travail"],
    ]
    /// Function word (packed into an integer, at most 8 letters) -> languages, as bits.
    private static let index: [UInt64: UInt8] = {
        var index: [UInt64: UInt8] = [:]
        for (bit, language) in languages.enumerated() {
            for word in words[language]! { index[pack(word.utf8), default: 0] |= 1 << bit }
        }
        return index
    }()
    private static let languages = ["en", "es", "fr", "pt"]

    private static func pack<C: Collection>(_ letters: C) -> UInt64 where C.Element == UInt8 {
        letters.reduce(0) { $0 << 8 | UInt64($1) }
    }

    public static func guess(_ text: NormalizedText) -> String {
        var counts = [Int](repeating: 0, count: languages.count)
        var word: UInt64 = 0
        var length = 0
        func flush() {
            if length > 0 && length <= 8, let bits = index[word] {
                for bit in languages.indices where bits & (1 << bit) != 0 { counts[bit] += 1 }
            }
            word = 0
            length = 0
        }
        for byte in text.bytes.prefix(4096) {
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                word = word << 8 | UInt64(byte)
                length += 1
            } else {
                flush()
            }
        }
        flush()
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] >= 2 else { return undetermined }
        return languages[best]
    }
}
