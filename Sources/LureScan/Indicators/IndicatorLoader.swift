import Foundation
import LureScanIndicators
import Yams

/// Reads indicator YAML (format: indicators/README.md) into an `IndicatorLibrary`. Every
/// problem names the file, line and field; a broken definition is left out and the rest of
/// the library still loads.
public enum IndicatorLoader {
    public struct File: Sendable {
        public var path: String
        public var contents: String

        public init(path: String, contents: String) {
            self.path = path
            self.contents = contents
        }
    }

    /// The library embedded in the binary.
    public static var shippedFiles: [File] {
        ShippedIndicators.files.map { File(path: "indicators/" + $0.path, contents: $0.contents) }
    }

    /// Every `.yml`/`.yaml` file below `directory`, sorted.
    public static func files(in directory: String) throws -> [File] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw LoaderError(message: "\(directory): no such indicator directory")
        }
        if !isDirectory.boolValue {
            return [File(path: directory, contents: try String(contentsOfFile: directory, encoding: .utf8))]
        }
        let paths = (manager.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
        return try paths.map { relative in
            let path = (directory as NSString).appendingPathComponent(relative)
            return File(path: path, contents: try String(contentsOfFile: path, encoding: .utf8))
        }
    }

    public struct LoaderError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func load(_ files: [File]) -> (library: IndicatorLibrary, issues: [LibraryIssue]) {
        var library = IndicatorLibrary()
        var issues: [LibraryIssue] = []
        // Parsing is the slow part of a large library: every file at once, read in order.
        let parsed = files.concurrentMap { file in ParsedYAML(root: Result { try Yams.compose(yaml: file.contents, .basic) }) }
        for (file, parsed) in zip(files, parsed) {
            var reader = DefinitionReader(file: file.path)
            do {
                guard let root = try parsed.root.get() else { continue }
                reader.readFile(root, into: &library)
            } catch {
                issues.append(LibraryIssue(severity: .error, position: DefinitionPosition(file: file.path, line: yamlErrorLine(error)),
                                           field: nil, message: "invalid YAML: \(error)"))
            }
            issues += reader.issues
        }
        issues += crossChecks(library)
        return (library, issues)
    }

    /// A parsed file handed from the parsing thread to the loading one (Yams nodes are not
    /// `Sendable`; each tree is built by one thread and only read after the parse joins).
    private struct ParsedYAML: @unchecked Sendable {
        let root: Result<Node?, Error>
    }

    private static func yamlErrorLine(_ error: Error) -> Int {
        if case let YamlError.scanner(_, _, mark, _) = error { return mark.line }
        if case let YamlError.parser(_, _, mark, _) = error { return mark.line }
        return 1
    }

    /// Duplicate ids, and composites that name indicators the library does not have (or awareness ones).
    private static func crossChecks(_ library: IndicatorLibrary) -> [LibraryIssue] {
        var issues: [LibraryIssue] = []
        var seen: [String: DefinitionPosition] = [:]
        let definitions = library.indicators.map { ($0.id, $0.position) } + library.composites.map { ($0.id, $0.position) }
        for (id, position) in definitions {
            if let first = seen[id] {
                issues.append(LibraryIssue(severity: .error, position: position, field: "id", message: "duplicate id `\(id)` (first defined at \(first))"))
            } else {
                seen[id] = position
            }
        }
        var vocabularyOf: [String: DefinitionPosition] = [:]
        for vocabulary in library.vocabularies {
            guard let position = vocabulary.position else { continue }
            if let first = vocabularyOf[vocabulary.language] {
                issues.append(LibraryIssue(severity: .error, position: position, field: "language",
                                           message: "a second vocabulary for `\(vocabulary.language)` (first at \(first))"))
            } else {
                vocabularyOf[vocabulary.language] = position
            }
        }
        let known = Set(library.indicators.map(\.id))
        let awareness = Set(library.indicators.filter { $0.category == .awareness }.map(\.id))
        for composite in library.composites {
            for id in composite.all + composite.any + composite.none where !known.contains(id) {
                issues.append(LibraryIssue(severity: .error, position: composite.position, field: "all/any/none", message: "unknown indicator `\(id)`"))
            }
            // Composites are built from evidence only (Scorer): an awareness id would never count.
            for id in composite.all + composite.any + composite.none where awareness.contains(id) {
                issues.append(LibraryIssue(severity: .error, position: composite.position, field: "all/any/none",
                                           message: "`\(id)` is an awareness indicator, which composites cannot use"))
            }
        }
        return issues
    }
}

/// Reads the definitions of one file, collecting issues as it goes.
private struct DefinitionReader {
    let file: String
    var issues: [LibraryIssue] = []

    init(file: String) { self.file = file }

    private func position(_ node: Node?) -> DefinitionPosition {
        DefinitionPosition(file: file, line: node?.mark?.line ?? 1)
    }

    private mutating func error(_ node: Node?, _ field: String?, _ message: String) {
        issues.append(LibraryIssue(severity: .error, position: position(node), field: field, message: message))
    }

    mutating func readFile(_ root: Node, into library: inout IndicatorLibrary) {
        guard let mapping = root.mapping else {
            return error(root, nil, "expected a mapping with `indicators:` and/or `composites:`")
        }
        for (key, _) in mapping where !["indicators", "composites", "vocabulary"].contains(key.string ?? "") {
            error(key, key.string, "unknown top-level key (expected `indicators`, `composites` or `vocabulary`)")
        }
        if let node = mapping["vocabulary"], let vocabulary = readVocabulary(node) { library.vocabularies.append(vocabulary) }
        for node in mapping["indicators"]?.sequence ?? [] {
            if let indicator = readIndicator(node) { library.indicators.append(indicator) }
        }
        for node in mapping["composites"]?.sequence ?? [] {
            if let composite = readComposite(node) { library.composites.append(composite) }
        }
    }

    private mutating func string(_ map: Node.Mapping, _ field: String, in node: Node, required: Bool = true) -> String? {
        guard let value = map[field] else {
            if required { error(node, field, "missing field `\(field)`") }
            return nil
        }
        guard let text = value.string, !text.isEmpty else {
            error(value, field, "`\(field)` must be a non-empty string")
            return nil
        }
        return text
    }

    private mutating func strings(_ map: Node.Mapping, _ field: String) -> [Node] {
        guard let value = map[field] else { return [] }
        guard let sequence = value.sequence else {
            error(value, field, "`\(field)` must be a list")
            return []
        }
        return sequence.filter { item in
            if item.string == nil { error(item, field, "every item of `\(field)` must be a string") }
            return item.string != nil
        }
    }

    private mutating func enumeration<T: RawRepresentable & CaseIterable>(_ map: Node.Mapping, _ field: String, in node: Node, as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(map, field, in: node) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            error(map[field], field, "unknown \(field) `\(text)` (expected one of: \(allowed))")
            return nil
        }
        return value
    }

    private mutating func weight(_ map: Node.Mapping, in node: Node) -> Double? {
        guard let value = map["weight"] else { error(node, "weight", "missing field `weight`"); return nil }
        guard let number = value.float, number > 0, number <= 1 else {
            error(value, "weight", "`weight` must be a number in (0, 1]")
            return nil
        }
        return number
    }

    private mutating func examples(_ map: Node.Mapping, in node: Node) -> Examples {
        guard let value = map["examples"] else { return Examples() }
        guard let examples = value.mapping else {
            error(value, "examples", "`examples` must be a mapping with `match` and `no_match`")
            return Examples()
        }
        return Examples(match: strings(examples, "match").compactMap(\.string),
                        noMatch: strings(examples, "no_match").compactMap(\.string))
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: Set<String>) {
        for (key, _) in map where !allowed.contains(key.string ?? "") {
            error(key, key.string, "unknown field `\(key.string ?? "?")`")
        }
    }

    private static let indicatorKeys: Set<String> = [
        "id", "title", "language", "category", "element", "crime", "weight", "status", "scope", "patterns", "examples", "references",
    ]
    private static let compositeKeys: Set<String> = [
        "id", "title", "language", "crime", "weight", "all", "any", "none", "within", "examples", "references", "status",
    ]

    mutating func readIndicator(_ node: Node) -> Indicator? {
        guard let map = node.mapping else { error(node, nil, "an indicator must be a mapping"); return nil }
        checkKeys(map, allowed: Self.indicatorKeys)
        let id = string(map, "id", in: node)
        let title = string(map, "title", in: node)
        let language = string(map, "language", in: node)
        let category = enumeration(map, "category", in: node, as: Category.self)
        let element = enumeration(map, "element", in: node, as: Element.self)
        let crime = enumeration(map, "crime", in: node, as: Crime.self)
        let status = map["status"] == nil ? .experimental : enumeration(map, "status", in: node, as: IndicatorStatus.self)
        let scope = map["scope"] == nil ? .anyLanguage : enumeration(map, "scope", in: node, as: LanguageScope.self)
        let isAwareness = category == .awareness
        let weight = isAwareness ? 0 : weight(map, in: node)
        let awarenessValid = !isAwareness || awarenessFieldsValid(map, element: element, crime: crime)
        let patterns = strings(map, "patterns").map { PatternSource(text: $0.string!, position: position($0)) }
        if patterns.isEmpty { error(node, "patterns", "an indicator needs at least one pattern") }
        let references = strings(map, "references").compactMap(\.string)
        let examples = examples(map, in: node)
        guard let id, let title, let language, let category, let element, let crime, let status, let scope, let weight, !patterns.isEmpty,
              awarenessValid else {
            return nil
        }
        return Indicator(id: id, title: title, language: language, category: category, element: element, crime: crime,
                         weight: weight, status: status, scope: scope, patterns: patterns, examples: examples, references: references,
                         position: position(node))
    }

    /// Awareness only enables the warning discounts (Scoring/WarningEvidence.swift), so
    /// it has no weight (0), no element and applies to both crimes: anything else would
    /// suggest it scores.
    private mutating func awarenessFieldsValid(_ map: Node.Mapping, element: Element?, crime: Crime?) -> Bool {
        var valid = true
        if let value = map["weight"] {
            error(value, "weight", "awareness indicators never add to the score: leave out `weight`")
            valid = false
        }
        if let element, element != .none {
            error(map["element"], "element", "awareness indicators have element `none`")
            valid = false
        }
        if let crime, crime != .both {
            error(map["crime"], "crime", "awareness indicators have crime `both`")
            valid = false
        }
        return valid
    }

    mutating func readComposite(_ node: Node) -> Composite? {
        guard let map = node.mapping else { error(node, nil, "a composite must be a mapping"); return nil }
        checkKeys(map, allowed: Self.compositeKeys)
        let id = string(map, "id", in: node)
        let title = string(map, "title", in: node)
        let language = string(map, "language", in: node)
        let crime = enumeration(map, "crime", in: node, as: Crime.self)
        let weight = weight(map, in: node)
        let all = strings(map, "all").compactMap(\.string)
        let any = strings(map, "any").compactMap(\.string)
        let none = strings(map, "none").compactMap(\.string)
        if all.isEmpty && any.isEmpty { error(node, "all", "a composite needs `all` or `any`") }
        let window = readWindow(map["within"])
        let examples = examples(map, in: node)
        guard let id, let title, let language, let crime, let weight, let window, !(all.isEmpty && any.isEmpty) else { return nil }
        return Composite(id: id, title: title, language: language, crime: crime, weight: weight, all: all, any: any,
                         none: none, window: window, examples: examples, position: position(node))
    }

    private static let vocabularyKeys: Set<String> = ["language", "weight", "slope", "trained_on", "terms"]

    /// A `vocabulary:` block: `terms` holds one `<weight> <term>` per line.
    mutating func readVocabulary(_ node: Node) -> Vocabulary? {
        guard let map = node.mapping else { error(node, nil, "`vocabulary` must be a mapping"); return nil }
        checkKeys(map, allowed: Self.vocabularyKeys)
        let language = string(map, "language", in: node)
        let trainedOn = string(map, "trained_on", in: node)
        let weight = weight(map, in: node)
        let slope = map["slope"]?.float.flatMap { $0 > 0 ? $0 : nil }
        if slope == nil { error(map["slope"] ?? node, "slope", "`slope` must be a number above 0") }
        guard let block = map["terms"], let text = block.string else { error(node, "terms", "missing field `terms` (a block of `<weight> <term>` lines)"); return nil }
        var terms: [Vocabulary.Term] = []
        // A block scalar's content starts on the line after its `|`.
        let firstLine = (block.mark?.line ?? 1) + 1
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[0]), value.isFinite, !parts[1].isEmpty else {
                issues.append(LibraryIssue(severity: .error, position: DefinitionPosition(file: file, line: firstLine + offset), field: "terms",
                                           message: "expected `<weight> <term>`, found `\(line)`"))
                continue
            }
            terms.append(Vocabulary.Term(text: String(parts[1]), weight: value))
        }
        if let weight, weight >= Band.mediumThreshold {
            error(map["weight"], "weight", "a vocabulary's `weight` must stay below the medium band (\(Band.mediumThreshold)): words alone never raise a band")
            return nil
        }
        guard let language, let trainedOn, let weight, let slope else { return nil }
        return Vocabulary(language: language, weight: weight, slope: slope, trainedOn: trainedOn, terms: terms, position: position(node))
    }

    private mutating func readWindow(_ node: Node?) -> Composite.Window? {
        guard let node else { return .characters(Int.max) }
        if let map = node.mapping {
            if let characters = map["characters"]?.int, characters > 0 { return .characters(characters) }
            if let messages = map["messages"]?.int, messages > 0 { return .messages(messages) }
        }
        error(node, "within", "`within` must be `{ characters: N }` or `{ messages: N }` with N > 0")
        return nil
    }
}
