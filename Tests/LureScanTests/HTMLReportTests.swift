import Crypto
import Foundation
import Testing
@testable import LureScan

@Suite struct HTMLReportTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.hostess", category: "deceptive-offer", element: "act", weight: 0.4, pattern: #"\bhostess\b"#)
        + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", element: "means", weight: 0.5, pattern: #"\bpassport\b"#)
        + TestSupport.indicatorYAML(id: "en.debt", category: "debt-and-fees", element: "purpose", weight: 0.4, pattern: #"\byou owe\b"#)
        + TestSupport.indicatorYAML(id: "en.border", category: "smuggling-offer", crime: "smuggling", weight: 0.6, pattern: #"\bcross the border\b"#)

    static let run = HTMLReport.RunInfo(date: Date(timeIntervalSince1970: 1_717_200_000), version: "9.9.9-test",
                                        ruleSetHash: String(repeating: "ab", count: 32), indicatorCount: 4)

    /// Payloads that, if any ran, would change the title or mark the page.
    static let payloads = [
        "<script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','script')</script>",
        "<img src=x onerror=\"document.title='PWNED';document.documentElement.setAttribute('data-pwned','img')\">",
        "<a href=\"javascript:document.documentElement.setAttribute('data-pwned','link')\">click for salary</a>",
        "</textarea><script>document.documentElement.setAttribute('data-pwned','textarea')</script>",
        "</script><script>document.documentElement.setAttribute('data-pwned','endscript')</script>",
        "</style><svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\"></svg>",
        "\"><iframe srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>",
        "' onmouseover='document.title=1' x='",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='PWNED'\">",
        "<base href=\"javascript:/\"><object data=\"javascript:document.title='PWNED'\"></object>",
        "bidi \u{202E}gnp.exe\u{202C} and \u{2067}isolate\u{2069} zero\u{200B}width",
    ]

    /// A directory of hostile sources: plain text, HTML (entities decode to markup), JSONL
    /// (hostile ids), a WhatsApp chat (hostile senders), hostile file names, a binary file.
    static func hostileCorpus() -> String {
        let directory = TestSupport.temporaryDirectory()
        for (index, payload) in payloads.enumerated() {
            let text = "Hostess work abroad \(payload) we keep your passport \(payload) you owe 3000 \(payload)"
            TestSupport.write(Array(text.utf8), to: directory + "/ad-\(index).txt")
        }
        let namedPayload = "<img src=x onerror=document.title='PWNED'>\u{202E}txt.exe"
        TestSupport.write(Array("hostess job, we hold the passport".utf8), to: directory + "/" + namedPayload + ".txt")
        let escapedHTML = payloads.map { $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;") }
        TestSupport.write(Array(("<html><body><p>Hostess wanted " + escapedHTML.joined(separator: " passport ") + "</p></body></html>").utf8), to: directory + "/page.html")
        let jsonl = payloads.enumerated().map { index, payload in
            let object: [String: String] = ["id": payload + "-\(index)", "text": "we cross the border at night " + payload + " hostess"]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.joined(separator: "\n")
        TestSupport.write(Array(jsonl.utf8), to: directory + "/ads.jsonl")
        let chat = [
            "12/03/2024, 09:14 - <script>document.title='PWNED'</script>: Hostess work in Dubai \(payloads[1])",
            "12/03/2024, 09:16 - Joy \u{202E}reversed: is it real? \(payloads[3])",
            "15/03/2024, 18:30 - <script>document.title='PWNED'</script>: Give me your passport \(payloads[4])",
            "02/04/2024, 23:10 - Joy \u{202E}reversed: They say you owe 6000 \(payloads[0])",
        ].joined(separator: "\n") + "\n"
        TestSupport.write(Array(chat.utf8), to: directory + "/WhatsApp Chat with Agent.txt")
        TestSupport.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4], to: directory + "/<svg onload=document.title='PWNED'>.bin")
        return directory
    }

    static func scan(_ paths: [String], reportPath: String, configure: (inout ScanOptions) -> Void = { _ in }) -> (HTMLReportSink, CollectingSink, ScanSummary) {
        var options = ScanOptions()
        options.jobs = 2
        configure(&options)
        let pipeline = Pipeline(assessor: TestSupport.assessor(yaml), options: options)
        var sink = TeeSink(HTMLReportSink(path: reportPath, run: run), CollectingSink())
        let summary = pipeline.run(paths: paths, sink: &sink)
        return (sink.first, sink.second, summary)
    }

    // MARK: - Escaping and CSP

    @Test func textAndAttributesAreEscaped() {
        #expect(HTMLText.text("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(HTMLText.attribute("\" onmouseover='x' <a>&") == "&quot; onmouseover=&#39;x&#39; &lt;a&gt;&amp;")
        #expect(HTMLText.text("plain ünïcödé 🙂 text\nline") == "plain ünïcödé 🙂 text\nline")
    }

    @Test func disguisingCharactersBecomeVisibleMarkers() {
        #expect(HTMLText.text("a\u{202E}b") == "a<span class=\"ctl\">[U+202E]</span>b")
        #expect(HTMLText.attribute("a\u{202E}b\u{2066}c\u{0}d\u{200B}") == "a[U+202E]b[U+2066]c[U+0000]d[U+200B]")
        for scalar in ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{FEFF}", "\u{1B}"] {
            #expect(!HTMLText.attribute("x" + scalar).unicodeScalars.contains(scalar.unicodeScalars.first!))
        }
    }

    /// The CSP allows exactly the report's one script and one style, by their SHA-256.
    @Test func contentSecurityPolicyHashesTheReportsOwnCode() throws {
        let html = HTMLReport(run: Self.run).render(summary: ScanSummary())
        let policy = try #require(Self.between(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">"))
            .replacingOccurrences(of: "&#39;", with: "'")
        let script = try #require(Self.between(html, "<script>", "</script>"))
        let style = try #require(Self.between(html, "<style>", "</style>"))
        func hash(_ text: String) -> String { "'sha256-" + Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString() + "'" }
        #expect(policy.hasPrefix("default-src 'none'; "))
        #expect(policy.contains("script-src \(hash(script));"))
        #expect(policy.contains("style-src \(hash(style));"))
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval") && !policy.contains("http"))
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.components(separatedBy: "<style").count == 2)
        // The policy comes before any code, and nothing is loaded from anywhere.
        #expect(html.range(of: "Content-Security-Policy")!.lowerBound < html.range(of: "<style>")!.lowerBound)
        #expect(!html.contains("src=\"") && !html.contains("href=\"") && !html.contains(" style=\""))
    }

    @Test func ruleSetHashIsStableAndSensitiveToRules() {
        let one = TestSupport.library(Self.yaml).library
        let shuffled = IndicatorLibrary(indicators: Array(one.indicators.reversed()), composites: one.composites)
        #expect(one.ruleSetHash.count == 64 && one.ruleSetHash.allSatisfy(\.isHexDigit))
        #expect(one.ruleSetHash == shuffled.ruleSetHash)
        var changedPattern = one
        changedPattern.indicators[0].patterns[0].text += "s?"
        var changedWeight = one
        changedWeight.indicators[0].weight = 0.41
        #expect(changedPattern.ruleSetHash != one.ruleSetHash)
        #expect(changedWeight.ruleSetHash != one.ruleSetHash)
        #expect(IndicatorLibrary().ruleSetHash != one.ruleSetHash)
    }

    @Test func teeSinkHandsEveryCallToBothSinks() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array("hostess wanted, we keep your passport".utf8), to: directory + "/a.txt")
        TestSupport.write(Array("you owe us, hostess".utf8), to: directory + "/b.txt")
        TestSupport.write([0, 0, 1], to: directory + "/c.bin")
        let pipeline = Pipeline(assessor: TestSupport.assessor(Self.yaml), options: ScanOptions())
        var tee = TeeSink(CollectingSink(), CollectingSink())
        let summary = pipeline.run(paths: [directory], sink: &tee)
        #expect(tee.first.assessments.count == 2 && tee.second.assessments.count == 2)
        #expect(tee.first.assessments.map(\.assessment.documentID) == tee.second.assessments.map(\.assessment.documentID))
        #expect(tee.first.assessments.map(\.rank) == [1, 2] && tee.second.assessments.map(\.rank) == [1, 2])
        #expect(tee.first.records.count == 1 && tee.second.records.count == 1)
        #expect(tee.first.summary?.documents == summary.documents && tee.second.summary?.scanned == summary.scanned)
    }

    // MARK: - The report's content

    @Test func reportShowsRunDocumentsEvidenceConversationsAndStatistics() throws {
        let directory = Self.hostileCorpus()
        defer { TestSupport.remove(directory) }
        let reportPath = directory + "/report.html"
        let (sink, collected, summary) = Self.scan([directory], reportPath: reportPath)
        #expect(sink.written && sink.error == nil)
        let html = try String(contentsOfFile: reportPath, encoding: .utf8)
        #expect(html.contains("9.9.9-test") && html.contains(String(repeating: "ab", count: 32)))
        #expect(html.contains("2024-06-01T00:00:00Z"))
        #expect(html.components(separatedBy: "<article class=\"doc").count - 1 == collected.assessments.count)
        #expect(html.contains("<mark>hostess</mark>") || html.contains("<mark>Hostess</mark>"))
        #expect(html.contains("<ol class=\"timeline\">"), "the WhatsApp chat is a conversation timeline")
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"histogram\""))
        #expect(html.contains("<td><code>en.passport</code></td>"))
        #expect(html.contains("data-categories=\"deceptive-offer debt-and-fees control-and-isolation"))
        for assessment in collected.assessments {
            #expect(html.contains(HTMLText.text(assessment.assessment.source.sha256)))
        }
        #expect(summary.sourcesSkipped["binary file"] == 1 && html.contains("binary file"))
        // Nothing hostile survives as markup.
        #expect(html.components(separatedBy: "<script").count == 2)
        for tag in ["<img", "<iframe", "<a ", "<textarea", "<object", "<base", "<meta http-equiv=\"refresh"] { #expect(!html.contains(tag), "\(tag)") }
        #expect(html.components(separatedBy: "<svg").count == 3, "only the two charts")
        #expect(!html.unicodeScalars.contains("\u{202E}") && html.contains("[U+202E]"))
    }

    @Test func reportKeepsTheBestDocumentsInDetailAndCountsAll() throws {
        let directory = Self.hostileCorpus()
        defer { TestSupport.remove(directory) }
        let pipeline = Pipeline(assessor: TestSupport.assessor(Self.yaml), options: { var o = ScanOptions(); o.stream = true; o.jobs = 1; return o }())
        var sink = HTMLReportSink(path: directory + "/r.html", run: Self.run, maximumDocuments: 3)
        _ = pipeline.run(paths: [directory], sink: &sink)
        let html = try String(contentsOfFile: directory + "/r.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<article class=\"doc").count - 1 == 3)
        #expect(sink.report.assessed > 3 && html.contains("the best 3 in detail"))
        let scores = sink.report.entries.sorted(by: HTMLReport.ordered).prefix(3).map(\.score)
        #expect(scores == scores.sorted(by: >))
    }

    @Test func clustersRenderWhenTheLinksWorkFillsThem() {
        var report = HTMLReport(run: Self.run)
        report.clusters = [HTMLReport.ClusterView(id: "c<1>", members: [.init(documentID: "<script>x</script>", sourcePath: "a.txt", score: 0.8)],
                                              selectors: ["+34612345678", "<img src=x>"])]
        let html = report.render(summary: ScanSummary())
        #expect(html.contains("<section id=\"clusters\">") && html.contains("c&lt;1&gt;") && html.contains("&lt;img src=x&gt;"))
        #expect(!HTMLReport(run: Self.run).render(summary: ScanSummary()).contains("id=\"clusters\""))
    }

    /// With `--links`, the TeeSink hands clusters to both sinks and the report lists them
    /// (and each document's selectors), escaped.
    @Test func linkedClustersReachTheReportThroughTheTee() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array("Hostess wanted <script>document.title='PWNED'</script>, call +34 612 345 678".utf8), to: directory + "/a<img src=x>.txt")
        TestSupport.write(Array("We keep your passport. Whatsapp +34 612 345 678 \u{202E}now".utf8), to: directory + "/b.txt")
        var options = ScanOptions()
        options.links = true
        var assessor = TestSupport.assessor(Self.yaml)
        assessor.links = LinkExtraction(region: PhoneRegion.named("ES"))
        var tee = TeeSink(CollectingSink(), HTMLReportSink(path: directory + "/report.html", run: Self.run))
        _ = Pipeline(assessor: assessor, options: options).run(paths: [directory], sink: &tee)
        #expect(tee.first.clusters.count == 1 && tee.second.report.clusters.count == 1)
        let html = try String(contentsOfFile: directory + "/report.html", encoding: .utf8)
        #expect(html.contains("<section id=\"clusters\">") && html.contains("a&lt;img src=x&gt;.txt"))
        #expect(html.contains("Selectors: <code>phone "))
        #expect(html.components(separatedBy: "<script").count == 2 && !html.contains("<img"))
    }

    // MARK: - In a real browser

    /// Headless Chromium loads a report built from hostile documents: the report's own
    /// script runs (it marks the root element), no injected code does, and no injected
    /// element exists in the DOM.
    @Test func noInjectedCodeRunsInChromium() throws {
        guard let chromium = Self.chromium() else {
            Issue.record("Chromium not found on PATH (chromium or chromium-browser): run `make setup` to install it (Debian package `chromium`)")
            return
        }
        let directory = Self.hostileCorpus()
        defer { TestSupport.remove(directory) }
        let reportPath = directory + "/report.html"
        let (sink, collected, _) = Self.scan([directory], reportPath: reportPath)
        #expect(sink.error == nil && collected.assessments.count > 10)

        let dom = try Self.dumpDOM(chromium: chromium, path: reportPath, directory: directory)
        try #require(dom.contains("<html"), "Chromium returned no DOM: \(dom.prefix(500))")
        #expect(dom.contains("data-report-script=\"ran\""), "the report's own script did not run")
        #expect(!dom.contains("data-pwned="), "injected code ran")
        #expect(dom.contains("<title>LureScan report</title>") && !dom.contains("<title>PWNED"), "the title was changed")
        #expect(dom.components(separatedBy: "<script").count == 2, "one script element: the report's")
        for tag in ["<img", "<iframe", "<a ", "<textarea", "<object", "<base", "<meta http-equiv=\"refresh"] {
            #expect(!dom.contains(tag), "injected element \(tag) in the DOM")
        }
        #expect(dom.components(separatedBy: "<svg").count == 3, "only the report's two charts")
        #expect(!dom.unicodeScalars.contains("\u{202E}"), "a raw bidi override reached the page")
        #expect(dom.contains("id=\"shown-count\">\(collected.assessments.count)<"), "the filter script counted the documents")
        #expect(!dom.contains("<form id=\"filters\" hidden"), "the script shows the filters")

        // Control: the same payloads, unescaped and without a policy, do run in this
        // browser, so the checks above can see injected code.
        let unsafePath = directory + "/unsafe.html"
        TestSupport.write(Array(("<!DOCTYPE html><html><head><title>control</title></head><body>" + Self.payloads.joined(separator: "\n") + "</body></html>").utf8), to: unsafePath)
        let unsafeDOM = try Self.dumpDOM(chromium: chromium, path: unsafePath, directory: directory)
        #expect(unsafeDOM.contains("data-pwned="), "control: unescaped payloads should run in Chromium")
    }

    // MARK: - Helpers

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let lower = text.range(of: start), let upper = text.range(of: end, range: lower.upperBound..<text.endIndex) else { return nil }
        return String(text[lower.upperBound..<upper.lowerBound])
    }

    static func chromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for directory in path.split(separator: ":") {
                let candidate = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// `chromium --headless --dump-dom` of a file, with its own profile and a time budget
    /// for timers and load events; killed after two minutes.
    static func dumpDOM(chromium: String, path: String, directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=" + directory + "/chromium-profile", "--virtual-time-budget=3000",
                             "--dump-dom", URL(fileURLWithPath: path).absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: deadline)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        return String(decoding: data, as: UTF8.self)
    }
}
