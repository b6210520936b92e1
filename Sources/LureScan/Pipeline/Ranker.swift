/// Keeps assessments for ranked output: highest score first, ties in input order. With a
/// `top` limit it keeps only that many, so memory does not grow with the corpus.
struct Ranker {
    let top: Int?
    let minimumScore: Double
    private(set) var kept: [Assessment] = []

    init(top: Int?, minimumScore: Double) {
        self.top = top
        self.minimumScore = minimumScore
    }

    static func precedes(_ a: Assessment, _ b: Assessment) -> Bool {
        a.score != b.score ? a.score > b.score : a.sequence < b.sequence
    }

    mutating func add(_ assessment: Assessment) {
        guard assessment.score >= minimumScore else { return }
        kept.append(assessment)
        if let top, kept.count >= max(2 * top, 1024) { trim(to: top) }
    }

    private mutating func trim(to count: Int) {
        kept.sort(by: Self.precedes)
        kept.removeSubrange(min(count, kept.count)...)
    }

    mutating func ranked() -> [Assessment] {
        trim(to: top ?? kept.count)
        return kept
    }
}
