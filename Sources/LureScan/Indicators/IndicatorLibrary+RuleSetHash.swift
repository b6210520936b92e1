import Crypto

extension IndicatorLibrary {
    /// SHA-256 (lowercase hex) naming the rules a scan ran with: every indicator (id,
    /// language, category, element, crime, weight, status, scope, patterns) and every composite
    /// (id, language, crime, weight, all/any/none, window), sorted by id, then every
    /// vocabulary (language, weight, slope, terms with their weights), each field
    /// JSON-quoted so no two rule sets share a serialization. Titles, examples, references
    /// and file positions are left out: they do not change a score. Two scans with the same
    /// hash assessed with the same rules.
    public var ruleSetHash: String {
        var text = "lurescan.rules/1\n"
        for indicator in indicators.sorted(by: { $0.id < $1.id }) {
            let fields = ["indicator", indicator.id, indicator.language, indicator.category.rawValue, indicator.element.rawValue,
                          indicator.crime.rawValue, JSONText.number(indicator.weight), indicator.status.rawValue, indicator.scope.rawValue]
                + indicator.patterns.map(\.text)
            text += fields.map(JSONText.string).joined(separator: ",") + "\n"
        }
        for composite in composites.sorted(by: { $0.id < $1.id }) {
            let window: String
            switch composite.window {
            case .characters(let count): window = "characters:\(count)"
            case .messages(let count): window = "messages:\(count)"
            }
            let fields = ["composite", composite.id, composite.language, composite.crime.rawValue, JSONText.number(composite.weight), window,
                          "all", composite.all.joined(separator: " "), "any", composite.any.joined(separator: " "),
                          "none", composite.none.joined(separator: " ")]
            text += fields.map(JSONText.string).joined(separator: ",") + "\n"
        }
        for vocabulary in vocabularies.sorted(by: { $0.language < $1.language }) {
            let fields = ["vocabulary", vocabulary.language, JSONText.number(vocabulary.weight), JSONText.number(vocabulary.slope)]
                + vocabulary.terms.map { "\(JSONText.number($0.weight)) \($0.text)" }
            text += fields.map(JSONText.string).joined(separator: ",") + "\n"
        }
        return Hashing.hex(SHA256.hash(data: Array(text.utf8)))
    }
}
