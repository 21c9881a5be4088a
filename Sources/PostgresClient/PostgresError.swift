/// The one error the PostgreSQL client throws: what failed, the server's SQLSTATE and message, and where.
///
/// The description never holds a parameter value or the connection string: the server's DETAIL line
/// (which echoes key values) is dropped, and parameter values quoted in a server message are masked.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Code: Sendable, Equatable {
        /// The server could not be reached, refused the login, or the connection broke.
        case connectionFailed
        /// The server rejected a statement; ``PostgresError/sqlState`` says why.
        case server
        /// No pooled connection became free within ``PostgresConfiguration/acquireTimeout``.
        case poolTimeout
        /// The pool was closed before or while the caller waited.
        case poolClosed
        /// A result value could not become the Swift type asked for.
        case decoding
        /// A migration file is malformed, was edited after it was applied, is missing, or failed.
        case migration
        /// A caller passed a value the client refuses before it reaches the server.
        case invalidArgument
        /// A private cluster could not be found, created, started or stopped.
        case embeddedServer
    }

    /// What kind of failure this is.
    public var code: Code
    /// The five-character SQLSTATE the server sent, such as `23505`.
    public var sqlState: String?
    /// The server's primary message, or the client's own explanation.
    public var message: String
    /// More context that never contains a parameter value; nil for server errors.
    public var detail: String?
    /// The SQL text that failed, without its parameters.
    public var query: String?
    /// The source file that raised the error.
    public var file: String
    /// The source line that raised the error.
    public var line: Int

    /// Makes an error; `file` and `line` default to the caller's location.
    public init(
        _ code: Code, _ message: String, sqlState: String? = nil, detail: String? = nil, query: String? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.query = query
        self.file = file
        self.line = line
    }

    /// Whether the failure is a serialization failure or deadlock, after which the whole transaction may be retried.
    public var isTransactionConflict: Bool {
        sqlState == "40001" || sqlState == "40P01"
    }

    public var description: String {
        var text = "PostgreSQL \(code)"
        if let sqlState { text += " \(sqlState)" }
        text += ": \(message)"
        if let detail { text += " (\(detail))" }
        if let query { text += "; query: \(Self.shortened(query))" }
        return text + " [\(file):\(line)]"
    }

    private static func shortened(_ query: String) -> String {
        let flat = query.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= 200 ? flat : flat.prefix(200) + "..."
    }
}
