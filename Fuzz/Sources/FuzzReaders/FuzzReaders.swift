import Foundation
import FuzzDriver
@testable import LureScan

/// The first byte picks a reader (or the zip expander, or detection); the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let formats = InputFormat.allCases
    let choice = Int(data[0]) % (formats.count + 2)
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    if choice == formats.count {
        let archive = Data(bytes)
        for member in ArchiveExpander.members(of: archive, archivePath: "fuzz.zip", limits: ArchiveLimits(maximumMemberBytes: 1 << 20, maximumTotalBytes: 4 << 20)) {
            _ = try? member.contents.get()
        }
        return 0
    }
    let format: InputFormat
    if choice == formats.count + 1 {
        guard case .format(let detected) = FormatDetector.detect(path: "fuzz", bytes: bytes) else { return 0 }
        format = detected
    } else {
        format = formats[choice]
    }
    let source = Source(path: "fuzz", size: bytes.count, sha256: "", format: format)
    Readers.reader(for: format).read(bytes, source: source, options: ReaderOptions()) { result in
        if case .document(let document) = result {
            precondition(document.origin.originRange(of: 0..<document.text.count).upperBound <= bytes.count, "document text maps outside the file")
        }
    }
    return 0
}

runFuzzer(fuzz)
