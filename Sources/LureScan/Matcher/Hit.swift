/// One piece of evidence: an indicator's match, located in the normalized text, in the
/// document's text and in the source file, with the original text it quotes.
public struct Hit: Sendable {
    public var indicatorID: String
    public var category: Category
    public var element: Element
    public var crime: Crime
    public var weight: Double
    public var normalizedRange: Range<Int>
    /// In the document's text (as its reader extracted it).
    public var textRange: Range<Int>
    /// Byte offsets into the source file: the evidence as it is stored.
    public var sourceRange: Range<Int>
    /// The original text of the match (the document's text over `textRange`).
    public var text: String
    /// Original text around the match, for reading it in place.
    public var context: String

    static let contextBytes = 60

    init(match: IndicatorMatch, indicator: Indicator, normalized: NormalizedText, document: Document) {
        indicatorID = indicator.id
        category = indicator.category
        element = indicator.element
        crime = indicator.crime
        weight = indicator.weight
        normalizedRange = match.range
        textRange = normalized.map.originRange(of: match.range)
        sourceRange = document.origin.originRange(of: textRange)
        text = Self.string(document.text, textRange, charset: normalized.charset)
        let contextRange = max(0, textRange.lowerBound - Self.contextBytes)..<min(document.text.count, textRange.upperBound + Self.contextBytes)
        context = Self.string(document.text, contextRange, charset: normalized.charset)
    }

    /// Decodes a byte range of text in `charset` (UTF-16, a legacy charset the decoder
    /// converted from); UTF-8 as below.
    static func string(_ bytes: [UInt8], _ range: Range<Int>, charset: String) -> String {
        guard charset != "UTF-8" else { return string(bytes, range) }
        let start = min(range.lowerBound, bytes.count), end = min(max(range.upperBound, start), bytes.count)
        let converted = bytes[start..<end].withUnsafeBufferPointer { ICU.convertToUTF8($0, from: charset) }
        return converted.map { String(decoding: $0.bytes, as: UTF8.self) } ?? string(bytes, range)
    }

    /// Decodes a byte range, widened to whole UTF-8 characters.
    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var start = min(range.lowerBound, bytes.count), end = min(max(range.upperBound, start), bytes.count)
        while start > 0 && start < bytes.count && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
