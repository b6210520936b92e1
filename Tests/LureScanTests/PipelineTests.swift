import Foundation
import Testing
@testable import LureScan

@Suite struct PipelineTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", weight: 0.5, pattern: #"\bwe keep (?:your )?passport\b"#)
        + TestSupport.indicatorYAML(id: "en.salary", weight: 0.3, pattern: #"\bsalary\b"#)
        + TestSupport.indicatorYAML(id: "en.ninera", category: "targeting", weight: 0.3, pattern: #"\bninera\b"#)

    func scan(_ paths: [String], jobs: Int = 2, configure: (inout ScanOptions) -> Void = { _ in }) -> CollectingSink {
        var options = ScanOptions()
        options.jobs = jobs
        configure(&options)
        let pipeline = Pipeline(assessor: TestSupport.assessor(Self.yaml), options: options)
        var sink = CollectingSink()
        _ = pipeline.run(paths: paths, sink: &sink)
        return sink
    }

    @Test func plainTextSpansQuoteTheSourceBytesExactly() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let text = "Ｊｏｂ abroad!\r\n\r\n  Great 𝐒𝐀𝐋𝐀𝐑𝐘, We  k.e.e.p your pass\u{200B}port. Ni\u{0303}ñera 🙂 salary"
        let path = directory + "/ad.txt"
        TestSupport.write(Array(text.utf8), to: path)
        let sink = scan([path])
        let assessment = try #require(sink.assessments.first?.assessment)
        let source = try #require(FileManager.default.contents(atPath: path))
        #expect(assessment.hits.count == 4)
        for hit in assessment.hits {
            let quoted = String(decoding: source[hit.sourceRange], as: UTF8.self)
            #expect(quoted == hit.text)
        }
        #expect(assessment.hits.map(\.text).contains("𝐒𝐀𝐋𝐀𝐑𝐘"))
        #expect(assessment.source.sha256 == source.withUnsafeBytes { Hashing.sha256($0) })
        #expect(assessment.source.sha256.count == 64)
    }

    @Test func invalidUTF8IsRepairedCountedAndScanned() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array("great salary ".utf8) + [0xC3, 0x28, 0xFF] + Array(" we keep passport".utf8), to: directory + "/bad.txt")
        let sink = scan([directory])
        let assessment = try #require(sink.assessments.first?.assessment)
        #expect(assessment.invalidBytes >= 2)
        #expect(Set(assessment.hits.map(\.indicatorID)) == ["en.salary", "en.passport"])
        #expect(sink.summary?.invalidBytes == assessment.invalidBytes)
        #expect(sink.summary?.scanned == 1)
    }

    @Test func binaryFilesAreSkippedWithAReason() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0xFF], to: directory + "/image.png")
        TestSupport.write(Array("salary".utf8), to: directory + "/ad.txt")
        let sink = scan([directory, directory + "/missing.txt"])
        #expect(sink.summary?.sourcesSkipped["binary file"] == 1)
        #expect(sink.summary?.sourcesSkipped["no such file or directory"] == 1)
        #expect(sink.records.map(\.reason).sorted() == ["binary file", "no such file or directory"])
        #expect(sink.assessments.count == 1)
    }

    @Test func htmlHitsSpanTheEncodedEvidence() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let html = "<html><head><style>.salary{}</style><script>var salary=1</script></head><body><p>We keep <b>your</b> passport &amp; pay a <i>sal&#97;ry</i></p><p>Ni&ntilde;era</p></body></html>"
        TestSupport.write(Array(html.utf8), to: directory + "/ad.html")
        let sink = scan([directory])
        let assessment = try #require(sink.assessments.first?.assessment)
        let bytes = Array(html.utf8)
        let quoted = assessment.hits.map { String(decoding: bytes[$0.sourceRange], as: UTF8.self) }
        #expect(quoted.sorted() == ["Ni&ntilde;era", "We keep <b>your</b> passport", "sal&#97;ry"])
        #expect(assessment.hits.map(\.text).contains("salary"))
    }

    @Test func jsonlAndCSVRecordsAreDocuments() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let jsonl = """
        {"id": "ad-1", "title": "Nanny", "body": "Ni\\u00f1era needed, great salary"}
        {"id": "ad-2", "price": 42}
        not json
        {"id": "ad-3", "title": "We keep \\"your\\" passport"}

        """
        TestSupport.write(Array(jsonl.utf8), to: directory + "/ads.jsonl")
        let csv = "id,title,description\nrow-1,\"Salary \"\"high\"\"\",\"line one\nline two: niñera\"\nrow-2,plain,nothing here\n"
        TestSupport.write(Array(csv.utf8), to: directory + "/ads.csv")
        let sink = scan([directory])
        let ids = Set(sink.assessments.map(\.assessment.documentID))
        #expect(ids == ["ad-1", "ad-3", "row-1", "row-2"])
        #expect(sink.summary?.documents == 6)
        #expect(sink.summary?.errored == 2)
        #expect(sink.summary?.isBalanced == true)
        let errors = sink.records.filter { $0.kind == .error }
        #expect(errors.map { $0.location?.line } .compactMap { $0 }.sorted() == [2, 3])
        let adOne = try #require(sink.assessments.first { $0.assessment.documentID == "ad-1" }?.assessment)
        let jsonBytes = Array(jsonl.utf8)
        let ninera = try #require(adOne.hits.first { $0.indicatorID == "en.ninera" })
        #expect(String(decoding: jsonBytes[ninera.sourceRange], as: UTF8.self) == "Ni\\u00f1era")
        let rowOne = try #require(sink.assessments.first { $0.assessment.documentID == "row-1" }?.assessment)
        let csvBytes = Array(csv.utf8)
        #expect(rowOne.hits.map { String(decoding: csvBytes[$0.sourceRange], as: UTF8.self) }.sorted() == ["Salary", "niñera"])
    }

    @Test func rankingIsDeterministicAcrossJobCounts() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        for index in 0..<300 {
            let text = index % 3 == 0 ? "we keep passport, salary" : index % 3 == 1 ? "salary" : "nothing"
            TestSupport.write(Array(text.utf8), to: directory + "/ad-\(1000 + index).txt")
        }
        let one = scan([directory], jobs: 1) { $0.batchSize = 7 }
        let two = scan([directory], jobs: 2) { $0.batchSize = 64 }
        #expect(one.assessments.map(\.assessment.documentID) == two.assessments.map(\.assessment.documentID))
        #expect(one.assessments.first?.assessment.documentID.hasSuffix("ad-1000.txt") == true)
        let top = scan([directory], jobs: 2) { $0.top = 5 }
        #expect(top.assessments.map(\.assessment.documentID) == Array(one.assessments.prefix(5).map(\.assessment.documentID)))
        #expect(top.assessments.map(\.rank) == [1, 2, 3, 4, 5])
    }

    @Test func jsonlRecordsCarryTheDocumentedFields() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array("we keep your passport. salary".utf8), to: directory + "/ad.txt")
        let assessment = try #require(scan([directory]).assessments.first?.assessment)
        let line = JSONLSink.record(assessment, rank: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in ["schema", "rank", "id", "source", "kind", "language", "score", "band", "crime", "elements", "hits", "errors"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(Set(hits[0].keys).isSuperset(of: ["indicator", "category", "element", "weight", "start", "end", "text"]))
        #expect((object["source"] as? [String: Any])?["sha256"] as? String == assessment.source.sha256)
    }
}

@Suite struct StreamingTests {
    @Test func mapperContractKeepsInputOrderAndReportsBadLines() throws {
        let input = (0..<200).map { index in
            index == 57 ? "{broken json\n" : "{\"id\": \"d\(index)\", \"text\": \"\(index % 2 == 0 ? "we keep your passport" : "salary")\"}\n"
        }.joined() + "\n"
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        let data = Data(input.utf8)
        DispatchQueue.global().async {
            writer.write(data)
            try? writer.close()
        }
        var options = ScanOptions()
        options.stream = true
        options.jobs = 2
        options.standardInput = pipe.fileHandleForReading.fileDescriptor
        var sink = OrderedSink()
        let summary = Pipeline(assessor: TestSupport.assessor(PipelineTests.yaml), options: options).run(paths: ["-"], sink: &sink)
        #expect(sink.order.count == 200)
        #expect(sink.order[57] == "error@58")
        #expect(sink.order[0] == "d0" && sink.order[199] == "d199")
        #expect(Array(sink.order.prefix(57)) == (0..<57).map { "d\($0)" })
        #expect(summary.documents == 200 && summary.errored == 1 && summary.scanned == 199)
        #expect(summary.standardInputSHA256 == data.withUnsafeBytes { Hashing.sha256($0) })
    }
}

/// Records what a streaming pipeline writes, in order.
struct OrderedSink: AssessmentSink {
    var order: [String] = []
    mutating func write(_ assessment: Assessment, rank: Int?) { order.append(assessment.documentID) }
    mutating func write(_ record: SkipRecord) { order.append("\(record.kind.rawValue)@\(record.location?.line ?? 0)") }
    mutating func finish(_ summary: ScanSummary) {}
}

@Suite struct ProgressTests {
    @Test func progressLineShowsCountsRateAndETAAtMostTwiceASecond() {
        let progress = Progress(totalBytes: 10_000_000, totalSources: 4)
        let start = Date()
        let line = progress.line(sources: 1, documents: 120, bytes: 2_000_000, now: start.addingTimeInterval(1))
        #expect(line?.hasPrefix("lurescan: 1/4 sources, 120 documents, ") == true)
        #expect(line?.contains("MB/s, ETA 0:0") == true)
        #expect(progress.line(sources: 1, documents: 121, bytes: 2_100_000, now: start.addingTimeInterval(1.2)) == nil)
    }
}
