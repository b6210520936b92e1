/// A document's guessed language, and whether the guess is clear enough to skip the other
/// languages' `own-language` indicators.
public struct LanguageGuess: Sendable, Equatable {
    /// en, es, pt, fr, or `und` when too few function words are seen: reported and filtered by.
    public var language: String
    /// False when the text has few function words or mixes languages (Taglish, Pidgin, Roman
    /// Urdu with English): a wrong guess there would silence the right language's broad
    /// vocabulary.
    public var isClear: Bool

    /// The language whose `own-language` indicators run: `language` when clear, else `und`
    /// (every language's run).
    public var scope: String { isClear ? language : LanguageGuesser.undetermined }
}

/// Guesses a document's language (en, es, pt, fr) from frequent function words in its
/// normalized text. Cheap, and good enough to report and filter by; it decides only whether
/// `own-language` indicators (broad vocabulary) run.
public enum LanguageGuesser {
    public static let undetermined = "und"
    /// A clear guess has at least this many function words of its language...
    static let clearMinimum = 4
    /// ...and the runner-up has at most half as many.
    static let clearMargin = 2

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

    public static func guess(_ text: NormalizedText) -> LanguageGuess {
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
        let ranked = counts.indices.sorted { counts[$0] > counts[$1] }
        let best = ranked[0], runnerUp = counts[ranked[1]]
        guard counts[best] >= 2 else { return LanguageGuess(language: undetermined, isClear: false) }
        return LanguageGuess(language: languages[best], isClear: counts[best] >= clearMinimum && runnerUp * clearMargin <= counts[best])
    }
}
