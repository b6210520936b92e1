/// Finds URLs (`https://…`, `www.…`, bare `example.es/path`) and reads what they point to:
/// a messaging invite link (`wa.me/34…`, `chat.whatsapp.com/…`, `t.me/+…`), a handle on a
/// platform (`t.me/name`, `instagram.com/name`), or a web page (`url` plus its `domain`).
/// A `wa.me` link also yields its phone number.
struct URLExtractor {
    static let stops: Set<Unicode.Scalar> = ["<", ">", "\"", "'", "{", "}", "|", "\\", "^", "`", "«", "»", "“", "”"]
    static let trailing: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", ")", "]", "*", "'"]

    func extract(_ text: ScalarText, skipping covered: [Range<Int>]) -> [SelectorMatch] {
        var results: [SelectorMatch] = []
        var index = 0
        var coveredIndex = 0
        while index < text.count {
            while coveredIndex < covered.count && covered[coveredIndex].upperBound <= index { coveredIndex += 1 }
            if coveredIndex < covered.count && covered[coveredIndex].contains(index) {
                index = covered[coveredIndex].upperBound
                continue
            }
            let scalar = text.scalars[index]
            let boundary = index == 0 || !(Characters.isASCIIAlphanumeric(text.scalars[index - 1]) || "@.-_/".unicodeScalars.contains(text.scalars[index - 1]))
            guard boundary, Characters.isASCIIAlphanumeric(scalar) else { index += 1; continue }
            if let (range, host, rest) = url(text, at: index) {
                if !covered.contains(where: { $0.overlaps(range) }) { results += classify(range: range, host: host, rest: rest) }
                index = range.upperBound
            } else {
                while index < text.count && (Characters.isASCIIAlphanumeric(text.scalars[index]) || text.scalars[index] == "-") { index += 1 }
            }
        }
        return results
    }

    /// The URL starting at `index`: its range, lowercased host (without `www.`) and the rest
    /// (path, query) as written.
    private func url(_ text: ScalarText, at index: Int) -> (Range<Int>, String, String)? {
        var position = index
        var explicit = false
        for scheme in ["https://", "http://"] where text.matches(scheme, at: index) {
            position = index + scheme.unicodeScalars.count
            explicit = true
        }
        let hostStart = position
        var dots = 0
        while position < text.count && (Domains.isLabel(text.scalars[position]) || text.scalars[position] == ".") {
            if text.scalars[position] == "." { dots += 1 }
            position += 1
        }
        guard dots > 0 else { return nil }
        while position > hostStart && (text.scalars[position - 1] == "." || text.scalars[position - 1] == "-") { position -= 1 }
        var host = text.string(hostStart..<position).lowercased()
        if host.hasPrefix("www.") { explicit = true; host.removeFirst(4) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard Domains.isHost(labels, requireKnownTLD: !explicit) else { return nil }
        // Not the domain of an e-mail address.
        if position < text.count && text.scalars[position] == "@" { return nil }
        let hostEnd = position
        if position < text.count && ":/?#".unicodeScalars.contains(text.scalars[position]) {
            while position < text.count {
                let scalar = text.scalars[position]
                if Characters.isSpace(scalar) || Characters.isLineBreak(scalar) || Self.stops.contains(scalar) || scalar.value < 0x20 { break }
                position += 1
            }
            // Trailing punctuation belongs to the sentence (a `)` only when unbalanced).
            while position > hostEnd {
                let last = text.scalars[position - 1]
                guard Self.trailing.contains(last) else { break }
                if last == ")" {
                    let opened = text.scalars[hostEnd..<position].filter { $0 == "(" }.count
                    let closed = text.scalars[hostEnd..<position].filter { $0 == ")" }.count
                    if opened >= closed { break }
                }
                position -= 1
            }
        }
        return (index..<position, host, text.string(hostEnd..<position))
    }

    private func classify(range: Range<Int>, host: String, rest: String) -> [SelectorMatch] {
        var path = rest
        if path.hasPrefix(":") { path = String(path.drop { $0 != "/" }) }
        let pathOnly = String(path.prefix { $0 != "?" && $0 != "#" })
        let components = pathOnly.split(separator: "/").map(String.init)
        let query = path.firstIndex(of: "?").map { String(path[path.index(after: $0)...].prefix { $0 != "#" }) } ?? ""
        func match(_ kind: Selector.Kind, _ value: String) -> SelectorMatch { SelectorMatch(kind: kind, value: value, range: range) }
        func handle(_ name: String) -> [SelectorMatch] {
            let trimmed = name.hasPrefix("@") ? String(name.dropFirst()) : name
            guard trimmed.count >= 2, trimmed.unicodeScalars.allSatisfy({ Characters.isASCIIAlphanumeric($0) || $0 == "_" || $0 == "." }) else { return [] }
            return [match(.handle, "@" + trimmed.lowercased())]
        }
        func phone(_ digits: String) -> [SelectorMatch] {
            let clean = digits.filter(\.isASCII).filter(\.isNumber)
            guard (8...15).contains(clean.count) else { return [] }
            return [match(.inviteLink, "wa.me/" + clean), match(.phone, clean)]
        }
        switch host {
        case "wa.me":
            if let first = components.first, first.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+") }) { return phone(first) }
            if components.first == "message", components.count > 1 { return [match(.inviteLink, "wa.me/message/" + components[1])] }
        case "api.whatsapp.com", "whatsapp.com", "web.whatsapp.com":
            if let phoneParameter = query.split(separator: "&").first(where: { $0.hasPrefix("phone=") }) {
                return phone(String(phoneParameter.dropFirst(6)))
            }
        case "chat.whatsapp.com":
            let code = components.first == "invite" ? components.dropFirst().first : components.first
            if let code { return [match(.inviteLink, "chat.whatsapp.com/" + code)] }
        case "t.me", "telegram.me", "telegram.dog":
            guard let first = components.first else { break }
            if first.hasPrefix("+") { return [match(.inviteLink, "t.me/" + first)] }
            if first == "joinchat", components.count > 1 { return [match(.inviteLink, "t.me/+" + components[1])] }
            if first == "s", components.count > 1 { return handle(components[1]) }
            return handle(first)
        case "discord.gg":
            if let code = components.first { return [match(.inviteLink, "discord.gg/" + code)] }
        case "signal.group", "signal.me":
            return [match(.inviteLink, host + path)]
        case "instagram.com", "instagr.am", "m.instagram.com":
            guard var first = components.first else { break }
            if first == "stories", components.count > 1 { first = components[1] }
            if !["p", "reel", "reels", "explore", "accounts", "tv", "direct", "about", "legal"].contains(first) { return handle(first) }
        case "tiktok.com", "m.tiktok.com", "vm.tiktok.com":
            if let first = components.first, first.hasPrefix("@") { return handle(first) }
        case "twitter.com", "x.com", "m.me", "snapchat.com", "facebook.com", "m.facebook.com", "fb.com", "onlyfans.com":
            var name = components.first
            if host == "snapchat.com", name == "add" { name = components.dropFirst().first }
            if let name, !["profile.php", "groups", "pages", "events", "share", "sharer", "watch", "home", "search", "i", "intent", "login", "marketplace", "story.php", "permalink.php", "photo.php"].contains(name) {
                return handle(name)
            }
        default:
            break
        }
        var value = host + pathOnly
        while value.hasSuffix("/") { value.removeLast() }
        if !query.isEmpty { value += "?" + query }
        return [match(.url, value), match(.domain, host)]
    }
}
