/// Gathers the assessments of consecutive messages of one conversation (readers emit a
/// conversation's messages together) and hands over the conversation's assessment when
/// the next conversation starts. Other documents pass straight through.
struct ConversationAssembler {
    let scorer: ConversationScorer
    private var pending: [Assessment] = []
    private var pendingKey: String?

    init(scorer: ConversationScorer) {
        self.scorer = scorer
    }

    /// Adds one assessment; returns what is complete: the previous conversation and/or a plain document.
    mutating func add(_ assessment: Assessment) -> [Assessment] {
        guard let message = assessment.message else { return flush() + [assessment] }
        let key = assessment.source.path + "\u{0}" + message.conversation
        var done: [Assessment] = []
        if key != pendingKey { done = flush() }
        pendingKey = key
        pending.append(assessment)
        return done
    }

    /// The pending conversation's assessment, if any.
    mutating func flush() -> [Assessment] {
        guard !pending.isEmpty else { return [] }
        let conversation = scorer.assess(pending, sequence: pending[0].sequence)
        pending.removeAll()
        pendingKey = nil
        return [conversation]
    }
}
