import Foundation
import HavenLogging

extension PostgresPool {
    /// How long the listening loop blocks on the socket before it checks whether it should stop.
    static let listenPollMilliseconds: Int32 = 100

    /// Starts listening on `channel` on a new session outside the pool's limit, and returns once `LISTEN`
    /// is in effect, so that every `NOTIFY` committed after the call returns is delivered.
    ///
    /// - Throws: ``PostgresError/Code/invalidArgument`` if `channel` is not letters, digits and underscores.
    public func listen(_ channel: String) async throws -> PostgresNotifications {
        let quoted = try PostgresChannel.quoted(channel)
        let connection = try await PostgresConnection.connect(configuration.connectionString, logger: logger)
        do {
            try await connection.executeScript("LISTEN \(quoted)")
        } catch {
            await connection.close()
            throw error
        }

        let signal = PostgresNotifications.StopSignal()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: PostgresNotification.self)
        continuation.onTermination = { _ in signal.stop() }
        connection.startListening(quotedChannel: quoted, signal: signal, continuation: continuation)
        logger.debug("listening for PostgreSQL notifications")
        return PostgresNotifications(stream: stream, subscription: PostgresNotifications.Subscription(signal))
    }

    /// Sends `payload` to every session listening on `channel`, when the surrounding transaction commits.
    public func notify(_ channel: String, payload: String) async throws {
        _ = try PostgresChannel.quoted(channel)
        try await execute("SELECT pg_notify($1, $2)", [channel, payload])
    }
}

extension PostgresConnection {
    /// Runs the listening loop on a thread of its own until `signal` stops it, then runs `UNLISTEN` and closes the
    /// session; nothing else uses this connection. A dedicated thread, not a dispatch queue: the loop lives as
    /// long as its server, and dispatch has a fixed number of threads that many long-lived loops would take up,
    /// leaving none for queries.
    func startListening(
        quotedChannel: String, signal: PostgresNotifications.StopSignal,
        continuation: AsyncThrowingStream<PostgresNotification, any Error>.Continuation
    ) {
        let session = self.session
        let logger = self.logger
        let thread = Thread {
            let connection = session.connection
            do {
                while !signal.isStopped {
                    if try connection.waitForInput(milliseconds: PostgresPool.listenPollMilliseconds) {
                        for notification in try connection.consumeNotifications() { continuation.yield(notification) }
                    }
                }
                try? connection.executeScript("UNLISTEN \(quotedChannel)")
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
            connection.finish()
            logger.debug("stopped listening for PostgreSQL notifications")
        }
        thread.name = "haven.postgres-listen"
        thread.start()
    }
}
