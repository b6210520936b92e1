import Foundation
import Testing
@testable import LureScan

@Suite struct ExportTimingTemp {
    @Test func timeReaders() {
        for name in ["result.json", "message_1.json", "sms.xml", "big.mbox"] {
            let path = "/tmp/exports-big/" + name
            let start = Date()
            let read = ExportFixtures.read(Array(FileManager.default.contents(atPath: path)!), path: path)
            print("TIMING", name, read.format, read.documents.count, read.failures.count, Date().timeIntervalSince(start))
        }
    }
}
