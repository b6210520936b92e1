/// RFC 4180 CSV with a header row: quoted fields, doubled quotes, line breaks inside
/// quotes. The delimiter (comma, semicolon or tab) is the one the header uses most. Each
/// row is a document built from its text fields.
struct CSVReader: DocumentReader {
    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        var parser = Parser(bytes: bytes)
        guard let header = parser.nextRecord() else { return }
        let names = header.fields.map { $0.string.trimmingCharacters(in: " \u{FEFF}") }
        var record = 0
        while let row = parser.nextRecord() {
            record += 1
            let location = Location(line: row.line, record: record, byteRange: row.range)
            if row.fields.count == 1 && row.fields[0].bytes.isEmpty { continue }
            if row.unterminatedQuote {
                emit(.failure(ReadFailure(source: source, location: location, reason: "unterminated quoted field")))
                continue
            }
            let fields = zip(names, row.fields).map { (name: $0, value: $1) }
            let built = RecordFields.documentText(from: fields, options: options)
            guard !built.used.isEmpty else {
                let wanted = (options.textFields ?? ReaderOptions.usualTextFields).joined(separator: ",")
                emit(.failure(ReadFailure(source: source, location: location, field: wanted, reason: "no text column in this row")))
                continue
            }
            let id = RecordFields.id(from: fields, options: options, fallback: "\(source.path):\(row.line)")
            emit(.document(Document(id: id, source: source, kind: .ad, text: built.text, origin: built.origin, location: location)))
        }
    }

    struct Row {
        var fields: [DecodedText]
        var line: Int
        var range: Range<Int>
        var unterminatedQuote: Bool
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1
        var delimiter: UInt8

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            let firstLine = bytes.prefix { $0 != 0x0A }
            let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
            delimiter = candidates.max { a, b in firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count }!
            if firstLine.filter({ $0 == delimiter }).isEmpty { delimiter = UInt8(ascii: ",") }
        }

        mutating func nextRecord() -> Row? {
            guard position < bytes.count else { return nil }
            let start = position
            let startLine = line
            var fields: [DecodedText] = []
            var field = DecodedText()
            var unterminated = false
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") && field.bytes.isEmpty {
                    unterminated = !readQuoted(into: &field)
                    continue
                }
                if byte == delimiter {
                    fields.append(field)
                    field = DecodedText()
                    position += 1
                    continue
                }
                if byte == 0x0A || byte == 0x0D {
                    position += 1
                    if byte == 0x0D, position < bytes.count, bytes[position] == 0x0A { position += 1 }
                    line += 1
                    break
                }
                field.bytes.append(byte)
                field.map.appendExact(targetLength: 1, origin: position)
                position += 1
            }
            fields.append(field)
            return Row(fields: fields, line: startLine, range: start..<position, unterminatedQuote: unterminated)
        }

        /// Reads a quoted field; false when the file ends inside the quotes.
        private mutating func readQuoted(into field: inout DecodedText) -> Bool {
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                        field.bytes.append(byte)
                        field.map.appendReplacement(targetLength: 1, origin: position, originLength: 2)
                        position += 2
                        continue
                    }
                    position += 1
                    return true
                }
                if byte == 0x0A { line += 1 }
                field.bytes.append(byte)
                field.map.appendExact(targetLength: 1, origin: position)
                position += 1
            }
            return false
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
