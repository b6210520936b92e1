import Testing
@testable import LureScan

@Suite struct MatcherScoringTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.offer", category: "deceptive-offer", element: "means", weight: 0.3, pattern: #"\bno experience\b"#)
        + TestSupport.indicatorYAML(id: "en.travel", category: "travel-and-documents", element: "act", weight: 0.3, pattern: #"\btravel paid\b"#)
        + TestSupport.indicatorYAML(id: "en.hostess", category: "sexual-exploitation", element: "purpose", weight: 0.3, pattern: #"\bhostess\b"#)
        + TestSupport.indicatorYAML(id: "en.crossing", category: "smuggling-offer", element: "none", crime: "smuggling", weight: 0.5, pattern: #"\bcrossing\b"#)
        + TestSupport.indicatorYAML(id: "en.catastrophic", pattern: #"(a+)+$"#)
        + "composites:\n" + TestSupport.compositeYAML(id: "en.offer-and-travel", all: ["en.offer", "en.travel"], within: "{ characters: 40 }")

    let assessor = TestSupport.assessor(Self.yaml)
    let scratch = MatchScratch()

    @Test func noisyOrCombinesWeightsPerCrime() {
        let assessment = assessor.assess(text: "No experience. Hostess wanted. Crossing guaranteed.", scratch: scratch).assessment
        #expect(abs(assessment.traffickingScore - (1 - 0.7 * 0.7)) < 1e-9)
        #expect(abs(assessment.smugglingScore - 0.5) < 1e-9)
        #expect(assessment.crime == .trafficking)
        #expect(assessment.score == assessment.traffickingScore)
    }

    @Test func repeatsAddALittleAndAreCapped() {
        let once = assessor.assess(text: "hostess", scratch: scratch).assessment.score
        let twice = assessor.assess(text: "hostess hostess", scratch: scratch).assessment.score
        let many = assessor.assess(text: String(repeating: "hostess ", count: 30), scratch: scratch).assessment.score
        let capped = assessor.assess(text: String(repeating: "hostess ", count: 4), scratch: scratch).assessment.score
        #expect(abs(once - 0.3) < 1e-9)
        #expect(twice > once && twice < 0.4)
        #expect(many == capped)
    }

    @Test func compositeFiresOnlyWithinItsWindow() {
        let near = assessor.assess(text: "No experience, travel paid!", scratch: scratch).assessment
        #expect(near.contributions.contains { $0.kind == .composite && $0.id == "en.offer-and-travel" })
        let far = assessor.assess(text: "No experience." + String(repeating: " filler", count: 20) + " Travel paid.", scratch: scratch).assessment
        #expect(!far.contributions.contains { $0.kind == .composite })
    }

    @Test func completeElementCoverageAddsWeight() {
        let partial = assessor.assess(text: "No experience, hostess.", scratch: scratch).assessment
        #expect(!partial.elements.isComplete)
        let complete = assessor.assess(text: "No experience. Hostess. Later: travel paid by us.", scratch: scratch).assessment
        #expect(complete.elements.isComplete)
        #expect(complete.contributions.contains { $0.kind == .coverage })
        #expect(complete.band == .high)
    }

    @Test func weakHitsDoNotCompleteCoverage() {
        let yaml = "indicators:\n"
            + TestSupport.indicatorYAML(id: "en.act", category: "travel-and-documents", element: "act", weight: 0.15, pattern: #"\bticket\b"#)
            + TestSupport.indicatorYAML(id: "en.means", element: "means", weight: 0.3, pattern: #"\bdebt\b"#)
            + TestSupport.indicatorYAML(id: "en.purpose", category: "labour-exploitation", element: "purpose", weight: 0.3, pattern: #"\bno days off\b"#)
        let assessment = TestSupport.assessor(yaml).assess(text: "ticket, debt, no days off", scratch: scratch).assessment
        #expect(!assessment.elements.act)
        #expect(!assessment.contributions.contains { $0.kind == .coverage })
    }

    @Test func catastrophicPatternFailsAloneAndTheRestIsScored() {
        let text = "hostess " + String(repeating: "a", count: 50_000) + "b"
        let assessment = assessor.assess(text: text, scratch: scratch).assessment
        #expect(assessment.errors.count == 1)
        #expect(assessment.errors[0].hasPrefix("en.catastrophic:"))
        #expect(assessment.hits.map(\.indicatorID) == ["en.hostess"])
        #expect(abs(assessment.score - 0.3) < 1e-9)
    }

    @Test func obfuscatedTextHitsTheSameIndicators() {
        let plain = assessor.assess(text: "No experience, travel paid, hostess", scratch: scratch).assessment
        let obfuscated = assessor.assess(text: "N\u{043E} exp\u{200B}erience, 𝐭𝐫𝐚𝐯𝐞𝐥 p@id, h 0 s t e s s", scratch: scratch).assessment
        let spaced = assessor.assess(text: "NO EXPÉRIENCE, ｔｒａｖｅｌ paid, H.O.S.T.E.S.S", scratch: scratch).assessment
        #expect(Set(obfuscated.hits.map(\.indicatorID)).isSuperset(of: ["en.offer", "en.travel"]))
        #expect(Set(spaced.hits.map(\.indicatorID)) == Set(plain.hits.map(\.indicatorID)))
    }

    @Test func bandsFollowTheThresholds() {
        #expect(Band(score: 0.39) == .low)
        #expect(Band(score: Band.mediumThreshold) == .medium)
        #expect(Band(score: Band.highThreshold) == .high)
    }
}

/// `scope: own-language` limits an indicator to documents clearly in its language.
@Suite struct LanguageScopeTests {
    static let yaml = "indicators:\n"
        + TestSupport.indicatorYAML(id: "en.any", pattern: #"\bhostess\b"#)
        + TestSupport.indicatorYAML(id: "en.own", scope: "own-language", pattern: #"\bhostess\b"#)

    let assessor = TestSupport.assessor(Self.yaml)
    let scratch = MatchScratch()

    func indicators(_ text: String) -> Set<String> {
        let assessment = assessor.assess(text: text, scratch: scratch).assessment
        return Set(assessment.hits.map(\.indicatorID))
    }

    @Test func ownLanguageIndicatorsRunOnTheirLanguageAndOnUndetermined() {
        #expect(assessor.matcher.compiled.library.indicators.map(\.scope) == [.anyLanguage, .ownLanguage])
        #expect(indicators("We are hiring a hostess for the club and you will travel with us") == ["en.any", "en.own"])
        #expect(indicators("hostess") == ["en.any", "en.own"])   // too short to guess: und
        #expect(indicators("Buscamos una hostess para el club, con viaje pagado y todo para ti") == ["en.any"])
    }

    /// A guess from few function words, or from a text mixing two languages, is not clear:
    /// every language's indicators run, though the document still reports its best guess.
    @Test func unclearGuessesRunEveryLanguage() {
        let mixed = "Hostess needed sa Dubai, libre ang ticket at visa, para sa mga girls na 18-25, the agency will process the papers"
        #expect(indicators(mixed) == ["en.any", "en.own"])
        #expect(indicators("Se busca hostess, y la paga") == ["en.any", "en.own"])   // two Spanish words: not clear
        let guess = LanguageGuesser.guess(Normalizer().normalize("Se busca hostess, y la paga"))
        #expect(guess.language == "es" && guess.scope == LanguageGuesser.undetermined)
        let clear = LanguageGuesser.guess(Normalizer().normalize("Buscamos una hostess para el club, con viaje pagado y todo para ti"))
        #expect(clear.language == "es" && clear.scope == "es")
        // Enough function words, but two languages nearly level (7 Spanish, 6 English): mixed.
        let level = "The job is for you and your friends: el trabajo es para ti y la paga es muy buena, hostess"
        let levelGuess = LanguageGuesser.guess(Normalizer().normalize(level))
        #expect(levelGuess.language == "es" && !levelGuess.isClear && levelGuess.scope == LanguageGuesser.undetermined)
        #expect(indicators(level) == ["en.any", "en.own"])
    }

    @Test func aScopeThatIsNotOneOfTheTwoIsAnError() {
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.bad", scope: "everywhere", pattern: "x")
        let (library, issues) = TestSupport.library(yaml, path: "lib/en/x.yml")
        #expect(library.indicators.isEmpty)
        #expect(issues.contains { $0.field == "scope" && $0.message.contains("everywhere") })
    }
}

@Suite struct PrefilterTests {
    /// The prefilter only skips work: on every example of the shipped library it finds
    /// exactly the hits that running every pattern finds.
    @Test func prefilteredMatchingEqualsFullMatching() {
        let compiled = ShippedLibraryTests.compiled
        let filtered = Matcher(compiled, prefilter: true)
        let full = Matcher(compiled, prefilter: false)
        let normalizer = Normalizer()
        let scratch = MatchScratch()
        var checked = 0
        let examples = compiled.library.indicators.flatMap { $0.examples.match + $0.examples.noMatch }
            + compiled.library.composites.flatMap { $0.examples.match + $0.examples.noMatch }
        for example in examples {
            let text = normalizer.normalize(example)
            #expect(filtered.match(text, scratch: scratch).matches == full.match(text, scratch: scratch).matches, "\(example)")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func ahoCorasickFindsOverlappingLiterals() {
        let automaton = AhoCorasick(literals: [Array("he".utf8), Array("she".utf8), Array("hers".utf8), Array("his".utf8)])
        var found: [Int] = []
        Array("ushers".utf8).withUnsafeBufferPointer { automaton.scan($0) { found.append($0) } }
        #expect(found.sorted() == [0, 1, 2])
    }

    /// Literals that are suffixes and prefixes of each other over a tiny alphabet: every
    /// occurrence count must equal a naive search's.
    @Test func ahoCorasickAgreesWithNaiveSearch() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcé".utf8)
        func word(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet.randomElement(using: &generator)! } }
        for _ in 0..<50 {
            let literals = Array(Set((0..<Int.random(in: 1...30, using: &generator)).map { _ in word(Int.random(in: 1...5, using: &generator)) }))
            let text = word(300)
            let automaton = AhoCorasick(literals: literals)
            var counts = [Int](repeating: 0, count: literals.count)
            text.withUnsafeBufferPointer { automaton.scan($0) { counts[$0] += 1 } }
            let expected = literals.map { literal in
                (0...(text.count - literal.count)).filter { Array(text[$0..<($0 + literal.count)]) == literal }.count
            }
            #expect(counts == expected, "\(literals.map { String(decoding: $0, as: UTF8.self) })")
        }
    }
}
