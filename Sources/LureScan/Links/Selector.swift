/// Something an investigator can follow from one document to another: a phone number, an
/// e-mail address, a URL or domain, a messaging handle or invite link, a crypto wallet, a
/// money amount. `value` is normalized (what documents are linked by); `text` is the
/// selector as written; `sourceRange` is its byte range in the source file, so it can be
/// quoted like a hit.
public struct Selector: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case phone, email, url, domain, handle, inviteLink = "invite_link", cryptoWallet = "crypto_wallet", money

        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// Kinds that link documents (money amounts and bare domains do not: too common).
        public var links: Bool { self != .money && self != .domain }
    }

    public var kind: Kind
    public var value: String
    public var text: String
    /// Byte offsets into the source file.
    public var sourceRange: Range<Int>
    /// Byte offsets into the document's text.
    public var textRange: Range<Int>

    public init(kind: Kind, value: String, text: String, sourceRange: Range<Int>, textRange: Range<Int>) {
        self.kind = kind
        self.value = value
        self.text = text
        self.sourceRange = sourceRange
        self.textRange = textRange
    }

    /// What documents are linked by.
    public var key: SelectorKey { SelectorKey(kind: kind, value: value) }
}

/// A selector without its place: the identity that links documents.
public struct SelectorKey: Sendable, Hashable, Comparable {
    public var kind: Selector.Kind
    public var value: String

    public init(kind: Selector.Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    public static func < (a: SelectorKey, b: SelectorKey) -> Bool {
        a.kind != b.kind ? a.kind < b.kind : a.value < b.value
    }
}

/// A selector found by one of the extractors, in scalar positions of a `ScalarText`.
struct SelectorMatch {
    var kind: Selector.Kind
    var value: String
    /// Scalar indexes in the `ScalarText`.
    var range: Range<Int>
}
