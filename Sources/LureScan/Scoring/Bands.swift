/// Score bands. The thresholds live here and only here; `lurescan eval
/// --suggest-thresholds` proposes new values from labeled data (tuned on the dev split).
public enum Band: String, Sendable, CaseIterable, Codable, Comparable {
    case low, medium, high

    /// A score at or above `medium` is worth an investigator's look; at or above `high`,
    /// first in the queue.
    public static let mediumThreshold = 0.40
    public static let highThreshold = 0.70

    public init(score: Double) {
        self = score >= Self.highThreshold ? .high : score >= Self.mediumThreshold ? .medium : .low
    }

    public static func < (lhs: Band, rhs: Band) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
