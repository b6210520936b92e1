import Foundation
import Testing
@testable import LureScan

/// Over-long lines inside chat exports: the message holding one is an error naming the file
/// and the line, never read (nor copied, nor converted whole); every other message is read,
/// and the scan accounts for all of them. A 5 MB line against a 1 MiB limit stands for the
/// 1 GB line of a hostile export.
@Suite struct ChatHostileTests {
    static let limit = 1 << 20
    static let hugeBytes = 5 << 20

    static func huge(_ prefix: String) -> String {
        prefix + String(repeating: "salary ", count: hugeBytes / 7)
    }

    /// Six lines, five messages: line 2 is one over-long message, line 5 an over-long
    /// continuation of the message opened at line 4.
    static let export = [
        "31/01/2020, 14:05 - Ana Ruiz: Great salary abroad",
        huge("31/01/2020, 14:06 - Ana Ruiz: "),
        "31/01/2020, 14:07 - Ben Carter: we keep your passport",
        "31/01/2020, 14:08 - Ana Ruiz: first line",
        huge("more "),
        "31/01/2020, 14:09 - Ben Carter: salary ok",
    ].joined(separator: "\n") + "\n"

    enum Encoding: String, CaseIterable, CustomStringConvertible {
        case utf8, utf16LittleEndian
        var description: String { rawValue }
        func encode(_ text: String) -> [UInt8] {
            switch self {
            case .utf8: Array(text.utf8)
            case .utf16LittleEndian: [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            }
        }
        func decode(_ bytes: ArraySlice<UInt8>) -> String {
            switch self {
            case .utf8: String(decoding: bytes, as: UTF8.self)
            case .utf16LittleEndian: String(data: Data(bytes), encoding: .utf16LittleEndian) ?? "<not UTF-16>"
            }
        }
    }

    @Test(arguments: Encoding.allCases)
    func anOverlongWhatsAppLineIsAnErrorAtItsLineAndTheRestIsRead(encoding: Encoding) throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/WhatsApp Chat with Ana.txt"
        let bytes = encoding.encode(Self.export)
        TestSupport.write(bytes, to: path)
        for perMessage in [true, false] {
            let scan = HostileScan.run([directory], configure: { $0.maximumDocumentBytes = Self.limit; $0.perMessage = perMessage })
            scan.expectAccounted(inputs: 1)
            #expect(scan.summary.documents == 5 && scan.summary.scanned == 3 && scan.summary.errored == 2)
            let errors = scan.records.filter { $0.kind == .error }
            #expect(errors.map(\.path) == [path, path])
            #expect(errors.map(\.location?.line) == [2, 4])
            #expect(errors.map(\.reason) == ["message larger than \(Self.limit) bytes, not read",
                                             "message larger than \(Self.limit) bytes (its line 5 alone is longer), not read"])
            // The error spans the message as stored: its timestamp starts it, the long line is inside.
            for error in errors {
                let range = try #require(error.location?.byteRange)
                #expect(range.count > Self.hugeBytes)
                #expect(encoding.decode(bytes[range.lowerBound..<(range.lowerBound + 40)]).hasPrefix("31/01/2020, 14:0"))
            }
            let assessments = scan.assessments
            let lines = perMessage ? assessments.map(\.location.line).sorted()
                : assessments.flatMap { $0.conversation?.messages.map(\.location.line) ?? [] }.sorted()
            #expect(lines == [1, 3, 6])
            for hit in assessments.flatMap(\.hits) {
                #expect(encoding.decode(bytes[hit.sourceRange]) == hit.text)
            }
        }
    }

    /// The reader alone: the over-long lines are never converted whole (UTF-16), and the
    /// messages after them keep exact locations.
    @Test func aCutLineIsNeverConvertedWhole() throws {
        let bytes = Encoding.utf16LittleEndian.encode(Self.export)
        let text = try #require(bytes.withUnsafeBufferPointer {
            ExportText($0, charset: ExportCharset(name: "UTF-16LE"), lineLimit: Self.limit)
        })
        #expect(text.cutLines == [2, 5])
        #expect(text.utf8.count < 4 * ExportText.cutLineHead)
        var options = ReaderOptions()
        options.maximumRecordBytes = Self.limit
        var documents: [Document] = []
        var failures: [ReadFailure] = []
        bytes.withUnsafeBufferPointer { buffer in
            let source = Source(path: "chat.txt", size: buffer.count, sha256: "", format: .whatsapp)
            WhatsAppReader().read(buffer, source: source, options: options) { result in
                switch result {
                case .document(let document): documents.append(document)
                case .failure(let failure): failures.append(failure)
                }
            }
        }
        #expect(documents.map { String(decoding: $0.text, as: UTF8.self) } == ["Great salary abroad", "we keep your passport", "salary ok"])
        #expect(failures.map(\.location?.line) == [2, 4])
        let last = try #require(documents.last)
        #expect(Encoding.utf16LittleEndian.decode(bytes[last.location.byteRange]) == "31/01/2020, 14:09 - Ben Carter: salary ok")
        #expect(last.location.byteRange.upperBound == bytes.count - 2)
    }

    /// A file that is nothing but one over-long message line: one error at line 1.
    @Test func aSingleOverlongLineIsOneErrorAtLineOne() {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array(Self.huge("31/01/2020, 14:06 - Ana Ruiz: ").utf8), to: directory + "/big-chat.txt")
        let scan = HostileScan.run([directory], configure: { $0.maximumDocumentBytes = Self.limit })
        scan.expectAccounted(inputs: 1)
        #expect(scan.summary.documents == 1 && scan.summary.errored == 1)
        #expect(scan.records.map(\.location?.line) == [1])
        #expect(scan.records.first?.reason == "message larger than \(Self.limit) bytes, not read")
    }

    /// Telegram's result.json and Facebook's message_1.json: the message holding the huge text
    /// is an error at its line and path, never parsed; the messages around it are read.
    @Test func anOverlongJSONExportMessageIsAnErrorAtItsLineAndPath() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let text = String(repeating: "salary ", count: Self.hugeBytes / 7)
        func telegram(_ id: Int, _ body: String) -> String {
            #"  {"id": \#(id), "type": "message", "date": "2024-01-01T10:00:00", "date_unixtime": "1704103200", "from": "A", "from_id": "user1", "text": "\#(body)"}"#
        }
        let result = "{\n \"name\": \"Ana\", \"type\": \"personal_chat\", \"id\": 7, \"messages\": [\n"
            + [telegram(1, "great salary"), telegram(2, text), telegram(3, "we keep your passport")].joined(separator: ",\n")
            + "\n ]\n}\n"
        TestSupport.write(Array(result.utf8), to: directory + "/result.json")
        func facebook(_ ms: Int, _ body: String) -> String {
            #"  {"sender_name": "A", "timestamp_ms": \#(ms), "content": "\#(body)"}"#
        }
        let messages = "{\n \"participants\": [{\"name\": \"A\"}], \"messages\": [\n"
            + [facebook(1704103260000, "we keep your passport"), facebook(1704103230000, text), facebook(1704103200000, "great salary")]
                .joined(separator: ",\n")
            + "\n ]\n}\n"
        TestSupport.write(Array(messages.utf8), to: directory + "/message_1.json")
        let scan = HostileScan.run([directory], configure: { $0.maximumDocumentBytes = Self.limit; $0.perMessage = true })
        scan.expectAccounted(inputs: 2)
        #expect(scan.summary.documents == 6 && scan.summary.scanned == 4 && scan.summary.errored == 2)
        let errors = scan.records.sorted { $0.path < $1.path }
        #expect(errors.map { ($0.path as NSString).lastPathComponent } == ["message_1.json", "result.json"])
        #expect(errors.map(\.location?.line) == [4, 4])
        #expect(errors.map(\.location?.path) == ["messages[1]", "messages[1]"])
        #expect(errors.allSatisfy { $0.kind == .error && $0.reason == "message larger than \(Self.limit) bytes, not parsed" })
    }

    /// SMS Backup & Restore: an over-long `<sms>` body and an `<mms>` with an over-long text
    /// part are errors at their lines and paths; the messages around them are read.
    @Test func anOverlongSMSBackupMessageIsAnErrorAtItsLineAndPath() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let text = String(repeating: "salary ", count: Self.hugeBytes / 7)
        func sms(_ body: String) -> String {
            #"  <sms protocol="0" address="+34600000001" date="1704103200000" type="1" body="\#(body)" contact_name="Ana" />"#
        }
        let mms = #"  <mms date="1704103260000" msg_box="1" address="+34600000001"><parts><part ct="text/plain" text="\#(text)" /></parts></mms>"#
        let backup = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"5\">\n"
            + [sms("great salary"), sms(text), sms("we keep your passport"), mms, sms("ok")].joined(separator: "\n")
            + "\n</smses>\n"
        TestSupport.write(Array(backup.utf8), to: directory + "/sms-backup.xml")
        let scan = HostileScan.run([directory], configure: { $0.maximumDocumentBytes = Self.limit; $0.perMessage = true })
        scan.expectAccounted(inputs: 1)
        #expect(scan.summary.documents == 5 && scan.summary.scanned == 3 && scan.summary.errored == 2)
        #expect(scan.records.map(\.location?.line) == [4, 6])
        #expect(scan.records.map(\.location?.path) == ["smses/sms[1]", "smses/mms[0]"])
        #expect(scan.records.allSatisfy { $0.kind == .error && $0.reason == "message larger than \(Self.limit) bytes, not parsed" })
    }
}
