import Foundation

/// The ranked table for a person at a terminal: rank, score, band, crime, document, top
/// indicators and an excerpt with the strongest hit marked. Colour only when asked (the
/// CLI asks on a TTY without NO_COLOR).
public struct TableSink: AssessmentSink {
    let output: OutputStream
    let color: Bool
    private var skippedCount = 0
    private var rows = 0

    public init(output: OutputStream, color: Bool) {
        self.output = output
        self.color = color
        output.write(Self.pad("RANK", 4) + "  " + Self.pad("SCORE", 5) + "  " + Self.pad("BAND", 6) + "  "
                     + Self.pad("CRIME", 11) + "  " + Self.pad("DOCUMENT", 32) + "  " + "TOP INDICATORS / EVIDENCE\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// The last `width` characters of a path-like id: the file name matters most.
    static func tail(_ text: String, _ width: Int) -> String {
        text.count <= width ? pad(text, width) : "…" + String(text.suffix(width - 1))
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    public mutating func write(_ assessment: Assessment, rank: Int?) {
        rows += 1
        let bandColor = assessment.band == .high ? "1;31" : assessment.band == .medium ? "33" : "2"
        let indicators = assessment.contributions.filter { $0.kind != .coverage }.prefix(3).map(\.id).joined(separator: ", ")
        var line = Self.pad(rank.map(String.init) ?? "-", 4) + "  " + Self.pad(JSONText.number(assessment.score), 5) + "  "
        line += paint(Self.pad(assessment.band.rawValue, 6), bandColor) + "  " + Self.pad(assessment.crime?.rawValue ?? "-", 11) + "  "
        line += Self.tail(assessment.documentID, 32) + "  " + indicators + "\n"
        let indent = String(repeating: " ", count: 68)
        if let details = assessment.conversation {
            // A conversation: its strongest messages, quoted with sender and time.
            let roles = details.participants.compactMap { participant in participant.role.map { "\(participant.sender): \($0.rawValue)" } }
            line += indent + "\(details.messageCount) messages, \(details.messages.count) with evidence" + (roles.isEmpty ? "" : "; " + roles.joined(separator: ", ")) + "\n"
            for message in details.messages.sorted(by: { $0.hits.map(\.weight).max() ?? 0 > $1.hits.map(\.weight).max() ?? 0 }).prefix(3) {
                if let hit = message.hits.max(by: { $0.weight < $1.weight }) {
                    line += indent + "#\(message.index) \(message.timestamp ?? "") \(message.sender ?? "?"): " + excerpt(hit) + "\n"
                }
            }
        } else if let hit = assessment.hits.max(by: { $0.weight < $1.weight }) {
            line += indent + excerpt(hit) + "\n"
        }
        output.write(line)
    }

    /// About 70 characters of context around the hit, the hit marked.
    private func excerpt(_ hit: Hit) -> String {
        let context = Self.oneLine(hit.context)
        let quoted = Self.oneLine(hit.text)
        guard let range = context.range(of: quoted) else { return "\"" + quoted + "\"" }
        let before = String(context[..<range.lowerBound].suffix(30))
        let after = String(context[range.upperBound...].prefix(30))
        let marked = color ? paint(quoted, "1;4") : "[" + quoted + "]"
        return "…" + before + marked + after + "…"
    }

    public mutating func write(_ record: SkipRecord) {
        skippedCount += 1
        let place = record.location.map { "\(record.path):\($0.line)" } ?? record.path
        output.write(Self.pad("-", 4) + "  " + Self.pad("", 5) + "  " + Self.pad(record.kind.rawValue, 6) + "  "
                     + Self.pad("", 11) + "  " + Self.tail(place, 32) + "  " + record.reason + "\n")
    }

    public mutating func flush() {
        output.flush()
    }

    public mutating func finish(_ summary: ScanSummary) {
        if rows == 0 && skippedCount == 0 { output.write("(no document scored above the minimum)\n") }
        output.flush()
    }
}
