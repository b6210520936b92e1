import Crypto

/// SHA-256 of a source's bytes, as lowercase hex: recorded for every source.
public enum Hashing {
    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
