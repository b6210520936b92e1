/// An indicator library with every pattern compiled once, ready to share across workers.
/// A pattern that does not compile is reported (file, line, field) and left out; its
/// indicator keeps its other patterns, so one bad pattern never stops a scan.
public struct CompiledLibrary: Sendable {
    public let library: IndicatorLibrary
    /// Compiled patterns per indicator, in `library.indicators` order.
    let patterns: [[CompiledPattern]]
    public let issues: [LibraryIssue]

    public init(_ library: IndicatorLibrary) {
        let compiled = library.indicators.flatMap(\.patterns).concurrentMap { source in
            Result { () throws(CompiledPattern.CompileError) in try CompiledPattern(source.text) }
        }
        var issues: [LibraryIssue] = []
        var next = compiled.makeIterator()
        patterns = library.indicators.map { indicator in
            indicator.patterns.compactMap { source in
                switch next.next()! {
                case .success(let pattern): return pattern
                case .failure(let error):
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
