import Foundation

// libFuzzer's own main is not linked in (each target's file is its executable's main): the
// target hands libFuzzer the command line and its callback.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                             _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// Runs libFuzzer with this process's arguments over `callback`, then exits with its status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Never {
    var arguments = CommandLine.argc
    var vector = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&arguments, &vector, callback))
}
