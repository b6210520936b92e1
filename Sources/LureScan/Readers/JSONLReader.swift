/// One JSON object per line; each line is a document built from its text fields. A line
/// that does not parse is a failure for that line only: the rest of the file is read.
struct JSONLReader: DocumentReader {
    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        var lineNumber = 0
        var record = 0
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            var end = newline
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            defer { start = newline + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard line.contains(where: { !($0 == 0x20 || $0 == 0x09) }) else { continue }
            record += 1
            let location = Location(line: lineNumber, record: record, byteRange: start..<end)
            emit(Self.document(line: line, offset: start, location: location, source: source, options: options))
        }
    }

    /// Builds the document of one JSON line (shared with stdin streaming).
    static func document(line: UnsafeBufferPointer<UInt8>, offset: Int, location: Location, source: Source, options: ReaderOptions) -> ReadResult {
        if let limit = options.maximumRecordBytes, line.count > limit {
            return .failure(ReadFailure(source: source, location: location, reason: "record larger than \(limit) bytes, not parsed"))
        }
        var scanner = JSONScanner(line, baseOffset: offset)
        let value: JSONScanner.Value
        do {
            value = try scanner.parseDocument()
        } catch {
            return .failure(ReadFailure(source: source, location: location, reason: "invalid JSON: \(error)"))
        }
        guard case .object(let members) = value else {
            return .failure(ReadFailure(source: source, location: location, reason: "a JSONL line must hold a JSON object"))
        }
        let fields = members.compactMap { member in member.value.fieldText.map { (name: member.key, value: $0) } }
        let built = RecordFields.documentText(from: fields, options: options)
        guard !built.used.isEmpty else {
            let wanted = (options.textFields ?? ReaderOptions.usualTextFields).joined(separator: ",")
            return .failure(ReadFailure(source: source, location: location, field: wanted, reason: "no text field in this record"))
        }
        let id = RecordFields.id(from: fields, options: options, fallback: "\(source.path):\(location.line)")
        return .document(Document(id: id, source: source, kind: .ad, text: built.text, origin: built.origin, location: location))
    }
}
