#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor line by line through a fixed buffer: the input is never held
/// whole, however long the stream. Each line keeps its terminator and its byte offset.
struct LineReader {
    struct Line {
        var bytes: [UInt8]
        var offset: Int
    }

    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0
    private var end = 0
    private var offset = 0
    private var exhausted = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func next() -> Line? {
        var line: [UInt8] = []
        while true {
            if start == end {
                guard !exhausted else { break }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { exhausted = true; break }
                start = 0
                end = count
            }
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                line.append(contentsOf: buffer[start...newline])
                start = newline + 1
                return emit(line)
            }
            line.append(contentsOf: buffer[start..<end])
            start = end
        }
        return line.isEmpty ? nil : emit(line)
    }

    private mutating func emit(_ bytes: [UInt8]) -> Line {
        defer { offset += bytes.count }
        return Line(bytes: bytes, offset: offset)
    }
}
