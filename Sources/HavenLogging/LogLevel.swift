/// How much a log line matters; lines below the sink's level are dropped before they are formatted.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
    case trace
    case debug
    case info
    case notice
    case warning
    case error

    /// The level's name as written in log lines and accepted from `HAVEN_LOG_LEVEL`.
    public var name: String { String(describing: self) }

    /// Parses a level name such as `debug`; nil for anything else.
    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = level
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
