import Foundation
import FuzzDriver
@testable import LureScan

/// Normalizes arbitrary bytes and checks the offset-map invariant: the map covers the
/// normalized text exactly, and every span maps inside the input, in order.
enum Fuzz {
    /// A small lexicon, so stand-in letters (`b*rco`, `b4rc0`) and look-alike words are read too.
    static let normalizer = Normalizer(lexicon: Lexicon(normalizedTexts: ["barco pesca documentos aab aba baa abb bab"].map { Array($0.utf8) }))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    // Emoji read as Spanish words, the last stage of a scan.
    let normalized = Fuzz.normalizer.readingEmoji(in: Fuzz.normalizer.normalize(input), language: "es")
    let map = normalized.map
    precondition(map.targetLength == normalized.bytes.count, "map covers \(map.targetLength) of \(normalized.bytes.count) bytes")
    var target = 0
    for run in map.runs {
        precondition(run.target == target, "runs not contiguous")
        precondition(run.origin >= 0 && run.origin + run.originLength <= size, "run outside the input")
        precondition(!run.exact || run.targetLength == run.originLength, "exact run of unequal lengths")
        target += run.targetLength
    }
    precondition(target == normalized.bytes.count, "runs cover \(target) bytes")
    var previous = 0
    for start in stride(from: 0, through: normalized.bytes.count, by: max(1, normalized.bytes.count / 16)) {
        let end = min(normalized.bytes.count, start + 7)
        let origin = map.originRange(of: start..<end)
        precondition(origin.lowerBound >= 0 && origin.upperBound <= size && origin.lowerBound <= origin.upperBound, "span \(start)..<\(end) maps to \(origin) of \(size)")
        precondition(origin.lowerBound >= previous || start == 0, "spans out of order")
        previous = origin.lowerBound
    }
    return 0
}

runFuzzer(fuzz)
