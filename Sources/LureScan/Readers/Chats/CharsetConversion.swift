/// ICU charset conversion that keeps the way back to the source: each UTF-8 byte maps to
/// the source bytes of its character. Shared by the e-mail reader (a MIME part's charset)
/// and chat exports saved in UTF-16 or a legacy charset (`ExportCharset`).
enum CharsetConversion {
    /// `text` converted from `charset`, its map composed through ICU's per-byte offsets;
    /// nil when ICU does not know the charset.
    static func toUTF8(_ text: DecodedText, from charset: String) -> DecodedText? {
        guard let converted = text.bytes.withUnsafeBufferPointer({ ICU.convertToUTF8($0, from: charset) }) else { return nil }
        let map = map(offsets: converted.offsets, inputLength: text.bytes.count)
        return DecodedText(bytes: converted.bytes, map: map.composed(with: text.map))
    }

    /// The map of a conversion from ICU's source offset of every output byte: the bytes of
    /// one character form one run over that character's source bytes, shifted by `origin`
    /// (where the converted input starts in the source).
    static func map(offsets: [Int32], inputLength: Int, origin: Int = 0) -> OffsetMap {
        var map = OffsetMap()
        var index = 0
        while index < offsets.count {
            var end = index + 1
            while end < offsets.count, offsets[end] == offsets[index] { end += 1 }
            let start = Int(offsets[index])
            let next = end < offsets.count ? Int(offsets[end]) : inputLength
            map.appendReplacement(targetLength: end - index, origin: origin + start, originLength: max(0, next - start))
            index = end
        }
        map.extendOrigin(to: origin + inputLength)
        return map
    }
}
