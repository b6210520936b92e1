/// Runs every example of every indicator and composite (Semgrep's `--test`): a `match`
/// example must trigger it, a `no_match` example must not.
public struct ExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public var id: String
        public var position: DefinitionPosition
        public var expectedMatch: Bool
        public var example: String
        /// What matched (for an unexpected match) or the normalized text (for a miss).
        public var detail: String

        public var description: String {
            let verdict = expectedMatch ? "should match but did not" : "should not match but did"
            return "\(position): \(id): example \(verdict)\n    example:    \(example)\n    \(expectedMatch ? "normalized" : "matched   "): \(detail)"
        }
    }

    public struct Report: Sendable {
        public var checked = 0
        public var failures: [Failure] = []
        public var indicatorsWithoutExamples: [String] = []
    }

    let assessor: DocumentAssessor
    let scratch = MatchScratch()

    public init(compiled: CompiledLibrary) {
        assessor = DocumentAssessor(compiled: compiled)
    }

    public func run() -> Report {
        var report = Report()
        let library = assessor.matcher.compiled.library
        let patterns = assessor.matcher.compiled.patterns
        for (index, indicator) in library.indicators.enumerated() {
            if indicator.examples.match.isEmpty { report.indicatorsWithoutExamples.append(indicator.id) }
            for (example, expected) in labelled(indicator.examples) {
                report.checked += 1
                // An example is in its indicator's language, as a scanned text is in the one guessed.
                let normalized = assessor.normalizer.normalize(example, language: indicator.language)
                let matched: String? = normalized.bytes.withUnsafeBufferPointer { subject in
                    for pattern in patterns[index] {
                        if case .match(let range) = pattern.firstMatch(in: subject, from: 0, scratch: scratch) {
                            return String(decoding: subject[range], as: UTF8.self)
                        }
                    }
                    return nil
                }
                if (matched != nil) != expected {
                    report.failures.append(Failure(id: indicator.id, position: indicator.position, expectedMatch: expected,
                                                   example: example, detail: matched ?? normalized.string))
                }
            }
        }
        for composite in library.composites {
            for (example, expected) in labelled(composite.examples) {
                report.checked += 1
                let assessment = assessor.assess(text: example, scratch: scratch).assessment
                let fired = assessment.contributions.contains { $0.kind == .composite && $0.id == composite.id }
                if fired != expected {
                    let hits = assessment.contributions.filter { $0.kind == .indicator }.map(\.id).joined(separator: ", ")
                    report.failures.append(Failure(id: composite.id, position: composite.position, expectedMatch: expected,
                                                   example: example, detail: "indicators hit: [\(hits)]"))
                }
            }
        }
        return report
    }

    private func labelled(_ examples: Examples) -> [(String, Bool)] {
        examples.match.map { ($0, true) } + examples.noMatch.map { ($0, false) }
    }
}
