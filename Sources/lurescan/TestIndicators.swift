import ArgumentParser
import LureScan

struct TestIndicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every example of every indicator and composite (the shipped library when no DIR is given).")

    @Argument(help: "Indicator directories to test instead of the shipped library.")
    var directories: [String] = []

    @OptionGroup var library: LibraryOptions

    func run() throws {
        var options = library
        if !directories.isEmpty { options.only += directories }
        let (compiled, issues) = try loadOrExit(options.selection)
        let errors = issues.filter { $0.severity == .error }
        for issue in errors { Console.error(issue.description) }
        let report = ExampleRunner(compiled: compiled).run()
        for failure in report.failures { print(failure.description) }
        let library = compiled.library
        print("\(library.indicators.count) indicators and \(library.composites.count) composites\(errors.isEmpty ? "" : ", \(errors.count) load errors")")
        print("examples: \(report.checked - report.failures.count) passed, \(report.failures.count) failed")
        if !report.failures.isEmpty || !errors.isEmpty { throw ExitCodes.failure }
    }
}

func loadOrExit(_ selection: LibrarySelection) throws -> (CompiledLibrary, [LibraryIssue]) {
    do {
        return try selection.load()
    } catch {
        Console.error("lurescan: \(error)")
        throw ExitCodes.fatal
    }
}
