import Testing
@testable import LureScan

/// `lurescan profile`: every pattern run after the prefilter is counted, with its matches
/// and the bytes it searched, across workers; a pattern the prefilter skips has no run.
@Suite struct PatternProfileTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.salary", pattern: #"\bsalary\b"#)
        + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", pattern: #"\bpassport\b"#)
        + TestSupport.indicatorYAML(id: "en.never", pattern: #"\bzebra crossing\b"#)

    @Test func runsMatchesAndBytesArePerPatternAcrossWorkers() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let texts = (0..<40).map { "good salary " + ($0 % 2 == 0 ? "salary" : "we keep your passport") }
        let lines = texts.enumerated().map { #"{"id": "d\#($0.offset)", "text": "\#($0.element)"}"# }
        TestSupport.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: directory + "/ads.jsonl")
        var options = ScanOptions()
        options.jobs = 2
        options.batchSize = 8
        options.profilePatterns = true
        let pipeline = Pipeline(assessor: TestSupport.assessor(Self.yaml), options: options)
        var sink = CollectingSink()
        _ = pipeline.run(paths: [directory + "/ads.jsonl"], sink: &sink)
        let profile = try #require(pipeline.patternProfile)
        let patterns = pipeline.assessor.matcher.patterns
        let byID = Dictionary(uniqueKeysWithValues: zip(patterns.map(\.indicatorID), profile.entries))
        #expect(byID["en.salary"]?.runs == 40)
        #expect(byID["en.salary"]?.matches == 60)
        #expect(byID["en.passport"]?.runs == 20)
        #expect(byID["en.passport"]?.matches == 20)
        #expect(byID["en.never"] == PatternProfile.Entry())
        // Every text is searched whole (lowercase ASCII: normalized = written).
        #expect(byID["en.salary"]?.bytes == texts.reduce(0) { $0 + $1.utf8.count })

        let table = PatternProfileText.table(profile, patterns: patterns, top: 5)
        #expect(table.contains("(2 of 3 patterns ran)"))
        #expect(!table.contains("en.never"))
    }

    @Test func withoutProfilingNothingIsTimed() {
        let pipeline = Pipeline(assessor: TestSupport.assessor(Self.yaml), options: ScanOptions())
        #expect(pipeline.patternProfile == nil)
    }
}
