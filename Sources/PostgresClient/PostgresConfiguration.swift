/// How to reach PostgreSQL and how many connections a ``PostgresPool`` may hold at once.
public struct PostgresConfiguration: Sendable {
    /// A libpq conninfo string (`host=/run/haven dbname=haven`) or a `postgres://` URL.
    ///
    /// It may hold a password, so Haven never logs it or puts it in an error.
    public var connectionString: String

    /// The most connections the pool keeps open at once; callers beyond it wait. Default 10.
    public var maximumConnections: Int

    /// How long a caller waits for a free connection before it gets ``PostgresError/Code/poolTimeout``.
    /// Default 10 seconds.
    public var acquireTimeout: Duration

    /// Makes a configuration; `maximumConnections` below 1 is raised to 1.
    public init(connectionString: String, maximumConnections: Int = 10, acquireTimeout: Duration = .seconds(10)) {
        self.connectionString = connectionString
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
    }
}
