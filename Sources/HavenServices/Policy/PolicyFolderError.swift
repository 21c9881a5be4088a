/// A policy folder that cannot be read.
public struct PolicyFolderError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}
