import Foundation
import HavenTestSupport
import PostgresClient
import Testing

@Suite("The migrator applies numbered files once, in order, and refuses edited history")
struct MigratorTests {
    /// `printf 'CREATE TABLE widgets (id int PRIMARY KEY);\n' | sha256sum`
    static let createChecksum = "312f0ed01074c04cbf4676688d0b9351460a9cd458d34c4a739619d961ff80a5"
    /// `printf 'ALTER TABLE widgets ADD COLUMN name text;\n' | sha256sum`
    static let alterChecksum = "42c790035360541139b6f904325585a45ce30ed80a1b0dde43e9cdc71f198d39"

    @Test("migrations apply in numeric order with their checksums recorded, and a second run applies nothing")
    func appliesInOrderOnce() async throws {
        let folder = try MigrationFolder([
            // Named so that text order (10 before 2) and numeric order differ.
            "10_add_name.sql": "ALTER TABLE widgets ADD COLUMN name text;\n",
            "2_create_widgets.sql": "CREATE TABLE widgets (id int PRIMARY KEY);\n",
            "README.md": "not a migration",
        ])
        let pool = try await TestPools.make()
        let migrator = Migrator(directory: folder.url, pool: pool)

        let first = try await migrator.migrate()
        let second = try await migrator.migrate()
        let status = try await migrator.status()

        #expect(first.map(\.name) == ["2_create_widgets.sql", "10_add_name.sql"])
        #expect(second.isEmpty)
        #expect(status.isCurrent)
        let rows = try await pool.query("SELECT version, checksum FROM haven_migrations ORDER BY version")
        #expect(try rows.map { try $0.decode("version", as: Int.self) } == [2, 10])
        #expect(
            try rows.map { try $0.decode("checksum", as: String.self) } == [Self.createChecksum, Self.alterChecksum])
        try await pool.execute("INSERT INTO widgets (id, name) VALUES (1, 'gear')")
        await pool.close()
    }

    @Test("status lists pending migrations before a run")
    func statusShowsPending() async throws {
        let folder = try MigrationFolder(["0001_create.sql": "CREATE TABLE widgets (id int PRIMARY KEY);\n"])
        let pool = try await TestPools.make()

        let status = try await Migrator(directory: folder.url, pool: pool).status()

        #expect(status.applied.isEmpty)
        #expect(status.pending == [Migration(version: 1, name: "0001_create.sql", checksum: Self.createChecksum)])
        #expect(!status.isCurrent)
        await pool.close()
    }

    @Test("an applied migration whose file was edited is refused, naming the file")
    func editedMigrationIsRefused() async throws {
        let folder = try MigrationFolder([
            "0001_create.sql": "CREATE TABLE widgets (id int PRIMARY KEY);\n",
            "0002_alter.sql": "ALTER TABLE widgets ADD COLUMN name text;\n",
        ])
        let pool = try await TestPools.make()
        let migrator = Migrator(directory: folder.url, pool: pool)
        _ = try await migrator.migrate()

        try folder.write("0002_alter.sql", "ALTER TABLE widgets ADD COLUMN label text;\n")
        let error = try await #require(throws: PostgresError.self) { try await migrator.migrate() }

        #expect(error.code == .migration)
        #expect(error.message.contains("0002_alter.sql"))
        #expect(error.message.contains("add a new migration"))
        await pool.close()
    }

    @Test("an applied migration whose file is gone is refused")
    func missingMigrationIsRefused() async throws {
        let folder = try MigrationFolder(["0001_create.sql": "CREATE TABLE widgets (id int PRIMARY KEY);\n"])
        let pool = try await TestPools.make()
        let migrator = Migrator(directory: folder.url, pool: pool)
        _ = try await migrator.migrate()

        try FileManager.default.removeItem(at: folder.url.appending(path: "0001_create.sql"))
        let error = try await #require(throws: PostgresError.self) { try await migrator.status() }

        #expect(error.code == .migration)
        #expect(error.message.contains("0001_create.sql"))
        await pool.close()
    }

    @Test("a failing migration is rolled back whole and not recorded")
    func failingMigrationRollsBack() async throws {
        let folder = try MigrationFolder([
            "0001_half.sql": "CREATE TABLE half (id int);\nSELECT no_such_function();\n"
        ])
        let pool = try await TestPools.make()

        let error = try await #require(throws: PostgresError.self) {
            try await Migrator(directory: folder.url, pool: pool).migrate()
        }

        #expect(error.code == .migration)
        #expect(error.sqlState == "42883")
        let rows = try await pool.query(
            "SELECT to_regclass('half') IS NULL AS gone, (SELECT count(*) FROM haven_migrations) AS recorded")
        #expect(try rows[0].decode("gone", as: Bool.self))
        #expect(try rows[0].decode("recorded", as: Int.self) == 0)
        await pool.close()
    }

    @Test("two migrators racing on one database both succeed and the migration is applied exactly once")
    func racingMigratorsApplyOnce() async throws {
        let folder = try MigrationFolder([
            "0001_slow.sql": "SELECT pg_sleep(0.3);\nCREATE TABLE raced (id int);\n"
        ])
        let connectionString = try await TestDatabase.makeDatabase()
        let pools = (0..<2).map { _ in PostgresPool(PostgresConfiguration(connectionString: connectionString)) }

        async let first = Migrator(directory: folder.url, pool: pools[0]).migrate()
        async let second = Migrator(directory: folder.url, pool: pools[1]).migrate()
        let applied = try await [first, second]

        #expect(applied.map(\.count).sorted() == [0, 1])
        let rows = try await pools[0].query(
            "SELECT (SELECT count(*) FROM haven_migrations) AS recorded, "
                + "(SELECT count(*) FROM pg_tables WHERE tablename = 'raced') AS tables")
        #expect(try rows[0].decode("recorded", as: Int.self) == 1)
        #expect(try rows[0].decode("tables", as: Int.self) == 1)
        for pool in pools { await pool.close() }
    }
}

/// A temporary Migrations folder holding the given files, removed when the test lets go of it.
final class MigrationFolder: Sendable {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appending(path: "haven-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, contents) in files { try write(name, contents) }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: url.appending(path: name))
    }
}
