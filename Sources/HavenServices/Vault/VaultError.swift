/// A failure of Haven's key vault: a key-encryption key that cannot be used, or a sealed value that does not open.
///
/// Descriptions name keys by their key id and secrets by project, name and version; never a key or a value.
public struct VaultError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this was.
    public enum Code: String, Sendable {
        /// The key file can be read by its group or by others.
        case keyFileUnsafe
        /// The key file could not be read or written.
        case keyFileUnreadable
        /// The key is not 32 bytes of base64.
        case keyInvalid
        /// A data key was wrapped under a key-encryption key this server does not hold.
        case keyUnknown
        /// A sealed value or wrapped key did not authenticate: altered, moved to another row, or a wrong key.
        case sealedValueRefused
    }

    public var code: Code
    public var message: String
    public var file: String
    public var line: Int

    /// Makes an error; `file` and `line` default to the caller's location.
    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "\(code.rawValue): \(message) (at \(file):\(line))" }
}
