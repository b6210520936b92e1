/// Where matching time goes, per pattern (flat index, library order): runs after the
/// prefilter, matches, nanoseconds and bytes searched. Tells a researcher which patterns
/// make a library slow (`lurescan profile`); each worker fills its own, merged at the end.
public struct PatternProfile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var runs = 0
        public var matches = 0
        public var nanoseconds: Int64 = 0
        public var bytes = 0
    }

    public private(set) var entries: [Entry]

    public init(patternCount: Int) {
        entries = Array(repeating: Entry(), count: patternCount)
    }

    mutating func record(_ pattern: Int, elapsed: Duration, matches: Int, bytes: Int) {
        entries[pattern].runs += 1
        entries[pattern].matches += matches
        entries[pattern].nanoseconds += elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        entries[pattern].bytes += bytes
    }

    public mutating func merge(_ other: PatternProfile) {
        for (index, entry) in other.entries.enumerated() {
            entries[index].runs += entry.runs
            entries[index].matches += entry.matches
            entries[index].nanoseconds += entry.nanoseconds
            entries[index].bytes += entry.bytes
        }
    }
}
