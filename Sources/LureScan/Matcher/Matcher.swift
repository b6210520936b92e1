/// A stretch of normalized text that matched one indicator.
public struct IndicatorMatch: Sendable, Equatable {
    public var indicator: Int
    public var range: Range<Int>
}

/// A pattern that failed on a document (match limit, JIT stack): reported for that
/// indicator and document while every other indicator is still matched.
public struct PatternFailure: Sendable, Equatable {
    public var indicatorID: String
    public var message: String
}

/// Runs a compiled library over normalized text.
public struct Matcher: Sendable {
    /// Repeats beyond this add nothing to the score and are not quoted.
    public static let maximumMatchesPerIndicator = 8

    public let compiled: CompiledLibrary

    public init(_ compiled: CompiledLibrary) {
        self.compiled = compiled
    }

    public func match(_ text: NormalizedText, scratch: MatchScratch) -> (matches: [IndicatorMatch], failures: [PatternFailure]) {
        var matches: [IndicatorMatch] = []
        var failures: [PatternFailure] = []
        text.bytes.withUnsafeBufferPointer { subject in
            for (index, patterns) in compiled.patterns.enumerated() {
                var found: [Range<Int>] = []
                for pattern in patterns where found.count < Self.maximumMatchesPerIndicator {
                    let result = pattern.allMatches(in: subject, limit: Self.maximumMatchesPerIndicator - found.count, scratch: scratch)
                    found += result.ranges.filter { range in !found.contains { $0.overlaps(range) } }
                    if case .failure(_, let message)? = result.failure {
                        failures.append(PatternFailure(indicatorID: compiled.library.indicators[index].id, message: message))
                    }
                }
                matches += found.sorted { $0.lowerBound < $1.lowerBound }.map { IndicatorMatch(indicator: index, range: $0) }
            }
        }
        return (matches, failures)
    }
}
