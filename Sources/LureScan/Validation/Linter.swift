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
                                               message: "`\(literal)` can never match: normalized text has no uppercase letters or accents (write `\(normalizer.normalize(literal).string)`)"))
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
        let bytes = Array(pattern.utf8)
        var index = 0
        while bytes[index...].starts(with: "(?<!".utf8) || bytes[index...].starts(with: "(?<=".utf8) {
            // Skip to the group's closing parenthesis: escapes and character classes hold none.
            var depth = 0
            var inClass = false
            repeat {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 1
                case UInt8(ascii: "["): inClass = true
                case UInt8(ascii: "]"): inClass = false
                case UInt8(ascii: "(") where !inClass: depth += 1
                case UInt8(ascii: ")") where !inClass: depth -= 1
                default: break
                }
                index += 1
            } while depth > 0 && index < bytes.count
            guard index < bytes.count else { return false }
        }
        return index > 0 && bytes[index...].starts(with: "\\b".utf8)
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

    /// Literal symbols (emoji, `€`, `«`, an escaped `+`) written right beside a `\b`, also as
    /// the first or last literal of an alternative of a group the `\b` touches
    /// (`\b(?:boat|🚤)`). A word boundary between a space and `🚤` does not exist, so
    /// `\b🚤\b` misses "take the 🚤" without any error. Character classes are skipped.
    static func boundariesBesideSymbols(in pattern: String) -> [String] {
        let scalars = Array(pattern.unicodeScalars)
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
        /// Where each top-level alternative of the group opening at `open` starts and ends.
        func alternatives(ofGroupAt open: Int) -> [Range<Int>] {
            var start = open + 1
            if start < scalars.count, scalars[start] == "?" {
                // `(?:`, `(?>`; look-arounds and named groups are not alternatives of a word.
                guard start + 1 < scalars.count, ":>".unicodeScalars.contains(scalars[start + 1]) else { return [] }
                start += 2
            }
            var ranges: [Range<Int>] = []
            var depth = 0, index = start, inClass = false
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\\" { index += 2; continue }
                if inClass { if scalar == "]" { inClass = false }; index += 1; continue }
                switch scalar {
                case "[": inClass = true
                case "(": depth += 1
                case ")" where depth == 0: return ranges + [start..<index]
                case ")": depth -= 1
                case "|" where depth == 0: ranges.append(start..<index); start = index + 1
                default: break
                }
                index += 1
            }
            return []
        }
        /// Group openings by where they close.
        var openings: [Int: Int] = [:]
        var stack: [Int] = []
        var scan = 0, scanInClass = false
        while scan < scalars.count {
            let scalar = scalars[scan]
            if scalar == "\\" { scan += 2; continue }
            if scanInClass { if scalar == "]" { scanInClass = false }; scan += 1; continue }
            if scalar == "[" { scanInClass = true }
            if scalar == "(" { stack.append(scan) }
            if scalar == ")", let open = stack.popLast() { openings[scan] = open }
            scan += 1
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
                    for alternative in alternatives(ofGroupAt: index + 2) where !alternative.isEmpty { note(literal(at: alternative.lowerBound)) }
                }
                if index >= 1, scalars[index - 1] == ")", let open = openings[index - 1] {
                    for alternative in alternatives(ofGroupAt: open) where !alternative.isEmpty { note(literal(before: alternative.upperBound)) }
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
