import Foundation
import Testing
@testable import LureScan

/// The bundled labeled corpora keep the promises the README makes about them: every file is
/// labeled once and every label names a file; the labeled split is odd = dev, even = test;
/// rewordings are tuning material only (all dev).
@Suite struct ShippedCorporaTests {
    static let languages = ["en", "es", "pt", "fr"]

    func corpus(_ name: String, _ language: String) throws -> (labels: [LabeledDocument], files: Set<String>) {
        let directory = TestSupport.repositoryRoot + "/corpora/\(name)/\(language)"
        let labels = try LabelsFile.load(directory + "/labels.csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }
        return (labels, Set(files.map { directory + "/" + $0 }))
    }

    @Test(arguments: languages)
    func labeledFilesAreEachLabeledOnceAndSplitByNumber(_ language: String) throws {
        let (labels, files) = try corpus("labeled", language)
        #expect(Set(labels.map(\.path)) == files)
        #expect(labels.count == files.count)
        for document in labels {
            let number = Int(((document.path as NSString).lastPathComponent as NSString).deletingPathExtension.split(separator: "-")[1])!
            #expect(document.split == (number % 2 == 1 ? "dev" : "test"), "\(document.path)")
            #expect(document.language == language, "\(document.path)")
        }
    }

    @Test(arguments: languages)
    func rewordingsAreTuningMaterialOnly(_ language: String) throws {
        let (labels, files) = try corpus("rewordings", language)
        #expect(Set(labels.map(\.path)) == files)
        #expect(labels.count == files.count)
        #expect(labels.allSatisfy { $0.split == "dev" && $0.language == language })
        #expect(Set(labels.map(\.label)) == Set(LabeledDocument.Label.allCases))
    }
}
