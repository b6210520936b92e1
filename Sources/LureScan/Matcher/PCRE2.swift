import CPCRE2

/// A PCRE2 pattern compiled once (UTF + UCP) and JIT-compiled when the platform allows.
/// Compiled code is immutable and may be shared by threads; each thread matches with its
/// own `MatchScratch`.
public final class CompiledPattern: @unchecked Sendable {
    let code: OpaquePointer
    public let isJITCompiled: Bool
    /// The pattern as written.
    public let source: String

    public struct CompileError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at offset \(offset)" }
    }

    public init(_ pattern: String) throws(CompileError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, UInt32(PCRE2_UTF | PCRE2_UCP), &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw CompileError(message: PCRE2Error.message(errorCode), offset: errorOffset)
        }
        code = compiled
        source = pattern
        isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit { pcre2_code_free_8(code) }
}

/// Per-thread match state: match data, a match context with its limits, and a JIT stack.
public final class MatchScratch {
    /// Bounds the backtracking of one match attempt: a catastrophic pattern fails with an
    /// error instead of running for minutes.
    public static let defaultMatchLimit: UInt32 = 1_000_000
    static let jitStackSize = 4 << 20

    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    /// Set (empty) by whoever profiles; the matcher then times each pattern run into it.
    var profile: PatternProfile?

    public init(matchLimit: UInt32 = MatchScratch.defaultMatchLimit) {
        matchData = pcre2_match_data_create_8(1, nil)
        context = pcre2_match_context_create_8(nil)
        jitStack = pcre2_jit_stack_create_8(32 << 10, Self.jitStackSize, nil)
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, matchLimit)
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}

public enum MatchOutcome: Equatable, Sendable {
    case match(Range<Int>)
    case noMatch
    case failure(code: Int32, message: String)
}

/// The compiled code of a pattern, without ownership: a trivial value, so worker threads
/// can read arrays of them without touching reference counts (shared counters are
/// contended cache lines). Valid while its `CompiledPattern` lives.
struct PatternHandle: @unchecked Sendable {
    let code: OpaquePointer

    /// The first match at or after `start` in valid UTF-8 `subject`.
    func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch) -> MatchOutcome {
        let rc = pcre2_match_8(code, subject.baseAddress, subject.count, start, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, scratch.context)
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        guard rc >= 0 else { return .failure(code: rc, message: PCRE2Error.message(rc)) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        return .match(Int(ovector[0])..<Int(ovector[1]))
    }

    /// Every non-overlapping match (at most `limit`), or the error that stopped the search.
    func allMatches(in subject: UnsafeBufferPointer<UInt8>, limit: Int, scratch: MatchScratch) -> (ranges: [Range<Int>], failure: MatchOutcome?) {
        var ranges: [Range<Int>] = []
        var start = 0
        while start <= subject.count && ranges.count < limit {
            switch firstMatch(in: subject, from: start, scratch: scratch) {
            case .noMatch:
                return (ranges, nil)
            case .failure(let code, let message):
                return (ranges, .failure(code: code, message: message))
            case .match(let range):
                ranges.append(range)
                start = range.isEmpty ? nextScalarStart(in: subject, after: range.upperBound) : range.upperBound
            }
        }
        return (ranges, nil)
    }

    private func nextScalarStart(in subject: UnsafeBufferPointer<UInt8>, after index: Int) -> Int {
        var next = index + 1
        while next < subject.count && subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}

extension CompiledPattern {
    var handle: PatternHandle { PatternHandle(code: code) }

    func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch) -> MatchOutcome {
        handle.firstMatch(in: subject, from: start, scratch: scratch)
    }

    func allMatches(in subject: UnsafeBufferPointer<UInt8>, limit: Int, scratch: MatchScratch) -> (ranges: [Range<Int>], failure: MatchOutcome?) {
        handle.allMatches(in: subject, limit: limit, scratch: scratch)
    }
}

enum PCRE2Error {
    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}
