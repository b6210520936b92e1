import Foundation
import Testing
@testable import LureScan

@Suite struct VocabularyTests {
    static let lureTexts = [
        "Slim girls wanted for VIP club work abroad, inbox me, the boss keeps your passport.",
        "VIP club hostess needed, slim and pretty, inbox for details, passport kept by the manager.",
        "Inbox me: slim girls for a VIP lounge overseas, we hold the passport until the debt is paid.",
        "Slim models for private VIP parties, inbox now, your passport stays with us.",
    ]
    static let benignTexts = [
        "Licensed agency: written contract before departure, no fees, you keep your own passport.",
        "We never ask for fees. Written contract, licensed recruiter, call our helpline.",
        "Licensed employer: contract in writing, no fees charged, keep your passport with you.",
        "Helpline for workers: a licensed agency never takes fees and gives a written contract.",
    ]

    static func examples() -> [VocabularyTrainer.Example] {
        let normalizer = Normalizer()
        return lureTexts.map { .init(normalized: normalizer.normalize($0).bytes, isLure: true) }
            + benignTexts.map { .init(normalized: normalizer.normalize($0).bytes, isLure: false) }
    }

    static let trained = VocabularyTrainer.train(examples(), language: "en", trainedOn: "8 test texts")

    func weight(_ term: String) -> Double? { Self.trained.terms.first { $0.text == term }?.weight }

    @Test func termsAreWordsOfLettersAndTheirNeighbours() {
        let text = Normalizer().normalize("Keep the passport, call 555-0100 now @kl_spa a deal. Mail jobs@agency.example or t.me/girls").bytes
        #expect(VocabularyTerms.texts(in: text) == ["keep", "the", "passport", "call", "keep the", "the passport", "passport call",
                                                     "now", "deal", "mail", "deal mail", "or"])
        // Numbers, handles, addresses and one-letter words are no terms and break a pair.
        #expect(VocabularyTerms.hashes(in: text).count == 12)
        #expect(VocabularyTerms.hashes(in: text).contains(VocabularyTerms.hash("the passport".utf8)))
    }

    @Test func trainingWeighsTermsByWhichSideHoldsThem() {
        #expect(weight("slim")! > 1)
        #expect(weight("inbox")! > 1)
        #expect(weight("licensed")! < -1)
        #expect(weight("contract")! < -1)
        // On both sides: in between.
        #expect(weight("passport")! < weight("inbox")! && weight("passport")! > weight("licensed")!)
        // Fewer than three texts: left out.
        #expect(weight("lounge") == nil)
        #expect(Self.trained.slope > 0)
    }

    @Test func aReadingAddsAtMostItsWeightAndNothingForHonestWords() {
        let normalizer = Normalizer()
        let lure = Self.trained.read(normalizer.normalize("Slim girls for a VIP club, inbox me.").bytes)
        #expect(lure.contribution > 0 && lure.contribution <= Self.trained.weight)
        #expect(lure.strongest.first == "slim" || lure.strongest.first == "vip" || lure.strongest.first == "inbox")
        #expect(lure.strongest.allSatisfy { term in weight(term)! > 0 })
        let honest = Self.trained.read(normalizer.normalize("Licensed agency, written contract, no fees.").bytes)
        #expect(honest.sum < 0 && honest.contribution == 0)
        #expect(Self.trained.read(Array("zzz qqq".utf8)) == Vocabulary.Reading(sum: 0, contribution: 0, known: 0, strongest: []))
    }

    @Test func theFileReadsBackAsTrained() {
        let (library, issues) = TestSupport.library(Self.trained.yaml, path: "en/vocabulary.yml")
        #expect(issues.isEmpty)
        let loaded = library.vocabularies.first
        #expect(loaded?.terms == Self.trained.terms)
        #expect(loaded?.slope == Self.trained.slope)
        #expect(loaded?.weight == Self.trained.weight)
        #expect(loaded?.language == "en")
        // The rules' hash covers the vocabulary.
        var changed = library
        changed.vocabularies[0].terms[0].weight += 1
        #expect(changed.ruleSetHash != library.ruleSetHash)
    }

    @Test func badVocabularyFilesNameFileLineAndField() {
        let header = "vocabulary:\n  language: en\n  weight: 0.2\n  slope: 0.1\n  trained_on: x\n  terms: |\n"
        let (_, issues) = TestSupport.library(header + "    1.5 slim\n    lots vip\n", path: "en/vocabulary.yml")
        #expect(issues.count == 1)
        #expect(issues.first?.position == DefinitionPosition(file: "en/vocabulary.yml", line: 8))
        #expect(issues.first?.field == "terms")
        let tooHeavy = TestSupport.library(header.replacingOccurrences(of: "0.2", with: "0.5") + "    1.5 slim\n").issues
        #expect(tooHeavy.contains { $0.field == "weight" && $0.message.contains("below the medium band") })
        let twice = IndicatorLoader.load([IndicatorLoader.File(path: "a.yml", contents: header + "    1 a\n"),
                                          IndicatorLoader.File(path: "b.yml", contents: header + "    1 b\n")]).issues
        #expect(twice.contains { $0.field == "language" && $0.message.contains("second vocabulary") })
    }

    @Test func theVocabularyOrdersWhatPatternsLeaveAndNamesNoCrime() throws {
        var library = TestSupport.library("indicators:\n" + TestSupport.indicatorYAML(id: "en.passport", pattern: #"\bpassport kept\b"#)).library
        library.vocabularies = [Self.trained]
        let assessor = DocumentAssessor(compiled: CompiledLibrary(library))
        let scratch = MatchScratch()
        let words = assessor.assess(text: "Slim girls wanted for a VIP club in the city, inbox me for the details of the work.", scratch: scratch).assessment
        try #require(words.language == "en")
        #expect(words.score > 0 && words.score <= Self.trained.weight)
        #expect(words.band == .low)
        #expect(words.crime == nil)
        let vocabulary = try #require(words.contributions.first { $0.kind == .vocabulary })
        #expect(vocabulary.id == "en.vocabulary" && vocabulary.crime == .both && !vocabulary.terms.isEmpty)
        let withHit = assessor.assess(text: "Slim girls wanted for a VIP club in the city, inbox me, your passport kept by the boss.", scratch: scratch).assessment
        #expect(withHit.crime == .trafficking)
        #expect(withHit.score > words.score)
        let honest = assessor.assess(text: "Licensed agency with a written contract and no fees; call our helpline for the details.", scratch: scratch).assessment
        #expect(honest.score == 0 && !honest.contributions.contains { $0.kind == .vocabulary })
    }

    @Test(arguments: ShippedCorporaTests.languages)
    func theShippedVocabularyIsLearnedFromTheWholeDevSplit(_ language: String) throws {
        let vocabulary = try #require(IndicatorLoader.load(IndicatorLoader.shippedFiles).library.vocabularies.first { $0.language == language })
        let root = TestSupport.repositoryRoot + "/corpora/"
        let dev = try (LabelsFile.load(root + "labeled/\(language)/labels.csv") + LabelsFile.load(root + "rewordings/\(language)/labels.csv"))
            .filter { $0.split == "dev" }
        // Retrain (`make vocabulary`) whenever dev documents are added: the file says how many it learned from.
        #expect(vocabulary.trainedOn.hasPrefix("\(dev.count) dev documents (\(dev.filter { $0.label != .benign }.count) lure or smuggling"))
        #expect(vocabulary.weight < Band.mediumThreshold)
    }
}
