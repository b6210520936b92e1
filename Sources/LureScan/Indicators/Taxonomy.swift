/// The indicator taxonomy of DOMAIN.md.
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
