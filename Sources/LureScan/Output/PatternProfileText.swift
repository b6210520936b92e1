import Foundation

/// `lurescan profile` as a table: the patterns that cost the most matching time first.
public enum PatternProfileText {
    public static func table(_ profile: PatternProfile, patterns: [(indicatorID: String, pattern: String)], top: Int) -> String {
        let total = max(1, profile.entries.reduce(0) { $0 + $1.nanoseconds })
        let ranked = profile.entries.indices.filter { profile.entries[$0].runs > 0 }
            .sorted { profile.entries[$0].nanoseconds > profile.entries[$1].nanoseconds }
        var lines = [String(format: "matching time %.1f ms over %d pattern runs (%d of %d patterns ran)",
                            Double(total) / 1e6, profile.entries.reduce(0) { $0 + $1.runs }, ranked.count, patterns.count),
                     "   MS  SHARE   RUNS  MATCHES    MB/S  INDICATOR / PATTERN"]
        for index in ranked.prefix(top) {
            let entry = profile.entries[index]
            let megabytesPerSecond = entry.nanoseconds > 0 ? Double(entry.bytes) / Double(entry.nanoseconds) * 1e3 : 0
            lines.append(String(format: "%5.0f  %4.1f%%  %5d  %7d  %6.1f  ", Double(entry.nanoseconds) / 1e6,
                                100 * Double(entry.nanoseconds) / Double(total), entry.runs, entry.matches, megabytesPerSecond)
                         + patterns[index].indicatorID)
            let pattern = patterns[index].pattern
            lines.append("       " + (pattern.count > 110 ? pattern.prefix(110) + "…" : pattern))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
