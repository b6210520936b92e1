import ArgumentParser
import LureScan

/// Exit codes, on grep's model (documented in the README):
/// 0 found something (scan: a document at band medium or above; test/lint: all passed),
/// 1 found nothing (scan) or failures (test/lint), 2 usage or fatal error.
enum ExitCodes {
    static let found = ExitCode(0)
    static let nothingFound = ExitCode(1)
    static let failure = ExitCode(1)
    static let fatal = ExitCode(2)
}

@main
struct LureScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lurescan",
        abstract: "Find human-trafficking recruitment lures and migrant-smuggling offers in text.",
        version: "0.1.0",
        subcommands: [Scan.self, Explain.self, TestIndicators.self, Lint.self, ListIndicators.self, Eval.self, VocabularyCommand.self, Links.self, Triage.self, Profile.self],
        defaultSubcommand: Scan.self
    )
}

/// Options shared by every command that loads the indicator library.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("indicators"), help: ArgumentHelp("Add the indicator set in DIR (repeatable).", valueName: "DIR"))
    var additional: [String] = []

    @Option(name: .customLong("only-indicators"), help: ArgumentHelp("Use only the indicator set in DIR, not the shipped one (repeatable).", valueName: "DIR"))
    var only: [String] = []

    @Option(name: .customLong("lang"), help: ArgumentHelp("Only indicators of these languages (comma-separated, e.g. en,es).", valueName: "LIST"))
    var languages: String?

    var selection: LibrarySelection {
        LibrarySelection(additional: additional, only: only,
                         languages: languages.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) })
    }

    /// Loads the library; errors go to stderr, and only a library that cannot load at all stops the command.
    func load() throws -> CompiledLibrary {
        do {
            let (compiled, issues) = try selection.load()
            for issue in issues { Console.error(issue.description) }
            return compiled
        } catch {
            Console.error("lurescan: \(error)")
            throw ExitCodes.fatal
        }
    }
}
