/// The normalization stages, in the order they run. Each can be switched off.
public enum NormalizationStep: String, CaseIterable, Sendable {
    case decode, invisibles, caseFold, diacritics, spacedLetters, confusables, leetspeak, standInLetters, whitespace, emojiWords
}

/// Text as the indicator patterns see it, with a map from every normalized byte back to
/// the bytes of the text it was made from.
public struct NormalizedText: Sendable {
    public var bytes: [UInt8]
    public var map: OffsetMap
    /// The charset the input was read as (`UTF-8` unless converted).
    public var charset: String
    /// Invalid UTF-8 bytes replaced by U+FFFD.
    public var invalidBytes: Int

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Turns raw document text into `NormalizedText` (see indicators/README.md for what each
/// stage does and why). Knows nothing of patterns or matching.
public struct Normalizer: Sendable {
    public var steps: Set<NormalizationStep>
    private let stages: [(NormalizationStep, any NormalizationStage)]

    /// Capital look-alikes are read before case folding merges them with small letters that
    /// read differently (`Μ`, `μ`); spaced letters are joined before the small look-alikes
    /// are mapped: `Т е l е g r а m` is a mixed-script word only once its letters stand
    /// together; stand-in letters are read once leetspeak has made the rest of a word letters.
    /// `lexicon`: known words, to split a spaced-out phrase into its words (`SpacedLetters`),
    /// to read words written wholly in look-alikes (`Confusables`) and letters hidden by `*` or
    /// leet that the rules leave (`StandInLetters`); empty: left as written.
    public init(steps: Set<NormalizationStep> = Set(NormalizationStep.allCases), lexicon: Lexicon = .empty) {
        self.steps = steps
        stages = [
            (.invisibles, InvisibleCharacters()),
            (.confusables, Confusables(letters: .capitals)),
            (.caseFold, CaseFolding()),
            (.diacritics, Diacritics()),
            (.spacedLetters, SpacedLetters(lexicon: lexicon)),
            (.confusables, Confusables(letters: .folded, lexicon: lexicon)),
            (.leetspeak, Leetspeak()),
            (.standInLetters, StandInLetters(lexicon: lexicon)),
            (.whitespace, Whitespace()),
        ]
    }

    public func normalize(_ text: [UInt8]) -> NormalizedText {
        var result = NormalizedText(bytes: text, map: .identity(length: text.count), charset: "UTF-8", invalidBytes: 0)
        if steps.contains(.decode), let decoded = text.withUnsafeBufferPointer({ Decoding().apply($0) }) {
            result = NormalizedText(bytes: decoded.bytes, map: decoded.map, charset: decoded.charset, invalidBytes: decoded.invalidBytes)
        }
        for (step, stage) in stages where steps.contains(step) {
            guard let changed = result.bytes.withUnsafeBufferPointer({ stage.apply($0) }) else { continue }
            result.bytes = changed.bytes
            result.map = changed.map.composed(with: result.map)
        }
        return result
    }

    public func normalize(_ text: String) -> NormalizedText {
        normalize(Array(text.utf8))
    }

    /// Text known to be in `language` (an indicator's example): every stage, emoji read as
    /// that language's words.
    public func normalize(_ text: String, language: String) -> NormalizedText {
        readingEmoji(in: normalize(text), language: language)
    }

    /// `text` with the emoji that stand for words read as `language`'s words (`EmojiWords`):
    /// the last stage, once the language is known. A text with no guessed language (`und`,
    /// mostly short posts) keeps its emoji: patterns name them beside the words.
    public func readingEmoji(in text: NormalizedText, language: String) -> NormalizedText {
        guard steps.contains(.emojiWords), let stage = EmojiWords.byLanguage[language],
              let changed = text.bytes.withUnsafeBufferPointer({ stage.apply($0) }) else { return text }
        var result = text
        result.bytes = changed.bytes
        result.map = changed.map.composed(with: text.map)
        return result
    }
}
