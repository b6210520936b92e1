/// Decides, in one Aho-Corasick pass over a normalized text, which patterns can match at
/// all (YARA's atoms, ripgrep's inner literals): a pattern runs only when one of its
/// required literals occurs. Patterns without a usable literal always run. Cost then grows
/// with the text, not with the number of indicators.
struct Prefilter: Sendable {
    /// Patterns (flat index) that every text must run.
    let alwaysRun: [Int]
    /// Literal id -> the patterns that require it.
    private let patternsOfLiteral: [[Int]]
    private let automaton: AhoCorasick
    let patternCount: Int

    init(patterns: [String]) {
        var literalIDs: [[UInt8]: Int] = [:]
        var literals: [[UInt8]] = []
        var patternsOfLiteral: [[Int]] = []
        var alwaysRun: [Int] = []
        for (index, pattern) in patterns.enumerated() {
            guard let required = RequiredLiterals.of(pattern) else {
                alwaysRun.append(index)
                continue
            }
            for literal in required {
                let bytes = Array(literal.lowercased().utf8)
                let id = literalIDs[bytes] ?? {
                    literals.append(bytes)
                    patternsOfLiteral.append([])
                    literalIDs[bytes] = literals.count - 1
                    return literals.count - 1
                }()
                patternsOfLiteral[id].append(index)
            }
        }
        self.alwaysRun = alwaysRun
        self.patternsOfLiteral = patternsOfLiteral
        self.automaton = AhoCorasick(literals: literals)
        self.patternCount = patterns.count
    }

    /// Marks in `candidates` (one flag per pattern) every pattern that may match `text`.
    func candidates(in text: UnsafeBufferPointer<UInt8>, into candidates: inout [Bool]) {
        candidates = [Bool](repeating: false, count: patternCount)
        for index in alwaysRun { candidates[index] = true }
        var seen = [Bool](repeating: false, count: patternsOfLiteral.count)
        automaton.scan(text) { literal in
            guard !seen[literal] else { return }
            seen[literal] = true
            for pattern in patternsOfLiteral[literal] { candidates[pattern] = true }
        }
    }
}
