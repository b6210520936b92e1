/// Rewrites a byte buffer while recording an `OffsetMap` back to it. Untouched stretches
/// are copied lazily as exact runs, so a stage that changes nothing allocates nothing and
/// `finish()` returns nil.
struct TextEditor {
    let input: UnsafeBufferPointer<UInt8>
    private(set) var output: [UInt8] = []
    private var map = OffsetMap()
    private var copiedUpTo = 0
    private var changed = false

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    private mutating func startEditing() {
        if !changed {
            changed = true
            output.reserveCapacity(input.count)
        }
    }

    private mutating func copyPending(upTo end: Int) {
        guard end > copiedUpTo else { return }
        output.append(contentsOf: input[copiedUpTo..<end])
        map.appendExact(targetLength: end - copiedUpTo, origin: copiedUpTo)
        copiedUpTo = end
    }

    /// Replaces `range` with `bytes` (which may be empty: a deletion).
    mutating func replace<C: Collection>(_ range: Range<Int>, with bytes: C) where C.Element == UInt8 {
        startEditing()
        copyPending(upTo: range.lowerBound)
        output.append(contentsOf: bytes)
        map.appendReplacement(targetLength: bytes.count, origin: range.lowerBound, originLength: range.count)
        copiedUpTo = range.upperBound
    }

    mutating func delete(_ range: Range<Int>) {
        replace(range, with: EmptyCollection<UInt8>())
    }

    /// Replaces the single byte at `index` by `byte`: still an exact, byte-for-byte mapping.
    mutating func substitute(at index: Int, with byte: UInt8) {
        startEditing()
        copyPending(upTo: index)
        output.append(byte)
        map.appendExact(targetLength: 1, origin: index)
        copiedUpTo = index + 1
    }

    /// The edited text and its map to the input, or nil when nothing changed.
    mutating func finish() -> (bytes: [UInt8], map: OffsetMap)? {
        guard changed else { return nil }
        copyPending(upTo: input.count)
        map.extendOrigin(to: input.count)
        return (output, map)
    }
}
