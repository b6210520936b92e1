/// The human-readable breakdown `lurescan explain` prints: normalized text, each hit with
/// its normalized and original spans, and how the score was reached.
public enum ExplanationText {
    public static func render(_ assessment: Assessment, normalized: NormalizedText) -> String {
        var lines: [String] = []
        lines.append("document: \(assessment.documentID)  (source \(assessment.source.path), line \(assessment.location.line), sha256 \(assessment.source.sha256))")
        lines.append("language: \(assessment.language)  charset: \(assessment.charset)  invalid bytes: \(assessment.invalidBytes)")
        lines.append("")
        lines.append("normalized text (\(normalized.bytes.count) bytes, \(normalized.map.runs.count) offset-map runs):")
        lines.append(normalized.string.split(separator: "\n", omittingEmptySubsequences: false).map { "  | " + $0 }.joined(separator: "\n"))
        lines.append("")
        lines.append("hits:")
        if assessment.hits.isEmpty { lines.append("  (none)") }
        for (index, hit) in assessment.hits.enumerated() {
            let matched = String(decoding: normalized.bytes[hit.normalizedRange], as: UTF8.self)
            let warning = assessment.quotedHits.contains(index) ? "  quoted in a warning"
                : assessment.describedHits.contains(index) ? "  described by a warning" : ""
            lines.append("  \(hit.indicatorID)  [\(hit.category.rawValue), \(hit.element.rawValue), \(hit.crime.rawValue), w=\(JSONText.number(hit.weight))]\(warning)")
            lines.append("    normalized \(hit.normalizedRange.lowerBound)..<\(hit.normalizedRange.upperBound): \(JSONText.string(matched))")
            lines.append("    original   \(hit.sourceRange.lowerBound)..<\(hit.sourceRange.upperBound): \(JSONText.string(hit.text))")
        }
        lines.append("")
        lines.append("score: \(JSONText.number(assessment.score)) (\(assessment.band.rawValue)\(assessment.crime.map { ", " + $0.rawValue } ?? ""))  trafficking \(JSONText.number(assessment.traffickingScore)), smuggling \(JSONText.number(assessment.smugglingScore))")
        lines.append("  noisy-OR per crime of the effective weights: 1 - prod(1 - w)")
        if !assessment.quotedHits.isEmpty || !assessment.describedHits.isEmpty {
            lines.append("  the document warns about lures (awareness outside quotes): an indicator whose every hit it describes keeps x\(JSONText.number(Scorer.describedFactor)) of its weight, whose every hit it quotes x\(JSONText.number(Scorer.quotedFactor)); such hits build no composite or coverage")
        }
        for contribution in assessment.contributions {
            let discounted = [(contribution.quoted, "quoted"), (contribution.described, "described")]
                .filter { $0.0 > 0 }.map { " (\($0.0) \($0.1))" }.joined()
            lines.append("  + \(contribution.kind.rawValue) \(contribution.id) [\(contribution.crime.rawValue)] weight \(JSONText.number(contribution.weight)) x\(contribution.hits)\(discounted) -> \(JSONText.number(contribution.effectiveWeight))"
                + (contribution.terms.isEmpty ? "" : " (terms: \(contribution.terms.joined(separator: ", ")))"))
        }
        let e = assessment.elements
        lines.append("elements: act \(e.act ? "yes" : "no"), means \(e.means ? "yes" : "no"), purpose \(e.purpose ? "yes" : "no"), minor \(e.minor ? "yes" : "no") -> \(e.isComplete ? "complete" : "incomplete")")
        if !assessment.errors.isEmpty { lines.append("errors: " + assessment.errors.joined(separator: "; ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
