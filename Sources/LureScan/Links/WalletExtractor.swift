/// Finds crypto wallet addresses and checks them: Bitcoin legacy and P2SH (Base58Check,
/// version 0 or 5), Bitcoin SegWit (bech32/bech32m `bc1…`), Ethereum (`0x` + 40 hex
/// digits, lowercased), TRON (`T…`, Base58Check version 0x41). A string that merely looks
/// like an address but fails its checksum is not reported.
struct WalletExtractor {
    func extract(_ text: ScalarText) -> [SelectorMatch] {
        var results: [SelectorMatch] = []
        var index = 0
        while index < text.count {
            guard Characters.isASCIIAlphanumeric(text.scalars[index]), index == 0 || !Characters.isWord(text.scalars[index - 1]) else { index += 1; continue }
            var end = index
            while end < text.count && Characters.isASCIIAlphanumeric(text.scalars[end]) { end += 1 }
            defer { index = end }
            let length = end - index
            guard length >= 25, length <= 90, end == text.count || !Characters.isWord(text.scalars[end]) else { continue }
            let token = text.string(index..<end)
            if let value = Self.wallet(token) { results.append(SelectorMatch(kind: .cryptoWallet, value: value, range: index..<end)) }
        }
        return results
    }

    /// The normalized address when `token` is a valid one.
    static func wallet(_ token: String) -> String? {
        let count = token.utf8.count
        if count == 42, token.hasPrefix("0x") || token.hasPrefix("0X"), token.dropFirst(2).allSatisfy(\.isHexDigit) {
            return "0x" + token.dropFirst(2).lowercased()
        }
        if token.lowercased().hasPrefix("bc1"), count >= 14, Bech32.isValid(token, hrp: "bc") { return token.lowercased() }
        if (token.hasPrefix("1") || token.hasPrefix("3")), (25...34).contains(count),
           let payload = Base58Check.payload(token), payload.count == 21, payload[0] == 0 || payload[0] == 5 {
            return token
        }
        if token.hasPrefix("T"), count == 34, let payload = Base58Check.payload(token), payload.count == 21, payload[0] == 0x41 {
            return token
        }
        return nil
    }
}
