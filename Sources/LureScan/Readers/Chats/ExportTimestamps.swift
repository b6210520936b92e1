/// ISO 8601 timestamps for chat and mail exports, computed by hand rather than with
/// Foundation's formatters: exports carry dates far outside everyday ranges (test data in
/// the year 2369), and the civil-date arithmetic is exact for any year.
enum ExportTimestamps {
    /// `2024-01-15T10:30:00Z` (with `.SSS` when the milliseconds are not zero) for
    /// milliseconds since 1970-01-01 UTC; nil for a value beyond year 9999 or before year 1.
    static func iso8601(unixMilliseconds: Int64) -> String? {
        let milliseconds = Int(((unixMilliseconds % 1000) + 1000) % 1000)
        let seconds = (unixMilliseconds - Int64(milliseconds)) / 1000
        guard let base = iso8601(unixSeconds: seconds, offsetMinutes: 0) else { return nil }
        guard milliseconds != 0 else { return base }
        return String(base.dropLast()) + "." + pad(milliseconds, 3) + "Z"
    }

    /// The local time at `offsetMinutes` east of UTC, written with that offset
    /// (`Z` for zero); nil when out of range.
    static func iso8601(unixSeconds: Int64, offsetMinutes: Int) -> String? {
        guard unixSeconds > -62_135_596_800 + 86_400, unixSeconds < 253_402_300_800 - 86_400 else { return nil }
        let wallClock = unixSeconds + Int64(offsetMinutes) * 60
        let days = Int(wallClock >= 0 ? wallClock / 86_400 : (wallClock - 86_399) / 86_400)
        let secondOfDay = Int(wallClock - Int64(days) * 86_400)
        let date = civilDate(daysSinceEpoch: days)
        return local(year: date.year, month: date.month, day: date.day,
                     hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
            + offset(offsetMinutes)
    }

    /// `2024-01-15T10:30:00`: a wall-clock time whose offset is not known.
    static func local(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }

    /// `Z`, `+01:00`, `-05:30`.
    static func offset(_ minutes: Int) -> String {
        guard minutes != 0 else { return "Z" }
        let magnitude = abs(minutes)
        return (minutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch` (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
