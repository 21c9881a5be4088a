import Foundation
import HTTPServer
import HavenCore
import HavenLogging
import PostgresClient
import Synchronization

/// The policy in force on this replica, its stored versions, and the NOTIFY that tells every replica to reload.
///
/// Until an admin applies a policy, Haven runs `DefaultPolicy`, the rules of the shipped `Policies/` files.
final class PolicyStore: QuotaSource {
    /// The channel on which an apply or rollback announces the new version to every replica.
    static let channel = "haven_policy"

    let pool: PostgresPool
    let logger: Logger
    private let loaded = Mutex<(version: Int?, policy: PolicySet)>((nil, DefaultPolicy.policy))

    init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger.named("haven.policy")
    }

    /// The policy this replica decides by now.
    var current: PolicySet { loaded.withLock { $0.policy } }

    /// The stored version in force, or `nil` for the built-in policy.
    var currentVersion: Int? { loaded.withLock { $0.version } }

    /// The compute limits the policy in force sets for the project named `name`, for admission control.
    func quota(forProject name: String) -> ProjectQuota {
        current.quota(forProject: name)
    }

    /// Reads the active version from the database and decides by it from now on.
    func reload() async throws {
        let rows = try await pool.query(
            """
            SELECT v.version, v.files::text AS files FROM policy_active a
            JOIN policy_versions v ON v.version = a.version
            """)
        guard let row = rows.first else {
            loaded.withLock { $0 = (nil, DefaultPolicy.policy) }
            return
        }
        let version: Int = try row.decode("version")
        let files = try JSONDecoder().decode(
            [PolicyFile].self, from: Data(try row.decode("files", as: String.self).utf8))
        let policy = try PolicyDocument.policy(from: files)
        // Versions only grow (a rollback is a new version), so a reload that finishes late never undoes a newer one.
        loaded.withLock { if version >= ($0.version ?? 0) { $0 = (version, policy) } }
        logger.info("policy loaded", [.version: "\(version)"])
    }

    /// Reloads whenever another replica (or this one) announces a new version, until cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                let notifications = try await pool.listen(Self.channel)
                try await reload()
                for try await _ in notifications { try await reload() }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("following policy changes failed; retrying", [.error: "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Stores `files` as the next version and makes it active, in `connection`'s transaction; announces it on
    /// commit. Returns the new version number.
    func store(
        _ files: [PolicyFile], by userID: String, restores: Int? = nil, on connection: PostgresConnection
    ) async throws -> Int {
        try await connection.execute("LOCK TABLE policy_active IN EXCLUSIVE MODE")
        let next: Int = try await connection.query("SELECT COALESCE(max(version), 0) + 1 AS next FROM policy_versions")[
            0
        ]
        .decode("next")
        let json = String(decoding: try JSONEncoder().encode(files.sorted { $0.name < $1.name }), as: UTF8.self)
        try await connection.execute(
            """
            INSERT INTO policy_versions (version, content_hash, files, applied_by, restores)
            VALUES ($1, $2, $3::jsonb, $4::uuid, $5)
            """, [next, PolicyDocument.contentHash(files), json, userID, restores])
        try await connection.execute(
            """
            INSERT INTO policy_active (singleton, version) VALUES (true, $1)
            ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version
            """, [next])
        try await connection.execute("SELECT pg_notify($1, $2)", [Self.channel, String(next)])
        return next
    }

    /// The files of a stored version, or a 404 that names it.
    func files(ofVersion version: Int) async throws -> [PolicyFile] {
        let rows = try await pool.query(
            "SELECT files::text AS files FROM policy_versions WHERE version = $1", [version])
        guard let row = rows.first else {
            throw HTTPError.notFound("no policy version \(version); `haven policy history` lists the versions")
        }
        return try JSONDecoder().decode([PolicyFile].self, from: Data(try row.decode("files", as: String.self).utf8))
    }

    /// Every stored version, newest first.
    func history() async throws -> [PolicyAPI.Version] {
        let rows = try await pool.query(
            """
            SELECT v.version, v.content_hash, u.name AS applied_by, v.applied_at, v.restores,
                   v.version = (SELECT version FROM policy_active) AS active
            FROM policy_versions v JOIN users u ON u.id = v.applied_by ORDER BY v.version DESC
            """)
        return try rows.map { row in
            try PolicyAPI.Version(
                version: row.decode("version"), contentHash: row.decode("content_hash"),
                appliedBy: row.decode("applied_by"), appliedAt: row.decode("applied_at"),
                restores: row.decode("restores"), active: row.decode("active", as: Bool?.self) ?? false)
        }
    }
}
