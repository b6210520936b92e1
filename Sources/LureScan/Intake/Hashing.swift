import Crypto

/// SHA-256 of a source's bytes, as lowercase hex: recorded for every source.
public enum Hashing {
    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        sha256(bytes) { _ in }
    }

    /// Hashes in chunks, telling `hashed` how far it got (a mapped file drops what is done).
    static func sha256(_ bytes: UnsafeRawBufferPointer, hashed: (Int) -> Void) -> String {
        var hasher = SHA256()
        let chunk = 8 << 20
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + chunk, bytes.count)]))
            hashed(min(start + chunk, bytes.count))
        }
        return hex(hasher.finalize())
    }

    static func hex<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        digest.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
