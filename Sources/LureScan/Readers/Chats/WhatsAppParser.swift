/// What a WhatsApp "Export chat" text holds, line by line: the messages, the system lines
/// (not messages, but accounted for), and what could not be read. Byte offsets are into the
/// bytes parsed: the export's own, so every message quotes its source exactly, or its UTF-8
/// conversion (`ExportText` maps those back).
struct WhatsAppChat: Sendable {
    struct Message: Sendable {
        /// The line of the timestamp (1-based).
        var line: Int
        /// From the start of the timestamp line to the end of the message's last line.
        var range: Range<Int>
        /// The message body: after `Name: ` on the first line, through its continuation lines,
        /// line breaks included; the final line break is not part of it.
        var textRange: Range<Int>
        var sender: String?
        /// ISO 8601 local time; nil when the date does not exist under the file's date order.
        var timestamp: String?
    }

    /// A timestamped line without an author ("You added Ana"), or a notice WhatsApp writes in
    /// someone's name (the end-to-end encryption notice of iOS exports); with its continuation lines.
    struct SystemLine: Sendable {
        var line: Int
        var range: Range<Int>
    }

    struct Problem: Sendable, Error {
        var line: Int
        var range: Range<Int>
        var reason: String
    }

    var messages: [Message] = []
    var systemLines: [SystemLine] = []
    /// Lines that could not be read; the messages around them still are.
    var problems: [Problem] = []
    /// The date order used: the one asked for, or the one the dates imply.
    var dateOrder: WhatsAppDateOrder = .dayMonthYear
    /// Set when the file cannot be read at all (no timestamped line, or dates that contradict
    /// each other); `messages` is then empty.
    var fileProblem: Problem?
}

enum WhatsAppParser {
    /// A timestamped line as first read, before the date order is known.
    private struct Entry {
        var line: Int
        var start: Int          // start of the line
        var rest: Int           // where `Name: text` (or the notice) begins
        var headerEnd: Int      // end of the timestamp line, line break excluded
        var end: Int            // end of its last non-blank continuation line
        var stamp: WhatsAppStamp
        var lastLine: Int
        /// The first of its lines longer than the limit (or cut by `ExportText`).
        var overlongLine: Int?
    }

    /// `limit`: a message larger than this many bytes is a problem, never read (nil: no
    /// limit). `cutLines`: lines that are longer than the limit in the file but reach the
    /// parser cut short (`ExportText`), so their messages are refused too. `pages`: the
    /// source's mapped pages, released as lines are passed.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, dateOrder: WhatsAppDateOrder? = nil,
                      limit: Int? = nil, cutLines: Set<Int> = [], pages: MappedPages? = nil) -> WhatsAppChat {
        var chat = WhatsAppChat()
        var entries: [Entry] = []
        var preamble: WhatsAppChat.Problem?

        forEachLine(bytes, pages: pages) { line, start, end in
            // An over-long line is never scanned for blankness: it is accounted for, whatever it holds.
            let overlong = cutLines.contains(line) || limit.map { end - start > $0 } == true
            if let (stamp, rest) = WhatsAppStamp.parse(bytes, start: start, end: end) {
                entries.append(Entry(line: line, start: start, rest: rest, headerEnd: end, end: end, stamp: stamp,
                                     lastLine: line, overlongLine: overlong ? line : nil))
            } else if !overlong && isBlank(bytes, start, end) {
                return
            } else if entries.isEmpty {
                // Text before the first message: not an export's shape.
                if preamble == nil {
                    preamble = .init(line: line, range: start..<end, reason: "")
                } else {
                    preamble!.range = preamble!.range.lowerBound..<end
                }
            } else {
                // Any other line continues the message above it: that is how multi-line messages look.
                entries[entries.count - 1].end = end
                entries[entries.count - 1].lastLine = line
                if overlong && entries[entries.count - 1].overlongLine == nil { entries[entries.count - 1].overlongLine = line }
            }
        }

        guard !entries.isEmpty else {
            chat.fileProblem = .init(line: 1, range: 0..<bytes.count, reason: "no WhatsApp message line (date, time and name) found")
            return chat
        }
        if var preamble {
            let lines = entries[0].line - preamble.line
            preamble.reason = "text before the first WhatsApp message is not part of a chat export (\(lines) line\(lines == 1 ? "" : "s"))"
            chat.problems.append(preamble)
        }

        if let dateOrder {
            chat.dateOrder = dateOrder
        } else {
            switch inferOrder(entries) {
            case .success(let order): chat.dateOrder = order
            case .failure(let problem):
                chat.fileProblem = problem
                return chat
            }
        }

        for entry in entries {
            if let limit, entry.overlongLine != nil || entry.end - entry.start > limit {
                chat.problems.append(oversized(entry, limit: limit))
            } else {
                classify(entry, bytes: bytes, into: &chat)
            }
        }
        return chat
    }

    /// A message too large to read: never classified (its name and text are not touched),
    /// located at its timestamp line, naming the over-long line when another one.
    private static func oversized(_ entry: Entry, limit: Int) -> WhatsAppChat.Problem {
        var reason = "message larger than \(limit) bytes"
        if let line = entry.overlongLine, line != entry.line {
            reason += " (its line \(line) alone is longer)"
        } else if entry.lastLine != entry.line {
            reason += " (lines \(entry.line)-\(entry.lastLine))"
        }
        return .init(line: entry.line, range: entry.start..<entry.end, reason: reason + ", not read")
    }

    /// Day first when some first number exceeds 12, month first when some second number does;
    /// both in one file is a contradiction. Ambiguous files default to d/m/y.
    private static func inferOrder(_ entries: [Entry]) -> Result<WhatsAppDateOrder, WhatsAppChat.Problem> {
        var dayFirst: Entry?, monthFirst: Entry?
        for entry in entries where !entry.stamp.isYearFirst {
            if dayFirst == nil && entry.stamp.parts[0] > 12 { dayFirst = entry }
            if monthFirst == nil && entry.stamp.parts[1] > 12 { monthFirst = entry }
        }
        switch (dayFirst, monthFirst) {
        case let (day?, month?):
            let later = day.line > month.line ? day : month
            let reason = "dates contradict each other: line \(day.line) puts the day first, line \(month.line) the month first; give the date order (dmy or mdy)"
            return .failure(.init(line: later.line, range: later.start..<later.headerEnd, reason: reason))
        case (_?, nil): return .success(.dayMonthYear)
        case (nil, _?): return .success(.monthDayYear)
        case (nil, nil): return .success(.dayMonthYear)
        }
    }

    /// A message (`Name: text`), or a system line.
    private static func classify(_ entry: Entry, bytes: UnsafeBufferPointer<UInt8>, into chat: inout WhatsAppChat) {
        let range = entry.start..<entry.end
        // iOS writes its own notices with a left-to-right mark before them ("‎You added Ana"):
        // a name never starts with one.
        let startsWithMark = entry.rest + 3 <= entry.headerEnd
            && bytes[entry.rest] == 0xE2 && bytes[entry.rest + 1] == 0x80 && bytes[entry.rest + 2] == 0x8E
        guard !startsWithMark, let colon = authorColon(bytes, from: entry.rest, to: entry.headerEnd) else {
            chat.systemLines.append(.init(line: entry.line, range: range))
            return
        }
        var bodyStart = colon + 1
        if bodyStart < entry.headerEnd && bytes[bodyStart] == 0x20 { bodyStart += 1 }
        let textRange = bodyStart..<max(bodyStart, entry.end)
        if WhatsAppSystemNotices.isNotice(bytes, textRange) {
            chat.systemLines.append(.init(line: entry.line, range: range))
            return
        }
        let name = WhatsAppMarks.cleaned(String(decoding: UnsafeBufferPointer(rebasing: bytes[entry.rest..<colon]), as: UTF8.self))
        let timestamp = entry.stamp.iso8601(order: chat.dateOrder)
        if timestamp == nil {
            chat.problems.append(.init(line: entry.line, range: entry.start..<entry.headerEnd,
                                       reason: "no such date under the \(chat.dateOrder.rawValue) date order; message read without a timestamp"))
        }
        chat.messages.append(.init(line: entry.line, range: range, textRange: textRange,
                                   sender: name.isEmpty ? nil : name, timestamp: timestamp))
    }

    /// The colon that ends the author: the first `": "`, or a `:` ending the line (an empty
    /// message, e.g. a view-once photo). None: a system line ("You added Ana", "Ana:." for a
    /// disappearing message, which carries no text).
    private static func authorColon(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == 0x3A && (index + 1 == end || bytes[index + 1] == 0x20) { return index }
            index += 1
        }
        return nil
    }

    /// Calls `body(lineNumber, start, end)` for every line; `end` excludes `\n` and a `\r` before it.
    /// `pages` are released behind the scan, inside a long line too.
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, pages: MappedPages? = nil, _ body: (Int, Int, Int) -> Void) {
        var start = 0, line = 1
        while start < bytes.count {
            // A window at a time, so pages go even while one long line is crossed.
            var newline = start
            while newline < bytes.count {
                let windowEnd = min(bytes.count, newline + MappedPages.window)
                if let found = bytes[newline..<windowEnd].firstIndex(of: 0x0A) {
                    newline = found
                    break
                }
                newline = windowEnd
                pages?.release(upTo: newline)
            }
            pages?.release(upTo: newline)
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            body(line, start, end)
            start = newline + 1
            line += 1
        }
    }

    /// Only spaces, tabs and invisible marks.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            guard scalar == 0x20 || scalar == 0x09 || scalar == 0x0D || scalar == 0xA0 || WhatsAppMarks.isMark(scalar) else { return false }
            index += length
        }
        return true
    }
}
