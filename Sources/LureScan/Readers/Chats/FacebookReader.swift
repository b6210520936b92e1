/// Facebook Messenger and Instagram "Download your information" `message_N.json`:
/// `participants`, `messages[]` (`sender_name`, `timestamp_ms`, `content`), `title`,
/// `thread_path`. Strings are repaired of the exports' mojibake (`MojibakeRepair`).
/// Messages without `content` (photos, audio, reactions only) have no text and are not
/// documents.
///
/// The export lists messages newest first; `index` counts them oldest first (so a
/// conversation reads in the order it happened) while `path` keeps the position in the file.
struct FacebookReader: DocumentReader {
    /// A JSON object with `sender_name` and `timestamp_ms` or `participants`.
    static func detect(path: String, head: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ExportDocuments.firstSignificantByte(head) == UInt8(ascii: "{"), !ExportDocuments.isJSONLines(path) else { return false }
        let has = { (literal: String) in ExportDocuments.head(head, contains: literal) }
        return has("\"sender_name\"") && (has("\"timestamp_ms\"") || has("\"participants\""))
    }

    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        let json = ExportJSON(bytes, limit: options.maximumRecordBytes)
        var lines = ExportDocuments.LineCounter(bytes)
        guard let start = json.documentStart() else {
            emit(.failure(ReadFailure(source: source, location: nil, reason: "empty Facebook/Instagram export")))
            return
        }
        let top = json.topLevelMembers(from: start)
        guard let messages = top.items.first(where: { $0.key == "messages" }) else {
            if let error = top.error {
                emit(truncation(error, source: source, lines: &lines, path: nil))
            } else {
                emit(.failure(ReadFailure(source: source, location: Location(line: 1, byteRange: 0..<bytes.count), field: "messages",
                                          reason: "no messages[] in this Facebook/Instagram export")))
            }
            return
        }
        let conversation = text(of: "thread_path", in: top, json: json) ?? text(of: "title", in: top, json: json) ?? source.path
        let elements = json.elements(ofArrayAt: messages.range.lowerBound)
        let newestFirst = elements.error == nil && isNewestFirst(elements.items, json: json)
        let count = elements.items.count

        for (position, range) in elements.items.enumerated() {
            let path = "messages[\(position)]"
            let index = newestFirst ? count - 1 - position : position
            let line = lines.line(at: range.lowerBound)
            guard let message = json.messageObject(range, source: source, lines: &lines, path: path, record: index + 1, emit: emit) else { continue }
            guard case .string(let content)? = message["content"] else { continue }
            let body = ExportDocuments.trimmed(MojibakeRepair.repair(content))
            guard !body.bytes.isEmpty else { continue }
            let sender = message["sender_name"]?.fieldText.map { MojibakeRepair.repair($0).string }
            let timestamp = message["timestamp_ms"]?.fieldText.flatMap { Int64($0.string) }.flatMap(ExportTimestamps.iso8601(unixMilliseconds:))
            emit(.document(ExportDocuments.message(
                source: source, text: body, conversation: conversation, sender: sender, timestamp: timestamp,
                index: index, line: line, byteRange: range, path: path)))
        }
        // A cut inside messages[] shows in both listings at the same offset: report it once.
        if let error = elements.error {
            emit(truncation(error, source: source, lines: &lines, path: "messages[\(count)]"))
        } else if let error = top.error {
            emit(truncation(error, source: source, lines: &lines, path: nil))
        }
    }

    private func truncation(_ error: JSONScanner.SyntaxError, source: Source, lines: inout ExportDocuments.LineCounter, path: String?) -> ReadResult {
        let end = lines.bytes.count
        return ExportDocuments.failure(source: source, lines: &lines, byteRange: min(error.offset, end)..<end, path: path,
                                       reason: "invalid JSON: \(error); the messages before it were read")
    }

    /// A top-level string member, repaired.
    private func text(of key: String, in top: ExportJSON.Listing<ExportJSON.Member>, json: ExportJSON) -> String? {
        guard let member = top.items.first(where: { $0.key == key }),
              case .string(let value)? = try? json.parse(member.range) else { return nil }
        let text = MojibakeRepair.repair(value).string
        return text.isEmpty ? nil : text
    }

    /// True when the first message is later than the last (the exports' usual order).
    private func isNewestFirst(_ messages: [Range<Int>], json: ExportJSON) -> Bool {
        guard messages.count >= 2,
              let first = timestamp(messages[0], json: json),
              let last = timestamp(messages[messages.count - 1], json: json) else { return false }
        return first > last
    }

    private func timestamp(_ range: Range<Int>, json: ExportJSON) -> Int64? {
        (try? json.parse(range))?["timestamp_ms"]?.fieldText.flatMap { Int64($0.string) }
    }
}
