/// Stage 5: joins three or more single letters written apart: `w h a t s a p p` ->
/// `whatsapp`, `c.a.s.h` -> `cash`. A letter counts only when it stands alone (no letter,
/// digit, apostrophe or leet symbol touches it: `d'affaires`, `let's`, `R$`); the gaps are one to three
/// spaces, dots, dashes, underscores, asterisks, middle dots or bullets, and every gap of
/// a run is the same, so `d.e.l.e.t.e t h i s` stays two words.
///
/// A run that spells no known word but splits wholly into known words and short function
/// words (`a`, `y`, `de`, `en`...) is read as those words, one space apart: `p a s s a g e m p a g a`
/// is `passagem paga` and `a p a s s a g e m a g e n t e` is `a passagem a gente`, not one
/// long word no pattern knows. Known words come from the lexicon (three letters or more).
struct SpacedLetters: NormalizationStage {
    static let minimumLetters = 3
    private static let maximumGap = 3
    /// Runs longer than this are joined whole: splitting costs the square of the length.
    private static let longestSplitRun = 64
    /// Words too short for the lexicon that may stand between known ones (en, es, pt, fr).
    private static let shortWords: Set<[UInt8]> = Set(("a e i o u y an as at be by da de do du el em en es et il in is it je la le lo "
        + "ma me mi my na ne no nu of on os ou se si su ta te to tu um un us we ya").split(separator: " ").map { Array($0.utf8) })

    var lexicon: Lexicon = .empty

    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)? {
        let runs = self.runs(in: text)
        var editor = TextEditor(text)
        for (index, run) in runs.enumerated() where shouldJoin(index, of: runs, in: text) {
            let wordStarts = Set(words(in: run.map { text[$0.lowerBound] }))
            for (offset, (current, next)) in zip(run, run.dropFirst()).enumerated() {
                if wordStarts.contains(offset + 1) {
                    editor.replace(current.upperBound..<next.lowerBound, with: [0x20])
                } else {
                    editor.delete(current.upperBound..<next.lowerBound)
                }
            }
        }
        return editor.finish()
    }

    /// Where the words of a run's letters start (after the first), when the run is no known
    /// word but splits into known and short words (the split with most letters in
    /// known words, then with fewest words); empty to join the run whole.
    func words(in letters: [UInt8]) -> [Int] {
        let count = letters.count
        guard !lexicon.isEmpty, count > Self.minimumLetters, count <= Self.longestSplitRun,
              letters.allSatisfy(Lexicon.isLetter), !lexicon.contains(letters) else { return [] }
        // best[end]: (letters in known words, words, start of the last word) over letters[..<end].
        var best: [(known: Int, words: Int, start: Int)?] = Array(repeating: nil, count: count + 1)
        best[0] = (0, 0, 0)
        for end in 1...count {
            for start in 0..<end {
                guard let before = best[start] else { continue }
                let length = end - start
                let known: Int
                if length >= 3 && lexicon.contains(letters[start..<end]) {
                    known = length
                } else if length <= 2 && Self.shortWords.contains(Array(letters[start..<end])) {
                    known = 0
                } else {
                    continue
                }
                let candidate = (known: before.known + known, words: before.words + 1, start: start)
                if let current = best[end], (current.known, -current.words) >= (candidate.known, -candidate.words) { continue }
                best[end] = candidate
            }
        }
        guard let last = best[count], last.words >= 2, last.known > 0 else { return [] }
        var starts: [Int] = []
        var end = count
        while let step = best[end], end > 0 {
            if step.start > 0 { starts.append(step.start) }
            end = step.start
        }
        return starts.reversed()
    }

    /// Three or more letters make a word; two do when they stand, only spaces apart, beside
    /// such a word (`T R A B A J O  E N  C A N A D A`).
    private func shouldJoin(_ index: Int, of runs: [[Range<Int>]], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let run = runs[index]
        if run.count >= Self.minimumLetters { return true }
        guard run.count == 2 else { return false }
        func besideWord(_ neighbour: [Range<Int>], gap: Range<Int>) -> Bool {
            neighbour.count >= Self.minimumLetters && gap.count <= Self.maximumGap && Self.isSpaces(text[gap])
        }
        if index > 0, runs[index - 1].last!.upperBound <= run[0].lowerBound,
           besideWord(runs[index - 1], gap: runs[index - 1].last!.upperBound..<run[0].lowerBound) { return true }
        if index + 1 < runs.count, run.last!.upperBound <= runs[index + 1][0].lowerBound,
           besideWord(runs[index + 1], gap: run.last!.upperBound..<runs[index + 1][0].lowerBound) { return true }
        return false
    }

    /// Every run of two or more lone letters with one and the same gap between them.
    private func runs(in text: UnsafeBufferPointer<UInt8>) -> [[Range<Int>]] {
        var runs: [[Range<Int>]] = []
        var index = 0
        while index < text.count {
            guard let first = singleLetter(at: index, in: text) else {
                index += 1
                continue
            }
            var letters = [first]
            var position = first.upperBound
            var firstGap: ArraySlice<UInt8>? = nil
            while let gapEnd = gap(from: position, in: text), let letter = singleLetter(at: gapEnd, in: text) {
                let gap = text[position..<gapEnd]
                if let firstGap, !firstGap.elementsEqual(gap) { break }
                // Where the gap changes, a letter between spaces and dots belongs with the dots,
                // which only ever join letters of one word: `a p.i.x`, `d.e.l.e.t.e t h i s`.
                // A one-letter word ending a sentence does not take the next spaced word's first
                // letter: `u. l a t e r` is `u. later`.
                if let nextGapEnd = self.gap(from: letter.upperBound, in: text), singleLetter(at: nextGapEnd, in: text) != nil {
                    let nextIsSpaces = Self.isSpaces(text[letter.upperBound..<nextGapEnd])
                    if Self.isSpaces(gap) && !nextIsSpaces { break }
                    if firstGap == nil && !Self.isSpaces(gap) && nextIsSpaces { break }
                }
                firstGap = firstGap ?? ArraySlice(gap)
                letters.append(letter)
                position = letter.upperBound
            }
            if letters.count >= 2 { runs.append(letters) }
            index = position
        }
        return runs
    }

    private static func isSpaces(_ gap: some Collection<UInt8>) -> Bool {
        gap.allSatisfy { $0 == 0x20 }
    }

    /// The range of a lone letter starting at `index`, or nil.
    private func singleLetter(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard index < text.count else { return nil }
        let decoded = UTF8Scalars.decode(text, at: index)
        guard Leetspeak.isLetterScalar(decoded.scalar) else { return nil }
        if index > 0 {
            var start = index - 1
            while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
            if isWordScalar(UTF8Scalars.decode(text, at: start).scalar) { return nil }
        }
        let end = index + decoded.length
        if end < text.count && isWordScalar(UTF8Scalars.decode(text, at: end).scalar) { return nil }
        return index..<end
    }

    /// The end of a gap starting at `index`, or nil when there is none.
    private func gap(from index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = index
        while position < text.count && position - index < Self.maximumGap * 2 {
            let decoded = UTF8Scalars.decode(text, at: position)
            guard Self.isGapScalar(decoded.scalar) else { break }
            position += decoded.length
        }
        let gapScalars = String(decoding: UnsafeBufferPointer(rebasing: text[index..<position]), as: UTF8.self).unicodeScalars.count
        return gapScalars >= 1 && gapScalars <= Self.maximumGap ? position : nil
    }

    private static func isGapScalar(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20, 0x2E, 0x2D, 0x5F, 0x2A, 0xB7, 0x2022, 0x2219: return true
        default: return false
        }
    }

    /// What makes a neighbouring letter part of a word: letters, digits, marks, apostrophes
    /// (`d'affaires`), leet symbols (`f@cile`, `R$`) and the slash of `p/` and `w/`.
    private func isWordScalar(_ scalar: UInt32) -> Bool {
        scalar == 0x27 || scalar == 0x24 || scalar == 0x40 || scalar == 0x2F || scalar == 0x20AC || (scalar >= 0x30 && scalar <= 0x39) || Leetspeak.isLetterScalar(scalar) || ICU.isNonspacingMark(scalar)
    }
}
