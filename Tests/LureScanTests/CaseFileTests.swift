import Foundation
import Testing
@testable import LureScan

@Suite struct CaseFileTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", weight: 0.5, pattern: #"\bwe keep (?:your )?passport\b"#)
        + TestSupport.indicatorYAML(id: "en.salary", weight: 0.3, pattern: #"\bsalary\b"#)
    /// The same rules plus one indicator: another rule-set hash.
    static let changedYAML = yaml + TestSupport.indicatorYAML(id: "en.visa", category: "travel-and-documents", weight: 0.2, pattern: #"\bvisa\b"#)

    /// Scans `paths` into the case file at `database` as the CLI does (hook + sink), the
    /// output collected alongside.
    @discardableResult
    func scan(_ paths: [String], into database: String, yaml: String = Self.yaml, batchSize: Int = 2) throws
        -> (summary: ScanSummary, sink: CaseFileSink, output: CollectingSink) {
        let run = try beginRun(database, yaml: yaml)
        var tee = TeeSink(CollectingSink(), CaseFileSink(run: run, batchSize: batchSize))
        let summary = pipeline(yaml: yaml, run: run).run(paths: paths, sink: &tee)
        #expect(tee.second.error == nil)
        #expect(tee.second.finished)
        return (summary, tee.second, tee.first)
    }

    /// A scan "killed" after the case file sink observed its first `events` events: it gets
    /// nothing more (no flush, no finish), so what it had not committed is lost, as with SIGKILL.
    func killedScan(_ paths: [String], into database: String, events: Int) throws {
        let run = try beginRun(database, yaml: Self.yaml)
        var sink = Killed(base: CaseFileSink(run: run, batchSize: 2), events: events)
        _ = pipeline(yaml: Self.yaml, run: run).run(paths: paths, sink: &sink)
        #expect(sink.base.error == nil)
    }

    /// `killedScan` a few events into the fourth source, after three sources completed (the
    /// events counted on an uninterrupted scan of the same paths).
    func killedInFourthSource(_ paths: [String], into database: String) throws {
        var events = EventSink()
        _ = pipeline(yaml: Self.yaml, run: nil).run(paths: paths, sink: &events)
        let thirdCompletion = try #require(events.events.indices.filter { if case .completed = events.events[$0] { true } else { false } }.dropFirst(2).first)
        try killedScan(paths, into: database, events: thirdCompletion + 1 + 3)
    }

    func beginRun(_ database: String, yaml: String) throws -> CaseFileRun {
        try CaseFile(path: database).beginRun(version: "test", ruleSetHash: TestSupport.library(yaml).library.ruleSetHash, command: "lurescan scan --db")
    }

    /// Small batches, so documents of several sources are in flight together.
    func pipeline(yaml: String, run: CaseFileRun?) -> Pipeline {
        var options = ScanOptions()
        options.jobs = 2
        options.batchSize = 3
        if let run { options.skipSource = { run.shouldSkip($0) } }
        var assessor = DocumentAssessor(compiled: CompiledLibrary(TestSupport.library(yaml).library))
        assessor.links = LinkExtraction(selectors: true, region: nil)
        return Pipeline(assessor: assessor, options: options)
    }

    /// Forwards the first `events` observed events, then nothing.
    struct Killed: AssessmentSink {
        var base: CaseFileSink
        var events: Int
        mutating func observe(_ event: ScanEvent) {
            guard events > 0 else { return }
            events -= 1
            base.observe(event)
        }
        mutating func write(_ assessment: Assessment, rank: Int?) {}
        mutating func write(_ record: SkipRecord) {}
        mutating func finish(_ summary: ScanSummary) {}
    }

    /// Keeps the events only.
    struct EventSink: AssessmentSink {
        var events: [ScanEvent] = []
        mutating func observe(_ event: ScanEvent) { events.append(event) }
        mutating func write(_ assessment: Assessment, rank: Int?) {}
        mutating func write(_ record: SkipRecord) {}
        mutating func finish(_ summary: ScanSummary) {}
    }

    /// Six sources in name order: JSONL (one with a bad line), a WhatsApp chat (one
    /// conversation), plain text and an empty file.
    func resumeCorpus(in directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func jsonl(_ prefix: String, _ count: Int) -> String {
            (1...count).map { "{\"id\": \"\(prefix)-\($0)\", \"text\": \"ad \($0): great salary, we keep your passport\"}\n" }.joined()
        }
        let files: [(String, String)] = [
            ("a.jsonl", jsonl("a", 3)),
            ("b.jsonl", jsonl("b", 2) + "{not json\n"),
            ("c.txt", try String(contentsOfFile: TestSupport.repositoryRoot + "/Tests/Fixtures/whatsapp/android_dmy_24h.txt", encoding: .utf8)),
            ("d.jsonl", jsonl("d", 4)),
            ("e.txt", ""),
            ("f.txt", "Nanny wanted, good salary. Call +34 612 345 678"),
        ]
        for (name, text) in files { TestSupport.write(Array(text.utf8), to: directory + "/" + name) }
        return files.map { directory + "/" + $0.0 }
    }

    /// What a case file holds, run ids aside: documents (with their hits and selectors),
    /// assessments and skip records, one row each, sorted.
    func contents(_ caseFile: CaseFile) throws -> [[String?]] {
        try caseFile.rows("""
            SELECT 'document', d.id, s.path, d.kind, d.line, a.score, a.band,
                   (SELECT COUNT(*) FROM hits WHERE hits.assessment = a.id), (SELECT COUNT(*) FROM selectors WHERE selectors.document = d.key)
            FROM documents d JOIN sources s ON s.id = d.source JOIN assessments a ON a.document = d.key
            UNION ALL SELECT 'skip', kind, path, field, line, record, reason, NULL, NULL FROM skips
            ORDER BY 1, 2, 3, 5
            """)
    }

    @Test func sourcesCompleteOnceEachAfterAllTheirDocuments() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = try resumeCorpus(in: directory + "/in")
        var sink = EventSink()
        let summary = pipeline(yaml: Self.yaml, run: nil).run(paths: [directory + "/in"], sink: &sink)
        var completed: [String] = []
        for event in sink.events {
            switch event {
            case .assessed(let assessment): #expect(!completed.contains(assessment.source.path), "\(assessment.documentID) after its source completed")
            case .recorded(let record): #expect(!completed.contains(record.path), "a record of \(record.path) after it completed")
            case .completed(let source): completed.append(source.path)
            }
        }
        // In input order, the empty file too; the chat's conversation before its completion.
        #expect(completed == paths)
        #expect(completed.count == summary.sources)
        let conversations = sink.events.compactMap { if case .assessed(let a) = $0, a.kind == .conversation { a.source.path } else { nil } }
        #expect(conversations == [paths[2]])
    }

    @Test func aRunKilledMidwayResumesWithTheSourcesItHadNotCompleted() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = try resumeCorpus(in: directory + "/in")
        let reference = directory + "/reference.sqlite"
        try scan([directory + "/in"], into: reference)

        // Killed a few events into the fourth source, after three completed.
        let database = directory + "/case.sqlite"
        try killedInFourthSource([directory + "/in"], into: database)
        let caseFile = try CaseFile(path: database)
        #expect(try caseFile.integrityCheck() == "ok")
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NULL") == 1)
        let completed = try caseFile.rows("SELECT path FROM sources WHERE completed = 1 ORDER BY path").map { $0[0] }
        #expect(completed == Array(paths.prefix(3)))
        // The fourth source is half-written; ranks only come when a run finishes.
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents JOIN sources ON sources.id = documents.source WHERE sources.path = ?", [paths[3]]) > 0)
        #expect(try caseFile.count("SELECT COUNT(*) FROM assessments WHERE rank IS NOT NULL") == 0)

        // The rerun skips exactly the completed sources and reads the rest.
        let rerun = try scan([directory + "/in"], into: database)
        #expect(rerun.summary.sourcesSkipped == [CaseFile.unchangedReason: 3])
        #expect(rerun.summary.sources == 3)
        #expect(rerun.output.records.filter { $0.reason == CaseFile.unchangedReason }.map(\.path) == Array(paths.prefix(3)))
        #expect(try caseFile.integrityCheck() == "ok")
        #expect(try caseFile.count("SELECT COUNT(*) FROM sources WHERE completed = 1") == paths.count)
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL") == 1)
        // Every document, hit, selector and skip record once: the same as one uninterrupted scan.
        #expect(try contents(caseFile) == (try contents(CaseFile(path: reference, readOnly: true))))
        #expect(try caseFile.count("SELECT COUNT(*) FROM skips WHERE kind = 'error'") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents WHERE kind = 'conversation'") == 1)
        // The killed run's completed sources keep its rows; the rerun ranked what it read.
        let (killedRun, rerunID) = ("1", "2")
        #expect(try caseFile.rows("SELECT DISTINCT documents.run FROM documents JOIN sources ON sources.id = documents.source WHERE sources.path IN (?, ?, ?)",
                                  Array(paths.prefix(3))).map { $0[0] } == [killedRun])
        #expect(try caseFile.count("SELECT COUNT(*) FROM assessments WHERE run = ? AND rank IS NULL", [rerunID]) == 0)
        #expect(try caseFile.rows("SELECT MIN(rank), MAX(rank) FROM assessments WHERE run = ?", [rerunID]).first
                == ["1", String(rerun.output.assessments.count)])
    }

    @Test func afterAKilledRunAChangedFileOrRuleSetIsReadAgain() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = try resumeCorpus(in: directory + "/in")
        let database = directory + "/case.sqlite"
        try killedInFourthSource([directory + "/in"], into: database)
        let caseFile = try CaseFile(path: database)

        // b.jsonl was completed, then changed: another SHA-256, read again, its rows replaced.
        TestSupport.write(Array("{\"id\": \"b-new\", \"text\": \"we keep your passport\"}\n".utf8), to: paths[1])
        let rerun = try scan([directory + "/in"], into: database)
        #expect(rerun.summary.sourcesSkipped == [CaseFile.unchangedReason: 2])
        #expect(rerun.output.records.filter { $0.reason == CaseFile.unchangedReason }.map(\.path) == [paths[0], paths[2]])
        #expect(try caseFile.rows("SELECT documents.id, documents.run FROM documents JOIN sources ON sources.id = documents.source WHERE sources.path = ?",
                                  [paths[1]]) == [["b-new", "2"]])
        // Its bad line went with its old rows.
        #expect(try caseFile.count("SELECT COUNT(*) FROM skips") == 0)
        #expect(try caseFile.integrityCheck() == "ok")

        // Another rule set: every source is read again, completed or not.
        let changed = try scan([directory + "/in"], into: database, yaml: Self.changedYAML)
        #expect(changed.summary.sourcesSkipped.isEmpty)
        #expect(changed.summary.sources == paths.count)
        #expect(try caseFile.count("SELECT COUNT(DISTINCT run) FROM documents") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == (try caseFile.count("SELECT COUNT(DISTINCT id) FROM documents")))
        #expect(try caseFile.integrityCheck() == "ok")
    }

    func corpus(in directory: String) -> [String] {
        let texts = [
            "a.txt": "Great salary abroad, we keep your passport. Call +34 612 345 678",
            "b.txt": "Nice salary for nannies. write to jobs@example.com",
            "c.txt": "Nothing to see here, a bicycle for sale.",
        ]
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in texts { TestSupport.write(Array(text.utf8), to: directory + "/" + name) }
        return texts.keys.sorted().map { directory + "/" + $0 }
    }

    @Test func schemaIsCreatedVersionedAndInWALMode() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let caseFile = try CaseFile(path: directory + "/case.sqlite")
        #expect(try caseFile.schemaVersion() == CaseFileSchema.version)
        let tables = Set(try caseFile.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0] })
        #expect(tables.isSuperset(of: ["runs", "sources", "documents", "assessments", "hits", "selectors", "clusters", "triage", "skips"]))
        #expect(try caseFile.rows("PRAGMA journal_mode").first?.first == "wal")
        #expect(try caseFile.integrityCheck() == "ok")
        // Opening again migrates nothing twice.
        #expect(try CaseFile(path: directory + "/case.sqlite").schemaVersion() == CaseFileSchema.version)
    }

    @Test func aScanWritesRunsSourcesDocumentsAssessmentsHitsAndSelectors() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = corpus(in: directory + "/in")
        let database = directory + "/case.sqlite"
        try scan([directory + "/in"], into: database)
        let caseFile = try CaseFile(path: database, readOnly: true)
        let run = try #require(try caseFile.rows("SELECT finished, rule_set_hash, version FROM runs").first)
        #expect(run[0] != nil)
        #expect(run[1] == TestSupport.library(Self.yaml).library.ruleSetHash)
        #expect(try caseFile.count("SELECT COUNT(*) FROM sources WHERE completed = 1") == 3)
        let source = try FileManager.default.contents(atPath: paths[0]).map { $0.withUnsafeBytes { Hashing.sha256($0) } }
        #expect(try caseFile.rows("SELECT sha256, format FROM sources WHERE path = ?", [paths[0]]).first == [source, "text"])
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 3)
        #expect(try caseFile.count("SELECT COUNT(*) FROM assessments") == 3)
        let hits = try caseFile.rows("""
            SELECT hits.indicator, hits.text, hits.start_byte, hits.end_byte FROM hits
            JOIN assessments ON assessments.id = hits.assessment JOIN documents ON documents.key = assessments.document
            WHERE documents.id = ? ORDER BY hits.start_byte
            """, [paths[0]])
        #expect(hits.map { $0[0] } == ["en.salary", "en.passport"])
        let original = try #require(FileManager.default.contents(atPath: paths[0]))
        for hit in hits {
            let range = Int(hit[2]!)!..<Int(hit[3]!)!
            #expect(String(decoding: original[range], as: UTF8.self) == hit[1])
        }
        #expect(try caseFile.rows("SELECT band, rank FROM assessments JOIN documents ON documents.key = assessments.document WHERE documents.id = ?",
                                  [paths[0]]).first == ["medium", "1"])
        #expect(try caseFile.count("SELECT COUNT(*) FROM selectors WHERE kind = 'phone'") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM selectors WHERE kind = 'email'") == 1)
    }

    @Test func aRerunSkipsUnchangedSourcesAndRereadsChangedOnesOrAChangedRuleSet() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = corpus(in: directory + "/in")
        let database = directory + "/case.sqlite"
        try scan([directory + "/in"], into: database)

        // Unchanged: nothing is read, and the case file keeps what it had.
        let second = try scan([directory + "/in"], into: database).summary
        #expect(second.sourcesSkipped[CaseFile.unchangedReason] == 3)
        #expect(second.sources == 0)
        let caseFile = try CaseFile(path: database, readOnly: true)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 3)
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL") == 2)
        #expect(try caseFile.count("SELECT COUNT(*) FROM skips") == 0)

        // One file changed: only it is read again, and its rows are replaced.
        TestSupport.write(Array("We keep passport. No salary.".utf8), to: paths[2])
        let third = try scan([directory + "/in"], into: database).summary
        #expect(third.sourcesSkipped[CaseFile.unchangedReason] == 2)
        #expect(third.sources == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 3)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents WHERE id = ?", [paths[2]]) == 1)
        #expect(try caseFile.rows("SELECT band FROM assessments JOIN documents ON documents.key = assessments.document WHERE documents.id = ?",
                                  [paths[2]]).first == ["medium"])

        // Another rule set: everything is read again.
        let fourth = try scan([directory + "/in"], into: database, yaml: Self.changedYAML).summary
        #expect(fourth.sourcesSkipped.isEmpty)
        #expect(fourth.sources == 3)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 3)
        #expect(try caseFile.count("SELECT COUNT(DISTINCT run) FROM documents") == 1)
        #expect(try caseFile.integrityCheck() == "ok")
    }

    @Test func skippedAndErrorRecordsAreKept() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        TestSupport.write([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0xFF], to: directory + "/in/image.png")
        TestSupport.write(Array("{\"text\": \"salary\"}\n{not json\n".utf8), to: directory + "/in/ads.jsonl")
        let database = directory + "/case.sqlite"
        try scan([directory + "/in"], into: database)
        let caseFile = try CaseFile(path: database, readOnly: true)
        #expect(try caseFile.count("SELECT COUNT(*) FROM skips WHERE kind = 'skipped' AND reason = 'binary file'") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM skips WHERE kind = 'error'") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 1)
    }

    @Test func triageStatusAndNotesRoundTrip() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = corpus(in: directory + "/in")
        let database = directory + "/case.sqlite"
        try scan([directory + "/in"], into: database)
        let caseFile = try CaseFile(path: database)
        #expect(try caseFile.triage(document: paths[0])?.status == .new)
        let set = try caseFile.setTriage(document: paths[0], status: .relevant, note: "same phone as case 12")
        #expect(set.status == .relevant)
        #expect(set.note == "same phone as case 12")
        #expect(set.time != nil)
        // A note alone keeps the status; a status alone keeps the note.
        #expect(try caseFile.setTriage(document: paths[0], status: nil, note: "call back").status == .relevant)
        let reviewed = try caseFile.setTriage(document: paths[1], status: .dismissed, note: nil)
        #expect(reviewed.status == .dismissed && reviewed.note == nil)
        #expect(try CaseFile(path: database, readOnly: true).triage(document: paths[0])?.note == "call back")
        #expect(try caseFile.triageList(status: .relevant).map(\.document) == [paths[0]])
        #expect(try caseFile.triageList().map(\.document) == [paths[0], paths[1]])
        #expect(try caseFile.triageList(status: .new).isEmpty)
        #expect(throws: CaseFileError.self) { try caseFile.setTriage(document: "no-such-document", status: .reviewed, note: nil) }
        // Triage survives a rescan that re-reads the document.
        try scan([directory + "/in"], into: database, yaml: Self.changedYAML)
        #expect(try caseFile.triage(document: paths[0])?.status == .relevant)
    }

    @Test func anAbandonedBatchLeavesAConsistentFileAndTheRerunCompletes() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = corpus(in: directory + "/in")
        let database = directory + "/case.sqlite"
        let library = TestSupport.library(Self.yaml).library
        do {
            // A run that writes one batch, then fails inside the next transaction, and never finishes.
            let run = try CaseFile(path: database).beginRun(version: "test", ruleSetHash: library.ruleSetHash, command: "killed")
            var assessor = DocumentAssessor(compiled: CompiledLibrary(library))
            assessor.links = LinkExtraction(selectors: true, region: nil)
            var sink = CollectingSink()
            _ = Pipeline(assessor: assessor, options: ScanOptions()).run(paths: paths, sink: &sink)
            try run.write([.assessment(sink.assessments[0].assessment)])
            try? run.caseFile.pool.write { db in
                try db.execute(sql: "INSERT INTO runs (started, version, rule_set_hash, command) VALUES ('now', 'v', 'h', 'c')")
                throw CaseFileError.unknownDocument("simulated crash")
            }
        }
        let caseFile = try CaseFile(path: database)
        #expect(try caseFile.integrityCheck() == "ok")
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NULL") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 1)
        let rerun = try scan([directory + "/in"], into: database).summary
        #expect(rerun.sources == 3)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == 3)
        #expect(try caseFile.count("SELECT COUNT(DISTINCT id) FROM documents") == 3)
    }
}

/// A real crash: `lurescan scan --db` in a child process, killed with SIGKILL midway.
@Suite struct CaseFileCrashTests {
    /// The `lurescan` built with the tests (same build directory as the test bundle), or the
    /// default build's. `swift build --build-tests` and `swift test` build it.
    static func binary() -> String? {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [executable.deletingLastPathComponent().appendingPathComponent("lurescan").path]
        if let argument = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("lurescan").path)
        }
        candidates.append(TestSupport.repositoryRoot + "/.build/debug/lurescan")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func launch(_ binary: String, _ arguments: [String], output: String = "/dev/null") throws -> Process {
        FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// Streamed or ranked (ranked output waits for the end; the case file does not).
    @Test(arguments: [true, false]) func aScanKilledMidwayLeavesASoundFileAndTheRerunResumes(stream: Bool) throws {
        guard let binary = Self.binary() else {
            Issue.record("lurescan is not built next to the test bundle: build with `swift build --build-tests` first")
            return
        }
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let input = directory + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let files = 30, lines = 300
        for file in 0..<files {
            var text = ""
            for line in 0..<lines {
                text += "{\"id\": \"ad-\(file)-\(line)\", \"text\": \"Hostess job abroad \(file) \(line), great salary, we pay your ticket and you repay from your salary. Call +34 612 345 \(String(format: "%03d", line))\"}\n"
            }
            TestSupport.write(Array(text.utf8), to: input + String(format: "/ads-%03d.jsonl", file))
        }
        let database = directory + "/case.sqlite"
        let arguments = ["scan"] + (stream ? ["--stream"] : []) + ["--format", "jsonl", "--jobs", "1", "-q", "--db", database, input]

        // Killed once the first batches are committed.
        let child = try launch(binary, arguments)
        let deadline = Date().addingTimeInterval(120)
        var written = 0
        while child.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: database),
               let count = try? CaseFile(path: database, readOnly: true).count("SELECT COUNT(*) FROM documents") {
                written = count
                if written >= 512 { break }
            }
            usleep(20_000)
        }
        let killedMidway = child.isRunning
        if killedMidway { kill(child.processIdentifier, SIGKILL) }
        child.waitUntilExit()
        #expect(killedMidway, "the scan ended before it could be killed (\(written) documents written)")
        #expect(child.terminationReason == .uncaughtSignal)

        let caseFile = try CaseFile(path: database)
        #expect(try caseFile.integrityCheck() == "ok")
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NULL") == 1)
        let partial = try caseFile.count("SELECT COUNT(*) FROM documents")
        #expect(partial >= 512 && partial < files * lines)
        // Transactions are whole: every document written has its assessment, and a source
        // counts as completed only with all of its documents.
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents LEFT JOIN assessments ON assessments.document = documents.key WHERE assessments.id IS NULL") == 0)
        let completed = try caseFile.rows("SELECT path FROM sources WHERE completed = 1 ORDER BY path").compactMap { $0[0] }
        #expect(!completed.isEmpty && completed.count < files)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents JOIN sources ON sources.id = documents.source WHERE sources.completed = 1") == completed.count * lines)

        // The rerun skips the sources the killed run completed, and replaces what it left of the others.
        let output = directory + "/rerun.jsonl"
        let rerun = try launch(binary, arguments, output: output)
        rerun.waitUntilExit()
        #expect(rerun.terminationReason == .exit && [0, 1].contains(rerun.terminationStatus))
        let records = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let unchanged = records.filter { $0["reason"] as? String == CaseFile.unchangedReason }
        #expect(unchanged.compactMap { ($0["source"] as? [String: Any])?["path"] as? String }.sorted() == completed)
        #expect(records.filter { $0["record"] as? String == "document" }.count == (files - completed.count) * lines)
        #expect(try caseFile.integrityCheck() == "ok")
        // Ranked: every document the rerun read has its rank; the killed run ranked nothing.
        #expect(try caseFile.count("SELECT COUNT(*) FROM assessments WHERE rank IS NOT NULL") == (stream ? 0 : (files - completed.count) * lines))
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL") == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == files * lines)
        #expect(try caseFile.count("SELECT COUNT(DISTINCT id) FROM documents") == files * lines)
        #expect(try caseFile.count("SELECT COUNT(*) FROM sources WHERE completed = 1") == files)

        // And a third run has nothing left to read.
        let third = try launch(binary, arguments)
        third.waitUntilExit()
        // Nothing read, nothing found: exit 1, not 2 (skipping unchanged sources is no failure).
        #expect(third.terminationReason == .exit && third.terminationStatus == 1)
        #expect(try caseFile.count("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL") == 2)
        #expect(try caseFile.count("SELECT COUNT(*) FROM documents") == files * lines)
    }
}
