/// One step of normalization: rewrites valid UTF-8 and maps the result back to its input.
/// Returns nil when the text needs no change (the common, cheap case).
protocol NormalizationStage: Sendable {
    func apply(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], map: OffsetMap)?
}
