/// A named logger with metadata that rides on every line it writes.
///
/// Messages are constant strings; whatever varies goes into metadata under a ``LogKey``.
/// Libraries log at debug and trace; the executable's sink decides what reaches the output.
public struct Logger: Sendable {
    public let label: String
    public private(set) var metadata: [(LogKey, String)]
    private let sink: LogSink

    /// Makes a logger named `label` that writes to `sink`.
    public init(label: String, sink: LogSink) {
        self.label = label
        self.metadata = []
        self.sink = sink
    }

    /// A logger that drops every line, for tests and callers that do not care.
    public static let disabled = Logger(label: "disabled", sink: LogSink(level: .error, format: .text) { _ in })

    /// A copy of this logger that adds `value` under `key` to every line.
    public func with(_ key: LogKey, _ value: String) -> Logger {
        var copy = self
        copy.metadata.removeAll { $0.0 == key }
        copy.metadata.append((key, value))
        return copy
    }

    /// A copy of this logger under another name, sharing the sink and metadata.
    public func named(_ label: String) -> Logger {
        var copy = Logger(label: label, sink: sink)
        copy.metadata = metadata
        return copy
    }

    public func log(_ level: LogLevel, _ message: StaticString, _ extra: [LogKey: String] = [:]) {
        guard level >= sink.level else { return }
        let merged = metadata + extra.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
        sink.emit(level: level, label: label, message: message, metadata: merged)
    }

    public func trace(_ message: StaticString, _ extra: [LogKey: String] = [:]) { log(.trace, message, extra) }
    public func debug(_ message: StaticString, _ extra: [LogKey: String] = [:]) { log(.debug, message, extra) }
    public func info(_ message: StaticString, _ extra: [LogKey: String] = [:]) { log(.info, message, extra) }
    public func notice(_ message: StaticString, _ extra: [LogKey: String] = [:]) { log(.notice, message, extra) }
    public func warning(_ message: StaticString, _ extra: [LogKey: String] = [:]) { log(.warning, message, extra) }
    public func error(_ message: StaticString, _ extra: [LogKey: String] = [:]) { log(.error, message, extra) }
}
