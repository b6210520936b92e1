import Dispatch

extension Array where Element: Sendable {
    /// `map` over every core, results in input order: loading a large library (compiling
    /// and analysing thousands of patterns) is otherwise a single-threaded wait.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let output = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        output.initialize(repeating: nil)
        defer { output.deinitialize(); output.deallocate() }
        nonisolated(unsafe) let results = output
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { elements in
                nonisolated(unsafe) let elements = elements
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    results[index] = transform(elements[index])
                }
            }
        }
        return output.map { $0! }
    }
}
