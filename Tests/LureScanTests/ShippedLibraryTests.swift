import Testing
@testable import LureScan

/// The library shipped in the binary: it loads cleanly, its examples hold, and obfuscated
/// variants of every must-match example hit the same indicator as the plain text.
@Suite struct ShippedLibraryTests {
    static let loaded = IndicatorLoader.load(IndicatorLoader.shippedFiles)
    static let compiled = CompiledLibrary(loaded.library)

    @Test func loadsWithoutErrors() {
        let errors = (Self.loaded.issues + Self.compiled.issues).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(!Self.loaded.library.indicators.isEmpty)
    }

    @Test func everyExampleHolds() {
        let report = ExampleRunner(compiled: Self.compiled).run()
        #expect(report.failures.isEmpty, "\(report.failures.prefix(10).map(\.description).joined(separator: "\n"))")
        #expect(report.checked > 0)
    }

    @Test("obfuscated must-match examples still hit", arguments: Obfuscation.allCases)
    func obfuscationInvariance(_ obfuscation: Obfuscation) {
        let normalizer = Normalizer()
        let scratch = MatchScratch()
        var misses: [String] = []
        var checked = 0
        for (index, indicator) in Self.compiled.library.indicators.enumerated() {
            for example in indicator.examples.match {
                let variant = obfuscation.apply(example)
                guard variant != example else { continue }
                checked += 1
                let text = normalizer.normalize(variant, language: indicator.language)
                let hit = text.bytes.withUnsafeBufferPointer { subject in
                    Self.compiled.patterns[index].contains { pattern in
                        if case .match = pattern.firstMatch(in: subject, from: 0, scratch: scratch) { return true }
                        return false
                    }
                }
                if !hit { misses.append("\(indicator.id): \(variant)  ->  \(text.string)") }
            }
        }
        #expect(checked > 0)
        #expect(misses.isEmpty, "\(misses.count) misses, e.g.\n\(misses.prefix(8).joined(separator: "\n"))")
    }
}

/// Ways recruiters dodge keyword filters, applied to plain text.
enum Obfuscation: String, CaseIterable, Sendable {
    case mathBold, fullWidth, zeroWidth, homoglyphs, spacedWord

    func apply(_ text: String) -> String {
        switch self {
        case .mathBold: return mapASCIILetters(text, lower: 0x1D41A, upper: 0x1D400)
        case .fullWidth: return mapASCIILetters(text, lower: 0xFF41, upper: 0xFF21)
        case .zeroWidth: return transformWords(text, minimumLength: 4) { word in
            var result = ""
            for (offset, character) in word.enumerated() {
                result.append(character)
                if offset % 2 == 1 && offset < word.count - 1 { result.append("\u{200B}") }
            }
            return result
        }
        case .homoglyphs: return transformWords(text, minimumLength: 4) { word in
            let lookalikes: [Character: Character] = ["o": "\u{043E}", "a": "\u{0430}", "e": "\u{0435}", "p": "\u{0440}", "c": "\u{0441}"]
            guard let index = word.firstIndex(where: { lookalikes[$0] != nil }) else { return word }
            var result = word
            result.replaceSubrange(index...index, with: String(lookalikes[word[index]]!))
            return result
        }
        case .spacedWord:
            // The longest word of four or more letters, standing between spaces, written apart;
            // never beside a one-letter word (`u.`, `a`): `appreciate u` spaced is `a p p ... e u`,
            // which no reader can split.
            let words = text.split(separator: " ", omittingEmptySubsequences: false)
            func isOneLetter(_ index: Int) -> Bool { words[index].filter(\.isLetter).count == 1 }
            guard let longest = words.enumerated()
                .filter({ $0.element.count >= 4 && $0.element.allSatisfy { $0.isASCII && $0.isLetter } })
                .filter({ $0.offset == 0 || !isOneLetter($0.offset - 1) })
                .filter({ $0.offset == words.count - 1 || !isOneLetter($0.offset + 1) })
                .max(by: { $0.element.count < $1.element.count }) else { return text }
            var spaced = words.map(String.init)
            spaced[longest.offset] = longest.element.map(String.init).joined(separator: " ")
            return spaced.joined(separator: " ")
        }
    }

    private func mapASCIILetters(_ text: String, lower: UInt32, upper: UInt32) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x61...0x7A: return Unicode.Scalar(lower + scalar.value - 0x61)!
            case 0x41...0x5A: return Unicode.Scalar(upper + scalar.value - 0x41)!
            default: return scalar
            }
        }))
    }

    /// Applies `transform` to runs of ASCII letters of at least `minimumLength`.
    private func transformWords(_ text: String, minimumLength: Int, _ transform: (String) -> String) -> String {
        var result = ""
        var word = ""
        func flush() {
            result += word.count >= minimumLength ? transform(word) : word
            word = ""
        }
        for character in text {
            if character.isASCII && character.isLetter { word.append(character) } else { flush(); result.append(character) }
        }
        flush()
        return result
    }
}
