import ArgumentParser
import Foundation
import LureScan

struct ListIndicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators", abstract: "List the loaded indicator library.")

    @OptionGroup var library: LibraryOptions

    @Option(name: .customLong("export-patterns"), help: ArgumentHelp("Write every pattern, one per line, to FILE (for rg -P -f).", valueName: "FILE"))
    var exportPatterns: String?

    @Option(name: .customLong("export-rust-patterns"), help: ArgumentHelp("Write the patterns ripgrep's default engine accepts, with ASCII word boundaries, to FILE.", valueName: "FILE"))
    var exportRustPatterns: String?

    func run() throws {
        let compiled = try library.load()
        if exportPatterns != nil || exportRustPatterns != nil {
            if let file = exportPatterns { try PatternExport.pcre2(compiled.library).write(toFile: file, atomically: true, encoding: .utf8) }
            if let file = exportRustPatterns {
                let export = PatternExport.rust(compiled.library)
                try export.text.write(toFile: file, atomically: true, encoding: .utf8)
                Console.error("\(export.kept) patterns exported, \(export.dropped) left out (look-around or back-references)")
            }
            return
        }
        let columns = ["ID", "LANG", "CATEGORY", "ELEMENT", "CRIME", "WEIGHT", "STATUS", "SCOPE"]
        var rows = compiled.library.indicators.map {
            [$0.id, $0.language, $0.category.rawValue, $0.element.rawValue, $0.crime.rawValue, String($0.weight), $0.status.rawValue, $0.scope.rawValue]
        }
        rows += compiled.library.composites.map { [$0.id, $0.language, "composite", "-", $0.crime.rawValue, String($0.weight), "-", "-"] }
        let widths = columns.indices.map { column in ([columns] + rows).map { $0[column].count }.max()! }
        for row in [columns] + rows {
            print(zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  "))
        }
    }
}
