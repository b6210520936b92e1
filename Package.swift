// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LureScan",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LureScan", targets: ["LureScan"]),
        .executable(name: "lurescan", targets: ["lurescan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // PCRE2 (8-bit code units) as a system module; the Swift wrapper lives in LureScan/Matcher.
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8"),
        // A thin C++ shim over ICU whose public header includes no ICU header
        // (Foundation carries its own renamed ICU, and the two clash).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // The shipped indicator library: the YAML files in indicators/ compiled into a Swift table.
        .target(
            name: "LureScanIndicators",
            path: "indicators",
            exclude: ["README.md"],
            plugins: ["EmbedIndicators"]
        ),
        .executableTarget(name: "IndicatorEmbedder"),
        .plugin(name: "EmbedIndicators", capability: .buildTool(), dependencies: ["IndicatorEmbedder"]),
        .target(
            name: "LureScan",
            dependencies: [
                "CPCRE2", "CICU", "LureScanIndicators",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "lurescan",
            dependencies: ["LureScan", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "LureScanTests", dependencies: ["LureScan"]),
    ]
)
