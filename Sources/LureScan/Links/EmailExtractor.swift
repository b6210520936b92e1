/// Finds e-mail addresses, plain (`ana.perez@example.es`) and obfuscated: `name at gmail
/// dot com`, `name (at) gmail (dot) com`, `name [@] example [.] es`, `nombre arroba
/// gmail punto com`, `nome arroba gmail ponto com`, `nom arobase gmail point com`.
/// Values are lowercased `local@domain`.
struct EmailExtractor {
    static let atWords: Set<UInt64> = Set(["at", "arroba", "arobase"].map(Characters.packed))
    static let dotWords: Set<String> = ["dot", "punto", "ponto", "point"]
    static let opening: Set<Unicode.Scalar> = ["(", "[", "{", "<"]
    static let closing: Set<Unicode.Scalar> = [")", "]", "}", ">"]

    static func isLocal(_ scalar: Unicode.Scalar) -> Bool {
        Characters.isASCIIAlphanumeric(scalar) || scalar == "." || scalar == "_" || scalar == "%" || scalar == "+" || scalar == "-"
    }

    func extract(_ text: ScalarText, words: [Range<Int>]) -> [SelectorMatch] {
        var results: [SelectorMatch] = []
        var lastEnd = 0
        // Plain addresses and a spaced or bracketed `@`.
        for index in 0..<text.count where text.scalars[index] == "@" && index >= lastEnd {
            if let match = plain(text, at: index) ?? obfuscated(text, token: index..<(index + 1), wordToken: false) {
                results.append(match)
                lastEnd = match.range.upperBound
            }
        }
        // `at`, `arroba`, `arobase` as words.
        for word in words where word.count <= 7 && Characters.packed(text.scalars[word]).map(Self.atWords.contains) == true {
            guard !results.contains(where: { $0.range.overlaps(word) }) else { continue }
            if let match = obfuscated(text, token: word, wordToken: true) { results.append(match) }
        }
        return results.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private func plain(_ text: ScalarText, at index: Int) -> SelectorMatch? {
        var start = index
        while start > 0 && Self.isLocal(text.scalars[start - 1]) { start -= 1 }
        while start < index && text.scalars[start] == "." { start += 1 }
        guard start < index else { return nil }
        var end = index + 1
        while end < text.count && (Domains.isLabel(text.scalars[end]) || text.scalars[end] == ".") { end += 1 }
        while end > index + 1 && (text.scalars[end - 1] == "." || text.scalars[end - 1] == "-") { end -= 1 }
        guard end > index + 1 else { return nil }
        let labels = text.string((index + 1)..<end).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard Domains.isHost(labels, requireKnownTLD: false) else { return nil }
        let value = (text.string(start..<index) + "@" + labels.joined(separator: ".")).lowercased()
        return SelectorMatch(kind: .email, value: value, range: start..<end)
    }

    /// An address around an `@` or at-word with spaces or brackets, its domain's dots
    /// written as `.`, `[.]`, `(dot)` or a dot word.
    private func obfuscated(_ text: ScalarText, token: Range<Int>, wordToken: Bool) -> SelectorMatch? {
        // Left: spaces and an opening bracket, then the local part.
        var position = token.lowerBound
        var bracketed = false
        if position > 0 && Self.opening.contains(text.scalars[position - 1]) { position -= 1; bracketed = true }
        let beforeSpaces = position
        while position > 0 && Characters.isSpace(text.scalars[position - 1]) { position -= 1 }
        guard position < beforeSpaces || bracketed else { return nil }
        let localEnd = position
        while position > 0 && Self.isLocal(text.scalars[position - 1]) { position -= 1 }
        while position < localEnd && text.scalars[position] == "." { position += 1 }
        let localStart = position
        guard localStart < localEnd, text.scalars[localStart..<localEnd].contains(where: Characters.isASCIIAlphanumeric) else { return nil }
        // Right: a closing bracket, spaces, then labels joined by dots.
        position = token.upperBound
        if bracketed {
            guard position < text.count && Self.closing.contains(text.scalars[position]) else { return nil }
            position += 1
        }
        let afterToken = position
        while position < text.count && Characters.isSpace(text.scalars[position]) { position += 1 }
        guard position > afterToken || bracketed else { return nil }
        var labels: [String] = []
        var end = position
        var dotWord = false
        while true {
            let labelStart = position
            while position < text.count && Domains.isLabel(text.scalars[position]) { position += 1 }
            guard position > labelStart else { break }
            labels.append(text.string(labelStart..<position).lowercased())
            end = position
            // A dot: `.`, ` . `, `[.]`, `(dot)`, ` dot `, ` punto `.
            var next = position
            while next < text.count && Characters.isSpace(text.scalars[next]) { next += 1 }
            var open = false
            if next < text.count && Self.opening.contains(text.scalars[next]) { next += 1; open = true }
            if next < text.count && text.scalars[next] == "." {
                next += 1
            } else {
                var wordEnd = next
                while wordEnd < text.count && Characters.isASCIILetter(text.scalars[wordEnd]) { wordEnd += 1 }
                guard wordEnd > next, Self.dotWords.contains(text.string(next..<wordEnd).lowercased()),
                      open || next > position else { break }
                next = wordEnd
                dotWord = true
            }
            if open {
                guard next < text.count && Self.closing.contains(text.scalars[next]) else { break }
                next += 1
            }
            while next < text.count && Characters.isSpace(text.scalars[next]) { next += 1 }
            guard next < text.count && Characters.isASCIIAlphanumeric(text.scalars[next]) else { break }
            position = next
        }
        guard Domains.isHost(labels) else { return nil }
        // A bare English `at` with a plain domain (`apply at jobs.example.com`) is not an
        // address unless the domain is a mail provider.
        if wordToken && !bracketed && !dotWord && text.string(token).lowercased() == "at" && !Domains.mailProviders.contains(labels[0]) { return nil }
        let value = text.string(localStart..<localEnd).lowercased() + "@" + labels.joined(separator: ".")
        return SelectorMatch(kind: .email, value: value, range: localStart..<end)
    }
}
