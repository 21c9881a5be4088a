import Foundation

/// Formats one log line in either of the sink's formats; secrets are replaced before formatting.
enum LogLine {
    static func text(level: LogLevel, label: String, message: String, metadata: [(LogKey, String)]) -> String {
        var line = "\(timestamp()) \(level.name.padding(toLength: 7, withPad: " ", startingAt: 0))[\(label)] \(message)"
        for (key, value) in metadata {
            line += " \(key.rawValue)=\(quoted(redacted(key, value)))"
        }
        return line + "\n"
    }

    static func json(level: LogLevel, label: String, message: String, metadata: [(LogKey, String)]) -> String {
        var object: [String: String] = ["time": timestamp(), "level": level.name, "logger": label, "message": message]
        for (key, value) in metadata {
            object[key.rawValue] = redacted(key, value)
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func redacted(_ key: LogKey, _ value: String) -> String {
        key.isSecret ? "***" : value
    }

    private static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.allSatisfy { !$0.isWhitespace && $0 != "\"" && $0 != "=" }
        if plain { return value }
        return "\""
            + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    private static func timestamp() -> String {
        Date.now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
