import Foundation

/// The resident pages of a memory-mapped source that a pass has gone beyond: dropping them
/// keeps peak RSS at a window instead of the file's size. Only a hint to the kernel: a page
/// needed again is mapped back from the page cache (the mapping is read-only, nothing is lost).
/// A reference, so a reader that scans a whole export before its first document (WhatsApp
/// infers the date order from every line) can release pages too; used by one thread at a time.
final class MappedPages: @unchecked Sendable {
    static let window = 32 << 20
    private let base: UnsafeRawPointer?
    private let count: Int
    private var released = 0

    /// `mapped: false` (a file read into memory) makes every call a no-op.
    init(_ raw: UnsafeRawBufferPointer, mapped: Bool) {
        base = mapped ? raw.baseAddress : nil
        count = raw.count
    }

    /// Drops whole pages below `offset` once a window's worth has been passed. Every pass
    /// (hashing, checking, reading) goes forward from the start, so an offset behind the
    /// last one begins a new pass.
    func release(upTo offset: Int) {
        if offset < released { released = 0 }
        guard let base, offset - released >= Self.window else { return }
        let page = Int(getpagesize())
        let start = (Int(bitPattern: base) + released + page - 1) / page * page
        let end = (Int(bitPattern: base) + min(offset, count)) / page * page
        if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
        released = offset
    }
}
