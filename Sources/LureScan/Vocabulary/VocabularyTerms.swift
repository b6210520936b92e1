/// The terms of a normalized text that a `Vocabulary` weighs: its words (two or more
/// letters `a`-`z`, nothing else) and each pair of neighbouring words, joined by one space
/// (`"keep passport"`). Numbers, other scripts, and whatever is written without spaces around
/// `@ / _` or a dot inside (handles, links, e-mail addresses) are no terms: they carry
/// corpus accidents, such as fictitious `555` numbers and `.example` addresses, not the
/// language of a lure. Reading a text, a term is known by a 64-bit hash of its bytes, so no
/// string is allocated.
enum VocabularyTerms {
    /// FNV-1a over a term's bytes.
    struct Hasher {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
    }

    static func hash<Bytes: Sequence>(_ term: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hasher = Hasher()
        hasher.add(term)
        return hasher.value
    }

    /// The distinct terms of `text`, by hash.
    static func hashes(in text: [UInt8]) -> Set<UInt64> {
        var terms = Set<UInt64>()
        forEachWord(in: text) { previous, word in
            terms.insert(hash(text[word]))
            if let previous {
                var pair = Hasher()
                pair.add(text[previous])
                pair.add(CollectionOfOne(UInt8(ascii: " ")))
                pair.add(text[word])
                terms.insert(pair.value)
            }
        }
        return terms
    }

    /// The distinct terms of `text`, spelled out (for training).
    static func texts(in text: [UInt8]) -> Set<String> {
        var terms = Set<String>()
        forEachWord(in: text) { previous, word in
            let spelled = String(decoding: text[word], as: UTF8.self)
            terms.insert(spelled)
            if let previous { terms.insert(String(decoding: text[previous], as: UTF8.self) + " " + spelled) }
        }
        return terms
    }

    /// Calls `body` with each word's range and the range of the word just before it, when
    /// that one is a term word too.
    private static func forEachWord(in text: [UInt8], _ body: (_ previous: Range<Int>?, _ word: Range<Int>) -> Void) {
        var previous: Range<Int>? = nil
        var chunkStart = 0
        while chunkStart < text.count {
            // A chunk: the bytes between two whitespace bytes.
            guard !isSpace(text[chunkStart]) else { chunkStart += 1; continue }
            var chunkEnd = chunkStart
            while chunkEnd < text.count && !isSpace(text[chunkEnd]) { chunkEnd += 1 }
            defer { chunkStart = chunkEnd }
            guard !isAddress(text[chunkStart..<chunkEnd]) else { previous = nil; continue }
            var index = chunkStart
            while index < chunkEnd {
                guard Lexicon.isWordByte(text[index]) else { index += 1; continue }
                let start = index
                var lettersOnly = true
                while index < chunkEnd && Lexicon.isWordByte(text[index]) {
                    lettersOnly = lettersOnly && Lexicon.isLetter(text[index])
                    index += 1
                }
                guard lettersOnly && index - start >= 2 else { previous = nil; continue }
                body(previous, start..<index)
                previous = start..<index
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    /// A handle, link or e-mail address: `@`, `/` or `_`, or a dot between word bytes.
    private static func isAddress(_ chunk: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0x20
        for (offset, byte) in zip(chunk.indices, chunk) {
            if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") { return true }
            if byte == UInt8(ascii: "."), Lexicon.isWordByte(previous), offset + 1 < chunk.endIndex, Lexicon.isWordByte(chunk[offset + 1]) { return true }
            previous = byte
        }
        return false
    }
}
