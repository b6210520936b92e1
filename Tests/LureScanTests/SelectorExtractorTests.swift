import Foundation
import Testing
@testable import LureScan

/// Selector extraction. Every number, name, handle and address here is fictitious, except
/// the well-known example wallet addresses (BIP 173/350 vectors, the Bitcoin genesis
/// address, the bitcoin.it P2SH example, the TRON USDT contract).
@Suite struct SelectorExtractorTests {
    static let spain = SelectorExtractor(region: PhoneRegion.named("ES"))

    func values(_ text: String, _ kind: Selector.Kind, extractor: SelectorExtractor = spain) -> [String] {
        extractor.extract(text: text).filter { $0.kind == kind }.map(\.value)
    }

    @Test(arguments: [
        "Llama al +34 612-345-678 ya",
        "WhatsApp 0034 612345678",
        "Tel: 612 345 678.",
        "(+34) 612.345.678",
        "móvil 612345678",
        "34 612 345 678",
        "escribe al 6l2 34S 678".replacingOccurrences(of: "S", with: "5"),
        "6l2 3O4 5O6 → no".replacingOccurrences(of: "6l2 3O4 5O6", with: "6l2 345 67B").replacingOccurrences(of: "67B", with: "678"),
        "6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣",
        "6🔥1🔥2 3🔥4🔥5 6🔥7🔥8",
        "6-1-2-3-4-5-6-7-8",
        "6\u{200B}1\u{200B}2 345 678",
        "seis uno dos tres cuatro cinco seis siete ocho",
        "six one two, three four five, six seven eight",
        "seis um dois três quatro cinco seis sete oito",
        "six un deux trois quatre cinq six sept huit",
        "6 uno 2 tres 4 cinco 6 siete 8",
        "SEIS-UNO-DOS-TRES-CUATRO-CINCO-SEIS-SIETE-OCHO",
    ])
    func spanishNumberInEveryForm(_ text: String) {
        #expect(values(text, .phone) == ["34612345678"], "\(text)")
    }

    @Test func lookAlikeLetters() {
        #expect(values("llama 6l2 3O4 5I6", .phone) == ["34612304516"])
    }

    @Test func otherRegionsAndInternationalForms() {
        let france = SelectorExtractor(region: PhoneRegion.named("FR"))
        #expect(values("Appelez le 06 12 34 56 78", .phone, extractor: france) == ["33612345678"])
        #expect(values("Appelez le 06.12.34.56.78", .phone, extractor: france) == ["33612345678"])
        #expect(values("+33 6 12 34 56 78", .phone) == ["33612345678"])
        #expect(values("zéro six douze", .phone, extractor: france) == [])
        #expect(values("Call +44 (0)7700 900123 today", .phone) == ["447700900123"])
        #expect(values("ligue +55 11 90000-0191", .phone) == ["5511900000191"])
        // No region: national digits as written.
        #expect(values("Tel 612 345 678", .phone, extractor: SelectorExtractor()) == ["612345678"])
        // An area code written next to the number is part of it.
        #expect(values("zap 21 90000-0192", .phone) == ["21900000192"])
        // Two numbers.
        #expect(values("612 345 678 / 698 765 432", .phone) == ["34612345678", "34698765432"])
    }

    @Test(arguments: [
        "Precio: 1.200.000 € negociables",
        "cobras 2.500 euros al mes y 650 de alojamiento",
        "Salary $12,500,000 per year",
        "del 12/05/2024 al 15/06/2024",
        "nacidas entre 1998 y 2004, años 2019 2020 2021 2022",
        "Pedido nº 612345678",
        "Order #61234567890 shipped",
        "ref: 612 345 678",
        "factura 612345678",
        "Total 12.345.678 unidades",
        "Total 1.234.567,89",
        "5 de mayo de 2024, 10:30",
        "IBAN ES91 2100 0418 4502 0005 1332",
        "dos o tres chicas, una o dos semanas",
        "tracking 1Z999AA10123456784",
    ])
    func notPhoneNumbers(_ text: String) {
        #expect(values(text, .phone).isEmpty, "\(text)")
    }

    @Test func priceNextToAPhoneNumber() {
        #expect(values("612 345 678 1200€ al mes", .phone) == ["34612345678"])
        #expect(values("12/05 612 345 678", .phone) == ["34612345678"])
    }

    @Test(arguments: [
        ("Escribe a ana.perez@example.es hoy", "ana.perez@example.es"),
        ("mail: Ana.Perez+jobs@Example.ES.", "ana.perez+jobs@example.es"),
        ("ana at gmail dot com", "ana@gmail.com"),
        ("ana.demo (at) example (dot) org", "ana.demo@example.org"),
        ("ana_demo [at] example [.] es", "ana_demo@example.es"),
        ("ana_demo [@] example [dot] co [dot] uk", "ana_demo@example.co.uk"),
        ("contacto arroba gmail punto com", "contacto@gmail.com"),
        ("maria.lopez arroba hotmail.com", "maria.lopez@hotmail.com"),
        ("nome arroba gmail ponto com", "nome@gmail.com"),
        ("nom arobase gmail point com", "nom@gmail.com"),
        ("write to jobs at gmail.com", "jobs@gmail.com"),
        ("ana_demo @ example . es", "ana_demo@example.es"),
    ])
    func emails(_ text: String, _ expected: String) {
        #expect(values(text, .email) == [expected], "\(text)")
    }

    @Test func notEmails() {
        #expect(values("Apply at jobs.example.com today", .email).isEmpty)
        #expect(values("see you at five, meet at the station", .email).isEmpty)
        #expect(values("ana@example.es", .handle).isEmpty)
    }

    @Test func urlsDomainsHandlesAndInviteLinks() {
        let text = """
        Info https://www.Example-Agency.es/jobs/?id=3. Grupo: chat.whatsapp.com/AbCdEfGhIjK123 o t.me/+QwErTy123,
        canal t.me/agencia_sol_demo y @Agencia_Sol_Demo; fotos instagram.com/modelos.demo/ y wa.me/34612345678
        """
        let selectors = Self.spain.extract(text: text)
        func of(_ kind: Selector.Kind) -> [String] { selectors.filter { $0.kind == kind }.map(\.value) }
        #expect(of(.url) == ["example-agency.es/jobs?id=3"])
        #expect(of(.domain) == ["example-agency.es"])
        #expect(of(.inviteLink) == ["chat.whatsapp.com/AbCdEfGhIjK123", "t.me/+QwErTy123", "wa.me/34612345678"])
        #expect(of(.handle) == ["@agencia_sol_demo", "@agencia_sol_demo", "@modelos.demo"])
        #expect(of(.phone) == ["34612345678"])
        #expect(selectors.first { $0.kind == .url }?.text == "https://www.Example-Agency.es/jobs/?id=3")
    }

    @Test func apiWhatsAppLinkYieldsThePhone() {
        let selectors = Self.spain.extract(text: "https://api.whatsapp.com/send?phone=34612345678&text=hola")
        #expect(selectors.filter { $0.kind == .phone }.map(\.value) == ["34612345678"])
        #expect(selectors.filter { $0.kind == .inviteLink }.map(\.value) == ["wa.me/34612345678"])
    }

    @Test(arguments: [
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        ("0x00000000000000000000000000000000DeaDBeef", "0x00000000000000000000000000000000deadbeef"),
    ])
    func validWallets(_ address: String, _ expected: String) {
        #expect(values("Paga el depósito a \(address) antes del viernes", .cryptoWallet) == [expected])
    }

    @Test(arguments: [
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u",
        "0x00000000000000000000000000000000DeaDBee",
    ])
    func invalidWallets(_ address: String) {
        #expect(values("wallet \(address) ok", .cryptoWallet).isEmpty, "\(address)")
    }

    @Test func moneyAmounts() {
        #expect(values("sueldo 1.200 € al mes", .money) == ["EUR 1200"])
        #expect(values("R$ 3.000 por mês", .money) == ["BRL 3000"])
        #expect(values("fee $1,200.50 upfront", .money) == ["USD 1200.5"])
        #expect(values("ganhos de 3 mil euros", .money) == ["EUR 3000"])
        #expect(values("hasta 2k€", .money) == ["EUR 2000"])
        #expect(values("USD 500 per head", .money) == ["USD 500"])
        #expect(values("300 000 FCFA", .money) == ["XOF 300000"])
        #expect(values("tengo 25 años", .money).isEmpty)
    }

    @Test func selectorRangesQuoteThePlainTextSourceExactly() throws {
        let directory = TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let text = "Ｔｒａｂａｊｏ 💶 en Europa!\r\nWhatsApp: +34 6️⃣1️⃣2️⃣ 345 678 — ana (at) example (dot) org\n"
            + "seis uno dos tres cuatro cinco seis siete ocho · t.me/agencia_sol_demo · 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa · 1.200 €"
        let path = directory + "/ad.txt"
        TestSupport.write(Array(text.utf8), to: path)
        var options = ScanOptions()
        options.jobs = 2
        var assessor = TestSupport.assessor("indicators:\n" + TestSupport.indicatorYAML(id: "en.europa", pattern: #"\beuropa\b"#))
        assessor.links = LinkExtraction(region: PhoneRegion.named("ES"))
        var sink = CollectingSink()
        _ = Pipeline(assessor: assessor, options: options).run(paths: [path], sink: &sink)
        let assessment = try #require(sink.assessments.first?.assessment)
        let source = try #require(FileManager.default.contents(atPath: path))
        #expect(Set(assessment.selectors.map(\.kind)) == [.phone, .email, .handle, .cryptoWallet, .money])
        #expect(assessment.selectors.filter { $0.kind == .phone }.map(\.value) == ["34612345678", "34612345678"])
        for selector in assessment.selectors {
            #expect(String(decoding: source[selector.sourceRange], as: UTF8.self) == selector.text)
        }
        #expect(assessment.selectors.first { $0.kind == .phone }?.text == "+34 6️⃣1️⃣2️⃣ 345 678")
        #expect(assessment.selectors.first { $0.kind == .email }?.text == "ana (at) example (dot) org")
        // JSONL documents carry them.
        let record = JSONLSink.record(assessment, rank: 1)
        #expect(record.contains(#""selectors":[{"kind":"phone","value":"34612345678","text":"+34 6️⃣1️⃣2️⃣ 345 678","start":"#))
    }
}
