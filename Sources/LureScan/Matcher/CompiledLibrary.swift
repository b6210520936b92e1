/// An indicator library with every pattern compiled once, ready to share across workers.
/// A pattern that does not compile is reported (file, line, field) and left out; its
/// indicator keeps its other patterns, so one bad pattern never stops a scan.
public struct CompiledLibrary: Sendable {
    public let library: IndicatorLibrary
    /// Compiled patterns per indicator, in `library.indicators` order.
    let patterns: [[CompiledPattern]]
    public let issues: [LibraryIssue]

    public init(_ library: IndicatorLibrary) {
        var issues: [LibraryIssue] = []
        patterns = library.indicators.map { indicator in
            indicator.patterns.compactMap { source in
                do {
                    return try CompiledPattern(source.text)
                } catch {
                    issues.append(LibraryIssue(severity: .error, position: source.position, field: "patterns",
                                               message: "pattern of `\(indicator.id)` does not compile: \(error)"))
                    return nil
                }
            }
        }
        self.library = library
        self.issues = issues
    }
}
