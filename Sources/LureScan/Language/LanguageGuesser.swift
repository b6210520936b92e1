/// Guesses a document's language (en, es, pt, fr) from frequent function words in its
/// normalized text; `und` when too few are seen. Cheap, and good enough to report and
/// filter by; it never decides which indicators run.
public enum LanguageGuesser {
    private static let words: [String: [String]] = [
        "en": ["the", "and", "you", "for", "with", "are", "your", "will", "this", "that", "from", "have", "our", "we", "is", "to", "of"],
        "es": ["el", "los", "las", "que", "para", "con", "una", "por", "del", "se", "tu", "usted", "es", "y", "muy", "trabajo", "pero"],
        "pt": ["o", "os", "que", "para", "com", "uma", "voce", "nao", "do", "da", "dos", "das", "em", "e", "trabalho", "sao", "ate"],
        "fr": ["le", "les", "des", "et", "pour", "vous", "avec", "une", "est", "pas", "sur", "du", "au", "nous", "tu", "ou", "travail"],
    ]
    private static let index: [String: [String]] = {
        var index: [String: [String]] = [:]
        for (language, list) in words { for word in list { index[word, default: []].append(language) } }
        return index
    }()

    public static func guess(_ text: NormalizedText) -> String {
        var counts: [String: Int] = [:]
        var word: [UInt8] = []
        var seen = 0
        func flush() {
            if !word.isEmpty, let languages = index[String(decoding: word, as: UTF8.self)] {
                for language in languages { counts[language, default: 0] += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.bytes.prefix(4096) {
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                if word.count < 12 { word.append(byte) }
            } else {
                flush()
                seen += 1
            }
        }
        flush()
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), best.value >= 2 else { return "und" }
        return best.key
    }
}
