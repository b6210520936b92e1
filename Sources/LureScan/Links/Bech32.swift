/// Bech32 and bech32m (BIP 173, BIP 350) checksums, for SegWit Bitcoin addresses (`bc1…`).
enum Bech32 {
    static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    static let generator: [UInt32] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]

    static func polymod(_ values: [UInt8]) -> UInt32 {
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ffffff) << 5 ^ UInt32(value)
            for index in 0..<5 where (top >> UInt32(index)) & 1 == 1 { checksum ^= generator[index] }
        }
        return checksum
    }

    /// Is `address` a valid bech32 or bech32m string with human-readable part `hrp`?
    /// Mixed case is invalid; the caller lowercases the value.
    static func isValid(_ address: String, hrp: String) -> Bool {
        let lower = address.lowercased()
        guard lower == address || address.uppercased() == address, address.utf8.count <= 90,
              let separator = lower.lastIndex(of: "1"), String(lower[..<separator]) == hrp else { return false }
        var data: [UInt8] = []
        for character in lower[lower.index(after: separator)...].utf8 {
            guard let index = charset.firstIndex(of: character) else { return false }
            data.append(UInt8(index))
        }
        guard data.count >= 6 + 8 else { return false }
        let expanded = hrp.utf8.map { $0 >> 5 } + [0] + hrp.utf8.map { $0 & 31 }
        let check = polymod(expanded + data)
        // Witness version 0 uses bech32 (constant 1), later versions bech32m.
        return data[0] == 0 ? check == 1 : check == 0x2bc830a3
    }
}
