import Foundation
@testable import LureScan

/// Builds small libraries and temporary files for tests.
enum TestSupport {
    static func library(_ yaml: String, path: String = "test/indicators.yml") -> (library: IndicatorLibrary, issues: [LibraryIssue]) {
        IndicatorLoader.load([IndicatorLoader.File(path: path, contents: yaml)])
    }

    static func assessor(_ yaml: String) -> DocumentAssessor {
        DocumentAssessor(compiled: CompiledLibrary(library(yaml).library))
    }

    static func indicatorYAML(id: String, category: String = "deceptive-offer", element: String = "means",
                              crime: String = "trafficking", weight: Double = 0.3, pattern: String) -> String {
        """
          - id: \(id)
            title: \(id)
            language: en
            category: \(category)
            element: \(element)
            crime: \(crime)
            weight: \(weight)
            patterns:
              - '\(pattern)'

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
