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
        return Self.match(bytes[...], Array(value.utf8)[...], isPath: isPath)
    }

    private static let star = UInt8(ascii: "*")
    private static let slash = UInt8(ascii: "/")

    private static func match(_ pattern: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>, isPath: Bool) -> Bool {
        guard let first = pattern.first else { return value.isEmpty }
        guard first == star else {
            guard let head = value.first, head == first else { return false }
            return match(pattern.dropFirst(), value.dropFirst(), isPath: isPath)
        }
        let isDouble = pattern.dropFirst().first == star
        let rest = pattern.dropFirst(isDouble ? 2 : 1)
        // `**/` also matches no folder at all, so that `jobs/**/x` matches `jobs/x`.
        if isDouble, rest.first == slash, match(rest.dropFirst(), value, isPath: isPath) { return true }
        let crossesSlash = !isPath || isDouble
        var index = value.startIndex
        while true {
            if match(rest, value[index...], isPath: isPath) { return true }
            guard index < value.endIndex, crossesSlash || value[index] != slash else { return false }
            index += 1
        }
    }
}
