/// A record's fields as decoded text, each mapped back to the source's bytes: shared by
/// the JSONL and CSV readers to build a document from the chosen fields.
struct DecodedText: Sendable {
    var bytes: [UInt8] = []
    var map = OffsetMap()

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

enum RecordFields {
    /// Joins the chosen text fields (one per line) into a document's text and map.
    static func documentText(from fields: [(name: String, value: DecodedText)], options: ReaderOptions) -> (text: [UInt8], origin: OffsetMap, used: [String]) {
        let wanted = options.textFields ?? ReaderOptions.usualTextFields
        var chosen = wanted.compactMap { name in fields.first { $0.name == name } }
        if options.textFields == nil && chosen.isEmpty {
            let idField = options.idField ?? "id"
            chosen = fields.filter { $0.name != idField && !$0.value.bytes.isEmpty && Double($0.value.string) == nil }
        }
        var text: [UInt8] = []
        var map = OffsetMap()
        for field in chosen where !field.value.bytes.isEmpty {
            if !text.isEmpty {
                text.append(0x0A)
                let anchor = field.value.map.originStart(of: 0)
                map.appendReplacement(targetLength: 1, origin: anchor, originLength: 0)
            }
            text.append(contentsOf: field.value.bytes)
            map.append(field.value.map)
        }
        return (text, map, chosen.map(\.name))
    }

    static func id(from fields: [(name: String, value: DecodedText)], options: ReaderOptions, fallback: String) -> String {
        let name = options.idField ?? "id"
        if let value = fields.first(where: { $0.name == name })?.value.string, !value.isEmpty { return value }
        return fallback
    }
}
