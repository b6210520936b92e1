/// A multi-literal byte automaton (Aho-Corasick, as a DFA over byte classes): one pass over
/// a text reports which of many literals occur in it. The prefilter's engine.
struct AhoCorasick: Sendable {
    /// Byte -> class; bytes that occur in no literal share class 0.
    private let classes: [UInt8]
    private let classCount: Int
    /// transitions[state * classCount + class] -> next state, negated (bitwise NOT) when
    /// that state ends a literal, so the scan loop tests one sign instead of two loads.
    private let transitions: [Int32]
    /// Literal ids ending exactly at each state, flattened (`ownStart[state]..<ownStart[state + 1]`).
    private let ownStart: [Int32]
    private let own: [Int32]
    /// The nearest state along the suffix links that ends a literal, or -1: outputs are
    /// chained, not copied into every state, so building stays linear in the trie's size.
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
        // Trie, in one flat table (-1: no child yet; becomes the DFA below, in place).
        var table = [Int32](repeating: -1, count: count)
        var ends: [Int32: [Int32]] = [:]
        var states = 1
        for (id, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                let slot = state * count + Int(classOf[Int(byte)])
                if table[slot] < 0 {
                    table[slot] = Int32(states)
                    table.append(contentsOf: repeatElement(-1, count: count))
                    states += 1
                }
                state = Int(table[slot])
            }
            ends[Int32(state), default: []].append(Int32(id))
        }
        // Breadth-first: a missing child becomes the transition of the suffix state, whose
        // row is already complete (it is shallower).
        var fail = [Int32](repeating: 0, count: states)
        var link = [Int32](repeating: -1, count: states)
        var queue: [Int32] = []
        queue.reserveCapacity(states)
        for symbol in 0..<count {
            if table[symbol] < 0 { table[symbol] = 0 } else { queue.append(table[symbol]) }
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let suffix = Int(fail[state])
            if state != 0 { link[state] = ends[Int32(suffix)] != nil ? Int32(suffix) : link[suffix] }
            for symbol in 0..<count {
                let slot = state * count + symbol
                let fallback = table[suffix * count + symbol]
                if table[slot] < 0 {
                    table[slot] = fallback
                } else {
                    fail[Int(table[slot])] = fallback
                    queue.append(table[slot])
                }
            }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        starts.reserveCapacity(states + 1)
        for state in 0..<states {
            flat += Set(ends[Int32(state)] ?? []).sorted()
            starts.append(Int32(flat.count))
        }
        let reportsOutput = (0..<states).map { starts[$0] < starts[$0 + 1] || link[$0] >= 0 }
        for index in table.indices where reportsOutput[Int(table[index])] {
            table[index] = ~table[index]
        }
        classes = classOf
        classCount = count
        transitions = table
        ownStart = starts
        own = flat
        outputLink = link
    }

    /// Calls `found` with the id of every literal occurrence (ids may repeat).
    func scan(_ text: UnsafeBufferPointer<UInt8>, found: (Int) -> Void) {
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                var state = 0
                for byte in text {
                    let next = Int(table[state * classCount + Int(classes[Int(byte)])])
                    if next >= 0 {
                        state = next
                        continue
                    }
                    state = ~next
                    var output = state
                    while output >= 0 {
                        for index in Int(ownStart[output])..<Int(ownStart[output + 1]) { found(Int(own[index])) }
                        output = Int(outputLink[output])
                    }
                }
            }
        }
    }
}
