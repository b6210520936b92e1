import ArgumentParser
import Foundation
import LureScan

/// `lurescan triage --db FILE DOCUMENT-ID --status S --note "..."` sets a document's triage in a
/// case file; `lurescan triage --db FILE --list [--status S]` lists documents with their status.
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set or list the triage (status, note) of documents in a SQLite case file.")

    @Option(help: ArgumentHelp("The case file (written by `lurescan scan --db FILE`).", valueName: "FILE"))
    var db: String

    @Argument(help: "The document's id (as in the scan's output and the documents table).")
    var document: String?

    @Option(help: "new, reviewed, relevant or dismissed (with --list: only documents with this status).")
    var status: TriageStatus?

    @Option(help: "A note on the document (replaces the previous one).")
    var note: String?

    @Flag(help: "List the documents that scored above zero or were triaged, highest score first.")
    var list = false

    func validate() throws {
        if list {
            guard document == nil, note == nil else { throw ValidationError("--list takes no DOCUMENT-ID and no --note") }
        } else {
            guard document != nil else { throw ValidationError("give a DOCUMENT-ID, or --list") }
            guard status != nil || note != nil else { throw ValidationError("give --status and/or --note") }
        }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            Console.error("lurescan: no case file at \(db)")
            throw ExitCodes.fatal
        }
        let caseFile: CaseFile
        do {
            caseFile = try CaseFile(path: db)
        } catch {
            Console.error("lurescan: cannot open the case file \(db): \(error)")
            throw ExitCodes.fatal
        }
        do {
            if list {
                let entries = try caseFile.triageList(status: status)
                print(["status", "score", "band", "crime", "document", "note", "time"].joined(separator: "\t"))
                for entry in entries { print(Self.line(entry)) }
            } else if let document {
                print(Self.line(try caseFile.setTriage(document: document, status: status, note: note)))
            }
        } catch {
            Console.error("lurescan: \(error)")
            throw ExitCodes.fatal
        }
    }

    static func line(_ entry: TriageEntry) -> String {
        [entry.status.rawValue, entry.score.map { String(format: "%.2f", $0) } ?? "-", entry.band ?? "-", entry.crime ?? "-",
         entry.document, entry.note.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") } ?? "",
         entry.time ?? ""].joined(separator: "\t")
    }
}

extension TriageStatus: ExpressibleByArgument {}
