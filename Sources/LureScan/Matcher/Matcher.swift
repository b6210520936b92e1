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

/// Runs a compiled library over normalized text. With the prefilter (the default), a
/// pattern runs only when one of its required literals occurs in the text; an `own-language`
/// indicator runs only when the text's guessed language is its own or undetermined.
public struct Matcher: Sendable {
    /// Repeats beyond this add nothing to the score and are not quoted.
    public static let maximumMatchesPerIndicator = 8

    public let compiled: CompiledLibrary
    private let prefilter: Prefilter?
    /// Every pattern, flat, and the indicator each belongs to (indicator order kept).
    private let handles: [PatternHandle]
    private let indicatorOfPattern: [Int]
    /// The languages of `own-language` indicators, and per pattern the index of the one it is
    /// limited to (-1: any document): compared as integers, once per pattern and document.
    private let scopedLanguages: [String]
    private let onlyLanguageOfPattern: [Int]

    /// `prefilter: false` runs every pattern on every text: the prefilter's literals assume
    /// case-folded text, so it must be off when that normalization stage is.
    public init(_ compiled: CompiledLibrary, prefilter: Bool = true) {
        self.compiled = compiled
        let flat = compiled.patterns.flatMap { $0 }
        self.prefilter = prefilter ? Prefilter(patterns: flat.map(\.source)) : nil
        handles = flat.map(\.handle)
        indicatorOfPattern = compiled.patterns.enumerated().flatMap { index, patterns in patterns.map { _ in index } }
        let indicators = compiled.library.indicators
        let scopedLanguages = Array(Set(indicators.filter { $0.scope == .ownLanguage }.map(\.language))).sorted()
        self.scopedLanguages = scopedLanguages
        onlyLanguageOfPattern = indicatorOfPattern.map { index in
            indicators[index].scope == .ownLanguage ? scopedLanguages.firstIndex(of: indicators[index].language)! : -1
        }
    }

    public var patternCount: Int { handles.count }

    /// Every pattern, flat (the order of `PatternProfile` entries), with its indicator's id.
    public var patterns: [(indicatorID: String, pattern: String)] {
        compiled.patterns.enumerated().flatMap { index, patterns in
            patterns.map { (compiled.library.indicators[index].id, $0.source) }
        }
    }

    /// `language`: the language whose `own-language` indicators run (`LanguageGuess.scope`);
    /// nil or `und` runs every indicator.
    public func match(_ text: NormalizedText, language: String? = nil, scratch: MatchScratch) -> (matches: [IndicatorMatch], failures: [PatternFailure]) {
        let result = match(text, language: language, scratch: scratch, budget: nil)
        return (result.matches, result.failures)
    }

    /// `match` within a time budget, checked before each pattern runs: once it is spent,
    /// matching stops and `overBudget` is true (the matches so far are incomplete).
    public func match(_ text: NormalizedText, language: String? = nil, scratch: MatchScratch, budget: Duration?)
        -> (matches: [IndicatorMatch], failures: [PatternFailure], overBudget: Bool) {
        // Undetermined (or not given): every indicator runs. A language no scoped indicator has
        // (-2) keeps only the unscoped ones.
        let known = language.flatMap { $0 == LanguageGuesser.undetermined ? nil : scopedLanguages.firstIndex(of: $0) ?? -2 }
        var matches: [IndicatorMatch] = []
        var failures: [PatternFailure] = []
        var overBudget = false
        let clock = ContinuousClock()
        let start = clock.now
        text.bytes.withUnsafeBufferPointer { subject in
            var candidates: [Bool] = []
            prefilter?.candidates(in: subject, into: &candidates)
            var found: [Range<Int>] = []
            for (position, handle) in handles.enumerated() {
                let indicator = indicatorOfPattern[position]
                let only = onlyLanguageOfPattern[position]
                let inScope = only < 0 || known == nil || only == known
                let mayMatch = inScope && (prefilter == nil || candidates[position])
                if mayMatch && found.count < Self.maximumMatchesPerIndicator {
                    if let budget, clock.now - start > budget { overBudget = true; break }
                    let started = scratch.profile != nil ? clock.now : nil
                    let result = handle.allMatches(in: subject, limit: Self.maximumMatchesPerIndicator - found.count, scratch: scratch)
                    if let started {
                        scratch.profile?.record(position, elapsed: clock.now - started, matches: result.ranges.count, bytes: subject.count)
                    }
                    found += result.ranges.filter { range in !found.contains { $0.overlaps(range) } }
                    if case .failure(_, let message)? = result.failure {
                        failures.append(PatternFailure(indicatorID: compiled.library.indicators[indicator].id, message: message))
                    }
                }
                // The indicator's last pattern: hand over its matches in text order.
                if position + 1 == handles.count || indicatorOfPattern[position + 1] != indicator, !found.isEmpty {
                    matches += found.sorted { $0.lowerBound < $1.lowerBound }.map { IndicatorMatch(indicator: indicator, range: $0) }
                    found.removeAll(keepingCapacity: true)
                }
            }
        }
        return (matches, failures, overBudget)
    }
}
