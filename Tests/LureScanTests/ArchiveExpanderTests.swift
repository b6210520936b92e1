import Foundation
import Testing
@testable import LureScan

@Suite struct ArchiveExpanderTests {
    static let fixtures = TestSupport.repositoryRoot + "/Tests/Fixtures/whatsapp"

    func data(_ name: String) throws -> Data {
        try #require(FileManager.default.contents(atPath: Self.fixtures + "/" + name))
    }

    func failures(_ members: [ArchiveMember]) -> [ArchiveError?] {
        members.map { member in
            if case .failure(let error) = member.contents { return error }
            return nil
        }
    }

    @Test func zipsAreRecognisedByTheirFirstBytes() throws {
        #expect(try data("Chat with Ana Ruiz.zip").withUnsafeBytes { ArchiveExpander.isArchive($0) })
        #expect(try !data("ios_mdy_12h.txt").withUnsafeBytes { ArchiveExpander.isArchive($0) })
        #expect(!Data().withUnsafeBytes { ArchiveExpander.isArchive($0) })
    }

    @Test func membersComeInOrderWithoutDirectoriesOrMacMetadata() throws {
        let members = ArchiveExpander.members(of: try data("Chat with Ana Ruiz.zip"), archivePath: "cases/Chat with Ana Ruiz.zip")
        #expect(members.map(\.path) == [
            "cases/Chat with Ana Ruiz.zip:_chat.txt",
            "cases/Chat with Ana Ruiz.zip:media/00000012-PHOTO-2020-01-31-14-07-30.jpg",
        ])
        #expect(try members[0].contents.get() == data("ios_mdy_12h.txt"))
    }

    @Test func zipSlipPathsFailAndTheRestIsRead() throws {
        let members = ArchiveExpander.members(of: try data("slip.zip"), archivePath: "slip.zip")
        #expect(members.map(\.path) == ["slip.zip:../evil.txt", "slip.zip:/absolute.txt", "slip.zip:safe/ok.txt"])
        #expect(failures(members) == [.unsafePath, .unsafePath, nil])
        #expect(try members[2].contents.get() == Data("fine".utf8))
    }

    @Test func aHighlyCompressedMemberFailsAsABomb() throws {
        let bomb = try data("bomb.zip")
        #expect(failures(ArchiveExpander.members(of: bomb, archivePath: "bomb.zip")) == [.ratioTooHigh(limit: 100)])
        let relaxed = ArchiveExpander.members(of: bomb, archivePath: "bomb.zip", limits: ArchiveLimits(maximumRatio: 10_000))
        #expect(try relaxed[0].contents.get().count == 4 << 20)
        let small = ArchiveLimits(maximumMemberBytes: 1 << 20, maximumRatio: 10_000)
        #expect(failures(ArchiveExpander.members(of: bomb, archivePath: "bomb.zip", limits: small)) == [.memberTooLarge(limit: 1 << 20)])
    }

    @Test func sizeHeadersThatLieAreCaughtWhileDecompressing() throws {
        // Declare 100 bytes for the 4 MB member, in its local header and its directory entry.
        var bomb = [UInt8](try data("bomb.zip"))
        func patch(signature: [UInt8], sizeOffset: Int) {
            var start = 0
            while start + 4 <= bomb.count, Array(bomb[start..<start + 4]) != signature { start += 1 }
            bomb[start + sizeOffset] = 100
            for i in 1..<4 { bomb[start + sizeOffset + i] = 0 }
        }
        patch(signature: [0x50, 0x4B, 3, 4], sizeOffset: 22)
        patch(signature: [0x50, 0x4B, 1, 2], sizeOffset: 24)
        let limits = ArchiveLimits(maximumMemberBytes: 1 << 20, maximumRatio: 10_000)
        #expect(failures(ArchiveExpander.members(of: Data(bomb), archivePath: "liar.zip", limits: limits)) == [.memberTooLarge(limit: 1 << 20)])
    }

    @Test func theTotalLimitStopsLaterMembers() throws {
        let chat = try data("ios_mdy_12h.txt").count
        let members = ArchiveExpander.members(of: try data("Chat with Ana Ruiz.zip"), archivePath: "a.zip",
                                              limits: ArchiveLimits(maximumTotalBytes: chat + 5))
        #expect(failures(members) == [nil, .totalTooLarge(limit: chat + 5)])
    }

    @Test func aTruncatedOrForeignFileIsOneFailureForTheArchive() throws {
        let zip = try data("Chat with Ana Ruiz.zip")
        for broken in [zip.prefix(zip.count / 2), zip.prefix(10), Data("not a zip at all".utf8), Data()] {
            let members = ArchiveExpander.members(of: Data(broken), archivePath: "cut.zip")
            #expect(members.map(\.path) == ["cut.zip"])
            guard case .failure(.unreadableArchive) = members.first?.contents else {
                Issue.record("expected an unreadable archive, got \(members)")
                continue
            }
        }
    }

    @Test func aCorruptMemberFailsAlone() throws {
        let members = ArchiveExpander.members(of: try data("corrupt-crc.zip"), archivePath: "c.zip")
        #expect(failures(members) == [.unreadableMember("checksum mismatch")])
        #expect(members.first.map { String(describing: $0.contents) }?.contains("checksum") == true)
    }

    @Test func aDamagedDirectoryIsReported() throws {
        // Break the signature of the second directory entry: the entries before it are still read.
        var zip = [UInt8](try data("slip.zip"))
        var found = 0
        for start in 0..<(zip.count - 4) where Array(zip[start..<start + 4]) == [0x50, 0x4B, 1, 2] {
            found += 1
            if found == 2 { zip[start] = 0 }
        }
        let members = ArchiveExpander.members(of: Data(zip), archivePath: "d.zip")
        #expect(members.first?.path == "d.zip:../evil.txt")
        guard case .failure(.unreadableArchive(let why)) = members.last?.contents else {
            Issue.record("expected the damage to be reported, got \(members)")
            return
        }
        #expect(why.contains("of 3 entries"))
    }

    @Test func errorsDescribeThemselves() {
        #expect(ArchiveError.unsafePath.description.contains("zip-slip"))
        #expect(ArchiveError.ratioTooHigh(limit: 100).description.contains("100"))
    }
}
