/// Top-level domains a bare domain (`t.me`, `example.es`) or an obfuscated e-mail
/// (`name at gmail dot com`) must end with: a bare `word.word` is too often something else.
enum Domains {
    static let topLevel: Set<String> = [
        "com", "net", "org", "info", "biz", "io", "co", "me", "app", "dev", "xyz", "online", "site", "top", "club", "live",
        "shop", "store", "link", "ly", "gl", "to", "cc", "ws", "tk", "ml", "ga", "cf", "gq", "gg", "tv", "ru", "ua", "eu",
        "es", "pt", "fr", "br", "mx", "ar", "cl", "pe", "ve", "ec", "uy", "py", "bo", "do", "cu", "gt", "hn", "sv", "ni",
        "cr", "pa", "uk", "ie", "de", "it", "nl", "be", "ch", "at", "lu", "ro", "bg", "pl", "md", "al", "tr", "ma", "dz",
        "tn", "eg", "sn", "ci", "cm", "ng", "gh", "ke", "za", "ao", "mz", "cv", "in", "pk", "cn", "vn", "th", "ph", "id",
        "my", "us", "ca", "au", "nz", "jp", "kr", "work", "jobs", "agency", "email", "pro", "name", "mobi", "ai", "su",
    ]

    /// Mail providers: `name at gmail.com` is an address even without `dot`.
    static let mailProviders: Set<String> = [
        "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud", "me", "proton", "protonmail",
        "pm", "aol", "gmx", "mail", "yandex", "zoho", "tutanota", "terra", "uol", "bol", "ig", "orange", "free", "laposte",
        "sfr", "wanadoo", "telefonica", "movistar", "libero", "web",
    ]

    static func isLabel(_ scalar: Unicode.Scalar) -> Bool { Characters.isASCIIAlphanumeric(scalar) || scalar == "-" }

    /// Is `labels` a plausible host name: at least two labels, none empty or hyphen-edged,
    /// the last a known top-level domain?
    static func isHost(_ labels: [String], requireKnownTLD: Bool = true) -> Bool {
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2,
              tld.unicodeScalars.allSatisfy(Characters.isASCIILetter) else { return false }
        for label in labels where label.isEmpty || label.hasPrefix("-") || label.hasSuffix("-") || label.count > 63 { return false }
        return !requireKnownTLD || topLevel.contains(tld.lowercased())
    }
}
