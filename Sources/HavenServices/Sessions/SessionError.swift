/// Why a session's gateway, app or tunnel could not do what was asked; the text is for the user.
public struct SessionError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
