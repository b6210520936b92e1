import Foundation
import Testing
@testable import LureScan

@Suite struct EvaluationTests {
    @Test func rocAUCCountsOrderedPairsAndHalfTies() {
        #expect(Metrics.rocAUC([(0.9, true), (0.1, false)]) == 1)
        #expect(Metrics.rocAUC([(0.1, true), (0.9, false)]) == 0)
        #expect(Metrics.rocAUC([(0.5, true), (0.5, false)]) == 0.5)
        #expect(Metrics.rocAUC([(0.8, true), (0.4, true), (0.6, false), (0.2, false)]) == 0.75)
        #expect(Metrics.rocAUC([(0.8, true)]) == nil)
    }

    @Test func averagePrecisionAndPrecisionAtK() {
        #expect(Metrics.prAUC([(0.9, true), (0.8, false), (0.7, true)]) == (1.0 + 2.0 / 3.0) / 2)
        #expect(Metrics.precision(at: 2, [(0.9, true), (0.8, false), (0.7, true)]) == 0.5)
        let matrix = Metrics.confusion(threshold: 0.75, [(0.9, true), (0.8, false), (0.7, true), (0.1, false)])
        #expect(matrix == Metrics.Confusion(truePositives: 1, falsePositives: 1, trueNegatives: 1, falseNegatives: 1))
        #expect(Metrics.threshold(forPrecision: 1, [(0.9, true), (0.8, false), (0.7, true)])?.threshold == 0.9)
    }

    @Test func evaluatesALabeledCorpusPerLanguage() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let documents = [("a.txt", "we keep your passport", "lure"), ("b.txt", "crossing guaranteed", "smuggling"),
                         ("c.txt", "bike for sale", "benign"), ("d.txt", "nice flat to rent", "benign")]
        for (name, text, _) in documents { TestSupport.write(Array(text.utf8), to: directory + "/" + name) }
        let labels = "path,label,language,obfuscated,split,notes\n" + documents.map { "\($0.0),\($0.2),en,false,dev,\"x\"" }.joined(separator: "\n") + "\nmissing.txt,benign,en,false,dev,\n"
        TestSupport.write(Array(labels.utf8), to: directory + "/labels.csv")
        let labeled = try LabelsFile.load(directory + "/labels.csv")
        #expect(labeled.count == 5)
        let yaml = "indicators:\n"
            + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", weight: 0.5, pattern: #"\bpassport\b"#)
            + TestSupport.indicatorYAML(id: "en.crossing", category: "smuggling-offer", element: "none", crime: "smuggling", weight: 0.5, pattern: #"\bcrossing\b"#)
        let evaluator = Evaluator(labeled: labeled, assessor: TestSupport.assessor(yaml))
        #expect(evaluator.unscanned.map(\.document.path) == [directory + "/missing.txt"])
        let report = try #require(evaluator.languageReports().first)
        #expect(report.rocAUC["both"] == 1)
        #expect(report.confusion[.medium]?.truePositives == 2)
        let indicators = evaluator.indicatorReports(library: TestSupport.library(yaml).library)
        #expect(indicators.first { $0.id == "en.passport" }?.precision == 1)
    }

    @Test func labelsFileErrorsNameTheLineAndField() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array("path,label,language,obfuscated,split\na.txt,maybe,en,false,dev\n".utf8), to: directory + "/labels.csv")
        #expect(throws: LabelsFile.LoadError.self) { try LabelsFile.load(directory + "/labels.csv") }
        do { _ = try LabelsFile.load(directory + "/labels.csv") } catch let error as LabelsFile.LoadError {
            #expect(error.line == 2 && error.field == "label")
        }
    }
}
