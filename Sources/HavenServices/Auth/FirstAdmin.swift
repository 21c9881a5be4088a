import HavenLogging
import PostgresClient

/// Makes sure the platform has an admin; the first start creates `admin` and hands back its token once.
enum FirstAdmin {
    static let name = "admin"

    static func ensure(in pool: PostgresPool, logger: Logger) async throws -> String? {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                "INSERT INTO users (name, is_admin) VALUES ($1, true) ON CONFLICT (name) DO NOTHING RETURNING id::text",
                [name])
            guard let row = rows.first else { return nil }
            let token = try await TokenIssuer.issue(on: connection, userID: try row.decode(0), label: "first admin")
            logger.info("first admin created", [.userName: name])
            return token
        }
    }
}
