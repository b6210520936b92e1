/// Decides which hits are lure phrases quoted by a warning: an NGO, police or news text
/// that says `Beware of ads saying "flight paid, repay from your salary"` is not making
/// that offer. A hit is quoted evidence when it lies inside a quotation (`QuotedSpans`)
/// and the document also has awareness language (an `awareness` hit) outside any
/// quotation. Both are required: a lure may put its own perks in quotes (`"VIP" hostess`)
/// and may say "beware of fake agents, we are legit" to look honest; neither alone
/// discounts anything. The scorer discounts quoted evidence; the hits stay in the
/// assessment, flagged, for the investigator.
enum QuotedEvidence {
    /// Indexes into `hits` of the quoted evidence (empty without awareness context).
    static func indexes(of hits: [Hit], in text: NormalizedText) -> Set<Int> {
        // Most documents have no awareness hit: skip finding quotations for them.
        guard hits.contains(where: { !$0.category.isEvidence }) else { return [] }
        let quotations = QuotedSpans(text.bytes)
        guard !quotations.spans.isEmpty else { return [] }
        let quoted = Set(hits.indices.filter { quotations.covers(hits[$0].normalizedRange, in: text.bytes) })
        // An awareness phrase inside a quote is part of what is quoted ("report to the
        // supervisor" in a lure), not the author's warning.
        let warned = hits.indices.contains { !hits[$0].category.isEvidence && !quoted.contains($0) }
        return warned ? quoted.filter { hits[$0].category.isEvidence } : []
    }
}
