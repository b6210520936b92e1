/// Renders an evaluation as a table for people or as JSON for tools.
public enum EvaluationText {
    static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format3: value)
    }

    public static func table(_ reports: [Evaluator.LanguageReport], indicators: [Evaluator.IndicatorReport]?) -> String {
        var lines = ["LANG  LURE SMUG BENIGN  ROC-T  ROC-S  ROC-ALL  PR-T   PR-S   PR-ALL  P@10   P@20   OBFUSC≥MED   MEDIUM tp/fp/fn (prec, rec)     HIGH tp/fp/fn (prec, rec)"]
        for report in reports {
            func confusion(_ band: Band) -> String {
                let c = report.confusion[band]!
                return "\(c.truePositives)/\(c.falsePositives)/\(c.falseNegatives) (\(format(c.precision)), \(format(c.recall)))"
            }
            let obfuscated = report.obfuscatedCaught.total == 0 ? "-" : "\(report.obfuscatedCaught.caught)/\(report.obfuscatedCaught.total)"
            var line = pad(report.language, 5) + " " + pad(String(report.counts[.lure, default: 0]), 4) + " " + pad(String(report.counts[.smuggling, default: 0]), 4)
            line += " " + pad(String(report.counts[.benign, default: 0]), 6) + "  "
            line += ["trafficking", "smuggling", "both"].map { pad(format(report.rocAUC[$0] ?? nil), 6) }.joined(separator: " ") + "   "
            line += ["trafficking", "smuggling", "both"].map { pad(format(report.prAUC[$0] ?? nil), 6) }.joined(separator: " ") + "  "
            line += pad(format(report.precisionAt[10] ?? nil), 6) + " " + pad(format(report.precisionAt[20] ?? nil), 6) + " "
            line += pad(obfuscated, 12) + " " + pad(confusion(.medium), 31) + " " + confusion(.high)
            lines.append(line)
        }
        if let indicators {
            lines.append("")
            lines.append(pad("INDICATOR", 60) + " SUPPORT  PRECISION  RECALL")
            for indicator in indicators {
                lines.append(pad(indicator.id, 60) + " " + pad(String(indicator.support), 8) + " " + pad(format(indicator.precision), 10) + " " + format(indicator.recall))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ reports: [Evaluator.LanguageReport], indicators: [Evaluator.IndicatorReport],
                            thresholds: [Band: (threshold: Double, confusion: Metrics.Confusion)?]?) -> String {
        func number(_ value: Double?) -> String { value.map(JSONText.number) ?? "null" }
        func confusion(_ c: Metrics.Confusion) -> String {
            JSONText.object([("tp", String(c.truePositives)), ("fp", String(c.falsePositives)), ("tn", String(c.trueNegatives)),
                             ("fn", String(c.falseNegatives)), ("precision", number(c.precision)), ("recall", number(c.recall))])
        }
        let languages = reports.map { report in
            JSONText.object([
                ("language", JSONText.string(report.language)),
                ("counts", JSONText.object(LabeledDocument.Label.allCases.map { ($0.rawValue, String(report.counts[$0, default: 0])) })),
                ("roc_auc", JSONText.object(["trafficking", "smuggling", "both"].map { ($0, number(report.rocAUC[$0] ?? nil)) })),
                ("pr_auc", JSONText.object(["trafficking", "smuggling", "both"].map { ($0, number(report.prAUC[$0] ?? nil)) })),
                ("precision_at", JSONText.object(Evaluator.precisionRanks.map { (String($0), number(report.precisionAt[$0] ?? nil)) })),
                ("confusion", JSONText.object([("medium", confusion(report.confusion[.medium]!)), ("high", confusion(report.confusion[.high]!))])),
                ("obfuscated", JSONText.object([("caught", String(report.obfuscatedCaught.caught)), ("total", String(report.obfuscatedCaught.total))])),
            ])
        }
        var members = [("schema", JSONText.string("lurescan.eval/1")), ("languages", JSONText.array(languages)),
                       ("indicators", JSONText.array(indicators.map { indicator in
                           JSONText.object([("id", JSONText.string(indicator.id)), ("support", String(indicator.support)),
                                            ("precision", number(indicator.precision)), ("recall", number(indicator.recall))])
                       }))]
        if let thresholds {
            members.append(("suggested_thresholds", JSONText.object([Band.medium, Band.high].map { band in
                (band.rawValue, thresholds[band].flatMap { $0 }.map { JSONText.object([("threshold", JSONText.number($0.threshold)), ("confusion", confusion($0.confusion))]) } ?? "null")
            })))
        }
        return JSONText.object(members) + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

public extension String {
    /// Three decimals, without Foundation's formatter.
    init(format3 value: Double) {
        let scaled = Int((value * 1000).rounded())
        let whole = scaled / 1000, fraction = abs(scaled % 1000)
        self = "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    }
}
