import ArgumentParser
import LureScan

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the library: schema, duplicate ids, unreachable literals, risky patterns, patterns without a prefilter literal.")

    @Argument(help: "Indicator directories to lint instead of the shipped library.")
    var directories: [String] = []

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Exit non-zero on warnings too.")
    var strict = false

    func run() throws {
        var options = library
        if !directories.isEmpty { options.only += directories }
        let (compiled, issues) = try loadOrExit(options.selection)
        let all = issues + Linter(compiled: compiled).run()
        for issue in all { print(issue.description) }
        let errors = all.filter { $0.severity == .error }.count
        let warnings = all.count - errors
        print("\(compiled.library.indicators.count) indicators, \(compiled.library.composites.count) composites: \(errors) errors, \(warnings) warnings")
        if errors > 0 || (strict && warnings > 0) { throw ExitCodes.failure }
    }
}
