/// A configuration that stops the server from starting, with what to change.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
