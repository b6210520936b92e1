import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LureScan

/// Malformed, huge and hostile inputs, all generated here in temporary directories. Every
/// scan must end (no crash, no hang) and account for every document: found == scanned +
/// skipped (with a reason) + errored, with the summary, the collected records and the JSONL
/// output and the SQLite case file agreeing (`HostileScan.expectAccounted`).
@Suite(.serialized) struct HostileInputTests {
    // MARK: one input kind at a time

    @Test func invalidUTF8AndNULBytesAreRepairedSkippedOrScanned() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.encodings(in: directory)
        let scan = HostileScan.run([directory])
        scan.expectAccounted(inputs: inputs)
        let byPath = scan.assessmentsByPath
        let invalid = try #require(byPath[directory + "/invalid-utf8.txt"])
        #expect(invalid.invalidBytes >= 4)
        #expect(Set(invalid.hits.map(\.indicatorID)) == ["en.salary", "en.passport"])
        #expect(scan.summary.sourcesSkipped["binary file"] == 2)    // NULs in the first bytes, no UTF-16 pattern
        #expect(byPath[directory + "/late-nul.txt"]?.hits.map(\.indicatorID).contains("en.passport") == true)
        #expect(scan.summary.errored >= 1)                          // at least the JSONL line that is not JSON
    }

    @Test func utf16WithAndWithoutByteOrderMarkIsDecoded() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.utf16(in: directory)
        let scan = HostileScan.run([directory])
        scan.expectAccounted(inputs: inputs)
        #expect(scan.summary.scanned == inputs)
        for (path, assessment) in scan.assessmentsByPath {
            #expect(assessment.charset.hasPrefix("UTF-16"), "\(path): \(assessment.charset)")
            #expect(Set(assessment.hits.map(\.indicatorID)) == ["en.salary", "en.passport"], "\(path)")
            // Evidence offsets point into the UTF-16 bytes of the file.
            let bytes = try #require(FileManager.default.contents(atPath: path))
            for hit in assessment.hits {
                let encoding: String.Encoding = path.contains("-be-") ? .utf16BigEndian : .utf16LittleEndian
                #expect(String(data: bytes[hit.sourceRange], encoding: encoding) == hit.text, "\(path)")
            }
        }
    }

    @Test func a200MBSingleLineIsSkippedWithAReasonAndMemoryStaysSane() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.hugeLines(in: directory)
        let before = HostileScan.peakResidentMegabytes()
        let scan = HostileScan.run([directory])
        let growth = HostileScan.peakResidentMegabytes() - before
        scan.expectAccounted(inputs: inputs)
        #expect(scan.summary.scanned == 0)
        #expect(scan.summary.skipped["document larger than \(64 << 20) bytes"] == 1)   // the text file
        #expect(scan.records.contains { $0.kind == .error && $0.reason == "record larger than \(64 << 20) bytes, not parsed" })
        // The files are 2 x 200 MB: a copy of one at most, never a parse of the line.
        #expect(growth < 700, "peak resident memory grew by \(growth) MB")
    }

    @Test func manyTinyFiles() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let count = HostileCorpus.tinyFileCount
        let inputs = HostileCorpus.tinyFiles(in: directory, count: count)
        let scan = HostileScan.run([directory])
        scan.expectAccounted(inputs: inputs)
        #expect(scan.summary.sources == count)
        #expect(scan.summary.scanned == count)
        #expect(scan.summary.bands.values.reduce(0, +) == count)
    }

    @Test func deeplyNestedJSONIsAnErrorForItsRecordOnly() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.nestedJSON(in: directory)
        let scan = HostileScan.run([directory])
        scan.expectAccounted(inputs: inputs)
        // JSONL: the two nested lines fail, the plain one is read.
        let jsonl = scan.records.filter { $0.path.hasSuffix("nested.jsonl") }
        #expect(jsonl.count == 2)
        #expect(jsonl.allSatisfy { $0.kind == .error && $0.reason.contains("nested deeper") })
        #expect(scan.assessmentsByPath[directory + "/nested.jsonl"] != nil)
        #expect(scan.summary.errored >= 2)
    }

    @Test func xmlEntityExpansionIsNeverPerformed() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.billionLaughs(in: directory)
        let scan = HostileScan.run([directory], configure: { $0.perMessage = true })
        scan.expectAccounted(inputs: inputs)
        #expect(scan.summary.sources == 1)
        #expect(scan.summary.scanned + scan.summary.errored == 2)
        // The DTD is skipped whole: `&lol9;` is never expanded (3 GB if it were).
        let size = try #require(FileManager.default.attributesOfItem(atPath: directory + "/sms-20240101.xml")[.size] as? Int)
        for assessment in scan.assessments { #expect(assessment.location.byteRange.upperBound <= size) }
        #expect(scan.assessments.contains { $0.hits.contains { $0.indicatorID == "en.passport" } })
    }

    @Test func zipBombsAndZipSlipHoldEndToEnd() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = try HostileCorpus.zips(in: directory)
        var limits = ArchiveLimits()
        limits.maximumTotalBytes = 5_000_000
        let scan = HostileScan.run([directory], configure: { $0.archiveLimits = limits })
        scan.expectAccounted(inputs: inputs)
        let reasons = scan.summary.sourcesSkipped
        #expect(reasons[ArchiveError.ratioTooHigh(limit: 100).description] == 1)         // bomb.zip, 4 MB of one byte
        #expect(reasons[ArchiveError.unsafePath.description] == 5)                       // 2 in slip.zip, 3 in crafted.zip
        #expect(reasons["archive inside an archive"] == 1)
        #expect(reasons[ArchiveError.totalTooLarge(limit: 5_000_000).description] == 1)  // many.zip: 5 x 1.2 MB, 5 MB allowed
        #expect(scan.summary.sources == 1 + 1 + 4)                                      // slip safe/ok.txt, crafted ok.txt, 4 of many.zip
        // Nothing was extracted anywhere.
        for name in ["evil.txt", "absolute.txt", "win.txt"] {
            #expect(!FileManager.default.fileExists(atPath: directory + "/../" + name))
            #expect(!FileManager.default.fileExists(atPath: "/" + name))
        }
    }

    @Test func symbolicLinkLoopsEndAndAreReported() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.symlinks(in: directory)
        let scan = HostileScan.run([directory, directory + "/self"])
        scan.expectAccounted(inputs: inputs + 1)
        #expect(scan.summary.sources == 2)                                               // ok.txt and its link
        #expect(scan.summary.sourcesSkipped["symbolic link to a directory, not followed"] == 1)
        #expect(scan.summary.sourcesSkipped["broken symbolic link or link loop"] == 3)
        #expect(scan.summary.sourcesSkipped["no such file or directory"] == 1)           // the loop given by name
    }

    @Test func filesThatVanishOrChangeDuringTheScan() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let inputs = HostileCorpus.vanishing(in: directory)
        let scan = HostileScan.run([directory], configure: HostileCorpus.streamOneByOne, onFirstAssessment: { HostileCorpus.disturb(directory) })
        scan.expectAccounted(inputs: inputs)
        #expect(scan.summary.sourcesSkipped["vanished before it could be read"] == 1)
        #expect(scan.summary.sourcesSkipped["a directory, not a file"] == 1)
        let changed = try #require(scan.assessmentsByPath[directory + "/vanish/e.txt"])
        #expect(changed.hits.map(\.indicatorID) == ["en.passport"])                      // what was read, not what was walked
        let bytes = try #require(FileManager.default.contents(atPath: directory + "/vanish/e.txt"))
        #expect(changed.source.sha256 == bytes.withUnsafeBytes { Hashing.sha256($0) })
    }

    @Test func unreadableFilesDirectoriesAndFIFOs() {
        let directory = TestSupport.temporaryDirectory()
        defer { HostileCorpus.unlock(directory); TestSupport.remove(directory) }
        let inputs = HostileCorpus.unreadable(in: directory)
        let scan = HostileScan.run([directory])
        scan.expectAccounted(inputs: inputs)
        #expect(scan.summary.sourcesSkipped["not a regular file"] == 1)                  // the FIFO: never opened
        if getuid() == 0 {
            // root reads through chmod 000: the files are scanned.
            #expect(scan.summary.sources == 3)
        } else {
            #expect(scan.summary.sourcesSkipped["unreadable"] == 1)
            #expect(scan.summary.sourcesSkipped["directory cannot be read"] == 1)
        }
    }

    // MARK: inputs the fuzzers crashed on (Fuzz/corpus/*/crash-*)

    @Test func aZipWhoseOffsetsPointPastItsEndIsUnreadableNotACrash() throws {
        // FuzzReaders: a central directory at offset 149 of a 91-byte zip trapped in ZIPFoundation's in-memory reader.
        let hex = "504b0304140000000800dc117e0304140000000800dc117e5d9254a9be06000000040000000b000000736166652f6f6b00000000800100d80000736166652f6f6b2e747874504b05060000000003000300ad000000950000000000"
        let zip = Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! })
        let members = ArchiveExpander.members(of: zip, archivePath: "fuzz.zip")
        #expect(members.count == 1)
        if case .failure(let error) = members.first?.contents {
            #expect(error == .unreadableArchive("central directory outside the archive"))
        } else {
            Issue.record("expected an unreadable archive")
        }
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write([UInt8](zip), to: directory + "/fuzz.zip")
        HostileScan.run([directory]).expectAccounted(inputs: 1)
    }

    @Test func everyFuzzCrashInputReplaysWithoutCrashing() throws {
        let corpus = TestSupport.repositoryRoot + "/Fuzz/corpus/FuzzReaders"
        let crashes = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasPrefix("crash-") }
        #expect(!crashes.isEmpty)
        for name in crashes {
            // As FuzzReaders does: the first byte picks a reader, 9 the zip expander, 10 detection.
            let input = try #require(FileManager.default.contents(atPath: corpus + "/" + name))
            guard let choice = input.first else { continue }
            let bytes = [UInt8](input.dropFirst())
            let formats = InputFormat.allCases
            switch Int(choice) % (formats.count + 2) {
            case formats.count:
                _ = ArchiveExpander.members(of: Data(bytes), archivePath: name)
            case let index:
                bytes.withUnsafeBufferPointer { buffer in
                    let format: InputFormat
                    if index < formats.count {
                        format = formats[index]
                    } else if case .format(let detected) = FormatDetector.detect(path: name, bytes: buffer) {
                        format = detected
                    } else {
                        return
                    }
                    let source = Source(path: name, size: buffer.count, sha256: "", format: format)
                    Readers.reader(for: format).read(buffer, source: source, options: ReaderOptions()) { _ in }
                }
            }
        }
    }

    // MARK: accounting over everything at once

    @Test func accountingHoldsOverTheWholeHostileSuite() throws {
        let root = TestSupport.temporaryDirectory()
        defer { HostileCorpus.unlock(root + "/unreadable"); TestSupport.remove(root) }
        var inputs = 0
        func part(_ name: String, _ build: (String) throws -> Int) rethrows {
            let directory = root + "/" + name
            try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            inputs += try build(directory)
        }
        part("encodings", HostileCorpus.encodings)
        part("huge", { HostileCorpus.hugeLines(in: $0, bytes: 70 << 20) })   // over the 64 MB limit: the 200 MB test's path, faster
        part("nested", HostileCorpus.nestedJSON)
        part("sms", HostileCorpus.billionLaughs)
        part("symlinks", HostileCorpus.symlinks)
        part("tiny", { HostileCorpus.tinyFiles(in: $0, count: 2_000) })
        part("unreadable", HostileCorpus.unreadable)
        part("utf16", HostileCorpus.utf16)
        try part("zips", HostileCorpus.zips)
        part("zz", HostileCorpus.vanishing)                       // last: disturbed once the first assessment is out
        for stream in [false, true] {
            if stream { _ = HostileCorpus.vanishing(in: root + "/zz") }   // restore what the first run disturbed
            let scan = HostileScan.run([root], configure: { options in
                if stream { HostileCorpus.streamOneByOne(&options) }
                options.archiveLimits.maximumTotalBytes = 5_000_000
            }, onFirstAssessment: { HostileCorpus.disturb(root + "/zz") })
            scan.expectAccounted(inputs: inputs)
            #expect(scan.summary.documents > 2_000)
            #expect(scan.summary.errored > 0 && scan.summary.skippedDocuments > 0 && !scan.summary.sourcesSkipped.isEmpty)
        }
    }
}

// MARK: - Scanning with every output kept

/// One scan's summary, collected records and parsed JSONL output.
struct HostileScan {
    static let yaml = PipelineTests.yaml

    var summary: ScanSummary
    var assessments: [Assessment]
    var records: [SkipRecord]
    var jsonl: [[String: Any]]
    /// What the SQLite case file written alongside holds: documents, error and skip rows.
    var caseFile: (documents: Int, errors: Int, skipped: Int)

    var assessmentsByPath: [String: Assessment] {
        Dictionary(assessments.map { ($0.source.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func run(_ paths: [String], configure: (inout ScanOptions) -> Void = { _ in }, onFirstAssessment: (() -> Void)? = nil) -> HostileScan {
        var options = ScanOptions()
        options.jobs = 2
        configure(&options)
        let pipeline = Pipeline(assessor: TestSupport.assessor(yaml), options: options)
        let output = NSTemporaryDirectory() + "lurescan-hostile-" + UUID().uuidString + ".jsonl"
        let descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor); unlink(output) }
        let stream = LureScan.OutputStream(descriptor: descriptor)
        let caseFilePath = output + ".sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(caseFilePath + suffix) } }
        let caseFile = try! CaseFile(path: caseFilePath)
        var tee = TeeSink(RecordingSink(jsonl: JSONLSink(output: stream), onFirstAssessment: onFirstAssessment),
                          CaseFileSink(run: try! caseFile.beginRun(version: "test", ruleSetHash: "hostile", command: "test")))
        let summary = pipeline.run(paths: paths, sink: &tee)
        let sink = tee.first
        stream.flush()
        let counts = (documents: try! caseFile.count("SELECT count(*) FROM documents"),
                      errors: try! caseFile.count("SELECT count(*) FROM skips WHERE kind = 'error'"),
                      skipped: try! caseFile.count("SELECT count(*) FROM skips WHERE kind = 'skipped'"))
        let data = FileManager.default.contents(atPath: output) ?? Data()
        let lines = data.split(separator: 0x0A).map { line in
            (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] ?? ["unparsable": true]
        }
        return HostileScan(summary: summary, assessments: sink.assessments, records: sink.records, jsonl: lines, caseFile: counts)
    }

    /// Every document found is scanned, skipped or errored, and the summary, the records the
    /// sink was handed and the JSONL lines tell the same story. `inputs`: the files the walk
    /// must account for (each read as a source or skipped with a reason; zip members count).
    func expectAccounted(inputs: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let s = summary
        #expect(s.isBalanced, "found \(s.documents) != scanned \(s.scanned) + skipped \(s.skippedDocuments) + errored \(s.errored)", sourceLocation: sourceLocation)
        #expect(s.sources + s.sourcesSkipped.values.reduce(0, +) == inputs,
                "sources \(s.sources) + skipped \(s.sourcesSkipped) != \(inputs) inputs", sourceLocation: sourceLocation)
        func kind(_ line: [String: Any]) -> String { line["record"] as? String ?? "?" }
        #expect(jsonl.allSatisfy { ["document", "skipped", "error"].contains(kind($0)) }, "unexpected JSONL line", sourceLocation: sourceLocation)
        let documents = jsonl.filter { kind($0) == "document" }
        let messages = documents.reduce(0) { $0 + ((($1["message_count"] as? NSNumber)?.intValue) ?? 1) }
        #expect(messages == s.scanned, "JSONL documents (messages) \(messages) != scanned \(s.scanned)", sourceLocation: sourceLocation)
        #expect(documents.count == s.bands.values.reduce(0, +), sourceLocation: sourceLocation)
        #expect(documents.count == assessments.count, sourceLocation: sourceLocation)
        let errors = jsonl.filter { kind($0) == "error" }
        #expect(errors.count == s.errored, "JSONL errors \(errors.count) != errored \(s.errored)", sourceLocation: sourceLocation)
        let skipped = jsonl.filter { kind($0) == "skipped" }
        let skippedDocuments = skipped.filter { !($0["location"] is NSNull) }
        #expect(skippedDocuments.count == s.skippedDocuments, sourceLocation: sourceLocation)
        #expect(skipped.count - skippedDocuments.count == s.sourcesSkipped.values.reduce(0, +), sourceLocation: sourceLocation)
        #expect((skipped + errors).allSatisfy { !(($0["reason"] as? String) ?? "").isEmpty }, "a record without a reason", sourceLocation: sourceLocation)
        #expect(records.count == skipped.count + errors.count, sourceLocation: sourceLocation)
        // The case file written alongside tells the same story.
        #expect(caseFile.documents == documents.count, "case file documents \(caseFile.documents) != \(documents.count)", sourceLocation: sourceLocation)
        #expect(caseFile.errors == errors.count, "case file errors \(caseFile.errors) != \(errors.count)", sourceLocation: sourceLocation)
        #expect(caseFile.skipped == skipped.count, "case file skips \(caseFile.skipped) != \(skipped.count)", sourceLocation: sourceLocation)
        // The reasons counted in the summary are the reasons written.
        var counted: [String: Int] = [:]
        for record in skipped { counted[record["reason"] as? String ?? "", default: 0] += 1 }
        var summarized = s.sourcesSkipped
        for (reason, count) in s.skipped { summarized[reason, default: 0] += count }
        #expect(counted == summarized, sourceLocation: sourceLocation)
    }

    /// The process's peak resident set, in MB.
    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

/// Collects what the pipeline hands over and writes the JSONL output; runs a hook once, at
/// the first assessment (the walk is done, the later files not read yet).
struct RecordingSink: AssessmentSink {
    var jsonl: JSONLSink
    var onFirstAssessment: (() -> Void)?
    var assessments: [Assessment] = []
    var records: [SkipRecord] = []

    mutating func write(_ assessment: Assessment, rank: Int?) {
        if let hook = onFirstAssessment { onFirstAssessment = nil; hook() }
        assessments.append(assessment)
        jsonl.write(assessment, rank: rank)
    }

    mutating func write(_ record: SkipRecord) {
        records.append(record)
        jsonl.write(record)
    }

    mutating func finish(_ summary: ScanSummary) { jsonl.finish(summary) }
    mutating func flush() { jsonl.flush() }
}

// MARK: - The hostile inputs

/// Builders of hostile inputs: each writes into a directory and returns how many inputs the
/// scan must account for (files read or skipped; zip members rather than the zips).
enum HostileCorpus {
    static let lure = "Great salary abroad, we keep your passport."

    /// 20,000 by default (100,000 take about 160 s in a debug build on 2 shared cores: run
    /// them with `LURESCAN_HOSTILE_FILES=100000`).
    static let tinyFileCount = ProcessInfo.processInfo.environment["LURESCAN_HOSTILE_FILES"].flatMap(Int.init) ?? 20_000

    static func write(_ bytes: [UInt8], _ path: String) { TestSupport.write(bytes, to: path) }

    static func encodings(in directory: String) -> Int {
        write(Array("great salary ".utf8) + [0xC3, 0x28, 0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80] + Array(" we keep passport".utf8), directory + "/invalid-utf8.txt")
        write(Array("salary".utf8) + [0, 0, 0, 1, 0] + Array(" we keep passport".utf8), directory + "/early-nul.txt")
        write(Array(String(repeating: "filler text ", count: 1_000).utf8) + [0] + Array(" we keep passport".utf8), directory + "/late-nul.txt")
        write(Array(#"{"id": "n1", "text": "salary \u0000 we keep passport"}"#.utf8) + [0x0A]
              + Array(#"{"id": "n2", "text": "salary "#.utf8) + [0xFF, 0xC3] + Array(#" we keep passport"}"#.utf8) + [0x0A]
              + [0x0A], directory + "/nul.jsonl")
        // A raw NUL in the first bytes: the whole file is binary, skipped with that reason.
        write(Array(#"{"text": "salary"}"#.utf8) + [0x0A, 0x7B, 0x00, 0x22, 0x0A], directory + "/raw-nul.jsonl")
        write(Array("id,text\n1,salary ".utf8) + [0xFF] + Array(" we keep passport\n2,\"unterminated\n".utf8), directory + "/odd.csv")
        write([0xEF, 0xBB, 0xBF] + Array(lure.utf8), directory + "/bom.txt")
        write([], directory + "/empty.txt")
        return 8
    }

    static func utf16(in directory: String) -> Int {
        let text = "Ad: " + lure + " Call now."
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        write([0xFF, 0xFE] + le, directory + "/utf16-le-bom.txt")
        write([0xFE, 0xFF] + be, directory + "/utf16-be-bom.txt")
        write(le, directory + "/utf16-le-nobom.txt")
        write(be, directory + "/utf16-be-nobom.txt")
        return 4
    }

    /// A 200 MB single line of plain text, and a JSONL file whose one line is 200 MB.
    static func hugeLines(in directory: String) -> Int { hugeLines(in: directory, bytes: 200 << 20) }

    static func hugeLines(in directory: String, bytes hugeBytes: Int) -> Int {
        let chunk = Data(String(repeating: "salary ", count: (1 << 20) / 7).utf8)
        func writeHuge(_ path: String, prefix: String, suffix: String) {
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = FileHandle(forWritingAtPath: path)!
            handle.write(Data(prefix.utf8))
            var written = 0
            while written < hugeBytes { handle.write(chunk); written += chunk.count }
            handle.write(Data(suffix.utf8))
            try? handle.close()
        }
        writeHuge(directory + "/huge.txt", prefix: "", suffix: "")
        writeHuge(directory + "/huge.jsonl", prefix: #"{"id": "huge", "text": ""#, suffix: #""}"#)
        return 2
    }

    static func tinyFiles(in directory: String, count: Int) -> Int {
        // 1,000 per folder: a flat folder of 100,000 entries is its own problem.
        for index in 0..<count {
            let folder = directory + "/d\(index / 1_000)"
            if index % 1_000 == 0 { try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let text = index % 10 == 0 ? lure : "ad \(index)"
            FileManager.default.createFile(atPath: folder + "/f\(index).txt", contents: Data(text.utf8))
        }
        return count
    }

    static func nestedJSON(in directory: String) -> Int {
        let depth = 100_000
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        write(Array((nested + "\n" + #"{"text": "#  + objects + "}\n" + #"{"text": "salary, we keep your passport"}"# + "\n").utf8), directory + "/nested.jsonl")
        let telegram = #"{"name": "X", "type": "personal_chat", "id": 1, "messages": ["#
            + #"{"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "date_unixtime": "1704103200", "from": "A", "from_id": "user1", "text": "salary"},"#
            + #"{"id": 2, "type": "message", "date": "2024-01-01T10:01:00", "date_unixtime": "1704103260", "from": "A", "from_id": "user1", "text": "# + nested + "}]}"
        write(Array(telegram.utf8), directory + "/result.json")
        let facebook = #"{"participants": [{"name": "A"}], "messages": ["#
            + #"{"sender_name": "A", "timestamp_ms": 1704103200000, "content": "we keep your passport"},"#
            + #"{"sender_name": "A", "timestamp_ms": 1704103260000, "content": "# + objects + "}]}"
        write(Array(facebook.utf8), directory + "/message_1.json")
        return 3
    }

    /// An SMS Backup & Restore file whose DTD defines the billion laughs.
    static func billionLaughs(in directory: String) -> Int {
        var dtd = #"<!ENTITY lol "lol">"#
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let xml = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<!DOCTYPE smses [" + dtd + "]>\n"
            + #"<smses count="2">"# + "\n"
            + #"  <sms protocol="0" address="+34600000000" date="1704103200000" type="1" body="&lol9; salary" contact_name="A" />"# + "\n"
            + #"  <sms protocol="0" address="+34600000000" date="1704103260000" type="1" body="we keep your passport &lol9;" contact_name="A" />"# + "\n"
            + "</smses>\n"
        write(Array(xml.utf8), directory + "/sms-20240101.xml")
        return 1
    }

    /// bomb.zip (4 MB of one byte, deflated), slip.zip, and zips made here: zip-slip names,
    /// a zip inside the zip, and five 1.2 MB members (against a 5 MB total in the tests).
    static func zips(in directory: String) throws -> Int {
        let fixtures = TestSupport.repositoryRoot + "/Tests/Fixtures/whatsapp/"
        for name in ["bomb.zip", "slip.zip"] {
            try FileManager.default.copyItem(atPath: fixtures + name, toPath: directory + "/" + name)
        }
        let inner = StoredZip.make([("inner.txt", Array(lure.utf8))])
        write(StoredZip.make([
            ("../evil.txt", Array(lure.utf8)), ("/absolute.txt", Array(lure.utf8)), ("..\\win.txt", Array(lure.utf8)),
            ("nested.zip", inner), ("ok.txt", Array(lure.utf8)),
        ]), directory + "/crafted.zip")
        let member = Array(String(repeating: "salary ", count: 1_200_000 / 7).utf8)
        write(StoredZip.make((1...5).map { ("m\($0).txt", member) }), directory + "/many.zip")
        return 1 + 3 + 5 + 5    // bomb, slip, crafted, many
    }

    static func symlinks(in directory: String) -> Int {
        let manager = FileManager.default
        try! manager.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        write(Array(lure.utf8), directory + "/ok.txt")
        try! manager.createSymbolicLink(atPath: directory + "/sub/up", withDestinationPath: "..")      // a directory loop
        try! manager.createSymbolicLink(atPath: directory + "/self", withDestinationPath: "self")      // a link to itself
        try! manager.createSymbolicLink(atPath: directory + "/a", withDestinationPath: "b")            // a -> b -> a
        try! manager.createSymbolicLink(atPath: directory + "/b", withDestinationPath: "a")
        try! manager.createSymbolicLink(atPath: directory + "/link.txt", withDestinationPath: "ok.txt")
        return 6
    }

    /// Five files; `disturb` deletes c, turns d into a directory and rewrites e.
    static func vanishing(in directory: String) -> Int {
        let folder = directory + "/vanish"
        try? FileManager.default.removeItem(atPath: folder)
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["a", "b", "c", "d"] { write(Array("salary \(name)".utf8), folder + "/\(name).txt") }
        write(Array("nothing here".utf8), folder + "/e.txt")
        return 5
    }

    static func disturb(_ directory: String) {
        let folder = directory + "/vanish"
        try? FileManager.default.removeItem(atPath: folder + "/c.txt")
        try? FileManager.default.removeItem(atPath: folder + "/d.txt")
        try? FileManager.default.createDirectory(atPath: folder + "/d.txt", withIntermediateDirectories: true)
        write(Array("changed: we keep your passport".utf8), folder + "/e.txt")
    }

    /// Streamed, one document per batch, one worker: the first assessment goes out before
    /// the second file is read.
    static func streamOneByOne(_ options: inout ScanOptions) {
        options.stream = true
        options.batchSize = 1
        options.jobs = 1
    }

    /// A chmod 000 file, a chmod 000 folder holding a file, a FIFO.
    static func unreadable(in directory: String) -> Int {
        write(Array(lure.utf8), directory + "/locked.txt")
        chmod(directory + "/locked.txt", 0)
        try! FileManager.default.createDirectory(atPath: directory + "/locked", withIntermediateDirectories: true)
        write(Array(lure.utf8), directory + "/locked/inside.txt")
        chmod(directory + "/locked", 0)
        mkfifo(directory + "/fifo", 0o644)
        write(Array(lure.utf8), directory + "/plain.txt")
        // The folder is one entry when it cannot be read, its file otherwise (root).
        return 4
    }

    static func unlock(_ directory: String) {
        chmod(directory + "/locked", 0o755)
        chmod(directory + "/locked.txt", 0o644)
    }
}

/// Writes zips with stored (uncompressed) members: any member name, any contents.
enum StoredZip {
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func make(_ members: [(name: String, contents: [UInt8])]) -> [UInt8] {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) } }
        var archive: [UInt8] = []
        var directory: [UInt8] = []
        for member in members {
            let name = Array(member.name.utf8)
            let crc = crc32(member.contents)
            let size = UInt32(member.contents.count)
            let offset = UInt32(archive.count)
            let common = le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc) + le32(size) + le32(size) + le16(name.count) + le16(0)
            archive += [0x50, 0x4B, 3, 4] + le16(20) + common + name + member.contents
            directory += [0x50, 0x4B, 1, 2] + le16(20) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = UInt32(archive.count)
        archive += directory
        archive += [0x50, 0x4B, 5, 6] + le16(0) + le16(0) + le16(members.count) + le16(members.count)
            + le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return archive
    }
}
