import Foundation
import Testing
@testable import LureScan

/// What a reader made of one source.
struct ExportRead {
    var format: InputFormat
    var bytes: [UInt8]
    var documents: [Document]
    var failures: [ReadFailure]

    var texts: [String] { documents.map { String(decoding: $0.text, as: UTF8.self) } }

    /// The source bytes a document's text (or a part of it) maps to.
    func quoted(_ document: Document, _ range: Range<Int>? = nil) -> String {
        let span = document.origin.originRange(of: range ?? 0..<document.text.count)
        return String(decoding: bytes[span], as: UTF8.self)
    }

    /// The source bytes that text `needle` of `document` maps to.
    func quoted(_ document: Document, of needle: String) -> String? {
        sourceRange(document, of: needle).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    func sourceRange(_ document: Document, of needle: String) -> Range<Int>? {
        let start = offset(of: needle, in: document.text)
        guard start < document.text.count else { return nil }
        return document.origin.originRange(of: start..<(start + needle.utf8.count))
    }

    /// Every exact run of every document is the very bytes of the source.
    var exactRunsMatchSource: Bool {
        documents.allSatisfy { document in
            document.origin.runs.allSatisfy { run in
                !run.exact || Array(document.text[run.target..<(run.target + run.targetLength)]) == Array(bytes[run.origin..<(run.origin + run.originLength)])
            }
        }
    }
}

enum ExportFixtures {
    static let directory = TestSupport.repositoryRoot + "/Tests/Fixtures/exports"
    /// The team's shared, never copied, public fixtures.
    static let sharedRoot = TestSupport.repositoryRoot + "/../shared/fixtures/chat-exports"

    static func read(_ relativePath: String) -> ExportRead {
        let path = directory + "/" + relativePath
        return read(Array(FileManager.default.contents(atPath: path) ?? Data()), path: path)
    }

    static func read(_ bytes: [UInt8], path: String, format forced: InputFormat? = nil) -> ExportRead {
        bytes.withUnsafeBufferPointer { buffer in
            var format = forced ?? .text
            if forced == nil, case .format(let detected) = FormatDetector.detect(path: path, bytes: buffer) { format = detected }
            let source = Source(path: path, size: buffer.count, sha256: "", format: format)
            var documents: [Document] = []
            var failures: [ReadFailure] = []
            Readers.reader(for: format).read(buffer, source: source, options: ReaderOptions()) { result in
                switch result {
                case .document(let document): documents.append(document)
                case .failure(let failure): failures.append(failure)
                }
            }
            return ExportRead(format: format, bytes: bytes, documents: documents, failures: failures)
        }
    }

    static func bytes(_ relativePath: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: directory + "/" + relativePath) ?? Data())
    }
}

@Suite struct ExportReaderTests {
    // MARK: Telegram

    @Test func telegramFullExportReadsEveryChatAndSkipsServiceMessages() throws {
        let read = ExportFixtures.read("telegram/result_full.json")
        #expect(read.format == .telegram)
        #expect(read.failures.isEmpty)
        #expect(read.documents.count == 6)
        let first = read.documents[0]
        #expect(first.kind == .message)
        #expect(first.message == MessageInfo(conversation: "4401", sender: "Dario Recruiter", timestamp: "2023-03-01T08:15:00Z", index: 0))
        #expect(first.location.path == "chats.list[0].messages[0]")
        #expect(first.location.record == 1)
        #expect(first.location.line == 17)
        #expect(read.quoted(first) == read.texts[0])
        // The service message (index 1) and the photo without caption (index 4) are no documents.
        #expect(read.documents.map { $0.message!.index } == [0, 2, 3, 5, 1, 0])
        #expect(read.documents.map { $0.message!.conversation } == ["4401", "4401", "4401", "4401", "4402", "4403"])
        #expect(read.documents[4].message?.sender == "user4403")       // "from": null
        #expect(read.documents[5].location.path == "left_chats.list[0].messages[0]")
        #expect(read.exactRunsMatchSource)
    }

    @Test func telegramTextArraysAreConcatenatedAndMapped() throws {
        let read = ExportFixtures.read("telegram/result_full.json")
        let document = read.documents[2]
        #expect(read.texts[2] == "We pay the ticket, you repay it from your first salary. Details: https://jobs.example.org/milan")
        #expect(read.quoted(document, of: "you repay it from your first salary") == "you repay it from your first salary")
        #expect(document.location.path == "chats.list[0].messages[3]")
    }

    @Test func telegramHexEscapesReadAsLatin1InLenientMode() throws {
        let read = ExportFixtures.read("telegram/result_full.json")
        let document = read.documents[3]
        #expect(read.texts[3] == "Meet me at the café ☕ near the station 🚀")
        #expect(read.quoted(document, of: "é") == "\\xe9")
        #expect(read.quoted(document, of: "🚀") == "\\ud83d\\ude80")
    }

    @Test func jsonScannerIsStrictUnlessAskedToBeLenient() throws {
        let json = Array(#""caf\xe9""#.utf8)
        let strict = try json.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return try scanner.parseDocument()
        }
        let lenient = try json.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, lenient: true)
            return try scanner.parseDocument()
        }
        #expect(strict.fieldText?.string == "cafxe9")      // unchanged behaviour
        #expect(lenient.fieldText?.string == "café")
        let broken = Array(#""bad \xZZ""#.utf8)
        #expect(throws: JSONScanner.SyntaxError.self) {
            try broken.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer, lenient: true)
                return try scanner.parseDocument()
            }
        }
    }

    @Test func telegramSingleChatUsesLocalDatesWithoutUnixTime() throws {
        let read = ExportFixtures.read("telegram/single_chat.json")
        #expect(read.format == .telegram)
        #expect(read.failures.isEmpty)
        #expect(read.texts == ["Hola, \"trabajo\" en Madrid?\nEscríbeme.", "Yes, send me your photos first."])
        #expect(read.documents[0].message == MessageInfo(conversation: "7702", sender: "Marta Ruiz", timestamp: "2021-06-10T22:01:05", index: 0))
        #expect(read.documents[1].location.path == "messages[1]")
        #expect(read.quoted(read.documents[0], of: "\"") == "\\\"")
        #expect(read.quoted(read.documents[1]) == read.texts[1])
    }

    @Test func truncatedTelegramKeepsEarlierMessagesAndSaysWhere() throws {
        let full = ExportFixtures.bytes("telegram/result_full.json")
        let cut = Array(full[..<(offset(of: "Give me your passport", in: full) + 10)])
        let read = ExportFixtures.read(cut, path: "cut/result.json")
        #expect(read.format == .telegram)
        #expect(read.documents.count == 4)           // the four text messages of the first chat
        #expect(read.failures.count == 1)
        let failure = try #require(read.failures.first)
        #expect(failure.reason.contains("truncated"))
        #expect(failure.location?.path == "chats.list[1].messages[1]")
        #expect((failure.location?.line ?? 0) > 100)
    }

    @Test func aBrokenTelegramMessageFailsAloneAndTheRestIsRead() throws {
        let json = #"{"name":"X","id":1,"messages":[{"type":"message","from":"A","date_unixtime":"0","text":"bad \u12"},{"type":"message","from":"B","date_unixtime":"60","text":"fine"}]}"#
        let read = ExportFixtures.read(Array(json.utf8), path: "x/result.json")
        #expect(read.format == .telegram)
        #expect(read.texts == ["fine"])
        #expect(read.documents.first?.message?.timestamp == "1970-01-01T00:01:00Z")
        #expect(read.failures.count == 1)
        #expect(read.failures.first?.location?.path == "messages[0]")
        #expect(read.failures.first?.location?.record == 1)
    }

    @Test func dataAfterTheExportAndHostileNestingAreReported() throws {
        let trailing = #"{"name":"X","id":1,"messages":[{"type":"message","from":"A","text":"kept"}]} {"messages":[]}"#
        let read = ExportFixtures.read(Array(trailing.utf8), path: "x/result.json", format: .telegram)
        #expect(read.texts == ["kept"])
        #expect(read.failures.map(\.reason) == ["invalid JSON: unexpected data after the JSON object at byte 77; the messages before it were read"])

        let deep = String(repeating: "[", count: 400) + String(repeating: "]", count: 400)
        let nested = #"{"messages":[{"from":"A","text":"first"},{"from":"B","text":\#(deep)},{"from":"C","text":"last"}]}"#
        let telegram = ExportFixtures.read(Array(nested.utf8), path: "x/result.json", format: .telegram)
        #expect(telegram.texts == ["first", "last"])
        #expect(telegram.failures.count == 1)
        #expect(telegram.failures.first?.location?.path == "messages[1]")
        #expect(telegram.failures.first?.reason.contains("nested deeper than 256 levels") == true)

        let notAnObject = ExportFixtures.read(Array("[1, 2]".utf8), path: "x/result.json", format: .telegram)
        #expect(notAnObject.failures.first?.reason.contains("expected a JSON object") == true)
    }

    // MARK: SMS Backup & Restore

    @Test func smsBackupReadsSMSAndMMSWithSendersAndConversations() throws {
        let read = ExportFixtures.read("sms/sms-20240405.xml")
        #expect(read.format == .sms)
        #expect(read.failures.isEmpty)
        #expect(read.texts == [
            "Hi Nina, the job in Dallas pays 900 a week & we cover the flight 😀",
            "What kind of job?",
            "Line one\nLine two <ok>",
            "Hostess work, we keep your documents safe.",
            "Group: bus leaves at 6",
        ])
        #expect(read.documents.map { $0.message!.sender } == ["Victor Hale", "me", "5550199", "Victor Hale", "+15550104040"])
        #expect(read.documents.map { $0.message!.conversation } == ["15550102030", "15550102030", "5550199", "15550102030", "15550102030~15550104040"])
        // The "null" body (third sms of the conversation) is no document but keeps its place.
        #expect(read.documents.map { $0.message!.index } == [0, 1, 0, 3, 0])
        #expect(read.documents[0].message?.timestamp == "2024-04-05T06:53:20Z")
        #expect(read.documents.map { $0.location.path! } == ["smses/sms[0]", "smses/sms[1]", "smses/sms[3]", "smses/mms[0]", "smses/mms[1]"])
        #expect(read.documents[3].location.line == 9)
        #expect(read.quoted(read.documents[1]) == "What kind of job?")
        #expect(read.quoted(read.documents[3]) == read.texts[3])
        #expect(read.exactRunsMatchSource)
    }

    @Test func smsEntitiesAndSurrogatePairsMapToTheirReferences() throws {
        let read = ExportFixtures.read("sms/sms-20240405.xml")
        let first = read.documents[0]
        #expect(read.quoted(first, of: "😀") == "&#55357;&#56832;")
        #expect(read.quoted(first, of: "&") == "&amp;")
        #expect(read.quoted(read.documents[2], of: "\n") == "&#10;")
        #expect("😀".unicodeScalars.count == 1)
    }

    @Test func callLogIsRecognisedAndReportedOnce() throws {
        let read = ExportFixtures.read("sms/calls-20240405.xml")
        #expect(read.format == .sms)
        #expect(read.documents.isEmpty)
        #expect(read.failures.map(\.reason) == ["call log, no messages"])
        #expect(read.failures.first?.location?.line == 2)
    }

    @Test func truncatedSMSBackupKeepsEarlierMessages() throws {
        let full = ExportFixtures.bytes("sms/sms-20240405.xml")
        let cut = Array(full[..<(offset(of: "Line one", in: full))])
        let read = ExportFixtures.read(cut, path: "cut/sms.xml")
        #expect(read.format == .sms)
        #expect(read.texts.count == 2)
        #expect(read.failures.count == 1)
        #expect(read.failures.first?.reason.contains("unterminated") == true)
        #expect(read.failures.first?.location?.line == 8)
    }

    @Test func missingSMSElementsAreReportedAgainstTheDeclaredCount() throws {
        let xml = #"<?xml version='1.0'?><smses count="3"><sms address="1" date="0" type="1" body="a" /></smses>"#
        let read = ExportFixtures.read(Array(xml.utf8), path: "x/sms.xml")
        #expect(read.texts == ["a"])
        #expect(read.failures.map(\.reason) == ["the backup declares 3 messages but holds 1"])
    }

    @Test func xmlEntitiesFromADTDAreNeverExpanded() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE smses [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>
        <smses count="1"><sms address="1" date="0" type="1" body="&lol2; &#x41;&amp;&bogus;" /></smses>
        """
        let read = ExportFixtures.read(Array(xml.utf8), path: "x/sms.xml")
        #expect(read.format == .sms)
        #expect(read.texts == ["&lol2; A&&bogus;"])
        #expect(read.failures.isEmpty)
    }

    // MARK: Facebook and Instagram

    @Test func facebookMojibakeIsRepairedAndMapsToTheEscapes() throws {
        let read = ExportFixtures.read("facebook/message_1.json")
        #expect(read.format == .facebook)
        #expect(read.failures.isEmpty)
        #expect(read.texts == ["Amanhã pagamos a passagem 😀", "Which agency are you with?", "Olá Clara, trabalho em Lisboa, salário alto."])
        #expect(read.documents.map { $0.message!.sender } == ["João Silva", "Clara Mendes", "João Silva"])
        #expect(read.documents.allSatisfy { $0.message?.conversation == "inbox/joaosilva_1234567890" })
        let first = read.documents[0]
        #expect(read.quoted(first, of: "ã") == "\\u00c3\\u00a3")
        #expect(read.quoted(first, of: "😀") == "\\u00f0\\u009f\\u0098\\u0080")
        #expect(read.quoted(first, of: "pagamos") == "pagamos")
        #expect(read.exactRunsMatchSource)
    }

    @Test func facebookIndexCountsOldestFirstWhilePathKeepsFileOrder() throws {
        let read = ExportFixtures.read("facebook/message_1.json")
        #expect(read.documents.map { $0.location.path! } == ["messages[0]", "messages[2]", "messages[3]"])
        #expect(read.documents.map { $0.message!.index } == [3, 1, 0])
        #expect(read.documents.map { $0.message!.timestamp! } == ["2023-11-14T23:03:20Z", "2023-11-14T22:30:00.500Z", "2023-11-14T22:13:20Z"])
    }

    @Test func instagramThreadWithoutPathUsesItsTitle() throws {
        let read = ExportFixtures.read("facebook/instagram_message_1.json")
        #expect(read.format == .facebook)
        #expect(read.texts.count == 2)
        #expect(read.documents.allSatisfy { $0.message?.conversation == "kai.model.agency" })
        #expect(read.quoted(read.documents[0]) == read.texts[0])
    }

    @Test func mojibakeRepairLeavesRealLatin1Alone() {
        let text = "Olá, señor"      // U+00E1 and U+00F1 are not a valid UTF-8 byte sequence
        let decoded = DecodedText(bytes: Array(text.utf8), map: .identity(length: text.utf8.count))
        #expect(MojibakeRepair.repair(decoded).string == text)
    }

    @Test func truncatedFacebookExportKeepsEarlierMessages() throws {
        let full = ExportFixtures.bytes("facebook/message_1.json")
        let cut = Array(full[..<offset(of: "Ol\\u00c3", in: full)])
        let read = ExportFixtures.read(cut, path: "cut/message_1.json")
        #expect(read.format == .facebook)
        #expect(read.texts == ["Amanhã pagamos a passagem 😀", "Which agency are you with?"])
        #expect(read.failures.count == 1)
        #expect(read.failures.first?.location?.path == "messages[3]")
        #expect(read.failures.first?.reason.contains("invalid JSON") == true)
    }

    // MARK: E-mail

    @Test func plainEmailIsSubjectAndBodyWithExactOffsets() throws {
        let read = ExportFixtures.read("email/offer.eml")
        #expect(read.format == .email)
        #expect(read.failures.isEmpty)
        let mail = try #require(read.documents.first)
        #expect(read.documents.count == 1)
        #expect(mail.kind == .email)
        #expect(read.texts[0].hasPrefix("Job offer: caregiver in Dubai, free visa\nDear Sofia,"))
        #expect(read.texts[0].hasSuffix("Global Care Agency"))
        #expect(mail.message == MessageInfo(conversation: "offer-1@agency.example.org", sender: "\"Global Care Agency\" <hr@agency.example.org>",
                                            timestamp: "2023-03-07T09:15:00+01:00", index: 0))
        #expect(mail.location.path == "message[0]")
        #expect(read.quoted(mail, of: "the fee is deducted from your wages") == "the fee is deducted from your wages")
        #expect(read.exactRunsMatchSource)
    }

    @Test func multipartPrefersPlainTextAndDecodesQuotedPrintable() throws {
        let read = ExportFixtures.read("email/multipart.eml")
        #expect(read.format == .email)
        #expect(read.failures.isEmpty)
        let mail = try #require(read.documents.first)
        #expect(read.texts[0] == "Proposta de trabalho – salário alto\nOlá Sofia,\r\nO salário é ótimo e a viagem é grátis. Envie o seu passaporte por e-mail hoje.")
        #expect(mail.message?.sender == "João Alves <joao.alves@example.org>")
        #expect(mail.message?.timestamp == "2023-03-08T10:02:11-05:00")
        // Evidence points at the encoded bytes: the soft line breaks, the =XX escapes, the encoded words.
        #expect(read.quoted(mail, of: "passaporte") == "passa=\r\npor=\r\nte")
        #expect(read.quoted(mail, of: "ótimo") == "=C3=B3timo")
        #expect(read.quoted(mail, of: "salário alto") == "=?ISO-8859-1?Q?_sal=E1rio?= alto")
        #expect(!read.texts[0].contains("HTML version"))         // the alternative's HTML rendering
        #expect(!read.texts[0].contains("5000 EUR"))             // an attachment
        #expect(read.exactRunsMatchSource)
    }

    @Test func base64HTMLInALegacyCharsetIsDecodedStrippedAndLocated() throws {
        let read = ExportFixtures.read("email/base64-html.eml")
        let mail = try #require(read.documents.first)
        #expect(read.texts[0].contains("Niñera interna\n"))
        #expect(read.texts[0].contains("Se busca niñera interna en Zürich."))
        #expect(read.texts[0].contains("Sueldo 1200 € al mes, sin contrato."))
        #expect(!read.texts[0].contains("<p>"))
        // A decoded stretch maps to the base64 line it came from.
        let line = read.quoted(mail, of: "Zürich")
        #expect(line?.hasPrefix("PGh0bWw+") == true)
        #expect(read.quoted(mail, of: "contrato")?.hasPrefix("dWVsZG8g") == true)
    }

    @Test func latin1BodyAndRawHeadersAreConverted() throws {
        let read = ExportFixtures.read("email/latin1.eml")
        let mail = try #require(read.documents.first)
        #expect(read.texts[0] == "Trabajo en España: niñera\nHola Lucía, buscamos niñera para una familia en Málaga. Alojamiento incluido.")
        #expect(mail.message?.sender == "Ramón Díaz <ramon@example.net>")
        #expect(mail.message?.timestamp == "2023-03-08T11:00:00Z")
        let málaga = try #require(read.sourceRange(mail, of: "Málaga"))
        #expect(Array(read.bytes[málaga]) == [0x4D, 0xE1] + Array("laga".utf8))     // the Latin-1 bytes
    }

    @Test func undeclaredLegacyCharsetIsDetected() throws {
        let read = ExportFixtures.read("email/undeclared-koi8r.eml")
        #expect(read.texts.first?.contains("Здравствуйте, Ольга!") == true)
        #expect(read.texts.first?.contains("Паспорт нужно будет") == true)
        let bytes = ExportFixtures.bytes("email/undeclared-koi8r.eml")
        let body = Array(bytes[offset(of: "\n\n", in: bytes)...])
        let charset = MIMEDecoding.toUTF8(DecodedText(bytes: body, map: .identity(length: body.count)), charset: nil).charset
        #expect(charset == "KOI8-R (detected)")
        // The detection reaches the assessment, so the output reports it.
        #expect(read.documents.first?.charset == "KOI8-R (detected)")
        let assessment = TestSupport.assessor("indicators: []\n").assess(try #require(read.documents.first), scratch: MatchScratch()).assessment
        #expect(assessment.charset == "KOI8-R (detected)")
    }

    @Test func declaredUTF8WithABadByteIsNotReguessed() {
        let bytes = Array("Olá, niñera ".utf8) + [0xFF] + Array(" São Paulo".utf8)
        let result = MIMEDecoding.toUTF8(DecodedText(bytes: bytes, map: .identity(length: bytes.count)), charset: "UTF-8")
        #expect(result.charset == "UTF-8")
        #expect(result.text.bytes == bytes)
    }

    @Test func mboxMessagesAreThreaded() throws {
        let read = ExportFixtures.read("email/thread.mbox")
        #expect(read.format == .email)
        #expect(read.failures.isEmpty)
        #expect(read.documents.count == 4)
        #expect(read.documents.map { $0.message!.conversation } == ["root-100@agency.example.org", "root-100@agency.example.org", "root-100@agency.example.org", "Weekly deals"])
        #expect(read.documents.map { $0.message!.index } == [0, 1, 2, 0])
        #expect(read.documents.map { $0.location.line } == [1, 11, 22, 34])
        #expect(read.documents.map { $0.location.path! } == ["message[0]", "message[1]", "message[2]", "message[3]"])
        #expect(read.texts[0] == "Your contract\nPlease sign the contract today.\n>From the agency: the deposit is 300 EUR.")
        #expect(read.texts[2] == "RE: Re: Your contract\nIt covers your housing.\n\nWe keep your passport until it is paid.")
        #expect(read.quoted(read.documents[2], of: "We keep your passport") == "We keep your passport")
        #expect(read.documents[3].message?.timestamp == "2023-03-11T12:00:00Z")
        #expect(read.exactRunsMatchSource)
    }

    @Test func truncatedMultipartKeepsItsFirstPartsAndSaysSo() throws {
        let full = ExportFixtures.bytes("email/multipart.eml")
        let cut = Array(full[..<offset(of: "--outer-BOUNDARY\r\nContent-Type: application/pdf", in: full)])
        let read = ExportFixtures.read(cut, path: "cut/mail.eml")
        #expect(read.texts.first?.contains("Envie o seu passaporte") == true)
        #expect(read.failures.count == 1)
        #expect(read.failures.first?.field == "body")
        #expect(read.failures.first?.reason.contains("closing boundary") == true)
    }

    @Test func mailDatesAndSubjects() {
        #expect(MIMEDate.iso8601("Tue, 1 Jul 2003 10:52:37 +0200") == "2003-07-01T10:52:37+02:00")
        #expect(MIMEDate.iso8601("01 Jul 03 10:52 PDT") == "2003-07-01T10:52:00-07:00")
        #expect(MIMEDate.iso8601("Tue, 1 Jul 2003 10:52:37 -0000") == "2003-07-01T10:52:37")
        #expect(MIMEDate.iso8601("not a date") == nil)
        #expect(EmailReader.baseSubject("Re: RE[2]: Fwd:  Job in Rome") == "Job in Rome")
        #expect(ExportTimestamps.iso8601(unixMilliseconds: 12_600_262_800_000) == "2369-04-15T09:00:00Z")
        #expect(ExportTimestamps.iso8601(unixSeconds: 0, offsetMinutes: -330) == "1969-12-31T18:30:00-05:30")
    }

    // MARK: Detection

    @Test func formatsAreDetectedFromContent() {
        func detect(_ text: String, path: String = "-") -> InputFormat? {
            Array(text.utf8).withUnsafeBufferPointer { buffer in
                if case .format(let format) = FormatDetector.detect(path: path, bytes: buffer) { return format }
                return nil
            }
        }
        #expect(detect(#"{"name":"a","messages":[{"id":1,"from_id":"user1","text":"x"}]}"#) == .telegram)
        #expect(detect(#"{"participants":[{"name":"a"}],"messages":[{"sender_name":"a","timestamp_ms":1,"content":"x"}]}"#) == .facebook)
        #expect(detect("\u{FEFF}<?xml version='1.0'?>\n<!-- backup -->\n<smses count=\"0\"></smses>") == .sms)
        #expect(detect("<?xml version='1.0'?><calls count=\"0\"></calls>") == .sms)
        #expect(detect("From a@example.org Mon Jan  1 00:00:00 2024\nFrom: a@example.org\n\nhi\n") == .email)
        #expect(detect("Received: from x\nMessage-ID: <1@x>\nFrom: a@x\nSubject: s\n\nbody") == .email)
        #expect(detect("anything", path: "mail/offer.EML") == .email)
        // Not exports: ads and records.
        #expect(detect("From Monday we hire cleaners.\nGood salary.", path: "ad.txt") == .text)
        #expect(detect("Subject: job\nFrom: me\n\nhello", path: "ad.txt") == .text)
        #expect(detect(#"{"title":"job","messages":"none"}"#, path: "ads.jsonl") == .jsonl)
        #expect(detect(#"{"messages":[{"from_id":"user1","text":"x"}]}"#, path: "scraped.jsonl") == .jsonl)
        #expect(detect("<html><body>hi</body></html>", path: "page.html") == .html)
    }

    // MARK: Through the pipeline

    @Test func hitsInExportsQuoteTheSourceEvidence() throws {
        let yaml = "indicators:\n"
            + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", pattern: #"\bpassport\b"#)
            + TestSupport.indicatorYAML(id: "pt.passaporte", pattern: #"\bpassaporte\b"#)
        var options = ScanOptions()
        options.jobs = 2
        let pipeline = Pipeline(assessor: TestSupport.assessor(yaml), options: options)
        var sink = CollectingSink()
        _ = pipeline.run(paths: [ExportFixtures.directory], sink: &sink)
        var quotes: [String: String] = [:]
        for (assessment, _) in sink.assessments {
            let source = try #require(FileManager.default.contents(atPath: assessment.source.path))
            for hit in assessment.hits {
                quotes[(assessment.source.path as NSString).lastPathComponent + " " + hit.text] = String(decoding: source[hit.sourceRange], as: UTF8.self)
            }
        }
        #expect(quotes["result_full.json passport"] == "passport")
        #expect(quotes["thread.mbox passport"] == "passport")
        #expect(quotes["multipart.eml passaporte"] == "passa=\r\npor=\r\nte")
        #expect(sink.records.map(\.reason) == ["call log, no messages"])
        #expect(sink.summary?.errored == 1)
    }
}

/// Where `needle` first occurs in `bytes` (`bytes.count` when it does not).
private func offset(of needle: String, in bytes: [UInt8]) -> Int {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, pattern.count <= bytes.count else { return bytes.count }
    for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<(start + pattern.count)]) == pattern { return start }
    return bytes.count
}

/// The public fixtures in ../shared/fixtures/chat-exports (see SOURCES.md there): every file
/// parses, and no message with text is lost, counted independently of the readers.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: ExportFixtures.sharedRoot)))
struct ExportConformanceTests {
    static let root = ExportFixtures.sharedRoot

    static func files(_ folder: String) -> [String] {
        let directory = root + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().map { directory + "/" + $0 }
    }

    static func read(_ path: String) -> ExportRead {
        ExportFixtures.read(Array(FileManager.default.contents(atPath: path) ?? Data()), path: path)
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func telegramExportsLoseNoMessage() throws {
        let files = Self.files("telegram")
        #expect(files.count >= 3)
        for path in files {
            let read = Self.read(path)
            #expect(read.format == .telegram, "\(path)")
            #expect(read.failures.isEmpty, "\(path): \(read.failures)")
            let object = try JSONSerialization.jsonObject(with: Data(read.bytes))
            var chats: [[String: Any]] = []
            if let top = object as? [String: Any] {
                if top["messages"] != nil { chats.append(top) }
                for key in ["chats", "left_chats"] {
                    chats += ((top[key] as? [String: Any])?["list"] as? [[String: Any]]) ?? []
                }
            }
            let expected = chats.flatMap { chat in
                ((chat["messages"] as? [[String: Any]]) ?? []).compactMap { message -> String? in
                    var text = message["text"] as? String ?? ""
                    if let parts = message["text"] as? [Any] {
                        text = parts.map { ($0 as? String) ?? (($0 as? [String: Any])?["text"] as? String) ?? "" }.joined()
                    }
                    return Self.trimmed(text).isEmpty ? nil : Self.trimmed(text)
                }
            }
            #expect(!expected.isEmpty, "\(path)")
            #expect(read.texts == expected, "\(path)")
            #expect(read.documents.allSatisfy { $0.message?.sender != nil && $0.message?.timestamp != nil }, "\(path)")
        }
    }

    @Test func facebookAndInstagramExportsLoseNoMessage() throws {
        let files = Self.files("facebook-instagram")
        #expect(files.count >= 3)
        for path in files {
            let read = Self.read(path)
            #expect(read.format == .facebook, "\(path)")
            #expect(read.failures.isEmpty, "\(path): \(read.failures)")
            let object = try JSONSerialization.jsonObject(with: Data(read.bytes)) as? [String: Any]
            let messages = (object?["messages"] as? [[String: Any]]) ?? []
            let expected = messages.compactMap { message -> String? in
                guard let content = message["content"] as? String, !Self.trimmed(content).isEmpty else { return nil }
                // The exports' mojibake, undone the other way round: scalars as Latin-1 bytes.
                let scalars = content.unicodeScalars
                if scalars.allSatisfy({ $0.value <= 0xFF }),
                   let repaired = String(data: Data(scalars.map { UInt8($0.value) }), encoding: .utf8) {
                    return Self.trimmed(repaired)
                }
                return Self.trimmed(content)
            }
            #expect(!expected.isEmpty, "\(path)")
            #expect(read.texts == expected, "\(path)")
            #expect(read.documents.allSatisfy { $0.message?.sender != nil && $0.message?.timestamp != nil }, "\(path)")
        }
    }

    @Test func smsBackupsLoseNoMessageAndCallLogsAreSkipped() throws {
        let files = Self.files("sms-backup-restore")
        #expect(files.count >= 2)
        for path in files {
            let read = Self.read(path)
            #expect(read.format == .sms, "\(path)")
            let xml = String(decoding: read.bytes, as: UTF8.self)
            if xml.contains("<calls") {
                #expect(read.documents.isEmpty, "\(path)")
                #expect(read.failures.map(\.reason) == ["call log, no messages"], "\(path)")
                continue
            }
            #expect(read.failures.isEmpty, "\(path): \(read.failures)")
            let withText = { (pattern: String, text: String) -> Int in
                let regex = try! NSRegularExpression(pattern: pattern)
                return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).filter { match in
                    let value = String(text[Range(match.range(at: 1), in: text)!])
                    return !value.isEmpty && value != "null"
                }.count
            }
            let sms = withText(#"<sms [^>]*\bbody="([^"]*)""#, xml)
            let mms = xml.components(separatedBy: "<mms ").dropFirst().filter { chunk in
                let element = chunk.components(separatedBy: "</mms>")[0]
                return withText(#"<part [^>]*\bct="text/plain"[^>]*\btext="([^"]*)""#, element) > 0
            }.count
            #expect(sms + mms > 0, "\(path)")
            #expect(read.documents.count == sms + mms, "\(path)")
            #expect(read.documents.allSatisfy { !$0.text.isEmpty && $0.message?.timestamp != nil }, "\(path)")
        }
    }

    /// signal-export's Markdown-like output has no reader of its own: whatever reads it, each
    /// message's text must reach a document.
    @Test func signalMessagesReachADocument() throws {
        let files = Self.files("signal")
        #expect(!files.isEmpty)
        for path in files {
            let read = Self.read(path)
            #expect(read.failures.isEmpty, "\(path): \(read.failures)")
            let all = read.texts.joined(separator: "\n")
            let lines = String(decoding: read.bytes, as: UTF8.self).split(separator: "\n")
            let messages = lines.filter { $0.hasPrefix("[") && $0.contains("] ") }
            #expect(messages.count >= 2, "\(path)")
            for line in messages {
                let text = line.split(separator: ":", maxSplits: 2).last.map { Self.trimmed(String($0)) } ?? ""
                #expect(all.contains(text), "\(path): \(text)")
            }
        }
    }
}
