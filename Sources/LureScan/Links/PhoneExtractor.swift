/// Finds phone numbers and normalizes them to digits (E.164 without `+` when the country
/// is known or inferable): `+34 612-345-678`, `0034 612345678` and, with region ES,
/// `612 345 678` all read `34612345678`. Digits may be written with any separators,
/// emoji or invisible characters between them, as look-alike letters (`6l2 O45`), or
/// spelled out in English, Spanish, Portuguese or French. Prices, dates, years and
/// order or reference numbers are left alone.
struct PhoneExtractor {
    var region: PhoneRegion?

    /// Digit words, folded (lowercase, no accents).
    static let spelled: [String: UInt8] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
        "um": 1, "dois": 2, "duas": 2, "quatro": 4, "meia": 6, "sete": 7, "oito": 8, "nove": 9,
        "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    ]

    static let spelledPacked: [UInt64: UInt8] = Dictionary(uniqueKeysWithValues: spelled.map { (Characters.packed($0.key), $0.value) })

    /// Words before a number that make it something other than a phone number.
    static let referenceWords: Set<String> = [
        "order", "orden", "pedido", "ref", "reference", "referencia", "commande", "encomenda", "invoice", "factura",
        "fatura", "facture", "tracking", "seguimiento", "rastreio", "suivi", "id", "code", "codigo", "iban", "account",
        "cuenta", "conta", "compte", "dni", "nie", "nif", "cif", "cpf", "cnpj", "rg", "passport", "pasaporte",
        "passaporte", "passeport", "siret", "siren", "lote", "lot", "serial", "serie", "expediente", "case", "caso",
        "dossier", "ticket", "transaction", "transaccion", "transacao", "nss", "ssn", "n", "nº", "no", "nr", "nro",
        "num", "reservation", "reserva", "booking", "bl", "awb", "sku", "isbn", "vat", "tva", "swift", "bic", "postal", "cp",
    ]

    /// Currency signs and words that make a number a price.
    static let currencySigns: Set<Unicode.Scalar> = ["€", "$", "£", "¥", "₦", "₹", "₱", "₽", "₿", "₺", "₴", "₩", "¢"]
    static let currencyWords: Set<String> = [
        "eur", "euro", "euros", "usd", "dollar", "dollars", "dolar", "dolares", "gbp", "pounds", "libras", "brl", "reais",
        "real", "mxn", "cop", "ars", "clp", "pen", "pesos", "peso", "soles", "cfa", "fcfa", "xof", "xaf", "ngn", "naira",
        "francs", "franc", "usdt", "btc", "k", "mil", "millones", "million", "millions", "mille", "lei", "ron", "zl",
    ]

    private enum Unit {
        case digits([UInt8])
        case spelled(UInt8)
    }

    private struct Group {
        var range: Range<Int>
        var digits: [UInt8]
        var spelled: Bool
        /// The separator characters between the previous group and this one.
        var gap: [Unicode.Scalar]
        var blocked = false
    }

    func extract(_ text: ScalarText, words: [Range<Int>], covered: [Range<Int>]) -> [SelectorMatch] {
        var results: [SelectorMatch] = []
        var chain: [Group] = []
        var coveredIndex = 0
        func finish() {
            if !chain.isEmpty { results += candidates(in: chain, text: text, words: words) }
            chain.removeAll(keepingCapacity: true)
        }
        for word in words {
            while coveredIndex < covered.count && covered[coveredIndex].upperBound <= word.lowerBound { coveredIndex += 1 }
            if coveredIndex < covered.count && covered[coveredIndex].overlaps(word) { finish(); continue }
            guard let unit = Self.unit(text, word) else { finish(); continue }
            var group: Group
            switch unit {
            case .digits(let digits): group = Group(range: word, digits: digits, spelled: false, gap: [])
            case .spelled(let digit): group = Group(range: word, digits: [digit], spelled: true, gap: [])
            }
            if let last = chain.last {
                let gap = Array(text.scalars[last.range.upperBound..<word.lowerBound])
                // A spelled digit joins digits only when they are obfuscated one or two at a time.
                let compatible = last.spelled == group.spelled || (last.spelled ? group.digits.count <= 2 : last.digits.count <= 2)
                if Self.isSeparator(gap), compatible {
                    group.gap = gap
                    chain.append(group)
                    continue
                }
                finish()
            }
            chain.append(group)
        }
        finish()
        return results
    }

    /// A word read as digits: decimal digits with look-alike letters (at least one real
    /// digit), or one spelled digit.
    private static func unit(_ text: ScalarText, _ word: Range<Int>) -> Unit? {
        var digits: [UInt8] = []
        var real = 0
        var lookAlike = true
        for index in word {
            let scalar = text.scalars[index]
            if let value = Characters.digitValue(scalar) {
                digits.append(UInt8(value))
                real += 1
            } else {
                switch scalar {
                case "O", "o": digits.append(0)
                case "l", "I": digits.append(1)
                default: lookAlike = false
                }
            }
            if !lookAlike { break }
        }
        if lookAlike && real > 0 && (real == digits.count || digits.count >= 2) { return .digits(digits) }
        guard word.count >= 2 && word.count <= 6, !Characters.isASCIIDigit(text.scalars[word.lowerBound]) else { return nil }
        return Characters.packed(text.scalars[word]).flatMap { spelledPacked[$0] }.map { .spelled($0) }
    }

    /// Separators allowed between the digits of one number: spaces (not line breaks),
    /// punctuation used in numbers, emoji and invisible characters; at most three visible.
    private static func isSeparator(_ gap: [Unicode.Scalar]) -> Bool {
        guard !gap.isEmpty else { return true }
        var visible = 0
        var previousSpace = false
        for scalar in gap {
            if Characters.isInvisible(scalar) { continue }
            if Characters.isSpace(scalar) {
                if !previousSpace { visible += 1 }
                previousSpace = true
                continue
            }
            previousSpace = false
            visible += 1
            switch scalar {
            case "-", ".", "/", "(", ")", "_", "*", "·", "•", ",", "|", "~", "\\", "+", "–", "—": continue
            default:
                if Characters.isLineBreak(scalar) || !Characters.isSymbol(scalar) || currencySigns.contains(scalar) { return false }
            }
        }
        return visible <= 3
    }

    /// Splits a chain of digit groups into phone numbers. Dates and prices are taken out
    /// first, and the chain is cut at `/ , | ;` and before a `+`. A segment is one number
    /// when it reads as one (with a country code, or 8 to 12 digits of an unknown country);
    /// otherwise the longest runs of groups that read with a country code are taken, as
    /// long as what they leave out is not a short group written right next to them (an
    /// area code: `21 90000-0192` is not `90000-0192`).
    private func candidates(in input: [Group], text: ScalarText, words: [Range<Int>]) -> [SelectorMatch] {
        guard input.reduce(0, { $0 + $1.digits.count }) >= 7 else { return [] }
        var chain = input
        Self.blockDates(&chain)
        for index in chain.indices where !chain[index].blocked && Self.isPriceAdjacent(chain[index], text: text) {
            chain[index].blocked = true
        }
        var segments: [Range<Int>] = []
        var start = 0
        for index in chain.indices {
            // Commas separate numbers, but also spelled digits (`six one two, three…`).
            let spelled = chain[index].spelled || (index > 0 && chain[index - 1].spelled)
            let cut = chain[index].gap.contains { "/|;+".unicodeScalars.contains($0) || ($0 == "," && !spelled) } || hasPlus(chain, index, text: text)
            if chain[index].blocked || cut {
                if start < index { segments.append(start..<index) }
                start = chain[index].blocked ? index + 1 : index
            }
        }
        if start < chain.count { segments.append(start..<chain.count) }

        var results: [SelectorMatch] = []
        for segment in segments {
            let whole = segment.lowerBound...(segment.upperBound - 1)
            let digits = chain[whole].flatMap(\.digits)
            if digits.count <= 15 {
                if let value = strongValue(chain, whole, text: text) {
                    results.append(match(chain, whole, value: value, text: text))
                    continue
                }
                if (8...12).contains(digits.count), acceptable(chain, whole, text: text),
                   !(chain[whole].contains(where: \.spelled) && digits.count < 9) {
                    results.append(match(chain, whole, value: String(decoding: digits.map { $0 + 48 }, as: UTF8.self), text: text))
                    continue
                }
            }
            var a = segment.lowerBound
            while a < segment.upperBound {
                var found = false
                var b = segment.upperBound - 1
                while b >= a {
                    let count = chain[a...b].reduce(0) { $0 + $1.digits.count }
                    let leftOK = a == segment.lowerBound || chain[a - 1].digits.count >= 4
                    let rightOK = b == segment.upperBound - 1 || chain[b + 1].digits.count >= 4
                    if (a...b) != whole, leftOK, rightOK, count <= 15, count >= 8, let value = strongValue(chain, a...b, text: text) {
                        results.append(match(chain, a...b, value: value, text: text))
                        a = b + 1
                        found = true
                        break
                    }
                    b -= 1
                }
                if !found { a += 1 }
            }
        }
        return results
    }

    /// A group right after a currency sign or right before a currency sign or word, or a percentage.
    private static func isPriceAdjacent(_ group: Group, text: ScalarText) -> Bool {
        var position = group.range.lowerBound - 1
        while position >= 0 && (Characters.isSpace(text.scalars[position]) || Characters.isInvisible(text.scalars[position])) { position -= 1 }
        if position >= 0 && currencySigns.contains(text.scalars[position]) { return true }
        position = group.range.upperBound
        while position < text.count && (Characters.isSpace(text.scalars[position]) || Characters.isInvisible(text.scalars[position])) { position += 1 }
        guard position < text.count else { return false }
        let scalar = text.scalars[position]
        if currencySigns.contains(scalar) || scalar == "%" { return true }
        var end = position
        while end < text.count && Characters.isWord(text.scalars[end]) { end += 1 }
        return end > position && end - position <= 9 && currencyWords.contains(Characters.fold(text.scalars[position..<end]))
    }

    private func match(_ chain: [Group], _ range: ClosedRange<Int>, value: String, text: ScalarText) -> SelectorMatch {
        var lower = chain[range.lowerBound].range.lowerBound
        // Quote the `+` of `+34 612…` too.
        var position = lower - 1
        while position >= 0 && lower - position <= 3 && (Characters.isSpace(text.scalars[position]) || text.scalars[position] == "(") { position -= 1 }
        if position >= 0 && text.scalars[position] == "+" { lower = position }
        return SelectorMatch(kind: .phone, value: value, range: lower..<chain[range.upperBound].range.upperBound)
    }

    /// Is there a `+` right before group `index` (`+34`, `(+34)`)?
    private func hasPlus(_ chain: [Group], _ index: Int, text: ScalarText) -> Bool {
        var position = chain[index].range.lowerBound - 1
        var steps = 0
        while position >= 0 && steps < 3 {
            let scalar = text.scalars[position]
            if scalar == "+" { return true }
            if !(Characters.isSpace(scalar) || scalar == "(" || Characters.isInvisible(scalar)) { return false }
            position -= 1
            steps += 1
        }
        return false
    }

    /// The number with its country code, when that is known (`+`, `00`) or inferable (the
    /// default region, or a first group that is a calling code followed by a national
    /// number of that country).
    private func strongValue(_ chain: [Group], _ range: ClosedRange<Int>, text: ScalarText) -> String? {
        let digits = chain[range].flatMap(\.digits)
        guard chain[range].dropFirst().allSatisfy({ !$0.gap.contains("+") }), acceptable(chain, range, text: text) else { return nil }
        func string(_ digits: [UInt8]) -> String { String(decoding: digits.map { $0 + 48 }, as: UTF8.self) }
        var international: [UInt8]?
        if hasPlus(chain, range.lowerBound, text: text) {
            international = digits
        } else if digits.count > 2 && digits[0] == 0 && digits[1] == 0 {
            international = Array(digits.dropFirst(2))
        }
        if let international {
            guard let code = PhoneRegion.callingCode(of: international) else {
                return (8...15).contains(international.count) ? string(international) : nil
            }
            let rest = Array(international.dropFirst(code.count))
            for region in PhoneRegion.regions(callingCode: code) {
                if let national = region.nationalOfInternational(rest) { return code + string(national) }
            }
            return (8...15).contains(international.count) ? string(international) : nil
        }
        if let region {
            if let national = region.national(digits) { return region.callingCode + string(national) }
            let code = Array(region.callingCode.utf8).map { $0 - 48 }
            if digits.starts(with: code), let national = region.national(Array(digits.dropFirst(code.count))) {
                return region.callingCode + string(national)
            }
        }
        // `34 612 345 678`: a first group that is a calling code.
        let first = chain[range.lowerBound]
        if range.count > 1, !first.spelled, first.digits.count <= 3 {
            let code = string(first.digits)
            let rest = Array(digits.dropFirst(first.digits.count))
            for candidate in PhoneRegion.regions(callingCode: code) where candidate.nationalOfInternational(rest) != nil {
                if let national = candidate.nationalOfInternational(rest), candidate.leadingDigits.map({ $0.contains(national[0]) }) ?? true {
                    return code + string(national)
                }
            }
        }
        return nil
    }

    /// Not a price, a date, a run of years, a formatted number or a reference number.
    private func acceptable(_ chain: [Group], _ range: ClosedRange<Int>, text: ScalarText) -> Bool {
        let groups = chain[range]
        let first = groups.first!, last = groups.last!
        // Longer than any phone number without a separator: an id or a card number.
        if groups.contains(where: { $0.digits.count > 13 }) { return false }
        // Years: 2019 2020 2021.
        if groups.count >= 2 && groups.allSatisfy({ $0.digits.count == 4 && ($0.digits[0...1] == [1, 9] || $0.digits[0...1] == [2, 0]) }) { return false }
        // Formatted numbers: 12.345.678, 1,234,567, 1.234,56.
        let inner = groups.dropFirst()
        if !inner.isEmpty, inner.allSatisfy({ $0.gap.count == 1 && ($0.gap[0] == "." || $0.gap[0] == ",") }) {
            let separators = Set(inner.map { $0.gap[0] })
            let thousands = inner.dropLast().allSatisfy { $0.digits.count == 3 }
            if thousands && separators.count == 2 && last.digits.count == 2 { return false }
            if thousands && last.digits.count == 3 && first.digits.count <= 2 { return false }
        }
        // Before: currency, a reference word or `#`.
        var position = first.range.lowerBound - 1
        while position >= 0 {
            let scalar = text.scalars[position]
            if Characters.isSpace(scalar) || Characters.isInvisible(scalar) || scalar == ":" || scalar == "(" || scalar == "+" || scalar == "." || scalar == "°" {
                position -= 1
                continue
            }
            if Self.currencySigns.contains(scalar) || scalar == "#" { return false }
            if Characters.isWord(scalar) {
                var start = position
                while start > 0 && Characters.isWord(text.scalars[start - 1]) { start -= 1 }
                let word = Characters.fold(text.scalars[start...position])
                if Self.referenceWords.contains(word) || Self.currencyWords.contains(word) && word.count > 1 { return false }
                if word.hasSuffix("nº") || word == "r$" { return false }
            }
            break
        }
        // After: currency, a percentage, a decimal part.
        position = last.range.upperBound
        var skipped = 0
        while position < text.count {
            let scalar = text.scalars[position]
            if Characters.isSpace(scalar) || Characters.isInvisible(scalar) { position += 1; skipped += 1; continue }
            if Self.currencySigns.contains(scalar) || scalar == "%" { return false }
            if (scalar == "," || scalar == ".") && skipped == 0, let next = text[safe: position + 1], Characters.isASCIIDigit(next) { return false }
            if Characters.isWord(scalar) {
                var end = position
                while end < text.count && Characters.isWord(text.scalars[end]) { end += 1 }
                if end - position <= 9 && Self.currencyWords.contains(Characters.fold(text.scalars[position..<end])) { return false }
            }
            break
        }
        return true
    }

    /// Marks dates (`12/05/2024`, `2024-05-12`, `12.05.24`, `12/05`) so no number is read across them.
    private static func blockDates(_ chain: inout [Group]) {
        func value(_ group: Group) -> Int { group.digits.reduce(0) { $0 * 10 + Int($1) } }
        func separator(_ group: Group) -> Unicode.Scalar? {
            let visible = group.gap.filter { !Characters.isSpace($0) }
            return visible.count == 1 && "/-.".unicodeScalars.contains(visible[0]) ? visible[0] : nil
        }
        func dayMonth(_ a: Group, _ b: Group) -> Bool {
            guard !a.spelled, !b.spelled, (1...2).contains(a.digits.count), (1...2).contains(b.digits.count) else { return false }
            let x = value(a), y = value(b)
            return (1...31).contains(x) && (1...12).contains(y) || (1...12).contains(x) && (1...31).contains(y)
        }
        var index = 0
        while index + 1 < chain.count {
            let a = chain[index], b = chain[index + 1]
            if index + 2 < chain.count, let s1 = separator(b), separator(chain[index + 2]) == s1 {
                let c = chain[index + 2]
                let yearLast = dayMonth(a, b) && (c.digits.count == 2 || c.digits.count == 4)
                let yearFirst = a.digits.count == 4 && dayMonth(b, c)
                // `06.12.34.56.78` is a French phone number, not a date.
                let longer = index + 3 < chain.count && separator(chain[index + 3]) == s1
                if (yearLast || yearFirst) && !longer {
                    for position in index...(index + 2) { chain[position].blocked = true }
                    index += 3
                    continue
                }
            }
            if separator(b) == "/", dayMonth(a, b), index + 2 >= chain.count || separator(chain[index + 2]) != "/" {
                chain[index].blocked = true
                chain[index + 1].blocked = true
                index += 2
                continue
            }
            index += 1
        }
    }
}
