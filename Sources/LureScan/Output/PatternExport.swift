import Foundation

/// The library's patterns as plain lines, for running the same patterns through other
/// tools (ripgrep) in benchmarks.
public enum PatternExport {
    /// Every pattern, one per line (PCRE2 syntax, for `rg -P -f`).
    public static func pcre2(_ library: IndicatorLibrary) -> String {
        library.indicators.flatMap { $0.patterns.map(\.text) }.map { $0 + "\n" }.joined()
    }

    /// The patterns ripgrep's default engine accepts (no look-around, no back-references),
    /// with ASCII word boundaries (`(?-u:\b)`): Unicode `\b` makes that engine crawl.
    public static func rust(_ library: IndicatorLibrary) -> (text: String, kept: Int, dropped: Int) {
        var kept: [String] = []
        var dropped = 0
        for pattern in library.indicators.flatMap({ $0.patterns.map(\.text) }) {
            if usesPCRE2OnlySyntax(pattern) {
                dropped += 1
            } else {
                kept.append(pattern.replacingOccurrences(of: #"\b"#, with: #"(?-u:\b)"#))
            }
        }
        return (kept.map { $0 + "\n" }.joined(), kept.count, dropped)
    }

    /// Also `\n`: ripgrep refuses a line break outside multiline mode, where it searches line by line.
    static func usesPCRE2OnlySyntax(_ pattern: String) -> Bool {
        ["(?=", "(?!", "(?<=", "(?<!", "(?>", "*+", "++", "?+", "\\K", "(*", "\\n"].contains { pattern.contains($0) }
            || pattern.range(of: #"\\[1-9]"#, options: .regularExpression) != nil
    }
}
