/// Which indicator sets a command runs with: the shipped library (unless replaced with
/// `--only-indicators`), plus any `--indicators` directories, optionally restricted to
/// some languages.
public struct LibrarySelection: Sendable {
    public var additional: [String] = []
    public var only: [String] = []
    public var languages: Set<String>? = nil

    public init(additional: [String] = [], only: [String] = [], languages: Set<String>? = nil) {
        self.additional = additional
        self.only = only
        self.languages = languages
    }

    public func files() throws -> [IndicatorLoader.File] {
        let base = only.isEmpty ? IndicatorLoader.shippedFiles : try only.flatMap(IndicatorLoader.files(in:))
        return try base + additional.flatMap(IndicatorLoader.files(in:))
    }

    /// Loads and compiles the selection; issues include load and compile errors.
    public func load() throws -> (compiled: CompiledLibrary, issues: [LibraryIssue]) {
        var (library, issues) = IndicatorLoader.load(try files())
        if let languages { library = library.restricted(toLanguages: languages) }
        let compiled = CompiledLibrary(library)
        return (compiled, issues + compiled.issues)
    }
}
