/// A failure inside OpenSSL, with the operation that failed and where in Haven it was asked for.
public struct HavenCryptoError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this was.
    public enum Code: String, Sendable {
        /// OpenSSL could not allocate or initialise a context; the process is probably out of memory.
        case contextUnavailable
        /// An OpenSSL call reported failure.
        case operationFailed
        /// A key had the wrong length or was refused by OpenSSL.
        case invalidKey
        /// A key, nonce or sealed box had the wrong shape.
        case invalidInput
        /// A sealed box did not authenticate: it was altered, or the key or associated data is wrong.
        case authenticationFailed
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
