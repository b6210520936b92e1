import ArgumentParser
import Foundation
import LureScan

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one file's normalized text, every hit with its normalized and original spans, and the score breakdown.")

    @Argument(help: "The file to explain (- for standard input).")
    var path: String

    @OptionGroup var library: LibraryOptions

    @Option(name: .customLong("input-format"), help: "Read the file as this format: text, html, jsonl or csv.")
    var inputFormat: InputFormat?

    func run() throws {
        let compiled = try library.load()
        let assessor = DocumentAssessor(compiled: compiled)
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else {
            Console.error("lurescan: \(path): cannot be read")
            throw ExitCodes.fatal
        }
        let scratch = MatchScratch()
        var output = ""
        data.withUnsafeBytes { raw in
            switch SourceOpener.open(raw, path: path, forcedFormat: inputFormat) {
            case .binary:
                output = "\(path): binary file, skipped\n"
            case .readable(let source):
                Readers.reader(for: source.format).read(raw.bindMemory(to: UInt8.self), source: source, options: ReaderOptions()) { result in
                    switch result {
                    case .document(let document):
                        let (assessment, normalized) = assessor.assess(document, scratch: scratch)
                        output += ExplanationText.render(assessment, normalized: normalized) + "\n"
                    case .failure(let failure):
                        output += "error: \(failure)\n\n"
                    }
                }
            }
        }
        print(output, terminator: "")
    }
}
