extension Lexicon {
    /// The words of the library's must-match examples: the vocabulary its patterns look for,
    /// written the way lures write it, so a censored `d*cumentos` reads as the library's
    /// `documentos` and never as a word nobody wrote.
    public init(examplesOf library: IndicatorLibrary) {
        let plain = Normalizer()
        let examples = library.indicators.flatMap(\.examples.match) + library.composites.flatMap(\.examples.match)
        self.init(normalizedTexts: examples.lazy.map { plain.normalize($0).bytes })
    }
}
