/// Walks the outer structure of a JSON export without building it: the members of an
/// object and the elements of an array, as byte ranges. The readers then parse each message
/// on its own with `JSONScanner`, so memory stays bounded by one message, a message that
/// does not parse fails alone, and a truncated file still yields every message before the cut.
struct ExportJSON {
    typealias SyntaxError = JSONScanner.SyntaxError

    struct Member {
        var key: String
        /// The value's bytes; for a value cut short by a syntax error, up to the end of the file.
        var range: Range<Int>
    }

    /// What a listing found before it stopped, and why it stopped early (nil: it did not).
    struct Listing<Item> {
        var items: [Item] = []
        var error: SyntaxError?
        /// For an array: the element cut short by `error`, from its start to the end of the
        /// file. A container (a chat) is still worth walking; a message is not.
        var cut: Item?
        /// Just past the closing bracket, when it was reached.
        var end: Int?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// Telegram exports may hold `\xHH` escapes, read in `JSONScanner`'s lenient mode.
    let lenient: Bool
    /// A value (a message, a chat's name) larger than this is never parsed (nil: no limit):
    /// walking past it costs nothing, building it would cost its size.
    let limit: Int?

    init(_ bytes: UnsafeBufferPointer<UInt8>, lenient: Bool = false, limit: Int? = nil) {
        self.bytes = bytes
        self.lenient = lenient
        self.limit = limit
    }

    /// Where the first value starts (after whitespace and a UTF-8 byte-order mark), nil when empty.
    func documentStart() -> Int? {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        index = skipSpace(from: index)
        return index < bytes.count ? index : nil
    }

    /// The top-level object's members; anything but whitespace after it is an error (it
    /// would otherwise go unread).
    func topLevelMembers(from start: Int) -> Listing<Member> {
        var top = members(ofObjectAt: start)
        if top.error == nil, let end = top.end {
            let rest = skipSpace(from: end)
            if rest < bytes.count { top.error = SyntaxError(offset: rest, message: "unexpected data after the JSON object") }
        }
        return top
    }

    /// One message of an export as a JSON object; a message that does not parse or is not
    /// an object becomes a failure for that message (emitted) and nil.
    func messageObject(_ range: Range<Int>, source: Source, lines: inout ExportDocuments.LineCounter, path: String,
                       record: Int, emit: (ReadResult) -> Void) -> JSONScanner.Value? {
        if let limit, range.count > limit {
            emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: range, path: path, record: record,
                                         reason: "message larger than \(limit) bytes, not parsed"))
            return nil
        }
        let value: JSONScanner.Value
        do {
            value = try parse(range)
        } catch {
            emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: range, path: path, record: record,
                                         reason: "invalid JSON in this message: \(error)"))
            return nil
        }
        guard case .object = value else {
            emit(ExportDocuments.failure(source: source, lines: &lines, byteRange: range, path: path, record: record,
                                         reason: "a message must be a JSON object"))
            return nil
        }
        return value
    }

    /// Parses the value in `range` (a message, a chat's name).
    func parse(_ range: Range<Int>) throws -> JSONScanner.Value {
        if let limit, range.count > limit { throw error(range.lowerBound, "value larger than \(limit) bytes, not parsed") }
        var scanner = JSONScanner(bytes, range: range, lenient: lenient)
        return try scanner.parseDocument()
    }

    /// The members of the object at `start`. When a value is cut short, it is listed with a
    /// range up to the end of the file (so its own listing can read what it holds) and the
    /// error is returned.
    func members(ofObjectAt start: Int) -> Listing<Member> {
        var listing = Listing<Member>()
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else {
            listing.error = SyntaxError(offset: start, message: "expected a JSON object")
            return listing
        }
        var index = skipSpace(from: start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { listing.end = index + 1; return listing }
        while true {
            do {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error(index, "expected a key") }
                let keyEnd = try skipString(from: index)
                let key = try parse(index..<keyEnd)
                guard case .string(let keyText) = key else { throw error(index, "expected a key") }
                index = skipSpace(from: keyEnd)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(index, "expected ':'") }
                let valueStart = skipSpace(from: index + 1)
                do {
                    let valueEnd = try skipValue(from: valueStart)
                    listing.items.append(Member(key: keyText.string, range: valueStart..<valueEnd))
                    index = valueEnd
                } catch let cut as SyntaxError {
                    listing.items.append(Member(key: keyText.string, range: valueStart..<bytes.count))
                    throw cut
                }
                let next = try afterSeparator(from: index, closing: UInt8(ascii: "}"))
                if next.closed { listing.end = next.index; return listing }
                index = next.index
            } catch let failure as SyntaxError {
                listing.error = failure
                return listing
            } catch {
                listing.error = SyntaxError(offset: index, message: "\(error)")
                return listing
            }
        }
    }

    /// The elements of the array at `start`, each a byte range; stops at the first element
    /// that is cut short, given as `cut`.
    func elements(ofArrayAt start: Int) -> Listing<Range<Int>> {
        var listing = Listing<Range<Int>>()
        guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else {
            listing.error = SyntaxError(offset: start, message: "expected a JSON array")
            return listing
        }
        var index = skipSpace(from: start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { listing.end = index + 1; return listing }
        while true {
            do {
                let end: Int
                do {
                    end = try skipValue(from: index)
                } catch let failure as SyntaxError {
                    if index < bytes.count { listing.cut = index..<bytes.count }
                    throw failure
                }
                listing.items.append(index..<end)
                let next = try afterSeparator(from: end, closing: UInt8(ascii: "]"))
                if next.closed { listing.end = next.index; return listing }
                index = next.index
            } catch let failure as SyntaxError {
                listing.error = failure
                return listing
            } catch {
                listing.error = SyntaxError(offset: index, message: "\(error)")
                return listing
            }
        }
    }

    /// After a member or element: the start of the next one, or (closed) the end of the
    /// closing bracket.
    private func afterSeparator(from position: Int, closing: UInt8) throws -> (index: Int, closed: Bool) {
        let index = skipSpace(from: position)
        guard index < bytes.count else { throw error(index, "unexpected end of JSON (the file is truncated)") }
        if bytes[index] == UInt8(ascii: ",") { return (skipSpace(from: index + 1), false) }
        if bytes[index] == closing { return (index + 1, true) }
        throw error(index, "expected ',' or '\(Character(UnicodeScalar(closing)))'")
    }

    /// The end of the value starting at `start`, checking only that brackets pair up.
    /// Iterative, with its own stack of closers: hostile nesting cannot exhaust the call
    /// stack here, and the element holding it is found whole, so `JSONScanner` (which bounds
    /// depth) fails that element alone and the ones after it are still read.
    func skipValue(from start: Int) throws -> Int {
        guard start < bytes.count else { throw error(start, "unexpected end of JSON (the file is truncated)") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try skipString(from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var closers: [UInt8] = []
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try skipString(from: index)
                    continue
                case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard closers.last == bytes[index] else {
                        throw error(index, "unexpected '\(Character(UnicodeScalar(bytes[index])))'")
                    }
                    closers.removeLast()
                    if closers.isEmpty { return index + 1 }
                default: break
                }
                index += 1
            }
            throw error(index, "unexpected end of JSON (the file is truncated)")
        default:
            var index = start
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            guard index > start else { throw error(start, "unexpected character") }
            if index == bytes.count { throw error(index, "unexpected end of JSON (the file is truncated)") }
            return index
        }
    }

    /// The end of the string starting at `start` (its opening quote).
    func skipString(from start: Int) throws -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        throw error(start, "unterminated string (the file is truncated)")
    }

    private func skipSpace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, ExportDocuments.isSpace(bytes[index]) { index += 1 }
        return index
    }

    private func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || ExportDocuments.isSpace(byte)
    }

    private func error(_ offset: Int, _ message: String) -> SyntaxError {
        SyntaxError(offset: offset, message: message)
    }
}
