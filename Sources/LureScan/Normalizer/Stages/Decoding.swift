/// Stage 1: bytes of unknown charset -> valid UTF-8.
///
/// Valid UTF-8 passes untouched. Text with a UTF-16 byte-order mark, or that ICU's charset
/// detector confidently names as a legacy charset, is converted; anything else keeps its
/// valid sequences and has each invalid byte replaced by U+FFFD, counted.
struct Decoding: Sendable {
    struct Result {
        var bytes: [UInt8]
        var map: OffsetMap
        var charset: String
        var invalidBytes: Int
    }

    /// Detection below this confidence is not trusted; the bytes are repaired as UTF-8.
    static let minimumConfidence = 50

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> Result? {
        if let charset = Self.unmarkedUTF16(text), let converted = ICU.convertToUTF8(text, from: charset) {
            return Result(bytes: converted.bytes, map: OffsetMap(conversionOffsets: converted.offsets, inputLength: text.count),
                          charset: charset, invalidBytes: 0)
        }
        guard let firstInvalid = Self.firstInvalidIndex(text) else { return nil }
        if let charset = Self.legacyCharset(of: text),
           let converted = ICU.convertToUTF8(text, from: charset) {
            return Result(bytes: converted.bytes, map: OffsetMap(conversionOffsets: converted.offsets, inputLength: text.count),
                          charset: charset, invalidBytes: 0)
        }
        return Self.repair(text, from: firstInvalid)
    }

    static func firstInvalidIndex(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < text.count {
            if text[index] < 0x80 { index += 1; continue }
            let decoded = UTF8Scalars.decode(text, at: index)
            if UTF8Scalars.isRepair(decoded) { return index }
            index += decoded.length
        }
        return nil
    }

    /// UTF-16 without a byte-order mark, told by a zero byte beside nearly every other byte
    /// (the test `FormatDetector` uses to keep it from being called binary). Its ASCII text is
    /// also valid UTF-8, a NUL after each letter, so it must be caught before the UTF-8 check.
    static func unmarkedUTF16(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        let count = min(text.count, 256)
        guard count >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for index in 0..<count where text[index] == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = count / 2
        if oddZeros >= half * 9 / 10 && evenZeros <= half / 10 { return "UTF-16LE" }
        if evenZeros >= half * 9 / 10 && oddZeros <= half / 10 { return "UTF-16BE" }
        return nil
    }

    private static func legacyCharset(of text: UnsafeBufferPointer<UInt8>) -> String? {
        if text.count >= 2 {
            if text[0] == 0xFF && text[1] == 0xFE { return "UTF-16LE" }
            if text[0] == 0xFE && text[1] == 0xFF { return "UTF-16BE" }
        }
        guard let detected = ICU.detectCharset(text),
              detected.confidence >= minimumConfidence,
              detected.name != "UTF-8" else { return nil }
        return detected.name
    }

    private static func repair(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Result {
        var editor = TextEditor(text)
        var invalid = 0
        var index = start
        let replacement = UTF8Scalars.encode(UTF8Scalars.replacement)
        while index < text.count {
            if text[index] < 0x80 { index += 1; continue }
            let decoded = UTF8Scalars.decode(text, at: index)
            if UTF8Scalars.isRepair(decoded) {
                editor.replace(index..<(index + 1), with: replacement)
                invalid += 1
            }
            index += decoded.length
        }
        let result = editor.finish()!
        return Result(bytes: result.bytes, map: result.map, charset: "UTF-8", invalidBytes: invalid)
    }
}
