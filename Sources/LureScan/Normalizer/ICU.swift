import CICU

/// Swift face of the ICU shim: byte buffers in, byte buffers out.
enum ICU {
    enum Script: Int32 {
        case common = 0, inherited = 1, cyrillic = 8, greek = 14, latin = 25
    }

    /// Calls a shim function of the (src, length, dest, capacity) -> needed contract.
    private static func transform(
        _ input: UnsafeBufferPointer<UInt8>,
        _ function: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) -> [UInt8]? {
        var capacity = max(16, input.count * 3 + 8)
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let needed = input.withMemoryRebound(to: CChar.self) { source in
                output.withUnsafeMutableBufferPointer { destination in
                    destination.withMemoryRebound(to: CChar.self) { dest in
                        function(source.baseAddress, Int32(source.count), dest.baseAddress, Int32(capacity))
                    }
                }
            }
            if needed < 0 { return nil }
            if Int(needed) <= capacity {
                output.removeSubrange(Int(needed)...)
                return output
            }
            capacity = Int(needed)
        }
    }

    static func nfkcCasefold(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        transform(input, lsicu_nfkc_casefold)
    }

    static func stripMarks(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        transform(input, lsicu_strip_marks)
    }

    static func hasCasefoldBoundaryBefore(_ scalar: UInt32) -> Bool {
        lsicu_casefold_boundary_before(scalar) != 0
    }

    static func script(of scalar: UInt32) -> Script? {
        Script(rawValue: lsicu_script(scalar))
    }

    static func isAlphabetic(_ scalar: UInt32) -> Bool {
        lsicu_is_alphabetic(scalar) != 0
    }

    static func isNonspacingMark(_ scalar: UInt32) -> Bool {
        lsicu_is_nonspacing_mark(scalar) != 0
    }

    /// The UTS #39 confusable skeleton of one scalar.
    static func skeleton(of scalar: UInt32) -> [UInt8] {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = lsicu_skeleton(scalar, &buffer, Int32(buffer.count))
        guard length > 0, Int(length) <= buffer.count else { return [] }
        return buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }
    }

    /// The name of a region (ISO 3166 code, `AR`) in a language (`es`): `Argentina`; nil when
    /// ICU has none.
    static func regionName(_ region: String, in language: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = lsicu_region_name(region, language, &buffer, Int32(buffer.count))
        guard length > 0, Int(length) <= buffer.count else { return nil }
        return String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The charset ICU's detector names for `bytes`, with its confidence (0-100).
    static func detectCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, confidence: Int)? {
        var name = [CChar](repeating: 0, count: 64)
        let confidence = bytes.withMemoryRebound(to: CChar.self) { source in
            lsicu_detect_charset(source.baseAddress, Int32(source.count), &name, Int32(name.count))
        }
        guard confidence >= 0 else { return nil }
        let end = name.firstIndex(of: 0) ?? name.count
        return (String(decoding: name[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(confidence))
    }

    /// Converts `bytes` from `charset` to UTF-8, with the source offset of every output byte.
    static func convertToUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from charset: String) -> (bytes: [UInt8], offsets: [Int32])? {
        var capacity = bytes.count * 3 + 16
        while true {
            var output = [CChar](repeating: 0, count: capacity)
            var offsets = [Int32](repeating: 0, count: capacity)
            let needed = bytes.withMemoryRebound(to: CChar.self) { source in
                lsicu_convert_to_utf8(charset, source.baseAddress, Int32(source.count), &output, &offsets, Int32(capacity))
            }
            if needed < 0 { return nil }
            if Int(needed) <= capacity {
                let count = Int(needed)
                return (output[0..<count].map { UInt8(bitPattern: $0) }, Array(offsets[0..<count]))
            }
            capacity = Int(needed)
        }
    }
}
