import Foundation
import HavenTestSupport
import PostgresClient
import Testing

@Suite(.timeLimit(.minutes(5))) struct MigrateTests {
    @Test func twoConcurrentMigrateRunsBothSucceedAndApplyOnce() async throws {
        let database = try await TestDatabase.makeDatabase()
        let environment = ["HAVEN_DATABASE_URL": database, "HAVEN_MIGRATIONS_DIR": Repository.migrations.path]
        async let first = HavenProcess.run(["migrate"], environment: environment)
        async let second = HavenProcess.run(["migrate"], environment: environment)
        let results = try await [first, second]
        #expect(results.map(\.status) == [0, 0])

        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.migrations.path)
            .filter { $0.hasSuffix(".sql") }
        let pool = PostgresPool(PostgresConfiguration(connectionString: database, maximumConnections: 1))
        let rows = try await pool.query("SELECT count(*) AS applied FROM haven_migrations")
        #expect(try rows[0].decode("applied", as: Int.self) == files.count)
        await pool.close()
        // One run applied everything; the other found the database current.
        #expect(results.filter { $0.stdout.contains("The database is current.") }.count == 1)
    }
}
