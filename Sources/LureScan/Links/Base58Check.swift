import Crypto

/// Base58Check (Bitcoin, TRON): base58 digits decoding to a payload whose last four bytes
/// are the first four of its double SHA-256.
enum Base58Check {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = Int8(index) }
        return table
    }()

    static func isBase58(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 128 && values[Int(scalar.value)] >= 0 }

    /// The bytes `string` encodes, nil when it is not base58.
    static func decode(_ string: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var zeros = 0
        var leading = true
        for character in string.utf8 {
            guard character < 128, values[Int(character)] >= 0 else { return nil }
            if leading && character == alphabet[0] { zeros += 1; continue }
            leading = false
            var carry = Int(values[Int(character)])
            for index in bytes.indices.reversed() {
                carry += 58 * Int(bytes[index])
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes
    }

    /// The payload (version byte and hash) when the checksum holds.
    static func payload(_ string: String) -> [UInt8]? {
        guard let bytes = decode(string), bytes.count > 4 else { return nil }
        let payload = Array(bytes.dropLast(4))
        let checksum = Array(SHA256.hash(data: Array(SHA256.hash(data: payload)))).prefix(4)
        return Array(checksum) == Array(bytes.suffix(4)) ? payload : nil
    }
}
