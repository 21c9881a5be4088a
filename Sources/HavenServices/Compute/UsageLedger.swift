import HavenCore
import PostgresClient

/// GPU-hours from the real start and end times of job attempts: an attempt counts its GPUs times the part of
/// its run inside the month; one still running counts up to now.
enum UsageLedger {
    /// Rows of `(user, attempts, gpu_hours)` for project `$1` in the month starting `$2` (`YYYY-MM-01`, or the
    /// current month when null).
    static let perUserSQL = """
        WITH b AS (
            SELECT date_trunc('month', coalesce($2::date::timestamptz, now())) AS s,
                   date_trunc('month', coalesce($2::date::timestamptz, now())) + interval '1 month' AS e
        )
        SELECT u.name AS user_name, count(*)::int AS attempts,
               coalesce(sum(a.gpus * greatest(extract(epoch FROM least(coalesce(a.ended_at, now()), b.e)
                                                          - greatest(a.started_at, b.s)), 0)), 0)::float8 / 3600
                   AS gpu_hours
        FROM job_attempts a JOIN jobs j ON j.id = a.job_id JOIN users u ON u.id = j.submitted_by, b
        WHERE j.project_id = $1::uuid AND a.started_at IS NOT NULL
          AND a.started_at < b.e AND coalesce(a.ended_at, now()) > b.s
        GROUP BY u.name ORDER BY u.name
        """

    /// What admission counts against the project's quota now.
    static func projectUsage(projectID: String, on connection: PostgresConnection) async throws -> ProjectUsage {
        let hours = try await connection.query(perUserSQL, [projectID, nil as String?])
        let inFlight = try await connection.query(
            """
            SELECT coalesce(sum(gpus), 0)::int AS gpus FROM jobs
            WHERE project_id = $1::uuid AND state IN ('admitted', 'placed', 'running', 'stalled')
            """, [projectID])
        return ProjectUsage(
            gpuHoursThisMonth: try hours.reduce(0) { $0 + (try $1.decode("gpu_hours", as: Double.self)) },
            gpusInFlight: try inFlight[0].decode("gpus"))
    }

    /// GPU-hours per user of project `projectID` in the month `month` (`YYYY-MM`), or the current one.
    static func perUser(projectID: String, month: String?, in pool: PostgresPool) async throws -> [UsageAPI.Row] {
        let rows = try await pool.query(perUserSQL, [projectID, month.map { $0 + "-01" }])
        return try rows.map {
            UsageAPI.Row(
                user: try $0.decode("user_name"), attempts: try $0.decode("attempts"),
                gpuHours: try $0.decode("gpu_hours"))
        }
    }
}
