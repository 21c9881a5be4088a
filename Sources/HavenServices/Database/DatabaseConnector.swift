import Dispatch
import Foundation
import HavenLogging
import PostgresClient

/// Finds Haven's database: the configured URL, or a database in the embedded cluster under Haven's home.
struct DatabaseConnector: Sendable {
    let configuration: ServerConfiguration
    let logger: Logger

    /// A pool on the database named `name` (created in the embedded cluster when missing), and the embedded
    /// cluster's handle when Haven started one.
    func connect(database name: String = "haven", fresh: Bool = false) async throws
        -> (PostgresPool, EmbeddedPostgres.Handle?)
    {
        if let url = configuration.databaseURL {
            let pool = PostgresPool(
                PostgresConfiguration(connectionString: url, maximumConnections: configuration.databaseConnections),
                logger: logger)
            return (pool, nil)
        }
        let cluster = EmbeddedPostgres(directory: configuration.home.appending(path: "postgres"), logger: logger)
        // Starting a cluster blocks for seconds; it runs on a Dispatch thread, not on a cooperative one.
        let handle = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "haven.postgres.start").async {
                continuation.resume(with: Result { try cluster.start() })
            }
        }
        try await createDatabase(name, server: handle.connectionString, dropFirst: fresh)
        let pool = PostgresPool(
            PostgresConfiguration(
                connectionString: handle.connectionString + " dbname=" + name,
                maximumConnections: configuration.databaseConnections),
            logger: logger)
        return (pool, handle)
    }

    /// Creates the database `name` when it is missing (after dropping it when `dropFirst`).
    private func createDatabase(_ name: String, server: String, dropFirst: Bool) async throws {
        // CREATE and DROP DATABASE take no parameters; the name is one of Haven's own constants, checked here.
        precondition(name.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") })
        let admin = PostgresPool(PostgresConfiguration(connectionString: server, maximumConnections: 1), logger: logger)
        defer { Task { await admin.close() } }
        if dropFirst {
            try await admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
        }
        let existing = try await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
        if existing.isEmpty {
            try await admin.execute("CREATE DATABASE " + name)
            logger.info("database created", [.database: name])
        }
    }
}
