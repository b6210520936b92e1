/// Finds money amounts with their currency: `1.200 €`, `€1,200.50`, `R$ 3.000`, `USD 500`,
/// `2k€`, `3 mil euros`, `500 dólares`. Values read `EUR 1200`, `EUR 1200.5`, `BRL 3000`.
struct MoneyExtractor {
    static let signs: [Unicode.Scalar: String] = [
        "€": "EUR", "£": "GBP", "$": "USD", "₦": "NGN", "₹": "INR", "₱": "PHP", "₽": "RUB", "₿": "BTC", "₺": "TRY", "₴": "UAH", "¥": "JPY",
    ]
    static let words: [String: String] = [
        "eur": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD", "dollar": "USD", "dollars": "USD", "dolar": "USD", "dolares": "USD",
        "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "libra": "GBP", "libras": "GBP", "brl": "BRL", "reais": "BRL",
        "mxn": "MXN", "cop": "COP", "ars": "ARS", "clp": "CLP", "pen": "PEN", "soles": "PEN", "pesos": "PESO",
        "cfa": "XOF", "fcfa": "XOF", "xof": "XOF", "xaf": "XAF", "ngn": "NGN", "naira": "NGN", "lei": "RON", "ron": "RON",
        "btc": "BTC", "bitcoin": "BTC", "bitcoins": "BTC", "usdt": "USDT", "chf": "CHF", "inr": "INR", "rupees": "INR",
    ]
    /// Words that come before an amount (`USD 500`, `R$ 300`): codes only, not `pen` or `real`.
    static let prefixWords: Set<String> = ["eur", "usd", "gbp", "brl", "mxn", "cop", "ars", "clp", "xof", "xaf", "ngn", "ron", "btc", "usdt", "chf", "inr", "r", "us"]

    func extract(_ text: ScalarText) -> [SelectorMatch] {
        var results: [SelectorMatch] = []
        var index = 0
        while index < text.count {
            guard Characters.isASCIIDigit(text.scalars[index]), index == 0 || !(Characters.isWord(text.scalars[index - 1]) || text.scalars[index - 1] == "." || text.scalars[index - 1] == ",") else { index += 1; continue }
            let (end, amount) = number(text, at: index)
            defer { index = max(end, index + 1) }
            guard let amount else { continue }
            var amountEnd = end
            var multiplier = false
            // `2k`, `3 mil`.
            if amountEnd < text.count && (text.scalars[amountEnd] == "k" || text.scalars[amountEnd] == "K"),
               amountEnd + 1 >= text.count || !Characters.isASCIILetter(text.scalars[amountEnd + 1]) {
                amountEnd += 1
                multiplier = true
            } else if let (wordEnd, word) = word(text, after: amountEnd), word == "mil" || word == "mille" {
                amountEnd = wordEnd
                multiplier = true
            }
            let value = multiplier ? Self.thousands(amount) : amount
            if let (currencyEnd, code) = currencyAfter(text, amountEnd) {
                results.append(SelectorMatch(kind: .money, value: code + " " + value, range: index..<currencyEnd))
            } else if let (currencyStart, code) = currencyBefore(text, index) {
                results.append(SelectorMatch(kind: .money, value: code + " " + value, range: currencyStart..<amountEnd))
            }
        }
        return results
    }

    /// The number at `index`: `1.200`, `1,200.50`, `3 000`, `12,5`. Returns its end and
    /// its value as a plain decimal string, nil when it is not a plausible amount.
    private func number(_ text: ScalarText, at index: Int) -> (Int, String?) {
        var groups: [String] = []
        var separators: [Unicode.Scalar] = []
        var position = index
        func digits(from start: Int) -> Int {
            var end = start
            while end < text.count && Characters.isASCIIDigit(text.scalars[end]) { end += 1 }
            return end
        }
        var end = digits(from: position)
        groups.append(text.string(position..<end))
        position = end
        while position + 1 < text.count {
            let separator = text.scalars[position]
            guard [".", ",", " ", "\u{A0}", "\u{202F}", "'"].contains(separator), Characters.isASCIIDigit(text.scalars[position + 1]) else { break }
            end = digits(from: position + 1)
            let group = text.string((position + 1)..<end)
            if separator == " " || separator == "\u{A0}" || separator == "\u{202F}" || separator == "'" { guard group.count == 3 else { break } }
            groups.append(group)
            separators.append(separator)
            position = end
        }
        guard groups[0].count <= 9, position == text.count || !Characters.isWord(text.scalars[position]) || text.scalars[position] == "k" || text.scalars[position] == "K" else {
            return (position, nil)
        }
        var integer = groups[0]
        var fraction = ""
        for (offset, group) in groups.dropFirst().enumerated() {
            let separator = separators[offset]
            let isLast = offset == groups.count - 2
            if isLast && (separator == "." || separator == ",") && group.count != 3 {
                guard group.count <= 2 else { return (position, nil) }
                fraction = group
            } else if group.count == 3 {
                integer += group
            } else {
                return (position, nil)
            }
        }
        while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (position, fraction.isEmpty ? integer : integer + "." + fraction)
    }

    static func thousands(_ amount: String) -> String {
        let parts = amount.split(separator: ".", maxSplits: 1).map(String.init)
        var fraction = parts.count > 1 ? parts[1] : ""
        fraction += String(repeating: "0", count: max(0, 3 - fraction.count))
        var integer = parts[0] + fraction.prefix(3)
        var rest = String(fraction.dropFirst(3))
        while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
        while rest.hasSuffix("0") { rest.removeLast() }
        return rest.isEmpty ? integer : integer + "." + rest
    }

    /// The word starting after at most one space at `position`, folded.
    private func word(_ text: ScalarText, after position: Int) -> (Int, String)? {
        var start = position
        if start < text.count && Characters.isSpace(text.scalars[start]) { start += 1 }
        var end = start
        while end < text.count && Characters.isWord(text.scalars[end]) { end += 1 }
        guard end > start, end - start <= 10 else { return nil }
        return (end, Characters.fold(text.scalars[start..<end]))
    }

    private func currencyAfter(_ text: ScalarText, _ position: Int) -> (Int, String)? {
        var start = position
        if start < text.count && Characters.isSpace(text.scalars[start]) { start += 1 }
        guard start < text.count else { return nil }
        if let code = Self.signs[text.scalars[start]] { return (start + 1, code) }
        if let (end, word) = word(text, after: position), let code = Self.words[word] { return (end, code) }
        return nil
    }

    private func currencyBefore(_ text: ScalarText, _ position: Int) -> (Int, String)? {
        var end = position
        if end > 0 && Characters.isSpace(text.scalars[end - 1]) { end -= 1 }
        guard end > 0 else { return nil }
        if let code = Self.signs[text.scalars[end - 1]] {
            // `R$`, `US$`.
            var start = end - 1
            var prefix = ""
            while start > 0 && Characters.isASCIILetter(text.scalars[start - 1]) && end - start < 4 { start -= 1; prefix = text.string(start..<(end - 1)).lowercased() }
            if start < end - 1 && (start == 0 || !Characters.isWord(text.scalars[start - 1])) {
                if prefix == "r" { return (start, "BRL") }
                if prefix == "us" { return (start, "USD") }
                if prefix == "c" { return (start, "CAD") }
            }
            return (end - 1, code)
        }
        var start = end
        while start > 0 && Characters.isASCIILetter(text.scalars[start - 1]) { start -= 1 }
        guard start < end, start == 0 || !Characters.isWord(text.scalars[start - 1]) else { return nil }
        let word = text.string(start..<end).lowercased()
        guard Self.prefixWords.contains(word), let code = Self.words[word] else { return nil }
        return (start, code)
    }
}
