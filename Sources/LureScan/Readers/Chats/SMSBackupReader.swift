/// SMS Backup & Restore XML: `<smses>` holding `<sms body=...>` and `<mms>` (whose text is in
/// `<part ct="text/plain" text=...>`). Each message with text is a document; the conversation
/// is the address as digits. A call log (`<calls>`) holds no messages and is reported as such.
///
/// The app writes the string "null" for an absent value; `type` (sms) and `msg_box` (mms) are
/// 1 for received and 2 for sent (3 draft, 4 outbox, 5 failed, 6 queued: all the owner's).
/// `index` is the message's position among its conversation's messages in the file,
/// messages without text included.
struct SMSBackupReader: DocumentReader {
    /// XML whose root element (after the prolog and comments) is `<smses>` or `<calls>`.
    static func detect(path: String, head: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ExportDocuments.firstSignificantByte(head) == UInt8(ascii: "<") else { return false }
        var scanner = XMLScanner(head)
        guard case .start(let root)? = try? scanner.next() else { return false }
        return root.name == "smses" || root.name == "calls"
    }

    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        var scanner = XMLScanner(bytes)
        var lines = ExportDocuments.LineCounter(bytes)
        var positions: [String: Int] = [:]         // conversation -> messages seen so far
        var elementCounts: [String: Int] = [:]     // "sms" / "mms" -> elements seen so far
        var root: XMLScanner.Tag?
        do {
            while let token = try scanner.next() {
                guard case .start(let tag) = token else { continue }
                guard let rootTag = root else {
                    root = tag
                    if tag.name == "calls" {
                        emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: tag.range, path: "calls",
                                                     reason: "call log, no messages"))
                        return
                    }
                    guard tag.name == "smses" else {
                        emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: tag.range, path: tag.name,
                                                     reason: "not an SMS Backup & Restore file: the root element is <\(tag.name)>, not <smses>"))
                        return
                    }
                    continue
                }
                guard tag.name == "sms" || tag.name == "mms" else {
                    if !tag.selfClosing { try skipElement(named: tag.name, scanner: &scanner) }
                    continue
                }
                let number = elementCounts[tag.name, default: 0]
                elementCounts[tag.name] = number + 1
                let path = "\(rootTag.name)/\(tag.name)[\(number)]"
                // A message larger than the limit is never decoded (nor copied): an error at its line.
                if let limit = options.maximumRecordBytes, let end = try elementEnd(tag, scanner: &scanner, limit: limit) {
                    emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: tag.range.lowerBound..<end, path: path,
                                                 reason: "message larger than \(limit) bytes, not parsed"))
                    continue
                }
                let message = tag.name == "sms"
                    ? try readSMS(tag, scanner: &scanner, bytes: bytes)
                    : try readMMS(tag, scanner: &scanner, bytes: bytes)
                let index = positions[message.conversation, default: 0]
                positions[message.conversation] = index + 1
                guard !message.text.bytes.isEmpty else { continue }
                emit(.document(ExportDocuments.message(
                    source: source, text: message.text, conversation: message.conversation, sender: message.sender,
                    timestamp: message.timestamp, index: index, line: lines.line(at: message.range.lowerBound),
                    byteRange: message.range, path: path)))
            }
        } catch let error as XMLScanner.SyntaxError {
            let next = (elementCounts["sms", default: 0], elementCounts["mms", default: 0])
            emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: min(error.offset, bytes.count)..<bytes.count,
                                         path: "smses (after sms[\(next.0)], mms[\(next.1)])",
                                         reason: "invalid XML: \(error); the messages before it were read"))
            return
        } catch {
            emit(.failure(ReadFailure(source: source, location: nil, reason: "\(error)")))
            return
        }
        guard let root else {
            emit(.failure(ReadFailure(source: source, location: Location(line: 1, byteRange: 0..<bytes.count),
                                      reason: "not an SMS Backup & Restore file: no XML element")))
            return
        }
        // The backup states how many messages it holds: a shortfall means lost messages.
        let found = elementCounts.values.reduce(0, +)
        if let declared = root.attribute("count").flatMap({ Int(Self.value($0, bytes) ?? "") }), declared != found {
            emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: root.range, path: "smses", field: "count",
                                         reason: "the backup declares \(declared) messages but holds \(found)"))
        }
    }

    /// The end of an over-long `<sms>` (its tag holds the body) or `<mms>` (a part holds the
    /// text), the element skipped; nil when it is within `limit` and the scanner untouched.
    private func elementEnd(_ tag: XMLScanner.Tag, scanner: inout XMLScanner, limit: Int) throws -> Int? {
        if tag.range.count > limit {
            return tag.selfClosing ? tag.range.upperBound : try skipElement(named: tag.name, scanner: &scanner)
        }
        guard tag.name == "mms", !tag.selfClosing else { return nil }
        var lookahead = scanner
        let end = try skipElement(named: "mms", scanner: &lookahead)
        guard end - tag.range.lowerBound > limit else { return nil }
        scanner = lookahead
        return end
    }

    private struct Message {
        var text: DecodedText
        var conversation: String
        var sender: String?
        var timestamp: String?
        var range: Range<Int>
    }

    private func readSMS(_ tag: XMLScanner.Tag, scanner: inout XMLScanner, bytes: UnsafeBufferPointer<UInt8>) throws -> Message {
        var range = tag.range
        if !tag.selfClosing { range = range.lowerBound..<(try skipElement(named: "sms", scanner: &scanner)) }
        let address = Self.value(tag.attribute("address"), bytes)
        let contact = Self.value(tag.attribute("contact_name"), bytes)
        let received = Self.value(tag.attribute("type"), bytes) == "1"
        return Message(text: ExportDocuments.trimmed(Self.decodedValue(tag.attribute("body"), bytes)),
                       conversation: Self.conversation(address),
                       sender: received ? Self.person(contact: contact, address: address) : "me",
                       timestamp: Self.timestamp(tag, bytes), range: range)
    }

    /// An `<mms>`: its text parts joined, its sender from `msg_box` and the `<addr type="137">` (from).
    private func readMMS(_ tag: XMLScanner.Tag, scanner: inout XMLScanner, bytes: UnsafeBufferPointer<UInt8>) throws -> Message {
        var text = DecodedText()
        var from: String?
        var end = tag.range.upperBound
        if !tag.selfClosing {
            while let token = try scanner.next() {
                if case .end(let name, let range) = token, name == "mms" { end = range.upperBound; break }
                guard case .start(let inner) = token else { continue }
                if inner.name == "part", Self.value(inner.attribute("ct"), bytes)?.lowercased() == "text/plain" {
                    ExportDocuments.append(Self.decodedValue(inner.attribute("text"), bytes), to: &text, separator: [0x0A])
                } else if inner.name == "addr", Self.value(inner.attribute("type"), bytes) == "137" {
                    from = Self.value(inner.attribute("address"), bytes)
                }
            }
        }
        let address = Self.value(tag.attribute("address"), bytes)
        let contact = Self.value(tag.attribute("contact_name"), bytes)
        let received = Self.value(tag.attribute("msg_box"), bytes) == "1"
        var sender = "me"
        if received {
            // In a group the contact name lists everyone; name the sender only when it is the one address.
            let fromAddress = from ?? address
            sender = fromAddress == address ? Self.person(contact: contact, address: address) ?? "unknown"
                                            : fromAddress ?? "unknown"
        }
        return Message(text: ExportDocuments.trimmed(text), conversation: Self.conversation(address), sender: sender,
                       timestamp: Self.timestamp(tag, bytes), range: tag.range.lowerBound..<end)
    }

    /// Skips to the end tag of the element just opened; returns where that end tag ends.
    @discardableResult
    private func skipElement(named name: String, scanner: inout XMLScanner) throws -> Int {
        var depth = 1
        while let token = try scanner.next() {
            switch token {
            case .start(let tag) where !tag.selfClosing: depth += 1
            case .end(_, let range):
                depth -= 1
                if depth == 0 { return range.upperBound }
            default: break
            }
        }
        throw XMLScanner.SyntaxError(offset: scanner.position, message: "<\(name)> not closed (the file is truncated)")
    }

    /// `date` is milliseconds since 1970 (UTC).
    private static func timestamp(_ tag: XMLScanner.Tag, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        value(tag.attribute("date"), bytes).flatMap { Int64($0) }.flatMap(ExportTimestamps.iso8601(unixMilliseconds:))
    }

    /// The contact's name when the app knew it, else the address.
    private static func person(contact: String?, address: String?) -> String? {
        if let contact, !contact.isEmpty, contact != "(Unknown)" { return contact }
        return address
    }

    /// The address as digits (`+1 (555) 010-1` -> `15550101`); group addresses (`a~b`) keep
    /// their separator; an address without digits (a short code name) stays as written.
    static func conversation(_ address: String?) -> String {
        guard let address, !address.isEmpty else { return "unknown" }
        let members = address.split(separator: "~").map { member -> String in
            let digits = member.filter(\.isASCII).filter(\.isNumber)
            return digits.isEmpty ? member.trimmingWhitespace().lowercased() : String(digits)
        }
        return members.joined(separator: "~")
    }

    /// An attribute's decoded value as a string; nil when missing, empty or "null".
    private static func value(_ range: Range<Int>?, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let range else { return nil }
        let text = XMLScanner.decodeValue(bytes, range).string
        return text.isEmpty || text == "null" ? nil : text
    }

    /// An attribute's decoded value with its map; empty when missing or "null".
    private static func decodedValue(_ range: Range<Int>?, _ bytes: UnsafeBufferPointer<UInt8>) -> DecodedText {
        guard let range else { return DecodedText() }
        let text = XMLScanner.decodeValue(bytes, range)
        return text.string == "null" ? DecodedText() : text
    }
}

private extension Substring {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
