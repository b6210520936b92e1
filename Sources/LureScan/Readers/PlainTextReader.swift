/// A plain-text file is one document; its text is the file's bytes, as they are.
struct PlainTextReader: DocumentReader {
    func read(_ bytes: UnsafeBufferPointer<UInt8>, source: Source, options: ReaderOptions, emit: (ReadResult) -> Void) {
        emit(.document(Document(
            id: source.path, source: source, kind: .text, text: Array(bytes),
            origin: .identity(length: bytes.count), location: Location(line: 1, byteRange: 0..<bytes.count))))
    }
}
