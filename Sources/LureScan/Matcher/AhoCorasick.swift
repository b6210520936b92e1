/// A multi-literal byte automaton (Aho-Corasick, as a DFA over byte classes): one pass over
/// a text reports which of many literals occur in it. The prefilter's engine.
struct AhoCorasick: Sendable {
    /// Byte -> class; bytes that occur in no literal share class 0.
    private let classes: [UInt8]
    private let classCount: Int
    /// transitions[state * classCount + class] -> next state, negated (bitwise NOT) when
    /// that state ends a literal, so the scan loop tests one sign instead of two loads.
    private let transitions: [Int32]
    /// Literal ids ending at each state (through suffix links), flattened.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    init(literals: [[UInt8]]) {
        var classOf = [UInt8](repeating: 0, count: 256)
        var count = 1
        for literal in literals {
            for byte in literal where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(count)
                count += 1
            }
        }
        // Trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: count)]
        var ends: [[Int32]] = [[]]
        for (id, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                let symbol = Int(classOf[Int(byte)])
                if children[state][symbol] < 0 {
                    children.append([Int32](repeating: -1, count: count))
                    ends.append([])
                    children[state][symbol] = Int32(children.count - 1)
                }
                state = Int(children[state][symbol])
            }
            ends[state].append(Int32(id))
        }
        // Breadth-first: suffix links become DFA transitions; outputs merge along them.
        var fail = [Int](repeating: 0, count: children.count)
        var table = [Int32](repeating: 0, count: children.count * count)
        var queue: [Int] = []
        for symbol in 0..<count {
            let child = children[0][symbol]
            if child >= 0 {
                table[symbol] = child
                queue.append(Int(child))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state] += ends[fail[state]]
            for symbol in 0..<count {
                let child = children[state][symbol]
                let fallback = table[fail[state] * count + symbol]
                if child >= 0 {
                    fail[Int(child)] = Int(fallback)
                    table[state * count + symbol] = child
                    queue.append(Int(child))
                } else {
                    table[state * count + symbol] = fallback
                }
            }
        }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for list in ends {
            flat += Set(list).sorted()
            starts.append(Int32(flat.count))
        }
        for index in table.indices where !ends[Int(table[index])].isEmpty {
            table[index] = ~table[index]
        }
        classes = classOf
        classCount = count
        transitions = table
        outputStart = starts
        outputs = flat
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
                    for index in Int(outputStart[state])..<Int(outputStart[state + 1]) { found(Int(outputs[index])) }
                }
            }
        }
    }
}
