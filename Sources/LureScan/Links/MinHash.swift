/// MinHash signatures of a document's normalized text, for finding the same ad template
/// reworded: word shingles (words with digits dropped, so different phone numbers and
/// prices do not hide a shared template), 64 min-hashes, compared by the share of equal
/// positions (an estimate of the shingles' Jaccard similarity) and bucketed by LSH bands.
public struct MinHash: Sendable {
    public static let shingleLength = 4
    public static let hashCount = 64
    public static let bands = 16
    public static var rowsPerBand: Int { hashCount / bands }
    /// Fewer distinct shingles than this and a text is too short to call a template.
    public static let minimumShingles = 8

    /// Per-hash seeds, fixed: signatures must be the same from run to run.
    static let seeds: [UInt64] = {
        var state: UInt64 = 0x4C55_5245_5343_414E
        return (0..<hashCount).map { _ in
            state = splitMix(&state)
            return state
        }
    }()

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func mix(_ value: UInt64, _ seed: UInt64) -> UInt64 {
        var z = value ^ seed
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    /// Words of the normalized text: runs of letters (bytes >= 0x80 count as letters);
    /// words with digits are left out.
    static func words(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var words: [ArraySlice<UInt8>] = []
        var start: Int?
        var hasDigit = false
        func close(_ end: Int) {
            if let first = start, !hasDigit { words.append(bytes[first..<end]) }
            start = nil
            hasDigit = false
        }
        for (index, byte) in bytes.enumerated() {
            let letter = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte >= 0x80
            let digit = byte >= 48 && byte <= 57
            if letter || digit {
                if start == nil { start = index }
                if digit { hasDigit = true }
            } else {
                close(index)
            }
        }
        close(bytes.count)
        return words
    }

    /// The signature of a normalized text; nil when the text is too short.
    public static func signature(_ normalized: [UInt8]) -> [UInt32]? {
        let words = words(normalized).map { word -> UInt64 in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        guard words.count >= shingleLength else { return nil }
        var shingles = Set<UInt64>()
        for start in 0...(words.count - shingleLength) {
            var hash: UInt64 = 0x8422_2325_cbf2_9ce4
            for word in words[start..<(start + shingleLength)] { hash = mix(hash &+ word, 0x2545_F491_4F6C_DD1D) }
            shingles.insert(hash)
        }
        guard shingles.count >= minimumShingles else { return nil }
        var minimums = [UInt64](repeating: .max, count: hashCount)
        for shingle in shingles {
            for index in 0..<hashCount {
                let value = mix(shingle, seeds[index])
                if value < minimums[index] { minimums[index] = value }
            }
        }
        return minimums.map { UInt32(truncatingIfNeeded: $0 >> 32) }
    }

    /// The estimated Jaccard similarity of two signatures.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }

    /// The LSH bucket keys of a signature: one per band.
    static func bandKeys(_ signature: [UInt32]) -> [UInt64] {
        (0..<bands).map { band in
            var hash = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for value in signature[(band * rowsPerBand)..<((band + 1) * rowsPerBand)] { hash = mix(hash ^ UInt64(value), 0x27D4_EB2F_1656_67C5) }
            return hash
        }
    }
}
