/// Decides, in one Aho-Corasick pass over a normalized text, which patterns can match at
/// all (YARA's atoms, ripgrep's inner literals): a pattern runs only when, for each literal
/// set it requires, one of the set's literals occurs. Patterns without a usable literal
/// always run. Cost then grows with the text, not with the number of indicators.
struct Prefilter: Sendable {
    /// Patterns (flat index) that every text must run.
    let alwaysRun: [Int]
    /// Per pattern: its required literal sets, as literal ids (empty for `alwaysRun` ones).
    private let factorsOfPattern: [[[Int]]]
    /// Literal id -> the patterns that require it in one of their sets.
    private let patternsOfLiteral: [[Int]]
    private let automaton: AhoCorasick
    let patternCount: Int

    init(patterns: [String]) {
        var literalIDs: [[UInt8]: Int] = [:]
        var literals: [[UInt8]] = []
        var patternsOfLiteral: [[Int]] = []
        var alwaysRun: [Int] = []
        var factorsOfPattern: [[[Int]]] = []
        for (index, factors) in patterns.concurrentMap(RequiredLiterals.factors(of:)).enumerated() {
            guard let factors else {
                alwaysRun.append(index)
                factorsOfPattern.append([])
                continue
            }
            factorsOfPattern.append(factors.map { factor in
                factor.map { literal in
                    let bytes = Array(literal.lowercased().utf8)
                    if let id = literalIDs[bytes] { return id }
                    literals.append(bytes)
                    patternsOfLiteral.append([])
                    literalIDs[bytes] = literals.count - 1
                    return literals.count - 1
                }
            })
            for id in Set(factorsOfPattern[index].joined()) { patternsOfLiteral[id].append(index) }
        }
        self.alwaysRun = alwaysRun
        self.factorsOfPattern = factorsOfPattern
        self.patternsOfLiteral = patternsOfLiteral
        self.automaton = AhoCorasick(literals: literals)
        self.patternCount = patterns.count
    }

    /// Marks in `candidates` (one flag per pattern) every pattern that may match `text`.
    func candidates(in text: UnsafeBufferPointer<UInt8>, into candidates: inout [Bool]) {
        candidates = [Bool](repeating: false, count: patternCount)
        for index in alwaysRun { candidates[index] = true }
        var seen = [Bool](repeating: false, count: patternsOfLiteral.count)
        var touched: [Int] = []
        automaton.scan(text) { literal in
            guard !seen[literal] else { return }
            seen[literal] = true
            touched.append(literal)
        }
        for literal in touched {
            for pattern in patternsOfLiteral[literal] where !candidates[pattern] {
                candidates[pattern] = factorsOfPattern[pattern].allSatisfy { factor in factor.contains { seen[$0] } }
            }
        }
    }
}
