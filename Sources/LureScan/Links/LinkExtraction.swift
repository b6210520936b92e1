/// What the assessor adds to each assessment for linking: the document's selectors and,
/// when clusters are wanted, the MinHash signature of its normalized text. Runs in the
/// worker step, so on every core.
public struct LinkExtraction: Sendable {
    public var selectors = true
    public var signatures = false
    public var extractor = SelectorExtractor()

    public init(selectors: Bool = true, signatures: Bool = false, region: PhoneRegion? = nil) {
        self.selectors = selectors
        self.signatures = signatures
        self.extractor = SelectorExtractor(region: region)
    }

    func annotate(_ assessment: inout Assessment, document: Document, normalized: NormalizedText) {
        if selectors { assessment.selectors = extractor.extract(document) }
        if signatures { assessment.signature = MinHash.signature(normalized.bytes) }
    }
}
