/// A chat export that is not UTF-8, as UTF-8 text for its parser, with the way back to the
/// file's bytes. Every line's start and end are kept in both, so any line boundary maps back
/// exactly; a message is converted again, with its full map, only when it becomes a document.
///
/// A line longer than `lineLimit` (in the file's bytes) is never converted whole: only its
/// first bytes are, so the parser can tell whether a timestamp opens it, and its number is in
/// `cutLines` (the parser refuses the message that holds it).
struct ExportText {
    let charset: ExportCharset
    private(set) var utf8: [UInt8] = []
    /// Line N (1-based) at index N - 1, without its line break: in `utf8` and in the source.
    private var textLines: [Range<Int>] = []
    private var sourceLines: [Range<Int>] = []
    private(set) var cutLines: Set<Int> = []
    private let sourceCount: Int

    /// Enough of a cut line for its timestamp and author.
    static let cutLineHead = 1_024

    /// nil when ICU cannot convert the bytes.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, charset: ExportCharset, lineLimit: Int?) {
        self.charset = charset
        sourceCount = bytes.count
        var pending = 0           // start of the lines not converted yet
        var failed = false
        var utf8: [UInt8] = []
        var sourceLines: [Range<Int>] = []
        var cutLines: Set<Int> = []
        func convert(_ range: Range<Int>) {
            guard !failed, !range.isEmpty else { return }
            if let text = charset.toUTF8(bytes, range, mapped: false) { utf8.append(contentsOf: text.bytes) } else { failed = true }
        }
        charset.forEachLine(bytes) { line, start, end, next in
            sourceLines.append(start..<end)
            guard let lineLimit, end - start > lineLimit else { return }
            convert(pending..<start)
            convert(start..<charset.characterEnd(bytes, near: start + Self.cutLineHead, from: start, limit: end, forward: false))
            convert(end..<next)
            cutLines.insert(line)
            pending = next
        }
        convert(pending..<bytes.count)
        guard !failed else { return nil }
        // Line N of the text is line N of the source: each line feed converts to one line feed.
        var textLines: [Range<Int>] = []
        textLines.reserveCapacity(sourceLines.count)
        utf8.withUnsafeBufferPointer { text in
            WhatsAppParser.forEachLine(text) { _, start, end in textLines.append(start..<end) }
        }
        guard textLines.count == sourceLines.count else { return nil }
        self.utf8 = utf8
        self.textLines = textLines
        self.sourceLines = sourceLines
        self.cutLines = cutLines
    }

    /// The source bytes of the text range `range`: exact at line starts and ends (where the
    /// parser's ranges begin and end); a bound inside a line widens to the whole line.
    func sourceRange(of range: Range<Int>) -> Range<Int> {
        let start = sourceOffset(range.lowerBound, roundingUp: false)
        return start..<max(start, sourceOffset(range.upperBound, roundingUp: true))
    }

    private func sourceOffset(_ offset: Int, roundingUp: Bool) -> Int {
        guard offset < utf8.count, !textLines.isEmpty else { return sourceCount }
        // The last line starting at or before `offset`.
        var low = 0, high = textLines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if textLines[mid].lowerBound <= offset { low = mid } else { high = mid - 1 }
        }
        let text = textLines[low], source = sourceLines[low]
        if offset == text.lowerBound { return source.lowerBound }
        if offset == text.upperBound { return source.upperBound }
        if offset > text.upperBound {
            // Inside the line break: its end is where the next line starts.
            return roundingUp ? (low + 1 < sourceLines.count ? sourceLines[low + 1].lowerBound : sourceCount) : source.upperBound
        }
        return roundingUp ? source.upperBound : source.lowerBound
    }

    /// The text `range` of the message whose text spans `message` (both in `utf8`, `message`
    /// from a line start to a line end), with its map into the source: the message's source
    /// lines are converted again, mapped, and the range cut out of them.
    func text(_ range: Range<Int>, ofMessage message: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> DecodedText {
        let span = sourceRange(of: message)
        guard !range.isEmpty else {
            return DecodedText(bytes: [], map: .identity(length: 0, origin: sourceRange(of: range).lowerBound))
        }
        guard let converted = charset.toUTF8(bytes, span, mapped: true), converted.bytes.elementsEqual(utf8[message]) else {
            // Lines that do not convert alone (not expected of the charsets read): the whole
            // message's bytes stand behind every byte of its text.
            var text = DecodedText(bytes: Array(utf8[range]))
            text.map.appendReplacement(targetLength: range.count, origin: span.lowerBound, originLength: span.count)
            return text
        }
        return ExportDocuments.slice(converted, (range.lowerBound - message.lowerBound)..<(range.upperBound - message.lowerBound))
    }
}
