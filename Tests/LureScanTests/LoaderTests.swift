import Testing
@testable import LureScan

@Suite struct LoaderTests {
    @Test func loadsIndicatorsAndComposites() {
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.a", pattern: #"\bpassport\b"#)
            + TestSupport.indicatorYAML(id: "en.b", pattern: #"\bdebt\b"#) + """
        composites:
          - id: en.c
            title: both
            language: en
            crime: trafficking
            weight: 0.2
            all: [en.a, en.b]
            within: { characters: 50 }
        """
        let (library, issues) = TestSupport.library(yaml)
        #expect(issues.isEmpty)
        #expect(library.indicators.map(\.id) == ["en.a", "en.b"])
        #expect(library.composites.first?.window == .characters(50))
    }

    @Test func errorsNameFileLineAndField() {
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.a", pattern: "x")
            + TestSupport.indicatorYAML(id: "en.a", pattern: "y")
            + TestSupport.indicatorYAML(id: "en.bad-category", category: "kidnapping", pattern: "z")
        let (_, issues) = TestSupport.library(yaml, path: "lib/en/x.yml")
        let duplicate = issues.first { $0.field == "id" }
        #expect(duplicate?.position == DefinitionPosition(file: "lib/en/x.yml", line: 11))
        #expect(duplicate?.message.contains("duplicate id `en.a`") == true)
        let category = issues.first { $0.field == "category" }
        #expect(category?.position.line == 23)
        #expect(category?.message.contains("kidnapping") == true)
    }

    @Test func patternThatDoesNotCompileIsReportedAndLeftOut() {
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.broken", pattern: "(unclosed")
        let (library, _) = TestSupport.library(yaml, path: "lib.yml")
        let compiled = CompiledLibrary(library)
        #expect(compiled.issues.count == 1)
        #expect(compiled.issues[0].field == "patterns")
        #expect(compiled.issues[0].position.line == 10)
        #expect(compiled.issues[0].description.hasPrefix("lib.yml:10: error in `patterns`"))
    }

    @Test func invalidYAMLIsAnIssueNotACrash() {
        let (library, issues) = TestSupport.library("indicators:\n  - id: [unclosed\n", path: "bad.yml")
        #expect(library.indicators.isEmpty)
        #expect(issues.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func lintWarnsAboutUnreachableLiterals() {
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.upper", pattern: #"\bPassport\b"#)
            + TestSupport.indicatorYAML(id: "en.accent", pattern: #"\bexperiência\b"#)
        let compiled = CompiledLibrary(TestSupport.library(yaml).library)
        let messages = Linter(compiled: compiled).run().map(\.message)
        #expect(messages.contains { $0.contains("`P` can never match") })
        #expect(messages.contains { $0.contains("`ê` can never match") })
    }

    @Test func lintWarnsAboutSymbolsTheNormalizerChanges() {
        let linter = Linter(compiled: CompiledLibrary(TestSupport.library("indicators: []\n").library))
        #expect(linter.unreachableLiterals(in: "«hostess» ➡ ✈\u{FE0F} 👨\u{200D}🍳") == ["«", "»", "➡", "\u{FE0F}", "\u{200D}"])
        // What the normalizer leaves, and a redundant class member, are fine.
        #expect(linter.unreachableLiterals(in: #"→ ✈ € 🇮🇹 [^"»\n] \x{2192}"#).isEmpty)
    }

    @Test func lintWarnsAboutBoundariesBesideSymbols() {
        #expect(Linter.boundariesBesideSymbols(in: #"\bboat\W+🚤\b"#) == ["🚤"])
        #expect(Linter.boundariesBesideSymbols(in: #"\b€ ?\d+"#) == ["€"])
        #expect(Linter.boundariesBesideSymbols(in: #"call \b\+44\d+"#) == ["+"])
        // An alternative of a group the boundary touches: first literal after, last before.
        #expect(Linter.boundariesBesideSymbols(in: #"\b(?:boat|🚤|ship)s?"#) == ["🚤"])
        #expect(Linter.boundariesBesideSymbols(in: #"(?:to|➡|\+)\b"#) == ["➡", "+"])
        // Boundaries beside words, word-only groups, classes and look-arounds are fine.
        #expect(Linter.boundariesBesideSymbols(in: #"(?<!\bno )\b(?:boat|barco)\b (?:🚤|⛵) [€$]\b\d+\b(?<=€)"#).isEmpty)
        #expect(Linter.boundariesBesideSymbols(in: #"\bpaís\b|\b_x\b|\\b"#).isEmpty)
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.emoji", pattern: #"\b🚤\b"#)
        let compiled = CompiledLibrary(TestSupport.library(yaml).library)
        #expect(Linter(compiled: compiled).run().contains { $0.field == "patterns" && $0.message.contains("`\\b` beside `🚤`") })
    }

    @Test func lintWarnsAboutALookbehindBeforeTheFirstBoundary() {
        #expect(Linter.opensWithLookbehindBeforeBoundary(#"(?<!\bno )(?<![\"'(])\bvisa\b"#))
        #expect(Linter.opensWithLookbehindBeforeBoundary(#"(?<=(?:a|b) )\bvisa"#))
        // Boundary first, a lookbehind before something else, or none: fine.
        #expect(!Linter.opensWithLookbehindBeforeBoundary(#"\b(?<!\bno )visa\b"#))
        #expect(!Linter.opensWithLookbehindBeforeBoundary(#"(?<!\w)(?:€|\$)\d+"#))
        #expect(!Linter.opensWithLookbehindBeforeBoundary(#"visa(?<!no visa)\b"#))
        #expect(!Linter.opensWithLookbehindBeforeBoundary(#"(?<!unclosed \b"#))
        let yaml = "indicators:\n" + TestSupport.indicatorYAML(id: "en.late", pattern: #"(?<!no )\bvisa\b"#)
        let compiled = CompiledLibrary(TestSupport.library(yaml).library)
        #expect(Linter(compiled: compiled).run().contains { $0.message.contains("opens with a lookbehind before `\\b`") })
    }

    @Test("required literals", arguments: [
        (#"\bno experience (?:needed|required)\b"#, Set(["no experience "])),
        (#"\b(?:passport|visa) (?:kept|held)\b"#, Set(["passport", "visa"])),
        (#"\btravel(?:ling)? paid\b"#, Set(["travel"])),
        (#"\b\d+ ?(?:usd|eur)\b"#, Set(["usd", "eur"])),
        (#"(?:a|bc)\w+"#, nil),
    ] as [(String, Set<String>?)])
    func requiredLiterals(_ pair: (String, Set<String>?)) {
        #expect(RequiredLiterals.of(pair.0) == pair.1)
    }

    @Test func everyRequiredFactorIsKept() {
        let factors = RequiredLiterals.factors(of: #"\b(?:el|del) (?:trabajo|empleo)(?:\W+\w+){0,4}?\W+te (?:lo )?(?:explico|cuento)\b"#)
        #expect(factors == [["trabajo", "empleo"], ["te "], ["explico", "cuento"]])
        #expect(RequiredLiterals.factors(of: #"\b(?:a|bc)\w+"#) == nil)
    }
}
