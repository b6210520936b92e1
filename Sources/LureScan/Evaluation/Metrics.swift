/// Ranking metrics over (score, is positive) pairs.
public enum Metrics {
    /// Area under the ROC curve: the probability that a random positive outscores a random
    /// negative (ties count one half). nil without both classes.
    public static func rocAUC(_ samples: [(score: Double, positive: Bool)]) -> Double? {
        let positives = samples.filter(\.positive).map(\.score)
        let negatives = samples.filter { !$0.positive }.map(\.score).sorted()
        guard !positives.isEmpty, !negatives.isEmpty else { return nil }
        var total = 0.0
        for score in positives {
            let below = lowerBound(negatives, score)
            let ties = lowerBound(negatives, score.nextUp) - below
            total += Double(below) + Double(ties) / 2
        }
        return total / Double(positives.count * negatives.count)
    }

    private static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Area under the precision-recall curve as average precision, ties scored as a group.
    public static func prAUC(_ samples: [(score: Double, positive: Bool)]) -> Double? {
        let positives = samples.filter(\.positive).count
        guard positives > 0 else { return nil }
        let groups = Dictionary(grouping: samples, by: \.score).sorted { $0.key > $1.key }
        var truePositives = 0, seen = 0
        var area = 0.0
        for (_, group) in groups {
            let groupPositives = group.filter(\.positive).count
            truePositives += groupPositives
            seen += group.count
            area += Double(groupPositives) / Double(positives) * Double(truePositives) / Double(seen)
        }
        return area
    }

    /// Share of positives among the k best-scored (input order breaks ties).
    public static func precision(at k: Int, _ samples: [(score: Double, positive: Bool)]) -> Double? {
        guard samples.count >= k, k > 0 else { return nil }
        let ranked = samples.enumerated().sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
        return Double(ranked.prefix(k).filter(\.element.positive).count) / Double(k)
    }

    public struct Confusion: Sendable, Equatable {
        public var truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0

        public var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double? { truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives) }
    }

    public static func confusion(threshold: Double, _ samples: [(score: Double, positive: Bool)]) -> Confusion {
        var matrix = Confusion()
        for sample in samples {
            switch (sample.score >= threshold, sample.positive) {
            case (true, true): matrix.truePositives += 1
            case (true, false): matrix.falsePositives += 1
            case (false, false): matrix.trueNegatives += 1
            case (false, true): matrix.falseNegatives += 1
            }
        }
        return matrix
    }

    /// The lowest threshold whose precision reaches `target` (best recall at that precision).
    public static func threshold(forPrecision target: Double, _ samples: [(score: Double, positive: Bool)]) -> (threshold: Double, confusion: Confusion)? {
        let candidates = Set(samples.map(\.score)).filter { $0 > 0 }.sorted()
        for threshold in candidates {
            let matrix = confusion(threshold: threshold, samples)
            if let precision = matrix.precision, precision >= target { return (threshold, matrix) }
        }
        return nil
    }
}
