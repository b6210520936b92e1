/// Escaping for the HTML report. Every piece of content (ids, paths, quotes, senders,
/// reasons, even enum values) goes through `text` (element content) or `attribute`
/// (a double-quoted attribute value): `& < > " '` become character references, and
/// characters that can disguise text (bidi overrides and isolates, zero-width and control
/// characters) are shown as visible `[U+XXXX]` markers instead of acting on the page.
public enum HTMLText {
    /// Characters that reorder or hide text: the Trojan Source set and friends.
    static func isDisguising(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true // bidi embeddings, overrides, isolates, marks
        case 0x200B, 0x2060, 0xFEFF, 0x00AD: true // zero-width space, word joiner, BOM, soft hyphen
        case 0x0000...0x0008, 0x000B, 0x000C, 0x000E...0x001F, 0x007F...0x009F: true // controls but tab, LF, CR
        case 0xFFF9...0xFFFB: true // interlinear annotations
        default: false
        }
    }

    static func marker(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "[U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
    }

    /// Element content: escaped, disguising characters as visible markers (`<span class="ctl">`).
    public static func text<S: StringProtocol>(_ value: S) -> String {
        escape(value) { "<span class=\"ctl\">" + marker($0) + "</span>" }
    }

    /// A double-quoted attribute value: escaped, disguising characters as plain markers.
    public static func attribute<S: StringProtocol>(_ value: S) -> String {
        escape(value) { marker($0) }
    }

    private static func escape<S: StringProtocol>(_ value: S, disguising: (Unicode.Scalar) -> String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\r": result += "\n"
            default:
                if isDisguising(scalar) {
                    result += disguising(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
