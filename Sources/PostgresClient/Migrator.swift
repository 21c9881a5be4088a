import Foundation
import HavenLogging

/// Applies the numbered SQL files of a folder to the database, each once, in order, each in a transaction
/// together with its row in `haven_migrations`.
///
/// A run holds a session advisory lock throughout, so a second process migrating at the same time waits
/// and then finds nothing pending. Checksums are SHA-256 as computed by the server's own `sha256()`.
/// A file may hold several statements but no `BEGIN` or `COMMIT` of its own, and nothing that cannot run
/// inside a transaction (such as `CREATE INDEX CONCURRENTLY`).
public struct Migrator: Sendable {
    /// The advisory lock key every Haven migration run takes; the digits spell nothing, they only need to
    /// differ from the keys other Haven components lock.
    static let advisoryLockKey: Int64 = 7_284_362_015

    let directory: URL
    let pool: PostgresPool
    let logger: Logger

    /// Makes a migrator for the files in `directory`.
    public init(directory: URL, pool: PostgresPool, logger: Logger = .disabled) {
        self.directory = directory
        self.pool = pool
        self.logger = logger
    }

    /// Applies every pending migration and returns those applied by this call, in order.
    ///
    /// - Throws: ``PostgresError/Code/migration`` if an applied migration's file was edited or removed, or
    ///   if a migration fails (its transaction is rolled back and later ones are not tried).
    public func migrate() async throws -> [Migration] {
        let files = try MigrationFile.load(from: directory)
        return try await pool.withConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock($1)", [Self.advisoryLockKey])
            do {
                let applied = try await applyPending(files, on: connection)
                try await connection.execute("SELECT pg_advisory_unlock($1)", [Self.advisoryLockKey])
                return applied
            } catch {
                // The lock is per session, so a failed unlock ends with the session anyway.
                _ = try? await connection.execute("SELECT pg_advisory_unlock($1)", [Self.advisoryLockKey])
                throw error
            }
        }
    }

    /// What is applied and what is pending, after checking that applied files are unchanged.
    public func status() async throws -> MigrationStatus {
        let files = try MigrationFile.load(from: directory)
        return try await pool.withConnection { connection in
            let applied = try await appliedMigrations(on: connection)
            let pending = try await verify(files, against: applied, on: connection)
            return MigrationStatus(applied: applied, pending: pending)
        }
    }

    private func applyPending(_ files: [MigrationFile], on connection: PostgresConnection) async throws
        -> [Migration]
    {
        try await connection.executeScript(
            """
            CREATE TABLE IF NOT EXISTS haven_migrations (
                version int PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let applied = try await appliedMigrations(on: connection)
        let pending = try await verify(files, against: applied, on: connection)

        var appliedNow: [Migration] = []
        for migration in pending {
            let file = files.first { $0.version == migration.version }!
            try await apply(file, as: migration, on: connection)
            appliedNow.append(migration)
        }
        return appliedNow
    }

    private func apply(_ file: MigrationFile, as migration: Migration, on connection: PostgresConnection)
        async throws
    {
        do {
            try await connection.transaction(.readCommitted) { connection in
                try await connection.executeScript(file.sql)
                try await connection.execute(
                    "INSERT INTO haven_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, migration.checksum])
            }
        } catch let error as PostgresError {
            throw PostgresError(
                .migration,
                "migration \(file.name) failed and was rolled back: \(error.message); fix the file and run again",
                sqlState: error.sqlState)
        }
        logger.debug("applied migration", [.migration: file.name])
    }

    private func appliedMigrations(on connection: PostgresConnection) async throws -> [Migration] {
        let exists = try await connection.query("SELECT to_regclass('haven_migrations') IS NOT NULL AS present")
        guard try exists.first?.decode("present", as: Bool.self) == true else { return [] }

        let rows = try await connection.query("SELECT version, name, checksum FROM haven_migrations ORDER BY version")
        return try rows.map { row in
            Migration(
                version: try row.decode("version"), name: try row.decode("name"), checksum: try row.decode("checksum"))
        }
    }

    /// Checks applied migrations against their files and returns the files not yet applied, as migrations.
    private func verify(_ files: [MigrationFile], against applied: [Migration], on connection: PostgresConnection)
        async throws -> [Migration]
    {
        let checksums = try await Self.checksums(of: files, on: connection)
        let filesByVersion = Dictionary(uniqueKeysWithValues: zip(files.map(\.version), zip(files, checksums)))

        for migration in applied {
            guard let (file, checksum) = filesByVersion[migration.version] else {
                throw PostgresError(
                    .migration,
                    "migration \(migration.name) (version \(migration.version)) is applied but its file is missing "
                        + "from \(directory.path); restore the file")
            }
            guard checksum == migration.checksum else {
                throw PostgresError(
                    .migration,
                    "migration \(file.name) was edited after it was applied (checksum differs); restore the applied "
                        + "version and add a new migration for the change instead")
            }
        }

        let appliedVersions = Set(applied.map(\.version))
        return zip(files, checksums).filter { !appliedVersions.contains($0.0.version) }.map { file, checksum in
            Migration(version: file.version, name: file.name, checksum: checksum)
        }
    }

    /// Hex SHA-256 of each file's bytes, computed by the server so that this module needs no crypto library.
    private static func checksums(of files: [MigrationFile], on connection: PostgresConnection) async throws
        -> [String]
    {
        var checksums: [String] = []
        for file in files {
            let rows = try await connection.query("SELECT encode(sha256($1), 'hex') AS checksum", [file.contents])
            checksums.append(try rows[0].decode("checksum"))
        }
        return checksums
    }
}
