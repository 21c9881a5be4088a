import YAML

/// A policy file that cannot be used, with the file, line and column and what to change.
struct PolicyFileError: Error, Sendable, CustomStringConvertible {
    var file: String
    var mark: YAMLMark
    var message: String

    var description: String { "\(file):\(mark.line):\(mark.column): \(message)" }
}
