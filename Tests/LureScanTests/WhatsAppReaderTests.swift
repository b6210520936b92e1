import Foundation
import Testing
@testable import LureScan

/// Reads WhatsApp fixtures and checks what every message quotes.
enum WhatsAppTestSupport {
    static let fixtures = TestSupport.repositoryRoot + "/Tests/Fixtures/whatsapp"
    /// The public exports in ../shared, when that folder is there (see its SOURCES.md).
    static let shared = TestSupport.repositoryRoot + "/../shared/fixtures/chat-exports/whatsapp"

    struct Read {
        var bytes: [UInt8]
        var documents: [Document] = []
        var failures: [ReadFailure] = []

        /// (sender, timestamp, text) of every message, in order.
        var messages: [(sender: String?, timestamp: String?, text: String)] {
            documents.map { ($0.message?.sender, $0.message?.timestamp, String(decoding: $0.text, as: UTF8.self)) }
        }
    }

    static func read(_ bytes: [UInt8], path: String, reader: WhatsAppReader = WhatsAppReader()) -> Read {
        var read = Read(bytes: bytes)
        bytes.withUnsafeBufferPointer { buffer in
            let source = Source(path: path, size: bytes.count, sha256: "", format: .whatsapp)
            reader.read(buffer, source: source, options: ReaderOptions()) { result in
                switch result {
                case .document(let document): read.documents.append(document)
                case .failure(let failure): read.failures.append(failure)
                }
            }
        }
        return read
    }

    static func bytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    static func fixture(_ name: String, reader: WhatsAppReader = WhatsAppReader()) -> Read {
        read(bytes(fixtures + "/" + name), path: fixtures + "/" + name, reader: reader)
    }

    /// Every message's text is the source bytes its origin names, byte for byte, and its
    /// location covers them.
    static func expectTextQuotesSource(_ read: Read, sourceLocation: SourceLocation = #_sourceLocation) {
        for document in read.documents {
            let range = document.origin.originRange(of: 0..<document.text.count)
            #expect(Array(read.bytes[range]) == document.text, sourceLocation: sourceLocation)
            if !document.text.isEmpty {
                #expect(document.origin.isIdentity, "one exact run: every byte maps to its own source byte", sourceLocation: sourceLocation)
            }
            #expect(document.location.byteRange.contains(range.lowerBound) || range.isEmpty, sourceLocation: sourceLocation)
            #expect(range.upperBound <= document.location.byteRange.upperBound, sourceLocation: sourceLocation)
            #expect(document.kind == .message, sourceLocation: sourceLocation)
        }
    }

    static func expectMessages(_ read: Read, _ expected: [(String?, String?, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(read.failures.map(\.description) == [], sourceLocation: sourceLocation)
        #expect(read.documents.count == expected.count, sourceLocation: sourceLocation)
        for (actual, wanted) in zip(read.messages, expected) {
            #expect(actual.sender == wanted.0, sourceLocation: sourceLocation)
            #expect(actual.timestamp == wanted.1, sourceLocation: sourceLocation)
            #expect(actual.text == wanted.2, sourceLocation: sourceLocation)
        }
        expectTextQuotesSource(read, sourceLocation: sourceLocation)
    }
}

@Suite struct WhatsAppReaderTests {
    typealias Support = WhatsAppTestSupport

    @Test func androidDayFirst24HourWithSystemLinesMultiLineAndMedia() throws {
        let read = Support.fixture("android_dmy_24h.txt")
        Support.expectMessages(read, [
            ("Ana Ruiz", "2020-01-31T14:06:00", "Hello! Hostess jobs in Dubai, good salary"),
            ("+1 555 0100", "2020-02-01T09:30:00", "How much?\nIs travel paid?\n\nAnd the visa?"),
            ("Ana Ruiz", "2020-02-01T09:31:00", "<Media omitted>"),
            ("Ana Ruiz", "2020-02-01T09:32:00", "We pay the ticket: you repay from your first salary"),
        ])
        #expect(read.documents.map(\.location.line) == [4, 5, 9, 10])
        #expect(read.documents.map(\.location.record) == [1, 2, 3, 4])
        #expect(read.documents.compactMap(\.message?.index) == [0, 1, 2, 3])
        #expect(Set(read.documents.compactMap(\.message?.conversation)) == ["android_dmy_24h"])
        #expect(read.documents[1].id.hasSuffix("android_dmy_24h.txt:5"))
        // The location spans the whole message, timestamp included.
        let second = read.documents[1].location.byteRange
        #expect(String(decoding: read.bytes[second], as: UTF8.self).hasPrefix("01/02/2020, 09:30 - +1 555 0100: How much?"))
        #expect(String(decoding: read.bytes[second], as: UTF8.self).hasSuffix("And the visa?"))
    }

    @Test func iOSMonthFirst12HourWithMarksAttachmentsAndCRLF() {
        let read = Support.fixture("ios_mdy_12h.txt")
        Support.expectMessages(read, [
            ("Ana Ruiz", "2020-01-31T14:06:00", "Send me a photo of your passport"),
            ("Ben Carter", "2020-01-31T14:07:30", "\u{200E}<attached: 00000012-PHOTO-2020-01-31-14-07-30.jpg>"),
            ("Ben Carter", "2020-01-31T14:08:00", "\u{200E}image omitted"),
            ("+1 555 0101", "2020-02-01T00:15:00", "Who is this?\r\nline two"),
            ("Ana Ruiz", "2020-02-01T12:00:00", "\u{200E}This message was deleted."),
        ])
    }

    @Test func spanishAMPMWithNoBreakSpaces() {
        Support.expectMessages(Support.fixture("android_es_ampm.txt"), [
            ("Lucía Gómez", "2020-01-31T14:05:00", "Trabajo en España, sin papeles"),
            ("Lucía Gómez", "2020-01-31T14:06:00", "<Multimedia omitido>"),
            ("Marta Díaz", "2020-02-01T00:10:00", "¿Cuánto cuesta el viaje?"),
        ])
    }

    @Test func yearFirstWithDashes() {
        Support.expectMessages(Support.fixture("ymd_dashes.txt"), [
            ("Ana Ruiz", "2020-01-31T14:05:00", "first"),
            ("Ben Carter", "2020-02-01T08:00:00", "second"),
        ])
    }

    @Test func germanDottedDatesAfterAByteOrderMark() {
        let read = Support.fixture("german_dots_bom.txt")
        Support.expectMessages(read, [
            ("Ana Ruiz", "2020-01-31T14:05:00", "Hallo"),
            ("Ana Ruiz", "2020-01-31T14:06:00", "<Medien ausgeschlossen>"),
        ])
    }

    @Test func arabicDigitsCommaAndMarkers() {
        Support.expectMessages(Support.fixture("arabic_ios.txt"), [
            ("Ana Ruiz", "2020-01-31T14:05:09", "مرحبا"),
            ("+1 555 0102", "2020-02-01T09:00:00", "\u{200F}لم يتم إدراج الصورة"),
        ])
    }

    @Test(arguments: ["buddhist_ios.txt", "japanese_era_ios.txt", "vietnamese_time_first.txt", "indonesian_dotted_time.txt"])
    func otherCalendarsAndLayouts(name: String) {
        let read = Support.fixture(name)
        #expect(read.failures.isEmpty)
        #expect(read.messages.map(\.sender) == ["Ana Ruiz", "Ben Carter"])
        #expect(read.messages.map(\.timestamp) == ["2020-01-31T14:05:00", "2020-02-01T09:00:00"])
        Support.expectTextQuotesSource(read)
    }

    @Test func contradictoryDatesFailTheFileAtTheLine() throws {
        let read = Support.fixture("contradiction.txt")
        #expect(read.documents.isEmpty)
        let failure = try #require(read.failures.first)
        #expect(read.failures.count == 1)
        #expect(failure.location?.line == 2)
        #expect(failure.reason.contains("contradict"))
    }

    @Test func aGivenDateOrderReadsEveryMessageAndReportsImpossibleDates() throws {
        let read = Support.fixture("contradiction.txt", reader: WhatsAppReader(dateOrder: .dayMonthYear))
        #expect(read.messages.map(\.timestamp) == ["2020-01-31T14:05:00", nil])
        let failure = try #require(read.failures.first)
        #expect(failure.location?.line == 2)
        #expect(failure.reason.contains("dmy"))
    }

    @Test func ambiguousFilesDefaultToDayFirstUnlessAnOrderIsGiven() {
        #expect(Support.fixture("ambiguous.txt").messages.map(\.timestamp) == ["2020-02-01T10:00:00", "2020-04-03T11:00:00"])
        let monthFirst = Support.fixture("ambiguous.txt", reader: WhatsAppReader(dateOrder: .monthDayYear))
        #expect(monthFirst.messages.map(\.timestamp) == ["2020-01-02T10:00:00", "2020-03-04T11:00:00"])
    }

    @Test func textBeforeTheFirstMessageIsAFailureWithItsLine() throws {
        let read = Support.fixture("preamble.txt")
        #expect(read.messages.map(\.text) == ["a"])
        let failure = try #require(read.failures.first)
        #expect(failure.location?.line == 1)
        #expect(failure.location?.byteRange == 0..<("Chat history with Ana\nexported by a tool".utf8.count))
        #expect(failure.reason.contains("2 lines"))
    }

    @Test func aFileWithoutMessageLinesIsNotWhatsApp() throws {
        let read = Support.fixture("ad.txt")
        #expect(read.documents.isEmpty)
        #expect(try #require(read.failures.first).reason.contains("no WhatsApp message line"))
        let bytes = Support.bytes(Support.fixtures + "/ad.txt")
        bytes.withUnsafeBufferPointer { buffer in
            #expect(WhatsAppReader.detect(path: "ad.txt", head: buffer) == nil)
            #expect(FormatDetector.detect(path: "ad.txt", bytes: buffer) == .format(.text))
        }
    }

    @Test func exportsAreDetectedByContentAndAdsAreNot() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Support.fixtures)
            .filter { $0.hasSuffix(".txt") && $0 != "ad.txt" && $0 != "preamble.txt" }
        #expect(names.count >= 12)
        for name in names {
            Support.bytes(Support.fixtures + "/" + name).withUnsafeBufferPointer { buffer in
                #expect(FormatDetector.detect(path: name, bytes: buffer) == .format(.whatsapp), "\(name)")
            }
        }
        // No ad or classified the team wrote is taken for a chat (the sample chats are chats,
        // and three labeled lures and one rewording are written as WhatsApp exports on purpose:
        // they must be read as such).
        let corpora = TestSupport.repositoryRoot + "/corpora"
        let labeledChats: Set = ["labeled/es/es-281.txt", "labeled/es/es-310.txt", "labeled/fr/fr-285.txt", "rewordings/fr/fr-rw-078.txt"]
        let texts = (FileManager.default.enumerator(atPath: corpora)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".txt") && !$0.hasPrefix("samples/chats/") }
        #expect(texts.count > 1000)
        for text in texts {
            Support.bytes(corpora + "/" + text).withUnsafeBufferPointer { buffer in
                #expect(WhatsAppReader.detect(path: text, head: buffer) == (labeledChats.contains(text) ? .whatsapp : nil), "\(text)")
            }
        }
        #expect(Readers.reader(for: .whatsapp) is WhatsAppReader)
        // A text that opens with a date and time but holds no second message line is not a chat;
        // a one-line export is.
        for (text, format) in [("31/01/2020, 14:05 - Hiring: hostesses\nGood salary, flight paid\n", nil),
                               ("31/01/2020, 14:05 - Ana Ruiz: hello", InputFormat.whatsapp)] {
            Array(text.utf8).withUnsafeBufferPointer { #expect(WhatsAppReader.detect(path: "x.txt", head: $0) == format) }
        }
    }

    @Test func conversationIsTheFileNameOrTheZipName() {
        #expect(WhatsAppReader.conversationID(for: "cases/17/WhatsApp Chat with Ana Ruiz.txt") == "WhatsApp Chat with Ana Ruiz")
        #expect(WhatsAppReader.conversationID(for: "cases/17/Chat with Ana Ruiz.zip:_chat.txt") == "Chat with Ana Ruiz")
        #expect(WhatsAppReader.conversationID(for: "x/Export.ZIP:chats/WhatsApp Chat with Ben.txt") == "WhatsApp Chat with Ben")
        #expect(WhatsAppReader.conversationID(for: "_chat") == "_chat")
    }

    @Test func iOSZipExportReadsWithTheZipAsConversation() throws {
        let path = Support.fixtures + "/Chat with Ana Ruiz.zip"
        let members = ArchiveExpander.members(of: try #require(FileManager.default.contents(atPath: path)), archivePath: path)
        let chat = try #require(members.first { $0.path.hasSuffix(":_chat.txt") })
        let bytes = [UInt8](try chat.contents.get())
        let format = bytes.withUnsafeBufferPointer { FormatDetector.detect(path: chat.path, bytes: $0) }
        #expect(format == .format(.whatsapp))
        let read = Support.read(bytes, path: chat.path)
        #expect(read.documents.count == 5)
        #expect(Set(read.documents.compactMap(\.message?.conversation)) == ["Chat with Ana Ruiz"])
        Support.expectTextQuotesSource(read)
    }

    @Test func aLongSingleLineMessageIsReadWhole() {
        let body = String(repeating: "we keep your passport ", count: 100_000)
        let read = Support.read(Array("31/01/2020, 14:05 - Ana Ruiz: \(body)\n31/01/2020, 14:06 - Ana Ruiz: ok".utf8), path: "long.txt")
        #expect(read.documents.map(\.text.count) == [body.utf8.count, 2])
        Support.expectTextQuotesSource(read)
    }

    @Test func invalidUTF8IsKeptAsItIsInTheText() {
        let bytes = Array("31/01/2020, 14:05 - Ana Ruiz: bad ".utf8) + [0xC3, 0x28, 0xFF] + Array(" bytes\n".utf8)
        let read = Support.read(bytes, path: "bad.txt")
        #expect(read.documents.first?.text == Array("bad ".utf8) + [0xC3, 0x28, 0xFF] + Array(" bytes".utf8))
        Support.expectTextQuotesSource(read)
    }

    @Test func emptyMessagesAndDisappearingMarkers() {
        let text = "31/01/2020, 14:05 - Ana Ruiz:\n31/01/2020, 14:06 - Ana Ruiz:.\n31/01/2020, 14:07 - Ana Ruiz: ok\n"
        let read = Support.read(Array(text.utf8), path: "empty.txt")
        // `Name:` alone is a message without text (a view-once photo); `Name:.` carries nothing and is a system line.
        #expect(read.messages.map(\.text) == ["", "ok"])
        #expect(read.failures.isEmpty)
    }
}

/// The conformance run over the public fixtures in ../shared (skipped when they are absent):
/// every export parses, no message is lost, and chat-miner's files give exactly its expected messages.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: WhatsAppTestSupport.shared)))
struct WhatsAppConformanceTests {
    typealias Support = WhatsAppTestSupport
    static let directory = WhatsAppTestSupport.shared

    static func files(_ suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Lines that open like a message or system line (digits then a date or time separator),
    /// counted without the reader's grammar.
    static let looksStamped = try! NSRegularExpression(pattern: #"^[\p{Cf}\s]*\[?[\p{Cf}]*\p{Nd}{1,4}[\p{Cf}]*[./:\-]"#)

    @Test func everyTextExportParsesWithNoMessageLost() throws {
        let names = Self.files(".txt")
        #expect(names.count >= 30)
        var total = 0
        for name in names {
            let bytes = Support.bytes(Self.directory + "/" + name)
            let read = Support.read(bytes, path: name)
            #expect(read.failures.map(\.description) == [], "\(name)")
            #expect(!read.documents.isEmpty, "\(name)")
            Support.expectTextQuotesSource(read)
            total += read.documents.count

            // Every line is part of a message or a system line, or blank.
            let chat = bytes.withUnsafeBufferPointer { WhatsAppParser.parse($0) }
            let covered = (chat.messages.map(\.range) + chat.systemLines.map(\.range)).sorted { $0.lowerBound < $1.lowerBound }
            var stamped = 0
            bytes.withUnsafeBufferPointer { buffer in
                WhatsAppParser.forEachLine(buffer) { line, start, end in
                    let text = String(decoding: buffer[start..<end], as: UTF8.self)
                    if Self.looksStamped.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { stamped += 1 }
                    guard !WhatsAppParser.isBlank(buffer, start, end) else { return }
                    #expect(covered.contains { $0.contains(start) && end <= $0.upperBound }, "\(name):\(line) not accounted for")
                }
            }
            #expect(chat.messages.count + chat.systemLines.count == stamped, "\(name): every timestamped line is a message or a system line")
            #expect(chat.messages.count == read.documents.count)
        }
        #expect(total > 500)
    }

    @Test func chatMinerFilesGiveExactlyTheTargetMessages() throws {
        let target = try #require(FileManager.default.contents(atPath: Self.directory + "/chatminer_target.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: target) as? [[String: String]])
        #expect(expected.count == 6)
        let names = Self.files(".txt").filter { $0.hasPrefix("chatminer_test_") && $0 != "chatminer_test_unicode_nbsp_pm.txt" }
        #expect(names.count == 5)
        for name in names {
            let read = Support.read(Support.bytes(Self.directory + "/" + name), path: name)
            // chat-miner joins the lines of a message with a space; the target lists the newest first.
            let actual = read.messages.reversed().map { message -> [String: String] in
                let text = message.text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " ")
                return ["author": message.sender ?? "", "timestamp": message.timestamp ?? "", "message": text]
            }
            #expect(actual == expected, "\(name)")
        }
    }

    @Test func chatMinerMixedFormatsLogParsesEveryLayout() {
        let read = Support.read(Support.bytes(Self.directory + "/chatminer_testlog_mixed_formats.txt"), path: "testlog")
        #expect(read.failures.isEmpty)
        #expect(read.documents.count == 20)
        #expect(read.messages.map(\.timestamp) == [
            "2019-12-24T11:23:00", "2019-12-24T11:23:00", "2020-01-17T20:49:00", "2020-01-18T14:53:00",
            "2017-07-16T19:13:00", "2019-09-24T23:30:00", "2019-09-24T11:30:00", "2019-12-24T23:30:00",
            "2022-09-10T22:37:00", "2022-09-10T22:37:00", "2022-09-10T22:37:00",
            "2021-10-24T15:21:43", "2021-10-24T15:21:43", "2021-10-24T15:21:43",
            "2022-09-10T22:37:00", "2022-09-10T22:37:00", "2022-09-10T22:37:00",
            "2022-12-24T13:01:00", "2022-12-24T13:01:00", "2022-12-24T13:01:00",
        ])
        #expect(read.messages[3].text.split(separator: "\n").count == 6)
        #expect(read.messages[16].sender == "🤓")
        #expect(read.messages[16].text == "Testing emoji 🤓")
        #expect(read.messages[15].sender == "John Doe 🤓")
        #expect(read.messages[14].text == "Testing abnormal\u{00A0}unicode")
        #expect(read.messages[13].text == "Testing dash - in message body")
        #expect(read.messages[4].sender == "+12 345 578")
    }

    @Test func iOSNoticesWrittenInSomeonesNameAreSystemLines() {
        for name in Self.files(".txt") where name.hasPrefix("whatsjson_") && name.contains("ios") {
            let chat = Support.bytes(Self.directory + "/" + name).withUnsafeBufferPointer { WhatsAppParser.parse($0) }
            #expect(chat.systemLines.first?.line == 1, "\(name): the encryption notice")
        }
        let group = Support.read(Support.bytes(Self.directory + "/whatsjson_group_chat_ios.txt"), path: "group")
        #expect(group.messages.map(\.text) == ["Hello all", "This is group chat"])
    }

    @Test func calendarsAndScriptsGiveGregorianTimestamps() {
        for name in ["whatsjson_calendar_buddhist_ios.txt", "whatsjson_calendar_japanese_ios.txt", "whatsjson_english_ios.txt"] {
            let read = Support.read(Support.bytes(Self.directory + "/" + name), path: name)
            #expect(read.messages.first?.timestamp == "2022-03-27T21:41:35", "\(name)")
            #expect(read.messages.first?.sender == "Dmitry S")
        }
        let arabic = Support.read(Support.bytes(Self.directory + "/whatsjson_arabic_ios.txt"), path: "arabic")
        #expect(arabic.messages.first?.timestamp == "2022-03-27T21:41:35")
        #expect(arabic.messages.last?.sender == "Dmitry S")
        let vietnamese = Support.read(Support.bytes(Self.directory + "/whatsjson_vietnamese_ios.txt"), path: "vi")
        #expect(vietnamese.messages.first?.timestamp == "2022-03-27T21:41:35")
    }

    @Test func zipExportsExpandAndParse() throws {
        let names = Self.files(".zip")
        #expect(names.count == 3)
        for name in names {
            let data = try #require(FileManager.default.contents(atPath: Self.directory + "/" + name))
            let members = ArchiveExpander.members(of: data, archivePath: name)
            #expect(members.count == 1, "\(name): one chat, __MACOSX left out")
            for member in members {
                let bytes = [UInt8](try member.contents.get())
                let read = Support.read(bytes, path: member.path)
                #expect(read.failures.isEmpty, "\(member.path)")
                #expect(!read.documents.isEmpty, "\(member.path)")
                Support.expectTextQuotesSource(read)
            }
        }
        let sample = try #require(FileManager.default.contents(atPath: Self.directory + "/rwhatsapp_sample.zip"))
        let member = try #require(ArchiveExpander.members(of: sample, archivePath: "rwhatsapp_sample.zip").first)
        #expect(try member.contents.get() == FileManager.default.contents(atPath: Self.directory + "/rwhatsapp_sample.txt"))
    }
}
