import Foundation

/// Extracts from a pattern a set of literals such that every match contains at least one
/// of them (YARA's atoms, ripgrep's inner literals). A prefilter can then skip a pattern
/// whose literals are absent from a document. Returns nil when no literal of useful
/// length is required (such a pattern must always run; `lint` lists them).
public enum RequiredLiterals {
    public static let minimumLength = 3

    public static func of(_ pattern: String) -> Set<String>? {
        factors(of: pattern)?.max { shortest($0) < shortest($1) }
    }

    /// Every literal set the pattern requires (each match contains one literal of each):
    /// a prefilter that checks them all skips more than one that checks the best alone.
    /// nil when none is usable.
    public static func factors(of pattern: String) -> [Set<String>]? {
        // Extended mode ignores whitespace and \Q..\E quotes metacharacters: the simple
        // parser below would misread both, so such patterns get no literal (they always run).
        if pattern.contains("\\Q") || pattern.range(of: #"\(\?[a-zA-Z-]*x"#, options: .regularExpression) != nil { return nil }
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        let top = parser.alternation()
        guard parser.index == parser.scalars.count else { return nil }
        let candidates = top.branches == 1 ? top.factors : top.union.map { [$0] } ?? []
        let usable = candidates.filter { !$0.isEmpty && $0.allSatisfy { $0.utf8.count >= minimumLength } }
        return usable.isEmpty ? nil : usable
    }

    static func shortest(_ literals: Set<String>) -> Int {
        literals.map(\.utf8.count).min() ?? 0
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        /// The literal set of `a|b|c`: the union of its branches' best sets, nil if any
        /// branch has none; with a single branch, also all of that branch's factors.
        mutating func alternation() -> (union: Set<String>?, factors: [Set<String>], branches: Int) {
            var union: Set<String> = []
            var complete = true
            var branches = 0
            var factors: [Set<String>] = []
            repeat {
                if index < scalars.count && scalars[index] == "|" { index += 1 }
                let branch = sequence()
                branches += 1
                factors = branch.all
                if let best = branch.best { union.formUnion(best) } else { complete = false }
            } while index < scalars.count && scalars[index] == "|"
            return (complete ? union : nil, branches == 1 ? factors : [], branches)
        }

        /// The required factors of a sequence, and the best of them: the literal set whose
        /// shortest member is longest.
        mutating func sequence() -> (best: Set<String>?, all: [Set<String>]) {
            var best: Set<String>? = nil
            var all: [Set<String>] = []
            var run = ""
            func consider(_ candidate: Set<String>?) {
                guard let candidate, !candidate.isEmpty else { return }
                all.append(candidate)
                let shortest = candidate.map(\.count).min()!
                if best == nil || shortest > best!.map(\.count).min()! { best = candidate }
            }
            func endRun() {
                if !run.isEmpty { consider([run]) }
                run = ""
            }
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "|" || scalar == ")" { break }
                var item: Set<String>? = nil
                var isLiteralCharacter = false
                switch scalar {
                case "(":
                    item = group()
                case "[":
                    skipClass()
                case "\\":
                    if let literal = escape() { item = [literal]; isLiteralCharacter = true }
                case ".", "^", "$":
                    index += 1
                default:
                    index += 1
                    item = [String(Character(scalar))]
                    isLiteralCharacter = true
                }
                let quantifier = readQuantifier()
                switch quantifier {
                case .none where isLiteralCharacter:
                    run += item!.first!
                case .none:
                    endRun()
                    consider(item)
                case .optional:
                    endRun()
                case .repeated:
                    if isLiteralCharacter { run += item!.first! }
                    endRun()
                    if !isLiteralCharacter { consider(item) }
                }
            }
            endRun()
            return (best, all)
        }

        enum Quantifier { case none, optional, repeated }

        mutating func readQuantifier() -> Quantifier {
            guard index < scalars.count else { return .none }
            var result = Quantifier.none
            switch scalars[index] {
            case "?", "*": result = .optional; index += 1
            case "+": result = .repeated; index += 1
            case "{":
                var end = index + 1
                while end < scalars.count && scalars[end] != "}" { end += 1 }
                let body = String(String.UnicodeScalarView(scalars[(index + 1)..<min(end, scalars.count)]))
                let minimum = Int(body.split(separator: ",", omittingEmptySubsequences: false).first ?? "") ?? -1
                guard minimum >= 0, end < scalars.count else { return .none }
                result = minimum == 0 ? .optional : .repeated
                index = end + 1
            default: return .none
            }
            if index < scalars.count && (scalars[index] == "?" || scalars[index] == "+") { index += 1 }
            return result
        }

        /// A group's literal set; lookarounds and option settings contribute none.
        mutating func group() -> Set<String>? {
            index += 1
            var contributes = true
            if index < scalars.count && scalars[index] == "?" {
                index += 1
                guard index < scalars.count else { return nil }
                switch scalars[index] {
                case ":", ">", "|": index += 1
                case "=", "!": index += 1; contributes = false
                case "<" where index + 1 < scalars.count && (scalars[index + 1] == "=" || scalars[index + 1] == "!"):
                    index += 2; contributes = false
                case "<", "P", "'":
                    while index < scalars.count && scalars[index] != ">" && scalars[index] != "'" { index += 1 }
                    index += 1
                default:
                    // Inline options such as (?i) or (?i:...).
                    while index < scalars.count && scalars[index] != ")" && scalars[index] != ":" { index += 1 }
                    if index < scalars.count && scalars[index] == ")" { index += 1; return nil }
                    index += 1
                    contributes = false
                }
            }
            let inner = alternation().union
            if index < scalars.count && scalars[index] == ")" { index += 1 }
            return contributes ? inner : nil
        }

        mutating func skipClass() {
            index += 1
            if index < scalars.count && scalars[index] == "^" { index += 1 }
            if index < scalars.count && scalars[index] == "]" { index += 1 }
            while index < scalars.count && scalars[index] != "]" {
                if scalars[index] == "\\" { index += 1 }
                index += 1
            }
            index += 1
        }

        /// An escaped literal character, or nil for classes, anchors and other escapes.
        mutating func escape() -> String? {
            index += 1
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            index += 1
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                // \p{..}, \x{..}, \N{..}, \g{..}: skip the braces.
                if index < scalars.count && scalars[index] == "{" {
                    while index < scalars.count && scalars[index] != "}" { index += 1 }
                    index += 1
                } else if scalar == "p" || scalar == "P" {
                    index += 1
                }
                return nil
            }
            return String(Character(scalar))
        }
    }
}
