/// Decides which hits a warning describes rather than makes. A document whose author warns
/// (an `awareness` hit outside any quotation: an NGO, police, embassy or news text) is not
/// making the offers it talks about:
/// - quoted evidence: lure phrases inside a quotation (`QuotedSpans`) of such a warning,
///   `Beware of ads saying "flight paid, repay from your salary"`;
/// - described evidence: its other lure phrases, in the author's own words ("traffickers
///   promise a paid flight and take the passport").
/// Awareness inside quotes is part of what is quoted ("report to the supervisor" in a lure),
/// not the author's warning. Quotes alone discount nothing: a lure may put its own perks in
/// quotes (`"VIP" hostess`). Described evidence needs `awarenessToDescribe` different
/// awareness indicators: one line such as "beware of fake agents, we are legit" is a lure's
/// own cover and must not damp the offer that follows it. The scorer discounts both kinds,
/// quoted evidence the more; the hits stay in the assessment, flagged, for the investigator.
enum WarningEvidence {
    static let awarenessToDescribe = 2

    static func classify(_ hits: [Hit], in text: NormalizedText) -> (quoted: Set<Int>, described: Set<Int>) {
        // Most documents have no awareness hit: skip finding quotations for them.
        guard hits.contains(where: { !$0.category.isEvidence }) else { return ([], []) }
        let quotations = QuotedSpans(text.bytes)
        let inQuotes = quotations.spans.isEmpty ? [] : Set(hits.indices.filter { quotations.covers(hits[$0].normalizedRange, in: text.bytes) })
        let warnings = Set(hits.indices.filter { !hits[$0].category.isEvidence && !inQuotes.contains($0) }.map { hits[$0].indicatorID })
        guard !warnings.isEmpty else { return ([], []) }
        let evidence = hits.indices.filter { hits[$0].category.isEvidence }
        let described = warnings.count >= awarenessToDescribe ? Set(evidence.filter { !inQuotes.contains($0) }) : []
        return (Set(evidence.filter(inQuotes.contains)), described)
    }
}
