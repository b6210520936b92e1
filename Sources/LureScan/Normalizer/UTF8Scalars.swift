/// Small UTF-8 helpers for the normalization stages, which walk bytes, not Swift Strings.
enum UTF8Scalars {
    static let replacement: UInt32 = 0xFFFD

    /// Decodes the scalar at `index`: its value and its length in bytes.
    /// An invalid or truncated sequence decodes as U+FFFD of length 1.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let count = bytes.count
        func continuation(_ offset: Int) -> UInt32? {
            let i = index + offset
            guard i < count, bytes[i] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i] & 0x3F)
        }
        switch lead {
        case 0xC2...0xDF:
            guard let b1 = continuation(1) else { break }
            return ((UInt32(lead & 0x1F) << 6) | b1, 2)
        case 0xE0...0xEF:
            guard let b1 = continuation(1), let b2 = continuation(2) else { break }
            let scalar = (UInt32(lead & 0x0F) << 12) | (b1 << 6) | b2
            guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { break }
            return (scalar, 3)
        case 0xF0...0xF4:
            guard let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) else { break }
            let scalar = (UInt32(lead & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3
            guard (0x10000...0x10FFFF).contains(scalar) else { break }
            return (scalar, 4)
        default:
            break
        }
        return (replacement, 1)
    }

    /// True when `decode` returned a repair of invalid bytes rather than a real U+FFFD.
    @inline(__always)
    static func isRepair(_ decoded: (scalar: UInt32, length: Int)) -> Bool {
        decoded.scalar == replacement && decoded.length == 1
    }

    /// Appends the UTF-8 encoding of `scalar`.
    static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (scalar >> 6)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (scalar >> 12)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (scalar >> 18)))
            bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    static func encode(_ scalar: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        append(scalar, to: &bytes)
        return bytes
    }
}
