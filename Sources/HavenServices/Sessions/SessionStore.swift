import Foundation
import HTTPServer
import HavenCore
import HavenCrypto
import PostgresClient

/// Interactive sessions in PostgreSQL: a session is a job of kind `session` with a `job_sessions` row that holds
/// its app, idle limit, gateway address, last activity and the hash of its one-time connection token.
struct SessionStore: Sendable {
    let pool: PostgresPool

    /// How long a connection token stays usable after `connect` hands it out.
    static let tokenLifetime: TimeInterval = 300

    static let selectView = """
        SELECT j.id::text AS id, p.name AS project, s.app, n.name AS pool, j.state, j.gpus,
               coalesce(j.time_limit_hours, 0) AS hours,
               a.placed_at + make_interval(secs => j.time_limit_hours * 3600) AS ends_at,
               s.idle_minutes, s.last_activity_at, u.name AS requested_by, j.message,
               s.address IS NOT NULL AND j.state = 'running' AS ready, j.submitted_by::text AS requested_by_id,
               j.project_id::text AS project_id, s.address
        FROM job_sessions s
        JOIN jobs j ON j.id = s.job_id
        JOIN projects p ON p.id = j.project_id
        JOIN node_pools n ON n.id = j.pool_id
        JOIN users u ON u.id = j.submitted_by
        LEFT JOIN job_attempts a ON a.job_id = j.id AND a.attempt = j.attempt
        """

    /// A session and the facts access checks need: its project and the user who requested it.
    struct Record: Sendable {
        var view: SessionAPI.View
        var projectID: String
        var requestedByID: String
        var address: String?
    }

    func session(id: String) async throws -> Record {
        guard UUID(uuidString: id) != nil else {
            throw HTTPError.badRequest("`\(id)` is not a session id; `haven session list` shows them")
        }
        let rows = try await pool.query(Self.selectView + " WHERE s.job_id = $1::uuid", [id])
        guard let row = rows.first else { throw HTTPError.notFound("no session `\(id)`") }
        return try Self.record(row)
    }

    func sessions(projectID: String) async throws -> [SessionAPI.View] {
        let rows = try await pool.query(
            Self.selectView + " WHERE j.project_id = $1::uuid ORDER BY j.submitted_at", [projectID])
        return try rows.map { try Self.record($0).view }
    }

    /// Stores a new session's settings in its job's submitting transaction.
    static func insert(jobID: String, app: SessionApp, idleMinutes: Double, on connection: PostgresConnection)
        async throws
    {
        try await connection.execute(
            "INSERT INTO job_sessions (job_id, app, idle_minutes) VALUES ($1::uuid, $2, $3)",
            [jobID, app.rawValue, idleMinutes])
    }

    static func record(_ row: PostgresRow) throws -> Record {
        let view = try SessionAPI.View(
            id: row.decode("id"), project: row.decode("project"),
            app: SessionApp(rawValue: row.decode("app")) ?? .shell, pool: row.decode("pool"),
            state: JobState(rawValue: row.decode("state")) ?? .failed, gpus: row.decode("gpus"),
            hours: row.decode("hours"), endsAt: row.decode("ends_at"), idleMinutes: row.decode("idle_minutes"),
            lastActivityAt: row.decode("last_activity_at"), requestedBy: row.decode("requested_by"),
            message: row.decode("message"), ready: row.decode("ready"))
        return try Record(
            view: view, projectID: row.decode("project_id"), requestedByID: row.decode("requested_by_id"),
            address: row.decode("address"))
    }

    /// Records where the session's gateway listens.
    func setGateway(_ address: String, sessionID: String) async throws {
        try await pool.execute(
            "UPDATE job_sessions SET address = $2 WHERE job_id = $1::uuid", [sessionID, address])
    }

    /// Records a heartbeat's idle time as the session's last activity.
    static func noteActivity(jobID: String, idleSeconds: Double, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE job_sessions SET last_activity_at = clock_timestamp() - make_interval(secs => $2)
            WHERE job_id = $1::uuid
            """, [jobID, max(idleSeconds, 0)])
    }
}
