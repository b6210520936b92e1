/// ICU charset conversion that keeps the way back to the source: each UTF-8 byte maps to
/// the source bytes of its character. Shared by the e-mail reader (a MIME part's charset)
/// and chat exports saved in UTF-16 or a legacy charset (`ExportCharset`).
enum CharsetConversion {
    /// `text` converted from `charset`, its map composed through ICU's per-byte offsets;
    /// nil when ICU does not know the charset.
    static func toUTF8(_ text: DecodedText, from charset: String) -> DecodedText? {
        guard let converted = text.bytes.withUnsafeBufferPointer({ ICU.convertToUTF8($0, from: charset) }) else { return nil }
        let map = OffsetMap(conversionOffsets: converted.offsets, inputLength: text.bytes.count)
        return DecodedText(bytes: converted.bytes, map: map.composed(with: text.map))
    }
}
