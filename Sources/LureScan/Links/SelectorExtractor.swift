/// Extracts every selector of a document from its original text (not the normalized one:
/// normalization folds case and maps look-alikes, which would corrupt wallets, invite codes
/// and e-mail addresses), each with its byte range in the source so it can be quoted.
///
/// Order matters: e-mail addresses first, then URLs (not inside an address), then bare
/// handles, wallets and money; phone numbers last, outside everything already found.
public struct SelectorExtractor: Sendable {
    /// Country assumed for national phone numbers (`612 345 678` with ES -> `34612345678`).
    public var region: PhoneRegion?

    public init(region: PhoneRegion? = nil) {
        self.region = region
    }

    public func extract(_ document: Document) -> [Selector] {
        let text = ScalarText(document.text)
        var seen = Set<Selector>()
        var selectors: [Selector] = []
        for match in matches(text) {
            let textRange = text.byteRange(match.range)
            let selector = Selector(kind: match.kind, value: match.value,
                                    text: String(decoding: document.text[textRange], as: UTF8.self),
                                    sourceRange: document.origin.originRange(of: textRange), textRange: textRange)
            if seen.insert(selector).inserted { selectors.append(selector) }
        }
        return selectors.sorted { a, b in
            a.textRange.lowerBound != b.textRange.lowerBound ? a.textRange.lowerBound < b.textRange.lowerBound : a.kind < b.kind
        }
    }

    /// Selectors of a bare string (tests, snippets): byte ranges are offsets into it.
    public func extract(text: String) -> [Selector] {
        let bytes = Array(text.utf8)
        let source = Source(path: "<text>", size: bytes.count, sha256: "", format: .text)
        return extract(Document(id: "<text>", source: source, kind: .text, text: bytes, origin: .identity(length: bytes.count),
                                location: Location(line: 1, byteRange: 0..<bytes.count)))
    }

    func matches(_ text: ScalarText) -> [SelectorMatch] {
        let words = Self.words(text)
        let emails = EmailExtractor().extract(text, words: words)
        let urls = URLExtractor().extract(text, skipping: emails.map(\.range))
        let handles = HandleExtractor().extract(text, skipping: (emails + urls).map(\.range))
        let wallets = WalletExtractor().extract(text)
        let money = MoneyExtractor().extract(text)
        let covered = Self.merged((emails + urls + handles + wallets + money).map(\.range))
        let phones = PhoneExtractor(region: region).extract(text, words: words, covered: covered)
        return emails + urls + handles + wallets + money + phones
    }

    /// Maximal runs of letters, digits and marks.
    static func words(_ text: ScalarText) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for index in 0..<text.count {
            if Characters.isWord(text.scalars[index]) {
                if start == nil { start = index }
            } else if let first = start {
                words.append(first..<index)
                start = nil
            }
        }
        if let first = start { words.append(first..<text.count) }
        return words
    }

    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
