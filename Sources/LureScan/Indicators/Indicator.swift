/// Where a definition came from, so every message can name the file and line.
public struct DefinitionPosition: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public var description: String { "\(file):\(line)" }
}

/// A pattern as written, with its position for error messages.
public struct PatternSource: Sendable, Hashable {
    public var text: String
    public var position: DefinitionPosition
}

/// Raw texts that must, and must not, trigger an indicator or composite.
public struct Examples: Sendable, Hashable {
    public var match: [String] = []
    public var noMatch: [String] = []
}

/// One signal in one language: a small, reviewable unit of the library.
public struct Indicator: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var language: String
    public var category: Category
    public var element: Element
    public var crime: Crime
    /// 0 for `awareness`, which never scores.
    public var weight: Double
    public var status: IndicatorStatus
    public var scope: LanguageScope = .anyLanguage
    public var patterns: [PatternSource]
    public var examples: Examples
    public var references: [String]
    public var position: DefinitionPosition
}

/// A rule over indicator ids, with its own weight: all of `all`, at least one of `any`
/// (when given) and none of `none`, within a window.
public struct Composite: Sendable, Identifiable {
    public enum Window: Sendable, Hashable {
        case characters(Int)
        case messages(Int)
    }

    public var id: String
    public var title: String
    public var language: String
    public var crime: Crime
    public var weight: Double
    public var all: [String]
    public var any: [String]
    public var none: [String]
    public var window: Window
    public var examples: Examples
    public var position: DefinitionPosition
}

/// The loaded library: plain data, before any pattern is compiled.
public struct IndicatorLibrary: Sendable {
    public var indicators: [Indicator] = []
    public var composites: [Composite] = []
    /// At most one per language (`Scorer` reads the first).
    public var vocabularies: [Vocabulary] = []

    public init(indicators: [Indicator] = [], composites: [Composite] = [], vocabularies: [Vocabulary] = []) {
        self.indicators = indicators
        self.composites = composites
        self.vocabularies = vocabularies
    }

    /// Keeps the indicators, composites and vocabularies of the given languages.
    public func restricted(toLanguages languages: Set<String>) -> IndicatorLibrary {
        IndicatorLibrary(indicators: indicators.filter { languages.contains($0.language) },
                         composites: composites.filter { languages.contains($0.language) },
                         vocabularies: vocabularies.filter { languages.contains($0.language) })
    }
}

/// A problem found while loading, linting or compiling the library.
public struct LibraryIssue: Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var position: DefinitionPosition
    public var field: String?
    public var message: String

    public var description: String {
        "\(position): \(severity.rawValue)\(field.map { " in `\($0)`" } ?? ""): \(message)"
    }
}
