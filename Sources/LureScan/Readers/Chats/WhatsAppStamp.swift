/// The order of day, month and year in a WhatsApp export's dates. Exports follow the phone's
/// locale and say nothing about it, so the reader infers the order from the whole file.
public enum WhatsAppDateOrder: String, Sendable, CaseIterable {
    case dayMonthYear = "dmy"
    case monthDayYear = "mdy"
    case yearMonthDay = "ymd"
}

/// The date and time that open a WhatsApp message line, as written:
/// `31/01/2020, 14:05 - `, `[1/31/20, 2:05:09 PM] `, `[14:05:09, 1/31/20] ` (Vietnamese),
/// `[3/18/2565 BE, 14:56:01] ` (Buddhist calendar), `[3/18/R4, 14:56:01] ` (Japanese era),
/// `[١٨/٣/٢٠٢٢، ٢:٥٦:٠٠ م] ` (Arabic digits), with the invisible marks WhatsApp scatters
/// through them. Only the layout is read here; which number is the day is decided per file.
struct WhatsAppStamp: Equatable, Sendable {
    /// The three date numbers in written order, and how many digits each had.
    var parts: [Int]
    var digits: [Int]
    /// Added to the last number when the year was written in an era (`R4` is 2018 + 4);
    /// -543 for the Buddhist era (`2565 BE`); nil for a plain year.
    var eraOffset: Int?
    var hour: Int
    var minute: Int
    var second: Int
    /// True for PM, false for AM, nil for a 24-hour clock.
    var afternoon: Bool?

    /// A first number of 3 or 4 digits can only be a year: such dates are y/m/d whatever the file's order.
    var isYearFirst: Bool { digits[0] >= 3 }

    /// The date under `order`, in the Gregorian calendar; nil when no such day exists.
    func date(order: WhatsAppDateOrder) -> (year: Int, month: Int, day: Int)? {
        let year: Int, month: Int, day: Int
        switch isYearFirst ? .yearMonthDay : order {
        case .yearMonthDay: (year, month, day) = (Self.year(parts[0], digits: digits[0], eraOffset: nil), parts[1], parts[2])
        case .dayMonthYear: (year, month, day) = (Self.year(parts[2], digits: digits[2], eraOffset: eraOffset), parts[1], parts[0])
        case .monthDayYear: (year, month, day) = (Self.year(parts[2], digits: digits[2], eraOffset: eraOffset), parts[0], parts[1])
        }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    /// ISO 8601 local time without an offset (exports carry no time zone), e.g. `2020-01-31T14:05:00`.
    func iso8601(order: WhatsAppDateOrder) -> String? {
        guard let (year, month, day) = date(order: order) else { return nil }
        var hour24 = hour
        // Some exports write a 24-hour time with a marker anyway (`23:59 PM`, `00:04 AM`): keep those hours.
        if afternoon == true && hour < 12 { hour24 += 12 }
        if afternoon == false && hour == 12 { hour24 = 0 }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(two(month))-\(two(day))T\(two(hour24)):\(two(minute)):\(two(second))"
    }

    private static func year(_ value: Int, digits: Int, eraOffset: Int?) -> Int {
        if let eraOffset { return value + eraOffset }
        if digits <= 2 { return 2000 + value }
        // A Thai phone may write Buddhist years without `BE`; no WhatsApp message is dated after 2400.
        if value >= 2400 { return value - 543 }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension WhatsAppStamp {
    /// Reads the timestamp that opens the line `start..<end` of `bytes`, with the separator
    /// after it (`" - "` on Android, `"] "` on iOS). Returns the stamp and the offset where the
    /// rest of the line (`Name: text`, or a system notice) begins; nil when the line does not
    /// open with a timestamp.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> (stamp: WhatsAppStamp, rest: Int)? {
        var cursor = StampCursor(bytes: bytes, end: end, position: start)
        cursor.skipMarks()
        let bracketed = cursor.take(0x5B) // [
        cursor.skipMarks()
        let afterOpen = cursor.position
        let stamp: WhatsAppStamp
        if let dateFirst = cursor.dateThenTime() {
            stamp = dateFirst
        } else {
            cursor.position = afterOpen
            guard let timeFirst = cursor.timeThenDate() else { return nil }
            stamp = timeFirst
        }
        // A day or a month never passes 31: anything larger is some other number.
        guard stamp.isYearFirst || stamp.parts[0] <= 31, stamp.parts[1] <= 31 else { return nil }
        cursor.skipMarks()
        if bracketed {
            _ = cursor.skipSpaces()
            guard cursor.take(0x5D) else { return nil } // ]
            _ = cursor.take(0x20)
        } else {
            guard cursor.skipSpaces() > 0, cursor.take(0x2D) || cursor.take(0x2013) else { return nil } // - or –
            guard cursor.take(0x20) || cursor.position >= end else { return nil }
        }
        return (stamp, cursor.position)
    }
}

/// Walks the scalars of one line for `WhatsAppStamp.parse`.
private struct StampCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var position: Int

    func peek() -> UInt32? {
        position < end ? UTF8Scalars.decode(bytes, at: position).scalar : nil
    }

    mutating func advance() {
        position += UTF8Scalars.decode(bytes, at: position).length
    }

    mutating func take(_ scalar: UInt32) -> Bool {
        guard peek() == scalar else { return false }
        advance()
        return true
    }

    /// Skips the invisible direction marks and byte-order marks WhatsApp writes around
    /// timestamps and names (LRM, RLM, ALM, embeddings, isolates, BOM).
    mutating func skipMarks() {
        while let scalar = peek(), WhatsAppMarks.isMark(scalar) { advance() }
    }

    /// Skips spaces, no-break spaces and narrow no-break spaces; returns how many.
    mutating func skipSpaces() -> Int {
        var count = 0
        while let scalar = peek(), scalar == 0x20 || scalar == 0xA0 || scalar == 0x202F || scalar == 0x2009 {
            advance()
            count += 1
        }
        return count
    }

    /// A run of decimal digits of any script (ASCII, Arabic-Indic, …), at most `maximum` long.
    mutating func number(maximum: Int) -> (value: Int, digits: Int)? {
        var value = 0, digits = 0
        while digits < maximum, let scalar = peek(), let digit = Self.digitValue(scalar) {
            value = value * 10 + digit
            digits += 1
            advance()
        }
        if digits == maximum, let scalar = peek(), Self.digitValue(scalar) != nil { return nil }
        return digits > 0 ? (value, digits) : nil
    }

    static func digitValue(_ scalar: UInt32) -> Int? {
        if scalar >= 0x30 && scalar <= 0x39 { return Int(scalar - 0x30) }
        guard scalar >= 0x80, let unicode = Unicode.Scalar(scalar),
              unicode.properties.numericType == .decimal, let value = unicode.properties.numericValue else { return nil }
        return Int(value)
    }

    /// `d/m/y`, `m/d/y` or `y/m/d` with slashes, dots or dashes; the year may be `2565 BE` or `R4`.
    mutating func date() -> (parts: [Int], digits: [Int], eraOffset: Int?)? {
        guard let first = number(maximum: 4) else { return nil }
        skipMarks()
        guard let separator = peek(), separator == 0x2F || separator == 0x2E || separator == 0x2D else { return nil }
        advance()
        skipMarks()
        guard let second = number(maximum: 2) else { return nil }
        skipMarks()
        guard take(separator) else { return nil }
        skipMarks()
        var eraOffset: Int?
        if first.digits < 3, let letter = peek(), let offset = Self.japaneseEras[letter] {
            advance()
            eraOffset = offset
        }
        guard let third = number(maximum: 4) else { return nil }
        if first.digits >= 3 && third.digits > 2 { return nil }
        if eraOffset == nil && third.digits >= 3 {
            // The Buddhist era: `3/18/2565 BE`.
            let save = position
            if skipSpaces() > 0 && take(0x42) && take(0x45) { eraOffset = -543 } else { position = save } // B E
        }
        return ([first.value, second.value, third.value], [first.digits, second.digits, third.digits], eraOffset)
    }

    /// The eras a Japanese-calendar iPhone writes before the year: Reiwa, Heisei, Shōwa.
    static let japaneseEras: [UInt32: Int] = [0x52: 2018, 0x48: 1988, 0x53: 1925] // R H S

    /// `14:05`, `2:05:09 PM`, `14.05.09` (Indonesian), `10:37 p. m.`, `٢:٥٦:٠٠ م`, `午後2:05`, `13:01.`.
    mutating func time() -> (hour: Int, minute: Int, second: Int, afternoon: Bool?)? {
        var afternoon = prefixMeridiem()
        if afternoon != nil { _ = skipSpaces() }
        guard let hour = number(maximum: 2) else { return nil }
        skipMarks()
        guard let separator = peek(), separator == 0x3A || separator == 0x2E else { return nil }
        advance()
        guard let minute = number(maximum: 2), minute.digits == 2 else { return nil }
        var second = 0
        let beforeSeconds = position
        if take(separator) {
            if let seconds = number(maximum: 2), seconds.digits == 2 { second = seconds.value } else { position = beforeSeconds }
        }
        if afternoon == nil { afternoon = suffixMeridiem() }
        // `2022/12/24, 13:01. - ` (an old Android export): a stray dot after the time.
        if peek() == 0x2E {
            let save = position
            advance()
            if let next = peek(), next != 0x20 && next != 0x5D && next != 0xA0 && next != 0x202F { position = save }
        }
        guard hour.value <= 23, minute.value <= 59, second <= 59 else { return nil }
        return (hour.value, minute.value, second, afternoon)
    }

    /// `AM`, `pm`, `a.m.`, `p. m.` (the space may be a no-break one), Arabic `ص`/`م`.
    private mutating func suffixMeridiem() -> Bool? {
        let save = position
        _ = skipSpaces()
        skipMarks()
        if let scalar = peek() {
            switch scalar {
            case 0x61, 0x41, 0x70, 0x50: // a A p P
                advance()
                _ = take(0x2E)
                _ = skipSpaces()
                if take(0x6D) || take(0x4D) { // m M
                    _ = take(0x2E)
                    if let next = peek(), (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A { break }
                    return scalar == 0x70 || scalar == 0x50
                }
            case 0x635: advance(); return false // ص
            case 0x645: advance(); return true  // م
            default: break
            }
        }
        position = save
        return nil
    }

    /// `午前`/`午後` (Japanese), `上午`/`下午` (Chinese), `오전`/`오후` (Korean) before the hour.
    private mutating func prefixMeridiem() -> Bool? {
        let markers: [(UInt32, UInt32, Bool)] = [
            (0x5348, 0x524D, false), (0x5348, 0x5F8C, true), (0x4E0A, 0x5348, false), (0x4E0B, 0x5348, true),
            (0xC624, 0xC804, false), (0xC624, 0xD6C4, true),
        ]
        let save = position
        guard let first = peek() else { return nil }
        advance()
        let second = peek()
        for (a, b, afternoon) in markers where a == first && b == second {
            advance()
            return afternoon
        }
        position = save
        return nil
    }

    /// The separator between date and time: a comma (Latin or Arabic), spaces, or both.
    private mutating func dateTimeSeparator() -> Bool {
        skipMarks()
        let comma = take(0x2C) || take(0x60C)
        skipMarks()
        let spaces = skipSpaces()
        skipMarks()
        return comma || spaces > 0
    }

    mutating func dateThenTime() -> WhatsAppStamp? {
        guard let date = date(), dateTimeSeparator(), let time = time() else { return nil }
        return WhatsAppStamp(parts: date.parts, digits: date.digits, eraOffset: date.eraOffset,
                             hour: time.hour, minute: time.minute, second: time.second, afternoon: time.afternoon)
    }

    mutating func timeThenDate() -> WhatsAppStamp? {
        guard let time = time(), dateTimeSeparator(), let date = date() else { return nil }
        return WhatsAppStamp(parts: date.parts, digits: date.digits, eraOffset: date.eraOffset,
                             hour: time.hour, minute: time.minute, second: time.second, afternoon: time.afternoon)
    }
}

/// The invisible characters WhatsApp writes around timestamps, names and notices.
enum WhatsAppMarks {
    static func isMark(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x200E, 0x200F, 0x061C, 0xFEFF, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` without marks, no-break spaces as plain spaces, trimmed.
    static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isMark(scalar.value) {
            scalars.append(scalar.value == 0xA0 || scalar.value == 0x202F ? " " : scalar)
        }
        var cleaned = Substring(String(scalars))
        while cleaned.first?.isWhitespace == true { cleaned.removeFirst() }
        while cleaned.last?.isWhitespace == true { cleaned.removeLast() }
        return String(cleaned)
    }
}
