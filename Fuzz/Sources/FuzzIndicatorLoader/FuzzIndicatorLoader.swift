import Foundation
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

// libFuzzer's own main is not linked in (this file is the executable's main): hand it the
// command line and the callback.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

var arguments = CommandLine.argc
var vector = CommandLine.unsafeArgv
exit(runFuzzerDriver(&arguments, &vector, fuzz))
