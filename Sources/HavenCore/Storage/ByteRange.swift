/// One byte range of an HTTP `Range` header (`bytes=FIRST-LAST`, `bytes=FIRST-` or `bytes=-SUFFIX`), resolved
/// against an object's size.
public enum ByteRange {
    /// What a `Range` header asks of an object of `size` bytes.
    public enum Resolution: Equatable, Sendable {
        /// No usable header: send the whole object with 200.
        case whole
        /// Send these bytes with 206.
        case partial(Range<Int64>)
        /// The range lies outside the object: answer 416.
        case unsatisfiable
        /// The header is malformed or asks for several ranges; the message says what is wrong.
        case invalid(String)
    }

    /// Resolves `header` (nil when absent) for an object of `size` bytes.
    public static func resolve(_ header: String?, size: Int64) -> Resolution {
        guard let header else { return .whole }
        guard header.hasPrefix("bytes="), !header.contains(",") else {
            return .invalid("Range `\(header)` is not one `bytes=FIRST-LAST` range; ask for one range at a time")
        }
        let spec = header.dropFirst("bytes=".count)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .invalid("Range `\(header)` has no `-`; write `bytes=FIRST-LAST`") }
        let first = parts[0].isEmpty ? nil : Int64(parts[0])
        let last = parts[1].isEmpty ? nil : Int64(parts[1])
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, true):
            return .invalid("Range `\(header)` gives neither end; write `bytes=FIRST-LAST`")
        case (true, false):
            guard let suffix = last, suffix >= 0 else { return .invalid("Range `\(header)` has a bad suffix length") }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .partial(max(0, size - suffix)..<size)
        default:
            guard let first, first >= 0, parts[1].isEmpty || last != nil else {
                return .invalid("Range `\(header)` has a position that is not a whole number")
            }
            guard first < size else { return .unsatisfiable }
            let end = min(last.map { $0 + 1 } ?? size, size)
            guard end > first else { return .invalid("Range `\(header)` ends before it starts") }
            return .partial(first..<end)
        }
    }
}
