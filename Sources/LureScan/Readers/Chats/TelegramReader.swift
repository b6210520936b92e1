/// Telegram Desktop's `result.json`: a full export (`chats.list[]` and `left_chats.list[]`,
/// each chat with `messages[]`) or a single chat (`messages[]` at the top). Each message with
/// text is a document; service messages and media without a caption have no text and are
/// not documents. Messages are parsed one at a time (see `ExportJSON`), in `JSONScanner`'s
/// lenient mode because some exports hold `\xHH` escapes.
struct TelegramReader: DocumentReader {
    /// A JSON object with Telegram's keys: `messages` with `from_id` or `date_unixtime`, a
    /// full export's `chats` list, or its `about` text naming Telegram.
    static func detect(path: String, head: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ExportDocuments.firstSignificantByte(head) == UInt8(ascii: "{"), !ExportDocuments.isJSONLines(path) else { return false }
        let has = { (literal: String) in ExportDocuments.head(head, contains: literal) }
        if has("\"sender_name\"") { return false }          // Facebook/Instagram
        if has("\"messages\"") && (has("\"from_id\"") || has("\"date_unixtime\"")) { return true }
        if has("\"chats\"") && (has("\"list\"") || has("\"personal_information\"")) { return true }
        return has("\"about\"") && has("Telegram")
    }

    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        // The walk holds on to `emit` only while `read` runs.
        withoutActuallyEscaping(emit) { emit in
            var walk = Walk(json: ExportJSON(bytes, lenient: true, limit: options.maximumRecordBytes), source: source, lines: ExportDocuments.LineCounter(bytes), emit: emit)
            walk.readExport()
        }
    }

    private struct Walk {
        let json: ExportJSON
        let source: Source
        var lines: ExportDocuments.LineCounter
        let emit: (ReadResult) -> Void
        /// Offsets of syntax errors already reported: a cut at the end of the file shows at
        /// every level that encloses it, and is reported once.
        var reported: Set<Int> = []

        mutating func readExport() {
            guard let start = json.documentStart() else {
                emit(.failure(ReadFailure(source: source, location: nil, reason: "empty Telegram export")))
                return
            }
            let top = json.topLevelMembers(from: start)
            var found = false
            if top.items.contains(where: { $0.key == "messages" }) {
                found = true
                readChat(top, path: "", fallbackConversation: source.path)
            }
            for list in ["chats", "left_chats"] {
                guard let chats = top.items.first(where: { $0.key == list }) else { continue }
                found = true
                readChatList(chats, path: list)
            }
            report(top.error, path: nil)
            if !found && top.error == nil {
                emit(.failure(ReadFailure(source: source, location: Location(line: 1, byteRange: 0..<json.bytes.count), field: "messages",
                                          reason: "no messages[] or chats.list[] in this Telegram export")))
            }
        }

        mutating func report(_ error: JSONScanner.SyntaxError?, path: String?) {
            guard let error, reported.insert(error.offset).inserted else { return }
            let end = json.bytes.count
            emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: min(error.offset, end)..<end, path: path,
                                         reason: "invalid JSON: \(error); the messages before it were read"))
        }

        /// `chats` is `{"about": ..., "list": [chat, ...]}`.
        mutating func readChatList(_ chats: ExportJSON.Member, path: String) {
            let members = json.members(ofObjectAt: chats.range.lowerBound)
            if let list = members.items.first(where: { $0.key == "list" }) {
                let elements = json.elements(ofArrayAt: list.range.lowerBound)
                // A chat cut short still holds the messages before the cut.
                for (number, range) in (elements.items + [elements.cut].compactMap { $0 }).enumerated() {
                    let chat = json.members(ofObjectAt: range.lowerBound)
                    readChat(chat, path: "\(path).list[\(number)].", fallbackConversation: "\(path).list[\(number)]")
                }
                report(elements.error, path: "\(path).list[\(elements.items.count)]")
            }
            report(members.error, path: path)
        }

        /// One chat: its id or name is the conversation; each message of `messages[]` in turn.
        mutating func readChat(_ chat: ExportJSON.Listing<ExportJSON.Member>, path: String, fallbackConversation: String) {
            let conversation = scalar(chat, "id") ?? scalar(chat, "name") ?? fallbackConversation
            if let messages = chat.items.first(where: { $0.key == "messages" }) {
                let elements = json.elements(ofArrayAt: messages.range.lowerBound)
                for (index, range) in elements.items.enumerated() {
                    readMessage(range, index: index, path: "\(path)messages[\(index)]", conversation: conversation)
                }
                report(elements.error, path: "\(path)messages[\(elements.items.count)]")
            }
            report(chat.error, path: path.isEmpty ? nil : String(path.dropLast()))
        }

        /// A scalar member of a chat (`id`, `name`) as text.
        private func scalar(_ chat: ExportJSON.Listing<ExportJSON.Member>, _ key: String) -> String? {
            guard let member = chat.items.first(where: { $0.key == key }),
                  let value = try? json.parse(member.range), let text = value.fieldText?.string, !text.isEmpty else { return nil }
            return text
        }

        mutating func readMessage(_ range: Range<Int>, index: Int, path: String, conversation: String) {
            let line = lines.line(at: range.lowerBound)
            guard let value = json.messageObject(range, source: source, lines: &lines, path: path, record: index + 1, emit: emit) else { return }
            let text = ExportDocuments.trimmed(Self.text(of: value["text"]))
            // Service messages (calls, joins, pins) and media without a caption: no text, no document.
            guard !text.bytes.isEmpty else { return }
            emit(.document(ExportDocuments.message(
                source: source, text: text, conversation: conversation, sender: Self.sender(of: value),
                timestamp: Self.timestamp(of: value), index: index, line: line, byteRange: range, path: path)))
        }

        /// `text` is a string, or an array of strings and entities (`{"type": "bold", "text": "..."}`),
        /// concatenated as they come.
        static func text(of value: JSONScanner.Value?) -> DecodedText {
            switch value {
            case .string(let text):
                return text
            case .array(let parts):
                var text = DecodedText()
                for part in parts {
                    if case .string(let piece) = part {
                        ExportDocuments.append(piece, to: &text)
                    } else if case .string(let piece)? = part["text"] {
                        ExportDocuments.append(piece, to: &text)
                    }
                }
                return text
            default:
                return DecodedText()
            }
        }

        /// `from` (the display name), else `from_id`; `actor` for service messages.
        static func sender(of message: JSONScanner.Value) -> String? {
            for key in ["from", "from_id", "actor", "actor_id"] {
                if let name = message[key]?.fieldText?.string, !name.isEmpty { return name }
            }
            return nil
        }

        /// `date_unixtime` gives UTC exactly; `date` alone is the exporter's local time, offset unknown.
        static func timestamp(of message: JSONScanner.Value) -> String? {
            if let seconds = message["date_unixtime"]?.fieldText.flatMap({ Int64($0.string) }),
               let utc = ExportTimestamps.iso8601(unixSeconds: seconds, offsetMinutes: 0) {
                return utc
            }
            if let date = message["date"]?.fieldText?.string, !date.isEmpty { return date }
            return nil
        }
    }
}
