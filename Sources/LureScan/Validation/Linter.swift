/// Checks a library beyond what loading requires: literals that normalization makes
/// unreachable, patterns that blow the match limit on adversarial probes, patterns with no
/// literal a prefilter could use, `\b` beside a symbol, a lookbehind before `\b`, and
/// indicators with too few examples.
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
                                               message: Self.unreachableMessage(literal, normalized: normalizer.normalize(literal).string)))
                }
                for symbol in Self.boundariesBesideSymbols(in: source.text) {
                    issues.append(LibraryIssue(severity: .warning, position: source.position, field: "patterns",
                                               message: "`\\b` beside `\(symbol)`, which is not a word character: it matches only where a letter or digit touches the symbol (use `(?<!\\w)` / `(?!\\w)` or drop it)"))
                }
                if Self.opensWithLookbehindBeforeBoundary(source.text) {
                    issues.append(LibraryIssue(severity: .warning, position: source.position, field: "patterns",
                                               message: "opens with a lookbehind before `\\b`: write `\\b` first, so the lookbehind is tried at word boundaries only, not at every byte"))
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

    /// A pattern such as `(?<!no )\bvisa` is tried at every byte of a document, and every try
    /// runs the lookbehind; `\b(?<!no )visa` means the same and runs it only at word
    /// boundaries (a quarter of the matching time of the Spanish library went to this).
    static func opensWithLookbehindBeforeBoundary(_ pattern: String) -> Bool {
        let groups = PatternGroups(pattern)
        var index = 0
        while groups.opensLookbehind(at: index) {
            guard let end = groups.close[index] else { return false }
            index = end + 1
        }
        return index > 0 && index + 1 < groups.scalars.count && groups.scalars[index] == "\\" && groups.scalars[index + 1] == "b"
    }

    static func unreachableMessage(_ literal: String, normalized: String) -> String {
        normalized.isEmpty ? "`\(literal)` (U+\(String(literal.unicodeScalars.first!.value, radix: 16, uppercase: true))) can never match: normalization drops it"
            : "`\(literal)` can never match: normalization turns it into `\(normalized)` (no uppercase, accents, typographic quotes or arrows other than `→`)"
    }

    /// Literal characters (outside escapes) that normalization would change: letters, and
    /// outside character classes any other non-ASCII character (`’`, `➡`, the `U+FE0F` of
    /// `✈️`). In a class such a symbol is only a redundant member (`[^"»]`), not a dead path.
    func unreachableLiterals(in pattern: String) -> [String] {
        var found: [String] = []
        var iterator = pattern.unicodeScalars.makeIterator()
        var previousWasEscape = false
        var braceDepth = 0
        var inClass = false
        while let scalar = iterator.next() {
            if previousWasEscape {
                previousWasEscape = false
                if scalar == "p" || scalar == "P" || scalar == "x" || scalar == "N" { braceDepth = -1 }
                continue
            }
            if scalar == "\\" { previousWasEscape = true; continue }
            // The one character after `\p`, `\x`, `\N`, or the `{...}` after them, is no literal.
            if braceDepth == -1 { braceDepth = scalar == "{" ? 1 : 0; continue }
            if braceDepth > 0 { if scalar == "}" { braceDepth = 0 }; continue }
            if scalar == "[" { inClass = true } else if scalar == "]" { inClass = false }
            guard scalar.properties.isAlphabetic || (!scalar.isASCII && !inClass) else { continue }
            let text = String(Character(scalar))
            if normalizer.normalize(text).string != text && !found.contains(text) { found.append(text) }
        }
        return found
    }

    /// Literal symbols (emoji, `€`, `«`, an escaped `+`) written right beside a `\b`, also as
    /// the first or last literal of an alternative of a group the `\b` touches
    /// (`\b(?:boat|🚤)`). A word boundary between a space and `🚤` does not exist, so
    /// `\b🚤\b` misses "take the 🚤" without any error. Character classes are skipped.
    static func boundariesBesideSymbols(in pattern: String) -> [String] {
        let groups = PatternGroups(pattern)
        let scalars = groups.scalars
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || [.nonspacingMark, .spacingMark, .enclosingMark].contains(scalar.properties.generalCategory)
        }
        /// Spaces and ordinary punctuation beside `\b` just say "a word ends here"; a symbol is
        /// usually meant as part of the word.
        func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
            !isWord(scalar) && !scalar.properties.isWhitespace && (!scalar.isASCII || "+$#@%&".unicodeScalars.contains(scalar))
        }
        /// The literal scalar a token at `index` stands for, if it is one.
        func literal(at index: Int) -> Unicode.Scalar? {
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            if scalar == "\\" {
                guard index + 1 < scalars.count, !isWord(scalars[index + 1]) else { return nil }
                return scalars[index + 1]
            }
            return "()[]{}|?*+^$.".unicodeScalars.contains(scalar) ? nil : scalar
        }
        /// The literal just before `end` (a `|` or `)`), unescaping `\+`.
        func literal(before end: Int) -> Unicode.Scalar? {
            guard end >= 1 else { return nil }
            if end >= 2, scalars[end - 2] == "\\", !(end >= 3 && scalars[end - 3] == "\\") { return literal(at: end - 2) }
            return literal(at: end - 1)
        }
        var found: [String] = []
        func note(_ symbol: Unicode.Scalar?) {
            if let symbol, isSymbol(symbol), !found.contains(String(symbol)) { found.append(String(symbol)) }
        }
        var index = 0
        var previous: Unicode.Scalar?
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if inClass {
                if scalar == "]" { inClass = false }
                index += scalar == "\\" ? 2 : 1
                continue
            }
            if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "b" {
                note(previous)
                note(literal(at: index + 2))
                if index + 2 < scalars.count, scalars[index + 2] == "(" {
                    for alternative in groups.alternatives(ofGroupAt: index + 2) where !alternative.isEmpty { note(literal(at: alternative.lowerBound)) }
                }
                if index >= 1, let open = groups.open[index - 1] {
                    for alternative in groups.alternatives(ofGroupAt: open) where !alternative.isEmpty { note(literal(before: alternative.upperBound)) }
                }
                previous = nil
                index += 2
                continue
            }
            previous = literal(at: index)
            if scalar == "[" { inClass = true }
            if scalar == "(", index + 1 < scalars.count, scalars[index + 1] == "?" {
                // `(?:`, `(?<!`, `(?i)`, `(?<name>`: the opening's own symbols are not literals.
                index += 2
                while index < scalars.count, ":=!<>'-".unicodeScalars.contains(scalars[index]) || (scalars[index].isASCII && isWord(scalars[index])) {
                    index += 1
                }
                continue
            }
            index += scalar == "\\" ? 2 : 1
        }
        return found
    }
}
