import Testing
@testable import LureScan

@Suite struct ConversationTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.offer", category: "deceptive-offer", element: "means", weight: 0.3, pattern: #"\bno experience\b"#)
        + TestSupport.indicatorYAML(id: "en.photos", category: "targeting", element: "means", weight: 0.2, pattern: #"\bsend (?:me )?photos\b"#)
        + TestSupport.indicatorYAML(id: "en.ticket", category: "travel-and-documents", element: "act", weight: 0.3, pattern: #"\bticket\b"#)
        + TestSupport.indicatorYAML(id: "en.debt", category: "debt-and-fees", element: "means", weight: 0.3, pattern: #"\byou owe\b"#)
        + TestSupport.indicatorYAML(id: "en.passport", category: "control-and-isolation", element: "means", weight: 0.4, pattern: #"\bpassport\b"#)
        + TestSupport.indicatorYAML(id: "en.victim", category: "victim-voice", element: "none", weight: 0.5, pattern: #"\bi can.t leave\b"#)
        + "composites:\n" + TestSupport.compositeYAML(id: "en.ticket-then-debt", all: ["en.ticket", "en.debt"], within: "{ messages: 3 }")

    let assessor = TestSupport.assessor(Self.yaml)
    let scratch = MatchScratch()

    func messages(_ lines: [(String, String)]) -> [Assessment] {
        TestSupport.chatMessages(lines, assessor: assessor, scratch: scratch)
    }

    var scorer: ConversationScorer { ConversationScorer(scorer: assessor.scorer) }

    @Test func indicatorsCountOnceAcrossMessagesAndEscalationAdds() {
        let chat = messages([
            ("Recruiter", "Good job, no experience needed"),
            ("Recruiter", "send photos please"),
            ("Recruiter", "I bought your ticket"),
            ("Recruiter", "now you owe me 3000"),
            ("Recruiter", "I keep your passport"),
            ("Maria", "please, I can't leave this house"),
        ])
        let conversation = scorer.assess(chat, sequence: 0)
        #expect(conversation.kind == .conversation)
        #expect(conversation.documentID == "chat")
        #expect(conversation.contributions.filter { $0.kind == .indicator }.count == 6)
        #expect(conversation.conversation?.escalation == [.deceptiveOffer, .targeting, .travelAndDocuments, .debtAndFees, .controlAndIsolation])
        #expect(conversation.contributions.contains { $0.kind == .escalation && abs($0.weight - 0.3) < 1e-9 })
        #expect(conversation.contributions.contains { $0.kind == .composite && $0.id == "en.ticket-then-debt" })
        let roles = Dictionary(uniqueKeysWithValues: conversation.conversation!.participants.map { ($0.sender, $0.role) })
        #expect(roles["Maria"] == .victim)
        #expect(roles["Recruiter"] == .recruiter)
        #expect(conversation.conversation?.messages.count == 6)
        #expect(conversation.band == .high)
    }

    @Test func messageWindowsBoundComposites() {
        let near = scorer.assess(messages([("A", "ticket is ready"), ("A", "hello"), ("A", "you owe me")]), sequence: 0)
        #expect(near.contributions.contains { $0.kind == .composite })
        let far = scorer.assess(messages([("A", "ticket is ready"), ("A", "hello"), ("A", "hi"), ("A", "you owe me")]), sequence: 0)
        #expect(!far.contributions.contains { $0.kind == .composite })
    }

    @Test func noEscalationWhenStagesGoBackwards() {
        let chat = scorer.assess(messages([("A", "I keep your passport"), ("A", "you owe me"), ("A", "ticket"), ("A", "no experience")]), sequence: 0)
        #expect(!chat.contributions.contains { $0.kind == .escalation })
    }

    @Test func pipelineAssemblesConversationsAndRanksMessagesOnRequest() {
        var sink = CollectingSink()
        let chat = messages([("A", "no experience"), ("B", "hello"), ("A", "I keep your passport")])
        var assembler = ConversationAssembler(scorer: scorer)
        var done: [Assessment] = []
        for message in chat { done += assembler.add(message) }
        #expect(done.isEmpty)
        done += assembler.flush()
        #expect(done.count == 1 && done[0].conversation?.messageCount == 3)
        sink.write(done[0], rank: 1)
        let line = JSONLSink.record(done[0], rank: 1)
        #expect(line.contains("\"kind\":\"conversation\"") && line.contains("\"participants\":[") && line.contains("\"messages\":[{\"index\":0"))
        let messageLine = JSONLSink.record(chat[2], rank: 1)
        #expect(messageLine.contains("\"conversation\":\"chat\"") && messageLine.contains("\"sender\":\"A\"") && messageLine.contains("\"index\":2"))
    }
}
