/// Splits a `multipart/related` body into its parts as bytes arrive, holding back no more than a boundary's
/// length of body, so a retrieve of any size streams straight to files.
///
/// Feed it chunks of any size; it reports each part's start (with its headers, names lower-cased), its body
/// bytes, and its end. Bytes before the first boundary (the preamble) and after the closing one are ignored.
public struct MultipartSplitter: Sendable {
    public enum Event: Sendable, Equatable {
        case partStart(headers: [String: String])
        case body([UInt8])
        case partEnd
    }

    public enum SplitError: Error, Sendable, Equatable {
        /// The body ended before the closing boundary.
        case truncated
        /// A part's headers ran past the limit without the blank line that ends them.
        case headersTooLong
    }

    private enum State {
        case preamble, delimiter, headers, body, done
    }

    /// The part headers' largest accepted size.
    static let headerLimit = 16 << 10

    private let delimiter: [UInt8]
    private var buffer: [UInt8] = []
    private var state = State.preamble

    /// A splitter for parts separated by `boundary` (the `boundary` parameter of the body's content type).
    public init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary may open the body without a line break before it.
        buffer = Array("\r\n".utf8)
    }

    /// Whether the closing boundary has been seen.
    public var isFinished: Bool { state == .done }

    /// Takes the next chunk of the body and returns what it completed.
    public mutating func feed(_ chunk: [UInt8]) throws(SplitError) -> [Event] {
        guard state != .done else { return [] }
        buffer += chunk
        var events: [Event] = []
        while try step(&events) {}
        return events
    }

    /// Ends the body; throws when it stopped before the closing boundary.
    public func finish() throws(SplitError) {
        guard state == .done else { throw .truncated }
    }

    /// Makes one move through the buffer; false when it needs more bytes.
    private mutating func step(_ events: inout [Event]) throws(SplitError) -> Bool {
        switch state {
        case .preamble:
            guard let found = find(delimiter) else {
                buffer.removeFirst(max(0, buffer.count - delimiter.count))
                return false
            }
            buffer.removeFirst(found + delimiter.count)
            state = .delimiter
            return true
        case .delimiter:
            return afterDelimiter()
        case .headers:
            guard let end = find(Array("\r\n\r\n".utf8)) else {
                if buffer.count > Self.headerLimit { throw .headersTooLong }
                return false
            }
            events.append(.partStart(headers: Self.headers(buffer[..<end])))
            buffer.removeFirst(end + 4)
            state = .body
            return true
        case .body:
            guard let found = find(delimiter) else {
                let safe = buffer.count - delimiter.count
                if safe > 0 {
                    events.append(.body(Array(buffer[..<safe])))
                    buffer.removeFirst(safe)
                }
                return false
            }
            if found > 0 { events.append(.body(Array(buffer[..<found]))) }
            events.append(.partEnd)
            buffer.removeFirst(found + delimiter.count)
            state = .delimiter
            return true
        case .done:
            return false
        }
    }

    /// After a delimiter comes `--` (the end) or optional padding and a line break, then the next part's headers.
    private mutating func afterDelimiter() -> Bool {
        guard buffer.count >= 2 else { return false }
        if buffer[0] == UInt8(ascii: "-") && buffer[1] == UInt8(ascii: "-") {
            state = .done
            buffer = []
            return false
        }
        var cursor = 0
        while cursor < buffer.count && (buffer[cursor] == 0x20 || buffer[cursor] == 0x09) { cursor += 1 }
        guard cursor + 1 < buffer.count else { return false }
        buffer.removeFirst(cursor + 2)
        state = .headers
        return true
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        var index = 0
        while index <= buffer.count - needle.count {
            if buffer[index] == needle[0] && buffer[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    static func headers(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var headers: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
        }
        return headers
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
