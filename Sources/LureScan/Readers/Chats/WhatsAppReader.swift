/// Reads a WhatsApp "Export chat" text (Android `.txt`, or the `_chat.txt` of an iOS zip):
/// each message becomes a document of kind `message` whose text is the message body, byte
/// for byte, so hits quote the export exactly. System lines are left out; text that no
/// export would hold, dates that contradict each other, and messages over the size limit
/// are reported as failures.
///
/// An export saved in UTF-16 (or a legacy charset) reads like its UTF-8 twin: the file is
/// converted for the parser (`ExportText`), and every message keeps a map into the file's own
/// bytes, so locations and hits still point at the evidence as stored.
public struct WhatsAppReader: DocumentReader {
    /// The date order to read dates in; nil: inferred from the whole file.
    public var dateOrder: WhatsAppDateOrder?

    public init(dateOrder: WhatsAppDateOrder? = nil) {
        self.dateOrder = dateOrder
    }

    public func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        let order = dateOrder ?? options.dateOrder
        let limit = options.maximumRecordBytes
        guard let charset = ExportCharset.of(bytes, pages: options.mappedPages) else {
            let chat = WhatsAppParser.parse(bytes, dateOrder: order, limit: limit, pages: options.mappedPages)
            emitChat(chat, source: source, emit: emit, sourceRange: { $0 }) { ExportDocuments.exact(bytes, $0.textRange) }
            return
        }
        guard let text = ExportText(bytes, charset: charset, lineLimit: limit) else {
            emit(.failure(ReadFailure(source: source, location: Location(line: 1, byteRange: 0..<bytes.count),
                                      reason: "cannot be read as \(charset.name)")))
            return
        }
        let chat = text.utf8.withUnsafeBufferPointer { WhatsAppParser.parse($0, dateOrder: order, limit: limit, cutLines: text.cutLines) }
        emitChat(chat, source: source, charset: charset.name, emit: emit, sourceRange: text.sourceRange(of:)) { message in
            text.text(message.textRange, ofMessage: message.range, in: bytes)
        }
    }

    /// The chat's messages and problems, in line order. `sourceRange` turns the parser's
    /// ranges into ranges of the source; `messageText` gives a message's text and map.
    private func emitChat(_ chat: WhatsAppChat, source: Source, charset: String? = nil, emit: (ReadResult) -> Void,
                          sourceRange: (Range<Int>) -> Range<Int>, messageText: (WhatsAppChat.Message) -> DecodedText) {
        func failure(_ problem: WhatsAppChat.Problem) -> ReadResult {
            .failure(ReadFailure(source: source, location: Location(line: problem.line, byteRange: sourceRange(problem.range)), reason: problem.reason))
        }
        if let problem = chat.fileProblem {
            emit(failure(problem))
            return
        }
        // Problems come out in line order, among the messages around them.
        var problems = chat.problems[...]
        let conversation = Self.conversationID(for: source.path)
        for (index, message) in chat.messages.enumerated() {
            while let problem = problems.first, problem.line <= message.line {
                emit(failure(problem))
                problems.removeFirst()
            }
            let text = messageText(message)
            emit(.document(Document(
                id: "\(source.path):\(message.line)", source: source, kind: .message, text: text.bytes, origin: text.map,
                location: Location(line: message.line, record: index + 1, byteRange: sourceRange(message.range)),
                message: MessageInfo(conversation: conversation, sender: message.sender, timestamp: message.timestamp, index: index),
                charset: charset)))
        }
        for problem in problems { emit(failure(problem)) }
    }

    /// The conversation's id: the file name without its extension; for a `_chat.txt` inside a
    /// zip (`exports/Chat with Ana.zip:_chat.txt`), the zip's name.
    static func conversationID(for path: String) -> String {
        func baseName(_ path: String) -> String {
            path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        }
        func withoutExtension(_ name: String) -> String {
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
            return String(name[..<dot])
        }
        // Archive members are named `archive.zip:member` (see ArchiveExpander).
        let utf8 = Array(path.utf8)
        let marker = Array(".zip:".utf8)
        func markerAt(_ start: Int) -> Bool {
            marker.indices.allSatisfy { offset in
                let byte = utf8[start + offset]
                return (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) == marker[offset] // ASCII case folded
            }
        }
        if utf8.count > marker.count, let at = (0...(utf8.count - marker.count)).last(where: markerAt) {
            let archive = String(decoding: utf8[..<(at + 4)], as: UTF8.self)
            let member = baseName(String(decoding: utf8[(at + marker.count)...], as: UTF8.self))
            if member.lowercased().hasPrefix("_chat") { return withoutExtension(baseName(archive)) }
            return withoutExtension(member)
        }
        return withoutExtension(baseName(path))
    }

    /// `.whatsapp` when the first non-blank line of `head` opens with a WhatsApp timestamp and
    /// another timestamped line follows in the head (or the head is that one line), so a text
    /// that merely starts with a date and a time is not taken for a chat. A head in UTF-16 (or
    /// a legacy charset) is converted first, as the reader converts the file.
    static func detect(path: String, head: UnsafeBufferPointer<UInt8>) -> InputFormat? {
        guard let charset = ExportCharset.of(head) else { return detectUTF8(head) }
        guard let text = charset.toUTF8(head, 0..<charset.completeLinesEnd(head), mapped: false) else { return nil }
        return text.bytes.withUnsafeBufferPointer(detectUTF8)
    }

    private static func detectUTF8(_ head: UnsafeBufferPointer<UInt8>) -> InputFormat? {
        var lines = 0, stamped = 0, firstStamped: Bool?
        // The head may end in the middle of a line: leave that line out unless it is the only one.
        let complete = head.lastIndex(of: 0x0A).map { $0 + 1 } ?? head.count
        WhatsAppParser.forEachLine(UnsafeBufferPointer(rebasing: head[0..<complete])) { _, start, end in
            guard !WhatsAppParser.isBlank(head, start, end) else { return }
            lines += 1
            let isStamped = WhatsAppStamp.parse(head, start: start, end: end) != nil
            if firstStamped == nil { firstStamped = isStamped }
            if isStamped { stamped += 1 }
        }
        guard firstStamped == true else { return nil }
        return stamped >= 2 || lines == 1 ? .whatsapp : nil
    }
}
