import HavenTestSupport
import PostgresClient

/// Pools on a fresh database per test, so tests never see each other's tables.
enum TestPools {
    static func make(maximumConnections: Int = 4, acquireTimeout: Duration = .seconds(10)) async throws
        -> PostgresPool
    {
        let connectionString = try await TestDatabase.makeDatabase()
        return PostgresPool(
            PostgresConfiguration(
                connectionString: connectionString, maximumConnections: maximumConnections,
                acquireTimeout: acquireTimeout))
    }
}
