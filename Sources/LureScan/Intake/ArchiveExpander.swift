import Foundation
import ZIPFoundation

/// How much a zip may expand to. Seized archives are untrusted: a zip bomb or a lying size
/// header must give a failure, never exhaust memory.
public struct ArchiveLimits: Sendable {
    /// Largest member, decompressed.
    public var maximumMemberBytes: Int
    /// All members of one archive together, decompressed.
    public var maximumTotalBytes: Int
    /// Largest decompressed-to-compressed ratio of a member...
    public var maximumRatio: Int
    /// ...checked once a member is larger than this: small texts compress far beyond 100:1
    /// (a page of spaces) without being bombs.
    public var ratioFloorBytes: Int

    public init(maximumMemberBytes: Int = 256 << 20, maximumTotalBytes: Int = 1 << 30,
                maximumRatio: Int = 100, ratioFloorBytes: Int = 1 << 20) {
        self.maximumMemberBytes = maximumMemberBytes
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumRatio = maximumRatio
        self.ratioFloorBytes = ratioFloorBytes
    }
}

/// Why an archive, or one of its members, could not be read.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a zip, truncated, or its directory is damaged.
    case unreadableArchive(String)
    /// A member path that climbs out of the archive (`../x`, `/etc/x`): zip-slip.
    case unsafePath
    case symbolicLink
    case memberTooLarge(limit: Int)
    case totalTooLarge(limit: Int)
    case ratioTooHigh(limit: Int)
    /// Decompression failed: bad data, wrong checksum, an unsupported method or encryption.
    case unreadableMember(String)

    public var description: String {
        switch self {
        case .unreadableArchive(let why): "unreadable zip archive: \(why)"
        case .unsafePath: "member path leaves the archive (zip-slip), not read"
        case .symbolicLink: "symbolic link, not read"
        case .memberTooLarge(let limit): "member larger than \(limit) bytes decompressed, not read"
        case .totalTooLarge(let limit): "archive larger than \(limit) bytes decompressed, member not read"
        case .ratioTooHigh(let limit): "member expands more than \(limit) times (zip bomb?), not read"
        case .unreadableMember(let why): "member cannot be decompressed: \(why)"
        }
    }
}

/// One file of an archive: `chat.zip:_chat.txt`, with its bytes or why they could not be had.
public struct ArchiveMember: Sendable {
    public var path: String
    public var contents: Result<Data, ArchiveError>

    public init(path: String, contents: Result<Data, ArchiveError>) {
        self.path = path
        self.contents = contents
    }
}

/// Opens zip archives (iOS WhatsApp exports are zips holding `_chat.txt` and the media) into
/// their members, in archive order. Directories and macOS `__MACOSX/` metadata are left out;
/// every other member gives its bytes or a failure. Nothing is written to disk.
public enum ArchiveExpander {
    /// A zip's first bytes: a local file header, or the end record of an empty archive.
    public static func isArchive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B else { return false } // PK
        return (bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6) || (bytes[2] == 7 && bytes[3] == 8)
    }

    public static func members(of data: Data, archivePath: String, limits: ArchiveLimits = .init()) -> [ArchiveMember] {
        if let damage = outOfBounds(data) {
            return [ArchiveMember(path: archivePath, contents: .failure(.unreadableArchive(damage)))]
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            return [ArchiveMember(path: archivePath, contents: .failure(.unreadableArchive("not a zip, or truncated")))]
        }
        var members: [ArchiveMember] = []
        var total = 0
        var entries = 0
        for entry in archive {
            entries += 1
            let name = entry.path
            if entry.type == .directory || name.hasSuffix("/") || isMacMetadata(name) { continue }
            let path = archivePath + ":" + name
            let contents = isUnsafe(name) ? .failure(.unsafePath)
                : entry.type == .symlink ? .failure(.symbolicLink)
                : extract(entry, from: archive, limits: limits, total: &total)
            members.append(ArchiveMember(path: path, contents: contents))
        }
        // ZIPFoundation stops quietly at a damaged directory record: compare with the count the end record declares.
        if let declared = declaredEntryCount(data), entries < declared {
            members.append(ArchiveMember(path: archivePath, contents: .failure(.unreadableArchive(
                "damaged directory: \(entries) of \(declared) entries readable"))))
        }
        return members
    }

    /// Thrown from the consumer to stop a member as soon as it passes a limit.
    private struct Stop: Error { let error: ArchiveError }

    private static func extract(_ entry: Entry, from archive: Archive, limits: ArchiveLimits, total: inout Int) -> Result<Data, ArchiveError> {
        // The sizes in the headers may lie; they only let an honest oversized member fail early.
        let declared = entry.uncompressedSize
        if declared > UInt64(limits.maximumMemberBytes) { return .failure(.memberTooLarge(limit: limits.maximumMemberBytes)) }
        if total + Int(declared) > limits.maximumTotalBytes { return .failure(.totalTooLarge(limit: limits.maximumTotalBytes)) }
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        var output = Data()
        let runningTotal = total
        do {
            // ZIPFoundation computes the checksum but leaves comparing it to the caller.
            let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                output.append(chunk)
                if output.count > limits.maximumMemberBytes { throw Stop(error: .memberTooLarge(limit: limits.maximumMemberBytes)) }
                if runningTotal + output.count > limits.maximumTotalBytes { throw Stop(error: .totalTooLarge(limit: limits.maximumTotalBytes)) }
                if output.count > limits.ratioFloorBytes && output.count / compressed > limits.maximumRatio {
                    throw Stop(error: .ratioTooHigh(limit: limits.maximumRatio))
                }
            }
            if checksum != entry.checksum { return .failure(.unreadableMember("checksum mismatch")) }
        } catch let stop as Stop {
            return .failure(stop.error)
        } catch {
            return .failure(.unreadableMember(describe(error)))
        }
        total += output.count
        return .success(output)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case Archive.ArchiveError.invalidCompressionMethod: "unsupported compression method"
        default: String(describing: error)
        }
    }

    /// `__MACOSX/…`: the resource forks macOS adds when it zips a folder.
    private static func isMacMetadata(_ name: String) -> Bool {
        name.hasPrefix("__MACOSX/") || name.contains("/__MACOSX/")
    }

    /// An absolute path or a `..` component: a member that would land outside the folder it is extracted to.
    private static func isUnsafe(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") { return true }
        return name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    /// ZIPFoundation reads an in-memory archive by seeking to the offsets the archive declares
    /// and traps on a read past the end (a fuzzed zip found it). Every offset it follows is
    /// checked first: nil when all are inside the data (or there is no end record: then
    /// ZIPFoundation fails cleanly), else why the archive is not read. ZIP64 archives, whose
    /// offsets live elsewhere, are not read.
    static func outOfBounds(_ data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            let count = raw.count
            func u16(_ at: Int) -> Int { Int(raw[at]) | Int(raw[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            func signature(_ at: Int, _ kind: UInt8) -> Bool {
                at >= 0 && at + 4 <= count && raw[at] == 0x50 && raw[at + 1] == 0x4B && raw[at + 2] == kind && raw[at + 3] == kind + 1
            }
            guard count >= 22,
                  let end = stride(from: count - 22, through: max(0, count - 65_557), by: -1).first(where: { signature($0, 5) })
            else { return nil }
            let entries = u16(end + 10), size = u32(end + 12), offset = u32(end + 16)
            let zip64 = "ZIP64 archive, not read"
            if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF || signature(end - 20, 6) { return zip64 }
            guard offset <= count else { return "central directory outside the archive" }
            var record = offset
            for _ in 0..<entries {
                // A bad record ends ZIPFoundation's reading quietly (reported by `members`).
                guard signature(record, 1), record + 46 <= count else { return nil }
                let compressed = u32(record + 20), local = u32(record + 42)
                if compressed == 0xFFFF_FFFF || u32(record + 24) == 0xFFFF_FFFF || local == 0xFFFF_FFFF { return zip64 }
                guard local + 30 <= count else { return "member header outside the archive" }
                guard local + 30 + u16(local + 26) + u16(local + 28) + compressed <= count else { return "member data outside the archive" }
                record += 46 + u16(record + 28) + u16(record + 30) + u16(record + 32)
            }
            return nil
        }
    }

    /// The entry count of the end-of-central-directory record; nil when absent or ZIP64 (0xFFFF).
    private static func declaredEntryCount(_ data: Data) -> Int? {
        let bytes = [UInt8](data.suffix(65_557))
        guard bytes.count >= 22 else { return nil }
        for start in stride(from: bytes.count - 22, through: 0, by: -1)
        where bytes[start] == 0x50 && bytes[start + 1] == 0x4B && bytes[start + 2] == 5 && bytes[start + 3] == 6 {
            let count = Int(bytes[start + 10]) | Int(bytes[start + 11]) << 8
            return count == 0xFFFF ? nil : count
        }
        return nil
    }
}
