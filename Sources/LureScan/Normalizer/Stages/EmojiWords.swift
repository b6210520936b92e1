/// Stage 10, once the language is known: emoji that stand for words in lure codes (`✈` the
/// ticket, `🏠` housing, `💶` money, `🛂📕` the passport, `🇦🇷` a country) become the word
/// the text's language would use, so `🛂📕 se lo queda él` reads `pasaporte se lo queda el`
/// and the language's own patterns see it. Emoji with no single meaning (`🔥`, `🌹`, `💃`,
/// `🍾`, `📲`) stay as they are, as do all emoji of a text with no guessed language.
struct EmojiWords: NormalizationStage {
    /// Scalar -> the word, for this stage's language.
    private let words: [UInt32: [UInt8]]
    /// Flag (its two letters, `AR`) -> the country's name, normalized like the text.
    private let regionNames: [String: [UInt8]]

    /// The stage of each language that has a word list (built once: ICU names every region).
    static let byLanguage: [String: EmojiWords] = Dictionary(uniqueKeysWithValues: languages.indices.map { column in
        (languages[column], EmojiWords(column: column))
    })

    private init(column: Int) {
        var words: [UInt32: [UInt8]] = [:]
        for (emoji, meaning) in Self.meanings {
            for scalar in emoji.unicodeScalars { words[scalar.value] = Array(meaning[column].utf8) }
        }
        self.words = words
        // Names as patterns see them: `Emiratos Árabes Unidos` -> `emiratos arabes unidos`,
        // without ICU's qualifiers (`Hong Kong (RAE de China)`).
        let plain = Normalizer(steps: [.caseFold, .diacritics])
        var regionNames: [String: [UInt8]] = [:]
        for first in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            for second in UInt8(ascii: "A")...UInt8(ascii: "Z") {
                let code = String(decoding: [first, second], as: UTF8.self)
                guard let name = ICU.regionName(code, in: Self.languages[column]) else { continue }
                let bare = name.split(separator: " (").first.map(String.init) ?? name
                regionNames[code] = plain.normalize(bare).bytes
            }
        }
        self.regionNames = regionNames
    }

    private static let languages = ["en", "es", "pt", "fr"]

    /// Emoji that stand for one word, and that word in en, es, pt, fr: the words the
    /// libraries' patterns use for the concept.
    private static let meanings: [(String, [String])] = [
        ("✈🛫🛬🛩🎫🎟", ["ticket", "pasaje", "passagem", "billet"]),
        ("🏠🏡🏘🛏", ["housing", "alojamiento", "alojamento", "logement"]),
        ("💶💵💰💸💷💴🤑", ["money", "dinero", "dinheiro", "argent"]),
        ("🛂", ["passport", "pasaporte", "passaporte", "passeport"]),
        ("🪪📜📄📃", ["papers", "papeles", "documentos", "papiers"]),
        ("📸📷🤳", ["photos", "fotos", "fotos", "photos"]),
        ("🍸🍹", ["bar", "bar", "bar", "bar"]),
        ("🌙🌃", ["night", "noche", "noite", "nuit"]),
        ("🚢⛴⛵🛥", ["boat", "barco", "barco", "bateau"]),
        ("🚤🛶", ["boat", "lancha", "barco", "bateau"]),
        ("🚚🚛", ["truck", "camion", "caminhao", "camion"]),
        ("🏗👷🧱", ["construction", "obra", "obra", "chantier"]),
        ("👧", ["girls", "chicas", "meninas", "filles"]),
        ("🎂", ["age", "edad", "idade", "age"]),
        ("🆓", ["free", "gratis", "gratis", "gratuit"]),
        ("🍽", ["meals", "comida", "comida", "repas"]),
    ]

    /// A book after `🛂` is the passport's cover (`🛂📕`), part of the same word.
    private static let passportControl: UInt32 = 0x1F6C2
    private static let books: ClosedRange<UInt32> = 0x1F4D4...0x1F4DA

    private static let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        var editor = TextEditor(text)
        var index = 0
        var lastWordEnd = -1
        while index < text.count {
            // Every emoji read here is a 4-byte scalar (F0) or one of `✈` `⛴` `⛵` (E2).
            guard text[index] == 0xF0 || text[index] == 0xE2 else { index += 1; continue }
            let first = UTF8Scalars.decode(text, at: index)
            var end = index + first.length
            var word: [UInt8]? = words[first.scalar]
            if Self.regionalIndicators.contains(first.scalar), end < text.count {
                let second = UTF8Scalars.decode(text, at: end)
                if Self.regionalIndicators.contains(second.scalar) {
                    word = regionNames[Self.regionCode(first.scalar, second.scalar)]
                    end += second.length
                }
            }
            if first.scalar == Self.passportControl, end < text.count {
                let next = UTF8Scalars.decode(text, at: end)
                if Self.books.contains(next.scalar) { end += next.length }
            }
            guard let word else { index = end; continue }
            // A space keeps the word apart from letters, digits or emoji beside it (one space
            // between two words read from neighbouring emoji).
            var replacement: [UInt8] = []
            if index > 0, index != lastWordEnd, Self.joins(text[index - 1]) { replacement.append(UInt8(ascii: " ")) }
            replacement += word
            if end < text.count, Self.joins(text[end]) { replacement.append(UInt8(ascii: " ")) }
            editor.replace(index..<end, with: replacement)
            index = end
            lastWordEnd = end
        }
        return editor.finish()
    }

    /// Letters, digits and anything non-ASCII (emoji, other words) would run into the word.
    private static func joins(_ byte: UInt8) -> Bool { Lexicon.isWordByte(byte) }

    /// `🇦🇷` -> `AR`.
    private static func regionCode(_ first: UInt32, _ second: UInt32) -> String {
        String(decoding: [first, second].map { UInt8($0 - regionalIndicators.lowerBound) + UInt8(ascii: "A") }, as: UTF8.self)
    }
}
