/// The text of a message body: walks the MIME tree (multipart parts, forwarded messages),
/// keeps the readable parts (text/plain preferred over text/html in an alternative;
/// attachments left out), and decodes each through transfer encoding -> charset -> (for
/// HTML) visible text, composing the maps so every byte still points into the source.
struct MIMEBody {
    /// The parts' text, one per line.
    var text = DecodedText()
    /// The charset each text part was read as (`UTF-8`, `ISO-8859-1`, `KOI8-R (detected)`).
    var charsets: [String] = []
    /// What could not be read fully (a multipart cut short), for the reader to report.
    var problems: [String] = []

    /// Multipart nesting deeper than this is not followed (its text is not read).
    static let maximumDepth = 16

    init(_ bytes: UnsafeBufferPointer<UInt8>, headers: MIMEHeaders, body: Range<Int>) {
        read(bytes, headers: headers, body: body, depth: 0)
    }

    private init() {}

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, headers: MIMEHeaders, body: Range<Int>, depth: Int) {
        let type = headers.parameters("content-type") ?? ("text/plain", [:])
        let mediaType = type.value.isEmpty ? "text/plain" : type.value
        if mediaType.hasPrefix("multipart/") {
            guard depth < Self.maximumDepth else {
                problems.append("MIME parts nested deeper than \(Self.maximumDepth) levels were not read")
                return
            }
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
                // Without a boundary the parts cannot be told apart: read it all as text.
                problems.append("\(mediaType) without a boundary, read as plain text")
                appendLeaf(bytes, headers: headers, body: body, mediaType: "text/plain")
                return
            }
            let split = Self.splitMultipart(bytes, body, boundary: boundary)
            if !split.closed {
                problems.append("\(mediaType) body ends without its closing boundary (truncated?); the parts before were read")
            }
            let children = split.parts.map { (headers: MIMEHeaders(bytes, range: $0), range: $0) }
            if mediaType == "multipart/alternative" {
                // The same content in several renderings: the first one that yields text, plain first.
                let ordered = children.sorted { Self.preference($0.headers) < Self.preference($1.headers) }
                for child in ordered {
                    var attempt = MIMEBody()
                    attempt.read(bytes, headers: child.headers, body: child.headers.bodyStart..<child.range.upperBound, depth: depth + 1)
                    problems += attempt.problems
                    guard !attempt.text.bytes.isEmpty else { continue }
                    ExportDocuments.append(attempt.text, to: &text, separator: [0x0A])
                    charsets += attempt.charsets
                    return
                }
            } else {
                for child in children {
                    read(bytes, headers: child.headers, body: child.headers.bodyStart..<child.range.upperBound, depth: depth + 1)
                }
            }
            return
        }
        if mediaType == "message/rfc822" && depth < Self.maximumDepth {
            // A forwarded message: its subject and body are part of this one's text.
            let inner = MIMEHeaders(bytes, range: body)
            if let subject = inner.first("subject") {
                ExportDocuments.append(MIMEHeaders.decodeEncodedWords(subject), to: &text, separator: [0x0A])
            }
            read(bytes, headers: inner, body: inner.bodyStart..<body.upperBound, depth: depth + 1)
            return
        }
        if headers.parameters("content-disposition")?.value == "attachment" { return }
        guard mediaType == "text/plain" || mediaType == "text/html" || mediaType == "text" else { return }
        appendLeaf(bytes, headers: headers, body: body, mediaType: mediaType)
    }

    /// One text part: transfer decoding, charset, HTML stripped.
    private mutating func appendLeaf(_ bytes: UnsafeBufferPointer<UInt8>, headers: MIMEHeaders, body: Range<Int>, mediaType: String) {
        let decoded: DecodedText
        switch headers.parameters("content-transfer-encoding")?.value ?? "" {
        case "quoted-printable": decoded = MIMEDecoding.quotedPrintable(bytes, body)
        case "base64": decoded = MIMEDecoding.base64(bytes, body)
        default: decoded = ExportDocuments.exact(bytes, body)    // 7bit, 8bit, binary: as they are
        }
        let converted = MIMEDecoding.toUTF8(decoded, charset: headers.parameters("content-type")?.parameters["charset"])
        var part = converted.text
        if mediaType == "text/html" {
            let visible = part.bytes.withUnsafeBufferPointer { HTMLReader.visibleText($0) }
            part = DecodedText(bytes: visible.text, map: visible.map.composed(with: part.map))
        }
        part = ExportDocuments.trimmed(part)
        guard !part.bytes.isEmpty else { return }
        charsets.append(converted.charset)
        ExportDocuments.append(part, to: &text, separator: [0x0A])
    }

    /// Lower is preferred in an alternative: plain text, then nested parts, then HTML.
    private static func preference(_ headers: MIMEHeaders) -> Int {
        let type = headers.parameters("content-type")?.value ?? "text/plain"
        if type == "text/plain" || type.isEmpty { return 0 }
        if type.hasPrefix("multipart/") { return 1 }
        if type == "text/html" { return 2 }
        return 3
    }

    /// The parts between `--boundary` lines (each part's range excludes the line break
    /// before the next delimiter); `closed` when the `--boundary--` line was found.
    static func splitMultipart(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, boundary: String) -> (parts: [Range<Int>], closed: Bool) {
        let marker = Array(("--" + boundary).utf8)
        var parts: [Range<Int>] = []
        var partStart: Int?
        var index = range.lowerBound
        while index < range.upperBound {
            let line = MIMEHeaders.lineEnd(bytes, from: index, limit: range.upperBound)
            if line.contentEnd - index >= marker.count, (0..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }) {
                let rest = index + marker.count
                let closing = rest + 2 <= line.contentEnd && bytes[rest] == UInt8(ascii: "-") && bytes[rest + 1] == UInt8(ascii: "-")
                let padded = (rest..<line.contentEnd).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
                if closing || padded {
                    if let start = partStart {
                        var end = index
                        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
                        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                        parts.append(start..<end)
                    }
                    if closing { return (parts, true) }
                    partStart = line.next
                }
            }
            index = line.next
        }
        if let start = partStart, start < range.upperBound { parts.append(start..<range.upperBound) }
        return (parts, false)
    }
}
