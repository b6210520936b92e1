import Crypto

/// SHA-256 over a stream fed piece by piece (standard input that is never held whole).
struct StreamingSHA256 {
    private var hasher = SHA256()

    mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    mutating func finalize() -> String {
        Hashing.hex(hasher.finalize())
    }
}
