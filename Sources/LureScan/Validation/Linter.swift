/// Checks a library beyond what loading requires: literals that normalization makes
/// unreachable, patterns that blow the match limit on adversarial probes, patterns with no
/// literal a prefilter could use, and indicators with too few examples.
public struct Linter {
    public static let minimumExamples = 2

    let compiled: CompiledLibrary
    let normalizer = Normalizer()

    public init(compiled: CompiledLibrary) {
        self.compiled = compiled
    }

    /// Subjects built to make backtracking explode.
    static let probes: [(name: String, text: String)] = [
        ("50,000 letters", String(repeating: "a", count: 50_000) + "!"),
        ("10,000 short words", String(repeating: "ab ", count: 10_000) + "!"),
        ("20,000 spaces", "a" + String(repeating: " ", count: 20_000) + "!"),
        ("repeated digits", String(repeating: "1 2 ", count: 8_000) + "x"),
    ]

    public func run() -> [LibraryIssue] {
        var issues: [LibraryIssue] = []
        let normalizedProbes = Self.probes.map { ($0.name, normalizer.normalize($0.text)) }
        let scratch = MatchScratch()
        for (index, indicator) in compiled.library.indicators.enumerated() {
            if indicator.examples.match.count < Self.minimumExamples || indicator.examples.noMatch.count < Self.minimumExamples {
                issues.append(LibraryIssue(severity: .warning, position: indicator.position, field: "examples",
                                           message: "`\(indicator.id)` needs at least \(Self.minimumExamples) match and \(Self.minimumExamples) no_match examples"))
            }
            for source in indicator.patterns {
                for literal in unreachableLiterals(in: source.text) {
                    issues.append(LibraryIssue(severity: .warning, position: source.position, field: "patterns",
                                               message: "`\(literal)` can never match: normalized text has no uppercase letters or accents (write `\(normalizer.normalize(literal).string)`)"))
                }
                if RequiredLiterals.of(source.text) == nil {
                    issues.append(LibraryIssue(severity: .warning, position: source.position, field: "patterns",
                                               message: "no literal of \(RequiredLiterals.minimumLength)+ characters that every match contains: the prefilter cannot skip this pattern"))
                }
            }
            let examples = (indicator.examples.match + indicator.examples.noMatch).joined(separator: " ")
            let probes = normalizedProbes + [("examples repeated", normalizer.normalize(String(repeating: examples + " ", count: 200)))]
            for pattern in compiled.patterns[index] {
                for (name, text) in probes {
                    let outcome = text.bytes.withUnsafeBufferPointer { pattern.allMatches(in: $0, limit: 1000, scratch: scratch).failure }
                    if case .failure(_, let message)? = outcome {
                        issues.append(LibraryIssue(severity: .warning, position: indicator.position, field: "patterns",
                                                   message: "a pattern of `\(indicator.id)` fails on an adversarial probe (\(name)): \(message)"))
                        break
                    }
                }
            }
        }
        return issues
    }

    /// Literal characters (outside escapes) that normalization would change.
    func unreachableLiterals(in pattern: String) -> [String] {
        var found: [String] = []
        var iterator = pattern.unicodeScalars.makeIterator()
        var previousWasEscape = false
        var braceDepth = 0
        while let scalar = iterator.next() {
            if previousWasEscape {
                previousWasEscape = false
                if scalar == "p" || scalar == "P" || scalar == "x" || scalar == "N" { braceDepth = -1 }
                continue
            }
            if scalar == "\\" { previousWasEscape = true; continue }
            if braceDepth == -1 { braceDepth = scalar == "{" ? 1 : 0; if braceDepth == 0 { continue } else { continue } }
            if braceDepth > 0 { if scalar == "}" { braceDepth = 0 }; continue }
            guard scalar.properties.isAlphabetic else { continue }
            let text = String(Character(scalar))
            if normalizer.normalize(text).string != text && !found.contains(text) { found.append(text) }
        }
        return found
    }
}
