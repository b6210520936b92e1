/// The groups of a pattern, read without compiling it: where each opens and closes, and
/// where its top-level alternatives split. Escapes and character classes hold no group.
/// For lint checks that look at a pattern's shape.
struct PatternGroups {
    let scalars: [Unicode.Scalar]
    /// Opening parenthesis -> its closing one, and back.
    private(set) var close: [Int: Int] = [:]
    private(set) var open: [Int: Int] = [:]
    /// Opening parenthesis -> the `|` at its own depth.
    private var bars: [Int: [Int]] = [:]

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
        var stack: [Int] = []
        var index = 0, inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" { index += 2; continue }
            if inClass {
                if scalar == "]" { inClass = false }
            } else {
                switch scalar {
                case "[": inClass = true
                case "(": stack.append(index)
                case ")": if let opening = stack.popLast() { close[opening] = index; open[index] = opening }
                case "|": if let opening = stack.last { bars[opening, default: []].append(index) }
                default: break
                }
            }
            index += 1
        }
    }

    /// Whether a lookbehind (`(?<!` or `(?<=`) opens at `index`.
    func opensLookbehind(at index: Int) -> Bool {
        index + 3 < scalars.count && scalars[index] == "(" && scalars[index + 1] == "?" && scalars[index + 2] == "<"
            && (scalars[index + 3] == "!" || scalars[index + 3] == "=")
    }

    /// The top-level alternatives of the group opening at `opening`, as ranges of scalars;
    /// none for a look-around or a named group, which are not alternatives of a word, or for
    /// a group that never closes.
    func alternatives(ofGroupAt opening: Int) -> [Range<Int>] {
        guard let end = close[opening] else { return [] }
        var start = opening + 1
        if start < end, scalars[start] == "?" {
            // `(?:`, `(?>`.
            guard start + 1 < end, ":>".unicodeScalars.contains(scalars[start + 1]) else { return [] }
            start += 2
        }
        var ranges: [Range<Int>] = []
        for bar in bars[opening] ?? [] {
            ranges.append(start..<bar)
            start = bar + 1
        }
        return ranges + [start..<end]
    }
}
