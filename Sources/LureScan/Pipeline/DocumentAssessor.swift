/// Normalize -> guess the language -> read emoji as its words -> match -> locate hits ->
/// score, for one document. Shared by `scan`, `explain` and the example runner so they can
/// never disagree.
public struct DocumentAssessor: Sendable {
    public let normalizer: Normalizer
    public let matcher: Matcher
    public let scorer: Scorer
    /// Selector extraction (on by default) and MinHash signatures (for `--links`).
    /// Selectors cost about as much as normalizing: off unless links or a report want them.
    public var links = LinkExtraction(selectors: false)
    /// Matching time per document for `assessWithinBudget` (nil: none).
    public var timeBudget: Duration?

    /// `normalizer`: by default every stage, reading hidden and stand-in letters with the
    /// words of the library's examples.
    public init(compiled: CompiledLibrary, normalizer: Normalizer? = nil) {
        let normalizer = normalizer ?? Normalizer(lexicon: Lexicon(examplesOf: compiled.library))
        self.normalizer = normalizer
        self.matcher = Matcher(compiled, prefilter: normalizer.steps.contains(.caseFold))
        self.scorer = Scorer(library: compiled.library)
    }

    public func assess(_ document: Document, sequence: Int = 0, scratch: MatchScratch) -> (assessment: Assessment, normalized: NormalizedText) {
        assess(document, sequence: sequence, scratch: scratch, budget: nil)!
    }

    /// `assess` giving up once matching has spent `timeBudget`: nil then.
    public func assessWithinBudget(_ document: Document, sequence: Int = 0, scratch: MatchScratch) -> Assessment? {
        assess(document, sequence: sequence, scratch: scratch, budget: timeBudget)?.assessment
    }

    private func assess(_ document: Document, sequence: Int, scratch: MatchScratch, budget: Duration?) -> (assessment: Assessment, normalized: NormalizedText)? {
        let (normalized, language) = normalize(document.text)
        let (matches, failures, overBudget) = matcher.match(normalized, language: language.scope, scratch: scratch, budget: budget)
        if overBudget { return nil }
        let indicators = matcher.compiled.library.indicators
        let hits = matches.map { Hit(match: $0, indicator: indicators[$0.indicator], normalized: normalized, document: document) }
        var assessment = scorer.assess(document: document, normalized: normalized, hits: hits, failures: failures,
                                       language: language.language, sequence: sequence)
        links.annotate(&assessment, document: document, normalized: normalized)
        return (assessment, normalized)
    }

    /// Text as the patterns see it, with its guessed language: every normalization stage, the
    /// language guessed on the result, then the emoji read as that language's words.
    public func normalize(_ text: [UInt8]) -> (normalized: NormalizedText, language: LanguageGuess) {
        let plain = normalizer.normalize(text)
        let language = LanguageGuesser.guess(plain)
        return (normalizer.readingEmoji(in: plain, language: language.language), language)
    }

    /// Assesses a bare string (examples, `explain` of a snippet).
    public func assess(text: String, scratch: MatchScratch) -> (assessment: Assessment, normalized: NormalizedText) {
        let bytes = Array(text.utf8)
        let source = Source(path: "<text>", size: bytes.count, sha256: "", format: .text)
        let document = Document(id: "<text>", source: source, kind: .text, text: bytes,
                                origin: .identity(length: bytes.count), location: Location(line: 1, byteRange: 0..<bytes.count))
        return assess(document, scratch: scratch)
    }
}
