/// Finds messaging handles written bare: `@maria_jobs`, `@Agencia.Sol` (not the `@` of an
/// e-mail address). Values are lowercased `@name`.
struct HandleExtractor {
    static func isName(_ scalar: Unicode.Scalar) -> Bool { Characters.isASCIIAlphanumeric(scalar) || scalar == "_" || scalar == "." }

    func extract(_ text: ScalarText, skipping covered: [Range<Int>]) -> [SelectorMatch] {
        var results: [SelectorMatch] = []
        for index in 0..<text.count where text.scalars[index] == "@" {
            if index > 0 {
                let previous = text.scalars[index - 1]
                if Characters.isWord(previous) || "._-/+%@".unicodeScalars.contains(previous) { continue }
            }
            var end = index + 1
            while end < text.count && Self.isName(text.scalars[end]) && end - index <= 31 { end += 1 }
            while end > index + 1 && text.scalars[end - 1] == "." { end -= 1 }
            let name = text.string((index + 1)..<end)
            guard name.count >= 3, name.count <= 30, name.unicodeScalars.contains(where: Characters.isASCIILetter) else { continue }
            if end < text.count && (text.scalars[end] == "@" || Characters.isWord(text.scalars[end])) { continue }
            // `@gmail.com` is a domain, not a handle.
            let labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if labels.count > 1 && Domains.isHost(labels) { continue }
            let range = index..<end
            guard !covered.contains(where: { $0.overlaps(range) }) else { continue }
            results.append(SelectorMatch(kind: .handle, value: "@" + name.lowercased(), range: range))
        }
        return results
    }
}
