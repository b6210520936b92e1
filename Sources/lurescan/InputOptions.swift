import ArgumentParser
import Foundation
import LureScan

/// How sources are read and by how many workers: options shared by every command that scans.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("text-fields"), help: "JSONL keys / CSV columns holding the text (comma-separated).")
    var textFields: String?

    @Option(name: .customLong("id-field"), help: "JSONL key / CSV column holding the document id.")
    var idField: String?

    @Option(name: .customLong("input-format"), help: "Read every source as this format: text, html, jsonl, csv, whatsapp, telegram, sms, facebook or email.")
    var inputFormat: InputFormat?

    @Option(name: .customLong("date-order"), help: "Date order of WhatsApp exports: dmy, mdy or ymd (default: inferred per file).")
    var dateOrder: WhatsAppDateOrder?

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// Applies these choices to scan options.
    func apply(to options: inout ScanOptions) {
        options.jobs = jobs
        options.inputFormat = inputFormat
        options.reader = ReaderOptions(textFields: textFields.map { $0.split(separator: ",").map(String.init) }, idField: idField, dateOrder: dateOrder)
    }
}
