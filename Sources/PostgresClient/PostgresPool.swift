import HavenLogging
import Synchronization

/// A bounded set of PostgreSQL connections, opened lazily and lent to one caller at a time.
///
/// A caller beyond ``PostgresConfiguration/maximumConnections`` waits in line up to
/// ``PostgresConfiguration/acquireTimeout``. A connection comes back rolled back to a clean state; one whose
/// session broke is closed and its place given to the next caller.
public final class PostgresPool: Sendable {
    typealias Waiter = PoolWaiter<PostgresConnection>
    typealias State = PoolStateMachine<PostgresConnection, Waiter>

    let configuration: PostgresConfiguration
    let logger: Logger
    private let state: Mutex<State>
    private let nextWaiterID = Atomic<Int>(0)
    /// The sleeping task that will time out each waiting caller, cancelled as soon as the caller is served.
    private let timeouts = Mutex<[Int: Task<Void, Never>]>([:])

    /// Makes a pool; no connection is opened until the first caller needs one.
    public init(_ configuration: PostgresConfiguration, logger: Logger = .disabled) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(State(maximum: configuration.maximumConnections))
    }

    /// Runs `sql` on a pooled connection and returns every row.
    public func query(_ sql: String, _ parameters: [any PostgresBindable] = []) async throws -> [PostgresRow] {
        try await withConnection { try await $0.query(sql, parameters) }
    }

    /// Runs `sql` on a pooled connection and returns how many rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresBindable] = []) async throws -> Int {
        try await withConnection { try await $0.execute(sql, parameters) }
    }

    /// Lends one connection to `body` for its whole run, then takes it back, whether `body` throws or not.
    ///
    /// - Parameters:
    ///   - isolation: The caller's actor, filled in by the compiler, so that `body` may touch its state.
    ///   - body: Work on the connection; a transaction it leaves open is rolled back when it returns.
    public func withConnection<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes idle connections, fails every waiting caller, and closes lent connections as they come back.
    public func close() async {
        let (connections, waiters) = state.withLock { $0.close() }
        for waiter in waiters {
            timeouts.withLock { $0.removeValue(forKey: waiter.id) }?.cancel()
            waiter.continuation.resume(
                throwing: PostgresError(.poolClosed, "the PostgreSQL pool was closed while waiting"))
        }
        for connection in connections { await connection.close() }
        logger.debug("closed PostgreSQL pool", [.count: String(connections.count)])
    }

    /// Borrows a connection: an idle one, a new one, or the next one returned within the acquire timeout.
    func acquire() async throws -> PostgresConnection {
        switch try await lease() {
        case .connection(let connection):
            return connection
        case .openNew:
            do {
                return try await PostgresConnection.connect(configuration.connectionString, logger: logger)
            } catch {
                perform(state.withLock { $0.openFailed() })
                throw error
            }
        }
    }

    /// Gives a borrowed connection back, resetting it or replacing it if its session broke.
    func release(_ connection: PostgresConnection) async {
        let reusable = await connection.resetForReuse()
        if !reusable { logger.debug("discarding broken PostgreSQL connection") }
        perform(state.withLock { $0.release(connection, reusable: reusable) })
    }

    private func lease() async throws -> PoolLease<PostgresConnection> {
        try Task.checkCancellation()
        let id = nextWaiterID.add(1, ordering: .relaxed).newValue

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let waiter = Waiter(id: id, continuation: continuation)
                switch state.withLock({ $0.acquire(id: id, waiter: waiter) }) {
                case .lease(let lease):
                    continuation.resume(returning: lease)
                case .refuse:
                    continuation.resume(
                        throwing: PostgresError(.poolClosed, "the PostgreSQL pool is closed; make a new pool"))
                case .wait:
                    scheduleTimeout(for: id)
                    // A cancellation that came before the waiter joined the line found nobody to cancel.
                    if Task.isCancelled { abandon(id, with: CancellationError()) }
                }
            }
        } onCancel: {
            abandon(id, with: CancellationError())
        }
    }

    /// Fails the caller `id` with `error` if it is still in line; a caller already served is left alone.
    private func abandon(_ id: Int, with error: any Error) {
        guard let waiter = state.withLock({ $0.abandon(id: id) }) else { return }
        timeouts.withLock { $0.removeValue(forKey: id) }?.cancel()
        waiter.continuation.resume(throwing: error)
    }

    private func scheduleTimeout(for id: Int) {
        let timeout = configuration.acquireTimeout
        let task = Task { [self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            timeouts.withLock { _ = $0.removeValue(forKey: id) }
            let (waiter, busy) = state.withLock { ($0.abandon(id: id), $0.leased) }
            guard let waiter else { return }
            logger.debug("timed out waiting for a PostgreSQL connection", [.count: String(busy)])
            waiter.continuation.resume(throwing: poolTimeoutError(busy: busy))
        }
        timeouts.withLock { $0[id] = task }
    }

    private func poolTimeoutError(busy: Int) -> PostgresError {
        let seconds =
            Double(configuration.acquireTimeout.components.seconds)
            + Double(configuration.acquireTimeout.components.attoseconds) / 1e18
        return PostgresError(
            .poolTimeout,
            "no PostgreSQL connection became free within \(seconds) s: all \(busy) of "
                + "\(configuration.maximumConnections) connections were busy; raise "
                + "PostgresConfiguration.maximumConnections or acquireTimeout, or hold connections for less time")
    }

    private func perform(_ action: State.ReturnAction) {
        if let connection = action.close {
            Task { await connection.close() }
        }
        if let (waiter, lease) = action.handOver {
            timeouts.withLock { $0.removeValue(forKey: waiter.id) }?.cancel()
            waiter.continuation.resume(returning: lease)
        }
    }
}
