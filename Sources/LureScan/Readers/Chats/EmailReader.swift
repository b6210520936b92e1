/// E-mail: a single message (`.eml`) or an mbox (messages after `From ` separator lines).
/// Each message is a document of kind `.email` whose text is its Subject and its body text
/// (see `MIMEBody`); sender, Date (ISO 8601 with its offset) and thread come from the headers.
///
/// The conversation is the thread: the root Message-ID of `References` (else `In-Reply-To`);
/// a message that replies to nothing starts a thread under its own Message-ID (so its
/// replies join it); without one, its Subject stripped of `Re:`/`Fwd:` prefixes.
struct EmailReader: DocumentReader {
    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        var lines = ExportDocuments.LineCounter(bytes)
        var threadPositions: [String: Int] = [:]
        for (number, message) in Self.messages(bytes).enumerated() {
            let path = "message[\(number)]"
            let headers = MIMEHeaders(bytes, range: message.content)
            guard !headers.fields.isEmpty else {
                emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: message.range, path: path,
                                             field: "headers", reason: "no e-mail headers in this message"))
                continue
            }
            let declaredCharset = headers.parameters("content-type")?.parameters["charset"]
            let subject = Self.headerText(headers.first("subject"), charset: declaredCharset)
            let body = MIMEBody(bytes, headers: headers, body: headers.bodyStart..<message.content.upperBound)
            var text = DecodedText()
            ExportDocuments.append(subject, to: &text)
            ExportDocuments.append(body.text, to: &text, separator: [0x0A])

            let conversation = Self.thread(headers, subject: subject.string)
            let index = threadPositions[conversation, default: 0]
            threadPositions[conversation] = index + 1
            let line = lines.line(at: message.range.lowerBound)
            if !text.bytes.isEmpty {
                let sender = Self.headerText(headers.first("from"), charset: declaredCharset).string
                let timestamp = headers.first("date").flatMap { MIMEDate.iso8601($0.string) }
                emit(.document(ExportDocuments.message(
                    source: source, kind: .email, text: text, conversation: conversation,
                    sender: sender.isEmpty ? nil : sender, timestamp: timestamp, index: index,
                    line: line, byteRange: message.range, path: path,
                    charset: body.charsets.contains { $0 != "UTF-8" } ? body.charsets.joined(separator: ", ") : nil)))
            }
            for problem in body.problems {
                emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: message.range, path: path,
                                             record: index + 1, field: "body", reason: problem))
            }
        }
    }

    /// A header value as text: raw 8-bit bytes that are not UTF-8 converted (with the
    /// message's charset, else as detected), then encoded words decoded.
    static func headerText(_ value: DecodedText?, charset: String?) -> DecodedText {
        guard var value else { return DecodedText() }
        if value.bytes.withUnsafeBufferPointer({ Decoding.firstInvalidIndex($0) }) != nil {
            value = MIMEDecoding.toUTF8(value, charset: charset).text
        }
        return ExportDocuments.trimmed(MIMEHeaders.decodeEncodedWords(value))
    }

    // MARK: Messages of a file

    /// Each message's range (from its `From ` line in an mbox) and its content (after that line).
    static func messages(_ bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, content: Range<Int>)] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
        guard isSeparator(bytes, at: start) else { return start < bytes.count ? [(start..<bytes.count, start..<bytes.count)] : [] }
        // mbox: a `From ` line after a blank line (or at the start) opens a message; writers
        // escape body lines that would look like one (`>From `).
        var starts: [Int] = []
        var index = start
        var previousBlank = true
        while index < bytes.count {
            let line = MIMEHeaders.lineEnd(bytes, from: index, limit: bytes.count)
            if previousBlank && isSeparator(bytes, at: index) { starts.append(index) }
            previousBlank = line.contentEnd == index
            index = line.next
        }
        return starts.enumerated().map { number, messageStart in
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            let contentStart = min(MIMEHeaders.lineEnd(bytes, from: messageStart, limit: end).next, end)
            return (messageStart..<end, contentStart..<end)
        }
    }

    private static func isSeparator(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let from = Array("From ".utf8)
        guard index + from.count < bytes.count else { return false }
        return (0..<from.count).allSatisfy { bytes[index + $0] == from[$0] }
    }

    // MARK: Threads

    static func thread(_ headers: MIMEHeaders, subject: String) -> String {
        if let root = headers.first("references").flatMap({ messageIDs($0.string).first }) { return root }
        if let parent = headers.first("in-reply-to").flatMap({ messageIDs($0.string).first }) { return parent }
        let topic = baseSubject(subject)
        if topic.count == subject.count, let own = headers.first("message-id").flatMap({ messageIDs($0.string).first }) {
            return own
        }
        return topic.isEmpty ? "(no subject)" : topic
    }

    /// The ids inside `<...>` (without the brackets), else the words of the value.
    static func messageIDs(_ value: String) -> [String] {
        var ids: [String] = []
        var current: String?
        for character in value {
            if character == "<" { current = ""; continue }
            if character == ">", let id = current { if !id.isEmpty { ids.append(id) }; current = nil; continue }
            current?.append(character)
        }
        if ids.isEmpty { ids = value.split(whereSeparator: \.isWhitespace).map(String.init) }
        return ids
    }

    /// The subject without reply and forward prefixes (`Re:`, `RE[2]:`, `Fwd:`, `AW:`, `RV:`...).
    static func baseSubject(_ subject: String) -> String {
        let prefixes = ["re", "fw", "fwd", "aw", "wg", "sv", "vs", "rv", "enc", "tr", "antw", "res"]
        var rest = Substring(subject)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard let colon = rest.firstIndex(of: ":") else { break }
            var word = rest[..<colon].lowercased()
            if let bracket = word.firstIndex(of: "["), word.hasSuffix("]") { word = String(word[..<bracket]) }
            guard prefixes.contains(trimmed(word)) else { break }
            rest = rest[rest.index(after: colon)...]
        }
        return trimmed(rest)
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    // MARK: Detection

    /// `.eml` / `.mbox`, an mbox `From ` line followed by a header, or a header block with
    /// `From:` and a field only mail carries (`Received:`, `Message-ID:`...).
    static func detect(path: String, head: UnsafeBufferPointer<UInt8>) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".eml") || lowered.hasSuffix(".mbox") || lowered.hasSuffix(".mbx") { return true }
        var start = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { start = 3 }
        if isSeparator(head, at: start) {
            let next = MIMEHeaders.lineEnd(head, from: start, limit: head.count).next
            let line = MIMEHeaders.lineEnd(head, from: next, limit: head.count)
            return MIMEHeaders.fieldColon(head, from: next, to: line.contentEnd) != nil
        }
        let headers = MIMEHeaders(head, range: start..<head.count)
        let names = Set(headers.fields.map(\.name))
        let mailOnly: Set<String> = ["received", "message-id", "return-path", "mime-version", "delivered-to", "dkim-signature", "x-mailer"]
        return names.contains("from") && !names.isDisjoint(with: mailOnly)
    }
}
