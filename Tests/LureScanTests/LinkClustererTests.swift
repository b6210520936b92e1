import Foundation
import Testing
@testable import LureScan

/// Clustering by shared selectors and reworded templates. Every ad, number and handle
/// here is fictitious.
@Suite struct LinkClustererTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", weight: 0.5, pattern: #"\bwe keep (?:your )?passport\b"#)
        + TestSupport.indicatorYAML(id: "en.salary", weight: 0.3, pattern: #"\bsalary\b"#)

    static let template = """
        Hostesses wanted for a new lounge in the city centre, no experience needed, free flight and \
        accommodation provided by the company, high salary paid every week, we keep your passport safe \
        during the contract, send two photos and your age to our recruiter today, places are limited
        """

    func scan(_ files: [String: String], jobs: Int = 2) -> (sink: CollectingSink, summary: ScanSummary) {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        for (name, text) in files { TestSupport.write(Array(text.utf8), to: directory + "/" + name) }
        var options = ScanOptions()
        options.jobs = jobs
        options.links = true
        var assessor = TestSupport.assessor(Self.yaml)
        assessor.links = LinkExtraction(region: PhoneRegion.named("ES"))
        var sink = CollectingSink()
        let summary = Pipeline(assessor: assessor, options: options).run(paths: [directory], sink: &sink)
        return (sink, summary)
    }

    @Test func documentsSharingASelectorAreLinked() throws {
        let (sink, _) = scan([
            "a.txt": "Great salary abroad. Call +34 612 345 678.",
            "b.txt": "Cleaning job, whatsapp seis uno dos tres cuatro cinco seis siete ocho",
            "c.txt": "Nanny wanted, wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa for the fee",
            "d.txt": "We keep your passport. Deposit to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, write @nanny_demo_00",
            "e.txt": "Unrelated ad for a bicycle at 120 €, call 698 765 432",
            "f.txt": "Another bicycle for 120 €, telegram t.me/nanny_demo_00",
        ])
        let clusters = sink.clusters
        #expect(clusters.count == 2)
        let nanny = try #require(clusters.first)
        #expect(nanny.rank == 1)
        #expect(nanny.documents.map { URL(fileURLWithPath: $0.sourcePath).lastPathComponent } == ["d.txt", "c.txt", "f.txt"])
        #expect(nanny.selectors.map(\.key) == [SelectorKey(kind: .handle, value: "@nanny_demo_00"), SelectorKey(kind: .cryptoWallet, value: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")].sorted())
        #expect(nanny.highestScore == 0.5)
        #expect(abs(nanny.meanScore - 0.5 / 3) < 1e-9)
        let phone = try #require(clusters.last)
        #expect(phone.documents.map { URL(fileURLWithPath: $0.sourcePath).lastPathComponent } == ["a.txt", "b.txt"])
        #expect(phone.selectors.map(\.key) == [SelectorKey(kind: .phone, value: "34612345678")])
        #expect(phone.templates.isEmpty)
        // Money amounts do not link: the two bicycles share only `120 €`.
        #expect(!clusters.contains { $0.documents.contains { $0.sourcePath.hasSuffix("e.txt") } })
    }

    @Test func rewordedTemplatesAreLinked() throws {
        let reworded = Self.template
            .replacingOccurrences(of: "Hostesses wanted", with: "Hostesses needed")
            .replacingOccurrences(of: "high salary", with: "great salary")
            .replacingOccurrences(of: "places are limited", with: "places are very limited")
        let (sink, _) = scan([
            "one.txt": Self.template + " WhatsApp 612 345 678",
            "two.txt": reworded + " WhatsApp 698 765 432",
            "three.txt": "Selling a used bicycle, good condition, blue frame, new tyres, pick up in the city centre this weekend, no offers",
        ])
        let cluster = try #require(sink.clusters.first)
        #expect(sink.clusters.count == 1)
        #expect(Set(cluster.documents.map { URL(fileURLWithPath: $0.sourcePath).lastPathComponent }) == ["one.txt", "two.txt"])
        #expect(cluster.selectors.isEmpty)
        let link = try #require(cluster.templates.first)
        #expect(link.similarity >= 0.6)
    }

    @Test func minHashEstimatesJaccard() throws {
        let normalizer = Normalizer()
        let a = try #require(MinHash.signature(normalizer.normalize(Self.template).bytes))
        let same = try #require(MinHash.signature(normalizer.normalize(Self.template.uppercased() + " 612 345 678").bytes))
        let other = try #require(MinHash.signature(normalizer.normalize("Selling a used bicycle, good condition, blue frame, new tyres, pick up in the city centre this weekend").bytes))
        #expect(a.count == MinHash.hashCount)
        #expect(MinHash.similarity(a, same) == 1)
        #expect(MinHash.similarity(a, other) < 0.2)
        #expect(MinHash.signature(normalizer.normalize("too short to be a template").bytes) == nil)
        // Deterministic: fixed seeds, no per-process hashing.
        #expect(MinHash.signature(normalizer.normalize(Self.template).bytes) == a)
    }

    @Test func clusterOrderIsDeterministic() {
        let records = [
            LinkRecord(documentID: "x1", sourcePath: "x1", score: 0.2, band: .low, keys: [SelectorKey(kind: .phone, value: "1")], signature: nil),
            LinkRecord(documentID: "y1", sourcePath: "y1", score: 0.9, band: .high, keys: [SelectorKey(kind: .email, value: "a@b.es")], signature: nil),
            LinkRecord(documentID: "x2", sourcePath: "x2", score: 0.2, band: .low, keys: [SelectorKey(kind: .phone, value: "1")], signature: nil),
            LinkRecord(documentID: "y2", sourcePath: "y2", score: 0.1, band: .low, keys: [SelectorKey(kind: .email, value: "a@b.es")], signature: nil),
            LinkRecord(documentID: "z1", sourcePath: "z1", score: 0.2, band: .low, keys: [SelectorKey(kind: .url, value: "e.es/a")], signature: nil),
            LinkRecord(documentID: "z2", sourcePath: "z2", score: 0.2, band: .low, keys: [SelectorKey(kind: .url, value: "e.es/a"), SelectorKey(kind: .phone, value: "2")], signature: nil),
            LinkRecord(documentID: "z3", sourcePath: "z3", score: 0.1, band: .low, keys: [SelectorKey(kind: .phone, value: "2")], signature: nil),
            LinkRecord(documentID: "m", sourcePath: "m", score: 0.9, band: .high, keys: [SelectorKey(kind: .money, value: "EUR 1")], signature: nil),
            LinkRecord(documentID: "m2", sourcePath: "m2", score: 0.9, band: .high, keys: [SelectorKey(kind: .money, value: "EUR 1")], signature: nil),
        ]
        let clusters = LinkClusterer().clusters(records)
        #expect(clusters.map { $0.documents.map(\.documentID) } == [["y1", "y2"], ["z1", "z2", "z3"], ["x1", "x2"]])
        #expect(clusters.map(\.rank) == [1, 2, 3])
        #expect(LinkClusterer().clusters(records.reversed()).map { Set($0.documents.map(\.documentID)) } == clusters.map { Set($0.documents.map(\.documentID)) })
    }

    @Test func clustersInJSONLAndTable() throws {
        let (sink, _) = scan(["a.txt": "salary, call 612 345 678", "b.txt": "call +34 612345678 now"])
        let cluster = try #require(sink.clusters.first)
        let record = JSONLSink.clusterRecord(cluster)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        #expect(object["record"] as? String == "cluster")
        #expect(object["size"] as? Int == 2)
        #expect((object["selectors"] as? [[String: Any]])?.first?["value"] as? String == "34612345678")
        #expect(ClusterText.lines(cluster).contains("phone 34612345678 (2)"))
    }

    @Test func clustersInCSV() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        for (name, text) in ["a.txt": "salary, call 612 345 678", "b.txt": "call +34 612345678 now", "c.txt": "a bicycle for sale"] {
            TestSupport.write(Array(text.utf8), to: directory + "/in/" + name)
        }
        var options = ScanOptions()
        options.links = true
        var assessor = TestSupport.assessor(Self.yaml)
        assessor.links = LinkExtraction(region: PhoneRegion.named("ES"))
        let path = directory + "/out.csv"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var sink = CSVSink(output: LureScan.OutputStream(descriptor: descriptor))
        _ = Pipeline(assessor: assessor, options: options).run(paths: [directory + "/in", directory + "/missing.txt"], sink: &sink)
        close(descriptor)
        // No field here holds a comma or a quote: a plain split reads it.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first == CSVSink.header)
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(CSVSink.header, $0)) }
        #expect(lines.allSatisfy { $0.count == CSVSink.header.count })
        // Documents, then one row per clustered document, then the skipped records.
        #expect(rows.map { $0["record"]! } == ["document", "document", "document", "cluster", "cluster", "skipped"])
        let clustered = rows.filter { $0["record"] == "cluster" }
        #expect(Set(clustered.map { $0["id"]! }) == [directory + "/in/a.txt", directory + "/in/b.txt"])
        #expect(clustered.allSatisfy { $0["cluster"] == "cluster-1" && $0["rank"] == "1" && $0["top_indicators"] == "phone:34612345678" })
        #expect(clustered.first?["score"] == rows.first?["score"] && clustered.first?["band"] == rows.first?["band"])
        #expect(rows.filter { $0["record"] != "cluster" }.allSatisfy { $0["cluster"] == "" })
    }
}
