/// The `Date:` of a message (RFC 5322 §3.3, with the obsolete forms of §4.3) as ISO 8601
/// with its offset: `Tue, 1 Jul 2003 10:52:37 +0200` -> `2003-07-01T10:52:37+02:00`.
/// The wall-clock time is kept as written; `-0000` (zone unknown, by the RFC) and unknown
/// zone names give no offset.
enum MIMEDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]

    static func iso8601(_ value: String) -> String? {
        // Drop comments `(CET)`, the day of the week, and split on spaces.
        var cleaned = ""
        var depth = 0
        for character in value {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(character == "," ? " " : character) }
        }
        var words = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        if let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter) { words.removeFirst() }
        guard words.count >= 4,
              let day = Int(words[0]), (1...31).contains(day),
              let month = months.firstIndex(of: String(words[1].prefix(3))),
              var year = Int(words[2]) else { return nil }
        if words[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
        let time = words[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, time.allSatisfy({ $0 != nil }) else { return nil }
        let hour = time[0]!, minute = time[1]!, second = time.count > 2 ? time[2]! : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second), (1...9999).contains(year) else { return nil }
        let local = ExportTimestamps.local(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        guard words.count >= 5 else { return local }
        return offset(words[4]).map { local + ExportTimestamps.offset($0) } ?? local
    }

    /// Minutes east of UTC for `+hhmm` / `-hhmm` or a named zone; nil when unknown.
    private static func offset(_ zone: String) -> Int? {
        if zone == "-0000" { return nil }
        if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let digits = Int(zone.dropFirst()) {
            let minutes = digits / 100 * 60 + digits % 100
            return sign == "-" ? -minutes : minutes
        }
        return zones[zone]
    }
}
