import ArgumentParser
import Foundation
import LureScan

/// `lurescan vocabulary`: learns a language's vocabulary file from labeled corpora (dev split).
struct VocabularyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocabulary",
        abstract: "Learn a language's vocabulary (indicators/<lang>/vocabulary.yml) from labeled corpora, dev split only.")

    @Option(name: .customLong("labels"), help: "A labels CSV (path,label,language,obfuscated,split,notes); repeatable.")
    var labels: [String]

    @Option(help: "The language to learn: only its labeled documents are read.")
    var language: String

    @Option(help: "The split to learn from (test figures stay honest only when this is dev).")
    var split: String = "dev"

    @Option(help: "The most the vocabulary adds to a score (below the medium band).")
    var weight: Double = VocabularyTrainer.defaultWeight

    @Option(help: "Where to write the vocabulary file (default: standard output).")
    var out: String?

    @OptionGroup var library: LibraryOptions

    func run() throws {
        var labeled: [LabeledDocument] = []
        for file in labels {
            do { labeled += try LabelsFile.load(file).filter { $0.split == split && $0.language == language } } catch {
                Console.error("lurescan: \(error)")
                throw ExitCodes.fatal
            }
        }
        guard labeled.contains(where: { $0.label == .benign }), labeled.contains(where: { $0.label != .benign }) else {
            Console.error("lurescan: the \(split) split holds no \(language) benign and lure documents to learn from")
            throw ExitCodes.fatal
        }
        let (examples, unread) = VocabularyTrainer.examples(from: labeled, assessor: DocumentAssessor(compiled: try library.load()))
        for (path, reason) in unread { Console.error("lurescan: \(path): \(reason)") }
        let lures = examples.filter(\.isLure).count
        let source = "\(examples.count) \(split) documents (\(lures) lure or smuggling, \(examples.count - lures) benign) of " + labels.joined(separator: ", ")
        let vocabulary = VocabularyTrainer.train(examples, language: language, weight: weight, trainedOn: source)
        if let out {
            try vocabulary.yaml.write(toFile: out, atomically: true, encoding: .utf8)
            Console.error("\(out): \(vocabulary.terms.count) terms from \(source)")
        } else {
            print(vocabulary.yaml, terminator: "")
        }
    }
}
