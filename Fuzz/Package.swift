// swift-tools-version: 6.1
// libFuzzer targets for LureScan; built and run by ../scripts/fuzz.sh (`make fuzz`), never by
// the main package. Each target defines LLVMFuzzerTestOneInput; libFuzzer provides main.
import Foundation
import PackageDescription

// A path dependency is named after its folder, whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "LureScanFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzDriver")] + ["FuzzNormalizer", "FuzzIndicatorLoader", "FuzzReaders"].map { name in
        // Everything is compiled with coverage (scripts/fuzz.sh); only these link libFuzzer.
        .executableTarget(name: name, dependencies: ["FuzzDriver", .product(name: "LureScan", package: root)],
                          linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])])
    }
)
