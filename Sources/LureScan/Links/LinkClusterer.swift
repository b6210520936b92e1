/// Groups documents into networks (union-find): documents sharing a selector (phone,
/// e-mail, handle, invite link, wallet, URL) are linked, and so are near-duplicate ads,
/// found by MinHash LSH and kept when their estimated Jaccard similarity reaches
/// `threshold`. Only groups of two or more documents are clusters. Output order is
/// deterministic: highest score, then size, then input order.
public struct LinkClusterer: Sendable {
    public var threshold: Double
    /// Members of an LSH bucket each compared against at most this many earlier ones.
    public var comparisonsPerBucketMember = 8

    public init(threshold: Double = 0.6) {
        self.threshold = threshold
    }

    public func clusters(_ records: [LinkRecord]) -> [Cluster] {
        var sets = UnionFind(count: records.count)
        // Shared selectors.
        var holders: [SelectorKey: [Int]] = [:]
        for (index, record) in records.enumerated() {
            for key in record.keys where key.kind.links { holders[key, default: []].append(index) }
        }
        for members in holders.values where members.count > 1 {
            for member in members.dropFirst() { sets.union(members[0], member) }
        }
        // Near-duplicate templates.
        var buckets: [UInt64: [Int]] = [:]
        for (index, record) in records.enumerated() {
            guard let signature = record.signature else { continue }
            for key in MinHash.bandKeys(signature) { buckets[key, default: []].append(index) }
        }
        var templatePairs: [Int: [(Int, Int, Double)]] = [:]
        var compared = Set<UInt64>()
        for members in buckets.values where members.count > 1 {
            for (position, member) in members.enumerated().dropFirst() {
                let earlier = members[0..<position]
                for other in [earlier.first!] + earlier.dropFirst().suffix(comparisonsPerBucketMember - 1) {
                    let pair = UInt64(other) << 32 | UInt64(member)
                    guard compared.insert(pair).inserted else { continue }
                    let similarity = MinHash.similarity(records[other].signature!, records[member].signature!)
                    if similarity >= threshold {
                        sets.union(other, member)
                        templatePairs[other, default: []].append((other, member, similarity))
                        break
                    }
                }
            }
        }
        // Gather the groups.
        var groups: [Int: [Int]] = [:]
        for index in records.indices { groups[sets.find(index), default: []].append(index) }
        var clusters: [(cluster: Cluster, first: Int)] = []
        for members in groups.values where members.count > 1 {
            let memberSet = Set(members)
            let sorted = members.sorted { (a: Int, b: Int) -> Bool in
                let scoreA = records[a].score, scoreB = records[b].score
                return scoreA != scoreB ? scoreA > scoreB : a < b
            }
            var counts: [SelectorKey: Int] = [:]
            for index in members { for key in Set(records[index].keys) where key.kind.links { counts[key, default: 0] += 1 } }
            let bindings = counts.filter { $0.value > 1 }.map { Cluster.Binding(key: $0.key, documents: $0.value) }
                .sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.key < $1.key }
            var pairs: [(Int, Int, Double)] = []
            for index in members.sorted() {
                for pair in templatePairs[index] ?? [] where memberSet.contains(pair.0) && memberSet.contains(pair.1) { pairs.append(pair) }
            }
            pairs.sort { (a: (Int, Int, Double), b: (Int, Int, Double)) -> Bool in a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }
            let templates = pairs.map { pair in
                Cluster.TemplateLink(first: records[pair.0].documentID, second: records[pair.1].documentID, similarity: pair.2)
            }
            let scores = members.map { records[$0].score }
            let cluster = Cluster(
                rank: 0,
                documents: sorted.map { Cluster.Member(documentID: records[$0].documentID, sourcePath: records[$0].sourcePath, score: records[$0].score, band: records[$0].band) },
                selectors: bindings, templates: templates,
                highestScore: scores.max() ?? 0, meanScore: scores.reduce(0, +) / Double(scores.count))
            clusters.append((cluster, members.min()!))
        }
        clusters.sort { a, b in
            if a.cluster.highestScore != b.cluster.highestScore { return a.cluster.highestScore > b.cluster.highestScore }
            if a.cluster.documents.count != b.cluster.documents.count { return a.cluster.documents.count > b.cluster.documents.count }
            return a.first < b.first
        }
        return clusters.enumerated().map { offset, entry in
            var cluster = entry.cluster
            cluster.rank = offset + 1
            return cluster
        }
    }
}
