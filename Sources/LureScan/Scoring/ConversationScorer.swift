/// Scores a chat or mail thread as a whole (DESIGN.md, Chats): indicators are de-duplicated
/// across messages, composites are evaluated over message windows, and an escalation
/// signal is added when the categories appear in the order of a recruitment (offer ->
/// targeting -> travel/documents -> debt -> control). Participants get the categories of
/// their own messages and a role hint.
public struct ConversationScorer: Sendable {
    /// The recruitment stages, in the order a recruitment unfolds.
    static let stages: [Category] = [.deceptiveOffer, .targeting, .travelAndDocuments, .debtAndFees, .controlAndIsolation]
    /// Weight per stage beyond the second seen in escalating order, capped.
    public static let escalationStep = 0.1
    public static let escalationCap = 0.3

    static let roleOfCategory: [Category: ConversationDetails.Role] = [
        .deceptiveOffer: .recruiter, .targeting: .recruiter, .sexualExploitation: .recruiter, .minor: .recruiter,
        .labourExploitation: .recruiter, .contactEvasion: .recruiter,
        .travelAndDocuments: .logistics, .smugglingOffer: .logistics,
        .debtAndFees: .money, .moneyMovement: .money,
        .controlAndIsolation: .recruiter, .counterSurveillance: .watcher, .victimVoice: .victim,
    ]

    let scorer: Scorer

    public init(scorer: Scorer) {
        self.scorer = scorer
    }

    /// `messages`: the assessments of one conversation's messages, in order.
    public func assess(_ messages: [Assessment], sequence: Int) -> Assessment {
        let first = messages[0]
        let info = first.message
        var hits: [Hit] = []
        var messageOfHit: [Int] = []
        // Each message decided its own warning evidence, with its own text: a friend's warning
        // discounts what the friend wrote, not the recruiter's messages.
        var quoted: Set<Int> = []
        var described: Set<Int> = []
        for message in messages {
            quoted.formUnion(message.quotedHits.map { $0 + hits.count })
            described.formUnion(message.describedHits.map { $0 + hits.count })
            hits += message.hits
            messageOfHit += message.hits.map { _ in message.message?.index ?? 0 }
        }
        var (contributions, elements) = scorer.contributions(for: hits, quoted: quoted, described: described, messageIndexes: messageOfHit)
        let own = Scorer.ownEvidence(hits, quoted: quoted, described: described)
        let escalation = Self.escalation(hits: own.map { hits[$0] }, messageOfHit: own.map { messageOfHit[$0] })
        let steps = escalation.count - 2
        if steps > 0 {
            let weight = min(Self.escalationCap, Self.escalationStep * Double(steps))
            contributions.append(Contribution(kind: .escalation, id: "escalation:" + escalation.map(\.rawValue).joined(separator: ">"),
                                              crime: .trafficking, weight: weight, effectiveWeight: weight, hits: escalation.count))
        }
        let trafficking = Scorer.noisyOr(contributions, crime: .trafficking)
        let smuggling = Scorer.noisyOr(contributions, crime: .smuggling)
        let score = max(trafficking, smuggling)
        let details = ConversationDetails(
            messageCount: messages.count,
            messages: messages.filter { !$0.hits.isEmpty }.map { message in
                ConversationDetails.Message(index: message.message?.index ?? 0, sender: message.message?.sender,
                                            timestamp: message.message?.timestamp, documentID: message.documentID,
                                            location: message.location, hits: message.hits,
                                            quotedHits: message.quotedHits, describedHits: message.describedHits)
            },
            participants: Self.participants(messages),
            escalation: escalation)
        var location = first.location
        location.byteRange = (messages.map(\.location.byteRange.lowerBound).min() ?? 0)..<(messages.map(\.location.byteRange.upperBound).max() ?? 0)
        return Assessment(
            documentID: info?.conversation ?? first.documentID, source: first.source, kind: .conversation, location: location,
            language: Self.majorityLanguage(messages), score: score, band: Band(score: score),
            crime: score == 0 ? nil : (trafficking >= smuggling ? .trafficking : .smuggling),
            traffickingScore: trafficking, smugglingScore: smuggling, elements: elements,
            contributions: contributions.sorted { $0.effectiveWeight > $1.effectiveWeight }, hits: hits,
            patternFailures: messages.flatMap(\.patternFailures), invalidBytes: messages.reduce(0) { $0 + $1.invalidBytes },
            charset: first.charset, sequence: sequence, message: nil, conversation: details,
            selectors: messages.flatMap(\.selectors), quotedHits: quoted, describedHits: described)
    }

    /// The stages that appear in recruitment order, by the message where each first appears.
    static func escalation(hits: [Hit], messageOfHit: [Int]) -> [Category] {
        var firstSeen: [Category: Int] = [:]
        for (hit, message) in zip(hits, messageOfHit) where stages.contains(hit.category) {
            firstSeen[hit.category] = min(firstSeen[hit.category] ?? .max, message)
        }
        // Longest run of stages whose first appearances do not go back in time.
        var best: [Category] = []
        for start in stages.indices {
            var chain: [Category] = []
            var last = -1
            for stage in stages[start...] {
                if let seen = firstSeen[stage], seen >= last {
                    chain.append(stage)
                    last = seen
                }
            }
            if chain.count > best.count { best = chain }
        }
        return best
    }

    static func participants(_ messages: [Assessment]) -> [ConversationDetails.Participant] {
        var order: [String] = []
        var byName: [String: ConversationDetails.Participant] = [:]
        for message in messages {
            guard let sender = message.message?.sender else { continue }
            if byName[sender] == nil {
                order.append(sender)
                byName[sender] = ConversationDetails.Participant(sender: sender, messages: 0, categories: [:], role: nil, evidence: [])
            }
            byName[sender]!.messages += 1
            // Warning about lures makes no one a recruiter.
            for hit in Scorer.ownEvidence(message.hits, quoted: message.quotedHits, described: message.describedHits).map({ message.hits[$0] }) {
                byName[sender]!.categories[hit.category, default: 0] += 1
                if byName[sender]!.evidence.count < 5 { byName[sender]!.evidence.append(hit.text) }
            }
        }
        return order.map { name in
            var participant = byName[name]!
            var roles: [ConversationDetails.Role: Int] = [:]
            for (category, count) in participant.categories { if let role = roleOfCategory[category] { roles[role, default: 0] += count } }
            participant.role = roles.max { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }?.key
            return participant
        }
    }

    static func majorityLanguage(_ messages: [Assessment]) -> String {
        let counts = Dictionary(grouping: messages.map(\.language).filter { $0 != "und" }, by: { $0 }).mapValues(\.count)
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "und"
    }
}
