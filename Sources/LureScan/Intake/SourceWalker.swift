import Foundation

/// Expands the paths given on the command line into files, in a stable order: directories
/// recursively (sorted by name, symbolic links to directories not followed, so a link loop
/// cannot trap the walk), files as given, `-` for standard input. What a walk meets but does
/// not read (links to directories, FIFOs, sockets, devices) is an `unreadable` entry with a reason.
public struct SourceWalker: Sendable {
    public enum Entry: Sendable, Equatable {
        case file(String)
        case standardInput
        case unreadable(path: String, reason: String)
    }

    public init() {}

    public func entries(for paths: [String]) -> [Entry] {
        paths.flatMap { path -> [Entry] in
            if path == "-" { return [.standardInput] }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return [.unreadable(path: path, reason: "no such file or directory")]
            }
            return isDirectory.boolValue ? walk(directory: path) : [.file(path)]
        }
    }

    private func walk(directory: String) -> [Entry] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else {
            return [.unreadable(path: directory, reason: "directory cannot be read")]
        }
        return names.sorted().flatMap { name -> [Entry] in
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: path) else {
                return [.unreadable(path: path, reason: "cannot be inspected")]
            }
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?: return walk(directory: path)
            case .typeRegular?: return [.file(path)]
            case .typeSymbolicLink?:
                // stat follows the link: a loop or a missing target fails here.
                var target = stat()
                guard stat(path, &target) == 0 else {
                    return [.unreadable(path: path, reason: "broken symbolic link or link loop")]
                }
                switch target.st_mode & S_IFMT {
                // Reported, not followed: a link loop cannot trap the walk, and nothing is left out unseen.
                case S_IFDIR: return [.unreadable(path: path, reason: "symbolic link to a directory, not followed")]
                case S_IFREG: return [.file(path)]
                default: return [.unreadable(path: path, reason: "not a regular file")]
                }
            default:
                // FIFOs, sockets, devices: reading one could block or never end.
                return [.unreadable(path: path, reason: "not a regular file")]
            }
        }
    }
}
