import HavenLogging
import PostgresClient

/// `haven migrate`: applies pending migrations to Haven's database and stops an embedded cluster it started.
public enum Migrations {
    /// Applies what is pending and returns the names applied now.
    public static func apply(_ configuration: ServerConfiguration, logger: Logger) async throws -> [String] {
        let (pool, cluster) = try await DatabaseConnector(configuration: configuration, logger: logger).connect()
        defer { try? cluster?.stop() }
        let applied = try await Migrator(directory: configuration.migrationsDirectory, pool: pool, logger: logger)
            .migrate()
        await pool.close()
        return applied.map(\.name)
    }
}
