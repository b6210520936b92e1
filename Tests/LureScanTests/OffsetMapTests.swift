import Testing
@testable import LureScan

@Suite struct OffsetMapTests {
    @Test func exactRunsMerge() {
        var map = OffsetMap()
        map.appendExact(targetLength: 3, origin: 0)
        map.appendExact(targetLength: 2, origin: 3)
        #expect(map.runs.count == 1)
        #expect(map.originRange(of: 1..<4) == 1..<4)
    }

    @Test func replacementMapsToWholeOriginal() {
        var map = OffsetMap()
        map.appendExact(targetLength: 2, origin: 0)               // "ab"
        map.appendReplacement(targetLength: 1, origin: 2, originLength: 2) // "é" -> "e"
        map.appendExact(targetLength: 1, origin: 4)
        #expect(map.originRange(of: 2..<3) == 2..<4)
        #expect(map.originRange(of: 1..<4) == 1..<5)
    }

    @Test func composeChainsMaps() {
        // inner: derived B from A by dropping A[2..<5]; outer: C from B by replacing B[1..<3] with one byte.
        var inner = OffsetMap()
        inner.appendExact(targetLength: 2, origin: 0)
        inner.appendExact(targetLength: 4, origin: 5)
        var outer = OffsetMap()
        outer.appendExact(targetLength: 1, origin: 0)
        outer.appendReplacement(targetLength: 1, origin: 1, originLength: 2)
        outer.appendExact(targetLength: 3, origin: 3)
        let composed = outer.composed(with: inner)
        #expect(composed.originRange(of: 0..<1) == 0..<1)
        #expect(composed.originRange(of: 1..<2) == 1..<6)
        #expect(composed.originRange(of: 2..<5) == 6..<9)
    }
}
