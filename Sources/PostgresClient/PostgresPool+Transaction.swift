import HavenLogging

extension PostgresPool {
    /// Runs `body` inside `BEGIN ISOLATION LEVEL ...` / `COMMIT` on one connection, rolling back if it throws.
    ///
    /// On a serialization failure (SQLSTATE 40001) or deadlock (40P01) the whole body runs again, up to
    /// `maxAttempts` times in all, after a short random pause; `body` must therefore be safe to repeat.
    public func transaction<T: Sendable>(
        isolation level: PostgresIsolation = .readCommitted, maxAttempts: Int = 5,
        callerIsolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    try await connection.transaction(level, body)
                }
            } catch let error as PostgresError where error.isTransactionConflict && attempt < maxAttempts {
                logger.debug(
                    "retrying PostgreSQL transaction after a conflict",
                    [.sqlState: error.sqlState ?? "", .count: String(attempt)])
                try await Task.sleep(for: Self.backoff(attempt: attempt))
                attempt += 1
            }
        }
    }

    /// A pause that grows with each attempt and is randomised so that two retrying transactions drift apart.
    static func backoff(attempt: Int) -> Duration {
        let ceiling = 10 * (1 << min(attempt, 6))
        return .milliseconds(Int.random(in: ceiling / 2...ceiling))
    }
}

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`, or `ROLLBACK` if anything throws, the commit included.
    func transaction<T: Sendable>(
        _ level: PostgresIsolation, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await executeScript("BEGIN ISOLATION LEVEL \(level.sql)")
        do {
            let result = try await body(self)
            try await commit()
            return result
        } catch {
            // The rollback's own failure matters less than the error that caused it; a broken session is
            // discarded when the pool takes the connection back.
            try? await executeScript("ROLLBACK")
            throw error
        }
    }
}

extension PostgresConnection {
    /// Commits, refusing to report success for a transaction that an earlier, caught error had aborted:
    /// the server answers such a `COMMIT` with a silent rollback.
    fileprivate func commit() async throws {
        try await withSession { connection in
            guard connection.transactionState != .failedTransaction else {
                throw PostgresError(
                    .server,
                    "the transaction was aborted by an earlier error that the body caught; nothing was committed",
                    sqlState: "25P02", query: "COMMIT")
            }
            try connection.executeScript("COMMIT")
        }
    }
}
