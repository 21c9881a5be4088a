import Foundation
import PostgresClient

/// Fresh, empty PostgreSQL databases for tests, on the server named by `HAVEN_TEST_DATABASE_URL` or, when
/// that is unset, on a private cluster under `/tmp/haven-test-postgres` started once per process.
public enum TestDatabase {
    /// The environment variable holding an admin conninfo (or URL) for a user allowed to `CREATE DATABASE`.
    public static let serverVariable = "HAVEN_TEST_DATABASE_URL"

    /// Every test database's name starts with this, followed by its creation time in Unix seconds.
    static let namePrefix = "haven_test_"

    /// Test databases older than this are dropped when a test process first connects; no test runs as long.
    static let staleAge: TimeInterval = 3_600

    /// Where the private cluster lives when no server is configured.
    public static let embeddedDirectory = URL(filePath: "/tmp/haven-test-postgres")

    /// Creates a uniquely named, empty database and returns a conninfo (or URL) that connects to it.
    public static func makeDatabase() async throws -> String {
        let admin = try await TestServer.shared.adminConnectionString()
        let created = Int(Date().timeIntervalSince1970)
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let name = "\(namePrefix)\(created)_\(suffix)"

        let connection = try await PostgresConnection.connect(admin)
        do {
            // The name is made here from hex digits only, so it is safe as an identifier.
            try await connection.execute("CREATE DATABASE \(name)")
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        return connectionString(admin, database: name)
    }

    /// The repository's `Migrations` folder, found from this file's place in the source tree.
    public static func migrationsDirectory() -> URL {
        URL(filePath: #filePath)
            .deletingLastPathComponent()  // Tests/HavenTestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the repository
            .appending(path: "Migrations")
    }

    /// Drops test databases left by earlier runs, so that they do not fill the disk; a database still in use
    /// refuses to be dropped, and that refusal is ignored.
    static func dropStaleDatabases(admin: String) async {
        guard let connection = try? await PostgresConnection.connect(admin) else { return }
        let rows =
            (try? await connection.query(
                "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [namePrefix])) ?? []
        let cutoff = Int(Date().timeIntervalSince1970 - staleAge)

        for row in rows {
            guard let name = try? row.decode("datname", as: String.self), isStale(name, cutoff: cutoff) else {
                continue
            }
            // The name matched the prefix and holds only the characters checked in isStale.
            _ = try? await connection.execute("DROP DATABASE IF EXISTS \(name)")
        }
        await connection.close()
    }

    /// Whether `name` is a test database created before `cutoff`; names from before the timestamp was added
    /// count as stale.
    static func isStale(_ name: String, cutoff: Int) -> Bool {
        let rest = name.dropFirst(namePrefix.count)
        guard rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return false }
        guard let created = rest.split(separator: "_").first.flatMap({ Int($0) }) else { return true }
        return created < cutoff
    }

    /// `admin` pointed at `database`: a URL gets a new path, a conninfo a trailing `dbname`, which libpq
    /// lets override an earlier one.
    static func connectionString(_ admin: String, database: String) -> String {
        if admin.hasPrefix("postgres://") || admin.hasPrefix("postgresql://"),
            var components = URLComponents(string: admin)
        {
            components.path = "/" + database
            return components.string ?? admin
        }
        return admin + " dbname=" + database
    }
}

/// Starts the private test cluster at most once per process, however many tests ask at the same time.
actor TestServer {
    static let shared = TestServer()

    // A task rather than a string: the actor is re-entered while the first caller awaits the start, and
    // every later caller must await that same start instead of beginning another.
    private var resolution: Task<String, any Error>?

    func adminConnectionString() async throws -> String {
        if let resolution { return try await resolution.value }

        let resolution = Task { () throws -> String in
            let configured = ProcessInfo.processInfo.environment[TestDatabase.serverVariable]
            // The embedded server is left running after the tests: later runs and other test processes reuse it.
            let admin = if let configured, !configured.isEmpty { configured } else { try await Self.startEmbedded() }
            await TestDatabase.dropStaleDatabases(admin: admin)
            return admin
        }
        self.resolution = resolution
        return try await resolution.value
    }

    /// Starts the cluster on a thread of its own, since starting blocks for seconds on child processes.
    private static func startEmbedded() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "haven.test.postgres").async {
                continuation.resume(
                    with: Result {
                        try EmbeddedPostgres(directory: TestDatabase.embeddedDirectory).start().connectionString
                    })
            }
        }
    }
}
