import Foundation
import Testing
@testable import LureScan

/// Lure phrases quoted by a warning (NGO, police, news) are discounted; the same phrases
/// unquoted, or quoted without a warning, are not. Shipped patterns, in every language.
@Suite struct AwarenessTests {
    static let shipped = DocumentAssessor(compiled: CompiledLibrary(TestSupport.shippedPatterns))
    let scratch = MatchScratch()

    /// One lure, three ways: quoted in a warning, unquoted in the same warning, quoted alone.
    struct Case: Sendable, CustomTestStringConvertible {
        var language: String
        var warned: String
        var unquoted: String
        var quotedAlone: String
        var testDescription: String { language }
    }

    static let cases: [Case] = [
        Case(language: "en",
             warned: #"Beware of offers like "Flight paid, you pay it back from your first salary, no experience needed". Report them to the police."#,
             unquoted: "Beware of such offers. Flight paid, you pay it back from your first salary, no experience needed. Report them to the police.",
             quotedAlone: #""Flight paid, you pay it back from your first salary, no experience needed". Call Mike on WhatsApp."#),
        Case(language: "es",
             warned: "Desconfía de ofertas que dicen «te adelantamos el pasaje, sin experiencia, y lo devuelves con tu primer sueldo». Denúncialas a la policía.",
             unquoted: "Desconfía de ofertas así. Te adelantamos el pasaje, sin experiencia, y lo devuelves con tu primer sueldo. Denúncialas a la policía.",
             quotedAlone: "«Te adelantamos el pasaje, sin experiencia, y lo devuelves con tu primer sueldo». Escríbeme al WhatsApp."),
        Case(language: "pt",
             warned: "Cuidado com ofertas como “Adiantamos a viagem, descontamos dos primeiros salários”. Denuncie à Polícia Federal.",
             unquoted: "Cuidado com ofertas assim. Adiantamos a viagem, descontamos dos primeiros salários. Denuncie à Polícia Federal.",
             quotedAlone: "“Adiantamos a viagem, descontamos dos primeiros salários”. Chama no WhatsApp."),
        Case(language: "fr",
             warned: "Méfiez-vous des annonces « billet payé, tu rembourses sur ton premier salaire ». Signalez-les sur la plateforme officielle.",
             unquoted: "Méfiez-vous de ce genre d'annonces. Billet payé, tu rembourses sur ton premier salaire. Signalez-les sur la plateforme officielle.",
             quotedAlone: "« Billet payé, tu rembourses sur ton premier salaire ». Écris-moi sur WhatsApp."),
    ]

    func assess(_ text: String) -> Assessment {
        Self.shipped.assess(text: text, scratch: scratch).assessment
    }

    func evidence(_ assessment: Assessment) -> [Int] {
        assessment.hits.indices.filter { assessment.hits[$0].category.isEvidence }
    }

    @Test(arguments: cases) func quotedLureInAWarningIsDiscounted(_ example: Case) {
        let warned = assess(example.warned)
        let lure = evidence(warned)
        #expect(lure.count >= 2, "the lure should hit \(example.language) indicators")
        #expect(warned.hits.contains { $0.category == .awareness && $0.indicatorID.hasPrefix(example.language + ".") })
        #expect(Set(lure) == warned.quotedHits)
        #expect(warned.contributions.allSatisfy { $0.kind == .indicator && $0.quoted == $0.hits })
        #expect(warned.score < Band.mediumThreshold / 4)
        #expect(warned.score < assess(example.quotedAlone).score * Scorer.quotedFactor * 2)
    }

    /// The same lure in the warning's own words (two kinds of awareness around it) is
    /// described: discounted less than a quote, far more than nothing.
    @Test(arguments: cases) func unquotedLureInAWarningIsDescribed(_ example: Case) {
        let unquoted = assess(example.unquoted)
        #expect(!evidence(unquoted).isEmpty)
        #expect(unquoted.quotedHits.isEmpty)
        #expect(Set(evidence(unquoted)) == unquoted.describedHits)
        #expect(unquoted.contributions.allSatisfy { $0.kind == .indicator && $0.described == $0.hits })
        #expect(unquoted.score > assess(example.warned).score)
        #expect(unquoted.score < assess(example.quotedAlone).score)
    }

    @Test(arguments: cases) func quotedLureWithoutAwarenessIsNotDiscounted(_ example: Case) {
        let alone = assess(example.quotedAlone)
        #expect(!alone.hits.contains { $0.category == .awareness })
        #expect(alone.quotedHits.isEmpty)
        #expect(alone.score >= Band.mediumThreshold)
    }

    /// These were no_match examples of French indicators while each French pattern carried
    /// its own quoted-warning lookahead; they are awareness examples now, and the scorer
    /// must still keep the indicator they were written for from scoring in full. (Other,
    /// unquoted words of the warning may still hit: "les passeurs" is the author's.)
    @Test(arguments: [
        ("fr.control-and-isolation.secrecy-coaching", "« Ne dis rien à tes parents » : c'est une phrase typique des loverboys, parlez-en."),
        ("fr.deceptive-offer.no-experience-no-diploma", "ONG Solidarité Femmes : méfiez-vous des annonces « sans expérience ni diplôme, billet payé » pour le Golfe."),
        ("fr.minor.school-not-needed", "Les passeurs et trafiquants disent « pas besoin d'aller à l'école » : l'éducation est un droit."),
        ("fr.sexual-exploitation.hostess-euphemism", #"Exemple réel : "hôtesses VIP Dubaï, salaire 3000 €" — ce type d'offre est un piège classique de la traite."#),
        ("fr.smuggling-offer.no-documents-needed", "Les passeurs promettent « pas besoin de visa » : c'est faux, et c'est dangereux."),
        ("fr.targeting.age-range-women", #"Vous avez vu une annonce du type "jeunes filles 18-25 ans pour l'étranger" ? Ne répondez pas."#),
        ("fr.targeting.loverboy-grooming", "Phrases de loverboys à repérer : « je peux t'offrir une vraie vie », « fais-moi confiance »."),
        ("fr.travel-and-documents.travel-paid", #"Annonce repérée : "hôtesses à Dubaï, voyage + logement offerts, contact WhatsApp" : ne répondez pas et signalez-la."#),
        ("fr.travel-and-documents.travel-paid", "Méfiez-vous des annonces « billet payé, sans expérience » : un vrai employeur fait signer un contrat avant le départ."),
        ("fr.travel-and-documents.we-arrange-papers", "Méfiez-vous des offres « visa garanti » : c'est une arnaque."),
        ("fr.victim-voice.passport-taken", "Campagne d'affichage : « On m'a pris mon passeport » — si vous vivez cela, appelez-nous."),
    ])
    func formerFrenchGuardExamplesAreDiscounted(_ indicator: String, _ text: String) {
        let assessment = assess(text)
        let hits = assessment.hits.indices.filter { assessment.hits[$0].indicatorID == indicator }
        #expect(!hits.isEmpty, "the pattern still matches the quote")
        #expect(hits.allSatisfy(assessment.quotedHits.contains))
        let contribution = assessment.contributions.first { $0.id == indicator }
        #expect(contribution.map { $0.effectiveWeight < $0.weight * Scorer.quotedFactor * 1.5 } == true)
        #expect(assessment.score < Band.mediumThreshold)
    }

    @Test func lureThatWarnsAgainstFakesIsNotDamped() {
        let lure = "Flight paid, you pay it back from your first salary, no experience needed."
        let beware = assess("Beware of offers from fake agents, we are legit! " + lure)
        #expect(beware.hits.contains { $0.category == .awareness })
        #expect(beware.quotedHits.isEmpty && beware.describedHits.isEmpty)
        #expect(beware.score == assess(lure).score)
    }

    @Test func jsonlMarksQuotedHitsAndContributions() throws {
        let assessment = assess(Self.cases[0].warned)
        let record = try #require(JSONSerialization.jsonObject(with: Data(JSONLSink.record(assessment, rank: 1).utf8)) as? [String: Any])
        let hits = try #require(record["hits"] as? [[String: Any]])
        #expect(hits.count == assessment.hits.count)
        for (index, hit) in hits.enumerated() {
            #expect(hit["quoted"] as? Bool == assessment.quotedHits.contains(index))
        }
        #expect(hits.contains { $0["quoted"] as? Bool == true })
        let contributions = try #require(record["contributions"] as? [[String: Any]])
        #expect(contributions.contains { ($0["quoted"] as? Int ?? 0) > 0 })
        let described = assess(Self.cases[0].unquoted)
        let describedRecord = try #require(JSONSerialization.jsonObject(with: Data(JSONLSink.record(described, rank: 1).utf8)) as? [String: Any])
        let describedHits = try #require(describedRecord["hits"] as? [[String: Any]])
        for (index, hit) in describedHits.enumerated() {
            #expect(hit["described"] as? Bool == described.describedHits.contains(index))
        }
        #expect(describedHits.contains { $0["described"] as? Bool == true })
        #expect((describedRecord["contributions"] as? [[String: Any]] ?? []).allSatisfy { ($0["described"] as? Int ?? 0) > 0 })
    }

    @Test func explanationMarksQuotedHits() {
        let (assessment, normalized) = Self.shipped.assess(text: Self.cases[3].warned, scratch: scratch)
        let text = ExplanationText.render(assessment, normalized: normalized)
        #expect(text.contains("quoted in a warning"))
        #expect(text.contains("quoted) ->"))
        let (described, describedText) = Self.shipped.assess(text: Self.cases[0].unquoted, scratch: scratch)
        let rendered = ExplanationText.render(described, normalized: describedText)
        #expect(rendered.contains("described by a warning") && rendered.contains("described) ->"))
    }
}

/// The mechanism on a small library: what counts as awareness context, and what a
/// quoted or described hit still contributes.
@Suite struct WarningEvidenceTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.offer", category: "deceptive-offer", element: "means", weight: 0.3, pattern: #"\bno experience\b"#)
        + TestSupport.indicatorYAML(id: "en.travel", category: "travel-and-documents", element: "act", weight: 0.3, pattern: #"\btravel paid\b"#)
        + TestSupport.indicatorYAML(id: "en.hostess", category: "sexual-exploitation", element: "purpose", weight: 0.3, pattern: #"\bhostess\b"#)
        + TestSupport.awarenessYAML(id: "en.warning", pattern: #"\bbeware\b"#)
        + TestSupport.awarenessYAML(id: "en.report", pattern: #"\breport (?:it|them)\b"#)
        + "composites:\n" + TestSupport.compositeYAML(id: "en.offer-and-travel", all: ["en.offer", "en.travel"])

    let assessor = TestSupport.assessor(Self.yaml)
    let scratch = MatchScratch()

    func assess(_ text: String) -> Assessment { assessor.assess(text: text, scratch: scratch).assessment }

    @Test func awarenessAloneNeverScores() {
        let assessment = assess("Beware, beware!")
        #expect(assessment.hits.count == 2)
        #expect(assessment.score == 0 && assessment.contributions.isEmpty)
    }

    @Test func quotedHitsBuildNoCompositeOrCoverage() {
        let warned = assess(#"Beware: "no experience, travel paid, hostess"."#)
        #expect(warned.quotedHits.count == 3)
        #expect(!warned.contributions.contains { $0.kind != .indicator })
        #expect(!warned.elements.act && !warned.elements.means && !warned.elements.purpose)
        #expect(abs(warned.score - (1 - pow(1 - 0.3 * Scorer.quotedFactor, 3))) < 1e-9)
        let plain = assess("Beware: no experience, travel paid, hostess.")
        #expect(plain.contributions.contains { $0.kind == .composite } && plain.elements.isComplete)
    }

    @Test func aWarningInItsOwnWordsKeepsHalfAndBuildsNothing() {
        let warned = assess("Beware: no experience, travel paid, hostess. Report it to the police.")
        #expect(warned.describedHits.count == 3 && warned.quotedHits.isEmpty)
        #expect(!warned.contributions.contains { $0.kind != .indicator })
        #expect(!warned.elements.act && !warned.elements.means && !warned.elements.purpose)
        #expect(abs(warned.score - (1 - pow(1 - 0.3 * Scorer.describedFactor, 3))) < 1e-9)
        // One kind of awareness is not enough: "beware" alone may be a lure's own cover.
        #expect(assess("Beware: no experience, travel paid, hostess.").describedHits.isEmpty)
        // Quoted and described in one warning: each keeps its own discount.
        let both = assess(#"Beware of "hostess" jobs with travel paid. Report them."#)
        #expect(both.quotedHits.count == 1 && both.describedHits.count == 1)
        #expect(both.contributions.first { $0.id == "en.hostess" }?.effectiveWeight == 0.3 * Scorer.quotedFactor)
        #expect(both.contributions.first { $0.id == "en.travel" }?.effectiveWeight == 0.3 * Scorer.describedFactor)
    }

    @Test func theDocumentsOwnHitKeepsItsWeightBesideAQuotedOne() {
        let assessment = assess(#"Beware of "hostess" ads. We need a hostess."#)
        let contribution = assessment.contributions.first { $0.id == "en.hostess" }
        #expect(contribution?.hits == 2 && contribution?.quoted == 1)
        #expect(contribution?.effectiveWeight == 0.3)
        #expect(assessment.quotedHits.count == 1)
        #expect(assessment.quotedHits.allSatisfy { assessment.hits[$0].text == "hostess" && assessment.hits[$0].normalizedRange.lowerBound < 20 })
    }

    @Test func awarenessInsideQuotesIsNoContext() {
        let assessment = assess(#"Travel paid. "No experience", and "beware" of the boss."#)
        #expect(assessment.hits.contains { $0.category == .awareness })
        #expect(assessment.quotedHits.isEmpty)
    }

    @Test func conversationKeepsEachMessagesQuotedHits() {
        let texts = [("NGO", #"Beware of "travel paid" offers."#), ("Recruiter", "no experience, hostess, travel paid")]
        let messages = TestSupport.chatMessages(texts, assessor: assessor, scratch: scratch)
        let conversation = ConversationScorer(scorer: assessor.scorer).assess(messages, sequence: 0)
        #expect(!messages[0].quotedHits.isEmpty && messages[1].quotedHits.isEmpty)
        #expect(conversation.quotedHits == messages[0].quotedHits)
        #expect(conversation.quotedHits.allSatisfy { conversation.hits[$0].indicatorID == "en.travel" })
        #expect(conversation.conversation?.messages.first?.quotedHits == messages[0].quotedHits)
        let travel = conversation.contributions.first { $0.id == "en.travel" }
        #expect(travel?.hits == 2 && travel?.quoted == 1 && travel?.effectiveWeight == 0.3)
        let roles = Dictionary(uniqueKeysWithValues: conversation.conversation!.participants.map { ($0.sender, $0.role) })
        #expect(roles["NGO"] == .some(nil))
        #expect(roles["Recruiter"] == .recruiter)
    }

    /// A friend's warning in a chat discounts what the friend wrote, never the recruiter's messages.
    @Test func conversationDiscountsOnlyTheWarningMessage() {
        let texts = [("Recruiter", "no experience, hostess, travel paid"), ("Friend", "Beware, a hostess job with travel paid is a trap. Report it.")]
        let messages = TestSupport.chatMessages(texts, assessor: assessor, scratch: scratch)
        #expect(messages[0].describedHits.isEmpty && messages[1].describedHits.count == 2)
        let conversation = ConversationScorer(scorer: assessor.scorer).assess(messages, sequence: 0)
        #expect(conversation.describedHits == Set(messages[1].describedHits.map { $0 + messages[0].hits.count }))
        #expect(conversation.contributions.first { $0.id == "en.hostess" }?.effectiveWeight == 0.3)
        #expect(conversation.contributions.contains { $0.kind == .composite })
        let roles = Dictionary(uniqueKeysWithValues: conversation.conversation!.participants.map { ($0.sender, $0.role) })
        #expect(roles["Friend"] == .some(nil))
    }
}

/// What counts as a quotation.
@Suite struct QuotedSpansTests {
    func quoted(_ text: String, _ phrase: String) -> Bool {
        let normalized = Normalizer().normalize(text)
        let range = normalized.string.range(of: phrase)!
        let start = normalized.string.utf8.distance(from: normalized.string.startIndex, to: range.lowerBound)
        return QuotedSpans(normalized.bytes).covers(start..<(start + phrase.utf8.count), in: normalized.bytes)
    }

    @Test func typographicAndStraightQuotesAndGuillemets() {
        #expect(quoted(#"ads saying "travel paid" are fake"#, "travel paid"))
        #expect(quoted("ads saying “travel paid” are fake", "travel paid"))
        #expect(quoted("des annonces « billet paye » et", "billet paye"))
        #expect(quoted("ofertas „viagem paga“ e", "viagem paga"))
        #expect(quoted("ads saying 'travel paid' are fake", "travel paid"))
        #expect(quoted("ads saying ‘travel paid’ are fake", "travel paid"))
        #expect(!quoted(#"ads saying "free visa" travel paid"#, "travel paid"))
    }

    @Test func apostrophesAndInchMarksAreNotQuotes() {
        #expect(!quoted("don't worry, travel paid, it's easy", "travel paid"))
        #expect(!quoted("l'agence: billet paye, c'est sur", "billet paye"))
        #expect(!quoted(#"girls 5'10" tall, travel paid, 32" waist"#, "travel paid"))
    }

    @Test func aHitMayRunAcrossTheSeparatorOfTwoQuotedPhrasesButNotOverWords() {
        let list = #"they say "no experience", "travel paid" and more"#
        let normalized = Normalizer().normalize(list)
        let spans = QuotedSpans(normalized.bytes)
        let from = normalized.string.utf8.distance(from: normalized.string.startIndex, to: normalized.string.range(of: "no experience")!.lowerBound)
        let to = normalized.string.utf8.distance(from: normalized.string.startIndex, to: normalized.string.range(of: "travel paid")!.upperBound)
        #expect(spans.covers(from..<to, in: normalized.bytes))
        #expect(!quoted(#""no experience" so travel paid" now"#, "experience\" so travel"))
    }

    @Test func linesAReplyQuotesWithAnAngleBracketAreQuoted() {
        let reply = "> hi, they keep your passport for 3 months\n>> travel paid\nPlease do not go: travel paid is how it starts"
        #expect(quoted(reply, "they keep your passport"))
        #expect(quoted(reply, "travel paid\n"))
        #expect(!quoted(reply, "how it starts"))
        #expect(!quoted("price > 500 euros, travel paid", "travel paid"))    // `>` inside a line is not quoting
    }

    @Test func farApartMarksDoNotMakeAQuotation() {
        let filler = String(repeating: "word ", count: QuotedSpans.maximumLength / 5 + 1)
        #expect(!quoted("a stray \" mark " + filler + "travel paid \" end", "travel paid"))
    }
}

/// Awareness definitions are checked like any other: they never carry a weight.
@Suite struct AwarenessLoaderTests {
    func load(element: String = "none", crime: String = "both", weight: String? = nil) -> (library: IndicatorLibrary, issues: [LibraryIssue]) {
        TestSupport.library("""
        indicators:
          - id: en.awareness.test
            title: test
            language: en
            category: awareness
            element: \(element)
            crime: \(crime)
        \(weight.map { "    weight: \($0)" } ?? "")
            patterns:
              - '\\breport it\\b'

        """)
    }

    @Test func awarenessLoadsWithoutWeight() {
        let (library, issues) = load()
        #expect(issues.isEmpty)
        #expect(library.indicators.first?.weight == 0)
        #expect(library.indicators.first?.category == .awareness)
    }

    @Test(arguments: [("weight", "none", "both", "0.2"), ("element", "means", "both", nil), ("crime", "none", "trafficking", nil)])
    func awarenessRejectsScoringFields(_ field: String, _ element: String, _ crime: String, _ weight: String?) {
        let (library, issues) = load(element: element, crime: crime, weight: weight)
        #expect(library.indicators.isEmpty)
        #expect(issues.contains { $0.severity == .error && $0.field == field })
    }

    @Test func compositesCannotUseAwareness() {
        let (_, issues) = TestSupport.library("indicators:\n" + TestSupport.awarenessYAML(id: "en.awareness.test", pattern: #"\breport it\b"#)
            + "composites:\n" + TestSupport.compositeYAML(id: "en.composite.test", all: ["en.awareness.test"]))
        #expect(issues.contains { $0.severity == .error && $0.message.contains("awareness") })
    }
}
