import Foundation
@testable import LureScan

/// Builds small libraries and temporary files for tests.
enum TestSupport {
    static func library(_ yaml: String, path: String = "test/indicators.yml") -> (library: IndicatorLibrary, issues: [LibraryIssue]) {
        IndicatorLoader.load([IndicatorLoader.File(path: path, contents: yaml)])
    }

    /// The shipped indicators and composites without the vocabularies: for tests of what the
    /// patterns and the scorer's rules do, which the vocabulary's share would blur.
    static let shippedPatterns: IndicatorLibrary = {
        var library = IndicatorLoader.load(IndicatorLoader.shippedFiles).library
        library.vocabularies = []
        return library
    }()

    static func assessor(_ yaml: String) -> DocumentAssessor {
        DocumentAssessor(compiled: CompiledLibrary(library(yaml).library))
    }

    /// An assessor with one means indicator whose examples (also the normalizer's lexicon) are given.
    static func assessor(oneIndicator id: String, language: String, pattern: String, match: [String], noMatch: [String]) -> DocumentAssessor {
        assessor("indicators:\n" + indicatorYAML(id: id, language: language, category: "control-and-isolation", weight: 0.4,
                                                 pattern: pattern, match: match, noMatch: noMatch))
    }

    /// The messages of one WhatsApp chat, (sender, text) in order, each assessed on its own.
    static func chatMessages(_ lines: [(String, String)], assessor: DocumentAssessor, scratch: MatchScratch) -> [Assessment] {
        lines.enumerated().map { index, line in
            let bytes = Array(line.1.utf8)
            let source = Source(path: "chat.txt", size: 0, sha256: "", format: .whatsapp)
            let document = Document(id: "chat.txt#\(index)", source: source, kind: .message, text: bytes, origin: .identity(length: bytes.count),
                                    location: Location(line: index + 1, record: index + 1, byteRange: 0..<bytes.count),
                                    message: MessageInfo(conversation: "chat", sender: line.0, timestamp: "2024-01-0\(index + 1)T10:00:00", index: index))
            return assessor.assess(document, sequence: index, scratch: scratch).assessment
        }
    }

    /// Awareness language (no weight, element none, crime both).
    static func awarenessYAML(id: String, pattern: String) -> String {
        """
          - id: \(id)
            title: \(id)
            language: en
            category: awareness
            element: none
            crime: both
            patterns:
              - '\(pattern)'

        """
    }

    /// One composite (the caller writes the `composites:` line); `within` as in YAML, e.g.
    /// `{ characters: 40 }`.
    static func compositeYAML(id: String, all: [String], weight: Double = 0.2, within: String? = nil) -> String {
        """
          - id: \(id)
            title: \(id)
            language: en
            crime: trafficking
            weight: \(weight)
            all: [\(all.joined(separator: ", "))]
        \(within.map { "    within: \($0)\n" } ?? "")
        """
    }

    /// `scope`: written out when given (`own-language`), else left to its default.
    static func indicatorYAML(id: String, language: String = "en", category: String = "deceptive-offer", element: String = "means",
                              crime: String = "trafficking", weight: Double = 0.3, scope: String? = nil, pattern: String,
                              match: [String] = [], noMatch: [String] = []) -> String {
        let examples = match.isEmpty && noMatch.isEmpty ? ""
            : "    examples:\n      match: \(match)\n      no_match: \(noMatch)\n"
        return """
          - id: \(id)
            title: \(id)
            language: \(language)
            category: \(category)
            element: \(element)
            crime: \(crime)
            weight: \(weight)
        \(scope.map { "    scope: \($0)\n" } ?? "")    patterns:
              - '\(pattern)'
        \(examples)
        """
    }

    /// A fresh temporary directory, removed by the caller with `remove`.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "lurescan-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], to path: String) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The repository root (for the bundled corpora).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}
