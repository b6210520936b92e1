/// Clusters (`--links`) and selectors in the outputs: JSONL `record: "cluster"` lines and
/// `selectors[]` on documents, CSV cluster rows, and the clusters section of the table.
extension JSONLSink {
    public mutating func write(_ cluster: Cluster) {
        output.write(Self.clusterRecord(cluster) + "\n")
    }

    static func selectors(_ selectors: [Selector]) -> String {
        JSONText.array(selectors.map { selector in
            JSONText.object([
                ("kind", JSONText.string(selector.kind.rawValue)),
                ("value", JSONText.string(selector.value)),
                ("text", JSONText.string(selector.text)),
                ("start", String(selector.sourceRange.lowerBound)),
                ("end", String(selector.sourceRange.upperBound)),
            ])
        })
    }

    public static func clusterRecord(_ cluster: Cluster) -> String {
        JSONText.object([
            ("schema", JSONText.string(schema)),
            ("record", JSONText.string("cluster")),
            ("rank", String(cluster.rank)),
            ("id", JSONText.string(cluster.id)),
            ("size", String(cluster.documents.count)),
            ("highest_score", JSONText.number(cluster.highestScore)),
            ("mean_score", JSONText.number(cluster.meanScore)),
            ("documents", JSONText.array(cluster.documents.map { member in
                JSONText.object([("id", JSONText.string(member.documentID)), ("path", JSONText.string(member.sourcePath)),
                                 ("score", JSONText.number(member.score)), ("band", JSONText.string(member.band.rawValue))])
            })),
            ("selectors", JSONText.array(cluster.selectors.map { binding in
                JSONText.object([("kind", JSONText.string(binding.key.kind.rawValue)), ("value", JSONText.string(binding.key.value)),
                                 ("documents", String(binding.documents))])
            })),
            ("templates", JSONText.array(cluster.templates.map { link in
                JSONText.object([("first", JSONText.string(link.first)), ("second", JSONText.string(link.second)),
                                 ("similarity", JSONText.number(link.similarity))])
            })),
        ])
    }
}

extension CSVSink {
    /// One row per document of the cluster (a spreadsheet filters and pivots on rows, not on
    /// lists in a cell): `rank` is the cluster's, `score`, `band`, `id` and `source_path` the
    /// document's, `top_indicators` what binds the cluster, `cluster` its id.
    public mutating func write(_ cluster: Cluster) {
        var binders = cluster.selectors.map { "\($0.key.kind.rawValue):\($0.key.value)" }
        if !cluster.templates.isEmpty { binders.append("template") }
        for member in cluster.documents {
            row([String(cluster.rank), JSONText.number(member.score), member.band.rawValue, "", member.documentID, member.sourcePath,
                 "", "", "", "", "", "", "", binders.joined(separator: " "), "", "", "", "", "cluster", cluster.id])
        }
    }
}

extension TableSink {
    public mutating func write(_ cluster: Cluster) {
        if cluster.rank == 1 { output.write("\n" + ClusterText.header) }
        output.write(ClusterText.lines(cluster))
    }
}

/// The clusters table: rank, size, highest and mean score, then what binds the cluster
/// and its documents.
public enum ClusterText {
    public static let header = TableSink.pad("CLUSTER", 7) + "  " + TableSink.pad("DOCS", 4) + "  " + TableSink.pad("HIGH", 5) + "  "
        + TableSink.pad("MEAN", 5) + "  " + "BOUND BY\n"

    public static func lines(_ cluster: Cluster, maximumDocuments: Int = 5) -> String {
        var binders = cluster.selectors.prefix(4).map { "\($0.key.kind.rawValue) \($0.key.value) (\($0.documents))" }
        if !cluster.templates.isEmpty { binders.append("template (\(cluster.templates.count) link\(cluster.templates.count == 1 ? "" : "s"))") }
        if cluster.selectors.count > 4 { binders.append("+\(cluster.selectors.count - 4) more") }
        var text = TableSink.pad(String(cluster.rank), 7) + "  " + TableSink.pad(String(cluster.documents.count), 4) + "  "
            + TableSink.pad(JSONText.number(cluster.highestScore), 5) + "  " + TableSink.pad(JSONText.number(cluster.meanScore), 5) + "  "
            + binders.joined(separator: "; ") + "\n"
        let indent = String(repeating: " ", count: 28)
        for member in cluster.documents.prefix(maximumDocuments) {
            text += indent + TableSink.pad(JSONText.number(member.score), 5) + "  " + member.documentID + "\n"
        }
        if cluster.documents.count > maximumDocuments { text += indent + "… \(cluster.documents.count - maximumDocuments) more\n" }
        return text
    }
}
