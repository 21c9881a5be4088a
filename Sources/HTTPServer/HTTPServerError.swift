/// Why an ``HTTPServer`` could not be configured, started or stopped.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this was.
    public enum Code: String, Sendable {
        /// A configuration value is out of range or inconsistent.
        case invalidConfiguration
        /// A TLS certificate or key file could not be read.
        case tlsFileUnreadable
        /// The daemon could not start, usually because the address or port is taken.
        case startFailed
        /// ``HTTPServer/start()`` was called on a server that is running or has been shut down.
        case invalidState
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
