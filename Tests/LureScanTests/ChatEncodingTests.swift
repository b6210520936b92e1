import Foundation
import Testing
@testable import LureScan

/// WhatsApp exports saved in UTF-16 (with and without a byte-order mark) or a legacy charset
/// read exactly like their UTF-8 twin, and every offset still points into the file as stored.
/// All fixtures are written here; every name and number is fictitious.
@Suite struct ChatEncodingTests {
    typealias Support = WhatsAppTestSupport

    /// Android layout: a system line, accents, an emoji (a surrogate pair in UTF-16), a
    /// multi-line message, CRLF line ends on one message.
    static let export = "31/01/2020, 14:04 - Messages and calls are end-to-end encrypted.\n"
        + "31/01/2020, 14:05 - Lucía Gómez: Great salary abroad 💶, hostess work\n"
        + "31/01/2020, 14:06 - +1 555 0100: Is the ticket paid?\r\n"
        + "01/02/2020, 09:30 - Lucía Gómez: Yes. We keep your passport\nuntil you repay it from your salary. Ñandú café\n"
        + "01/02/2020, 09:31 - Ana Ruiz: ok 👍\n"

    enum Encoding: String, CaseIterable, CustomStringConvertible {
        case littleEndianMarked, bigEndianMarked, littleEndianUnmarked
        var description: String { rawValue }
        var charset: String { self == .bigEndianMarked ? "UTF-16BE" : "UTF-16LE" }
        var foundation: String.Encoding { self == .bigEndianMarked ? .utf16BigEndian : .utf16LittleEndian }

        func encode(_ text: String) -> [UInt8] {
            let units = Array(text.utf16)
            switch self {
            case .littleEndianMarked: return [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case .bigEndianMarked: return [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            case .littleEndianUnmarked: return units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            }
        }

        /// Source bytes as text: the byte-order mark, when a range holds it, is no character of the text.
        func decode(_ bytes: ArraySlice<UInt8>) -> String {
            let text = String(data: Data(bytes), encoding: foundation) ?? "<not UTF-16>"
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
    }

    @Test(arguments: Encoding.allCases)
    func utf16ReadsLikeItsUTF8Twin(encoding: Encoding) throws {
        let twin = Support.read(Array(Self.export.utf8), path: "chat.txt")
        let bytes = encoding.encode(Self.export)
        let read = Support.read(bytes, path: "chat.txt")
        #expect(twin.documents.count == 4 && twin.failures.isEmpty)
        #expect(read.failures.map(\.description) == [])
        #expect(read.messages.map(\.sender) == twin.messages.map(\.sender))
        #expect(read.messages.map(\.timestamp) == twin.messages.map(\.timestamp))
        #expect(read.messages.map(\.text) == twin.messages.map(\.text))
        #expect(read.documents.map(\.location.line) == twin.documents.map(\.location.line))
        #expect(read.documents.map(\.location.record) == twin.documents.map(\.location.record))
        #expect(read.documents.map(\.message?.conversation) == twin.documents.map(\.message?.conversation))
        #expect(read.documents.allSatisfy { $0.charset == encoding.charset })
        for (document, original) in zip(read.documents, twin.documents) {
            // The location is the same message, as stored in UTF-16.
            let location = document.location.byteRange
            #expect(encoding.decode(bytes[location]) == String(decoding: twin.bytes[original.location.byteRange], as: UTF8.self))
            // Every character of the text maps back to exactly its own UTF-16 bytes.
            let text = String(decoding: document.text, as: UTF8.self)
            var offset = 0
            for character in text {
                let length = String(character).utf8.count
                let range = document.origin.originRange(of: offset..<(offset + length))
                #expect(encoding.decode(bytes[range]) == String(character), "\(document.id) at \(offset)")
                #expect(location.contains(range.lowerBound) && range.upperBound <= location.upperBound)
                offset += length
            }
        }
    }

    @Test(arguments: Encoding.allCases)
    func utf16ExportsAreDetected(encoding: Encoding) {
        encoding.encode(Self.export).withUnsafeBufferPointer { buffer in
            #expect(FormatDetector.detect(path: "WhatsApp Chat with Lucía.txt", bytes: buffer) == .format(.whatsapp))
            #expect(ChatReaders.detect(path: "_chat.txt", head: buffer) == .whatsapp)
        }
        // A head cut in the middle of a line (and of a code unit) still detects.
        let long = String(repeating: Self.export, count: 200)
        let head = Array(encoding.encode(long).prefix(FormatDetector.sniffLength + 1))
        head.withUnsafeBufferPointer { #expect(WhatsAppReader.detect(path: "x.txt", head: $0) == .whatsapp) }
        // An ad in UTF-16 is still text.
        encoding.encode("31/01/2020 hostess wanted\nGood salary\n").withUnsafeBufferPointer { buffer in
            #expect(FormatDetector.detect(path: "ad.txt", bytes: buffer) == .format(.text))
        }
    }

    /// End to end, on disk and inside an iOS-style zip: hits quote the evidence, and the byte
    /// range of each hit, cut from the original UTF-16 file, decodes to the same text.
    @Test func hitsQuoteTheOriginalUTF16Bytes() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        TestSupport.write(Array(Self.export.utf8), to: directory + "/utf8.txt")
        for encoding in Encoding.allCases {
            TestSupport.write(encoding.encode(Self.export), to: directory + "/\(encoding).txt")
        }
        let zipped = Encoding.littleEndianMarked.encode(Self.export)
        TestSupport.write(StoredZip.make([("_chat.txt", zipped)]), to: directory + "/Chat with Lucía.zip")
        let scan = HostileScan.run([directory], configure: { $0.perMessage = true })
        scan.expectAccounted(inputs: 5)
        #expect(scan.records.isEmpty)
        let byFile = Dictionary(grouping: scan.assessments, by: \.source.path)
        let twin = try #require(byFile[directory + "/utf8.txt"]).sorted { $0.location.line < $1.location.line }
        #expect(twin.flatMap(\.hits).count >= 3)
        func evidence(_ assessments: [Assessment]) -> [[String]] {
            assessments.sorted { $0.location.line < $1.location.line }.map { $0.hits.map { "\($0.indicatorID): \($0.text)" } }
        }
        let files: [(String, Encoding, [UInt8])] = Encoding.allCases.map { ($0.rawValue + ".txt", $0, $0.encode(Self.export)) }
            + [("Chat with Lucía.zip:_chat.txt", .littleEndianMarked, zipped)]
        for (name, encoding, bytes) in files {
            let assessments = try #require(byFile[directory + "/" + name], "\(name)")
            #expect(evidence(assessments) == evidence(twin), "\(name)")
            #expect(assessments.allSatisfy { $0.charset == encoding.charset && $0.source.format == .whatsapp })
            for hit in assessments.flatMap(\.hits) {
                #expect(encoding.decode(bytes[hit.sourceRange]) == hit.text, "\(name): \(hit.indicatorID)")
            }
        }
    }

    /// A file cut short inside a code unit, or holding a lone surrogate, still reads: the
    /// damage becomes U+FFFD in its message, every other message is untouched.
    @Test func damagedUTF16StillReads() {
        let twin = Support.read(Array(Self.export.utf8), path: "chat.txt")
        var cut = Encoding.littleEndianMarked.encode(Self.export)
        cut.append(0x41)
        let read = Support.read(cut, path: "chat.txt")
        #expect(read.failures.isEmpty)
        #expect(read.messages.dropLast().map(\.text) == twin.messages.dropLast().map(\.text))
        #expect(read.messages.last?.text == "ok 👍\n\u{FFFD}")
        // The U+FFFD stands for the stray byte, and only for it.
        if let last = read.documents.last {
            #expect(last.origin.originRange(of: (last.text.count - 3)..<last.text.count) == (cut.count - 1)..<cut.count)
        }
        // A lone high surrogate (0xD800) in place of the emoji's.
        var lone = Encoding.littleEndianMarked.encode(Self.export)
        let emoji = Array("💶".utf16)
        let at = stride(from: 0, to: lone.count - 1, by: 2).first { lone[$0] == UInt8(emoji[0] & 0xFF) && lone[$0 + 1] == UInt8(emoji[0] >> 8) }!
        lone.replaceSubrange(at..<(at + 4), with: [0x00, 0xD8, 0x20, 0x00])
        #expect(Support.read(lone, path: "chat.txt").messages.first?.text == "Great salary abroad \u{FFFD} , hostess work")
    }

    /// A Windows-1252 export: names and text converted, offsets into the single-byte file.
    @Test func windows1252ReadsLikeItsUTF8Twin() throws {
        let export = "31/01/2020, 14:05 - Lucía Gómez: Trabajo en España, buen salario. ¿Tienes pasaporte? Te lo guardamos nosotros.\n"
            + "31/01/2020, 14:06 - José Núñez: ¿Cuánto cuesta el viaje? ¿Quién paga el billete de avión?\n"
            + "01/02/2020, 09:30 - Lucía Gómez: Nosotros pagamos todo; después devuelves la deuda con tu sueldo.\n"
        let bytes = [UInt8](try #require(export.data(using: .windowsCP1252)))
        let twin = Support.read(Array(export.utf8), path: "chat.txt")
        let read = Support.read(bytes, path: "chat.txt")
        #expect(read.failures.isEmpty)
        #expect(read.messages.map(\.sender) == ["Lucía Gómez", "José Núñez", "Lucía Gómez"])
        #expect(read.messages.map(\.text) == twin.messages.map(\.text))
        #expect(read.messages.map(\.timestamp) == twin.messages.map(\.timestamp))
        let charset = try #require(read.documents.first?.charset)
        #expect(["windows-1252", "ISO-8859-1"].contains(charset))
        for document in read.documents {
            let range = document.origin.originRange(of: 0..<document.text.count)
            #expect(String(data: Data(bytes[range]), encoding: .windowsCP1252) == String(decoding: document.text, as: UTF8.self))
        }
        bytes.withUnsafeBufferPointer { #expect(FormatDetector.detect(path: "chat.txt", bytes: $0) == .format(.whatsapp)) }
    }

    /// UTF-8 with a damaged byte stays UTF-8 (the normalizer repairs and counts it).
    @Test func damagedUTF8IsNotTakenForALegacyCharset() {
        let bytes = Array("31/01/2020, 14:05 - Lucía: bad ".utf8) + [0xFF] + Array(" byte\n".utf8)
        bytes.withUnsafeBufferPointer { #expect(ExportCharset.of($0) == nil) }
        let read = Support.read(bytes, path: "bad.txt")
        #expect(read.documents.first?.charset == nil)
        #expect(read.documents.first?.text == Array("bad ".utf8) + [0xFF] + Array(" byte".utf8))
    }

    /// A stretch longer than ICU is handed at once is converted in pieces cut between
    /// characters, never inside a surrogate pair, with an exact map.
    @Test func longStretchesConvertInPiecesBetweenCharacters() throws {
        let text = "a" + String(repeating: "😀é", count: ExportCharset.pieceBytes / 5)
        for encoding in [Encoding.littleEndianUnmarked, .bigEndianMarked] {
            let bytes = encoding.encode(text)
            let charset = ExportCharset(name: encoding.charset)
            let converted = try #require(bytes.withUnsafeBufferPointer { charset.toUTF8($0, 0..<$0.count, mapped: true) })
            #expect(converted.bytes.count > ExportCharset.pieceBytes)
            let expected = encoding == .bigEndianMarked ? "\u{FEFF}" + text : text
            #expect(converted.bytes == Array(expected.utf8))
            // The 😀 after the first piece's end maps to its 4 bytes.
            let start = expected.utf8.count - 6
            #expect(converted.map.originRange(of: start..<(start + 4)) == (bytes.count - 6)..<(bytes.count - 2))
        }
    }

    /// Every public export in ../shared (when present), saved again in UTF-16: the same
    /// messages, and each message's text maps back to its own UTF-16 bytes.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: WhatsAppTestSupport.shared)))
    func everySharedExportReadsTheSameInUTF16() {
        let names = WhatsAppConformanceTests.files(".txt")
        #expect(names.count >= 30)
        for name in names {
            let original = Support.bytes(Support.shared + "/" + name)
            let twin = Support.read(original, path: name)
            for encoding in [Encoding.littleEndianMarked, .bigEndianMarked] {
                // A UTF-8 byte-order mark becomes the UTF-16 one.
                let text = String(decoding: original, as: UTF8.self)
                let bytes = encoding.encode(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
                let read = Support.read(bytes, path: name)
                #expect(read.failures.map(\.reason) == twin.failures.map(\.reason), "\(name) \(encoding)")
                #expect(read.messages.map(\.sender) == twin.messages.map(\.sender), "\(name) \(encoding)")
                #expect(read.messages.map(\.timestamp) == twin.messages.map(\.timestamp), "\(name) \(encoding)")
                #expect(read.messages.map(\.text) == twin.messages.map(\.text), "\(name) \(encoding)")
                #expect(read.documents.map(\.location.line) == twin.documents.map(\.location.line), "\(name) \(encoding)")
                for document in read.documents {
                    let range = document.origin.originRange(of: 0..<document.text.count)
                    #expect(encoding.decode(bytes[range]) == String(decoding: document.text, as: UTF8.self), "\(document.id) \(encoding)")
                }
            }
        }
    }
}
