import Foundation

/// A labeled corpus: which documents are lures, smuggling offers or benign (corpora/labeled/<lang>/labels.csv).
public struct LabeledDocument: Sendable, Hashable {
    public enum Label: String, Sendable, CaseIterable { case lure, smuggling, benign }

    /// The path as the scanner sees it (the labels file's folder joined with its `path`).
    public var path: String
    public var label: Label
    public var language: String
    public var obfuscated: Bool
    public var split: String
    public var notes: String
}

public enum LabelsFile {
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var field: String?
        public var message: String
        public var description: String { "\(file):\(line)\(field.map { " (\($0))" } ?? ""): \(message)" }
    }

    static let requiredColumns = ["path", "label", "language", "obfuscated", "split"]

    /// Reads a labels CSV (`path,label,language,obfuscated,split,notes`); paths are relative to its folder.
    public static func load(_ file: String) throws -> [LabeledDocument] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LoadError(file: file, line: 0, field: nil, message: "cannot be read")
        }
        let directory = (file as NSString).deletingLastPathComponent
        return try data.withUnsafeBytes { raw -> [LabeledDocument] in
            var parser = CSVReader.Parser(bytes: raw.bindMemory(to: UInt8.self))
            guard let header = parser.nextRecord() else { throw LoadError(file: file, line: 1, field: nil, message: "empty labels file") }
            let names = header.fields.map(\.string)
            for column in requiredColumns where !names.contains(column) {
                throw LoadError(file: file, line: 1, field: column, message: "missing column `\(column)`")
            }
            var documents: [LabeledDocument] = []
            while let row = parser.nextRecord() {
                let values = Dictionary(zip(names, row.fields.map(\.string)), uniquingKeysWith: { first, _ in first })
                if values.values.allSatisfy(\.isEmpty) { continue }
                guard let label = LabeledDocument.Label(rawValue: values["label"] ?? "") else {
                    throw LoadError(file: file, line: row.line, field: "label", message: "label must be lure, smuggling or benign, not `\(values["label"] ?? "")`")
                }
                guard let path = values["path"], !path.isEmpty else {
                    throw LoadError(file: file, line: row.line, field: "path", message: "empty path")
                }
                documents.append(LabeledDocument(
                    path: directory.isEmpty ? path : directory + "/" + path, label: label, language: values["language"] ?? "und",
                    obfuscated: values["obfuscated"]?.lowercased() == "true", split: values["split"] ?? "", notes: values["notes"] ?? ""))
            }
            return documents
        }
    }
}
