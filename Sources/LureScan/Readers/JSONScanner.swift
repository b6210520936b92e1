/// A small JSON parser that keeps, for every string, a map from its decoded bytes back to
/// the escaped bytes in the source, so a hit inside a JSON field quotes the source exactly.
/// Depth is bounded so hostile nesting fails cleanly instead of exhausting the stack.
struct JSONScanner {
    indirect enum Value {
        case object([(key: String, value: Value)])
        case array([Value])
        case string(DecodedText)
        case number(String)
        case bool(Bool)
        case null

        subscript(key: String) -> Value? {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.key == key }?.value
        }

        /// Text of a scalar value, as a record field.
        var fieldText: DecodedText? {
            switch self {
            case .string(let text): return text
            case .number(let number):
                return DecodedText(bytes: Array(number.utf8), map: .identity(length: number.utf8.count))
            case .bool(let flag):
                let text = flag ? "true" : "false"
                return DecodedText(bytes: Array(text.utf8), map: .identity(length: text.utf8.count))
            default: return nil
            }
        }
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "\(message) at byte \(offset)" }
    }

    static let maximumDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    /// Added to every offset, so maps point into the whole source, not the slice.
    let baseOffset: Int
    /// Lenient mode also reads `\xHH` (which strict JSON rejects, but some Telegram Desktop
    /// exports contain) as the Latin-1 character U+00HH. Off by default.
    let lenient: Bool
    private(set) var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, baseOffset: Int = 0, lenient: Bool = false) {
        let range = range ?? 0..<bytes.count
        self.bytes = UnsafeBufferPointer(rebasing: bytes[..<range.upperBound])
        self.position = range.lowerBound
        self.baseOffset = baseOffset
        self.lenient = lenient
    }

    /// Parses one value and requires nothing but whitespace after it.
    mutating func parseDocument() throws -> Value {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected data after the JSON value") }
        return value
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(offset: baseOffset + position, message: message)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue(depth: Int) throws -> Value {
        guard depth < Self.maximumDepth else { throw error("JSON nested deeper than \(Self.maximumDepth) levels") }
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of JSON") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func expect(_ word: String) throws {
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw error("expected \(word)") }
            position += 1
        }
    }

    private mutating func parseNumber() throws -> String {
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        guard position > start else { throw error("unexpected character") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func parseObject(depth: Int) throws -> Value {
        position += 1
        var members: [(key: String, value: Value)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try parseString().string
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws -> Value {
        position += 1
        var elements: [Value] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseString() throws -> DecodedText {
        position += 1
        var text = DecodedText()
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                text.map.extendOrigin(to: baseOffset + position - 1)
                return text
            }
            if byte != UInt8(ascii: "\\") {
                var end = position + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
                text.bytes.append(contentsOf: bytes[position..<end])
                text.map.appendExact(targetLength: end - position, origin: baseOffset + position)
                position = end
                continue
            }
            let start = position
            guard position + 1 < bytes.count else { break }
            let escaped = bytes[position + 1]
            position += 2
            var decoded: [UInt8]
            switch escaped {
            case UInt8(ascii: "n"): decoded = [0x0A]
            case UInt8(ascii: "t"): decoded = [0x09]
            case UInt8(ascii: "r"): decoded = [0x0D]
            case UInt8(ascii: "b"): decoded = [0x08]
            case UInt8(ascii: "f"): decoded = [0x0C]
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    let save = position
                    position += 2
                    let low = try hexQuad()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        position = save
                    }
                }
                if (0xD800..<0xE000).contains(scalar) { scalar = UTF8Scalars.replacement }
                decoded = UTF8Scalars.encode(scalar)
            case UInt8(ascii: "x") where lenient:
                guard position + 2 <= bytes.count, let high = Self.hexDigit(bytes[position]),
                      let low = Self.hexDigit(bytes[position + 1]) else { throw error("bad \\x escape") }
                position += 2
                decoded = UTF8Scalars.encode(high * 16 + low)
            default: decoded = [escaped]   // \" \\ \/ and lenient unknown escapes
            }
            text.bytes.append(contentsOf: decoded)
            text.map.appendReplacement(targetLength: decoded.count, origin: baseOffset + start, originLength: position - start)
        }
        throw error("unterminated string")
    }

    private mutating func hexQuad() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("bad \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }
}
