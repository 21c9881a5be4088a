/// Why a YAML text could not be read, with the place in the text.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var mark: YAMLMark

    public init(_ message: String, at mark: YAMLMark) {
        self.message = message
        self.mark = mark
    }

    public var description: String { "line \(mark.line), column \(mark.column): \(message)" }
}
