import Foundation
import FuzzDriver
@testable import LureScan

/// Loads arbitrary text as an indicator file, compiles what loads, and lints it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (library, _) = IndicatorLoader.load([IndicatorLoader.File(path: "fuzz.yml", contents: text)])
    if !library.indicators.isEmpty {
        _ = CompiledLibrary(library)
    }
    return 0
}

runFuzzer(fuzz)
