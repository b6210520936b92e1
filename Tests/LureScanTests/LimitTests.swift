import Foundation
import Testing
@testable import LureScan

/// The scan limits (`--max-doc-bytes`, `--max-archive-bytes`, `--max-archive-ratio`,
/// `--doc-time-budget`) and regex safety: match-limit failures counted once per run, and
/// `lint` flagging catastrophic patterns.
@Suite struct LimitTests {
    @Test func documentsOverTheSizeLimitAreSkippedWithAReason() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array(String(repeating: "salary ", count: 200).utf8), to: directory + "/big.txt")
        TestSupport.write(Array(("{\"text\": \"" + String(repeating: "salary ", count: 200) + "\"}\n{\"text\": \"salary\"}\n").utf8), to: directory + "/big.jsonl")
        TestSupport.write(Array("salary".utf8), to: directory + "/small.txt")
        let scan = HostileScan.run([directory], configure: { $0.maximumDocumentBytes = 1_000 })
        scan.expectAccounted(inputs: 3)
        #expect(scan.summary.skipped == ["document larger than 1000 bytes": 1])
        #expect(scan.records.filter { $0.kind == .error }.map(\.reason) == ["record larger than 1000 bytes, not parsed"])
        #expect(scan.summary.scanned == 2)
    }

    @Test func archiveLimitsComeFromTheScanOptions() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let member = Array(String(repeating: "salary ", count: 2_000).utf8)
        TestSupport.write(StoredZip.make([("a.txt", member), ("b.txt", member)]), to: directory + "/two.zip")
        try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/Tests/Fixtures/whatsapp/bomb.zip", toPath: directory + "/bomb.zip")
        // The defaults: the bomb fails on its ratio, the small zip is read.
        var scan = HostileScan.run([directory])
        scan.expectAccounted(inputs: 3)
        #expect(scan.summary.sourcesSkipped == [ArchiveError.ratioTooHigh(limit: 100).description: 1])
        // A ratio allowed, a total too small for the second member.
        scan = HostileScan.run([directory], configure: {
            $0.archiveLimits = ArchiveLimits(maximumTotalBytes: member.count + 10, maximumRatio: 10_000)
        })
        scan.expectAccounted(inputs: 3)
        // two.zip's second member, and the bomb's only one (its 4 MB declared up front).
        #expect(scan.summary.sourcesSkipped == [ArchiveError.totalTooLarge(limit: member.count + 10).description: 2])
    }

    @Test func aDocumentOverItsTimeBudgetIsAnErrorAndTheScanGoesOn() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array("great salary, we keep your passport".utf8), to: directory + "/a.txt")
        TestSupport.write(Array("salary".utf8), to: directory + "/b.txt")
        TestSupport.write(Array("nothing to see".utf8), to: directory + "/c.txt")
        for stream in [false, true] {
            let scan = HostileScan.run([directory], configure: { $0.documentTimeBudget = .nanoseconds(1); $0.stream = stream })
            scan.expectAccounted(inputs: 3)
            // a and b run patterns and spend the budget; c has no literal a pattern needs, so nothing runs.
            #expect(scan.summary.errored == 2)
            #expect(scan.records.map(\.reason) == ["time budget of 0 ms exceeded while matching", "time budget of 0 ms exceeded while matching"])
            #expect(scan.records.map(\.path) == [directory + "/a.txt", directory + "/b.txt"])
            #expect(scan.assessments.map(\.documentID) == [directory + "/c.txt"])
        }
        let relaxed = HostileScan.run([directory], configure: { $0.documentTimeBudget = .seconds(60) })
        #expect(relaxed.summary.scanned == 3 && relaxed.summary.errored == 0)
        #expect(ScanOptions().documentTimeBudget == .seconds(10))
    }

    /// Nested quantifiers over words: exponential backtracking on a long run of words that fails at its end.
    static let catastrophic = #"^(?:\w+\s?)*$"#

    @Test func aPatternHittingItsMatchLimitIsReportedOncePerRunWithACount() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.slow", pattern: Self.catastrophic)
            + TestSupport.indicatorYAML(id: "en.salary", pattern: #"\bsalary\b"#)
        let words = String(repeating: "salary word ", count: 40) + "!"
        for index in 0..<3 { TestSupport.write(Array(words.utf8), to: directory + "/\(index).txt") }
        TestSupport.write(Array("short".utf8), to: directory + "/fine.txt")
        let pipeline = Pipeline(assessor: TestSupport.assessor(yaml), options: ScanOptions())
        var sink = CollectingSink()
        let summary = pipeline.run(paths: [directory], sink: &sink)
        #expect(summary.patternFailures == ["en.slow": 3])
        #expect(summary.isBalanced && summary.scanned == 4 && summary.errored == 0)
        // The other indicators are still matched in the failing documents.
        #expect(sink.assessments.filter { $0.assessment.hits.contains { $0.indicatorID == "en.salary" } }.count == 3)
        // One summary line for the indicator, with its count.
        let lines = summary.text.split(separator: "\n").filter { $0.contains("en.slow") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("3") == true)
    }

    @Test func lintFlagsACatastrophicPatternOnAdversarialProbes() {
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.slow", pattern: Self.catastrophic)
            + TestSupport.indicatorYAML(id: "en.safe", pattern: #"\bsalary\b"#)
        let compiled = CompiledLibrary(TestSupport.library(yaml).library)
        let messages = Linter(compiled: compiled).run().map(\.message)
        #expect(messages.contains { $0.contains("`en.slow` fails on an adversarial probe") })
        #expect(!messages.contains { $0.contains("`en.safe` fails") })
    }
}
