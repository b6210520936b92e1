/// A country's telephone numbering, as much as normalizing numbers needs: its calling
/// code, how many digits its national numbers have, its trunk prefix (dialled before a
/// national number at home, dropped abroad), and the digits national numbers may start
/// with when that is worth checking.
public struct PhoneRegion: Sendable, Hashable {
    public var iso: String
    public var callingCode: String
    public var nationalLengths: Set<Int>
    public var trunkPrefix: String?
    public var leadingDigits: Set<UInt8>?

    public init(iso: String, callingCode: String, nationalLengths: Set<Int>, trunkPrefix: String? = nil, leadingDigits: Set<UInt8>? = nil) {
        self.iso = iso
        self.callingCode = callingCode
        self.nationalLengths = nationalLengths
        self.trunkPrefix = trunkPrefix
        self.leadingDigits = leadingDigits
    }

    /// The region for an ISO 3166 alpha-2 code (`ES`, `pt`), nil when unknown.
    public static func named(_ iso: String) -> PhoneRegion? { byISO[iso.uppercased()] }

    /// Known regions, by ISO code.
    public static var codes: [String] { byISO.keys.sorted() }

    /// The regions of a calling code (`1` is shared by the US and Canada).
    static func regions(callingCode: String) -> [PhoneRegion] { byCallingCode[callingCode] ?? [] }

    /// The longest known calling code that `digits` (international, without `+`) starts with.
    static func callingCode(of digits: [UInt8]) -> String? {
        for length in [3, 2, 1] where digits.count > length {
            let code = String(decoding: digits[0..<length].map { $0 + 48 }, as: UTF8.self)
            if byCallingCode[code] != nil { return code }
        }
        return nil
    }

    static let all: [PhoneRegion] = [
        PhoneRegion(iso: "ES", callingCode: "34", nationalLengths: [9], leadingDigits: [6, 7, 8, 9]),
        PhoneRegion(iso: "PT", callingCode: "351", nationalLengths: [9], leadingDigits: [2, 3, 7, 8, 9]),
        PhoneRegion(iso: "FR", callingCode: "33", nationalLengths: [9], trunkPrefix: "0", leadingDigits: [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        PhoneRegion(iso: "GB", callingCode: "44", nationalLengths: [10], trunkPrefix: "0", leadingDigits: [1, 2, 3, 5, 7, 8, 9]),
        PhoneRegion(iso: "IE", callingCode: "353", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "US", callingCode: "1", nationalLengths: [10], trunkPrefix: "1", leadingDigits: [2, 3, 4, 5, 6, 7, 8, 9]),
        PhoneRegion(iso: "CA", callingCode: "1", nationalLengths: [10], trunkPrefix: "1", leadingDigits: [2, 3, 4, 5, 6, 7, 8, 9]),
        PhoneRegion(iso: "BR", callingCode: "55", nationalLengths: [10, 11], trunkPrefix: "0", leadingDigits: [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        PhoneRegion(iso: "MX", callingCode: "52", nationalLengths: [10]),
        PhoneRegion(iso: "CO", callingCode: "57", nationalLengths: [10]),
        PhoneRegion(iso: "AR", callingCode: "54", nationalLengths: [10, 11], trunkPrefix: "0"),
        PhoneRegion(iso: "VE", callingCode: "58", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "PE", callingCode: "51", nationalLengths: [9]),
        PhoneRegion(iso: "EC", callingCode: "593", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "CL", callingCode: "56", nationalLengths: [9]),
        PhoneRegion(iso: "BO", callingCode: "591", nationalLengths: [8]),
        PhoneRegion(iso: "PY", callingCode: "595", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "UY", callingCode: "598", nationalLengths: [8], trunkPrefix: "0"),
        PhoneRegion(iso: "CU", callingCode: "53", nationalLengths: [8]),
        PhoneRegion(iso: "DO", callingCode: "1", nationalLengths: [10], trunkPrefix: "1"),
        PhoneRegion(iso: "GT", callingCode: "502", nationalLengths: [8]),
        PhoneRegion(iso: "SV", callingCode: "503", nationalLengths: [8]),
        PhoneRegion(iso: "HN", callingCode: "504", nationalLengths: [8]),
        PhoneRegion(iso: "NI", callingCode: "505", nationalLengths: [8]),
        PhoneRegion(iso: "CR", callingCode: "506", nationalLengths: [8]),
        PhoneRegion(iso: "PA", callingCode: "507", nationalLengths: [7, 8]),
        PhoneRegion(iso: "HT", callingCode: "509", nationalLengths: [8]),
        PhoneRegion(iso: "DE", callingCode: "49", nationalLengths: [10, 11], trunkPrefix: "0"),
        PhoneRegion(iso: "IT", callingCode: "39", nationalLengths: [9, 10]),
        PhoneRegion(iso: "BE", callingCode: "32", nationalLengths: [8, 9], trunkPrefix: "0"),
        PhoneRegion(iso: "NL", callingCode: "31", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "CH", callingCode: "41", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "LU", callingCode: "352", nationalLengths: [8, 9]),
        PhoneRegion(iso: "RO", callingCode: "40", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "BG", callingCode: "359", nationalLengths: [8, 9], trunkPrefix: "0"),
        PhoneRegion(iso: "PL", callingCode: "48", nationalLengths: [9]),
        PhoneRegion(iso: "UA", callingCode: "380", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "MD", callingCode: "373", nationalLengths: [8], trunkPrefix: "0"),
        PhoneRegion(iso: "RU", callingCode: "7", nationalLengths: [10], trunkPrefix: "8"),
        PhoneRegion(iso: "AL", callingCode: "355", nationalLengths: [8, 9], trunkPrefix: "0"),
        PhoneRegion(iso: "TR", callingCode: "90", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "MA", callingCode: "212", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "DZ", callingCode: "213", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "TN", callingCode: "216", nationalLengths: [8]),
        PhoneRegion(iso: "EG", callingCode: "20", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "SN", callingCode: "221", nationalLengths: [9]),
        PhoneRegion(iso: "ML", callingCode: "223", nationalLengths: [8]),
        PhoneRegion(iso: "GN", callingCode: "224", nationalLengths: [9]),
        PhoneRegion(iso: "CI", callingCode: "225", nationalLengths: [10]),
        PhoneRegion(iso: "BF", callingCode: "226", nationalLengths: [8]),
        PhoneRegion(iso: "TG", callingCode: "228", nationalLengths: [8]),
        PhoneRegion(iso: "GH", callingCode: "233", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "NG", callingCode: "234", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "CM", callingCode: "237", nationalLengths: [9]),
        PhoneRegion(iso: "CV", callingCode: "238", nationalLengths: [7]),
        PhoneRegion(iso: "GQ", callingCode: "240", nationalLengths: [9]),
        PhoneRegion(iso: "CD", callingCode: "243", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "AO", callingCode: "244", nationalLengths: [9]),
        PhoneRegion(iso: "ET", callingCode: "251", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "KE", callingCode: "254", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "UG", callingCode: "256", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "MZ", callingCode: "258", nationalLengths: [9]),
        PhoneRegion(iso: "ZA", callingCode: "27", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "IN", callingCode: "91", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "PK", callingCode: "92", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "BD", callingCode: "880", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "CN", callingCode: "86", nationalLengths: [11], trunkPrefix: "0"),
        PhoneRegion(iso: "VN", callingCode: "84", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "TH", callingCode: "66", nationalLengths: [9], trunkPrefix: "0"),
        PhoneRegion(iso: "PH", callingCode: "63", nationalLengths: [10], trunkPrefix: "0"),
        PhoneRegion(iso: "ID", callingCode: "62", nationalLengths: [9, 10, 11, 12], trunkPrefix: "0"),
        PhoneRegion(iso: "MY", callingCode: "60", nationalLengths: [9, 10], trunkPrefix: "0"),
    ]

    static let byISO: [String: PhoneRegion] = Dictionary(uniqueKeysWithValues: all.map { ($0.iso, $0) })
    static let byCallingCode: [String: [PhoneRegion]] = Dictionary(grouping: all, by: \.callingCode)

    /// The national number of `digits` written at home in this region (`0612…` in France,
    /// `612…` in Spain), nil when it does not fit.
    func national(_ digits: [UInt8]) -> [UInt8]? {
        var national = digits
        if let trunk = trunkPrefix, national.count - trunk.count >= 1,
           national.prefix(trunk.count).map({ $0 + 48 }) == Array(trunk.utf8) {
            national.removeFirst(trunk.count)
        } else if trunkPrefix != nil && !(iso == "US" || iso == "CA" || iso == "DO") {
            return nil
        }
        guard nationalLengths.contains(national.count) else { return nil }
        if let leading = leadingDigits, !leading.contains(national[0]) { return nil }
        return national
    }

    /// The national part of an international number with this calling code, its trunk
    /// prefix dropped when written (`+44 (0)7700…`).
    func nationalOfInternational(_ rest: [UInt8]) -> [UInt8]? {
        if nationalLengths.contains(rest.count) { return rest }
        if let trunk = trunkPrefix, rest.count > trunk.count, rest.prefix(trunk.count).map({ $0 + 48 }) == Array(trunk.utf8),
           nationalLengths.contains(rest.count - trunk.count) {
            return Array(rest.dropFirst(trunk.count))
        }
        return nil
    }
}
