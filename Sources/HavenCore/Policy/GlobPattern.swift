/// A name or path pattern: `*` matches any run of characters (within one path segment for paths), `**` any run of
/// segments in a path, every other character itself.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// Whether `/` separates segments that a single `*` does not cross.
    public let isPath: Bool
    private let bytes: [UInt8]

    public init(_ text: String, isPath: Bool = false) {
        self.text = text
        self.isPath = isPath
        self.bytes = Array(text.utf8)
    }

    public var description: String { text }

    /// Whether the pattern has no wildcard, so that it names exactly one thing.
    public var isLiteral: Bool { !bytes.contains(Self.star) }

    /// Whether `value` matches the whole pattern.
    public func matches(_ value: String) -> Bool {
        if isLiteral { return value == text }
        var value = value
        return value.withUTF8 { valueBytes in
            bytes.withUnsafeBufferPointer { patternBytes in
                Self.match(patternBytes, 0, valueBytes, 0, isPath: isPath)
            }
        }
    }

    private static let star = UInt8(ascii: "*")
    private static let slash = UInt8(ascii: "/")

    private static func match(
        _ pattern: UnsafeBufferPointer<UInt8>, _ patternStart: Int, _ value: UnsafeBufferPointer<UInt8>,
        _ valueStart: Int, isPath: Bool
    ) -> Bool {
        var p = patternStart
        var v = valueStart
        // Literal characters match one for one until the next star.
        while p < pattern.count, pattern[p] != star {
            guard v < value.count, value[v] == pattern[p] else { return false }
            p += 1
            v += 1
        }
        guard p < pattern.count else { return v == value.count }
        let isDouble = p + 1 < pattern.count && pattern[p + 1] == star
        let rest = p + (isDouble ? 2 : 1)
        // `**/` also matches no folder at all, so that `a/**/z` matches `a/z`.
        if isDouble, rest < pattern.count, pattern[rest] == slash,
            match(pattern, rest + 1, value, v, isPath: isPath)
        {
            return true
        }
        let crossesSlash = !isPath || isDouble
        while true {
            if match(pattern, rest, value, v, isPath: isPath) { return true }
            guard v < value.count, crossesSlash || value[v] != slash else { return false }
            v += 1
        }
    }
}
