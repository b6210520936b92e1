/// Opens one source's bytes: hashes them and decides the format (or that they are binary
/// and must be skipped). Shared by the pipeline and `explain`.
public enum SourceOpener {
    public enum Opened: Sendable {
        case readable(Source)
        case binary(sha256: String)
    }

    public static func open(_ raw: UnsafeRawBufferPointer, path: String, forcedFormat: InputFormat?,
                            hashed: (Int) -> Void = { _ in }) -> Opened {
        let bytes = raw.bindMemory(to: UInt8.self)
        let sha256 = Hashing.sha256(raw, hashed: hashed)
        switch forcedFormat.map(FormatDetector.Verdict.format) ?? FormatDetector.detect(path: path, bytes: bytes) {
        case .binary:
            return .binary(sha256: sha256)
        case .format(let format):
            return .readable(Source(path: path, size: bytes.count, sha256: sha256, format: format))
        }
    }
}
