import ArgumentParser
import LureScan

struct ListIndicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators", abstract: "List the loaded indicator library.")

    @OptionGroup var library: LibraryOptions

    func run() throws {
        let compiled = try library.load()
        let columns = ["ID", "LANG", "CATEGORY", "ELEMENT", "CRIME", "WEIGHT", "STATUS"]
        var rows = compiled.library.indicators.map {
            [$0.id, $0.language, $0.category.rawValue, $0.element.rawValue, $0.crime.rawValue, String($0.weight), $0.status.rawValue]
        }
        rows += compiled.library.composites.map { [$0.id, $0.language, "composite", "-", $0.crime.rawValue, String($0.weight), "-"] }
        let widths = columns.indices.map { column in ([columns] + rows).map { $0[column].count }.max()! }
        for row in [columns] + rows {
            print(zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  "))
        }
    }
}
