import Dispatch
import HavenLogging

/// One PostgreSQL session; its blocking libpq calls run on a serial queue of its own, never on the
/// cooperative pool, and calls made at the same time run one after another.
public final class PostgresConnection: Sendable {
    let session: Session
    let queue: DispatchQueue
    let logger: Logger

    private init(session: Session, queue: DispatchQueue, logger: Logger) {
        self.session = session
        self.queue = queue
        self.logger = logger
    }

    /// Opens a session to the server named by `connectionString` (conninfo or `postgres://` URL).
    ///
    /// - Throws: ``PostgresError/Code/connectionFailed`` if the server cannot be reached or refuses the login.
    public static func connect(_ connectionString: String, logger: Logger = .disabled) async throws
        -> PostgresConnection
    {
        let queue = DispatchQueue(label: "haven.postgres.connection")
        let session = try await perform(on: queue) { Session(try LibPQConnection(connectionString: connectionString)) }
        logger.trace("opened PostgreSQL connection")
        return PostgresConnection(session: session, queue: queue, logger: logger)
    }

    /// Runs `sql` with `parameters` bound to `$1`, `$2`, ... and returns every row.
    public func query(_ sql: String, _ parameters: [any PostgresBindable] = []) async throws -> [PostgresRow] {
        try await run(sql, parameters).rows
    }

    /// Runs `sql` with `parameters` bound to `$1`, `$2`, ... and returns how many rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresBindable] = []) async throws -> Int {
        try await run(sql, parameters).affectedRows
    }

    /// The server process serving this session.
    public var backendProcessID: Int32 {
        get async {
            (try? await withSession { $0.backendProcessID }) ?? 0
        }
    }

    /// Ends the session; later calls throw ``PostgresError/Code/connectionFailed``.
    public func close() async {
        _ = try? await withSession { $0.finish() }
        logger.trace("closed PostgreSQL connection")
    }

    /// Runs statements that may be several and take no parameters, such as a migration file.
    func executeScript(_ sql: String) async throws {
        try await withSession { try $0.executeScript(sql) }
    }

    /// Readies the session for its next borrower: rolls back a transaction left open or aborted, and says
    /// whether the session can be reused at all.
    func resetForReuse() async -> Bool {
        let reusable = try? await withSession { connection -> Bool in
            guard connection.isConnected else { return false }
            switch connection.transactionState {
            case .idle:
                return true
            case .inTransaction, .failedTransaction:
                try connection.executeScript("ROLLBACK")
                return connection.transactionState == .idle
            case .unknown:
                return false
            }
        }
        return reusable ?? false
    }

    /// Runs `work` with the libpq session on this connection's queue.
    func withSession<T: Sendable>(_ work: @escaping @Sendable (LibPQConnection) throws -> T) async throws -> T {
        let session = self.session
        return try await Self.perform(on: queue) { try work(session.connection) }
    }

    private func run(_ sql: String, _ parameters: [any PostgresBindable]) async throws -> LibPQResult {
        let values = parameters.map(\.postgresValue)
        logger.trace("running PostgreSQL statement", [.count: String(values.count)])
        return try await withSession { try $0.execute(sql, values) }
    }

    private static func perform<T: Sendable>(
        on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}

extension PostgresConnection {
    /// Carries the libpq session into the queue's closures.
    ///
    /// `@unchecked Sendable` is safe because the session is only touched on the connection's serial queue,
    /// which runs one closure at a time.
    final class Session: @unchecked Sendable {
        let connection: LibPQConnection

        init(_ connection: LibPQConnection) {
            self.connection = connection
        }
    }
}
