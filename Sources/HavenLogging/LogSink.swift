import Foundation
import Synchronization

/// Where log lines go: a level threshold, a format, and one writer shared by every logger made from it.
///
/// Lines are written whole under a lock so that concurrent loggers never interleave bytes.
public final class LogSink: Sendable {
    /// How each line is laid out.
    public enum Format: String, Sendable {
        /// `2026-12-03T12:00:00.000Z info  message key=value`, for a person at a terminal.
        case text
        /// One JSON object per line, for machines.
        case json
    }

    public let level: LogLevel
    public let format: Format
    private let write: @Sendable (String) -> Void
    private let lock = Mutex(())

    /// Makes a sink that writes lines at `level` and above through `write` (standard error by default).
    public init(level: LogLevel, format: Format, write: (@Sendable (String) -> Void)? = nil) {
        self.level = level
        self.format = format
        self.write = write ?? { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    func emit(level: LogLevel, label: String, message: StaticString, metadata: [(LogKey, String)]) {
        guard level >= self.level else { return }
        let line =
            format == .json
            ? LogLine.json(level: level, label: label, message: "\(message)", metadata: metadata)
            : LogLine.text(level: level, label: label, message: "\(message)", metadata: metadata)
        lock.withLock { _ in write(line) }
    }
}
