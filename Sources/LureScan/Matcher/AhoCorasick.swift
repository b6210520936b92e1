/// A multi-literal byte automaton (Aho-Corasick over byte classes): one pass over a text
/// reports which of many literals occur in it. The prefilter's engine.
///
/// The shallowest states (breadth-first, as many as fit a cache-sized table) get a full DFA
/// row: most text bytes are read there, one load each. Deeper states keep only their trie
/// edges and follow failure links (the classic automaton), so memory and build time grow
/// with the literals' total length, not with states x classes (the model of the Rust
/// aho-corasick crate's contiguous NFA with a dense start).
struct AhoCorasick: Sendable {
    /// Bytes of DFA rows kept at most (about an L2 cache).
    static let denseBudget = 1 << 21

    /// Byte -> class; bytes that occur in no literal share class 0.
    private let classes: [UInt8]
    private let classCount: Int
    /// States `0..<denseCount` (breadth-first order): `dense[state * classCount + class]`.
    private let denseCount: Int
    /// A target is negated (bitwise NOT) when that state reports literals, so the scan loop
    /// tests one sign instead of loading a flag. Used in `dense` and `edgeTargets`.
    private let dense: [Int32]
    /// Deeper states: trie edges `edgeStart[state]..<edgeStart[state + 1]`, and failure links.
    private let edgeStart: [Int32]
    private let edgeClasses: [UInt8]
    private let edgeTargets: [Int32]
    private let fail: [Int32]
    /// Literal ids ending exactly at each state (`ownStart[state]..<ownStart[state + 1]`), and
    /// the nearest state along the failure links that reports any (-1: none).
    private let ownStart: [Int32]
    private let own: [Int32]
    private let outputLink: [Int32]

    init(literals: [[UInt8]]) {
        var classOf = [UInt8](repeating: 0, count: 256)
        var count = 1
        for literal in literals {
            for byte in literal where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(count)
                count += 1
            }
        }
        let trie = Trie(literals: literals, classOf: classOf)
        let order = trie.breadthFirstOrder()
        var renumbered = [Int32](repeating: 0, count: order.count)
        for (new, old) in order.enumerated() { renumbered[Int(old)] = Int32(new) }
        let states = order.count

        // Edges and ends in the new numbering; failure links breadth-first.
        var edgeStart: [Int32] = [0]
        var edgeClasses: [UInt8] = []
        var edgeTargets: [Int32] = []
        var ends = [[Int32]](repeating: [], count: states)
        for old in order {
            trie.forEachEdge(of: Int(old)) { symbol, child in
                edgeClasses.append(symbol)
                edgeTargets.append(renumbered[Int(child)])
            }
            edgeStart.append(Int32(edgeClasses.count))
            ends[Int(renumbered[Int(old)])] = trie.ends[Int(old)]
        }
        func child(_ state: Int, _ symbol: UInt8) -> Int32? {
            for edge in Int(edgeStart[state])..<Int(edgeStart[state + 1]) where edgeClasses[edge] == symbol { return edgeTargets[edge] }
            return nil
        }
        var fail = [Int32](repeating: 0, count: states)
        for state in 0..<states {
            for edge in Int(edgeStart[state])..<Int(edgeStart[state + 1]) {
                let target = Int(edgeTargets[edge])
                guard state != 0 else { continue }
                var suffix = Int(fail[state])
                while true {
                    if let next = child(suffix, edgeClasses[edge]) { fail[target] = next; break }
                    if suffix == 0 { break }
                    suffix = Int(fail[suffix])
                }
            }
        }
        var ownStart: [Int32] = [0]
        var own: [Int32] = []
        var outputLink = [Int32](repeating: -1, count: states)
        for state in 0..<states {
            if !ends[state].isEmpty { own += Set(ends[state]).sorted() }
            ownStart.append(Int32(own.count))
            if state != 0 {
                let suffix = Int(fail[state])
                outputLink[state] = !ends[suffix].isEmpty ? Int32(suffix) : outputLink[suffix]
            }
        }
        let reports = (0..<states).map { !ends[$0].isEmpty || outputLink[$0] >= 0 }
        func marked(_ target: Int32) -> Int32 { reports[Int(target)] ? ~target : target }

        // Dense rows: a missing edge takes the failure state's transition (shallower, done).
        let denseCount = min(states, max(1, Self.denseBudget / (count * 4)))
        var dense = [Int32](repeating: 0, count: denseCount * count)
        for state in 0..<denseCount {
            for symbol in 0..<count {
                if let next = child(state, UInt8(symbol)) {
                    dense[state * count + symbol] = next
                } else if state != 0 {
                    dense[state * count + symbol] = dense[Int(fail[state]) * count + symbol]
                }
            }
        }
        self.dense = dense.map(marked)
        self.edgeTargets = edgeTargets.map(marked)
        self.classes = classOf
        self.classCount = count
        self.denseCount = denseCount
        self.edgeStart = edgeStart
        self.edgeClasses = edgeClasses
        self.fail = fail
        self.ownStart = ownStart
        self.own = own
        self.outputLink = outputLink
    }

    /// Calls `found` with the id of every literal occurrence (ids may repeat).
    func scan(_ text: UnsafeBufferPointer<UInt8>, found: (Int) -> Void) {
        classes.withUnsafeBufferPointer { classes in
            dense.withUnsafeBufferPointer { dense in
                var state = 0
                for byte in text {
                    let symbol = classes[Int(byte)]
                    var next: Int32
                    while true {
                        if state < denseCount {
                            next = dense[state * classCount + Int(symbol)]
                            break
                        }
                        if let target = edge(from: state, symbol) {
                            next = target
                            break
                        }
                        state = Int(fail[state])
                    }
                    if next >= 0 {
                        state = Int(next)
                        continue
                    }
                    state = Int(~next)
                    var output = state
                    while output >= 0 {
                        for index in Int(ownStart[output])..<Int(ownStart[output + 1]) { found(Int(own[index])) }
                        output = Int(outputLink[output])
                    }
                }
            }
        }
    }

    @inline(__always)
    private func edge(from state: Int, _ symbol: UInt8) -> Int32? {
        var edge = Int(edgeStart[state])
        let end = Int(edgeStart[state + 1])
        while edge < end {
            if edgeClasses[edge] == symbol { return edgeTargets[edge] }
            edge += 1
        }
        return nil
    }
}

/// The literals' trie while the automaton is built: edges as linked lists, one per state.
private struct Trie {
    private(set) var ends: [[Int32]] = [[]]
    private var firstEdge: [Int32] = [-1]
    private var nextEdge: [Int32] = []
    private var edgeSymbol: [UInt8] = []
    private var edgeTarget: [Int32] = []

    init(literals: [[UInt8]], classOf: [UInt8]) {
        for (id, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                let symbol = classOf[Int(byte)]
                state = Int(childOrAdd(state, symbol))
            }
            ends[state].append(Int32(id))
        }
    }

    private mutating func childOrAdd(_ state: Int, _ symbol: UInt8) -> Int32 {
        var edge = Int(firstEdge[state])
        while edge >= 0 {
            if edgeSymbol[edge] == symbol { return edgeTarget[edge] }
            edge = Int(nextEdge[edge])
        }
        let target = Int32(ends.count)
        ends.append([])
        firstEdge.append(-1)
        edgeSymbol.append(symbol)
        edgeTarget.append(target)
        nextEdge.append(firstEdge[state])
        firstEdge[state] = Int32(edgeSymbol.count - 1)
        return target
    }

    func forEachEdge(of state: Int, _ body: (UInt8, Int32) -> Void) {
        var edge = Int(firstEdge[state])
        while edge >= 0 {
            body(edgeSymbol[edge], edgeTarget[edge])
            edge = Int(nextEdge[edge])
        }
    }

    /// State ids breadth-first from the root: shallower states first.
    func breadthFirstOrder() -> [Int32] {
        var order: [Int32] = [0]
        order.reserveCapacity(ends.count)
        var head = 0
        while head < order.count {
            forEachEdge(of: Int(order[head])) { _, child in order.append(child) }
            head += 1
        }
        return order
    }
}
