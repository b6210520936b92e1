/// Maps byte offsets of a derived text back to byte offsets of the text it came from.
///
/// Stored as runs, not a table per byte: an unchanged (or same-length, byte-for-byte)
/// stretch of text is one `exact` run, so ASCII text maps with a single run. A replaced
/// stretch (`é` -> `e`, a dropped zero-width space, an HTML entity) is an inexact run: any
/// position inside it maps to the whole original stretch, never into the middle of a
/// character.
public struct OffsetMap: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var target: Int        // start in the derived text
        public var targetLength: Int
        public var origin: Int        // start in the original text
        public var originLength: Int
        public var exact: Bool        // byte i of the run comes from origin byte i
    }

    public private(set) var runs: [Run] = []
    /// Length of the derived text.
    public private(set) var targetLength = 0
    /// Where the original text ends (so an empty derived text still maps somewhere).
    public private(set) var originEnd = 0

    public init() {}

    /// The map of an ICU conversion (`ICU.convertToUTF8`) from the source offset of every
    /// output byte: the bytes of one character form one run over that character's source
    /// bytes, shifted by `origin` (where the converted input starts in the source).
    init(conversionOffsets offsets: [Int32], inputLength: Int, origin: Int = 0) {
        var index = 0
        while index < offsets.count {
            var end = index + 1
            while end < offsets.count, offsets[end] == offsets[index] { end += 1 }
            let start = Int(offsets[index])
            let next = end < offsets.count ? Int(offsets[end]) : inputLength
            appendReplacement(targetLength: end - index, origin: origin + start, originLength: max(0, next - start))
            index = end
        }
        extendOrigin(to: origin + inputLength)
    }

    /// The map of a text to itself.
    public static func identity(length: Int, origin: Int = 0) -> OffsetMap {
        var map = OffsetMap()
        map.appendExact(targetLength: length, origin: origin)
        map.originEnd = origin + length
        return map
    }

    /// Appends `length` derived bytes that come byte-for-byte from `origin`.
    public mutating func appendExact(targetLength length: Int, origin: Int) {
        guard length > 0 else { return }
        if var last = runs.last, last.exact, last.origin + last.originLength == origin {
            last.targetLength += length
            last.originLength += length
            runs[runs.count - 1] = last
        } else {
            runs.append(Run(target: targetLength, targetLength: length, origin: origin, originLength: length, exact: true))
        }
        targetLength += length
        originEnd = max(originEnd, origin + length)
    }

    /// Appends `length` derived bytes that replace the original bytes `origin..<origin+originLength`.
    public mutating func appendReplacement(targetLength length: Int, origin: Int, originLength: Int) {
        guard length > 0 else {
            originEnd = max(originEnd, origin + originLength)
            return
        }
        if length == originLength && originLength == 1 {
            appendExact(targetLength: 1, origin: origin)
            return
        }
        runs.append(Run(target: targetLength, targetLength: length, origin: origin, originLength: originLength, exact: false))
        targetLength += length
        originEnd = max(originEnd, origin + originLength)
    }

    /// Appends every run of `other` (whose targets continue this map's).
    public mutating func append(_ other: OffsetMap) {
        for run in other.runs {
            if run.exact {
                appendExact(targetLength: run.targetLength, origin: run.origin)
            } else {
                appendReplacement(targetLength: run.targetLength, origin: run.origin, originLength: run.originLength)
            }
        }
        extendOrigin(to: other.originEnd)
    }

    /// Notes that the original text extends to `end` (for dropped trailing bytes).
    public mutating func extendOrigin(to end: Int) {
        originEnd = max(originEnd, end)
    }

    private func runIndex(containing position: Int) -> Int? {
        var low = 0, high = runs.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let run = runs[mid]
            if position < run.target { high = mid - 1 }
            else if position >= run.target + run.targetLength { low = mid + 1 }
            else { return mid }
        }
        return nil
    }

    /// The original offset where derived byte `position` starts.
    public func originStart(of position: Int) -> Int {
        guard let index = runIndex(containing: position) else {
            return position >= targetLength ? originEnd : (runs.first?.origin ?? 0)
        }
        let run = runs[index]
        return run.exact ? run.origin + (position - run.target) : run.origin
    }

    /// The original offset where derived byte `position - 1` ends.
    public func originEnd(of position: Int) -> Int {
        guard position > 0, let index = runIndex(containing: position - 1) else {
            return position <= 0 ? (runs.first?.origin ?? 0) : originEnd
        }
        let run = runs[index]
        return run.exact ? run.origin + (position - run.target) : run.origin + run.originLength
    }

    /// The original span of the derived span `range`.
    public func originRange(of range: Range<Int>) -> Range<Int> {
        let start = originStart(of: range.lowerBound)
        let end = range.isEmpty ? start : max(start, originEnd(of: range.upperBound))
        return start..<end
    }

    /// Chains two maps: `self` maps C -> B, `inner` maps B -> A; the result maps C -> A.
    public func composed(with inner: OffsetMap) -> OffsetMap {
        if inner.isIdentity { return shifted(by: inner.runs.first?.origin ?? 0, originEnd: inner.originEnd) }
        var result = OffsetMap()
        for run in runs {
            if run.exact {
                // Split the run where the inner map's runs split.
                var position = run.origin
                let end = run.origin + run.originLength
                while position < end {
                    guard let index = inner.runIndex(containing: position) else { break }
                    let innerRun = inner.runs[index]
                    let pieceEnd = min(end, innerRun.target + innerRun.targetLength)
                    let pieceLength = pieceEnd - position
                    if innerRun.exact {
                        result.appendExact(targetLength: pieceLength, origin: innerRun.origin + (position - innerRun.target))
                    } else {
                        result.appendReplacement(targetLength: pieceLength, origin: innerRun.origin, originLength: innerRun.originLength)
                    }
                    position = pieceEnd
                }
            } else {
                let span = inner.originRange(of: run.origin..<(run.origin + run.originLength))
                result.appendReplacement(targetLength: run.targetLength, origin: span.lowerBound, originLength: span.count)
            }
        }
        result.targetLength = targetLength
        result.originEnd = inner.originEnd
        return result
    }

    /// True when the map is a single exact run from offset 0 of the derived text.
    public var isIdentity: Bool {
        runs.count == 1 && runs[0].exact && runs[0].target == 0 && runs[0].targetLength == targetLength
    }

    private func shifted(by offset: Int, originEnd end: Int) -> OffsetMap {
        var copy = self
        if offset != 0 {
            for index in copy.runs.indices { copy.runs[index].origin += offset }
        }
        copy.originEnd = max(end, copy.originEnd + offset)
        return copy
    }
}
