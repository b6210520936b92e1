/// What a conversation's assessment adds to a document's: the messages that carry
/// evidence, who said what, and whether the categories escalate like a recruitment.
public struct ConversationDetails: Sendable {
    public struct Message: Sendable {
        public var index: Int
        public var sender: String?
        public var timestamp: String?
        public var documentID: String
        public var location: Location
        public var hits: [Hit]
        /// Indexes into `hits` of a warning's evidence (`Assessment.quotedHits`, `describedHits`).
        public var quotedHits: Set<Int> = []
        public var describedHits: Set<Int> = []
    }

    /// A hint at a participant's part, from the categories of their own messages.
    public enum Role: String, Sendable, CaseIterable {
        case recruiter, logistics, money, watcher, victim
    }

    public struct Participant: Sendable {
        public var sender: String
        public var messages: Int
        public var categories: [Category: Int]
        public var role: Role?
        /// Quotes of the hits behind the role.
        public var evidence: [String]
    }

    public var messageCount: Int
    /// Messages with at least one hit, in conversation order.
    public var messages: [Message]
    public var participants: [Participant]
    /// The recruitment stages seen, in the order they first appeared.
    public var escalation: [Category]
}
