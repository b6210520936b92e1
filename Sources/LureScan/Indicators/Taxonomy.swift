/// The indicator taxonomy of DOMAIN.md, plus `awareness`: warning and news language, which
/// never scores and only tells the scorer that the lure phrases around it are being warned
/// about (`WarningEvidence`).
public enum Category: String, Sendable, CaseIterable, Codable {
    case deceptiveOffer = "deceptive-offer"
    case travelAndDocuments = "travel-and-documents"
    case debtAndFees = "debt-and-fees"
    case targeting
    case minor
    case sexualExploitation = "sexual-exploitation"
    case labourExploitation = "labour-exploitation"
    case controlAndIsolation = "control-and-isolation"
    case contactEvasion = "contact-evasion"
    case victimVoice = "victim-voice"
    case smugglingOffer = "smuggling-offer"
    case moneyMovement = "money-movement"
    case counterSurveillance = "counter-surveillance"
    case awareness

    /// Whether a hit of this category is evidence of a crime (adds to the score).
    public var isEvidence: Bool { self != .awareness }
}

/// The element of trafficking (act + means + purpose) an indicator evidences.
public enum Element: String, Sendable, CaseIterable, Codable {
    case act, means, purpose, none
}

/// Trafficking and smuggling are different crimes and are scored apart.
public enum Crime: String, Sendable, CaseIterable, Codable {
    case trafficking, smuggling, both

    func counts(toward crime: Crime) -> Bool { self == .both || self == crime }
}

public enum IndicatorStatus: String, Sendable, CaseIterable, Codable {
    case experimental, stable
}

/// Which documents an indicator runs on. Broad vocabulary (`own-language`) runs only on
/// documents clearly guessed to be in its own language (`LanguageGuess.scope`): the
/// Spanish word list for "job abroad" has nothing to add to a Portuguese ad that the
/// Portuguese one does not, and running every language's lists on every ad is most of the
/// matching time.
public enum LanguageScope: String, Sendable, CaseIterable, Codable {
    case anyLanguage = "any-language"
    case ownLanguage = "own-language"
}
